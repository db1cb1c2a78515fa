/** The dashboard's entry in the side menu (every role). */
import { DashboardOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../lib/menu';

export const dashboardMenu: MenuEntry[] = [
  { path: '/dashboard', icon: <DashboardOutlined />, label: 'nav.dashboard', testId: 'nav-dashboard' },
];
