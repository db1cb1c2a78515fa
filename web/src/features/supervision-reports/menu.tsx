/** The supervision reports entry (周调度 / 月督导通报): the bureau drafts and publishes, leaders and units read. */
import { FileTextOutlined } from '@ant-design/icons';
import { access } from '../../lib/access';
import type { MenuEntry } from '../../lib/menu';

export const supervisionReportsMenu: MenuEntry[] = [
  {
    path: '/supervision/reports',
    icon: <FileTextOutlined />,
    label: 'nav.supervisionReports',
    testId: 'nav-supervision-reports',
    allow: access.supervisionReports,
  },
];
