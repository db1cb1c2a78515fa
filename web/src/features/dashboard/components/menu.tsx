/** The dashboard's and the "three batches" entries in the side menu (every role reads both). */
import { Link } from 'react-router';
import type { MenuProps } from 'antd';
import { DashboardOutlined, FlagOutlined } from '@ant-design/icons';

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
    {
      key: '/batches',
      icon: <FlagOutlined />,
      label: (
        <Link to="/batches" data-testid="nav-batches">
          {t('nav.batches')}
        </Link>
      ),
    },
  ];
}
