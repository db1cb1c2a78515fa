/** 上报报表 in the side menu: the office, the supervision bureau, the admin and the viewer of the region. */
import { CloudUploadOutlined } from '@ant-design/icons';
import { access } from '../../lib/access';
import type { MenuEntry } from '../../lib/menu';

export const upwardReportsMenu: MenuEntry[] = [
  {
    path: '/reports/upward',
    icon: <CloudUploadOutlined />,
    label: 'nav.upwardReports',
    testId: 'nav-upward-reports',
    allow: access.upwardReports,
  },
];
