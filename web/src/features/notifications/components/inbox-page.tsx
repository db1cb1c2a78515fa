/**
 * 我的通知: the own inbox, unread first, then newest first. A notification opens its record (and is marked
 * read); 标为已读 / 全部标为已读 without opening. Cards at every width: a notification is read, not compared.
 */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Badge, Button, Card, Empty, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { notificationKindLabels, type Notification } from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import { labelOf } from '../../../lib/i18n';
import { useInbox, useMarkAllRead, useMarkRead, useUnreadCount } from '../api/inbox';
import './notifications.css';

const kindColor: Record<Notification['kind'], string> = {
  warning: 'orange',
  escalation: 'red',
  supervision_item: 'blue',
  deadline: 'gold',
  bulletin: 'purple',
  digest: 'cyan',
  system: 'default',
};

export default function InboxPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const inbox = useInbox(unreadOnly);
  const unread = useUnreadCount().data?.unread ?? 0;
  const markAll = useMarkAllRead();
  const items = inbox.data?.pages.flatMap((p) => p.items) ?? [];

  const readAll = () =>
    markAll.mutate(undefined, {
      onSuccess: (r) => message.success(t('notifications.allMarked', { count: r.marked })),
      onError: (e) => message.error(describeError(e)),
    });

  return (
    <div className="kpc-page">
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('notifications.title')}
          </Typography.Title>
        }
        extra={
          <Button
            icon={<CheckOutlined />}
            disabled={unread === 0}
            loading={markAll.isPending}
            onClick={readAll}
            data-testid="inbox-read-all"
          >
            <span className="kpc-hide-phone">{t('notifications.readAll')}</span>
          </Button>
        }
      >
        <Segmented
          style={{ marginBottom: 12 }}
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(v) => setUnreadOnly(v === 'unread')}
          options={[
            { value: 'all', label: t('notifications.all') },
            { value: 'unread', label: `${t('notifications.unread')}${unread > 0 ? ` (${unread})` : ''}` },
          ]}
          data-testid="inbox-filter"
        />
        {inbox.error ? (
          <Alert type="error" showIcon title={describeError(inbox.error)} />
        ) : inbox.isPending ? (
          <Skeleton active />
        ) : items.length === 0 ? (
          <Empty description={unreadOnly ? t('notifications.noneUnread') : t('notifications.none')} />
        ) : (
          <>
            {items.map((n) => (
              <NotificationCard key={n.id} n={n} />
            ))}
            {inbox.hasNextPage && (
              <Button
                block
                onClick={() => void inbox.fetchNextPage()}
                loading={inbox.isFetchingNextPage}
                data-testid="inbox-more"
              >
                {t('notifications.more')}
              </Button>
            )}
          </>
        )}
      </Card>
    </div>
  );
}

function NotificationCard({ n }: { n: Notification }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const unread = n.readAt === null;

  const open = () => {
    if (unread) markRead.mutate(n.id, { onError: (e) => message.error(describeError(e)) });
    if (n.link) navigate(n.link);
  };

  return (
    <Card
      size="small"
      className={`kpc-notification${unread ? ' kpc-notification-unread' : ''}`}
      data-testid="inbox-item"
      data-unread={unread ? 'true' : 'false'}
      hoverable={Boolean(n.link) || unread}
      onClick={open}
    >
      <div className="kpc-notification-head">
        {unread && <Badge status="processing" />}
        <Typography.Text strong={unread} className="kpc-notification-title" data-testid="inbox-item-title">
          {n.title}
        </Typography.Text>
      </div>
      <Space size={[6, 2]} wrap style={{ marginBottom: 4 }}>
        <Tag color={kindColor[n.kind]} style={{ marginInlineEnd: 0 }}>
          {labelOf(notificationKindLabels, n.kind)}
        </Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}
        </Typography.Text>
      </Space>
      {n.body && <div className="kpc-notification-body">{n.body}</div>}
      <Space size={12} style={{ marginTop: 4 }}>
        {n.link && <Typography.Link onClick={(e) => (e.stopPropagation(), open())}>{t('notifications.open')}</Typography.Link>}
        {unread && (
          <Typography.Link
            onClick={(e) => {
              e.stopPropagation();
              markRead.mutate(n.id, { onError: (err) => message.error(describeError(err)) });
            }}
            data-testid="inbox-item-read"
          >
            {t('notifications.markRead')}
          </Typography.Link>
        )}
      </Space>
    </Card>
  );
}
