/** The project list's entry in the side menu (every role). */
import { ProjectOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../lib/menu';

export const projectsMenu: MenuEntry[] = [
  { path: '/projects', icon: <ProjectOutlined />, label: 'nav.projects', testId: 'nav-projects' },
];
