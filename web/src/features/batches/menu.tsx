/** The "three batches" entry in the side menu (every role reads it). */
import { FlagOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../lib/menu';

export const batchesMenu: MenuEntry[] = [
  { path: '/batches', icon: <FlagOutlined />, label: 'nav.batches', testId: 'nav-batches' },
];
