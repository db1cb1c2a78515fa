/** The supervision colours entry in the side menu (everyone doing project work sees the colours of their projects). */
import { BgColorsOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../lib/menu';

export const supervisionMenu: MenuEntry[] = [
  { path: '/supervision', icon: <BgColorsOutlined />, label: 'nav.supervision', testId: 'nav-supervision' },
];
