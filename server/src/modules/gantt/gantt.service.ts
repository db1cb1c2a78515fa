/**
 * The Gantt of a portfolio (or one project): plan, actual and forecast bars, slip and late flags, today;
 * with `ledger=true` also each project's ledger items (plan to the deadline, done on the completion date;
 * a recurring item has no deadline: its row runs on from the day it was recorded and is never overdue).
 */
import type { Gantt, GanttLedgerItem, GanttQuery } from '@kpc/contracts';
import { isLedgerItemOverdue, ledgerPlanStart, shanghaiDate } from '@kpc/domain';
import { today } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { portfolioWhere } from '../../lib/project-scope.js';
import type { RequestContext } from '../../lib/request-context.js';
import { trackRows } from '../milestones/milestones.service.js';
import { ganttRows } from './gantt.repository.js';

/** Every logged-in role reads the Gantt of its region; a project outside it is 404. */
export async function getGantt(ctx: RequestContext, q: GanttQuery): Promise<Gantt> {
  const asOf = today(ctx.clock);
  const { projectRows, nodeRows, depRows, ledgerRows } = await ganttRows(ctx.db, portfolioWhere(ctx.actor, q), q.ledger);
  if (q.projectId && !projectRows.length) throw new AppError('NOT_FOUND');
  const nodesOf = new Map<number, typeof nodeRows>();
  for (const r of nodeRows) {
    const list = nodesOf.get(r.m.projectId);
    if (list) list.push(r);
    else nodesOf.set(r.m.projectId, [r]);
  }
  const depsOf = new Map<number, typeof depRows>();
  for (const d of depRows) {
    const list = depsOf.get(d.projectId);
    if (list) list.push(d);
    else depsOf.set(d.projectId, [d]);
  }
  const ledgerOf = new Map<number, GanttLedgerItem[]>();
  for (const r of ledgerRows) {
    const item: GanttLedgerItem = {
      id: r.id,
      seq: r.seq,
      content: r.content,
      unitName: r.unitName,
      ownerName: r.ownerName,
      status: r.status,
      planStart: ledgerPlanStart(shanghaiDate(r.createdAt), r.deadline),
      planFinish: r.deadline,
      recurring: r.recurring,
      completedOn: r.completedOn,
      overdue: isLedgerItemOverdue(r, asOf),
      focus: r.focus,
    };
    const list = ledgerOf.get(r.projectId);
    if (list) list.push(item);
    else ledgerOf.set(r.projectId, [item]);
  }
  let nodeCount = 0;
  const out = projectRows.map((p) => {
    const rows = nodesOf.get(p.id) ?? [];
    nodeCount += rows.length;
    const tracked = trackRows(rows, depsOf.get(p.id) ?? [], p.calendarMode, asOf);
    return {
      id: p.id,
      code: p.code,
      name: p.name,
      level: p.level,
      stage: p.stage,
      leaderName: p.leaderName,
      leadUnitName: p.leadUnitName,
      baselineNumber: p.baselineNumber,
      targetDate: p.targetDate,
      slipDays: tracked.slipDays,
      late: tracked.late,
      nodes: rows.map((r, i) => {
        const t = tracked.nodes[i]!;
        return {
          id: r.m.id,
          key: r.m.key,
          name: r.m.name,
          planStart: r.latestStart,
          planFinish: r.latestFinish,
          actualStart: r.m.actualStart,
          actualFinish: r.m.actualFinish,
          forecastStart: t.forecastStart,
          forecastFinish: t.forecastFinish,
          slipDays: t.slipDays,
          status: r.m.status,
          late: t.late,
          overdue: t.overdue,
        };
      }),
      ...(q.ledger ? { ledgerItems: ledgerOf.get(p.id) ?? [] } : {}),
    };
  });
  return { today: asOf, nodeCount, projects: out };
}
