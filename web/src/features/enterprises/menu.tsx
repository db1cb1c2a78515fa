/** The enterprises' entry in the 系统管理 part of the side menu (the office's reference data). */
import { ShopOutlined } from '@ant-design/icons';
import { access } from '../../lib/access';
import type { MenuEntry } from '../../lib/menu';

export const enterprisesMenu: MenuEntry[] = [
  {
    path: '/admin/enterprises',
    icon: <ShopOutlined />,
    label: 'nav.enterprises',
    testId: 'nav-enterprises',
    allow: access.referenceData,
  },
];
