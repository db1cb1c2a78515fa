/**
 * 驾驶舱: the article's headline figures computed live, investment completion by level and unit, the
 * "three batches" rates over periods and the stage funnel. Every number, bar, point and slice opens the
 * project list filtered to the projects behind it. Year and as-of date live in the URL.
 */
import { useMemo, type ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Col, DatePicker, Grid, Row, Space, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { problemStatusLabels, projectLevels, type DashboardSummary, type Project } from '@kpc/contracts';
import { stageIndex, yearElapsedShare } from '@kpc/domain';
import { describeError } from '../../../lib/api';
import { currentLocale, labelOf } from '../../../lib/i18n';
import { Chart, type ChartClick } from '../../../components/chart';
import { PageSpinner } from '../../../components/page-spinner';
import { useDashboardSummary } from '../api/get-summary';
import { drillProjectIds } from '../api/drill-projects';
import {
  batchesOption,
  batchRateKeys,
  byLevelOption,
  byUnitOption,
  colourTrendOption,
  funnelOption,
  funnelStages,
  gaugeOption,
  problemRows,
  problemSeries,
  problemsOption,
} from './dashboard-charts';
import { bigMoney, percent } from './format';
import { RedList } from './red-list';
import './dashboard.css';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Opens the project list on the projects behind a figure. */
function useDrill() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { t } = useTranslation();
  const toIds = (ids: readonly number[]) => {
    if (ids.length === 0) message.info(t('dashboard.noProjects'));
    else navigate(`/projects?ids=${ids.join(',')}`);
  };
  const toFilter = (params: Record<string, string>) => navigate(`/projects?${new URLSearchParams(params)}`);
  /** Narrow a filtered list to exact ids; past the ids limit, open the filter alone. */
  const narrow = async (filter: Record<string, string>, keep: (p: Project) => boolean) => {
    const hide = message.loading(t('dashboard.opening'), 0);
    try {
      const ids = await drillProjectIds(filter, keep);
      if (ids === null) toFilter(filter);
      else toIds(ids);
    } catch (e) {
      message.error(describeError(e));
    } finally {
      hide();
    }
  };
  return { toIds, toFilter, narrow };
}

interface KpiProps {
  id: string;
  label: string;
  value: string;
  unit: string;
  note?: ReactNode;
  accent: string;
  onClick: () => void;
}

function Kpi({ id, label, value, unit, note, accent, onClick }: KpiProps) {
  return (
    <button type="button" className="kpc-kpi" style={{ borderTopColor: accent }} onClick={onClick} data-testid={`kpi-${id}`}>
      <span className="kpc-kpi-label">{label}</span>
      <span className="kpc-kpi-value" style={{ color: accent }}>
        <span data-testid={`kpi-${id}-value`}>{value}</span>
        <span className="kpc-kpi-unit">{unit}</span>
      </span>
      {note && <span className="kpc-kpi-note">{note}</span>}
    </button>
  );
}

function ChartCard({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <Card
      size="small"
      title={
        <Space size={6}>
          <span className="kpc-chart-title">{title}</span>
          {hint && (
            <Tooltip title={hint}>
              <QuestionCircleOutlined style={{ color: '#8c98ab' }} />
            </Tooltip>
          )}
        </Space>
      }
      style={{ height: '100%' }}
      styles={{ body: { padding: '8px 12px 12px' } }}
    >
      {children}
    </Card>
  );
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const yearParam = params.get('year');
  const asOfParam = params.get('asOf');
  const query = {
    year: yearParam && /^\d{4}$/.test(yearParam) ? Number(yearParam) : undefined,
    asOf: asOfParam && isoDate.test(asOfParam) ? asOfParam : undefined,
  };
  const { data, error, isPending, isFetching, refetch } = useDashboardSummary(query);

  const set = (key: 'year' | 'asOf', value: string | undefined) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });

  if (isPending) return <PageSpinner />;
  if (!data)
    return (
      <div className="kpc-page">
        <Alert
          type="error"
          showIcon
          title={describeError(error)}
          action={<Button onClick={() => void refetch()}>{t('common.retry')}</Button>}
        />
      </div>
    );

  return (
    <div className="kpc-page kpc-dashboard" data-testid="dashboard">
      <div className="kpc-dashboard-head">
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('dashboard.title', { region: data.regionName ?? data.regionCode })}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="dashboard-asof">
            {t('dashboard.subtitle', { year: data.year, asOf: data.asOf, month: data.throughMonth })}
          </Typography.Text>
        </div>
        <Space wrap size={8}>
          <DatePicker
            picker="year"
            allowClear={false}
            value={dayjs(`${data.year}-01-01`)}
            onChange={(d) => set('year', d ? String(d.year()) : undefined)}
            aria-label={t('dashboard.year')}
            style={{ width: 110 }}
            data-testid="dashboard-year"
          />
          <DatePicker
            allowClear={false}
            value={dayjs(data.asOf)}
            onChange={(d) => set('asOf', d ? d.format('YYYY-MM-DD') : undefined)}
            aria-label={t('dashboard.asOf')}
            prefix={<span style={{ color: '#8c98ab' }}>{t('dashboard.asOfShort')}</span>}
            style={{ width: 180 }}
            data-testid="dashboard-asof-picker"
          />
          <Button
            icon={<ReloadOutlined />}
            loading={isFetching}
            onClick={() => void refetch()}
            aria-label={t('dashboard.refresh')}
          />
        </Space>
      </div>
      {error && <Alert type="warning" showIcon title={describeError(error)} style={{ marginBottom: 12 }} />}
      <DashboardBody summary={data} />
    </div>
  );
}

function DashboardBody({ summary: s }: { summary: DashboardSummary }) {
  const { t, i18n } = useTranslation();
  const drill = useDrill();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const pm = s.provincialAndMunicipal;
  const yi = t('dashboard.unit.yi');
  const locale = currentLocale();

  const toProvincialAndMunicipal = () => void drill.narrow({}, (p) => (pm.levels as string[]).includes(p.level));
  const options = useMemo(
    () => ({
      gauge: gaugeOption(s, t),
      level: byLevelOption(s, t),
      unit: byUnitOption(s, t),
      batches: batchesOption(s, t),
      funnel: funnelOption(s, t),
      problems: problemsOption(s, t),
      colourTrend: colourTrendOption(s, t),
    }),
    // labels follow the language
    [s, t, i18n.language],
  );

  const onLevel = (e: ChartClick) => {
    const level = projectLevels[e.dataIndex];
    if (level) drill.toFilter({ level });
  };
  const onUnit = (e: ChartClick) => {
    const r = [...s.byUnit].reverse()[e.dataIndex];
    if (!r) return;
    if (r.unitId === null) void drill.narrow({}, (p) => p.leadUnitId === null);
    else void drill.narrow({ unitId: String(r.unitId) }, (p) => p.leadUnitId === r.unitId);
  };
  const onBatch = (e: ChartClick) => {
    const b = s.batches[e.dataIndex];
    const k = batchRateKeys[e.seriesIndex ?? 0];
    if (b && k) drill.toIds(b[k].listProjectIds);
  };
  const onFunnel = (e: ChartClick) => {
    const stage = funnelStages[e.dataIndex];
    if (!stage) return;
    const from = stageIndex(stage);
    void drill.narrow({}, (p) => stageIndex(p.stage) >= from);
  };

  const unitHeight = Math.max(300, s.byUnit.length * 24 + 48);
  // The meeting and problem lists (their own screens) read "this year" as the dashboard does; another year is passed on.
  const yearQuery = s.year === Number(s.asOf.slice(0, 4)) ? '' : `&year=${s.year}`;
  const navigate = useNavigate();
  const onProblems = (e: ChartClick) => {
    const r = [...problemRows(s)].reverse()[e.dataIndex];
    if (!r) return;
    const solved = problemSeries[e.seriesIndex ?? 0] === 'solved';
    navigate(solved ? `/problems?solved=year&category=${r.category}${yearQuery}` : `/problems?category=${r.category}`);
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <div className="kpc-kpis">
        <Kpi
          id="keyProjects"
          label={t('dashboard.kpi.keyProjects')}
          value={String(s.keyProjects)}
          unit={t('dashboard.unit.projects')}
          accent="#1f5fbf"
          onClick={() => drill.toFilter({})}
        />
        <Kpi
          id="contractingLeaders"
          label={t('dashboard.kpi.contractingLeaders')}
          value={String(s.contractingLeaders)}
          unit={t('dashboard.unit.people')}
          accent="#7048e8"
          onClick={() => void drill.narrow({}, (p) => p.leaderId !== null)}
        />
        <Kpi
          id="responsibleUnits"
          label={t('dashboard.kpi.responsibleUnits')}
          value={String(s.responsibleUnits)}
          unit={t('dashboard.unit.units')}
          accent="#0c8599"
          onClick={() => void drill.narrow({}, (p) => p.leadUnitId !== null || p.cooperatingUnitIds.length > 0)}
        />
        <Kpi
          id="provincialAndMunicipal"
          label={t('dashboard.kpi.provincialAndMunicipal')}
          value={String(pm.projects)}
          unit={t('dashboard.unit.projects')}
          accent="#1f5fbf"
          onClick={toProvincialAndMunicipal}
        />
        <Kpi
          id="completedInvestment"
          label={t('dashboard.kpi.completedInvestment')}
          value={bigMoney(pm.completedInvestment, locale)}
          unit={yi}
          note={t('dashboard.kpi.annualPlan', { value: bigMoney(pm.annualPlan, locale), unit: yi })}
          accent="#2f9e44"
          onClick={toProvincialAndMunicipal}
        />
        <Kpi
          id="completionRate"
          label={t('dashboard.kpi.completionRate')}
          value={percent(pm.completionRate)}
          unit="%"
          note={t('dashboard.kpi.timeShare', { value: percent(yearElapsedShare(s.asOf, s.year)) })}
          accent="#f08c00"
          onClick={toProvincialAndMunicipal}
        />
        <Kpi
          id="signedAtLeast100M"
          label={t('dashboard.kpi.signedAtLeast100M')}
          value={String(s.signedAtLeast100M.count)}
          unit={t('dashboard.unit.projects')}
          note={t('dashboard.kpi.signedInYear', { year: s.year })}
          accent="#e03131"
          onClick={() => drill.toIds(s.signedAtLeast100M.projectIds)}
        />
        <Kpi
          id="meetingsHeld"
          label={t('dashboard.kpi.meetingsHeld')}
          value={String(s.meetingsHeld.count)}
          unit={t('dashboard.unit.times')}
          note={t('dashboard.kpi.inYear', { year: s.year })}
          accent="#0c8599"
          onClick={() => navigate(`/meetings?held=year${yearQuery}`)}
        />
        <Kpi
          id="problemsSolved"
          label={t('dashboard.kpi.problemsSolved')}
          value={String(s.problemsSolved.count)}
          unit={t('dashboard.unit.problems')}
          note={t('dashboard.kpi.inYear', { year: s.year })}
          accent="#2f9e44"
          onClick={() => navigate(`/problems?solved=year${yearQuery}`)}
        />
        {s.weeklyComplianceRate && (
          <Kpi
            id="weeklyComplianceRate"
            label={t('dashboard.kpi.weeklyCompliance')}
            value={percent(s.weeklyComplianceRate.rate)}
            unit="%"
            note={t('dashboard.kpi.weeklyComplianceNote', {
              week: s.weeklyComplianceRate.week,
              met: s.weeklyComplianceRate.metCount,
              total: s.weeklyComplianceRate.total,
            })}
            accent="#7048e8"
            onClick={() => navigate(`/compliance?week=${s.weeklyComplianceRate!.week}`)}
          />
        )}
      </div>

      <Row gutter={[12, 12]}>
        <Col xs={24} md={12} xl={7}>
          <ChartCard title={t('dashboard.chart.gauge')} hint={t('dashboard.chart.gaugeHint')}>
            <Chart
              option={options.gauge}
              height={phone ? 230 : 270}
              onClick={toProvincialAndMunicipal}
              ariaLabel={t('dashboard.chart.gauge')}
              testId="chart-gauge"
            />
            <div className="kpc-gauge-foot">
              {t('dashboard.gauge.foot', {
                done: bigMoney(pm.completedInvestment, locale),
                plan: bigMoney(pm.annualPlan, locale),
                unit: yi,
              })}
            </div>
          </ChartCard>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <ChartCard title={t('dashboard.chart.byLevel')} hint={t('dashboard.chart.clickHint')}>
            <Chart option={options.level} height={phone ? 260 : 300} onClick={onLevel} ariaLabel={t('dashboard.chart.byLevel')} />
          </ChartCard>
        </Col>
        <Col xs={24} md={24} xl={9}>
          <ChartCard title={t('dashboard.chart.funnel')} hint={t('dashboard.chart.funnelHint')}>
            <Chart
              option={options.funnel}
              height={phone ? 260 : 300}
              onClick={onFunnel}
              ariaLabel={t('dashboard.chart.funnel')}
            />
          </ChartCard>
        </Col>
        <Col xs={24} xl={14}>
          <ChartCard title={t('dashboard.chart.byUnit')} hint={t('dashboard.chart.clickHint')}>
            <Chart option={options.unit} height={unitHeight} onClick={onUnit} ariaLabel={t('dashboard.chart.byUnit')} />
          </ChartCard>
        </Col>
        <Col xs={24} xl={10}>
          <ChartCard title={t('dashboard.chart.batches')} hint={t('dashboard.chart.batchesHint')}>
            <Chart
              option={options.batches}
              height={phone ? 260 : 300}
              onClick={onBatch}
              ariaLabel={t('dashboard.chart.batches')}
            />
            <BatchTable summary={s} onOpen={drill.toIds} />
          </ChartCard>
        </Col>
        <Col xs={24} xl={14}>
          <ChartCard title={t('dashboard.chart.problems')} hint={t('dashboard.chart.problemsHint')}>
            <Chart
              option={options.problems}
              height={Math.max(220, problemRows(s).length * 30 + 48)}
              onClick={onProblems}
              ariaLabel={t('dashboard.chart.problems')}
              testId="chart-problems"
            />
            <div className="kpc-problem-states" data-testid="problem-states">
              {s.problemsByStatus.map((r) => (
                <button
                  key={r.status}
                  type="button"
                  className="kpc-link-button"
                  onClick={() => navigate(`/problems?status=${r.status}`)}
                >
                  {labelOf(problemStatusLabels, r.status)} <b>{r.count}</b>
                </button>
              ))}
              <button
                type="button"
                className="kpc-link-button kpc-problem-overdue"
                onClick={() => navigate('/problems?overdue=true')}
              >
                {t('dashboard.problems.overdue')} <b>{s.problemsOverdue}</b>
              </button>
            </div>
          </ChartCard>
        </Col>
        <Col xs={24} xl={14}>
          <ChartCard title={t('dashboard.colourTrend.title')} hint={t('dashboard.colourTrend.hint')}>
            <Chart
              option={options.colourTrend}
              height={phone ? 240 : 280}
              ariaLabel={t('dashboard.colourTrend.title')}
              testId="chart-colour-trend"
            />
          </ChartCard>
        </Col>
        <Col xs={24} xl={10}>
          <ChartCard title={t('dashboard.redList.title', { count: s.redList.length })} hint={t('dashboard.redList.hint')}>
            <RedList summary={s} />
          </ChartCard>
        </Col>
      </Row>
    </Space>
  );
}

/** The rates as numbers too (a chart alone hides n/N); each cell opens its list. */
function BatchTable({ summary: s, onOpen }: { summary: DashboardSummary; onOpen: (ids: readonly number[]) => void }) {
  const { t } = useTranslation();
  if (s.batches.length === 0) return <Alert type="info" title={t('dashboard.batches.none')} />;
  return (
    <table className="kpc-batch-table">
      <thead>
        <tr>
          <th>{t('dashboard.batches.period')}</th>
          {batchRateKeys.map((k) => (
            <th key={k}>{t(`dashboard.batches.${k}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {s.batches.map((b) => (
          <tr key={b.period.id}>
            <td>{b.period.name}</td>
            {batchRateKeys.map((k) => (
              <td key={k}>
                <button type="button" className="kpc-link-button" onClick={() => onOpen(b[k].listProjectIds)}>
                  {percent(b[k].rate)}
                  {b[k].rate === null ? '' : '%'}
                  <span className="kpc-batch-n">
                    {' '}
                    {b[k].numerator}/{b[k].denominator}
                  </span>
                </button>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
