/**
 * 会议调度: meetings by series and kind, with how many were held; the office records a new one, a weekly
 * meeting starting from the proposed agenda (ticked projects are kept). Phone: one card per meeting.
 */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Badge, Button, Card, Grid, List, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  meetingKindLabels,
  meetingKinds,
  meetingStatusLabels,
  type MeetingKind,
  type MeetingListItem,
  type MeetingStatus,
} from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import { labelOf, optionsOf } from '../../../lib/i18n';
import { hasRole } from '../../../lib/access';
import { useCurrentUser } from '../../../lib/session';
import { useMeetingList, useMeetingSeries, type MeetingListQuery } from '../api/list-meetings';
import { NewMeetingModal } from './new-meeting-modal';

const StatusTag = ({ status }: { status: MeetingStatus }) => (
  <Tag color={status === 'held' ? 'success' : 'default'}>{labelOf(meetingStatusLabels, status)}</Tag>
);

export default function MeetingsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [query, setQuery] = useState<MeetingListQuery>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const { data, isFetching, error } = useMeetingList(query);
  const series = useMeetingSeries().data ?? [];
  const isPhone = !Grid.useBreakpoint().md;
  const set = (patch: Partial<MeetingListQuery>) => setQuery((q) => ({ ...q, ...patch, page: 1 }));
  const canCreate = hasRole(user, 'office', 'admin');
  const pagination = {
    current: query.page,
    pageSize: query.pageSize,
    total: data?.total ?? 0,
    size: isPhone ? ('small' as const) : undefined,
    showTotal: (n: number) => t('common.totalCount', { count: n }),
    onChange: (page: number, pageSize: number) => setQuery((q) => ({ ...q, page, pageSize })),
  };
  const when = (m: MeetingListItem) => `${m.date} ${m.time}`;
  return (
    <div className="kpc-page">
      <Card
        title={t('meetings.title')}
        extra={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="meeting-new">
              {t('meetings.new')}
            </Button>
          )
        }
      >
        <Space wrap size={16} style={{ marginBottom: 12 }}>
          <Statistic title={t('meetings.heldCount')} value={data?.heldCount ?? 0} data-testid="meetings-held" />
          <Statistic title={t('meetings.total')} value={data?.total ?? 0} />
        </Space>
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented<MeetingKind | 'all'>
            value={query.kind ?? 'all'}
            onChange={(k) => set({ kind: k === 'all' ? undefined : k, seriesId: undefined })}
            options={[{ value: 'all', label: t('meetings.allKinds') }, ...optionsOf(meetingKinds, meetingKindLabels)]}
          />
          <Select
            allowClear
            placeholder={t('meetings.field.series')}
            style={{ width: 200 }}
            value={query.seriesId}
            onChange={(seriesId?: number) => set({ seriesId, kind: seriesId ? 'weekly' : query.kind })}
            options={series.map((s) => ({ value: s.id, label: `${s.name}（${t('meetings.heldN', { count: s.heldCount })}）` }))}
          />
        </Space>
        {error && <Typography.Paragraph type="danger">{describeError(error)}</Typography.Paragraph>}
        {isPhone ? (
          <List<MeetingListItem>
            size="small"
            loading={isFetching}
            dataSource={data?.items ?? []}
            pagination={{ ...pagination, align: 'center' }}
            renderItem={(m) => (
              <List.Item style={{ display: 'block', cursor: 'pointer' }} onClick={() => navigate(`/meetings/${m.id}`)}>
                <Typography.Text strong>{m.title}</Typography.Text>
                <Space wrap size={[8, 4]} style={{ marginTop: 4, fontSize: 13 }}>
                  <Typography.Text type="secondary">{when(m)}</Typography.Text>
                  <Typography.Text type="secondary">{m.seriesName ?? labelOf(meetingKindLabels, m.kind)}</Typography.Text>
                  <StatusTag status={m.status} />
                  <Typography.Text type="secondary">{t('meetings.decisionsN', { count: m.decisionCount })}</Typography.Text>
                  {m.overdueDecisionCount > 0 && (
                    <Badge status="error" text={t('meetings.overdueN', { count: m.overdueDecisionCount })} />
                  )}
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Table<MeetingListItem>
            rowKey="id"
            size="small"
            loading={isFetching}
            dataSource={data?.items ?? []}
            pagination={pagination}
            columns={[
              {
                title: t('meetings.field.title'),
                dataIndex: 'title',
                render: (v: string, m) => <Link to={`/meetings/${m.id}`}>{v}</Link>,
              },
              {
                title: t('meetings.field.kind'),
                dataIndex: 'kind',
                width: 170,
                render: (k: MeetingKind, m) => m.seriesName ?? labelOf(meetingKindLabels, k),
              },
              { title: t('meetings.field.startsAt'), key: 'when', width: 150, render: (_: unknown, m) => when(m) },
              {
                title: t('meetings.field.chair'),
                dataIndex: 'chairLeaderName',
                width: 110,
                render: (v: string | null) => v ?? '—',
              },
              { title: t('meetings.field.agenda'), dataIndex: 'agendaCount', width: 80 },
              {
                title: t('meetings.field.decisions'),
                dataIndex: 'decisionCount',
                width: 120,
                render: (n: number, m) => (
                  <Space size={4}>
                    {n}
                    {m.overdueDecisionCount > 0 && (
                      <Tag color="error">{t('meetings.overdueN', { count: m.overdueDecisionCount })}</Tag>
                    )}
                  </Space>
                ),
              },
              {
                title: t('meetings.field.status'),
                dataIndex: 'status',
                width: 90,
                render: (s: MeetingStatus) => <StatusTag status={s} />,
              },
            ]}
          />
        )}
      </Card>
      {creating && (
        <NewMeetingModal
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            navigate(`/meetings/${id}`);
          }}
        />
      )}
    </div>
  );
}
