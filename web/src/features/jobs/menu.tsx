/** The scheduled jobs' entry in the 系统管理 part of the side menu (the system administrator). */
import { FieldTimeOutlined } from '@ant-design/icons';
import { access } from '../../lib/access';
import type { MenuEntry } from '../../lib/menu';

export const jobsMenu: MenuEntry[] = [
  { path: '/admin/jobs', icon: <FieldTimeOutlined />, label: 'nav.jobs', testId: 'nav-jobs', allow: access.jobs },
];
