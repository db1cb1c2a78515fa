/** 本周周报 in the side menu: the units and enterprises that report on projects. */
import { FormOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../lib/menu';
import { access } from '../../lib/access';

export const weeklyUpdatesMenu: MenuEntry[] = [
  {
    path: '/weekly-updates',
    icon: <FormOutlined />,
    label: 'nav.weeklyUpdates',
    testId: 'nav-weekly-updates',
    allow: access.weeklyUpdates,
  },
];
