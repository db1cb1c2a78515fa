/** The problems entry in the side menu (everyone doing project work). */
import { IssuesCloseOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../lib/menu';

export const problemsMenu: MenuEntry[] = [
  { path: '/problems', icon: <IssuesCloseOutlined />, label: 'nav.problems', testId: 'nav-problems' },
];
