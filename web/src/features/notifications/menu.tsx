/** The notifications' admin entries in 系统管理: the group robots and their outbox (the administrator). The inbox is the header bell. */
import { MessageOutlined, SendOutlined } from '@ant-design/icons';
import { access } from '../../lib/access';
import type { MenuEntry } from '../../lib/menu';

export const notificationsAdminMenu: MenuEntry[] = [
  {
    path: '/admin/notification-robots',
    icon: <MessageOutlined />,
    label: 'nav.notificationRobots',
    testId: 'nav-notification-robots',
    allow: access.notificationRobots,
  },
  {
    path: '/admin/notification-outbox',
    icon: <SendOutlined />,
    label: 'nav.notificationOutbox',
    testId: 'nav-notification-outbox',
    allow: access.notificationRobots,
  },
];
