/** Meetings 会议调度 and decisions 议定事项 in the side menu (every role; what they list follows the read scope). */
import { CheckSquareOutlined, TeamOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../lib/menu';

export const meetingsMenu: MenuEntry[] = [
  { path: '/meetings', icon: <TeamOutlined />, label: 'nav.meetings', testId: 'nav-meetings' },
  { path: '/decisions', icon: <CheckSquareOutlined />, label: 'nav.decisions', testId: 'nav-decisions' },
];
