/**
 * Annual plans and monthly investment reports: draft → submitted → approved | returned, corrections
 * that supersede an approved report, one current report per project and month. Only approved
 * figures count anywhere. Every change is versioned and audited in its transaction.
 */
import type {
  AnnualPlan,
  CreateInvestmentReportBody,
  ExportProjectsQuery,
  InvestmentReport,
  ListInvestmentReportsQuery,
  Locale,
  ProjectInvestment,
  PutAnnualPlanBody,
  UpdateInvestmentReportBody,
} from '@kpc/contracts';
import { PassThrough } from 'node:stream';
import {
  completionRate,
  monthlySeries,
  monthReportable,
  reportActionAllowed,
  sumYuan,
  throughMonth,
  type ReportAction,
} from '@kpc/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { annualPlans, investmentReports } from '../../db/schema/index.js';
import { writeAudit, type AuditContext } from '../../lib/audit.js';
import { today, type Clock } from '../../lib/clock.js';
import { AppError, versionConflict } from '../../lib/errors.js';
import { requireProjectRead, type Actor, type ProjectScope } from '../../lib/policy.js';
import { pgErrorCode } from '../../lib/query.js';
import { fieldError } from '../../lib/request-context.js';
import { writeProjectsXlsx } from '../../reports/projects-xlsx.js';
import * as projectsRepo from '../projects/projects.repository.js';
import { investmentPolicy } from './investment.policy.js';
import { refreshInvestmentTotals } from './investment.totals.js';
import * as repo from './investment.repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const messages = {
  openExists: {
    'zh-CN': '该项目本月已有一份未审核的报告，请修改或提交那一份',
    en: 'This project already has a report in progress for this month; edit or submit that one',
  },
  approvedExists: {
    'zh-CN': '该项目本月已有审核通过的报告；如需修改，请提交更正',
    en: 'This project already has an approved report for this month; file a correction instead',
  },
  futureMonth: { 'zh-CN': '不能填报未来月份的投资', en: 'A future month cannot be reported' },
  correctsInvalid: {
    'zh-CN': '只能更正同一项目同一月份已审核通过的报告',
    en: 'Only an approved report of the same project and month can be corrected',
  },
  wrongState: {
    'zh-CN': '报告当前状态不允许此操作',
    en: 'The report is not in a state that allows this',
  },
} satisfies Record<string, { 'zh-CN': string; en: string }>;

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
async function guardDuplicates<T>(work: () => Promise<T>, message: { 'zh-CN': string; en: string }): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (pgErrorCode(e) === '23505') throw new AppError('DUPLICATE', undefined, message);
    throw e;
  }
}

async function loadProjectScope(db: Executor, actor: Actor, projectId: number, field?: string, locale: Locale = 'zh-CN') {
  const p = await projectsRepo.findProject(db, projectId);
  if (!p) throw field ? fieldError('REFERENCE_INVALID', field, locale) : new AppError('NOT_FOUND');
  requireProjectRead(actor, p);
  return p;
}

/** A report the actor may read (with its project scope), else 404. */
export async function loadReport(db: Executor, actor: Actor, id: number) {
  const x = await repo.findReport(db, id);
  if (!x) throw new AppError('NOT_FOUND');
  requireProjectRead(actor, x.scope);
  return x;
}

export async function listReports(db: Db, actor: Actor, q: ListInvestmentReportsQuery) {
  const page = await repo.listReports(db, actor.regionCode, q);
  return { items: page.items.map((x) => presentReport(actor, x)), total: page.total };
}

export async function getReport(db: Db, actor: Actor, id: number) {
  return presentReport(actor, await loadReport(db, actor, id));
}

export async function createReport(
  db: Db,
  clock: Clock,
  actor: Actor,
  body: CreateInvestmentReportBody,
  ctx: AuditContext,
  locale: Locale,
) {
  const project = await projectsRepo.findProject(db, body.projectId);
  if (!project) throw fieldError('REFERENCE_INVALID', 'projectId', locale);
  requireProjectRead(actor, project);
  if (!investmentPolicy.canReport(actor, project)) throw new AppError('FORBIDDEN');
  if (!monthReportable(body.year, body.month, today(clock)))
    throw fieldError('VALIDATION_FAILED', 'month', locale, messages.futureMonth);
  if (body.correctsId != null) {
    const corrected = await repo.findReport(db, body.correctsId);
    const r = corrected?.r;
    if (!r || r.status !== 'approved' || r.projectId !== body.projectId || r.year !== body.year || r.month !== body.month)
      throw fieldError('VALIDATION_FAILED', 'correctsId', locale, messages.correctsInvalid);
  } else if (await repo.findApproved(db, body.projectId, body.year, body.month)) {
    throw new AppError('DUPLICATE', { field: 'month' }, messages.approvedExists);
  }
  if (await repo.findOpen(db, body.projectId, body.year, body.month))
    throw new AppError('DUPLICATE', { field: 'month' }, messages.openExists);
  const now = clock.now();
  const id = await guardDuplicates(
    () =>
      db.transaction(async (tx) => {
        const [row] = await tx
          .insert(investmentReports)
          .values({
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
          })
          .returning();
        await writeAudit(
          tx,
          ctx,
          { action: 'create', entity: 'investment_report', entityId: row!.id, regionCode: project.regionCode, after: row },
          now,
        );
        return row!.id;
      }),
    messages.openExists,
  );
  return getReport(db, actor, id);
}

export async function updateReport(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: number,
  body: UpdateInvestmentReportBody,
  ctx: AuditContext,
) {
  const before = await loadReport(db, actor, id);
  if (!investmentPolicy.canReport(actor, before.scope)) throw new AppError('FORBIDDEN');
  if (!reportActionAllowed(before.r.status, 'edit'))
    throw new AppError('INVALID_STATE', { status: before.r.status }, messages.wrongState);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(investmentReports)
      .set({
        ...(body.amount !== undefined ? { amount: body.amount } : {}),
        ...(body.progressNote !== undefined ? { progressNote: body.progressNote } : {}),
        updatedAt: now,
        version: sql`${investmentReports.version} + 1`,
      })
      .where(
        and(
          eq(investmentReports.id, id),
          eq(investmentReports.version, body.version),
          sql`${investmentReports.status} in ('draft', 'returned')`,
        ),
      )
      .returning();
    if (!row) throw versionConflict(presentReport(actor, (await repo.findReport(tx, id))!));
    await writeAudit(
      tx,
      ctx,
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
  return getReport(db, actor, id);
}

/** submit / approve / return: one state change, checked against the domain's state machine. */
export async function actOnReport(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: number,
  action: 'submit' | 'approve' | 'return',
  body: { version: number; reason?: string },
  ctx: AuditContext,
) {
  const before = await loadReport(db, actor, id);
  const allowed =
    action === 'submit' ? investmentPolicy.canReport(actor, before.scope) : investmentPolicy.canReview(actor, before.scope);
  if (!allowed) throw new AppError('FORBIDDEN');
  const r = before.r;
  if (!reportActionAllowed(r.status, action)) throw new AppError('INVALID_STATE', { status: r.status }, messages.wrongState);
  if (r.version !== body.version) throw versionConflict(presentReport(actor, before));
  const now = clock.now();
  await guardDuplicates(
    () =>
      db.transaction(async (tx) => {
        if (action === 'approve' && r.correctsId != null) {
          // supersede first: the partial unique index allows one approved report per month
          const [old] = await tx
            .update(investmentReports)
            .set({ status: 'superseded', supersededById: id, updatedAt: now, version: sql`${investmentReports.version} + 1` })
            .where(and(eq(investmentReports.id, r.correctsId), eq(investmentReports.status, 'approved')))
            .returning();
          if (!old) throw new AppError('INVALID_STATE', { correctsId: r.correctsId }, messages.correctsInvalid);
          await writeAudit(
            tx,
            ctx,
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
        if (action === 'approve') await refreshInvestmentTotals(tx, [{ projectId: r.projectId, year: r.year }]);
        await writeAudit(
          tx,
          ctx,
          { action, entity: 'investment_report', entityId: id, regionCode: before.scope.regionCode, before: r, after },
          now,
        );
      }),
    messages.approvedExists,
  );
  return getReport(db, actor, id);
}

export async function deleteReport(db: Db, clock: Clock, actor: Actor, id: number, version: number, ctx: AuditContext) {
  const before = await loadReport(db, actor, id);
  if (!investmentPolicy.canReport(actor, before.scope)) throw new AppError('FORBIDDEN');
  const action: ReportAction = 'delete';
  if (!reportActionAllowed(before.r.status, action))
    throw new AppError('INVALID_STATE', { status: before.r.status }, messages.wrongState);
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(investmentReports)
      .where(
        and(
          eq(investmentReports.id, id),
          eq(investmentReports.version, version),
          sql`${investmentReports.status} in ('draft', 'returned')`,
        ),
      )
      .returning({ id: investmentReports.id });
    if (!deleted.length) throw versionConflict(presentReport(actor, before));
    await writeAudit(
      tx,
      ctx,
      { action: 'delete', entity: 'investment_report', entityId: id, regionCode: before.scope.regionCode, before: before.r },
      clock.now(),
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

export async function listPlans(db: Db, actor: Actor, projectId: number) {
  await loadProjectScope(db, actor, projectId);
  return (await repo.listPlans(db, projectId)).map(presentPlan);
}

export async function putPlan(
  db: Db,
  clock: Clock,
  actor: Actor,
  projectId: number,
  year: number,
  body: PutAnnualPlanBody,
  ctx: AuditContext,
) {
  const project: ProjectScope = await loadProjectScope(db, actor, projectId);
  if (!investmentPolicy.canPlan(actor, project)) throw new AppError('FORBIDDEN');
  const current = await repo.findPlan(db, projectId, year);
  // Creating needs no version; changing an existing plan needs the one the user saw.
  if (current && body.version !== current.version) throw versionConflict(presentPlan(current));
  const now = clock.now();
  try {
    return await db.transaction(async (tx) => {
      let row: repo.PlanRow | undefined;
      if (!current) {
        [row] = await tx
          .insert(annualPlans)
          .values({ projectId, year, plannedAmount: body.plannedAmount, createdAt: now, updatedAt: now })
          .returning();
      } else {
        [row] = await tx
          .update(annualPlans)
          .set({ plannedAmount: body.plannedAmount, updatedAt: now, version: sql`${annualPlans.version} + 1` })
          .where(and(eq(annualPlans.id, current.id), eq(annualPlans.version, current.version)))
          .returning();
        if (!row) throw versionConflict(presentPlan((await repo.findPlan(tx, projectId, year))!));
      }
      await refreshInvestmentTotals(tx, [{ projectId, year }]);
      await writeAudit(
        tx,
        ctx,
        {
          action: current ? 'update' : 'create',
          entity: 'annual_plan',
          entityId: row!.id,
          regionCode: project.regionCode,
          before: current,
          after: row,
        },
        now,
      );
      return presentPlan(row!);
    });
  } catch (e) {
    // two offices creating the same year's plan at once: the second sees the first's
    if (pgErrorCode(e) === '23505') throw versionConflict(presentPlan((await repo.findPlan(db, projectId, year))!));
    throw e;
  }
}

export async function projectInvestment(
  db: Db,
  clock: Clock,
  actor: Actor,
  projectId: number,
  year: number | undefined,
): Promise<ProjectInvestment> {
  await loadProjectScope(db, actor, projectId);
  const asOf = today(clock);
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

/** The project list with investment columns as a streamed .xlsx (see reports/projects-xlsx.ts). */
export function exportProjects(db: Db, clock: Clock, actor: Actor, q: ExportProjectsQuery) {
  const asOf = q.asOf ?? today(clock);
  const year = q.year ?? Number(asOf.slice(0, 4));
  const month = Math.max(1, throughMonth(year, asOf));
  const out = new PassThrough();
  writeProjectsXlsx(out, repo.exportRows(db, actor.regionCode, q, year, month), { year, month, asOf }).catch((e: unknown) =>
    out.destroy(e instanceof Error ? e : new Error(String(e))),
  );
  return { stream: out, fileName: `重点项目投资完成情况-${year}-截至${asOf}.xlsx`, asciiName: `projects-${year}-${asOf}.xlsx` };
}
