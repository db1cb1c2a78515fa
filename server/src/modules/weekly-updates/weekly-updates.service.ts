/**
 * The weekly update 周报 (SPEC §2.9, 最多报一次). GET: the form pre-filled from the records (the domain's
 * `weeklyUpdatePrefill` picks the rows). POST: only what changed, written into those records themselves
 * through commands — ledger ticks and notes, node dates, the month's investment (a submitted report for
 * the office), problem notes and resolutions, new problems — and the week's row, all in ONE transaction:
 * any refusal or failure leaves nothing written. One audit row per record changed.
 */
import {
  userMessages,
  type LocalisedText,
  type SendWeeklyUpdateBody,
  type WeeklyUpdateForm,
  type WeeklyUpdateList,
  type WeeklyUpdateQuery,
  type WeeklyUpdateSent,
} from '@kpc/contracts';
import {
  canCompleteLedgerItem,
  canReadProject,
  canEditProblem,
  canRecordMilestones,
  canReportInvestment,
  canReportLedgerProgress,
  completionFor,
  isLedgerItemOverdue,
  isoWeekOf,
  mayTakeProblemAction,
  monthReportable,
  sumYuan,
  canSendWeeklyUpdate,
  weeklyUpdateAsOf,
  weeklyUpdatePrefill,
  weekReportable,
} from '@kpc/domain';
import { ledgerMessages } from '@kpc/contracts';
import { raiseProblems } from '../../commands/raise-problems.js';
import { recordMilestoneDates, type MilestoneDates } from '../../commands/record-milestone-dates.js';
import { reportLedgerItems } from '../../commands/report-ledger-items.js';
import { reportProblems } from '../../commands/report-problems.js';
import { submitInvestmentReport } from '../../commands/submit-investment-report.js';
import { recordBurden } from '../../commands/record-burden.js';
import { writeAudit } from '../../lib/audit.js';
import { today } from '../../lib/clock.js';
import { AppError, versionConflict } from '../../lib/errors.js';
import { findProjectRef, visibleProjects, type ProjectRef } from '../../lib/project-scope.js';
import { pgErrorCode } from '../../lib/query.js';
import { fieldError, type RequestContext } from '../../lib/request-context.js';
import { projectNodes } from '../milestones/milestones.repository.js';
import { getProjectRag } from '../supervision/supervision.service.js';
import * as repo from './weekly-updates.repository.js';

const noChanges = (): WeeklyUpdateSent['changed'] => ({
  ledgerItemIds: [],
  milestoneIds: [],
  investmentReportIds: [],
  problemIds: [],
});

export function presentSent(r: repo.WeeklyUpdateRow): WeeklyUpdateSent {
  return {
    id: r.id,
    projectId: r.projectId,
    week: r.week,
    note: r.note,
    unchanged: r.unchanged,
    changed: r.changed,
    sentBy: r.sentBy,
    sentByName: r.sentByName,
    sentAt: r.sentAt.toISOString(),
    version: r.version,
  };
}

/** The project, if the actor may send its weekly update: outside the read scope 404, else 403. */
async function loadProject(ctx: RequestContext, projectId: number): Promise<ProjectRef> {
  const p = await findProjectRef(ctx.db, projectId);
  if (!p || !canReadProject(ctx.actor, p)) throw new AppError('NOT_FOUND');
  if (!canSendWeeklyUpdate(ctx.actor, p)) throw new AppError('FORBIDDEN');
  return p;
}

function weekOf(ctx: RequestContext, q: WeeklyUpdateQuery) {
  const week = q.week ?? isoWeekOf(ctx.now);
  const t = today(ctx.clock);
  if (!weekReportable(week, t)) throw fieldError('VALIDATION_FAILED', 'week', ctx.locale, userMessages.weekly_week_not_begun);
  return { week, asOf: weeklyUpdateAsOf(week, t) };
}

/** The records the form shows, read from their tables and picked by the domain. */
async function prefillOf(ctx: RequestContext, p: ProjectRef, asOf: string) {
  const year = Number(asOf.slice(0, 4));
  const [items, nodes, reports, problems] = await Promise.all([
    repo.openLedgerItems(ctx.db, p.id),
    projectNodes(ctx.db, p.id),
    repo.reportsOfYear(ctx.db, p.id, year),
    repo.openProblems(ctx.db, p.id),
  ]);
  const picked = weeklyUpdatePrefill(
    {
      ledgerItems: items.map((r) => ({ ...r, id: r.item.id, status: r.item.status, deadline: r.item.deadline })),
      nodes: nodes.map((n) => ({
        ...n,
        id: n.m.id,
        actualStart: n.m.actualStart,
        actualFinish: n.m.actualFinish,
        latestStart: n.latestStart ?? null,
        latestFinish: n.latestFinish ?? null,
      })),
      reports,
      problems,
    },
    asOf,
  );
  return { ...picked, reports };
}

export async function getWeeklyUpdate(ctx: RequestContext, projectId: number, q: WeeklyUpdateQuery): Promise<WeeklyUpdateForm> {
  const p = await loadProject(ctx, projectId);
  const { week, asOf } = weekOf(ctx, q);
  const f = await prefillOf(ctx, p, asOf);
  const [rag, sent] = await Promise.all([getProjectRag(ctx, p.id, {}), repo.findWeeklyUpdate(ctx.db, p.id, week)]);
  const month = Number(asOf.slice(5, 7));
  const current =
    f.reports.find((r) => r.month === month && r.status !== 'superseded' && r.status !== 'approved') ??
    f.reports.find((r) => r.month === month && r.status === 'approved');
  return {
    projectId: p.id,
    projectCode: p.code,
    projectName: p.name,
    week,
    asOf,
    ledgerItems: f.ledgerItems.map(({ item, unitName }) => ({
      source: { entity: 'ledger_item' as const, id: item.id },
      id: item.id,
      version: item.version,
      seq: item.seq,
      content: item.content,
      unitName: unitName ?? null,
      deadline: item.deadline,
      status: item.status,
      overdue: isLedgerItemOverdue(item, asOf),
      progressNote: item.progressNote,
      canComplete: canCompleteLedgerItem(ctx.actor, p, item),
    })),
    nodes: f.nodes.map((n) => ({
      source: { entity: 'milestone' as const, id: n.m.id },
      id: n.m.id,
      version: n.m.version,
      name: n.m.name,
      actualStart: n.m.actualStart,
      actualFinish: n.m.actualFinish,
      latestStart: n.latestStart ?? null,
      latestFinish: n.latestFinish ?? null,
    })),
    investment: f.investmentMonth
      ? {
          ...f.investmentMonth,
          yearApproved: sumYuan(f.reports.filter((r) => r.status === 'approved').map((r) => r.amount)),
        }
      : null,
    investmentReport: current
      ? {
          source: { entity: 'investment_report' as const, id: current.id },
          id: current.id,
          amount: current.amount,
          status: current.status,
        }
      : null,
    problems: f.problems.map((x) => ({
      source: { entity: 'problem' as const, id: x.id },
      id: x.id,
      version: x.version,
      category: x.category,
      description: x.description,
      status: x.status,
      deadline: x.deadline,
      progressNote: x.progressNote,
    })),
    rag: { rag: rag.rag, reasons: rag.reasons },
    sent: sent ? presentSent(sent) : null,
    permissions: { send: true },
  };
}

const refuse = (ctx: RequestContext, field: string, message: LocalisedText) =>
  fieldError('VALIDATION_FAILED', field, ctx.locale, message);
const forbidden = (field: string) => new AppError('FORBIDDEN', { field });

const hasChanges = (b: SendWeeklyUpdateBody) =>
  !!(b.ledgerItems?.length || b.nodes?.length || b.investment || b.problems?.length || b.newProblems?.length || b.note);

/**
 * Sends the week's update: every change checked first (policy, dates, that the record is one of this
 * project's), then all written in one transaction, with the burden it cost (fields typed, seconds).
 */
export async function sendWeeklyUpdate(
  ctx: RequestContext,
  projectId: number,
  q: WeeklyUpdateQuery,
  body: SendWeeklyUpdateBody,
): Promise<WeeklyUpdateSent> {
  const { actor, now } = ctx;
  const p = await loadProject(ctx, projectId);
  const { week, asOf } = weekOf(ctx, q);
  if (body.unchanged && hasChanges(body)) throw refuse(ctx, 'unchanged', userMessages.weekly_unchanged_with_changes);
  if (!body.unchanged && !hasChanges(body)) throw refuse(ctx, 'unchanged', userMessages.weekly_nothing_to_send);
  const t = today(ctx.clock);

  // ledger: the project's open items only; ticking done is the owing unit's, a note anyone reporting
  const items = new Map((await repo.openLedgerItems(ctx.db, p.id)).map((r) => [r.item.id, r.item]));
  const ledger = (body.ledgerItems ?? []).map((c, i) => {
    const item = items.get(c.id);
    if (!item) throw refuse(ctx, `ledgerItems.${i}.id`, userMessages.weekly_item_not_in_form);
    if (c.doneOn !== undefined) {
      if (!canCompleteLedgerItem(actor, p, item)) throw forbidden(`ledgerItems.${i}.doneOn`);
      const done = completionFor('done', c.doneOn, t);
      if (!done.ok) throw refuse(ctx, `ledgerItems.${i}.doneOn`, ledgerMessages[done.refusal]);
    }
    if (c.progressNote !== undefined && !canReportLedgerProgress(actor, p, item))
      throw forbidden(`ledgerItems.${i}.progressNote`);
    return c;
  });

  // nodes: actual dates, not in the future, finish after start
  const nodes = new Map((await projectNodes(ctx.db, p.id)).map((n) => [n.m.id, n.m]));
  if (body.nodes?.length && !canRecordMilestones(actor, p)) throw forbidden('nodes');
  const dates: MilestoneDates[] = (body.nodes ?? []).map((c, i) => {
    const m = nodes.get(c.id);
    if (!m) throw refuse(ctx, `nodes.${i}.id`, userMessages.weekly_item_not_in_form);
    const next = {
      id: c.id,
      version: c.version,
      actualStart: c.actualStart ?? m.actualStart,
      actualFinish: c.actualFinish ?? m.actualFinish,
    };
    const at = `nodes.${i}`;
    if (next.actualStart && next.actualStart > t) throw refuse(ctx, `${at}.actualStart`, userMessages.date_in_future);
    if (next.actualFinish && next.actualFinish > t) throw refuse(ctx, `${at}.actualFinish`, userMessages.date_in_future);
    if (next.actualFinish && !next.actualStart)
      throw refuse(ctx, `${at}.actualFinish`, userMessages.milestone_finish_needs_start);
    if (next.actualFinish && next.actualStart && next.actualFinish < next.actualStart)
      throw refuse(ctx, `${at}.actualFinish`, userMessages.milestone_finish_before_start);
    return next;
  });

  // investment: only the month the form asks for, and only while it has no current report
  if (body.investment) {
    if (!canReportInvestment(actor, p)) throw forbidden('investment');
    const { year, month } = body.investment;
    const asked = (await prefillOf(ctx, p, asOf)).investmentMonth;
    if (!monthReportable(year, month, t)) throw refuse(ctx, 'investment.month', userMessages.report_future_month);
    if (!asked || asked.year !== year || asked.month !== month)
      throw refuse(ctx, 'investment.month', userMessages.weekly_investment_not_asked);
  }

  // problems: the project's open ones; a note is for who may edit it, resolving for who may resolve it
  const open = new Map((await repo.openProblems(ctx.db, p.id)).map((x) => [x.id, x]));
  const problemReports = (body.problems ?? []).map((c, i) => {
    const x = open.get(c.id);
    if (!x) throw refuse(ctx, `problems.${i}.id`, userMessages.weekly_item_not_in_form);
    if (c.progressNote !== undefined && !canEditProblem(actor, p, x)) throw forbidden(`problems.${i}.progressNote`);
    if (c.resolution !== undefined && !mayTakeProblemAction(actor, p, x, 'resolve')) throw forbidden(`problems.${i}.resolution`);
    return c;
  });
  // a unit raises for itself; the project's enterprise (which cannot raise on the problems screen) for
  // the lead unit, which takes it up — the weekly update is where an enterprise reports what holds it up
  const raisedFor = actor.roles.includes('unit') && actor.unitId !== null ? actor.unitId : p.leadUnitId;

  const before = await repo.findWeeklyUpdate(ctx.db, p.id, week);
  if (before && body.version === undefined)
    throw new AppError('VERSION_CONFLICT', { current: presentSent(before) }, userMessages.weekly_version_required);
  if (before && body.version !== before.version) throw versionConflict(presentSent(before));

  try {
    return await ctx.db.transaction(async (tx) => {
      const changed = before ? structuredClone(before.changed) : noChanges();
      const add = (ids: number[], more: number[]) => {
        for (const id of more) if (!ids.includes(id)) ids.push(id);
      };
      if (ledger.length) add(changed.ledgerItemIds, await reportLedgerItems(tx, ctx, p.regionCode, ledger, t));
      if (dates.length) add(changed.milestoneIds, await recordMilestoneDates(tx, ctx, p.regionCode, dates));
      if (body.investment) {
        const r = await submitInvestmentReport(tx, ctx, p.regionCode, { projectId: p.id, ...body.investment });
        add(changed.investmentReportIds, [r.id]);
      }
      if (problemReports.length) add(changed.problemIds, await reportProblems(tx, ctx, p.regionCode, problemReports));
      if (body.newProblems?.length) {
        const raised = await raiseProblems(
          tx,
          ctx,
          p.regionCode,
          body.newProblems.map((n) => ({
            projectId: p.id,
            category: n.category,
            source: 'unit_report' as const,
            description: n.description,
            unitId: raisedFor,
            leaderId: p.leaderId,
          })),
        );
        add(
          changed.problemIds,
          raised.map((r) => r.id),
        );
      }
      const sent = {
        note: body.note !== undefined ? body.note : (before?.note ?? null),
        unchanged: !!body.unchanged && !anyChange(changed),
        changed,
        sentBy: actor.id,
        sentByName: actor.displayName,
        sentAt: now,
      };
      const row = before
        ? await repo.updateWeeklyUpdate(tx, before.id, before.version, sent)
        : await repo.insertWeeklyUpdate(tx, { projectId: p.id, week, ...sent });
      if (!row) throw versionConflict(presentSent((await repo.findWeeklyUpdate(tx, p.id, week))!));
      if (body.burden) await recordBurden(tx, ctx, { screen: 'weekly_update', projectId: p.id, ...body.burden });
      await writeAudit(
        tx,
        ctx.audit,
        {
          action: before ? 'update' : 'create',
          entity: 'weekly_update',
          entityId: row.id,
          regionCode: p.regionCode,
          ...(before ? { before: presentSent(before) } : {}),
          after: presentSent(row),
        },
        now,
      );
      return presentSent(row);
    });
  } catch (e) {
    // two first sends of the same week at once: the second meets the unique key
    if (pgErrorCode(e) === '23505' && !before) {
      const current = await repo.findWeeklyUpdate(ctx.db, p.id, week);
      if (current) throw versionConflict(presentSent(current));
    }
    throw e;
  }
}

const anyChange = (c: WeeklyUpdateSent['changed']) =>
  c.ledgerItemIds.length + c.milestoneIds.length + c.investmentReportIds.length + c.problemIds.length > 0;

/** 本周周报: the projects the user sends weekly updates for, and whether the week's is sent. */
export async function listWeeklyUpdates(ctx: RequestContext, q: WeeklyUpdateQuery): Promise<WeeklyUpdateList> {
  const { week } = weekOf(ctx, q);
  const rows = await repo.projectsWithWeek(ctx.db, visibleProjects(ctx.actor), week);
  return {
    week,
    items: rows
      .map((r) => ({ ...r, cooperatingUnitIds: (r.cooperatingUnitIds ?? []).map(Number) }))
      .filter((r) => canSendWeeklyUpdate(ctx.actor, r))
      .map((r) => ({ projectId: r.id, projectCode: r.code, projectName: r.name, sent: r.sent ? presentSent(r.sent) : null })),
  };
}
