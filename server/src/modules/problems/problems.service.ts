/** Problems: raise, edit, take through the status machine, list, board, export; policy, version and audit on every write. */
import type {
  CreateProblemBody,
  EscalateProblemBody,
  ExportProblemsQuery,
  ListProblemsQuery,
  ListProjectProblemsQuery,
  Problem,
  ProblemAction,
  ProblemBoard,
  ProblemBoardQuery,
  ReopenProblemBody,
  ResolveProblemBody,
  UpdateProblemBody,
} from '@kpc/contracts';
import { problemMessages, problemStatuses } from '@kpc/contracts';
import { problemTransitions, shanghaiDate } from '@kpc/domain';
import type { Executor } from '../../db/client.js';
import { writeAudit } from '../../lib/audit.js';
import { AppError, versionConflict } from '../../lib/errors.js';
import type { Actor } from '../../lib/policy.js';
import { findProjectRef } from '../../lib/project-scope.js';
import { fieldError, type RequestContext } from '../../lib/request-context.js';
import { writeProblemsWorkbook } from '../../reports/problems-xlsx.js';
import { problemPolicy } from './problems.policy.js';
import * as repo from './problems.repository.js';

const asOfOf = (ctx: RequestContext) => shanghaiDate(ctx.now);
const snapshot = repo.problemSnapshot;

function presentProblem(actor: Actor, r: repo.ProblemRecord, asOf: string): Problem {
  const can = (a: ProblemAction) => problemPolicy.canDo(actor, r.project, r.problem, a);
  return {
    ...snapshot(r, asOf),
    permissions: {
      edit: problemPolicy.canEdit(actor, r.project, r.problem),
      start: can('start'),
      resolve: can('resolve'),
      escalate: can('escalate'),
      verify: can('verify'),
      reopen: can('reopen'),
      upload: problemPolicy.canUpload(actor, r.project, r.problem),
    },
  };
}

async function loadReadable(db: Executor, actor: Actor, id: number): Promise<repo.ProblemRecord> {
  const r = await repo.findProblemRecord(db, id);
  if (!r || !problemPolicy.canRead(actor, r.project, r.problem)) throw new AppError('NOT_FOUND');
  return r;
}

/** Units and leaders serve their region and the regions below it. */
const servesActor = (actor: Actor, regionCode: string) =>
  regionCode.startsWith(actor.regionCode) || actor.regionCode.startsWith(regionCode);

async function checkRefs(ctx: RequestContext, f: { unitId?: number | null; leaderId?: number | null }) {
  if (f.unitId != null) {
    const u = await repo.findUnit(ctx.db, f.unitId);
    if (!u || !servesActor(ctx.actor, u.regionCode)) throw fieldError('REFERENCE_INVALID', 'unitId', ctx.locale);
  }
  if (f.leaderId != null) {
    const l = await repo.findLeader(ctx.db, f.leaderId);
    if (!l || !servesActor(ctx.actor, l.regionCode)) throw fieldError('REFERENCE_INVALID', 'leaderId', ctx.locale);
  }
}

export async function getProblem(ctx: RequestContext, id: number): Promise<Problem> {
  return presentProblem(ctx.actor, await loadReadable(ctx.db, ctx.actor, id), asOfOf(ctx));
}

const filtersOf = (actor: Actor, q: Partial<ListProblemsQuery>, asOf: string): repo.ProblemFilters => ({
  actor,
  asOf,
  projectId: q.projectId,
  category: q.category,
  unitId: q.unitId,
  leaderId: q.leaderId,
  status: q.status,
  source: q.source,
  overdue: q.overdue,
  q: q.q,
});

export async function listProblems(ctx: RequestContext, q: ListProblemsQuery) {
  const asOf = asOfOf(ctx);
  const { records, total } = await repo.listProblems(ctx.db, filtersOf(ctx.actor, q, asOf), q);
  return { items: records.map((r) => presentProblem(ctx.actor, r, asOf)), total };
}

async function loadReadableProject(ctx: RequestContext, projectId: number) {
  const p = await findProjectRef(ctx.db, projectId);
  if (!p || !problemPolicy.canReadProject(ctx.actor, p)) throw new AppError('NOT_FOUND');
  return p;
}

export async function listProjectProblems(ctx: RequestContext, projectId: number, q: ListProjectProblemsQuery) {
  await loadReadableProject(ctx, projectId);
  return listProblems(ctx, { ...q, projectId });
}

export async function problemBoard(ctx: RequestContext, q: ProblemBoardQuery): Promise<ProblemBoard> {
  const rows = await repo.countByStatus(ctx.db, filtersOf(ctx.actor, q, asOfOf(ctx)));
  const counts = Object.fromEntries(problemStatuses.map((s) => [s, 0])) as ProblemBoard['counts'];
  for (const r of rows) counts[r.status] = r.n;
  return {
    counts,
    overdue: rows.reduce((n, r) => n + r.overdue, 0),
    total: rows.reduce((n, r) => n + r.n, 0),
  };
}

export async function createProblem(ctx: RequestContext, body: CreateProblemBody): Promise<Problem> {
  const { db, actor, now } = ctx;
  const project = await findProjectRef(db, body.projectId);
  if (!project || !problemPolicy.canReadProject(actor, project)) throw fieldError('REFERENCE_INVALID', 'projectId', ctx.locale);
  const unitId = body.unitId ?? null;
  if (!problemPolicy.canCreate(actor, project, unitId))
    throw fieldError('FORBIDDEN', 'unitId', ctx.locale, problemMessages.unit_own_only);
  await checkRefs(ctx, body);
  const asOf = asOfOf(ctx);
  const onlyUnit = actor.roles.every((r) => r === 'unit');
  return db.transaction(async (tx) => {
    const [row] = await repo.insertProblems(tx, [
      {
        projectId: project.id,
        category: body.category,
        source: onlyUnit ? 'unit_report' : (body.source ?? 'unit_report'),
        description: body.description,
        unitId,
        leaderId: body.leaderId ?? null,
        deadline: body.deadline ?? null,
        progressNote: body.progressNote ?? null,
        raisedBy: actor.id,
        raisedByName: actor.displayName,
        raisedOn: asOf,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      },
    ]);
    const after = (await repo.findProblemRecord(tx, row!.id))!;
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'create', entity: 'problem', entityId: row!.id, regionCode: project.regionCode, after: snapshot(after, asOf) },
      now,
    );
    return presentProblem(actor, after, asOf);
  });
}

/** Writes one change at the version read (and, for a transition, from the statuses it may start from); audited. */
async function writeChange(
  ctx: RequestContext,
  before: repo.ProblemRecord,
  version: number,
  changes: repo.ProblemChanges,
  action: string,
  fromStatuses?: readonly Problem['status'][],
): Promise<Problem> {
  const { actor, now } = ctx;
  const asOf = asOfOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const updated = await repo.updateProblem(tx, before.problem.id, version, changes, now, fromStatuses);
    if (!updated) {
      const current = await repo.findProblemRecord(tx, before.problem.id);
      if (!current) throw new AppError('NOT_FOUND');
      throw versionConflict(presentProblem(actor, current, asOf));
    }
    const after = (await repo.findProblemRecord(tx, before.problem.id))!;
    await writeAudit(
      tx,
      ctx.audit,
      {
        action,
        entity: 'problem',
        entityId: before.problem.id,
        regionCode: before.project.regionCode,
        before: snapshot(before, asOf),
        after: snapshot(after, asOf),
      },
      now,
    );
    return presentProblem(actor, after, asOf);
  });
}

export async function updateProblem(ctx: RequestContext, id: number, body: UpdateProblemBody): Promise<Problem> {
  const before = await loadReadable(ctx.db, ctx.actor, id);
  if (!problemPolicy.canEdit(ctx.actor, before.project, before.problem)) throw new AppError('FORBIDDEN');
  const { version, ...changes } = body;
  // a unit keeps its problems: it may not hand one to another unit
  if (
    changes.unitId !== undefined &&
    changes.unitId !== before.problem.unitId &&
    !ctx.actor.roles.some((r) => r === 'office' || r === 'admin')
  )
    throw fieldError('FORBIDDEN', 'unitId', ctx.locale, problemMessages.unit_own_only);
  await checkRefs(ctx, changes);
  return writeChange(ctx, before, version, changes, 'update');
}

/** Checks the role (403) and whether the status allows the action (409 INVALID_STATE with the problem). */
async function loadForAction(ctx: RequestContext, id: number, action: ProblemAction) {
  const before = await loadReadable(ctx.db, ctx.actor, id);
  if (!problemPolicy.mayTake(ctx.actor, before.project, before.problem, action)) throw new AppError('FORBIDDEN');
  if (!problemPolicy.isPossible(before.problem, action))
    throw new AppError('INVALID_STATE', {
      message: problemMessages.illegal_transition[ctx.locale],
      current: presentProblem(ctx.actor, before, asOfOf(ctx)),
    });
  return before;
}

const fromOf = (action: ProblemAction) => problemTransitions[action].from;

export async function startProblem(ctx: RequestContext, id: number, version: number) {
  const before = await loadForAction(ctx, id, 'start');
  return writeChange(ctx, before, version, { status: 'in_progress' }, 'start', fromOf('start'));
}

export async function resolveProblem(ctx: RequestContext, id: number, body: ResolveProblemBody) {
  const before = await loadForAction(ctx, id, 'resolve');
  return writeChange(
    ctx,
    before,
    body.version,
    { status: 'resolved', resolution: body.resolution, resolvedOn: asOfOf(ctx), resolvedBy: ctx.actor.id },
    'resolve',
    fromOf('resolve'),
  );
}

export async function escalateProblem(ctx: RequestContext, id: number, body: EscalateProblemBody) {
  const before = await loadForAction(ctx, id, 'escalate');
  if (body.toLeaderId === before.problem.leaderId || body.toLeaderId === before.problem.escalatedToLeaderId)
    throw fieldError('VALIDATION_FAILED', 'toLeaderId', ctx.locale, problemMessages.escalate_to_self);
  const l = await repo.findLeader(ctx.db, body.toLeaderId);
  if (!l || !servesActor(ctx.actor, l.regionCode)) throw fieldError('REFERENCE_INVALID', 'toLeaderId', ctx.locale);
  return writeChange(
    ctx,
    before,
    body.version,
    { status: 'escalated', escalatedToLeaderId: l.id, escalatedAt: ctx.now, escalationReason: body.reason },
    'escalate',
    fromOf('escalate'),
  );
}

export async function verifyProblem(ctx: RequestContext, id: number, version: number) {
  const before = await loadForAction(ctx, id, 'verify');
  return writeChange(
    ctx,
    before,
    version,
    { status: 'verified', verifiedBy: ctx.actor.id, verifiedAt: ctx.now },
    'verify',
    fromOf('verify'),
  );
}

/** The verifier sends a resolution back: in progress again, the resolution kept in the audit, the reason in the progress note. */
export async function reopenProblem(ctx: RequestContext, id: number, body: ReopenProblemBody) {
  const before = await loadForAction(ctx, id, 'reopen');
  const note = `【退回】${body.reason}`;
  return writeChange(
    ctx,
    before,
    body.version,
    {
      status: 'in_progress',
      resolvedOn: null,
      resolvedBy: null,
      progressNote: before.problem.progressNote ? `${before.problem.progressNote}\n${note}` : note,
    },
    'reopen',
    fromOf('reopen'),
  );
}

/** The most rows one export writes; beyond, narrow the filters. */
const EXPORT_LIMIT = 100_000;

export async function exportProblems(ctx: RequestContext, q: ExportProblemsQuery) {
  const asOf = asOfOf(ctx);
  const f = filtersOf(ctx.actor, q, asOf);
  const { records, total } = await repo.listProblems(ctx.db, f, { page: 1, pageSize: EXPORT_LIMIT });
  if (total > EXPORT_LIMIT) throw new AppError('PAYLOAD_TOO_LARGE', { total, limit: EXPORT_LIMIT });
  const buffer = await writeProblemsWorkbook(
    records.map((r) => snapshot(r, asOf)),
    { title: '重点项目问题清单', asOf },
  );
  return { buffer, filename: `问题清单-${asOf}.xlsx` };
}
