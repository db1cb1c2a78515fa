/**
 * Reverse scheduling 倒排工期 and tracking 对表推进 of milestone nodes. Pure: no I/O, time comes in as `asOf`.
 *
 * Conventions (all dates 'YYYY-MM-DD', all intervals inclusive):
 * - A node of duration d ≥ 1 occupies the days latestStart … latestFinish, d days in all
 *   (latestStart = latestFinish − (d − 1)). Duration 0 is a point event: latestStart = latestFinish.
 * - Finish-to-start with lag L: the successor may start on the day after the predecessor finished,
 *   plus L days. Backwards: latestFinish(pred) = min over successors s of latestStart(s) − (1 + L),
 *   so always latestFinish(pred) + L < latestStart(succ).
 * - Nodes without successors (sinks) finish on the target date.
 * - Working-day mode counts durations and lags in Monday–Friday days and puts every computed date on a
 *   working day; a target falling on a weekend moves back to the Friday before (`finishDate`).
 * - Infeasible: a node not yet started whose latestStart is before asOf. The chain reported is the
 *   binding path from the earliest such node to its sink (the critical path that makes it late).
 */
import { addDays, daysBetween } from './dates.js';

export type CalendarMode = 'calendar' | 'working';

export interface ScheduleNode {
  key: string;
  durationDays: number;
  /** A node that has started is never infeasible: it is being tracked, not planned. */
  actualStart?: string | null;
}

export interface ScheduleDependency {
  predecessorKey: string;
  successorKey: string;
  lagDays: number;
}

export interface ScheduledNode {
  key: string;
  durationDays: number;
  latestStart: string;
  latestFinish: string;
  /** The successor whose latest start decided this node's latest finish (null for sinks). */
  bindingSuccessor: string | null;
  infeasible: boolean;
}

export interface Infeasibility {
  key: string;
  latestStart: string;
  /** Calendar days between latestStart and asOf. */
  shortByDays: number;
  /** From the infeasible node along binding successors to the sink. */
  chain: string[];
}

export interface BackwardResult {
  mode: CalendarMode;
  targetDate: string;
  /** The date sinks finish on: the target, or in working-day mode the last working day on or before it. */
  finishDate: string;
  /** In the order of the input nodes. */
  nodes: ScheduledNode[];
  feasible: boolean;
  /** The earliest infeasible node and its chain; null when feasible. */
  infeasibility: Infeasibility | null;
  infeasibleKeys: string[];
}

export type ScheduleErrorKind = 'cycle' | 'unknown_node' | 'duplicate_node' | 'bad_duration' | 'bad_lag';

export class ScheduleError extends Error {
  constructor(
    readonly kind: ScheduleErrorKind,
    /** The keys involved: the cycle (first key repeated at the end) or the offending node. */
    readonly keys: string[],
  ) {
    super(`${kind}: ${keys.join(' → ')}`);
    this.name = 'ScheduleError';
  }
}

// ---- calendars ----------------------------------------------------------------------------

export function isWorkingDay(date: string): boolean {
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/** The date itself if it is a working day, else the nearest working day before (−1) or after (+1). */
export function snapToWorkingDay(date: string, direction: -1 | 1): string {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, direction);
  return d;
}

/**
 * Moves `n` days (negative: back) in the given mode. In working-day mode each step lands on a working
 * day; n = 0 returns the date unchanged.
 */
export function shiftDays(date: string, n: number, mode: CalendarMode): string {
  if (mode === 'calendar' || n === 0) return addDays(date, n);
  const step = n > 0 ? 1 : -1;
  let d = date;
  for (let left = Math.abs(n); left > 0;) {
    d = addDays(d, step);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** latestStart from latestFinish: d days inclusive, a point event for d = 0. */
const startFrom = (finish: string, d: number, mode: CalendarMode) => (d <= 1 ? finish : shiftDays(finish, -(d - 1), mode));
const finishFrom = (start: string, d: number, mode: CalendarMode) => (d <= 1 ? start : shiftDays(start, d - 1, mode));

const maxDate = (a: string, b: string) => (a > b ? a : b);

// ---- graph ---------------------------------------------------------------------------------

interface Graph {
  keys: string[];
  succ: Map<string, { key: string; lag: number }[]>;
  pred: Map<string, { key: string; lag: number }[]>;
  /** Topological order: every predecessor before its successors. */
  order: string[];
}

function buildGraph(nodes: readonly { key: string; durationDays: number }[], deps: readonly ScheduleDependency[]): Graph {
  const keys: string[] = [];
  const succ = new Map<string, { key: string; lag: number }[]>();
  const pred = new Map<string, { key: string; lag: number }[]>();
  for (const n of nodes) {
    if (succ.has(n.key)) throw new ScheduleError('duplicate_node', [n.key]);
    if (!Number.isInteger(n.durationDays) || n.durationDays < 0) throw new ScheduleError('bad_duration', [n.key]);
    keys.push(n.key);
    succ.set(n.key, []);
    pred.set(n.key, []);
  }
  for (const d of deps) {
    if (!succ.has(d.predecessorKey)) throw new ScheduleError('unknown_node', [d.predecessorKey]);
    if (!succ.has(d.successorKey)) throw new ScheduleError('unknown_node', [d.successorKey]);
    if (!Number.isInteger(d.lagDays) || d.lagDays < 0) throw new ScheduleError('bad_lag', [d.predecessorKey, d.successorKey]);
    succ.get(d.predecessorKey)!.push({ key: d.successorKey, lag: d.lagDays });
    pred.get(d.successorKey)!.push({ key: d.predecessorKey, lag: d.lagDays });
  }
  // Kahn's algorithm; whatever is left over lies on or behind a cycle.
  const indegree = new Map(keys.map((k) => [k, pred.get(k)!.length]));
  const queue = keys.filter((k) => indegree.get(k) === 0);
  const order: string[] = [];
  while (queue.length) {
    const k = queue.shift()!;
    order.push(k);
    for (const s of succ.get(k)!) {
      const n = indegree.get(s.key)! - 1;
      indegree.set(s.key, n);
      if (n === 0) queue.push(s.key);
    }
  }
  if (order.length < keys.length) throw new ScheduleError('cycle', findCycle(keys, succ, new Set(order)));
  return { keys, succ, pred, order };
}

function findCycle(keys: string[], succ: Graph['succ'], acyclic: Set<string>): string[] {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (k: string): string[] | null => {
    state.set(k, 1);
    stack.push(k);
    for (const s of succ.get(k)!) {
      if (acyclic.has(s.key)) continue;
      if (state.get(s.key) === 1) return [...stack.slice(stack.indexOf(s.key)), s.key];
      if (!state.has(s.key)) {
        const c = visit(s.key);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(k, 2);
    return null;
  };
  for (const k of keys) if (!acyclic.has(k) && !state.has(k)) return visit(k) ?? [k];
  return [];
}

/** Throws a ScheduleError for duplicates, unknown keys, bad durations or lags, and cycles. */
export function checkScheduleGraph(
  nodes: readonly { key: string; durationDays: number }[],
  deps: readonly ScheduleDependency[],
): void {
  buildGraph(nodes, deps);
}

// ---- backward scheduling ------------------------------------------------------------------------

export function backwardSchedule(
  nodes: readonly ScheduleNode[],
  dependencies: readonly ScheduleDependency[],
  targetDate: string,
  opts: { mode: CalendarMode; asOf: string },
): BackwardResult {
  const { mode, asOf } = opts;
  const g = buildGraph(nodes, dependencies);
  const finishDate = mode === 'working' ? snapToWorkingDay(targetDate, -1) : targetDate;
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const out = new Map<string, ScheduledNode>();
  for (let i = g.order.length - 1; i >= 0; i--) {
    const key = g.order[i]!;
    const node = byKey.get(key)!;
    let latestFinish = finishDate;
    let binding: string | null = null;
    for (const s of g.succ.get(key)!) {
      const candidate = shiftDays(out.get(s.key)!.latestStart, -(1 + s.lag), mode);
      if (binding === null || candidate < latestFinish) {
        latestFinish = candidate;
        binding = s.key;
      }
    }
    const latestStart = startFrom(latestFinish, node.durationDays, mode);
    out.set(key, {
      key,
      durationDays: node.durationDays,
      latestStart,
      latestFinish,
      bindingSuccessor: binding,
      infeasible: !node.actualStart && latestStart < asOf,
    });
  }
  const scheduled = g.keys.map((k) => out.get(k)!);
  const infeasibleNodes = scheduled.filter((n) => n.infeasible);
  let infeasibility: Infeasibility | null = null;
  if (infeasibleNodes.length) {
    const worst = infeasibleNodes.reduce((a, b) => (b.latestStart < a.latestStart ? b : a));
    const chain = [worst.key];
    for (let n = worst; n.bindingSuccessor; n = out.get(n.bindingSuccessor)!) chain.push(n.bindingSuccessor);
    infeasibility = {
      key: worst.key,
      latestStart: worst.latestStart,
      shortByDays: daysBetween(worst.latestStart, asOf),
      chain,
    };
  }
  return {
    mode,
    targetDate,
    finishDate,
    nodes: scheduled,
    feasible: infeasibleNodes.length === 0,
    infeasibility,
    infeasibleKeys: infeasibleNodes.map((n) => n.key),
  };
}

// ---- tracking against the plan ----------------------------------------------------------------

export interface TrackedNode {
  key: string;
  durationDays: number;
  actualStart?: string | null;
  actualFinish?: string | null;
  /** The baseline's latest start: a node not yet started is not forecast to start before its plan. */
  plannedStart?: string | null;
}

export interface Forecast {
  forecastStart: string;
  forecastFinish: string;
}

/**
 * Forecast start and finish of every node from what actually happened: finished nodes keep their
 * actual dates; a started node finishes after its duration but not before asOf; a node not started
 * starts at the latest of asOf, its planned start and (finish + 1 + lag) of each predecessor.
 */
export function forwardForecast(
  nodes: readonly TrackedNode[],
  dependencies: readonly ScheduleDependency[],
  opts: { mode: CalendarMode; asOf: string },
): Map<string, Forecast> {
  const { mode, asOf } = opts;
  const g = buildGraph(nodes, dependencies);
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const out = new Map<string, Forecast>();
  for (const key of g.order) {
    const n = byKey.get(key)!;
    const d = n.durationDays;
    if (n.actualFinish) {
      const start = n.actualStart ?? startFrom(n.actualFinish, d, mode);
      out.set(key, { forecastStart: start, forecastFinish: n.actualFinish });
    } else if (n.actualStart) {
      out.set(key, { forecastStart: n.actualStart, forecastFinish: maxDate(finishFrom(n.actualStart, d, mode), asOf) });
    } else {
      let start = maxDate(asOf, n.plannedStart ?? asOf);
      for (const p of g.pred.get(key)!) start = maxDate(start, shiftDays(out.get(p.key)!.forecastFinish, 1 + p.lag, mode));
      if (mode === 'working') start = snapToWorkingDay(start, 1);
      out.set(key, { forecastStart: start, forecastFinish: finishFrom(start, d, mode) });
    }
  }
  return out;
}

/** Slip in calendar days: forecast finish against the baseline's latest finish (positive = late). */
export const slipDays = (forecastFinish: string, baselineFinish: string): number => daysBetween(baselineFinish, forecastFinish);

/** A project's slip: the largest slip of its nodes (null when none has a baseline). */
export function projectSlipDays(nodeSlips: readonly (number | null)[]): number | null {
  let max: number | null = null;
  for (const s of nodeSlips) if (s !== null && (max === null || s > max)) max = s;
  return max;
}

/** Overdue: not finished and its latest finish is already past. */
export const isOverdue = (n: { actualFinish?: string | null; latestFinish?: string | null }, asOf: string): boolean =>
  !n.actualFinish && !!n.latestFinish && n.latestFinish < asOf;

/** Status recorded from the actual dates, so it never contradicts them. */
export type MilestoneStatus = 'not_started' | 'in_progress' | 'done';
export const milestoneStatusOf = (n: { actualStart?: string | null; actualFinish?: string | null }): MilestoneStatus =>
  n.actualFinish ? 'done' : n.actualStart ? 'in_progress' : 'not_started';

export interface PlannedNode extends TrackedNode {
  /** From the current baseline; null when the project has no baseline yet. */
  latestStart?: string | null;
  latestFinish?: string | null;
}

export interface TrackedResult extends Forecast {
  key: string;
  slipDays: number | null;
  overdue: boolean;
  /** Drawn red: overdue, or finished / forecast to finish after the baseline. */
  late: boolean;
}

/** Forecast, slip, overdue and late for every node of one project; the project's slip is the largest node slip. */
export function trackMilestones(
  nodes: readonly PlannedNode[],
  dependencies: readonly ScheduleDependency[],
  opts: { mode: CalendarMode; asOf: string },
): { nodes: TrackedResult[]; slipDays: number | null; late: boolean } {
  const forecast = forwardForecast(
    nodes.map((n) => ({ ...n, plannedStart: n.plannedStart ?? n.latestStart ?? null })),
    dependencies,
    opts,
  );
  const tracked = nodes.map((n) => {
    const f = forecast.get(n.key)!;
    const slip = n.latestFinish ? slipDays(f.forecastFinish, n.latestFinish) : null;
    const overdue = isOverdue(n, opts.asOf);
    return { key: n.key, ...f, slipDays: slip, overdue, late: overdue || (slip !== null && slip > 0) };
  });
  return {
    nodes: tracked,
    slipDays: projectSlipDays(tracked.map((t) => t.slipDays)),
    late: tracked.some((t) => t.late),
  };
}
