/** The supervision entries in the side menu: the colours (everyone doing project work) and the supervision-item board. */
import { BgColorsOutlined, FlagOutlined } from '@ant-design/icons';
import { access } from '../../lib/access';
import type { MenuEntry } from '../../lib/menu';

export const supervisionMenu: MenuEntry[] = [
  { path: '/supervision', icon: <BgColorsOutlined />, label: 'nav.supervision', testId: 'nav-supervision' },
  {
    path: '/supervision/items',
    icon: <FlagOutlined />,
    label: 'nav.supervisionItems',
    testId: 'nav-supervision-items',
    allow: access.supervisionItems,
  },
];
