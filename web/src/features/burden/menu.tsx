/** The burden measured 填报负担 in 系统管理: the admin and the office of the region. */
import { FieldTimeOutlined } from '@ant-design/icons';
import { access } from '../../lib/access';
import type { MenuEntry } from '../../lib/menu';

export const burdenMenu: MenuEntry[] = [
  { path: '/admin/burden', icon: <FieldTimeOutlined />, label: 'nav.burden', testId: 'nav-burden', allow: access.burden },
];
