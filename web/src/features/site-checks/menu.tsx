/** Site checks 实地检查 in the side menu (everyone doing project work; what they list follows the read scope). */
import { EnvironmentOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../lib/menu';

export const siteChecksMenu: MenuEntry[] = [
  { path: '/site-checks', icon: <EnvironmentOutlined />, label: 'nav.siteChecks', testId: 'nav-site-checks' },
];
