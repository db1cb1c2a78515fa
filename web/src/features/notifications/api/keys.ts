/** Query keys of the inbox, the robots and the outbox. */
export const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread-count'] as const,
  list: (unreadOnly: boolean) => ['notifications', 'list', unreadOnly] as const,
  robots: ['notification-robots'] as const,
  outbox: (status: string) => ['notification-outbox', status] as const,
};
