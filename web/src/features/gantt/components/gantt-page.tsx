/** 挂图作战: the portfolio Gantt, filtered by unit, leader, level and stage; a click opens the project. */
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Card, Empty, Grid, Segmented, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageSpinner } from '../../../components/page-spinner';
import { PortfolioFilters } from '../../../components/portfolio-filters';
import { describeError } from '../../../lib/api';
import { useGantt, type GanttFilters } from '../api/get-gantt';
import { GanttChart } from './gantt-chart';
import { focusGantt, type GanttFocus } from './gantt-focus';

export default function GanttPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<GanttFilters>({});
  const { data, error, isPending, isFetching } = useGantt(filters);
  const set = (patch: Partial<GanttFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const height = Math.max(480, window.innerHeight - 230);
  const isPhone = !Grid.useBreakpoint().md;
  // 逾期未完成 only: the overdue nodes, or the projects that have any (on the loaded data)
  const [focus, setFocus] = useState<GanttFocus>('all');
  const shown = useMemo(() => (data ? focusGantt(data, focus) : undefined), [data, focus]);
  const filterBar = (
    <Space wrap>
      <PortfolioFilters value={filters} onChange={set} testIdPrefix="gantt" i18nPrefix="gantt" />
      <Segmented<GanttFocus>
        value={focus}
        onChange={setFocus}
        data-testid="gantt-focus"
        options={[
          { value: 'all', label: t('gantt.focus.all') },
          { value: 'overdueNodes', label: t('gantt.focus.overdueNodes') },
          { value: 'overdueProjects', label: t('gantt.focus.overdueProjects') },
        ]}
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
          <PageSpinner inline />
        ) : error || !shown ? (
          <Empty description={describeError(error)} />
        ) : shown.projects.length === 0 ? (
          <Empty description={t('gantt.empty')} />
        ) : (
          <GanttChart gantt={shown} projectRows height={height} onOpenProject={(id) => navigate(`/projects/${id}`)} />
        )}
      </Card>
    </div>
  );
}
