import { describe, expect, it } from 'vitest';
import type { Gantt, GanttLedgerItem } from '@kpc/contracts';
import { buildGanttModel, toTs, type GanttLabels } from './gantt-option';

const labels: GanttLabels = {
  baseline: '基线',
  plan: '计划',
  actual: '实际',
  late: '滞后',
  today: '今天',
  nodeGroup: '节点计划',
  ledgerGroup: '台账事项',
  ledgerDone: '事项完成',
  recurring: '长期事项',
  recurringTag: '长期',
  tooltip: () => '',
};

const item = (over: Partial<GanttLedgerItem>): GanttLedgerItem => ({
  id: 1,
  seq: 1,
  content: '事项',
  unitName: null,
  ownerName: null,
  status: 'in_progress',
  planStart: '2026-03-01',
  planFinish: '2026-06-30',
  recurring: false,
  completedOn: null,
  overdue: false,
  focus: 'progress',
  ...over,
});

const ganttOf = (items: GanttLedgerItem[]): Gantt => ({
  today: '2026-07-16',
  nodeCount: 0,
  projects: [{ id: 7, name: '项目', nodes: [], ledgerItems: items } as unknown as Gantt['projects'][number]],
});

type Series = { name?: string; data?: number[][] };
const seriesOf = (g: Gantt) => buildGanttModel(g, labels, { projectRows: false, visibleRows: 20 }).option.series as Series[];

describe('gantt option: recurring ledger items', () => {
  it('draws a recurring item as an open-ended band to the edge of the chart, tagged 长期, never as a plan bar', () => {
    const model = buildGanttModel(
      ganttOf([item({ id: 1, seq: 1 }), item({ id: 2, seq: 2, content: '常态化调度', planFinish: null, recurring: true })]),
      labels,
      { projectRows: false, visibleRows: 20 },
    );
    const series = model.option.series as Series[];
    const plan = series.find((s) => s.name === '计划')!.data!;
    const ongoing = series.find((s) => s.name === '长期事项')!.data!;
    // row 0 is the 台账事项 group heading; rows 1 and 2 the items
    expect(plan.map((d) => d[0])).toEqual([1]);
    expect(ongoing).toHaveLength(1);
    const [row, start, end] = ongoing[0]!;
    expect(row).toBe(2);
    expect(start).toBe(toTs('2026-03-01'));
    expect(end).toBe((model.option.xAxis as { max: number }).max);
    expect((model.option.yAxis as { data: string[] }).data[2]).toContain('〔长期〕常态化调度');
    expect((model.option.legend as { data: unknown[] }).data).toContain('长期事项');
  });

  it('ends a done recurring item’s band on its completion day, and has no band series without recurring items', () => {
    const done = seriesOf(ganttOf([item({ planFinish: null, recurring: true, status: 'done', completedOn: '2026-05-10' })]));
    expect(done.find((s) => s.name === '长期事项')!.data![0]![2]).toBe(toTs('2026-05-11'));
    expect(seriesOf(ganttOf([item({})])).some((s) => s.name === '长期事项')).toBe(false);
  });
});
