/** The 节点预警 entry of the side menu (every role), with the number of overdue nodes (one count query). */
import { Link } from 'react-router';
import { Badge, type MenuProps } from 'antd';
import { AlertOutlined } from '@ant-design/icons';
import { alertQuery, useMilestoneList } from '../api/list-milestones';

type MenuItem = Required<MenuProps>['items'][number];

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

export function milestoneMenuItems(t: (k: string) => string): MenuItem[] {
  return [{ key: '/milestones/alerts', icon: <AlertOutlined />, label: <AlertsLabel text={t('nav.milestoneAlerts')} /> }];
}
