/** The portfolio Gantt chart's entry in the side menu (every role). */
import { BarChartOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../lib/menu';

export const ganttMenu: MenuEntry[] = [{ path: '/gantt', icon: <BarChartOutlined />, label: 'nav.gantt', testId: 'nav-gantt' }];
