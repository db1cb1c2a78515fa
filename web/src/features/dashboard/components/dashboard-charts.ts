/** ECharts options of the dashboard, built from the summary; pure, so each chart's data is easy to check. */
import {
  problemCategoryLabels,
  projectLevelLabels,
  stageLabels,
  stages,
  type DashboardSummary,
  type ProjectLevel,
  type Stage,
} from '@kpc/contracts';
import { yearElapsedShare } from '@kpc/domain';
import { chartColors, type ChartOption } from '../../../components/chart';
import { currentLocale, labelOf } from '../../../lib/i18n';
import { bigMoneyValue, percent, percentValue } from './format';

const yiValue = (yuan: number) => bigMoneyValue(yuan, currentLocale());

type T = (key: string, opts?: Record<string, unknown>) => string;

export const levelColors: Record<ProjectLevel, string> = {
  provincial: '#1f5fbf',
  municipal: '#0c8599',
  district: '#f08c00',
};

const axisLabel = { color: '#4a5568', fontSize: 12 };
const splitLine = { lineStyle: { color: '#edf0f5' } };

/** Completion of the provincial and municipal projects' annual plan, with the share of the year gone by. */
export function gaugeOption(s: DashboardSummary, t: T): ChartOption {
  const rate = s.provincialAndMunicipal.completionRate ?? 0;
  const timeShare = yearElapsedShare(s.asOf, s.year);
  const colour = rate >= timeShare ? chartColors.good : rate >= timeShare * 0.8 ? chartColors.warn : chartColors.bad;
  return {
    series: [
      {
        type: 'gauge',
        min: 0,
        max: 100,
        radius: '92%',
        center: ['50%', '58%'],
        startAngle: 210,
        endAngle: -30,
        progress: { show: true, width: 18, itemStyle: { color: colour } },
        axisLine: { lineStyle: { width: 18, color: [[1, '#e9edf4']] } },
        axisTick: { show: false },
        splitLine: { length: 8, distance: 4, lineStyle: { width: 1, color: '#b8c2d3' } },
        axisLabel: { distance: 26, color: '#7a869a', fontSize: 11 },
        pointer: { show: false },
        anchor: { show: false },
        title: { offsetCenter: [0, '40%'], fontSize: 12, color: '#4a5568' },
        detail: {
          valueAnimation: false,
          offsetCenter: [0, '2%'],
          fontSize: 30,
          fontWeight: 700,
          color: '#1f2d3d',
          formatter: () => `${percent(s.provincialAndMunicipal.completionRate)}%`,
        },
        data: [{ value: percentValue(rate) ?? 0, name: t('dashboard.gauge.timeShare', { value: percent(timeShare) }) }],
      },
    ],
  };
}

/** Annual plan vs completed investment per level (亿元), the rate above each completed bar. */
export function byLevelOption(s: DashboardSummary, t: T): ChartOption {
  const rows = s.byLevel;
  return {
    grid: { left: 8, right: 12, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 10, textStyle: { color: '#4a5568' } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const i = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
        const r = rows[i]!;
        return [
          `<b>${labelOf(projectLevelLabels, r.level)}</b> · ${t('dashboard.projectsCount', { count: r.projects })}`,
          `${t('dashboard.series.plan')}: ${yiValue(r.annualPlan).toFixed(2)} ${t('dashboard.unit.yi')}`,
          `${t('dashboard.series.done')}: ${yiValue(r.completedInvestment).toFixed(2)} ${t('dashboard.unit.yi')}`,
          `${t('dashboard.series.rate')}: ${percent(r.completionRate)}%`,
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'category',
      data: rows.map((r) => labelOf(projectLevelLabels, r.level)),
      axisLabel: { ...axisLabel, fontSize: 13 },
      axisTick: { show: false },
    },
    yAxis: { type: 'value', name: t('dashboard.unit.yi'), nameTextStyle: { color: '#7a869a' }, axisLabel, splitLine },
    series: [
      {
        type: 'bar',
        name: t('dashboard.series.plan'),
        barMaxWidth: 34,
        itemStyle: { color: chartColors.plan, borderRadius: [3, 3, 0, 0] },
        data: rows.map((r) => yiValue(r.annualPlan)),
      },
      {
        type: 'bar',
        name: t('dashboard.series.done'),
        barMaxWidth: 34,
        data: rows.map((r) => ({
          value: yiValue(r.completedInvestment),
          itemStyle: { color: levelColors[r.level], borderRadius: [3, 3, 0, 0] },
        })),
        label: {
          show: true,
          position: 'top',
          color: '#1f2d3d',
          fontWeight: 600,
          formatter: (p: unknown) => `${percent(rows[(p as { dataIndex: number }).dataIndex]!.completionRate)}%`,
        },
      },
    ],
  };
}

/** Completed (front) over planned (behind) investment per lead unit, largest first, rate at the bar's end. */
export function byUnitOption(s: DashboardSummary, t: T): ChartOption {
  const rows = [...s.byUnit].reverse(); // ECharts draws the first category at the bottom
  const name = (r: (typeof rows)[number]) => r.unitName ?? t('dashboard.noUnit');
  return {
    grid: { left: 8, right: 56, top: 28, bottom: 4, containLabel: true },
    legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 10, textStyle: { color: '#4a5568' } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const i = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
        const r = rows[i]!;
        return [
          `<b>${name(r)}</b> · ${t('dashboard.projectsCount', { count: r.projects })}`,
          `${t('dashboard.series.plan')}: ${yiValue(r.annualPlan).toFixed(2)} ${t('dashboard.unit.yi')}`,
          `${t('dashboard.series.done')}: ${yiValue(r.completedInvestment).toFixed(2)} ${t('dashboard.unit.yi')}`,
          `${t('dashboard.series.rate')}: ${percent(r.completionRate)}%`,
        ].join('<br/>');
      },
    },
    xAxis: { type: 'value', axisLabel, splitLine },
    yAxis: {
      type: 'category',
      data: rows.map(name),
      axisLabel: { ...axisLabel, width: 120, overflow: 'truncate' },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: t('dashboard.series.plan'),
        barWidth: 12,
        barGap: '-100%',
        itemStyle: { color: '#dfe5ef', borderRadius: [0, 3, 3, 0] },
        data: rows.map((r) => yiValue(r.annualPlan)),
        label: {
          show: true,
          position: 'right',
          color: '#4a5568',
          fontSize: 11,
          formatter: (p: unknown) => `${percent(rows[(p as { dataIndex: number }).dataIndex]!.completionRate)}%`,
        },
      },
      {
        type: 'bar',
        name: t('dashboard.series.done'),
        barWidth: 12,
        itemStyle: { color: chartColors.done, borderRadius: [0, 3, 3, 0] },
        data: rows.map((r) => yiValue(r.completedInvestment)),
      },
    ],
  };
}

export const batchRateKeys = ['fulfilment', 'commissioning', 'targetAttainment'] as const;
export type BatchRateKey = (typeof batchRateKeys)[number];
const batchColours: Record<BatchRateKey, string> = {
  fulfilment: chartColors.primary,
  commissioning: chartColors.good,
  targetAttainment: chartColors.warn,
};

/** The three "three batches" rates over the periods (%, a gap where a list is empty). */
export function batchesOption(s: DashboardSummary, t: T): ChartOption {
  return {
    grid: { left: 8, right: 16, top: 40, bottom: 4, containLabel: true },
    legend: { top: 0, left: 'center', itemWidth: 14, itemHeight: 10, textStyle: { color: '#4a5568' } },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const ps = params as { dataIndex: number; seriesIndex: number; marker: string; seriesName: string }[];
        const b = s.batches[ps[0]?.dataIndex ?? 0]!;
        return [
          `<b>${b.period.name}</b> ${b.period.startDate} ~ ${b.period.endDate}`,
          ...ps.map((p) => {
            const c = b[batchRateKeys[p.seriesIndex]!];
            return `${p.marker}${p.seriesName}: ${percent(c.rate)}% (${c.numerator}/${c.denominator})`;
          }),
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'category',
      data: s.batches.map((b) => b.period.name),
      axisLabel: { ...axisLabel, fontSize: 13 },
      axisTick: { show: false },
    },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { ...axisLabel, formatter: '{value}%' }, splitLine },
    series: batchRateKeys.map((k) => ({
      type: 'line' as const,
      name: t(`dashboard.batches.${k}`),
      symbolSize: 9,
      lineStyle: { width: 3 },
      itemStyle: { color: batchColours[k] },
      connectNulls: false,
      data: s.batches.map((b) => percentValue(b[k].rate)),
    })),
  };
}

/** The funnel's stages: signed → at target (planned projects are not yet in play). */
export const funnelStages: readonly Stage[] = stages.filter((st) => st !== 'planned');

/** Projects that have reached at least each stage (so the funnel narrows), from the current-stage counts. */
export function reachedCounts(s: DashboardSummary): { stage: Stage; reached: number; current: number }[] {
  const current = new Map(s.byStage.map((r) => [r.stage, r.projects]));
  return funnelStages.map((stage, i) => ({
    stage,
    current: current.get(stage) ?? 0,
    reached: funnelStages.slice(i).reduce((n, st) => n + (current.get(st) ?? 0), 0),
  }));
}

export function funnelOption(s: DashboardSummary, t: T): ChartOption {
  const rows = reachedCounts(s);
  const max = Math.max(1, ...rows.map((r) => r.reached));
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const r = rows[(p as { dataIndex: number }).dataIndex]!;
        return [
          `<b>${labelOf(stageLabels, r.stage)}</b>`,
          t('dashboard.funnel.reached', { count: r.reached }),
          t('dashboard.funnel.current', { count: r.current }),
        ].join('<br/>');
      },
    },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        min: 0,
        max,
        minSize: '18%',
        left: '6%',
        right: '6%',
        top: 8,
        bottom: 8,
        gap: 3,
        label: {
          show: true,
          position: 'inside',
          color: '#fff',
          fontSize: 13,
          formatter: (p: unknown) => {
            const r = rows[(p as { dataIndex: number }).dataIndex]!;
            return `${labelOf(stageLabels, r.stage)}  ${r.reached}`;
          },
        },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        data: rows.map((r, i) => ({
          name: labelOf(stageLabels, r.stage),
          value: r.reached,
          itemStyle: { color: funnelPalette[i % funnelPalette.length] },
        })),
      },
    ],
  };
}

const funnelPalette = ['#1f5fbf', '#2f6fd0', '#3d80dc', '#0c8599', '#2f9e44', '#5cb85c'];

/** Series of the problems chart, in order: solved this year, not solved yet. */
export const problemSeries = ['solved', 'unsolved'] as const;

/** Problems per category, stacked: solved this year (counted in 解决问题) and not solved yet; most first. */
export function problemsOption(s: DashboardSummary, t: T): ChartOption {
  const rows = problemRows(s).reverse(); // ECharts draws the first category at the bottom
  return {
    grid: { left: 8, right: 16, top: 28, bottom: 4, containLabel: true },
    legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 10, textStyle: { color: '#4a5568' } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1, axisLabel, splitLine },
    yAxis: {
      type: 'category',
      data: rows.map((r) => labelOf(problemCategoryLabels, r.category)),
      axisLabel,
      axisTick: { show: false },
    },
    series: problemSeries.map((k) => ({
      type: 'bar' as const,
      name: t(`dashboard.problems.${k}`),
      stack: 'problems',
      barMaxWidth: 16,
      itemStyle: { color: k === 'solved' ? chartColors.good : chartColors.warn },
      data: rows.map((r) => r[k]),
    })),
  };
}

/** The categories in the chart's order (most problems first), without empty ones. */
export function problemRows(s: DashboardSummary) {
  return s.problemsByCategory
    .filter((r) => r.solved + r.unsolved > 0)
    .sort((a, b) => b.solved + b.unsolved - (a.solved + a.unsolved));
}

/** The 12 weeks' colours: stacked bars of red, yellow and green on each week's last day (the colour spells). */
export function colourTrendOption(s: DashboardSummary, t: T): ChartOption {
  const rows = s.colourTrend;
  const series = (['red', 'yellow', 'green'] as const).map((rag) => ({
    type: 'bar' as const,
    name: t(`dashboard.colourTrend.${rag}`),
    stack: 'colours',
    barMaxWidth: 28,
    itemStyle: { color: { red: chartColors.bad, yellow: '#fab005', green: chartColors.good }[rag] },
    data: rows.map((r) => r[rag]),
  }));
  return {
    grid: { left: 8, right: 12, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 10, textStyle: { color: '#4a5568' } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const i = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
        const r = rows[i]!;
        return [
          `<b>${r.week}</b> · ${r.day}`,
          ...(['red', 'yellow', 'green'] as const).map((k) => `${t(`dashboard.colourTrend.${k}`)}: ${r[k]}`),
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'category',
      // W05 rather than 2026-W05: twelve labels fit a phone
      data: rows.map((r) => r.week.slice(5)),
      axisLabel,
      axisTick: { show: false },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel, splitLine },
    series,
  };
}
