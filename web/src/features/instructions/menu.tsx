/** The leader instructions entry in the side menu (everyone doing project work). */
import { AuditOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../lib/menu';

export const instructionsMenu: MenuEntry[] = [
  { path: '/instructions', icon: <AuditOutlined />, label: 'nav.instructions', testId: 'nav-instructions' },
];
