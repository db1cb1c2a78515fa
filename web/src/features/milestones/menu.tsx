/** The 节点预警 entry of the side menu (every role), with the number of overdue nodes (one count query). */
import { AlertOutlined } from '@ant-design/icons';
import { BadgeLink } from '../../components/badge-link';
import type { MenuEntry } from '../../lib/menu';
import { alertQuery, useMilestoneList } from './api/list-milestones';

function AlertsLabel({ text }: { text: string }) {
  const { data } = useMilestoneList(alertQuery('overdue', {}, 1, 1), { refetchInterval: 300_000 });
  return (
    <BadgeLink
      to="/milestones/alerts"
      testId="nav-milestone-alerts"
      badgeTestId="milestone-alerts-badge"
      count={data?.total ?? 0}
    >
      {text}
    </BadgeLink>
  );
}

export const milestonesMenu: MenuEntry[] = [
  {
    path: '/milestones/alerts',
    icon: <AlertOutlined />,
    label: 'nav.milestoneAlerts',
    testId: 'nav-milestone-alerts',
    render: (text) => <AlertsLabel text={text} />,
  },
];
