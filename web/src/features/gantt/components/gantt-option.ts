/**
 * The Gantt as one ECharts option: rows grouped by project (a project row, then its nodes), and per node
 * three custom-series rectangles — the baseline shadow, the plan (forecast) bar, red when late, and the
 * actual bar — plus a today line. renderItem draws plain rects, and dataZoom filters what is off screen,
 * so a few thousand bars stay smooth (no per-bar DOM, no labels on bars).
 * When the response carries ledger items (one project's chart), they follow the nodes as a second group
 * of rows 台账事项: a plan bar to the deadline (red when overdue) and, once done, a green bar and marker
 * ending on the completion date. A recurring item 长期事项 has no deadline, so no bar end: its row is
 * labelled 长期 and carries a pale open-ended band from the day it was recorded to the edge of the chart.
 */
import { graphic } from 'echarts/core';
import type { ComposeOption } from 'echarts/core';
import type { CustomSeriesOption } from 'echarts/charts';
import type {
  DataZoomComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams, CustomSeriesRenderItemReturn } from 'echarts';
import type { Gantt, GanttBar, GanttLedgerItem } from '@kpc/contracts';

export type GanttOption = ComposeOption<
  | CustomSeriesOption
  | GridComponentOption
  | DataZoomComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
>;

const DAY = 86_400_000;
/** 'YYYY-MM-DD' → ms at local midnight (dates are calendar days; the axis shows local time). */
export const toTs = (d: string): number => {
  const [y, m, dd] = d.split('-').map(Number);
  return new Date(y!, m! - 1, dd!).getTime();
};
const fmt = (ts: number) => {
  const d = new Date(ts);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export const ganttColors = {
  baseline: '#d3d9e4',
  plan: '#4f7fe8',
  late: '#e5484d',
  actualDone: '#2fa84f',
  actualOpen: '#f0a020',
  project: '#1f3b6e',
  today: '#e5484d',
  recurring: '#b7c8ee',
};

export interface GanttLabels {
  baseline: string;
  plan: string;
  actual: string;
  late: string;
  today: string;
  /** Group rows shown when ledger items are drawn. */
  nodeGroup: string;
  ledgerGroup: string;
  /** Legend entry of the completion marker of a ledger item. */
  ledgerDone: string;
  /** Legend entry of a recurring item's open-ended band, and the tag in its row label. */
  recurring: string;
  recurringTag: string;
  tooltip: (ref: GanttRef) => string;
}

/** What a row (and the bars on it) stands for: a project, a node (`bar`), a ledger item (`item`) or a group label. */
export interface GanttRef {
  projectId: number;
  projectName: string;
  bar: GanttBar | null;
  item?: GanttLedgerItem;
  slipDays: number | null;
  late: boolean;
}

export interface GanttModel {
  option: GanttOption;
  rowCount: number;
  refs: GanttRef[];
  /** The whole time range, for the "all" zoom. */
  minTs: number;
  maxTs: number;
  todayTs: number;
}

/** A series of rects: value = [row, start, end, colourIndex, refIndex]; top/height are fractions of the row. */
function rectSeries(
  name: string,
  color: string,
  palette: string[],
  top: number,
  height: number,
  data: number[][],
  extra: Partial<CustomSeriesOption> = {},
): CustomSeriesOption {
  return {
    type: 'custom',
    name,
    itemStyle: { color },
    encode: { x: [1, 2], y: 0, tooltip: [] },
    clip: true,
    data,
    renderItem: (params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI): CustomSeriesRenderItemReturn => {
      const row = api.value(0) as number;
      const a = api.coord([api.value(1), row]);
      const b = api.coord([api.value(2), row]);
      const rowHeight = (api.size!([0, 1]) as number[])[1]!;
      const shape = graphic.clipRectByRect(
        { x: a[0]!, y: a[1]! - rowHeight / 2 + rowHeight * top, width: Math.max(b[0]! - a[0]!, 2), height: rowHeight * height },
        params.coordSys as unknown as { x: number; y: number; width: number; height: number },
      );
      return shape && { type: 'rect', shape, style: { fill: palette[api.value(3) as number] ?? color } };
    },
    ...extra,
  };
}

/** A diamond at the end value (index 2) of a row, centred on the actual bar: the day a ledger item was done. */
function markerSeries(name: string, color: string, data: number[][]): CustomSeriesOption {
  return {
    type: 'custom',
    name,
    itemStyle: { color },
    encode: { x: [1, 2], y: 0, tooltip: [] },
    clip: true,
    data,
    renderItem: (params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI): CustomSeriesRenderItemReturn => {
      const row = api.value(0) as number;
      const [x, mid] = api.coord([api.value(2), row]) as [number, number];
      const rowHeight = (api.size!([0, 1]) as number[])[1]!;
      const box = params.coordSys as unknown as { x: number; y: number; width: number; height: number };
      if (x < box.x || x > box.x + box.width) return undefined;
      const y = mid - rowHeight / 2 + rowHeight * 0.69;
      const r = Math.max(3, Math.min(6, rowHeight * 0.28));
      return {
        type: 'polygon',
        shape: {
          points: [
            [x, y - r],
            [x + r, y],
            [x, y + r],
            [x - r, y],
          ],
        },
        style: { fill: color, stroke: '#fff', lineWidth: 1 },
      };
    },
  };
}

/** Rich-text markup braces in a user's text would be read as styles: show them as full-width ones. */
const plainLabel = (s: string) => s.replace(/[{}|]/g, (c) => ({ '{': '｛', '}': '｝', '|': '｜' })[c]!);

export function buildGanttModel(
  gantt: Gantt,
  labels: GanttLabels,
  opts: { projectRows: boolean; visibleRows: number },
): GanttModel {
  const rows: { label: string; kind: 'project' | 'node' | 'group' | 'item' }[] = [];
  const refs: GanttRef[] = [];
  const shadow: number[][] = [];
  const plan: number[][] = [];
  const actual: number[][] = [];
  const summary: number[][] = [];
  const doneMarks: number[][] = [];
  /** Recurring items: [row, start, end or null (runs to the chart's edge), 0, ref]. */
  const ongoing: (number | null)[][] = [];
  let hasLedger = false;
  const todayTs = toTs(gantt.today);
  let minTs = todayTs - 30 * DAY;
  let maxTs = todayTs + 90 * DAY;

  for (const p of gantt.projects) {
    let projectRow = -1;
    if (opts.projectRows) {
      projectRow = rows.length;
      rows.push({ label: p.name, kind: 'project' });
      refs.push({ projectId: p.id, projectName: p.name, bar: null, slipDays: p.slipDays, late: p.late });
    }
    let pStart = Infinity;
    let pEnd = -Infinity;
    const items = p.ledgerItems ?? [];
    const group = (label: string) => {
      rows.push({ label, kind: 'group' });
      refs.push({ projectId: p.id, projectName: p.name, bar: null, slipDays: p.slipDays, late: p.late });
    };
    if (items.length && p.nodes.length) group(labels.nodeGroup);
    for (const n of p.nodes) {
      const row = rows.length;
      rows.push({ label: n.name, kind: 'node' });
      const ref = refs.length;
      refs.push({ projectId: p.id, projectName: p.name, bar: n, slipDays: n.slipDays, late: n.late });
      if (n.planStart && n.planFinish) {
        const s = toTs(n.planStart);
        const e = toTs(n.planFinish) + DAY;
        shadow.push([row, s, e, 0, ref]);
        pStart = Math.min(pStart, s);
        pEnd = Math.max(pEnd, e);
      }
      const fs = toTs(n.forecastStart);
      const fe = toTs(n.forecastFinish) + DAY;
      plan.push([row, fs, fe, n.late ? 1 : 0, ref]);
      pStart = Math.min(pStart, fs);
      pEnd = Math.max(pEnd, fe);
      if (n.actualStart) {
        const as = toTs(n.actualStart);
        // an unfinished node's actual bar runs to today
        const ae = n.actualFinish ? toTs(n.actualFinish) + DAY : Math.max(todayTs + DAY, as + DAY);
        actual.push([row, as, ae, n.actualFinish ? 0 : 1, ref]);
        pStart = Math.min(pStart, as);
      }
    }
    if (items.length) {
      hasLedger = true;
      group(labels.ledgerGroup);
    }
    for (const item of items) {
      const row = rows.length;
      const tag = item.planFinish === null ? `〔${labels.recurringTag}〕` : '';
      rows.push({ label: `${item.seq}. ${tag}${item.content}`, kind: 'item' });
      const ref = refs.length;
      refs.push({ projectId: p.id, projectName: p.name, bar: null, item, slipDays: null, late: item.overdue });
      const s = toTs(item.planStart);
      pStart = Math.min(pStart, s);
      if (item.planFinish === null) {
        // no deadline, no bar end: open-ended until done
        ongoing.push([row, s, item.status === 'done' && item.completedOn ? toTs(item.completedOn) + DAY : null, 0, ref]);
      } else {
        const e = toTs(item.planFinish) + DAY;
        plan.push([row, s, e, item.overdue ? 1 : 0, ref]);
        pEnd = Math.max(pEnd, e);
      }
      if (item.status === 'done' && item.completedOn) {
        const de = toTs(item.completedOn) + DAY;
        // done from the day it was planned from, or (done before it was recorded) just that day
        actual.push([row, Math.min(s, de - DAY), de, 0, ref]);
        doneMarks.push([row, de - DAY, de, 0, ref]);
        pStart = Math.min(pStart, de - DAY);
        pEnd = Math.max(pEnd, de);
      }
    }
    if (projectRow >= 0 && pStart < pEnd) summary.push([projectRow, pStart, pEnd, p.late ? 1 : 0, projectRow]);
    if (pStart < minTs) minTs = pStart;
    if (pEnd > maxTs) maxTs = pEnd;
  }

  const axisMax = maxTs + 7 * DAY;
  const ongoingData = ongoing.map(([row, s, e, c, ref]) => [row!, s!, e ?? axisMax, c!, ref!]);

  const option: GanttOption = {
    animation: false,
    grid: { left: 8, right: 34, top: 36, bottom: 52, containLabel: true },
    legend: {
      top: 4,
      left: 'center',
      data: [
        labels.baseline,
        labels.plan,
        labels.actual,
        labels.late,
        ...(hasLedger ? [{ name: labels.ledgerDone, icon: 'diamond' }] : []),
        ...(ongoingData.length ? [labels.recurring] : []),
      ],
    },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (p) => {
        const value = (p as { value?: number[] }).value;
        const ref = value ? refs[value[4]!] : undefined;
        return ref ? labels.tooltip(ref) : '';
      },
    },
    xAxis: {
      type: 'time',
      position: 'top',
      min: minTs - 7 * DAY,
      max: axisMax,
      axisLabel: { hideOverlap: true, color: '#4a5568' },
      splitLine: { show: true, lineStyle: { color: '#eef1f6' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => `{${rowStyle[r.kind]}|${plainLabel(r.label)}}`),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#cfd6e2' } },
      splitLine: { show: false },
      triggerEvent: true,
      axisLabel: {
        interval: 0,
        width: 200,
        overflow: 'truncate',
        rich: {
          p: { fontWeight: 'bold', color: '#1f3b6e', fontSize: 12 },
          n: { color: '#4a5568', fontSize: 12, padding: [0, 0, 0, 12] },
          g: { color: '#6b7a90', fontSize: 12, fontWeight: 'bold' },
        },
      },
    },
    dataZoom: [
      {
        type: 'slider',
        xAxisIndex: 0,
        filterMode: 'weakFilter',
        bottom: 8,
        height: 20,
        labelFormatter: (v: number) => fmt(v),
      },
      { type: 'inside', xAxisIndex: 0, filterMode: 'weakFilter', zoomOnMouseWheel: 'ctrl', moveOnMouseWheel: false },
      // rows scroll only when they do not all fit
      ...(rows.length <= opts.visibleRows ? [] : rowZoom(rows.length, opts.visibleRows)),
    ],
    series: [
      rectSeries(labels.baseline, ganttColors.baseline, [ganttColors.baseline], 0.1, 0.8, shadow),
      rectSeries('project', ganttColors.project, ['rgba(31,59,110,0.55)', 'rgba(229,72,77,0.7)'], 0.3, 0.4, summary, {
        tooltip: { show: true },
      }),
      rectSeries(labels.plan, ganttColors.plan, [ganttColors.plan, ganttColors.late], 0.18, 0.34, plan, {
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: ganttColors.today, type: 'dashed', width: 1.5 },
          // on a white chip: at phone width it sits on top of the time axis labels
          label: {
            formatter: labels.today,
            position: 'start',
            color: ganttColors.today,
            backgroundColor: '#fff',
            padding: [1, 3],
            borderRadius: 2,
          },
          data: [{ xAxis: todayTs }],
        },
      }),
      rectSeries(labels.actual, ganttColors.actualDone, [ganttColors.actualDone, ganttColors.actualOpen], 0.56, 0.26, actual),
      // only a legend entry: late plan bars are drawn red by the plan series
      rectSeries(labels.late, ganttColors.late, [ganttColors.late], 0, 0, []),
      ...(hasLedger ? [markerSeries(labels.ledgerDone, ganttColors.actualDone, doneMarks)] : []),
      ...(ongoingData.length
        ? [rectSeries(labels.recurring, ganttColors.recurring, [ganttColors.recurring], 0.18, 0.34, ongoingData)]
        : []),
    ],
  };
  return { option, rowCount: rows.length, refs, minTs, maxTs, todayTs };
}

const rowStyle = { project: 'p', node: 'n', group: 'g', item: 'n' } as const;

/** A row slider on the right and the mouse wheel scroll the rows; the time zoom stays on ctrl + wheel. */
function rowZoom(rowCount: number, visibleRows: number): DataZoomComponentOption[] {
  return [
    {
      type: 'slider',
      yAxisIndex: 0,
      filterMode: 'weakFilter',
      right: 6,
      width: 16,
      startValue: 0,
      endValue: Math.min(rowCount, visibleRows) - 1,
      showDetail: false,
      brushSelect: false,
      zoomLock: true,
    },
    {
      type: 'inside',
      yAxisIndex: 0,
      filterMode: 'weakFilter',
      zoomOnMouseWheel: false,
      moveOnMouseWheel: true,
      moveOnMouseMove: false,
    },
  ];
}

export type ZoomScale = 'week' | 'month' | 'quarter' | 'all';

/** The visible time window for a zoom scale: a few units back from today, more ahead. */
export function zoomWindow(scale: ZoomScale, model: Pick<GanttModel, 'minTs' | 'maxTs' | 'todayTs'>): [number, number] {
  const t = model.todayTs;
  if (scale === 'week') return [t - 7 * DAY, t + 35 * DAY];
  if (scale === 'month') return [t - 31 * DAY, t + 182 * DAY];
  if (scale === 'quarter') return [t - 92 * DAY, t + 640 * DAY];
  return [model.minTs - 7 * DAY, model.maxTs + 7 * DAY];
}
