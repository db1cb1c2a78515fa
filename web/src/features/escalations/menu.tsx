/** The workbench entry in the side menu, for the supervision bureau, with the number of things waiting. */
import { CarryOutOutlined } from '@ant-design/icons';
import { BadgeLink } from '../../components/badge-link';
import { access } from '../../lib/access';
import type { MenuEntry } from '../../lib/menu';
import { useWorkbench } from './api/escalations';

function WorkbenchLabel({ text }: { text: string }) {
  const { data } = useWorkbench({ refetchInterval: 120_000 });
  return (
    <BadgeLink to="/workbench" testId="nav-workbench" badgeTestId="workbench-badge" count={data?.counts.total ?? 0}>
      {text}
    </BadgeLink>
  );
}

export const workbenchMenu: MenuEntry[] = [
  {
    path: '/workbench',
    icon: <CarryOutOutlined />,
    label: 'nav.workbench',
    testId: 'nav-workbench',
    allow: access.workbench,
    render: (text) => <WorkbenchLabel text={text} />,
  },
];
