/** The Excel imports' entry in the side menu (the office's). */
import { ImportOutlined } from '@ant-design/icons';
import { access } from '../../lib/access';
import type { MenuEntry } from '../../lib/menu';

export const importsMenu: MenuEntry[] = [
  { path: '/imports', icon: <ImportOutlined />, label: 'nav.imports', testId: 'nav-imports', allow: access.imports },
];
