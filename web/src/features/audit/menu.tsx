/** The audit log's entry in the 系统管理 part of the side menu (admins). */
import { AuditOutlined } from '@ant-design/icons';
import { access } from '../../lib/access';
import type { MenuEntry } from '../../lib/menu';

export const auditMenu: MenuEntry[] = [
  { path: '/admin/audit', icon: <AuditOutlined />, label: 'nav.audit', testId: 'nav-audit', allow: access.audit },
];
