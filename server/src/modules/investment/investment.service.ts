/**
 * Annual plans and monthly investment reports: draft → submitted → approved | returned, corrections
 * that supersede an approved report, one current report per project and month. Only approved
 * figures count anywhere. Every change is versioned and audited in its transaction.
 */
import {
  userMessages,
  type AnnualPlan,
  type BurdenInput,
  type CreateInvestmentReportBody,
  type InvestmentReport,
  type ListInvestmentReportsQuery,
  type LocalisedText,
  type ProjectInvestment,
  type PutAnnualPlanBody,
  type UpdateInvestmentReportBody,
} from '@kpc/contracts';
import { completionRate, monthlySeries, monthReportable, reportActionAllowed, sumYuan } from '@kpc/domain';
import { recordBurden } from '../../commands/record-burden.js';
import type { Executor } from '../../db/client.js';
import { writeAudit } from '../../lib/audit.js';
import { today } from '../../lib/clock.js';
import { AppError, versionConflict } from '../../lib/errors.js';
import { requireProjectRead, type Actor } from '../../lib/policy.js';
import { findProjectRef } from '../../lib/project-scope.js';
import { pgErrorCode } from '../../lib/query.js';
import { fieldError, type RequestContext } from '../../lib/request-context.js';
import { investmentPolicy } from './investment.policy.js';
import { refreshInvestmentTotals } from './investment.totals.js';
import * as repo from './investment.repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentReport(actor: Actor, x: repo.ReportWithProject): InvestmentReport {
  const r = x.r;
  const mayReport = investmentPolicy.canReport(actor, x.scope);
  return {
    id: r.id,
    projectId: r.projectId,
    projectCode: x.projectCode,
    projectName: x.projectName,
    regionCode: x.scope.regionCode,
    year: r.year,
    month: r.month,
    amount: Number(r.amount),
    progressNote: r.progressNote,
    status: r.status,
    correctsId: r.correctsId,
    supersededById: r.supersededById,
    createdBy: r.createdBy,
    createdByName: x.createdByName,
    submittedAt: iso(r.submittedAt),
    reviewedBy: r.reviewedBy,
    reviewedAt: iso(r.reviewedAt),
    returnReason: r.returnReason,
    attachmentCount: x.attachmentCount,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    permissions: {
      edit: mayReport && reportActionAllowed(r.status, 'edit'),
      submit: mayReport && reportActionAllowed(r.status, 'submit'),
      review: investmentPolicy.canReview(actor, x.scope) && reportActionAllowed(r.status, 'approve'),
      delete: mayReport && reportActionAllowed(r.status, 'delete'),
    },
  };
}

/** Turns a unique-index violation into a 409 that says which rule it broke. */
async function guardDuplicates<T>(work: () => Promise<T>, message: LocalisedText): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (pgErrorCode(e) === '23505') throw new AppError('DUPLICATE', undefined, message);
    throw e;
  }
}

const wrongState = (status: string) => new AppError('INVALID_STATE', { status }, userMessages.report_wrong_state);

/** The project of a plan or series the actor may read, else 404. */
async function loadProjectScope(ctx: RequestContext, projectId: number) {
  const p = await findProjectRef(ctx.db, projectId);
  if (!p) throw new AppError('NOT_FOUND');
  requireProjectRead(ctx.actor, p);
  return p;
}

/**
 * A report the actor may read (with its project scope), else 404. Kept as `(db, actor, id)`: the
 * attachments module loads the owner of a report's photos through it.
 */
export async function loadReport(db: Executor, actor: Actor, id: number) {
  const x = await repo.findReport(db, id);
  if (!x) throw new AppError('NOT_FOUND');
  requireProjectRead(actor, x.scope);
  return x;
}

export async function listReports(ctx: RequestContext, q: ListInvestmentReportsQuery) {
  const page = await repo.listReports(ctx.db, ctx.actor, q);
  return { items: page.items.map((x) => presentReport(ctx.actor, x)), total: page.total };
}

export async function getReport(ctx: RequestContext, id: number) {
  return presentReport(ctx.actor, await loadReport(ctx.db, ctx.actor, id));
}

export async function createReport(ctx: RequestContext, body: CreateInvestmentReportBody) {
  const { db, actor, now, locale } = ctx;
  const project = await findProjectRef(db, body.projectId);
  if (!project) throw fieldError('REFERENCE_INVALID', 'projectId', locale);
  requireProjectRead(actor, project);
  if (!investmentPolicy.canReport(actor, project)) throw new AppError('FORBIDDEN');
  if (!monthReportable(body.year, body.month, today(ctx.clock)))
    throw fieldError('VALIDATION_FAILED', 'month', locale, userMessages.report_future_month);
  if (body.correctsId != null) {
    const corrected = await repo.findReport(db, body.correctsId);
    const r = corrected?.r;
    if (!r || r.status !== 'approved' || r.projectId !== body.projectId || r.year !== body.year || r.month !== body.month)
      throw fieldError('VALIDATION_FAILED', 'correctsId', locale, userMessages.report_corrects_invalid);
  } else if (await repo.findApproved(db, body.projectId, body.year, body.month)) {
    throw new AppError('DUPLICATE', { field: 'month' }, userMessages.report_approved_exists);
  }
  if (await repo.findOpen(db, body.projectId, body.year, body.month))
    throw new AppError('DUPLICATE', { field: 'month' }, userMessages.report_open_exists);
  const id = await guardDuplicates(
    () =>
      db.transaction(async (tx) => {
        const row = await repo.insertReport(tx, {
          projectId: body.projectId,
          year: body.year,
          month: body.month,
          amount: body.amount,
          progressNote: body.progressNote ?? null,
          correctsId: body.correctsId ?? null,
          status: 'draft',
          createdBy: actor.id,
          createdAt: now,
          updatedAt: now,
        });
        await writeAudit(
          tx,
          ctx.audit,
          { action: 'create', entity: 'investment_report', entityId: row.id, regionCode: project.regionCode, after: row },
          now,
        );
        return row.id;
      }),
    userMessages.report_open_exists,
  );
  return getReport(ctx, id);
}

export async function updateReport(ctx: RequestContext, id: number, body: UpdateInvestmentReportBody) {
  const { db, actor, now } = ctx;
  const before = await loadReport(db, actor, id);
  if (!investmentPolicy.canReport(actor, before.scope)) throw new AppError('FORBIDDEN');
  if (!reportActionAllowed(before.r.status, 'edit')) throw wrongState(before.r.status);
  await db.transaction(async (tx) => {
    const row = await repo.updateOpenReport(tx, id, body.version, {
      ...(body.amount !== undefined ? { amount: body.amount } : {}),
      ...(body.progressNote !== undefined ? { progressNote: body.progressNote } : {}),
      updatedAt: now,
    });
    if (!row) throw versionConflict(presentReport(actor, (await repo.findReport(tx, id))!));
    await writeAudit(
      tx,
      ctx.audit,
      {
        action: 'update',
        entity: 'investment_report',
        entityId: id,
        regionCode: before.scope.regionCode,
        before: before.r,
        after: row,
      },
      now,
    );
  });
  return getReport(ctx, id);
}

/** submit / approve / return: one state change, checked against the domain's state machine. */
export async function actOnReport(
  ctx: RequestContext,
  id: number,
  action: 'submit' | 'approve' | 'return',
  body: { version: number; reason?: string; burden?: BurdenInput },
) {
  const { db, actor, now } = ctx;
  const before = await loadReport(db, actor, id);
  const allowed =
    action === 'submit' ? investmentPolicy.canReport(actor, before.scope) : investmentPolicy.canReview(actor, before.scope);
  if (!allowed) throw new AppError('FORBIDDEN');
  const r = before.r;
  if (!reportActionAllowed(r.status, action)) throw wrongState(r.status);
  if (r.version !== body.version) throw versionConflict(presentReport(actor, before));
  await guardDuplicates(
    () =>
      db.transaction(async (tx) => {
        if (action === 'approve' && r.correctsId != null) {
          // supersede first: the partial unique index allows one approved report per month
          const old = await repo.supersedeReport(tx, r.correctsId, id, now);
          if (!old) throw new AppError('INVALID_STATE', { correctsId: r.correctsId }, userMessages.report_corrects_invalid);
          await writeAudit(
            tx,
            ctx.audit,
            {
              action: 'supersede',
              entity: 'investment_report',
              entityId: old.id,
              regionCode: before.scope.regionCode,
              before: { ...old, status: 'approved', supersededById: null },
              after: old,
            },
            now,
          );
        }
        const set =
          action === 'submit'
            ? { status: 'submitted' as const, submittedBy: actor.id, submittedAt: now, updatedAt: now }
            : action === 'approve'
              ? { status: 'approved' as const, reviewedBy: actor.id, reviewedAt: now, updatedAt: now }
              : {
                  status: 'returned' as const,
                  reviewedBy: actor.id,
                  reviewedAt: now,
                  returnReason: body.reason ?? null,
                  updatedAt: now,
                };
        const from = action === 'submit' ? (['draft', 'returned'] as const) : (['submitted'] as const);
        const done = await repo.setStatus(tx, id, body.version, from, set);
        if (!done) throw versionConflict(presentReport(actor, (await repo.findReport(tx, id))!));
        const after = (await repo.findReport(tx, id))!.r;
        if (action === 'submit' && body.burden)
          await recordBurden(tx, ctx, { screen: 'investment_report', projectId: r.projectId, ...body.burden });
        if (action === 'approve') await refreshInvestmentTotals(tx, [{ projectId: r.projectId, year: r.year }]);
        await writeAudit(
          tx,
          ctx.audit,
          { action, entity: 'investment_report', entityId: id, regionCode: before.scope.regionCode, before: r, after },
          now,
        );
      }),
    userMessages.report_approved_exists,
  );
  return getReport(ctx, id);
}

export async function deleteReport(ctx: RequestContext, id: number, version: number) {
  const { db, actor } = ctx;
  const before = await loadReport(db, actor, id);
  if (!investmentPolicy.canReport(actor, before.scope)) throw new AppError('FORBIDDEN');
  if (!reportActionAllowed(before.r.status, 'delete')) throw wrongState(before.r.status);
  await db.transaction(async (tx) => {
    if (!(await repo.deleteOpenReport(tx, id, version))) throw versionConflict(presentReport(actor, before));
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'delete', entity: 'investment_report', entityId: id, regionCode: before.scope.regionCode, before: before.r },
      ctx.now,
    );
  });
}

const presentPlan = (p: repo.PlanRow): AnnualPlan => ({
  id: p.id,
  projectId: p.projectId,
  year: p.year,
  plannedAmount: Number(p.plannedAmount),
  version: p.version,
  updatedAt: p.updatedAt.toISOString(),
});

export async function listPlans(ctx: RequestContext, projectId: number) {
  await loadProjectScope(ctx, projectId);
  return (await repo.listPlans(ctx.db, projectId)).map(presentPlan);
}

export async function putPlan(ctx: RequestContext, projectId: number, year: number, body: PutAnnualPlanBody) {
  const { db, actor, now } = ctx;
  const project = await loadProjectScope(ctx, projectId);
  if (!investmentPolicy.canPlan(actor, project)) throw new AppError('FORBIDDEN');
  const current = await repo.findPlan(db, projectId, year);
  // Creating needs no version; changing an existing plan needs the one the user saw.
  if (current && body.version !== current.version) throw versionConflict(presentPlan(current));
  try {
    return await db.transaction(async (tx) => {
      let row: repo.PlanRow | undefined;
      if (!current) {
        row = await repo.insertPlan(tx, { projectId, year, plannedAmount: body.plannedAmount, now });
      } else {
        row = await repo.updatePlan(tx, current.id, current.version, body.plannedAmount, now);
        if (!row) throw versionConflict(presentPlan((await repo.findPlan(tx, projectId, year))!));
      }
      await refreshInvestmentTotals(tx, [{ projectId, year }]);
      await writeAudit(
        tx,
        ctx.audit,
        {
          action: current ? 'update' : 'create',
          entity: 'annual_plan',
          entityId: row.id,
          regionCode: project.regionCode,
          before: current,
          after: row,
        },
        now,
      );
      return presentPlan(row);
    });
  } catch (e) {
    // two offices creating the same year's plan at once: the second sees the first's
    if (pgErrorCode(e) === '23505') throw versionConflict(presentPlan((await repo.findPlan(db, projectId, year))!));
    throw e;
  }
}

export async function getProjectInvestment(
  ctx: RequestContext,
  projectId: number,
  year: number | undefined,
): Promise<ProjectInvestment> {
  const { db } = ctx;
  await loadProjectScope(ctx, projectId);
  const asOf = today(ctx.clock);
  const y = year ?? Number(asOf.slice(0, 4));
  const [plan, figures] = await Promise.all([repo.findPlan(db, projectId, y), repo.monthFigures(db, projectId, y)]);
  const approved = figures.filter((f) => f.status === 'approved');
  const pending = new Map(figures.filter((f) => f.status !== 'approved').map((f) => [f.month, f.status]));
  const months = monthlySeries(approved).map((m) => ({ ...m, pendingStatus: pending.get(m.month) ?? null }));
  const yearToDate = sumYuan(approved.map((a) => a.amount));
  const plannedAmount = plan ? Number(plan.plannedAmount) : null;
  return {
    projectId,
    year: y,
    asOf,
    plannedAmount,
    planVersion: plan?.version ?? null,
    months,
    yearToDate,
    completionRate: completionRate(yearToDate, plannedAmount),
  };
}
