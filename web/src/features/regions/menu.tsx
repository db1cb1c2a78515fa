/** The regions' entry in the 系统管理 part of the side menu (admins). */
import { EnvironmentOutlined } from '@ant-design/icons';
import { access } from '../../lib/access';
import type { MenuEntry } from '../../lib/menu';

export const regionsMenu: MenuEntry[] = [
  { path: '/admin/regions', icon: <EnvironmentOutlined />, label: 'nav.regions', testId: 'nav-regions', allow: access.regions },
];
