/**
 * 台账 across projects: a unit user starts on its own unit's items, a leader on the projects they contract;
 * filters unit, leader, status, overdue, "only mine"; the export takes the same filters. Open items first
 * (overdue leading, then by deadline, recurring ones after the dated), done last; each with its 进展情况.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Grid, Input, List, Select, Space, Switch, Table, Typography } from 'antd';
import { DownloadOutlined, EditOutlined, EyeOutlined, MessageOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ledgerStatusLabels, ledgerStatuses, stageFocusLabels, type LedgerItem, type LedgerStatus } from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import { labelOf, optionsOf } from '../../../lib/i18n';
import { hasRole } from '../../../lib/access';
import { useCurrentUser } from '../../../lib/session';
import { useLeaders, useUnits } from '../../../lib/reference-data';
import { ledgerExportUrl, useLedgerList, type LedgerListQuery } from '../api/list-ledger';
import { Deadline, LedgerStatusTag, ProgressNote } from './ledger-tags';
import { LedgerItemDrawer } from './ledger-item-drawer';
import { ProgressNoteModal } from './progress-note-modal';

export default function MyLedgerPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [query, setQuery] = useState<LedgerListQuery>(() => ({
    unitId: hasRole(user, 'unit') && user.unitId ? user.unitId : undefined,
    leaderId: hasRole(user, 'leader') && user.leaderId ? user.leaderId : undefined,
    sort: 'deadline',
    page: 1,
    pageSize: 20,
  }));
  const { data, isFetching, error } = useLedgerList(query);
  const units = useUnits().data?.items ?? [];
  const leaders = useLeaders().data?.items ?? [];
  const [drawerItem, setDrawerItem] = useState<LedgerItem | undefined>(undefined);
  const [progressItem, setProgressItem] = useState<LedgerItem | null>(null);
  const reportButton = (i: LedgerItem, withText: boolean) =>
    i.permissions.reportProgress && (
      <Button
        type="link"
        size="small"
        icon={<MessageOutlined />}
        onClick={(e) => {
          e.stopPropagation();
          setProgressItem(i);
        }}
        aria-label={t('ledger.progress.report')}
        data-testid={`ledger-report-${i.id}`}
        style={withText ? { paddingInline: 0 } : undefined}
      >
        {withText && t('ledger.progress.report')}
      </Button>
    );
  const set = (patch: Partial<LedgerListQuery>) => setQuery((q) => ({ ...q, ...patch, page: 1 }));
  const { page: _p, pageSize: _s, sort: _o, ...exportFilters } = query;
  // at phone width one card per item (content first), like the project's ledger tab; a wide table hides the content
  const isPhone = !Grid.useBreakpoint().md;
  const pagination = {
    current: query.page,
    pageSize: query.pageSize,
    total: data?.total ?? 0,
    showSizeChanger: !isPhone,
    size: isPhone ? ('small' as const) : undefined,
    showTotal: (n: number) => t('common.totalCount', { count: n }),
    onChange: (page: number, pageSize: number) => setQuery((q) => ({ ...q, page, pageSize })),
  };

  return (
    <div className="kpc-page">
      <Card
        title={t('ledger.myTitle')}
        extra={
          <Button icon={<DownloadOutlined />} href={ledgerExportUrl(exportFilters)} data-testid="ledger-export-all">
            {t('ledger.export')}
          </Button>
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('ledger.field.unit')}
            style={{ width: 190 }}
            value={query.unitId}
            onChange={(unitId?: number) => set({ unitId })}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
            data-testid="ledger-filter-unit"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('ledger.filter.leader')}
            style={{ width: 140 }}
            value={query.leaderId}
            onChange={(leaderId?: number) => set({ leaderId })}
            options={leaders.map((l) => ({ value: l.id, label: l.name }))}
          />
          <Select
            allowClear
            placeholder={t('ledger.field.status')}
            style={{ width: 120 }}
            value={query.status}
            onChange={(status?: LedgerStatus) => set({ status })}
            options={optionsOf(ledgerStatuses, ledgerStatusLabels)}
          />
          <Input.Search
            allowClear
            placeholder={t('ledger.filter.q')}
            style={{ width: 200 }}
            onSearch={(q) => set({ q: q.trim() || undefined })}
          />
          <label className="kpc-switch-label">
            <Switch size="small" checked={query.overdue === true} onChange={(on) => set({ overdue: on ? true : undefined })} />
            <span>{t('ledger.filter.overdueOnly')}</span>
          </label>
          <label className="kpc-switch-label">
            <Switch
              size="small"
              checked={query.owner === 'me'}
              onChange={(on) => set({ owner: on ? 'me' : undefined })}
              data-testid="ledger-filter-mine"
            />
            <span>{t('ledger.filter.mine')}</span>
          </label>
        </Space>
        {error && <Typography.Paragraph type="danger">{describeError(error)}</Typography.Paragraph>}
        {isPhone ? (
          <List<LedgerItem>
            size="small"
            loading={isFetching}
            dataSource={data?.items ?? []}
            pagination={{ ...pagination, align: 'center' }}
            renderItem={(i) => (
              <List.Item
                style={{ display: 'block', background: i.overdue ? '#fff5f5' : undefined, cursor: 'pointer' }}
                onClick={() => setDrawerItem(i)}
                data-testid={`ledger-card-${i.id}`}
              >
                {/* what the reader acts on first: by when (or 长期) and the status */}
                <Space wrap size={[8, 4]} style={{ marginBottom: 2 }}>
                  <Deadline item={i} />
                  <LedgerStatusTag status={i.status} />
                </Space>
                <div>
                  <Typography.Text strong>{i.content}</Typography.Text>
                </div>
                <div style={{ marginTop: 2 }} onClick={(e) => e.stopPropagation()}>
                  <Link to={`/projects/${i.projectId}?tab=ledger`}>{i.projectName}</Link>
                </div>
                <div style={{ marginTop: 4, fontSize: 13 }}>
                  <ProgressNote item={i} />
                </div>
                <Space wrap size={[8, 4]} style={{ marginTop: 4, fontSize: 13 }}>
                  <Typography.Text type="secondary">{labelOf(stageFocusLabels, i.focus)}</Typography.Text>
                  <Typography.Text type="secondary">{i.unitName ?? '—'}</Typography.Text>
                  {i.ownerName && <Typography.Text type="secondary">{i.ownerName}</Typography.Text>}
                  {reportButton(i, true)}
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Table<LedgerItem>
            rowKey="id"
            size="small"
            loading={isFetching}
            dataSource={data?.items ?? []}
            scroll={{ x: 1300 }}
            onRow={(i) => ({ style: i.overdue ? { background: '#fff5f5' } : undefined })}
            pagination={pagination}
            columns={[
              {
                title: t('ledger.field.project'),
                dataIndex: 'projectName',
                width: 190,
                render: (v: string, i) => <Link to={`/projects/${i.projectId}?tab=ledger`}>{v}</Link>,
              },
              {
                title: t('ledger.field.focus'),
                dataIndex: 'focus',
                width: 90,
                render: (f: LedgerItem['focus']) => labelOf(stageFocusLabels, f),
              },
              { title: t('ledger.field.unit'), dataIndex: 'unitName', width: 140, render: (v: string | null) => v ?? '—' },
              { title: t('ledger.field.content'), dataIndex: 'content' },
              {
                title: t('ledger.field.deadline'),
                dataIndex: 'deadline',
                width: 140,
                render: (_: string, i) => <Deadline item={i} />,
              },
              {
                title: t('ledger.field.progressNote'),
                dataIndex: 'progressNote',
                width: 220,
                render: (_: string | null, i) => <ProgressNote item={i} />,
              },
              { title: t('ledger.field.owner'), dataIndex: 'ownerName', width: 90, render: (v: string | null) => v ?? '—' },
              {
                title: t('ledger.field.status'),
                dataIndex: 'status',
                width: 96,
                render: (s: LedgerStatus) => <LedgerStatusTag status={s} />,
              },
              {
                title: t('common.actions'),
                key: 'a',
                width: 84,
                fixed: 'right',
                render: (_: unknown, i) => (
                  <Space size={0}>
                    <Button
                      type="link"
                      size="small"
                      icon={i.permissions.edit ? <EditOutlined /> : <EyeOutlined />}
                      onClick={() => setDrawerItem(i)}
                      aria-label={t('common.edit')}
                    />
                    {reportButton(i, false)}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <LedgerItemDrawer
        projectId={drawerItem?.projectId ?? 0}
        item={drawerItem}
        unitOptions={units.map((u) => ({ value: u.id, label: u.name }))}
        onClose={() => setDrawerItem(undefined)}
      />
      <ProgressNoteModal item={progressItem} onClose={() => setProgressItem(null)} />
    </div>
  );
}
