/** The settings' entry in the 系统管理 part of the side menu (admins). */
import { SettingOutlined } from '@ant-design/icons';
import { access } from '../../lib/access';
import type { MenuEntry } from '../../lib/menu';

export const settingsMenu: MenuEntry[] = [
  { path: '/admin/settings', icon: <SettingOutlined />, label: 'nav.settings', testId: 'nav-settings', allow: access.settings },
];
