/** The header bell 通知: the unread count as a badge (polled every minute); opens the inbox. */
import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUnreadCount } from '../api/inbox';

export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data } = useUnreadCount();
  const unread = data?.unread ?? 0;
  return (
    <Button
      type="text"
      aria-label={unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')}
      data-testid="notification-bell"
      onClick={() => navigate('/inbox')}
      style={{ paddingInline: 6 }}
    >
      <Badge count={unread} size="small" overflowCount={99} offset={[2, -2]} data-testid="notification-badge">
        <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
      </Badge>
    </Button>
  );
}
