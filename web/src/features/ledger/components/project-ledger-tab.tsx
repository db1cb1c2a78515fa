/**
 * 台账 tab of a project: its items grouped by stage focus (落地 / 进度 / 竣工 / 达效), in each group the open
 * items first (overdue leading, then by deadline, recurring 长期 ones after the dated), done last; overdue
 * deadlines in red, each item's 进展情况 with its date, the status changed inline by whoever owes the item,
 * 更新进展 for whoever reports on it, an add/edit drawer with evidence, and the export.
 */
import { useMemo, useState } from 'react';
import { App, Badge, Button, Empty, Grid, List, Popconfirm, Select, Space, Switch, Table, Tooltip, Typography } from 'antd';
import {
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  EyeOutlined,
  MessageOutlined,
  PaperClipOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  ledgerStatusLabels,
  ledgerStatuses,
  stageFocusLabels,
  stageFocuses,
  type LedgerItem,
  type LedgerStatus,
  type ProjectDetail,
} from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import { labelOf, optionsOf } from '../../../lib/i18n';
import { access, hasRole, projectUnitIds as unitsOf } from '../../../lib/access';
import { shanghaiToday } from '../../../lib/dates';
import { useCurrentUser } from '../../../lib/session';
import { nameMap, useUnits } from '../../../lib/reference-data';
import { useProjectLedger, type ProjectLedgerQuery } from '../api/list-project-ledger';
import { projectLedgerExportUrl } from '../api/list-ledger';
import { useDeleteLedgerItem } from '../api/save-ledger-item';
import { Deadline, LedgerStatusTag, ProgressNote } from './ledger-tags';
import { LedgerItemDrawer } from './ledger-item-drawer';
import { ProgressNoteModal } from './progress-note-modal';
import { useLedgerSave } from './use-ledger-save';

export default function ProjectLedgerTab({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [query, setQuery] = useState<ProjectLedgerQuery>({ sort: 'deadline' });
  const { data, isPending, error } = useProjectLedger(project.id, query);
  const units = useUnits().data?.items;
  const unitNames = nameMap(units);
  const { save } = useLedgerSave();
  const remove = useDeleteLedgerItem();
  const [drawerItem, setDrawerItem] = useState<LedgerItem | null | undefined>(undefined);
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
  // at phone width a table of nine columns is unreadable: one compact entry per item instead
  const isPhone = !Grid.useBreakpoint().md;

  const projectUnitIds = unitsOf(project);
  const canCreate = access.createLedgerItemOn(user, project);
  // an item the user may only read still shows its unit's name; otherwise the units the user may write for
  const readOnlyItem = drawerItem != null && !drawerItem.permissions.edit;
  const drawerUnitIds = readOnlyItem
    ? [...new Set([...projectUnitIds, drawerItem.unitId])]
    : access.ledgerUnitChoices(
        user,
        project,
        (units ?? []).map((u) => u.id),
      );
  const drawerUnits = drawerUnitIds.map((u) => ({ value: u, label: unitNames.get(u) ?? `#${u}` }));
  const isOffice = hasRole(user, 'admin', 'office');

  const groups = useMemo(
    () => stageFocuses.map((focus) => ({ focus, items: (data?.items ?? []).filter((i) => i.focus === focus) })),
    [data],
  );

  const changeStatus = async (item: LedgerItem, status: LedgerStatus) => {
    const saved = await save(item, {
      status,
      completedOn: status === 'done' ? (item.completedOn ?? shanghaiToday()) : null,
    });
    if (saved) message.success(t('ledger.statusChanged', { status: labelOf(ledgerStatusLabels, status) }));
  };

  const statusControl = (i: LedgerItem) =>
    i.permissions.edit ? (
      <Select
        size="small"
        value={i.status}
        style={{ width: 110 }}
        data-testid={`ledger-status-${i.id}`}
        onChange={(s) => void changeStatus(i, s)}
        options={optionsOf(ledgerStatuses, ledgerStatusLabels)}
      />
    ) : (
      <LedgerStatusTag status={i.status} />
    );

  const phoneList = (items: LedgerItem[]) => (
    <List
      size="small"
      loading={isPending}
      dataSource={items}
      renderItem={(i) => (
        <List.Item
          data-testid={`ledger-row-${i.seq}`}
          data-status={i.status}
          style={{ display: 'block', background: i.overdue ? '#fff5f5' : undefined }}
          onClick={() => setDrawerItem(i)}
        >
          {/* what the reader acts on first: by when (or 长期) and the status */}
          <Space wrap size={[8, 4]} style={{ marginBottom: 2 }}>
            <Deadline item={i} />
            <span onClick={(e) => e.stopPropagation()}>{statusControl(i)}</span>
          </Space>
          <div>
            <Typography.Text strong>
              {i.seq}. {i.content}
            </Typography.Text>
          </div>
          <div style={{ marginTop: 4, fontSize: 13 }}>
            <ProgressNote item={i} />
          </div>
          <Space wrap size={[8, 4]} style={{ marginTop: 4, fontSize: 13 }}>
            <Typography.Text type="secondary">{i.unitName ?? unitNames.get(i.unitId) ?? '—'}</Typography.Text>
            {i.ownerName && <Typography.Text type="secondary">{i.ownerName}</Typography.Text>}
            {i.attachmentCount > 0 && (
              <span>
                <PaperClipOutlined /> {i.attachmentCount}
              </span>
            )}
            {reportButton(i, true)}
          </Space>
        </List.Item>
      )}
    />
  );

  const columns = [
    { title: t('ledger.field.seq'), dataIndex: 'seq', width: 60 },
    {
      title: t('ledger.field.unit'),
      dataIndex: 'unitName',
      width: 150,
      render: (v: string | null, i: LedgerItem) => v ?? unitNames.get(i.unitId) ?? '—',
    },
    {
      title: t('ledger.field.content'),
      dataIndex: 'content',
      render: (v: string, i: LedgerItem) => (
        <div>
          <div>{v}</div>
          {i.measures && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('ledger.field.measures')}：{i.measures}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('ledger.field.deadline'),
      dataIndex: 'deadline',
      width: 150,
      render: (_: string, i: LedgerItem) => <Deadline item={i} />,
    },
    {
      title: t('ledger.field.progressNote'),
      dataIndex: 'progressNote',
      width: 220,
      render: (_: string | null, i: LedgerItem) => <ProgressNote item={i} />,
    },
    { title: t('ledger.field.owner'), dataIndex: 'ownerName', width: 90, render: (v: string | null) => v ?? '—' },
    {
      title: t('ledger.field.status'),
      dataIndex: 'status',
      width: 130,
      render: (_: LedgerStatus, i: LedgerItem) => statusControl(i),
    },
    { title: t('ledger.field.completedOn'), dataIndex: 'completedOn', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: t('ledger.field.evidence'),
      dataIndex: 'attachmentCount',
      width: 84,
      render: (n: number, i: LedgerItem) => (
        <Tooltip title={i.evidenceNote ?? undefined}>
          <Badge count={n} size="small" color="#1f3b6e" showZero={false}>
            <PaperClipOutlined style={{ color: n > 0 ? '#1f3b6e' : '#bbb', fontSize: 16 }} />
          </Badge>
        </Tooltip>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      fixed: 'right' as const,
      render: (_: unknown, i: LedgerItem) => (
        <Space size={0}>
          {reportButton(i, false)}
          <Button
            type="link"
            size="small"
            icon={i.permissions.edit ? <EditOutlined /> : <EyeOutlined />}
            onClick={() => setDrawerItem(i)}
            data-testid={`ledger-edit-${i.id}`}
            aria-label={t('common.edit')}
          />
          {i.permissions.delete && (
            <Popconfirm
              title={t('ledger.deleteConfirm')}
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                remove.mutate(
                  { id: i.id, version: i.version },
                  { onSuccess: () => message.success(t('ledger.deleted')), onError: (e) => message.error(describeError(e)) },
                )
              }
            >
              <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="project-ledger">
      <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Select
            allowClear
            placeholder={t('ledger.field.status')}
            style={{ width: 120 }}
            value={query.status}
            onChange={(status) => setQuery((q) => ({ ...q, status }))}
            options={optionsOf(ledgerStatuses, ledgerStatusLabels)}
          />
          <Select
            allowClear
            placeholder={t('ledger.field.unit')}
            style={{ width: 180 }}
            value={query.unitId}
            onChange={(unitId?: number) => setQuery((q) => ({ ...q, unitId }))}
            options={projectUnitIds.map((u) => ({ value: u, label: unitNames.get(u) ?? `#${u}` }))}
          />
          <label className="kpc-switch-label">
            <Switch
              size="small"
              checked={query.overdue === true}
              onChange={(on) => setQuery((q) => ({ ...q, overdue: on ? true : undefined }))}
            />
            <span>{t('ledger.filter.overdueOnly')}</span>
          </label>
        </Space>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={projectLedgerExportUrl(project.id)} data-testid="ledger-export">
            {t('ledger.export')}
          </Button>
          {canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawerItem(null)} data-testid="ledger-add">
              {t('ledger.add')}
            </Button>
          )}
        </Space>
      </Space>
      {error ? (
        <Empty description={describeError(error)} />
      ) : !isPending && (data?.items.length ?? 0) === 0 ? (
        <Empty description={t('ledger.empty')} />
      ) : (
        groups
          .filter((g) => g.items.length > 0 || isPending)
          .map((g) => (
            <div key={g.focus} style={{ marginBottom: 16 }} data-testid={`ledger-group-${g.focus}`}>
              <Typography.Title level={5} style={{ margin: '4px 0 8px' }}>
                {t('ledger.focusGroup', { focus: labelOf(stageFocusLabels, g.focus) })}
                <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8, fontSize: 13 }}>
                  {t('ledger.groupCount', {
                    count: g.items.length,
                    done: g.items.filter((i) => i.status === 'done').length,
                    overdue: g.items.filter((i) => i.overdue).length,
                  })}
                </Typography.Text>
              </Typography.Title>
              {isPhone ? (
                phoneList(g.items)
              ) : (
                <Table<LedgerItem>
                  rowKey="id"
                  size="small"
                  loading={isPending}
                  pagination={false}
                  scroll={{ x: 1240 }}
                  dataSource={g.items}
                  columns={columns}
                  onRow={(i) =>
                    ({
                      'data-testid': `ledger-row-${i.seq}`,
                      'data-status': i.status,
                      style: i.overdue ? { background: '#fff5f5' } : undefined,
                    }) as object
                  }
                />
              )}
            </div>
          ))
      )}
      <LedgerItemDrawer
        projectId={project.id}
        item={drawerItem}
        unitOptions={drawerUnits}
        defaultUnitId={isOffice ? (project.leadUnitId ?? undefined) : (user.unitId ?? undefined)}
        onClose={() => setDrawerItem(undefined)}
      />
      <ProgressNoteModal item={progressItem} onClose={() => setProgressItem(null)} />
    </div>
  );
}
