/**
 * 问题 across projects: a board by status (default) or a list, filters (category, unit, leader, status,
 * source, overdue, text), raising a problem, the export with the same filters and the import of an office list.
 * A unit starts on its own unit's problems, a leader on those they coordinate. Phone: cards, one column.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Grid, Input, List, Segmented, Select, Space, Switch, Table, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  problemCategories,
  problemCategoryLabels,
  problemSourceLabels,
  problemSources,
  problemStatusLabels,
  problemStatuses,
  type Problem,
  type ProblemCategory,
  type ProblemSource,
  type ProblemStatus,
} from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import { hasRole } from '../../../lib/access';
import { labelOf, optionsOf } from '../../../lib/i18n';
import { useLeaders, useUnits } from '../../../lib/reference-data';
import { useCurrentUser } from '../../../lib/session';
import { problemsExportUrl, useProblemList, type ProblemFilters } from '../api/list-problems';
import { ProblemBoardView } from './problem-board';
import { ProblemCard } from './problem-card';
import { CreateProblemModal } from './create-problem-modal';
import { ProblemDrawer } from './problem-drawer';
import { ProblemDeadline, ProblemStatusTag } from './problem-tags';
import './problems.css';

export default function ProblemsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const isPhone = !Grid.useBreakpoint().md;
  const [view, setView] = useState<'board' | 'list'>('board');
  const [filters, setFilters] = useState<ProblemFilters>(() => ({
    unitId: hasRole(user, 'unit') && user.unitId && !hasRole(user, 'office', 'supervisor') ? user.unitId : undefined,
  }));
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState<Problem | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const units = useUnits().data?.items ?? [];
  const leaders = useLeaders().data?.items ?? [];
  const list = useProblemList({ ...filters, ...page }, view === 'list');
  const set = (patch: Partial<ProblemFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage((p) => ({ ...p, page: 1 }));
  };
  const mayCreate = hasRole(user, 'office', 'admin', 'supervisor', 'leader', 'unit');
  const { status: _s, ...boardFilters } = filters;
  const pagination = {
    current: page.page,
    pageSize: page.pageSize,
    total: list.data?.total ?? 0,
    size: isPhone ? ('small' as const) : undefined,
    showTotal: (n: number) => t('common.totalCount', { count: n }),
    onChange: (p: number, s: number) => setPage({ page: p, pageSize: s }),
  };

  return (
    <div className="kpc-page">
      <Card
        title={t('problems.title')}
        extra={
          <Space wrap>
            {mayCreate && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="problem-new">
                {t('problems.new')}
              </Button>
            )}
            <Button icon={<DownloadOutlined />} href={problemsExportUrl(filters)} data-testid="problems-export">
              {isPhone ? null : t('problems.export')}
            </Button>
            {hasRole(user, 'office', 'admin') && !isPhone && (
              <Link to="/imports">
                <Button icon={<UploadOutlined />}>{t('problems.import')}</Button>
              </Link>
            )}
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented
            value={view}
            onChange={(v) => setView(v as 'board' | 'list')}
            options={[
              { value: 'board', label: t('problems.view.board') },
              { value: 'list', label: t('problems.view.list') },
            ]}
            data-testid="problems-view"
          />
          <Select
            allowClear
            placeholder={t('problems.field.category')}
            style={{ width: 110 }}
            value={filters.category}
            onChange={(category?: ProblemCategory) => set({ category })}
            options={optionsOf(problemCategories, problemCategoryLabels)}
            data-testid="problems-filter-category"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('problems.field.unit')}
            style={{ width: 170 }}
            value={filters.unitId}
            onChange={(unitId?: number) => set({ unitId })}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('problems.field.leader')}
            style={{ width: 120 }}
            value={filters.leaderId}
            onChange={(leaderId?: number) => set({ leaderId })}
            options={leaders.map((l) => ({ value: l.id, label: l.name }))}
          />
          {view === 'list' && (
            <Select
              allowClear
              placeholder={t('problems.field.status')}
              style={{ width: 110 }}
              value={filters.status}
              onChange={(status?: ProblemStatus) => set({ status })}
              options={optionsOf(problemStatuses, problemStatusLabels)}
            />
          )}
          <Select
            allowClear
            placeholder={t('problems.field.source')}
            style={{ width: 130 }}
            value={filters.source}
            onChange={(source?: ProblemSource) => set({ source })}
            options={optionsOf(problemSources, problemSourceLabels)}
          />
          <Input.Search
            allowClear
            placeholder={t('problems.filter.q')}
            style={{ width: 180 }}
            onSearch={(q) => set({ q: q.trim() || undefined })}
          />
          <label className="kpc-switch-label">
            <Switch
              size="small"
              checked={filters.overdue === true}
              onChange={(on) => set({ overdue: on ? true : undefined })}
              data-testid="problems-filter-overdue"
            />
            <span>{t('problems.filter.overdue')}</span>
          </label>
        </Space>
        {list.error && <Typography.Paragraph type="danger">{describeError(list.error)}</Typography.Paragraph>}
        {view === 'board' ? (
          <ProblemBoardView filters={boardFilters} onOpen={setOpen} />
        ) : isPhone ? (
          <List<Problem>
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={{ ...pagination, align: 'center' }}
            renderItem={(p) => <ProblemCard problem={p} showStatus onOpen={() => setOpen(p)} />}
          />
        ) : (
          <Table<Problem>
            rowKey="id"
            size="small"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={pagination}
            onRow={(p) => ({
              onClick: () => setOpen(p),
              style: { cursor: 'pointer', background: p.overdue ? '#fff5f5' : undefined },
            })}
            columns={[
              {
                title: t('problems.field.project'),
                dataIndex: 'projectName',
                width: 180,
                render: (v: string, p) => (
                  <Link to={`/projects/${p.projectId}?tab=problems`} onClick={(e) => e.stopPropagation()}>
                    {v}
                  </Link>
                ),
              },
              {
                title: t('problems.field.category'),
                dataIndex: 'category',
                width: 80,
                render: (c: ProblemCategory) => labelOf(problemCategoryLabels, c),
              },
              { title: t('problems.field.description'), dataIndex: 'description' },
              { title: t('problems.field.unit'), dataIndex: 'unitName', width: 140, render: (v: string | null) => v ?? '—' },
              { title: t('problems.field.leader'), dataIndex: 'leaderName', width: 90, render: (v: string | null) => v ?? '—' },
              {
                title: t('problems.field.deadline'),
                dataIndex: 'deadline',
                width: 130,
                render: (_: unknown, p) => <ProblemDeadline problem={p} />,
              },
              { title: t('problems.field.daysOpen'), dataIndex: 'daysOpen', width: 80 },
              {
                title: t('problems.field.status'),
                dataIndex: 'status',
                width: 90,
                render: (s: ProblemStatus) => <ProblemStatusTag status={s} />,
              },
            ]}
          />
        )}
      </Card>
      <ProblemDrawer problem={open} onClose={() => setOpen(undefined)} />
      <CreateProblemModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
