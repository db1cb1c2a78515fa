/** The cross-project ledger's entry in the side menu (every role). */
import { UnorderedListOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../lib/menu';

export const ledgerMenu: MenuEntry[] = [
  { path: '/ledger', icon: <UnorderedListOutlined />, label: 'nav.ledger', testId: 'nav-ledger' },
];
