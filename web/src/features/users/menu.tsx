/** Account management's entry in the 系统管理 part of the side menu (admins). */
import { UserOutlined } from '@ant-design/icons';
import { access } from '../../lib/access';
import type { MenuEntry } from '../../lib/menu';

export const usersMenu: MenuEntry[] = [
  { path: '/admin/users', icon: <UserOutlined />, label: 'nav.users', testId: 'nav-users', allow: access.users },
];
