/**
 * 节点预警: every role's list of nodes needing attention in its projects: overdue, or due within 14 days.
 * Filtered like 挂图作战 (unit, leader, level, stage); a project opens on its 节点计划 tab.
 */
import { useState, type HTMLAttributes } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Card, Grid, List, Space, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MilestoneListItem } from '@kpc/contracts';
import { daysBetween, shanghaiDate } from '@kpc/domain';
import { describeError } from '../../../lib/api';
import { PortfolioFilters } from '../../../components/portfolio-filters';
import { alertQuery, useMilestoneList, type AlertFilters, type AlertKind } from '../api/list-milestones';

const PAGE_SIZE = 20;

export default function MilestoneAlertsPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const kind: AlertKind = search.get('tab') === 'dueSoon' ? 'dueSoon' : 'overdue';
  const [filters, setFilters] = useState<AlertFilters>({});
  const [pages, setPages] = useState<Record<AlertKind, number>>({ overdue: 1, dueSoon: 1 });

  const overdue = useMilestoneList(alertQuery('overdue', filters, pages.overdue, PAGE_SIZE));
  const dueSoon = useMilestoneList(alertQuery('dueSoon', filters, pages.dueSoon, PAGE_SIZE));
  const list = kind === 'overdue' ? overdue : dueSoon;
  // the server's rules use the Asia/Shanghai date; "due in N days" counts from the same calendar day
  const today = shanghaiDate(new Date());
  // at phone width a card per node, the slip and days overdue first; the table's seven columns scroll sideways
  const isPhone = !Grid.useBreakpoint().md;
  const dueText = (m: MilestoneListItem) => {
    if (!m.latestFinish) return '—';
    const days = daysBetween(today, m.latestFinish);
    return m.overdue
      ? t('milestoneAlerts.overdueDays', { days: m.overdueDays })
      : days <= 0
        ? t('milestoneAlerts.dueToday')
        : t('milestoneAlerts.dueIn', { days });
  };

  const set = (patch: Partial<AlertFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPages({ overdue: 1, dueSoon: 1 });
  };

  const columns: TableColumnsType<MilestoneListItem> = [
    {
      title: t('milestoneAlerts.project'),
      key: 'project',
      render: (_: unknown, m) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/projects/${m.projectId}?tab=plan`} data-testid={`alert-project-${m.id}`}>
            {m.projectName}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {m.projectCode}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('milestoneAlerts.node'), dataIndex: 'name', key: 'node', width: 180 },
    {
      title: t('milestoneAlerts.latestFinish'),
      key: 'latestFinish',
      width: 150,
      render: (_: unknown, m) => {
        if (!m.latestFinish) return '—';
        return (
          <Space orientation="vertical" size={0}>
            <span className="kpc-money">{m.latestFinish}</span>
            <Typography.Text type={m.overdue ? 'danger' : 'warning'} style={{ fontSize: 12 }}>
              {dueText(m)}
            </Typography.Text>
          </Space>
        );
      },
    },
    {
      title: t('milestoneAlerts.forecastFinish'),
      key: 'forecastFinish',
      width: 120,
      render: (_: unknown, m) => <span className="kpc-money">{m.forecastFinish}</span>,
    },
    {
      title: t('milestoneAlerts.slip'),
      key: 'slip',
      width: 100,
      align: 'right',
      render: (_: unknown, m) => {
        const slip = m.slipDays;
        if (slip === null) return '—';
        return (
          <Typography.Text type={slip > 0 ? 'danger' : undefined} strong={slip > 0} data-testid={`alert-slip-${m.id}`}>
            {slip > 0 ? `+${slip}` : slip}
          </Typography.Text>
        );
      },
    },
    {
      title: t('milestoneAlerts.leadUnit'),
      key: 'unit',
      width: 170,
      ellipsis: true,
      render: (_: unknown, m) => m.leadUnitName ?? '—',
    },
    {
      title: t('milestoneAlerts.leader'),
      key: 'leader',
      width: 110,
      render: (_: unknown, m) => m.leaderName ?? '—',
    },
  ];

  const tabLabel = (k: AlertKind, total: number | undefined) => (
    <span data-testid={`alerts-tab-${k}`}>
      {t(k === 'overdue' ? 'milestoneAlerts.tab.overdue' : 'milestoneAlerts.tab.dueSoon')}
      {total !== undefined && (
        <Typography.Text type={k === 'overdue' && total > 0 ? 'danger' : 'secondary'} style={{ marginLeft: 6 }}>
          {total}
        </Typography.Text>
      )}
    </span>
  );

  return (
    <div className="kpc-page">
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('milestoneAlerts.title')}
          </Typography.Title>
        }
        styles={{ body: { paddingTop: 12 } }}
      >
        <PortfolioFilters
          value={filters}
          onChange={set}
          testIdPrefix="alerts"
          i18nPrefix="milestoneAlerts"
          style={{ marginBottom: 4 }}
        />
        <Tabs
          activeKey={kind}
          onChange={(k) => setSearch((s) => (s.set('tab', k), s), { replace: true })}
          items={[
            { key: 'overdue', label: tabLabel('overdue', overdue.data?.total) },
            { key: 'dueSoon', label: tabLabel('dueSoon', dueSoon.data?.total) },
          ]}
        />
        {list.error && <Alert type="error" showIcon title={describeError(list.error)} style={{ marginBottom: 12 }} />}
        {isPhone ? (
          <List<MilestoneListItem>
            loading={list.isFetching && !list.data}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t(kind === 'overdue' ? 'milestoneAlerts.emptyOverdue' : 'milestoneAlerts.emptyDueSoon') }}
            pagination={
              (list.data?.total ?? 0) > PAGE_SIZE
                ? {
                    current: pages[kind],
                    pageSize: PAGE_SIZE,
                    total: list.data?.total ?? 0,
                    align: 'center',
                    size: 'small',
                    onChange: (p) => setPages((s) => ({ ...s, [kind]: p })),
                  }
                : false
            }
            renderItem={(m) => (
              <List.Item style={{ display: 'block' }} data-testid={`alert-row-${m.id}`}>
                <div style={{ display: 'flex', alignItems: 'baseline', gap: 12, flexWrap: 'wrap' }}>
                  <Typography.Text type={m.overdue ? 'danger' : 'warning'} strong style={{ fontSize: 16 }}>
                    {dueText(m)}
                  </Typography.Text>
                  {m.slipDays !== null && (
                    <Typography.Text type={m.slipDays > 0 ? 'danger' : 'secondary'} data-testid={`alert-slip-${m.id}`}>
                      {t('milestoneAlerts.slip')} {m.slipDays > 0 ? `+${m.slipDays}` : m.slipDays}
                    </Typography.Text>
                  )}
                </div>
                <div style={{ marginTop: 2 }}>
                  <Typography.Text strong>{m.name}</Typography.Text>
                  {' · '}
                  <Link to={`/projects/${m.projectId}?tab=plan`} data-testid={`alert-project-${m.id}`}>
                    {m.projectName}
                  </Link>
                </div>
                <Space wrap size={[8, 2]} style={{ marginTop: 2, fontSize: 13 }}>
                  <Typography.Text type="secondary">
                    {t('milestoneAlerts.latestFinish')} {m.latestFinish ?? '—'}
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {t('milestoneAlerts.forecastFinish')} {m.forecastFinish}
                  </Typography.Text>
                  <Typography.Text type="secondary">{m.leadUnitName ?? '—'}</Typography.Text>
                  {m.leaderName && <Typography.Text type="secondary">{m.leaderName}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Table<MilestoneListItem>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items}
            loading={list.isFetching && !list.data}
            scroll={{ x: 1000 }}
            locale={{ emptyText: t(kind === 'overdue' ? 'milestoneAlerts.emptyOverdue' : 'milestoneAlerts.emptyDueSoon') }}
            onRow={(m) => ({ 'data-testid': `alert-row-${m.id}` }) as HTMLAttributes<HTMLElement>}
            pagination={{
              current: pages[kind],
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              hideOnSinglePage: true,
              showSizeChanger: false,
              onChange: (p) => setPages((s) => ({ ...s, [kind]: p })),
              size: 'small',
            }}
          />
        )}
      </Card>
    </div>
  );
}
