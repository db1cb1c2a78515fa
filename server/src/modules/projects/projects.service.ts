/** Project library rules: who may change what, version checks, the lifecycle, audit in the same transaction. */
import { PassThrough } from 'node:stream';
import {
  errorMessages,
  userMessages,
  type CreateProjectBody,
  type ExportProjectsQuery,
  type ListProjectsQuery,
  type LocalisedText,
  type ProjectDetail,
  type Stage,
  type TransitionBody,
  type UpdateProjectBody,
} from '@kpc/contracts';
import { canProposeStage, checkTransition, stageIndex, throughMonth, transitionRefusalMessages } from '@kpc/domain';
import type { Executor } from '../../db/client.js';
import { deleteProjectAttachments, removeAttachmentFiles } from '../../commands/delete-attachments.js';
import { writeAudit } from '../../lib/audit.js';
import { today } from '../../lib/clock.js';
import { AppError, versionConflict } from '../../lib/errors.js';
import {
  inRegion,
  projectPolicy,
  requireProjectEdit,
  requireProjectRead,
  type Actor,
  type ProjectScope,
} from '../../lib/policy.js';
import type { RequestContext } from '../../lib/request-context.js';
import { writeProjectsXlsx } from '../../reports/projects-xlsx.js';
import * as repo from './projects.repository.js';

type Detail = Omit<ProjectDetail, 'permissions'>;

const scopeOf = (p: {
  regionCode: string;
  leadUnitId: number | null;
  cooperatingUnitIds: number[];
  enterpriseId: number | null;
  leaderId: number | null;
}): ProjectScope => p;

function withPermissions(actor: Actor, d: Detail): ProjectDetail {
  const s = scopeOf(d);
  const edit = projectPolicy.canEdit(actor, s);
  return {
    ...d,
    permissions: {
      edit,
      delete: projectPolicy.canDelete(actor, s),
      transition: projectPolicy.canTransition(actor, s),
      rollback: projectPolicy.canRollback(actor, s),
      proposeStage: canProposeStage(actor, s),
    },
  };
}

export const listProjects = (ctx: RequestContext, q: ListProjectsQuery) => repo.listProjects(ctx.db, ctx.actor, q);

/** Loads a project the actor may read, else 404. */
export async function getProject(ctx: RequestContext, id: number): Promise<ProjectDetail> {
  const d = await repo.findProjectDetail(ctx.db, id);
  if (!d) throw new AppError('NOT_FOUND');
  requireProjectRead(ctx.actor, scopeOf(d));
  return withPermissions(ctx.actor, d);
}

type Fields = Partial<CreateProjectBody>;

interface Issue {
  field: string;
  message: LocalisedText;
}

/** Cross-field checks zod cannot do alone; each names its field. */
function checkConsistency(f: Fields) {
  const issues: Issue[] = [];
  const order = (a: string | null | undefined, b: string | null | undefined, field: string) => {
    if (a && b && b < a) issues.push({ field, message: userMessages.date_order });
  };
  order(f.plannedStartDate, f.plannedCompletionDate, 'plannedCompletionDate');
  order(f.plannedCompletionDate, f.plannedCommissioningDate, 'plannedCommissioningDate');
  order(f.actualStartDate, f.actualCompletionDate, 'actualCompletionDate');
  order(f.actualCompletionDate, f.actualCommissioningDate, 'actualCommissioningDate');
  if (f.firstPhaseInvestment != null && f.totalInvestment != null && f.firstPhaseInvestment > f.totalInvestment)
    issues.push({ field: 'firstPhaseInvestment', message: userMessages.first_phase_exceeds_total });
  if ((f.lat == null) !== (f.lng == null))
    issues.push({ field: f.lat == null ? 'lat' : 'lng', message: userMessages.lat_lng_pair });
  return issues;
}

function validationError(ctx: RequestContext, issues: Issue[]) {
  return new AppError(
    'VALIDATION_FAILED',
    issues.map((i) => ({ field: i.field, message: i.message[ctx.locale] })),
  );
}

async function checkReferences(db: Executor, ctx: RequestContext, f: Fields) {
  const missing = await repo.missingReferences(db, {
    leaderId: f.leaderId,
    leadUnitId: f.leadUnitId,
    enterpriseId: f.enterpriseId,
    unitIds: f.cooperatingUnitIds,
    regionCode: f.regionCode,
  });
  const issues: Issue[] = missing.map((field) => ({ field, message: errorMessages.REFERENCE_INVALID }));
  if (f.regionCode && !missing.includes('regionCode') && !inRegion(ctx.actor, f.regionCode))
    issues.push({ field: 'regionCode', message: userMessages.outside_region });
  if (issues.length) throw validationError(ctx, issues);
}

function columnsOf<F extends Fields>(f: F): Omit<F, 'cooperatingUnitIds' | 'taskForce'> {
  const { cooperatingUnitIds: _c, taskForce: _t, ...cols } = f;
  return cols;
}

export async function createProject(ctx: RequestContext, body: CreateProjectBody) {
  const { db, actor, now } = ctx;
  if (!projectPolicy.canCreate(actor)) throw new AppError('FORBIDDEN');
  const issues = checkConsistency(body);
  if (issues.length) throw validationError(ctx, issues);
  await checkReferences(db, ctx, body);
  return db.transaction(async (tx) => {
    const id = await repo.insertProject(tx, {
      ...columnsOf(body),
      contacts: body.contacts ?? [],
      tags: body.tags ?? [],
      stage: 'planned',
      createdAt: now,
      updatedAt: now,
    });
    await repo.replaceCooperatingUnits(tx, id, body.cooperatingUnitIds ?? []);
    await repo.replaceTaskForce(tx, id, body.taskForce ?? []);
    const after = (await repo.findProjectDetail(tx, id))!;
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'create', entity: 'project', entityId: id, regionCode: after.regionCode, after },
      now,
    );
    return withPermissions(actor, after);
  });
}

export async function updateProject(ctx: RequestContext, id: number, body: UpdateProjectBody) {
  const { db, actor, now } = ctx;
  const before = await repo.findProjectDetail(db, id);
  if (!before) throw new AppError('NOT_FOUND');
  requireProjectEdit(actor, scopeOf(before));
  const { version, ...changes } = body;
  // Units and enterprises report on a project; its level, codes and four-ones assignment are the office's.
  if (!projectPolicy.canCreate(actor)) {
    for (const f of projectPolicy.officeOnlyFields) {
      const v = (changes as Record<string, unknown>)[f];
      if (v !== undefined && JSON.stringify(v) !== JSON.stringify((before as Record<string, unknown>)[f]))
        throw new AppError('FORBIDDEN', { field: f });
    }
  }
  const merged = { ...before, ...changes } as Fields;
  const issues = checkConsistency(merged);
  if (issues.length) throw validationError(ctx, issues);
  await checkReferences(db, ctx, changes as Fields);
  return db.transaction(async (tx) => {
    const updated = await repo.updateProject(tx, id, version, { ...columnsOf(changes as Fields), updatedAt: now });
    if (updated === undefined) throw versionConflict(withPermissions(actor, (await repo.findProjectDetail(tx, id))!));
    if (changes.cooperatingUnitIds) await repo.replaceCooperatingUnits(tx, id, changes.cooperatingUnitIds);
    if (changes.taskForce) await repo.replaceTaskForce(tx, id, changes.taskForce);
    const after = (await repo.findProjectDetail(tx, id))!;
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'update', entity: 'project', entityId: id, regionCode: after.regionCode, before, after },
      now,
    );
    return withPermissions(actor, after);
  });
}

/** Deletes a project with everything that hangs off it; its evidence files go once the deletion has committed. */
export async function deleteProject(ctx: RequestContext, id: number, version: number, filesDir: string) {
  const { db, actor } = ctx;
  const before = await repo.findProjectDetail(db, id);
  if (!before) throw new AppError('NOT_FOUND');
  requireProjectRead(actor, scopeOf(before));
  if (!projectPolicy.canDelete(actor, scopeOf(before))) throw new AppError('FORBIDDEN');
  const keys = await db.transaction(async (tx) => {
    const keys = await deleteProjectAttachments(tx, id);
    if (!(await repo.deleteProject(tx, id, version))) throw versionConflict(withPermissions(actor, before));
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'delete', entity: 'project', entityId: id, regionCode: before.regionCode, before },
      ctx.now,
    );
    return keys;
  });
  await removeAttachmentFiles(filesDir, keys);
}

/** The actual date a stage records on the project, so a transition is typed once. */
const actualDateOf: Partial<
  Record<Stage, 'contractDate' | 'actualStartDate' | 'actualCompletionDate' | 'actualCommissioningDate'>
> = {
  signed: 'contractDate',
  started: 'actualStartDate',
  completed: 'actualCompletionDate',
  producing: 'actualCommissioningDate',
};

export async function transitionProject(ctx: RequestContext, id: number, body: TransitionBody) {
  const { db, actor } = ctx;
  const before = await repo.findProjectDetail(db, id);
  if (!before) throw new AppError('NOT_FOUND');
  requireProjectRead(actor, scopeOf(before));
  if (!projectPolicy.canTransition(actor, scopeOf(before))) throw new AppError('FORBIDDEN');
  return db.transaction(async (tx) => withPermissions(actor, await applyTransition(tx, ctx, before, body)));
}

/**
 * Checks and makes a stage change in the caller's transaction: the lifecycle rules (next stage, dates,
 * rollbacks only with the right and a reason), the stage's actual date, the transition row and the audit.
 * The office's own move and its confirming of a unit's or enterprise's proposal both come here.
 */
export async function applyTransition(
  tx: Executor,
  ctx: Pick<RequestContext, 'actor' | 'audit' | 'now' | 'clock'>,
  before: Detail,
  body: TransitionBody,
): Promise<Detail> {
  const { actor, now } = ctx;
  const id = before.id;
  const verdict = checkTransition({
    from: before.stage,
    to: body.toStage,
    onDate: body.onDate,
    lastDate: await repo.lastTransitionDate(tx, id),
    asOf: today(ctx.clock),
    mayRollback: projectPolicy.canRollback(actor, scopeOf(before)),
    reason: body.reason,
  });
  if (!verdict.ok) {
    const code = verdict.refusal === 'rollback_not_allowed' ? 'FORBIDDEN' : 'ILLEGAL_TRANSITION';
    throw new AppError(
      code,
      { refusal: verdict.refusal, from: before.stage, to: body.toStage },
      transitionRefusalMessages[verdict.refusal],
    );
  }
  // Forward: record the stage's actual date if not yet set. Rollback: clear the dates of stages undone.
  const dates: Record<string, string | null> = {};
  if (!verdict.isRollback) {
    const col = actualDateOf[body.toStage];
    if (col && !before[col]) dates[col] = body.onDate;
  } else {
    for (const [stage, col] of Object.entries(actualDateOf))
      if (stageIndex(stage as Stage) > stageIndex(body.toStage) && col !== 'contractDate') dates[col] = null;
  }
  const updated = await repo.updateProject(tx, id, body.version, { stage: body.toStage, ...dates, updatedAt: now });
  if (updated === undefined) throw versionConflict(withPermissions(actor, (await repo.findProjectDetail(tx, id))!));
  await repo.insertStageTransition(tx, {
    projectId: id,
    fromStage: before.stage,
    toStage: body.toStage,
    onDate: body.onDate,
    byUserId: actor.id,
    reason: body.reason ?? null,
    isRollback: verdict.isRollback,
    createdAt: now,
  });
  const after = (await repo.findProjectDetail(tx, id))!;
  await writeAudit(
    tx,
    ctx.audit,
    {
      action: verdict.isRollback ? 'stage_rollback' : 'stage_transition',
      entity: 'project',
      entityId: id,
      regionCode: after.regionCode,
      before,
      after,
    },
    now,
  );
  return after;
}

/** The project list with investment columns as a streamed .xlsx (see reports/projects-xlsx.ts). */
export function exportProjects(ctx: RequestContext, q: ExportProjectsQuery) {
  const asOf = q.asOf ?? today(ctx.clock);
  const year = q.year ?? Number(asOf.slice(0, 4));
  const month = Math.max(1, throughMonth(year, asOf));
  const out = new PassThrough();
  writeProjectsXlsx(out, repo.exportRows(ctx.db, ctx.actor, q, year, month), { year, month, asOf }).catch((e: unknown) =>
    out.destroy(e instanceof Error ? e : new Error(String(e))),
  );
  return { stream: out, fileName: `重点项目投资完成情况-${year}-截至${asOf}.xlsx`, asciiName: `projects-${year}-${asOf}.xlsx` };
}
