/** The dashboard's entry in the side menu (every role reads the dashboard). */
import { Link } from 'react-router';
import type { MenuProps } from 'antd';
import { DashboardOutlined } from '@ant-design/icons';

type MenuItem = Required<MenuProps>['items'][number];

export function dashboardMenuItems(t: (k: string) => string): MenuItem[] {
  return [
    {
      key: '/dashboard',
      icon: <DashboardOutlined />,
      label: (
        <Link to="/dashboard" data-testid="nav-dashboard">
          {t('nav.dashboard')}
        </Link>
      ),
    },
  ];
}
