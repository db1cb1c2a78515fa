/** The units' entry in the 系统管理 part of the side menu (the office's reference data). */
import { BankOutlined } from '@ant-design/icons';
import { access } from '../../lib/access';
import type { MenuEntry } from '../../lib/menu';

export const unitsMenu: MenuEntry[] = [
  { path: '/admin/units', icon: <BankOutlined />, label: 'nav.units', testId: 'nav-units', allow: access.referenceData },
];
