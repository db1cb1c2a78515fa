/** The weekly quota 周督查 in the side menu: the office, supervisor, viewer, admin and leaders (not units or enterprises). */
import { FieldTimeOutlined } from '@ant-design/icons';
import { access } from '../../lib/access';
import type { MenuEntry } from '../../lib/menu';

export const complianceMenu: MenuEntry[] = [
  {
    path: '/compliance',
    icon: <FieldTimeOutlined />,
    label: 'nav.compliance',
    testId: 'nav-compliance',
    allow: access.compliance,
  },
];
