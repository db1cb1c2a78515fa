/**
 * 议定事项 across meetings: filters state (overdue included), unit, meeting; overdue rows highlighted; the unit
 * marks its own done, the office or supervisor verifies. Phone: one card per decision.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Card, Grid, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { decisionStateLabels, decisionStatuses, type Decision, type DecisionState } from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import { optionsOf } from '../../../lib/i18n';
import { hasRole } from '../../../lib/access';
import { useCurrentUser } from '../../../lib/session';
import { useUnits } from '../../../lib/reference-data';
import { useDecisionList, type DecisionListQuery } from '../api/decisions';
import { DecisionActions } from './decision-actions';
import { DecisionStateTag } from './decision-tags';

const states = [...decisionStatuses, 'overdue'] as const satisfies readonly DecisionState[];
const overdueRow = { background: '#fff1f0' };

export default function DecisionsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  // A meeting or a project links here with ?meetingId= / ?projectId= to list only its decisions.
  const [params] = useSearchParams();
  const idParam = (name: string) => Number(params.get(name)) || undefined;
  const [query, setQuery] = useState<DecisionListQuery>(() => ({
    unitId: hasRole(user, 'unit') && user.unitId ? user.unitId : undefined,
    meetingId: idParam('meetingId'),
    projectId: idParam('projectId'),
    page: 1,
    pageSize: 20,
  }));
  const { data, isFetching, error } = useDecisionList(query);
  const units = useUnits().data?.items ?? [];
  const isPhone = !Grid.useBreakpoint().md;
  const set = (patch: Partial<DecisionListQuery>) => setQuery((q) => ({ ...q, ...patch, page: 1 }));
  const pagination = {
    current: query.page,
    pageSize: query.pageSize,
    total: data?.total ?? 0,
    size: isPhone ? ('small' as const) : undefined,
    showTotal: (n: number) => t('common.totalCount', { count: n }),
    onChange: (page: number, pageSize: number) => setQuery((q) => ({ ...q, page, pageSize })),
  };
  return (
    <div className="kpc-page">
      <Card title={t('meetings.decisionsTitle')}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder={t('meetings.decision.state')}
            style={{ width: 130 }}
            value={query.state}
            onChange={(state?: DecisionState) => set({ state })}
            options={optionsOf(states, decisionStateLabels)}
            data-testid="decisions-filter-state"
          />
          {query.meetingId && (
            <Tag closable onClose={() => set({ meetingId: undefined })} data-testid="decisions-filter-meeting">
              {t('meetings.decision.onlyMeeting')}
            </Tag>
          )}
          {query.projectId && (
            <Tag closable onClose={() => set({ projectId: undefined })}>
              {t('meetings.decision.onlyProject')}
            </Tag>
          )}
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('meetings.decision.unit')}
            style={{ width: 190 }}
            value={query.unitId}
            onChange={(unitId?: number) => set({ unitId })}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
          />
        </Space>
        {error && <Typography.Paragraph type="danger">{describeError(error)}</Typography.Paragraph>}
        {isPhone ? (
          <List<Decision>
            size="small"
            loading={isFetching}
            dataSource={data?.items ?? []}
            pagination={{ ...pagination, align: 'center' }}
            renderItem={(d) => (
              <List.Item style={{ display: 'block', ...(d.overdue ? overdueRow : {}) }} data-testid="decision-card">
                <Typography.Text strong>{d.content}</Typography.Text>
                <div style={{ marginTop: 2 }}>
                  <Link to={`/meetings/${d.meetingId}`}>{d.meetingTitle}</Link>
                </div>
                <Space wrap size={[8, 4]} style={{ marginTop: 4, fontSize: 13 }}>
                  <Typography.Text type="secondary">{d.unitName ?? '—'}</Typography.Text>
                  {d.ownerName && <Typography.Text type="secondary">{d.ownerName}</Typography.Text>}
                  <Typography.Text type={d.overdue ? 'danger' : 'secondary'}>{d.deadline}</Typography.Text>
                  <DecisionStateTag state={d.state} />
                  <DecisionActions decision={d} />
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Table<Decision>
            rowKey="id"
            size="small"
            loading={isFetching}
            dataSource={data?.items ?? []}
            pagination={pagination}
            onRow={(d) => ({ style: d.overdue ? overdueRow : undefined })}
            columns={[
              { title: t('meetings.decision.content'), dataIndex: 'content' },
              {
                title: t('meetings.decision.meeting'),
                dataIndex: 'meetingTitle',
                width: 220,
                render: (v: string, d) => (
                  <Link to={`/meetings/${d.meetingId}`}>
                    {v}（{d.meetingDate}）
                  </Link>
                ),
              },
              {
                title: t('meetings.decision.project'),
                dataIndex: 'projectName',
                width: 170,
                render: (v: string | null) => v ?? '—',
              },
              { title: t('meetings.decision.unit'), dataIndex: 'unitName', width: 140, render: (v: string | null) => v ?? '—' },
              { title: t('meetings.decision.owner'), dataIndex: 'ownerName', width: 90, render: (v: string | null) => v ?? '—' },
              {
                title: t('meetings.decision.deadline'),
                dataIndex: 'deadline',
                width: 110,
                render: (v: string, d) => <Typography.Text type={d.overdue ? 'danger' : undefined}>{v}</Typography.Text>,
              },
              {
                title: t('meetings.decision.state'),
                dataIndex: 'state',
                width: 90,
                render: (s: DecisionState) => <DecisionStateTag state={s} />,
              },
              { title: t('common.actions'), key: 'a', width: 150, render: (_: unknown, d) => <DecisionActions decision={d} /> },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
