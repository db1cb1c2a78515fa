/**
 * The 12-week heat map: a row per person, a column per ISO week, each cell the week's checks / problems
 * solved on site, green when the quota was met, amber when something was done but not enough, grey for
 * nothing. Registers ECharts' heatmap and visual map here, so only this screen loads them.
 */
import { useMemo } from 'react';
import { use } from 'echarts/core';
import { HeatmapChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';
import { useTranslation } from 'react-i18next';
import type { ComplianceHeatmap } from '@kpc/contracts';
import { Chart, chartColors, type ChartOption } from '../../../components/chart';

use([HeatmapChart, VisualMapComponent]);

/** 2: met; 1: some checks or solutions, not enough; 0: nothing. */
const levelOf = (c: { siteChecks: number; solvedOnSite: number; met: boolean }) =>
  c.met ? 2 : c.siteChecks + c.solvedOnSite > 0 ? 1 : 0;

export function heatmapOption(
  h: ComplianceHeatmap,
  t: (key: string, opts?: Record<string, unknown>) => string,
  phone: boolean,
): ChartOption {
  const names = [...h.rows].reverse().map((r) => r.name);
  const data = [...h.rows]
    .reverse()
    .flatMap((r, y) => r.cells.map((c, x) => ({ value: [x, y, levelOf(c)], checks: c.siteChecks, solved: c.solvedOnSite })));
  const option = {
    animation: false,
    grid: { left: phone ? 56 : 80, right: 8, top: 8, bottom: phone ? 64 : 56 },
    tooltip: {
      formatter: (p: { data: { value: number[]; checks: number; solved: number } }) => {
        const [x, y, level] = p.data.value as [number, number, number];
        return `${names[y]} · ${h.weeks[x]}<br/>${t('compliance.tooltip', { checks: p.data.checks, solved: p.data.solved })}<br/>${t(`compliance.level.${level}`)}`;
      },
    },
    xAxis: {
      type: 'category',
      data: h.weeks.map((w) => w.slice(5)),
      splitArea: { show: true },
      axisLabel: { fontSize: phone ? 9 : 11, rotate: phone ? 90 : 0, interval: 0 },
    },
    yAxis: { type: 'category', data: names, axisLabel: { fontSize: phone ? 10 : 12 } },
    visualMap: {
      type: 'piecewise',
      dimension: 2,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemWidth: 12,
      itemHeight: 12,
      textStyle: { fontSize: 11 },
      pieces: [
        { value: 2, label: t('compliance.level.2'), color: chartColors.good },
        { value: 1, label: t('compliance.level.1'), color: '#f5c26b' },
        { value: 0, label: t('compliance.level.0'), color: '#e3e8ef' },
      ],
    },
    series: [
      {
        type: 'heatmap',
        data,
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        label: {
          show: !phone,
          fontSize: 10,
          color: '#1d2129',
          formatter: (p: { data: { checks: number; solved: number } }) => `${p.data.checks}/${p.data.solved}`,
        },
      },
    ],
  };
  return option as unknown as ChartOption;
}

export function ComplianceHeatmapChart({ data, phone }: { data: ComplianceHeatmap; phone: boolean }) {
  const { t, i18n } = useTranslation();
  const option = useMemo(() => heatmapOption(data, t, phone), [data, t, phone, i18n.language]);
  return (
    <Chart
      option={option}
      height={Math.max(220, data.rows.length * (phone ? 22 : 26) + (phone ? 80 : 70))}
      ariaLabel={t('compliance.heatmap')}
      testId="compliance-heatmap"
    />
  );
}
