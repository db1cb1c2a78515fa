/**
 * 消息发送记录: the robots' outbox. By default what is failing — dead after the last attempt, or waiting
 * for its next try after a failure — with the receiver's last answer; 重试 sends a failed one again now.
 * A table on a wide screen, cards (the status and the error first) on a phone.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Empty, Grid, Segmented, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { RedoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { outboxStatusLabels, robotKindLabels, type OutboxEntry } from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import { labelOf } from '../../../lib/i18n';
import { useOutbox, useRetryOutbox, type OutboxFilter } from '../api/outbox';
import './notifications.css';

const at = (iso: string | null) => (iso ? dayjs(iso).format('MM-DD HH:mm:ss') : '—');

function StatusTag({ e }: { e: OutboxEntry }) {
  const { t } = useTranslation();
  if (e.status === 'pending' && e.lastError) return <Tag color="orange">{t('outbox.retrying')}</Tag>;
  const color = { pending: 'blue', sent: 'green', dead: 'red' }[e.status];
  return <Tag color={color}>{labelOf(outboxStatusLabels, e.status)}</Tag>;
}

function RetryButton({ e }: { e: OutboxEntry }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const retry = useRetryOutbox();
  if (e.status === 'sent') return null;
  return (
    <Button
      size="small"
      icon={<RedoOutlined />}
      loading={retry.isPending}
      data-testid={`outbox-retry-${e.id}`}
      onClick={() =>
        retry.mutate(e.id, {
          onSuccess: () => message.success(t('outbox.retried')),
          onError: (err) => message.error(describeError(err)),
        })
      }
    >
      {t('outbox.retry')}
    </Button>
  );
}

export default function OutboxPage() {
  const { t } = useTranslation();
  const isPhone = !Grid.useBreakpoint().md;
  const [status, setStatus] = useState<OutboxFilter>('failing');
  const { data, isPending, error } = useOutbox(status);

  return (
    <div className="kpc-page">
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('nav.notificationOutbox')}
          </Typography.Title>
        }
        extra={<Link to="/admin/notification-robots">{t('nav.notificationRobots')}</Link>}
      >
        <Typography.Paragraph type="secondary">{t('outbox.intro')}</Typography.Paragraph>
        <Segmented
          style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }}
          value={status}
          onChange={(v) => setStatus(v as OutboxFilter)}
          options={(['failing', 'pending', 'dead', 'sent'] as const).map((s) => ({ value: s, label: t(`outbox.filter.${s}`) }))}
          data-testid="outbox-filter"
        />
        {error ? (
          <Alert type="error" showIcon title={describeError(error)} />
        ) : isPending ? (
          <Skeleton active />
        ) : data.items.length === 0 ? (
          <Empty description={t('outbox.none')} />
        ) : isPhone ? (
          data.items.map((e) => (
            <Card key={e.id} size="small" className="kpc-robot-card" data-testid="outbox-card">
              <Space wrap size={[6, 4]}>
                <StatusTag e={e} />
                <Typography.Text strong>{e.title}</Typography.Text>
              </Space>
              {e.lastError && (
                <div style={{ color: '#cf1322', fontSize: 13, wordBreak: 'break-all', marginTop: 4 }}>{e.lastError}</div>
              )}
              <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)', marginTop: 4 }}>
                {e.robotName} · {t('outbox.attemptsN', { count: e.attempts })}
                {e.nextAttemptAt && ` · ${t('outbox.nextAt', { at: at(e.nextAttemptAt) })}`}
              </div>
              <div style={{ marginTop: 8 }}>
                <RetryButton e={e} />
              </div>
            </Card>
          ))
        ) : (
          <Table<OutboxEntry>
            rowKey="id"
            size="middle"
            dataSource={data.items}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={[
              { title: t('outbox.status'), key: 'status', width: 100, render: (_, e) => <StatusTag e={e} /> },
              { title: t('outbox.message'), dataIndex: 'title' },
              {
                title: t('outbox.robot'),
                key: 'robot',
                render: (_, e) => (
                  <>
                    {e.robotName}
                    <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{labelOf(robotKindLabels, e.robotKind)}</div>
                  </>
                ),
              },
              { title: t('outbox.attempts'), dataIndex: 'attempts', width: 80, align: 'right' },
              {
                title: t('outbox.lastError'),
                dataIndex: 'lastError',
                ellipsis: true,
                render: (v: string | null) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : '—'),
              },
              { title: t('outbox.next'), dataIndex: 'nextAttemptAt', width: 130, render: at },
              { title: t('outbox.created'), dataIndex: 'createdAt', width: 130, render: at },
              { title: '', key: 'retry', width: 100, render: (_, e) => <RetryButton e={e} /> },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
