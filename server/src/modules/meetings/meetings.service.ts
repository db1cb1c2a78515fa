/**
 * Meetings 会议 and decisions 议定事项: who may read and record them, the agenda the system proposes,
 * problems raised or solved in a meeting (through the problem commands), versioned writes audited in
 * the same transaction, and the minutes 会议纪要 as a .docx.
 */
import {
  meetingMessages,
  type AgendaProposal,
  type CreateDecisionBody,
  type CreateMeetingBody,
  type CreateMeetingSeriesBody,
  type Decision,
  type ListDecisionsQuery,
  type ListMeetingsQuery,
  type MarkDecisionDoneBody,
  type Meeting,
  type MeetingListItem,
  type MeetingSeries,
  type ProblemRef,
  type RaiseMeetingProblemsBody,
  type SolveMeetingProblemsBody,
  type UpdateDecisionBody,
  type UpdateMeetingBody,
  type UpdateMeetingSeriesBody,
} from '@kpc/contracts';
import {
  canReadProject,
  decisionState,
  doneRefusal,
  isDecisionOverdue,
  leaderAttends,
  proposeAgenda,
  shanghaiDate,
  shanghaiInstant,
  shanghaiTime,
  type AgendaSignal,
} from '@kpc/domain';
import { createSupervisionItems } from '../../commands/create-supervision-items.js';
import { raiseProblems } from '../../commands/raise-problems.js';
import { removeSupervisionItemsOf } from '../../commands/remove-supervision-items.js';
import { submitSupervisionItemsOf } from '../../commands/submit-supervision-items.js';
import { syncSupervisionItemsOf } from '../../commands/sync-supervision-items.js';
import { solveProblemsOnSite } from '../../commands/solve-problems-on-site.js';
import type { Executor } from '../../db/client.js';
import { writeAudit } from '../../lib/audit.js';
import { AppError, versionConflict } from '../../lib/errors.js';
import { inRegion, type Actor } from '../../lib/policy.js';
import { fieldError, type RequestContext } from '../../lib/request-context.js';
import { chineseDate, writeMinutesDocx } from '../../reports/minutes-docx.js';
import { meetingPolicy } from './meetings.policy.js';
import * as repo from './meetings.repository.js';

const asOfOf = (ctx: RequestContext) => shanghaiDate(ctx.now);

/** Reference records and a region: the record's region is the actor's, above it (a city unit) or below it. */
const related = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

// ---- series ----

const presentSeries = (r: NonNullable<Awaited<ReturnType<typeof repo.findSeries>>>): MeetingSeries => ({
  id: r.s.id,
  regionCode: r.s.regionCode,
  name: r.s.name,
  chairLeaderId: r.s.chairLeaderId,
  chairLeaderName: r.chairLeaderName,
  sortOrder: r.s.sortOrder,
  active: r.s.active,
  heldCount: Number(r.heldCount),
  version: r.s.version,
});

export async function listSeries(ctx: RequestContext): Promise<MeetingSeries[]> {
  return (await repo.listSeries(ctx.db, ctx.actor.regionCode)).map(presentSeries);
}

async function checkLeaders(ctx: RequestContext, ids: readonly number[], field: string, regionCode: string) {
  const unique = [...new Set(ids)];
  const found = await repo.findLeaders(ctx.db, unique);
  if (found.length !== unique.length || found.some((l) => !related(l.regionCode, regionCode)))
    throw fieldError('REFERENCE_INVALID', field, ctx.locale);
  return found;
}

async function checkUnits(ctx: RequestContext, ids: readonly number[], field: string, regionCode: string) {
  const unique = [...new Set(ids)];
  const found = await repo.findUnits(ctx.db, unique);
  if (found.length !== unique.length || found.some((u) => !related(u.regionCode, regionCode)))
    throw fieldError('REFERENCE_INVALID', field, ctx.locale);
  return found;
}

/** Projects the body names, all readable by the actor (the office: the region). */
async function checkProjects(ctx: RequestContext, ids: readonly number[], field: string) {
  const unique = [...new Set(ids)];
  const found = await repo.findProjects(ctx.db, unique);
  if (found.length !== unique.length || found.some((p) => !canReadProject(ctx.actor, p)))
    throw fieldError('REFERENCE_INVALID', field, ctx.locale);
  return found;
}

export async function createSeries(ctx: RequestContext, body: CreateMeetingSeriesBody): Promise<MeetingSeries> {
  if (!meetingPolicy.canCreate(ctx.actor)) throw new AppError('FORBIDDEN');
  const regionCode = ctx.actor.regionCode;
  if (body.chairLeaderId) await checkLeaders(ctx, [body.chairLeaderId], 'chairLeaderId', regionCode);
  return ctx.db.transaction(async (tx) => {
    const id = await repo.insertSeries(tx, {
      regionCode,
      name: body.name,
      chairLeaderId: body.chairLeaderId ?? null,
      sortOrder: body.sortOrder ?? 0,
      active: body.active ?? true,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const after = presentSeries((await repo.findSeries(tx, id))!);
    await writeAudit(tx, ctx.audit, { action: 'create', entity: 'meeting_series', entityId: id, regionCode, after }, ctx.now);
    return after;
  });
}

export async function updateSeries(ctx: RequestContext, id: number, body: UpdateMeetingSeriesBody): Promise<MeetingSeries> {
  const found = await repo.findSeries(ctx.db, id);
  if (!found || !inRegion(ctx.actor, found.s.regionCode)) throw new AppError('NOT_FOUND');
  if (!meetingPolicy.canWrite(ctx.actor, found.s.regionCode)) throw new AppError('FORBIDDEN');
  if (body.chairLeaderId) await checkLeaders(ctx, [body.chairLeaderId], 'chairLeaderId', found.s.regionCode);
  const before = presentSeries(found);
  const { version, ...changes } = body;
  return ctx.db.transaction(async (tx) => {
    const row = await repo.updateSeries(tx, id, version, { ...changes, updatedAt: ctx.now });
    if (!row) throw versionConflict(presentSeries((await repo.findSeries(tx, id))!));
    const after = presentSeries((await repo.findSeries(tx, id))!);
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'update', entity: 'meeting_series', entityId: id, regionCode: found.s.regionCode, before, after },
      ctx.now,
    );
    return after;
  });
}

// ---- meetings: reading ----

const presentListItem = (r: repo.MeetingListRow): MeetingListItem => ({
  id: r.m.id,
  regionCode: r.m.regionCode,
  kind: r.m.kind,
  seriesId: r.m.seriesId,
  seriesName: r.seriesName,
  title: r.m.title,
  status: r.m.status,
  startsAt: r.m.startsAt.toISOString(),
  date: shanghaiDate(r.m.startsAt),
  time: shanghaiTime(r.m.startsAt),
  place: r.m.place,
  siteProjectId: r.m.siteProjectId,
  siteProjectName: r.siteProjectName,
  chairLeaderId: r.m.chairLeaderId,
  chairLeaderName: r.chairLeaderName,
  agendaCount: Number(r.agendaCount),
  decisionCount: Number(r.decisionCount),
  overdueDecisionCount: Number(r.overdueDecisionCount),
  version: r.m.version,
});

function presentDecision(actor: Actor, r: repo.DecisionRecord, asOf: string): Decision {
  const d = r.d;
  const scope = { regionCode: r.regionCode, unitId: d.unitId };
  return {
    id: d.id,
    meetingId: d.meetingId,
    meetingTitle: r.meetingTitle,
    meetingDate: shanghaiDate(r.meetingStartsAt),
    projectId: d.projectId,
    projectName: r.projectName,
    content: d.content,
    unitId: d.unitId,
    unitName: r.unitName,
    ownerName: d.ownerName,
    deadline: d.deadline,
    status: d.status,
    state: decisionState(d, asOf),
    overdue: isDecisionOverdue(d, asOf),
    doneOn: d.doneOn,
    doneNote: d.doneNote,
    verifiedAt: d.verifiedAt?.toISOString() ?? null,
    version: d.version,
    permissions: {
      edit: meetingPolicy.canWrite(actor, r.regionCode),
      done: d.status === 'open' && meetingPolicy.canMarkDone(actor, scope),
      verify: d.status === 'done' && meetingPolicy.canVerify(actor, scope),
    },
  };
}

type ProblemJoin = Awaited<ReturnType<typeof repo.problemsOfMeeting>>[number];
const presentProblem = (r: ProblemJoin): ProblemRef => ({
  id: r.p.id,
  projectId: r.p.projectId,
  projectName: r.projectName,
  category: r.p.category,
  description: r.p.description,
  status: r.p.status,
  deadline: r.p.deadline,
  unitName: r.unitName,
  resolution: r.p.resolution,
  solvedByLeaderName: r.solvedByLeaderName,
  version: r.p.version,
});

/** Everything about one meeting the policy and the detail need. */
async function loadMeeting(db: Executor, id: number, asOf: string) {
  const row = await repo.findMeeting(db, id, asOf);
  if (!row) return null;
  const [agenda, decisions, site] = await Promise.all([
    repo.agendaOf(db, id),
    repo.decisionsOfMeeting(db, id),
    row.m.siteProjectId ? repo.findProjects(db, [row.m.siteProjectId]) : Promise.resolve([]),
  ]);
  return {
    row,
    agenda,
    decisions,
    scope: {
      regionCode: row.m.regionCode,
      projects: [...agenda.map((a) => a.scope), ...site],
      decisionUnitIds: decisions.map((d) => d.d.unitId),
    },
  };
}
type LoadedMeeting = NonNullable<Awaited<ReturnType<typeof loadMeeting>>>;

async function loadReadable(ctx: RequestContext, id: number, db: Executor = ctx.db): Promise<LoadedMeeting> {
  const m = await loadMeeting(db, id, asOfOf(ctx));
  if (!m || !meetingPolicy.canRead(ctx.actor, m.scope)) throw new AppError('NOT_FOUND');
  return m;
}

async function loadWritable(ctx: RequestContext, id: number): Promise<LoadedMeeting> {
  const m = await loadReadable(ctx, id);
  if (!meetingPolicy.canWrite(ctx.actor, m.row.m.regionCode)) throw new AppError('FORBIDDEN');
  return m;
}

async function presentMeeting(ctx: RequestContext, m: LoadedMeeting, db: Executor = ctx.db): Promise<Meeting> {
  const asOf = asOfOf(ctx);
  const r = m.row.m;
  const [leaders, units, problems] = await Promise.all([
    repo.findLeaders(db, r.attendeeLeaderIds),
    repo.findUnits(db, r.attendeeUnitIds),
    repo.problemsOfMeeting(db, r.id),
  ]);
  const byOrder = <T extends { id: number }>(ids: number[], rows: T[]) =>
    ids.map((i) => rows.find((x) => x.id === i)).filter((x): x is T => !!x);
  return {
    ...presentListItem(m.row),
    attendeeLeaders: byOrder(r.attendeeLeaderIds, leaders).map((l) => ({ id: l.id, name: l.name })),
    attendeeUnits: byOrder(r.attendeeUnitIds, units).map((u) => ({ id: u.id, name: u.name })),
    attendeePeople: r.attendeePeople,
    minutes: r.minutes,
    agenda: m.agenda.map((a) => ({
      projectId: a.a.projectId,
      projectCode: a.projectCode,
      projectName: a.projectName,
      reasons: a.a.reasons,
      notes: a.a.notes,
    })),
    decisions: m.decisions.map((d) => presentDecision(ctx.actor, d, asOf)),
    problemsRaised: problems.filter((p) => p.p.raisedInMeetingId === r.id).map(presentProblem),
    problemsSolved: problems.filter((p) => p.p.solvedInMeetingId === r.id).map(presentProblem),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    permissions: { edit: meetingPolicy.canWrite(ctx.actor, r.regionCode) },
  };
}

/** The meeting as the audit rows keep it (without the reader's permissions). */
const snapshot = (m: Meeting) => {
  const { permissions: _p, decisions, problemsRaised: _r, problemsSolved: _s, ...rest } = m;
  return { ...rest, decisionIds: decisions.map((d) => d.id) };
};

export async function listMeetings(ctx: RequestContext, q: ListMeetingsQuery) {
  const { rows, total, heldCount } = await repo.listMeetings(ctx.db, ctx.actor, q, asOfOf(ctx));
  return { items: rows.map(presentListItem), total, heldCount };
}

export async function getMeeting(ctx: RequestContext, id: number): Promise<Meeting> {
  return presentMeeting(ctx, await loadReadable(ctx, id));
}

// ---- the proposed agenda ----

async function signals(ctx: RequestContext, asOf: string): Promise<AgendaSignal[]> {
  return repo.agendaSignals(ctx.db, ctx.actor, asOf);
}

/** Projects with overdue milestones, ledger items, decisions or open problems past their deadline, as of `asOf`. */
export async function agendaProposal(ctx: RequestContext, asOf?: string): Promise<AgendaProposal> {
  if (!meetingPolicy.canCreate(ctx.actor)) throw new AppError('FORBIDDEN');
  const day = asOf ?? asOfOf(ctx);
  return { asOf: day, items: proposeAgenda(await signals(ctx, day)) };
}

// ---- meetings: writing ----

interface MeetingShape {
  kind: CreateMeetingBody['kind'];
  seriesId: number | null;
  siteProjectId: number | null;
}

/** A weekly meeting has its series; an on-site office meeting its project. */
async function checkShape(ctx: RequestContext, s: MeetingShape, regionCode: string) {
  if (s.kind === 'weekly') {
    if (!s.seriesId) throw fieldError('VALIDATION_FAILED', 'seriesId', ctx.locale, meetingMessages.series_required);
    const series = await repo.findSeries(ctx.db, s.seriesId);
    if (!series || !related(series.s.regionCode, regionCode)) throw fieldError('REFERENCE_INVALID', 'seriesId', ctx.locale);
  } else if (s.seriesId) throw fieldError('VALIDATION_FAILED', 'seriesId', ctx.locale);
  if (s.kind === 'onsite_office' && !s.siteProjectId)
    throw fieldError('VALIDATION_FAILED', 'siteProjectId', ctx.locale, meetingMessages.site_project_required);
  if (s.siteProjectId) await checkProjects(ctx, [s.siteProjectId], 'siteProjectId');
}

async function checkPeople(
  ctx: RequestContext,
  b: { chairLeaderId?: number | null; attendeeLeaderIds?: number[]; attendeeUnitIds?: number[] },
  regionCode: string,
) {
  if (b.chairLeaderId) await checkLeaders(ctx, [b.chairLeaderId], 'chairLeaderId', regionCode);
  if (b.attendeeLeaderIds) await checkLeaders(ctx, b.attendeeLeaderIds, 'attendeeLeaderIds', regionCode);
  if (b.attendeeUnitIds) await checkUnits(ctx, b.attendeeUnitIds, 'attendeeUnitIds', regionCode);
}

const agendaRows = (items: CreateMeetingBody['agenda'] & object) => {
  const seen = new Set<number>();
  return items
    .filter((i) => !seen.has(i.projectId) && seen.add(i.projectId))
    .map((i) => ({ projectId: i.projectId, reasons: [...new Set(i.reasons)], notes: i.notes ?? null }));
};

export async function createMeeting(ctx: RequestContext, body: CreateMeetingBody): Promise<Meeting> {
  if (!meetingPolicy.canCreate(ctx.actor)) throw new AppError('FORBIDDEN');
  const regionCode = ctx.actor.regionCode;
  await checkShape(
    ctx,
    { kind: body.kind, seriesId: body.seriesId ?? null, siteProjectId: body.siteProjectId ?? null },
    regionCode,
  );
  await checkPeople(ctx, body, regionCode);
  // a weekly meeting without an agenda drafts one: what is overdue as of its day
  const agenda =
    body.agenda ??
    (body.kind === 'weekly'
      ? proposeAgenda(await signals(ctx, body.date)).map((p) => ({
          projectId: p.projectId,
          reasons: p.reasons.map((r) => r.reason),
          notes: null,
        }))
      : []);
  await checkProjects(
    ctx,
    agenda.map((a) => a.projectId),
    'agenda',
  );
  return ctx.db.transaction(async (tx) => {
    const id = await repo.insertMeeting(tx, {
      regionCode,
      kind: body.kind,
      seriesId: body.seriesId ?? null,
      title: body.title,
      status: body.status ?? 'planned',
      startsAt: shanghaiInstant(body.date, body.time),
      place: body.place ?? null,
      siteProjectId: body.siteProjectId ?? null,
      chairLeaderId: body.chairLeaderId ?? null,
      attendeeLeaderIds: [...new Set(body.attendeeLeaderIds ?? [])],
      attendeeUnitIds: [...new Set(body.attendeeUnitIds ?? [])],
      attendeePeople: body.attendeePeople ?? [],
      minutes: body.minutes ?? null,
      createdBy: ctx.actor.id > 0 ? ctx.actor.id : null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await repo.replaceAgenda(tx, id, agendaRows(agenda));
    const after = await presentMeeting(ctx, (await loadMeeting(tx, id, asOfOf(ctx)))!, tx);
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'create', entity: 'meeting', entityId: id, regionCode, after: snapshot(after) },
      ctx.now,
    );
    return after;
  });
}

export async function updateMeeting(ctx: RequestContext, id: number, body: UpdateMeetingBody): Promise<Meeting> {
  const m = await loadWritable(ctx, id);
  const r = m.row.m;
  const regionCode = r.regionCode;
  await checkShape(
    ctx,
    {
      kind: r.kind,
      seriesId: body.seriesId !== undefined ? body.seriesId : r.seriesId,
      siteProjectId: body.siteProjectId !== undefined ? body.siteProjectId : r.siteProjectId,
    },
    regionCode,
  );
  await checkPeople(ctx, body, regionCode);
  if (body.agenda)
    await checkProjects(
      ctx,
      body.agenda.map((a) => a.projectId),
      'agenda',
    );
  const before = await presentMeeting(ctx, m);
  const { version, agenda, date, time, ...changes } = body;
  const startsAt =
    date !== undefined || time !== undefined
      ? shanghaiInstant(date ?? shanghaiDate(r.startsAt), time ?? shanghaiTime(r.startsAt))
      : undefined;
  return ctx.db.transaction(async (tx) => {
    const row = await repo.updateMeeting(tx, id, version, {
      ...changes,
      ...(startsAt ? { startsAt } : {}),
      ...(changes.attendeeLeaderIds ? { attendeeLeaderIds: [...new Set(changes.attendeeLeaderIds)] } : {}),
      ...(changes.attendeeUnitIds ? { attendeeUnitIds: [...new Set(changes.attendeeUnitIds)] } : {}),
      updatedAt: ctx.now,
    });
    if (!row) {
      const current = await loadMeeting(tx, id, asOfOf(ctx));
      if (!current) throw new AppError('NOT_FOUND');
      throw versionConflict(await presentMeeting(ctx, current, tx));
    }
    if (agenda) await repo.replaceAgenda(tx, id, agendaRows(agenda));
    const after = await presentMeeting(ctx, (await loadMeeting(tx, id, asOfOf(ctx)))!, tx);
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'update', entity: 'meeting', entityId: id, regionCode, before: snapshot(before), after: snapshot(after) },
      ctx.now,
    );
    return after;
  });
}

/** Deletes a meeting with its agenda and decisions; one that problems name (raised or solved in it) stays. */
export async function deleteMeeting(ctx: RequestContext, id: number, version: number): Promise<void> {
  const m = await loadWritable(ctx, id);
  const before = await presentMeeting(ctx, m);
  if (before.problemsRaised.length || before.problemsSolved.length) throw new AppError('IN_USE');
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.deleteMeeting(tx, id, version))) {
      const current = await loadMeeting(tx, id, asOfOf(ctx));
      if (!current) throw new AppError('NOT_FOUND');
      throw versionConflict(await presentMeeting(ctx, current, tx));
    }
    // its decisions went with it (cascade): so do their supervision items
    await removeSupervisionItemsOf(
      tx,
      ctx,
      'decision',
      before.decisions.map((d) => d.id),
    );
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'delete', entity: 'meeting', entityId: id, regionCode: m.row.m.regionCode, before: snapshot(before) },
      ctx.now,
    );
  });
}

// ---- problems raised or solved in a meeting ----

/** The projects a meeting is about: its agenda and its site. */
const projectsOf = (m: LoadedMeeting) => [
  ...m.agenda.map((a) => a.a.projectId),
  ...(m.row.m.siteProjectId ? [m.row.m.siteProjectId] : []),
];

export async function raiseMeetingProblems(ctx: RequestContext, id: number, body: RaiseMeetingProblemsBody): Promise<Meeting> {
  const m = await loadWritable(ctx, id);
  const regionCode = m.row.m.regionCode;
  await checkProjects(
    ctx,
    body.problems.map((p) => p.projectId),
    'problems',
  );
  const unitIds = body.problems.flatMap((p) => (p.unitId ? [p.unitId] : []));
  const leaderIds = body.problems.flatMap((p) => (p.leaderId ? [p.leaderId] : []));
  await checkUnits(ctx, unitIds, 'problems', regionCode);
  await checkLeaders(ctx, leaderIds, 'problems', regionCode);
  return ctx.db.transaction(async (tx) => {
    await raiseProblems(
      tx,
      ctx,
      regionCode,
      body.problems.map((p) => ({
        projectId: p.projectId,
        category: p.category,
        source: 'meeting' as const,
        description: p.description,
        raisedInMeetingId: id,
        unitId: p.unitId ?? null,
        leaderId: p.leaderId ?? null,
        deadline: p.deadline ?? null,
      })),
    );
    return presentMeeting(ctx, m, tx);
  });
}

/** Open problems of the meeting's projects: what it may solve. */
export async function solvableProblems(ctx: RequestContext, id: number): Promise<ProblemRef[]> {
  const m = await loadReadable(ctx, id);
  return (await repo.openProblemsOf(ctx.db, projectsOf(m))).map(presentProblem);
}

export async function solveMeetingProblems(ctx: RequestContext, id: number, body: SolveMeetingProblemsBody): Promise<Meeting> {
  const m = await loadWritable(ctx, id);
  const r = m.row.m;
  if (!leaderAttends(r, body.solvedByLeaderId))
    throw fieldError('VALIDATION_FAILED', 'solvedByLeaderId', ctx.locale, meetingMessages.solver_not_attending);
  const onAgenda = new Set(projectsOf(m));
  for (const p of body.problems) {
    const found = await repo.findProblemProject(ctx.db, p.id);
    if (!found || !onAgenda.has(found.projectId)) throw fieldError('REFERENCE_INVALID', 'problems', ctx.locale);
  }
  // solved when the meeting sat (a meeting recorded ahead of its time counts from now)
  const at = r.startsAt < ctx.now ? r.startsAt : ctx.now;
  return ctx.db.transaction(async (tx) => {
    await solveProblemsOnSite(tx, ctx, r.regionCode, body.problems, {
      leaderId: body.solvedByLeaderId,
      userId: null,
      meetingId: id,
      at,
    });
    return presentMeeting(ctx, m, tx);
  });
}

// ---- decisions ----

async function loadDecision(ctx: RequestContext, id: number, db: Executor = ctx.db) {
  const d = await repo.findDecision(db, id);
  if (!d) throw new AppError('NOT_FOUND');
  await loadReadable(ctx, d.d.meetingId, db);
  return d;
}

const decisionSnapshot = (d: repo.DecisionRecord, asOf: string) => {
  const { permissions: _p, ...rest } = presentDecision({ ...SNAPSHOT_ACTOR }, d, asOf);
  return rest;
};
const SNAPSHOT_ACTOR: Actor = {
  id: 0,
  username: '',
  displayName: '',
  roles: [],
  regionCode: '-',
  unitId: null,
  leaderId: null,
  enterpriseId: null,
};

export async function listDecisions(ctx: RequestContext, q: ListDecisionsQuery) {
  const asOf = asOfOf(ctx);
  const { rows, total } = await repo.listDecisions(ctx.db, ctx.actor, q, asOf);
  return { items: rows.map((r) => presentDecision(ctx.actor, r, asOf)), total };
}

export async function getDecision(ctx: RequestContext, id: number): Promise<Decision> {
  return presentDecision(ctx.actor, await loadDecision(ctx, id), asOfOf(ctx));
}

async function checkDecisionRefs(ctx: RequestContext, b: { unitId?: number; projectId?: number | null }, regionCode: string) {
  if (b.unitId !== undefined) await checkUnits(ctx, [b.unitId], 'unitId', regionCode);
  if (b.projectId) await checkProjects(ctx, [b.projectId], 'projectId');
}

/** Writes a decision change and its audit row; 409 with the current decision when stale. */
async function writeDecision(
  ctx: RequestContext,
  before: repo.DecisionRecord,
  version: number,
  set: Partial<repo.NewDecision>,
  action: string,
  also?: (tx: Executor) => Promise<unknown>,
): Promise<Decision> {
  const asOf = asOfOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.updateDecision(tx, before.d.id, version, { ...set, updatedAt: ctx.now }, before.d.status);
    if (!row) {
      const current = await repo.findDecision(tx, before.d.id);
      if (!current) throw new AppError('NOT_FOUND');
      throw versionConflict(presentDecision(ctx.actor, current, asOf));
    }
    const after = (await repo.findDecision(tx, before.d.id))!;
    await also?.(tx);
    await writeAudit(
      tx,
      ctx.audit,
      {
        action,
        entity: 'decision',
        entityId: before.d.id,
        regionCode: before.regionCode,
        before: decisionSnapshot(before, asOf),
        after: decisionSnapshot(after, asOf),
      },
      ctx.now,
    );
    return presentDecision(ctx.actor, after, asOf);
  });
}

export async function createDecision(ctx: RequestContext, meetingId: number, body: CreateDecisionBody): Promise<Decision> {
  const m = await loadWritable(ctx, meetingId);
  const regionCode = m.row.m.regionCode;
  await checkDecisionRefs(ctx, body, regionCode);
  const asOf = asOfOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const id = await repo.insertDecision(tx, {
      meetingId,
      projectId: body.projectId ?? null,
      content: body.content,
      unitId: body.unitId,
      ownerName: body.ownerName ?? null,
      deadline: body.deadline,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const after = (await repo.findDecision(tx, id))!;
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'create', entity: 'decision', entityId: id, regionCode, after: decisionSnapshot(after, asOf) },
      ctx.now,
    );
    // every decision is supervised 督办事项: made here, in the meeting's transaction, from the same figures
    await createSupervisionItems(tx, ctx, [
      {
        regionCode,
        projectId: after.d.projectId,
        source: 'decision',
        sourceId: id,
        title: after.d.content.length > 60 ? `${after.d.content.slice(0, 59)}…` : after.d.content,
        content: `${m.row.m.title}议定：${after.d.content}`,
        unitId: after.d.unitId,
        ownerName: after.d.ownerName,
        ownerUserId: after.d.ownerUserId,
        deadline: after.d.deadline,
      },
    ]);
    return presentDecision(ctx.actor, after, asOf);
  });
}

export async function updateDecision(ctx: RequestContext, id: number, body: UpdateDecisionBody): Promise<Decision> {
  const before = await loadDecision(ctx, id);
  if (!meetingPolicy.canWrite(ctx.actor, before.regionCode)) throw new AppError('FORBIDDEN');
  await checkDecisionRefs(ctx, body, before.regionCode);
  const { version, ...changes } = body;
  // its supervision item follows the corrected figures (typed once, here)
  return writeDecision(ctx, before, version, changes, 'update', (tx) =>
    syncSupervisionItemsOf(tx, ctx, 'decision', id, {
      projectId: changes.projectId,
      unitId: changes.unitId,
      ownerName: changes.ownerName,
      deadline: changes.deadline,
      ...(changes.content
        ? {
            content: `${before.meetingTitle}议定：${changes.content}`,
            title: changes.content.length > 60 ? `${changes.content.slice(0, 59)}…` : changes.content,
          }
        : {}),
    }),
  );
}

export async function deleteDecision(ctx: RequestContext, id: number, version: number): Promise<void> {
  const before = await loadDecision(ctx, id);
  if (!meetingPolicy.canWrite(ctx.actor, before.regionCode)) throw new AppError('FORBIDDEN');
  const asOf = asOfOf(ctx);
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.deleteDecision(tx, id, version))) {
      const current = await repo.findDecision(tx, id);
      if (!current) throw new AppError('NOT_FOUND');
      throw versionConflict(presentDecision(ctx.actor, current, asOf));
    }
    await removeSupervisionItemsOf(tx, ctx, 'decision', [id]);
    await writeAudit(
      tx,
      ctx.audit,
      {
        action: 'delete',
        entity: 'decision',
        entityId: id,
        regionCode: before.regionCode,
        before: decisionSnapshot(before, asOf),
      },
      ctx.now,
    );
  });
}

/** 办结: the responsible unit or the office, with the day and how. */
export async function markDecisionDone(ctx: RequestContext, id: number, body: MarkDecisionDoneBody): Promise<Decision> {
  const before = await loadDecision(ctx, id);
  if (!meetingPolicy.canMarkDone(ctx.actor, { regionCode: before.regionCode, unitId: before.d.unitId }))
    throw new AppError('FORBIDDEN');
  if (body.version !== before.d.version) throw versionConflict(presentDecision(ctx.actor, before, asOfOf(ctx)));
  const refusal = doneRefusal(before.d, body.doneOn, asOfOf(ctx));
  if (refusal === 'not_open') throw new AppError('INVALID_STATE', undefined, meetingMessages.not_open);
  if (refusal) throw fieldError('VALIDATION_FAILED', 'doneOn', ctx.locale, meetingMessages[refusal]);
  // its supervision item goes to checking 问效 with the same note: typed once, here
  return writeDecision(ctx, before, body.version, { status: 'done', doneOn: body.doneOn, doneNote: body.note }, 'done', (tx) =>
    submitSupervisionItemsOf(tx, ctx, 'decision', [id], `议定事项已办结（${body.doneOn}）${body.note ? `：${body.note}` : ''}`),
  );
}

/** 核验: the office or the supervisor, once done. */
export async function verifyDecision(ctx: RequestContext, id: number, version: number): Promise<Decision> {
  const before = await loadDecision(ctx, id);
  if (!meetingPolicy.canVerify(ctx.actor, { regionCode: before.regionCode })) throw new AppError('FORBIDDEN');
  if (version !== before.d.version) throw versionConflict(presentDecision(ctx.actor, before, asOfOf(ctx)));
  if (before.d.status !== 'done') throw new AppError('INVALID_STATE', undefined, meetingMessages.not_done);
  return writeDecision(
    ctx,
    before,
    version,
    { status: 'verified', verifiedBy: ctx.actor.id > 0 ? ctx.actor.id : null, verifiedAt: ctx.now },
    'verify',
  );
}

// ---- minutes ----

export async function minutesDocx(ctx: RequestContext, id: number) {
  const meeting = await presentMeeting(ctx, await loadReadable(ctx, id));
  const buffer = await writeMinutesDocx({
    title: meeting.title,
    when: `${chineseDate(meeting.date)} ${meeting.time}`,
    place: meeting.place ?? meeting.siteProjectName,
    chair: meeting.chairLeaderName,
    attendees: [
      ...meeting.attendeeLeaders.map((l) => l.name),
      ...meeting.attendeeUnits.map((u) => u.name),
      ...meeting.attendeePeople,
    ],
    minutes: meeting.minutes,
    agenda: meeting.agenda.map((a) => ({ projectName: a.projectName, notes: a.notes })),
    decisions: meeting.decisions.map((d) => ({
      content: d.content,
      unitName: d.unitName ?? '',
      ownerName: d.ownerName,
      deadline: d.deadline,
    })),
    problemsRaised: meeting.problemsRaised,
    problemsSolved: meeting.problemsSolved,
  });
  return { buffer, filename: `${meeting.title}-会议纪要-${meeting.date}.docx` };
}
