/**
 * The supervision entries in the side menu: the colours (everyone doing project work sees those of their
 * projects), the supervision-item board, and the colour rule editor (the supervision bureau and the admin).
 */
import { BgColorsOutlined, ControlOutlined, FlagOutlined } from '@ant-design/icons';
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
  {
    path: '/supervision/rules',
    icon: <ControlOutlined />,
    label: 'nav.supervisionRules',
    testId: 'nav-supervision-rules',
    allow: access.ragRules,
  },
];
