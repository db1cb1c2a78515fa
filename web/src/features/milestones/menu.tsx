/** The 节点预警 entry of the side menu (every role), with the number of overdue nodes (one count query). */
import { Link } from 'react-router';
import { Badge } from 'antd';
import { AlertOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../lib/menu';
import { alertQuery, useMilestoneList } from './api/list-milestones';

function AlertsLabel({ text }: { text: string }) {
  const { data } = useMilestoneList(alertQuery('overdue', {}, 1, 1), { refetchInterval: 300_000 });
  return (
    <Link to="/milestones/alerts" data-testid="nav-milestone-alerts">
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
        {text}
        <Badge count={data?.total ?? 0} size="small" overflowCount={99} data-testid="milestone-alerts-badge" />
      </span>
    </Link>
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
