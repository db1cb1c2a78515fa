/** The leaders' entry in the 系统管理 part of the side menu (the office's reference data). */
import { CrownOutlined } from '@ant-design/icons';
import { access } from '../../lib/access';
import type { MenuEntry } from '../../lib/menu';

export const leadersMenu: MenuEntry[] = [
  { path: '/admin/leaders', icon: <CrownOutlined />, label: 'nav.leaders', testId: 'nav-leaders', allow: access.referenceData },
];
