/** Project library rules: who may change what, version checks, the lifecycle, audit in the same transaction. */
import { and, eq, sql } from 'drizzle-orm';
import type {
  CreateProjectBody,
  ListProjectsQuery,
  ProjectDetail,
  Stage,
  TransitionBody,
  UpdateProjectBody,
} from '@kpc/contracts';
import { checkTransition, stageIndex, transitionRefusalMessages } from '@kpc/domain';
import type { Db, Executor } from '../../db/client.js';
import { projects, stageTransitions } from '../../db/schema/index.js';
import { writeAudit, type AuditContext } from '../../lib/audit.js';
import { today, type Clock } from '../../lib/clock.js';
import { AppError, versionConflict } from '../../lib/errors.js';
import {
  inRegion,
  projectPolicy,
  requireProjectEdit,
  requireProjectRead,
  type Actor,
  type ProjectScope,
} from '../../lib/policy.js';
import * as repo from './projects.repository.js';
import { deleteForProject as deleteAttachmentsOfProject } from '../attachments/attachments.repository.js';
import { removeStoredFiles } from '../attachments/attachments.storage.js';

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
      transition: edit,
      rollback: projectPolicy.canRollback(actor, s),
    },
  };
}

export const listProjects = (db: Db, actor: Actor, q: ListProjectsQuery) => repo.listProjects(db, actor.regionCode, q);

/** Loads a project the actor may read, else 404. */
export async function getProject(db: Executor, actor: Actor, id: number): Promise<ProjectDetail> {
  const d = await repo.findProjectDetail(db, id);
  if (!d) throw new AppError('NOT_FOUND');
  requireProjectRead(actor, scopeOf(d));
  return withPermissions(actor, d);
}

type Fields = Partial<CreateProjectBody>;

/** Cross-field checks zod cannot do alone; each names its field. */
function checkConsistency(f: Fields) {
  const issues: { field: string; message: string }[] = [];
  const order = (a: string | null | undefined, b: string | null | undefined, field: string) => {
    if (a && b && b < a) issues.push({ field, message: 'date_order' });
  };
  order(f.plannedStartDate, f.plannedCompletionDate, 'plannedCompletionDate');
  order(f.plannedCompletionDate, f.plannedCommissioningDate, 'plannedCommissioningDate');
  order(f.actualStartDate, f.actualCompletionDate, 'actualCompletionDate');
  order(f.actualCompletionDate, f.actualCommissioningDate, 'actualCommissioningDate');
  if (f.firstPhaseInvestment != null && f.totalInvestment != null && f.firstPhaseInvestment > f.totalInvestment)
    issues.push({ field: 'firstPhaseInvestment', message: 'first_phase_exceeds_total' });
  if ((f.lat == null) !== (f.lng == null)) issues.push({ field: f.lat == null ? 'lat' : 'lng', message: 'lat_lng_pair' });
  return issues;
}

const fieldMessages: Record<string, { 'zh-CN': string; en: string }> = {
  date_order: { 'zh-CN': '日期早于前一个节点日期', en: 'This date is before the preceding one' },
  first_phase_exceeds_total: { 'zh-CN': '一期投资不能超过总投资', en: 'First-phase investment cannot exceed the total' },
  lat_lng_pair: { 'zh-CN': '经度和纬度须同时填写', en: 'Latitude and longitude go together' },
  missing_reference: { 'zh-CN': '引用的记录不存在', en: 'The referenced record does not exist' },
  outside_region: { 'zh-CN': '不在您的管辖区域内', en: 'Outside your region' },
};

function validationError(issues: { field: string; message: string }[], locale: 'zh-CN' | 'en') {
  return new AppError(
    'VALIDATION_FAILED',
    issues.map((i) => ({ field: i.field, message: fieldMessages[i.message]?.[locale] ?? i.message })),
  );
}

async function checkReferences(db: Executor, actor: Actor, f: Fields, locale: 'zh-CN' | 'en') {
  const missing = await repo.missingReferences(db, {
    leaderId: f.leaderId,
    leadUnitId: f.leadUnitId,
    enterpriseId: f.enterpriseId,
    unitIds: f.cooperatingUnitIds,
    regionCode: f.regionCode,
  });
  const issues = missing.map((field) => ({ field, message: 'missing_reference' }));
  if (f.regionCode && !missing.includes('regionCode') && !inRegion(actor, f.regionCode))
    issues.push({ field: 'regionCode', message: 'outside_region' });
  if (issues.length) throw validationError(issues, locale);
}

function columnsOf<F extends Fields>(f: F): Omit<F, 'cooperatingUnitIds' | 'taskForce'> {
  const { cooperatingUnitIds: _c, taskForce: _t, ...cols } = f;
  return cols;
}

export async function createProject(
  db: Db,
  clock: Clock,
  actor: Actor,
  body: CreateProjectBody,
  ctx: AuditContext,
  locale: 'zh-CN' | 'en',
) {
  if (!projectPolicy.canCreate(actor)) throw new AppError('FORBIDDEN');
  const issues = checkConsistency(body);
  if (issues.length) throw validationError(issues, locale);
  await checkReferences(db, actor, body, locale);
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(projects)
      .values({
        ...columnsOf(body),
        contacts: body.contacts ?? [],
        tags: body.tags ?? [],
        stage: 'planned',
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: projects.id });
    const id = row!.id;
    await repo.replaceCooperatingUnits(tx, id, body.cooperatingUnitIds ?? []);
    await repo.replaceTaskForce(tx, id, body.taskForce ?? []);
    const after = (await repo.findProjectDetail(tx, id))!;
    await writeAudit(tx, ctx, { action: 'create', entity: 'project', entityId: id, regionCode: after.regionCode, after }, now);
    return withPermissions(actor, after);
  });
}

export async function updateProject(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: number,
  body: UpdateProjectBody,
  ctx: AuditContext,
  locale: 'zh-CN' | 'en',
) {
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
  if (issues.length) throw validationError(issues, locale);
  await checkReferences(db, actor, changes as Fields, locale);
  const now = clock.now();
  return db.transaction(async (tx) => {
    const cols = columnsOf(changes as Fields);
    const updated = await tx
      .update(projects)
      .set({ ...cols, updatedAt: now, version: sql`${projects.version} + 1` })
      .where(and(eq(projects.id, id), eq(projects.version, version)))
      .returning({ id: projects.id });
    if (!updated.length) throw versionConflict(withPermissions(actor, (await repo.findProjectDetail(tx, id))!));
    if (changes.cooperatingUnitIds) await repo.replaceCooperatingUnits(tx, id, changes.cooperatingUnitIds);
    if (changes.taskForce) await repo.replaceTaskForce(tx, id, changes.taskForce);
    const after = (await repo.findProjectDetail(tx, id))!;
    await writeAudit(
      tx,
      ctx,
      { action: 'update', entity: 'project', entityId: id, regionCode: after.regionCode, before, after },
      now,
    );
    return withPermissions(actor, after);
  });
}

/** Deletes a project with everything that hangs off it; its evidence files go once the deletion has committed. */
export async function deleteProject(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: number,
  version: number,
  ctx: AuditContext,
  filesDir: string,
) {
  const before = await repo.findProjectDetail(db, id);
  if (!before) throw new AppError('NOT_FOUND');
  requireProjectRead(actor, scopeOf(before));
  if (!projectPolicy.canDelete(actor, scopeOf(before))) throw new AppError('FORBIDDEN');
  const keys = await db.transaction(async (tx) => {
    const keys = await deleteAttachmentsOfProject(tx, id);
    const deleted = await tx
      .delete(projects)
      .where(and(eq(projects.id, id), eq(projects.version, version)))
      .returning({ id: projects.id });
    if (!deleted.length) throw versionConflict(withPermissions(actor, before));
    await writeAudit(
      tx,
      ctx,
      { action: 'delete', entity: 'project', entityId: id, regionCode: before.regionCode, before },
      clock.now(),
    );
    return keys;
  });
  await removeStoredFiles(filesDir, keys);
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

export async function transitionProject(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: number,
  body: TransitionBody,
  ctx: AuditContext,
  locale: 'zh-CN' | 'en',
) {
  const before = await repo.findProjectDetail(db, id);
  if (!before) throw new AppError('NOT_FOUND');
  requireProjectEdit(actor, scopeOf(before));
  const verdict = checkTransition({
    from: before.stage,
    to: body.toStage,
    onDate: body.onDate,
    lastDate: await repo.lastTransitionDate(db, id),
    asOf: today(clock),
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
  void locale;
  const now = clock.now();
  // Forward: record the stage's actual date if not yet set. Rollback: clear the dates of stages undone.
  const dates: Record<string, string | null> = {};
  if (!verdict.isRollback) {
    const col = actualDateOf[body.toStage];
    if (col && !before[col]) dates[col] = body.onDate;
  } else {
    for (const [stage, col] of Object.entries(actualDateOf))
      if (stageIndex(stage as Stage) > stageIndex(body.toStage) && col !== 'contractDate') dates[col] = null;
  }
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(projects)
      .set({ stage: body.toStage, ...dates, updatedAt: now, version: sql`${projects.version} + 1` })
      .where(and(eq(projects.id, id), eq(projects.version, body.version)))
      .returning({ id: projects.id });
    if (!updated.length) throw versionConflict(withPermissions(actor, (await repo.findProjectDetail(tx, id))!));
    await tx.insert(stageTransitions).values({
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
      ctx,
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
    return withPermissions(actor, after);
  });
}
