/** 挂图作战: the portfolio Gantt, filtered by unit, leader, level and stage; a click opens the project. */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Card, Empty, Grid, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { projectLevelLabels, projectLevels, stageLabels, stages } from '@kpc/contracts';
import { optionsOf } from '../../../lib/i18n';
import { useLeaders, useUnits } from '../../../lib/reference-data';
import { PageSpinner } from '../../../components/page-spinner';
import { describeError } from '../../../lib/api';
import { useGantt, type GanttFilters } from '../api/get-gantt';
import { GanttChart } from './gantt-chart';

export default function GanttPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<GanttFilters>({});
  const units = useUnits().data?.items ?? [];
  const leaders = useLeaders().data?.items ?? [];
  const { data, error, isPending, isFetching } = useGantt(filters);
  const set = (patch: Partial<GanttFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const height = Math.max(480, window.innerHeight - 230);
  const isPhone = !Grid.useBreakpoint().md;
  const filterBar = (
    <Space wrap>
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('gantt.filter.unit')}
        style={{ width: 180 }}
        data-testid="gantt-filter-unit"
        value={filters.unitId}
        onChange={(v?: number) => set({ unitId: v })}
        options={units.map((u) => ({ value: u.id, label: u.name }))}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('gantt.filter.leader')}
        style={{ width: 140 }}
        data-testid="gantt-filter-leader"
        value={filters.leaderId}
        onChange={(v?: number) => set({ leaderId: v })}
        options={leaders.map((l) => ({ value: l.id, label: l.name }))}
      />
      <Select
        allowClear
        placeholder={t('gantt.filter.level')}
        style={{ width: 120 }}
        data-testid="gantt-filter-level"
        value={filters.level}
        onChange={(v) => set({ level: v })}
        options={optionsOf(projectLevels, projectLevelLabels)}
      />
      <Select
        allowClear
        placeholder={t('gantt.filter.stage')}
        style={{ width: 110 }}
        data-testid="gantt-filter-stage"
        value={filters.stage}
        onChange={(v) => set({ stage: v })}
        options={optionsOf(stages, stageLabels)}
      />
    </Space>
  );

  return (
    <div className="kpc-page">
      <Card
        title={
          <Space orientation="vertical" size={0}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('gantt.title')}
            </Typography.Title>
          </Space>
        }
        extra={isPhone ? undefined : filterBar}
        styles={{ body: { padding: 12, opacity: isFetching && data ? 0.7 : 1 } }}
      >
        {/* on a phone the filters go in the body: a header full of selects squeezes the title out */}
        {isPhone && <div style={{ marginBottom: 8 }}>{filterBar}</div>}
        {isPending ? (
          <PageSpinner />
        ) : error || !data ? (
          <Empty description={describeError(error)} />
        ) : data.projects.length === 0 ? (
          <Empty description={t('gantt.empty')} />
        ) : (
          <GanttChart gantt={data} projectRows height={height} onOpenProject={(id) => navigate(`/projects/${id}`)} />
        )}
      </Card>
    </div>
  );
}
