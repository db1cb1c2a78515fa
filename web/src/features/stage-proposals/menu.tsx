/** The stage proposals entry in the side menu, with the number waiting for the office (one cheap count query). */
import { NodeIndexOutlined } from '@ant-design/icons';
import { BadgeLink } from '../../components/badge-link';
import { access } from '../../lib/access';
import type { MenuEntry } from '../../lib/menu';
import { useStageProposals } from './api/stage-proposals';

function ProposalsLabel({ text }: { text: string }) {
  const { data } = useStageProposals({ status: 'proposed', pageSize: 1 }, { refetchInterval: 120_000 });
  return (
    <BadgeLink to="/stage-proposals" testId="nav-stage-proposals" badgeTestId="stage-proposals-badge" count={data?.total ?? 0}>
      {text}
    </BadgeLink>
  );
}

export const stageProposalsMenu: MenuEntry[] = [
  {
    path: '/stage-proposals',
    icon: <NodeIndexOutlined />,
    label: 'nav.stageProposals',
    testId: 'nav-stage-proposals',
    allow: access.stageProposals,
    render: (text) => <ProposalsLabel text={text} />,
  },
];
