/** 登录会话: the user's open sessions as cards (phone-friendly), each but the current one with an "end" button. */
import { Alert, App, Button, Card, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { DesktopOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import { useEndSession } from '../api/end-session';
import { useMySessions } from '../api/list-sessions';

const when = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/** A short name for a user agent: browser and system, the raw string stays in the tooltip. */
function deviceName(ua: string | null): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /MicroMessenger/.test(ua)
      ? 'WeChat'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Chrome\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : null;
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /iPhone|iPad/.test(ua)
        ? 'iOS'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  return browser || os ? [browser, os].filter(Boolean).join(' · ') : ua.slice(0, 60);
}

export function SessionsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, isPending, error } = useMySessions();
  const end = useEndSession();

  const onEnd = (s: SessionInfo) =>
    end.mutate(s.id, {
      onSuccess: () => message.success(t('account.sessions.ended')),
      onError: (e) => message.error(describeError(e)),
    });

  return (
    <Card
      title={
        <Space>
          <DesktopOutlined />
          {t('account.sessions.title')}
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={describeError(error)} style={{ marginBottom: 12 }} />}
      <List<SessionInfo>
        loading={isPending}
        dataSource={data?.items ?? []}
        grid={{ gutter: 12, xs: 1, sm: 1, md: 2, xl: 3 }}
        rowKey="id"
        renderItem={(s) => (
          <List.Item>
            <Card size="small" data-testid={`session-${s.id}`}>
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap>
                  <Typography.Text strong title={s.userAgent ?? undefined}>
                    {deviceName(s.userAgent) ?? t('account.sessions.unknownAgent')}
                  </Typography.Text>
                  {s.current && <Tag color="blue">{t('account.sessions.current')}</Tag>}
                </Space>
                <Typography.Text type="secondary">
                  {t('account.sessions.ip')}: {s.ip ?? '—'}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('account.sessions.created')}: {when(s.createdAt)}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('account.sessions.lastSeen')}: {when(s.lastSeenAt)}
                </Typography.Text>
                {!s.current && (
                  <Popconfirm title={t('account.sessions.endConfirm')} onConfirm={() => onEnd(s)}>
                    <Button
                      danger
                      size="small"
                      style={{ marginTop: 4 }}
                      loading={end.isPending && end.variables === s.id}
                      data-testid="session-end"
                    >
                      {t('account.sessions.end')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            </Card>
          </List.Item>
        )}
      />
    </Card>
  );
}
