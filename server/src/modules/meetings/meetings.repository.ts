/**
 * All SQL of meeting series, meetings, their agenda items and decisions; the read-only counts the
 * proposed agenda takes from milestones, ledger items, decisions and problems; and the problems a
 * meeting raised or solved (read only: problems are written through commands/).
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AgendaReason, DecisionState, ListDecisionsQuery, ListMeetingsQuery } from '@kpc/contracts';
import { readsWholeRegion, hasAnyRole, type AgendaSignal } from '@kpc/domain';
import type { Executor } from '../../db/client.js';
import {
  baselineNodes,
  decisions,
  leaders,
  ledgerItems,
  meetingAgendaItems,
  meetings,
  meetingSeries,
  milestones,
  problems,
  projects,
  scheduleBaselines,
  units,
} from '../../db/schema/index.js';
import { projectScopeColumns, visibleProjects, type ScopeActor } from '../../lib/project-scope.js';
import { inSubtree, offsetOf } from '../../lib/query.js';
import { deleteAtVersion, updateAtVersion } from '../../lib/versioned.js';
import type { ProjectScope } from '../../lib/policy.js';

export type SeriesRow = typeof meetingSeries.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;
export type NewMeeting = typeof meetings.$inferInsert;
export type DecisionRow = typeof decisions.$inferSelect;
export type NewDecision = typeof decisions.$inferInsert;
export type AgendaRow = typeof meetingAgendaItems.$inferSelect;

// ---- read scope ----

/**
 * Meetings the actor may read (domain `canReadMeeting`, in SQL): the region for office, supervisor,
 * viewer, admin and leaders; for a unit or an enterprise, a meeting that discusses a project they may
 * read (agenda or site), and for a unit one with a decision its unit owes.
 */
export function visibleMeetings(actor: ScopeActor): SQL {
  const region = inSubtree(meetings.regionCode, actor.regionCode);
  if (readsWholeRegion(actor) || hasAnyRole(actor, 'leader')) return region;
  const own: SQL[] = [
    sql`exists (select 1 from ${meetingAgendaItems} ai join ${projects} on ${projects.id} = ai.project_id
      where ai.meeting_id = ${meetings.id} and ${visibleProjects(actor)})`,
    sql`exists (select 1 from ${projects} where ${projects.id} = ${meetings.siteProjectId} and ${visibleProjects(actor)})`,
  ];
  if (actor.roles.includes('unit') && actor.unitId !== null)
    own.push(sql`exists (select 1 from ${decisions} d where d.meeting_id = ${meetings.id} and d.unit_id = ${actor.unitId})`);
  return and(region, sql`(${sql.join(own, sql` or `)})`)!;
}

// ---- series ----

const heldCount = sql<number>`(select count(*)::int from ${meetings} m where m.series_id = ${meetingSeries.id} and m.status = 'held')`;

export async function listSeries(db: Executor, regionCode: string) {
  return db
    .select({ s: meetingSeries, chairLeaderName: leaders.name, heldCount })
    .from(meetingSeries)
    .leftJoin(leaders, eq(leaders.id, meetingSeries.chairLeaderId))
    .where(inSubtree(meetingSeries.regionCode, regionCode))
    .orderBy(asc(meetingSeries.sortOrder), asc(meetingSeries.id));
}

export async function findSeries(db: Executor, id: number) {
  const [row] = await db
    .select({ s: meetingSeries, chairLeaderName: leaders.name, heldCount })
    .from(meetingSeries)
    .leftJoin(leaders, eq(leaders.id, meetingSeries.chairLeaderId))
    .where(eq(meetingSeries.id, id));
  return row ?? null;
}

export async function insertSeries(db: Executor, values: typeof meetingSeries.$inferInsert): Promise<number> {
  const [row] = await db.insert(meetingSeries).values(values).returning({ id: meetingSeries.id });
  return row!.id;
}

export const updateSeries = (db: Executor, id: number, version: number, set: Partial<typeof meetingSeries.$inferInsert>) =>
  updateAtVersion(db, meetingSeries, id, version, set);

// ---- reference checks ----

export async function findLeaders(db: Executor, ids: readonly number[]) {
  if (!ids.length) return [];
  return db
    .select({ id: leaders.id, name: leaders.name, regionCode: leaders.regionCode })
    .from(leaders)
    .where(inArray(leaders.id, [...ids]));
}

export async function findUnits(db: Executor, ids: readonly number[]) {
  if (!ids.length) return [];
  return db
    .select({ id: units.id, name: units.name, regionCode: units.regionCode })
    .from(units)
    .where(inArray(units.id, [...ids]));
}

/** Projects by id with their names and the policy's scope. */
export async function findProjects(db: Executor, ids: readonly number[]) {
  if (!ids.length) return [];
  const rows = await db
    .select({ id: projects.id, code: projects.code, name: projects.name, ...projectScopeColumns })
    .from(projects)
    .where(inArray(projects.id, [...ids]));
  return rows.map((r) => ({ ...r, cooperatingUnitIds: (r.cooperatingUnitIds ?? []).map(Number) }));
}

// ---- meetings ----

const decisionCount = sql<number>`(select count(*)::int from ${decisions} d where d.meeting_id = ${meetings.id})`;
const agendaCount = sql<number>`(select count(*)::int from ${meetingAgendaItems} ai where ai.meeting_id = ${meetings.id})`;
const overdueDecisionCount = (asOf: string) =>
  sql<number>`(select count(*)::int from ${decisions} d where d.meeting_id = ${meetings.id} and d.status = 'open' and d.deadline < ${asOf})`;

const meetingColumns = (asOf: string) => ({
  m: meetings,
  seriesName: meetingSeries.name,
  chairLeaderName: leaders.name,
  siteProjectName: projects.name,
  agendaCount,
  decisionCount,
  overdueDecisionCount: overdueDecisionCount(asOf),
});

export type MeetingListRow = {
  m: MeetingRow;
  seriesName: string | null;
  chairLeaderName: string | null;
  siteProjectName: string | null;
  agendaCount: number;
  decisionCount: number;
  overdueDecisionCount: number;
};

function meetingSelect(db: Executor, asOf: string) {
  return db
    .select(meetingColumns(asOf))
    .from(meetings)
    .leftJoin(meetingSeries, eq(meetingSeries.id, meetings.seriesId))
    .leftJoin(leaders, eq(leaders.id, meetings.chairLeaderId))
    .leftJoin(projects, eq(projects.id, meetings.siteProjectId));
}

/** The start of a Shanghai day as an instant, and of the day after. */
const dayStart = (d: string) => `${d}T00:00:00+08:00`;

export async function listMeetings(db: Executor, actor: ScopeActor, q: ListMeetingsQuery, asOf: string) {
  const conds: SQL[] = [visibleMeetings(actor)];
  if (q.kind) conds.push(eq(meetings.kind, q.kind));
  if (q.seriesId) conds.push(eq(meetings.seriesId, q.seriesId));
  if (q.status) conds.push(eq(meetings.status, q.status));
  if (q.from) conds.push(sql`${meetings.startsAt} >= ${dayStart(q.from)}::timestamptz`);
  if (q.to) conds.push(sql`${meetings.startsAt} < ${dayStart(q.to)}::timestamptz + interval '1 day'`);
  const where = and(...conds)!;
  const [rows, [counts]] = await Promise.all([
    meetingSelect(db, asOf)
      .where(where)
      .orderBy(desc(meetings.startsAt), desc(meetings.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    db
      .select({
        n: sql<number>`count(*)::int`,
        held: sql<number>`count(*) filter (where ${meetings.status} = 'held')::int`,
      })
      .from(meetings)
      // a join keeps drizzle's columns qualified inside the scope's subqueries
      .leftJoin(meetingSeries, eq(meetingSeries.id, meetings.seriesId))
      .where(where),
  ]);
  return { rows: rows as MeetingListRow[], total: Number(counts?.n ?? 0), heldCount: Number(counts?.held ?? 0) };
}

export async function findMeeting(db: Executor, id: number, asOf: string): Promise<MeetingListRow | null> {
  const [row] = await meetingSelect(db, asOf).where(eq(meetings.id, id));
  return (row as MeetingListRow | undefined) ?? null;
}

export async function agendaOf(db: Executor, meetingId: number) {
  const rows = await db
    .select({ a: meetingAgendaItems, projectCode: projects.code, projectName: projects.name, ...projectScopeColumns })
    .from(meetingAgendaItems)
    .innerJoin(projects, eq(projects.id, meetingAgendaItems.projectId))
    .where(eq(meetingAgendaItems.meetingId, meetingId))
    .orderBy(asc(meetingAgendaItems.sortOrder), asc(meetingAgendaItems.id));
  return rows.map((r) => ({
    ...r,
    scope: {
      regionCode: r.regionCode,
      leadUnitId: r.leadUnitId,
      enterpriseId: r.enterpriseId,
      leaderId: r.leaderId,
      cooperatingUnitIds: (r.cooperatingUnitIds ?? []).map(Number),
    } satisfies ProjectScope,
  }));
}

export async function insertMeeting(db: Executor, values: NewMeeting): Promise<number> {
  const [row] = await db.insert(meetings).values(values).returning({ id: meetings.id });
  return row!.id;
}

export const updateMeeting = (db: Executor, id: number, version: number, set: Partial<NewMeeting>) =>
  updateAtVersion(db, meetings, id, version, set);

export const deleteMeeting = (db: Executor, id: number, version: number) => deleteAtVersion(db, meetings, id, version);

export async function replaceAgenda(
  db: Executor,
  meetingId: number,
  items: readonly { projectId: number; reasons: AgendaReason[]; notes: string | null }[],
): Promise<void> {
  await db.delete(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, meetingId));
  if (items.length)
    await db
      .insert(meetingAgendaItems)
      .values(items.map((i, n) => ({ meetingId, projectId: i.projectId, reasons: i.reasons, notes: i.notes, sortOrder: n })));
}

/** Problems that name this meeting as where they were raised or solved (a meeting with them is not deleted). */
export async function problemsOfMeeting(db: Executor, meetingId: number) {
  return db
    .select({
      p: problems,
      projectName: projects.name,
      unitName: units.name,
      solvedByLeaderName: leaders.name,
    })
    .from(problems)
    .innerJoin(projects, eq(projects.id, problems.projectId))
    .leftJoin(units, eq(units.id, problems.unitId))
    .leftJoin(leaders, eq(leaders.id, problems.solvedByLeaderId))
    .where(sql`${problems.raisedInMeetingId} = ${meetingId} or ${problems.solvedInMeetingId} = ${meetingId}`)
    .orderBy(asc(problems.id));
}

/** Open problems of these projects (what a meeting may solve). */
export async function openProblemsOf(db: Executor, projectIds: readonly number[]) {
  if (!projectIds.length) return [];
  return db
    .select({ p: problems, projectName: projects.name, unitName: units.name, solvedByLeaderName: sql<string | null>`null` })
    .from(problems)
    .innerJoin(projects, eq(projects.id, problems.projectId))
    .leftJoin(units, eq(units.id, problems.unitId))
    .where(and(inArray(problems.projectId, [...projectIds]), inArray(problems.status, ['open', 'in_progress', 'escalated'])))
    .orderBy(asc(problems.deadline), asc(problems.id));
}

/** One problem's project (the caller checks it is on the meeting's agenda). */
export async function findProblemProject(db: Executor, id: number) {
  const [row] = await db.select({ projectId: problems.projectId }).from(problems).where(eq(problems.id, id));
  return row ?? null;
}

// ---- decisions ----

const decisionColumns = {
  d: decisions,
  meetingTitle: meetings.title,
  meetingStartsAt: meetings.startsAt,
  regionCode: meetings.regionCode,
  projectName: projects.name,
  unitName: units.name,
};
export type DecisionRecord = {
  d: DecisionRow;
  meetingTitle: string;
  meetingStartsAt: Date;
  regionCode: string;
  projectName: string | null;
  unitName: string | null;
};

function decisionSelect(db: Executor) {
  return db
    .select(decisionColumns)
    .from(decisions)
    .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
    .leftJoin(projects, eq(projects.id, decisions.projectId))
    .leftJoin(units, eq(units.id, decisions.unitId));
}

export function stateWhere(state: DecisionState, asOf: string): SQL {
  if (state === 'overdue') return sql`${decisions.status} = 'open' and ${decisions.deadline} < ${asOf}`;
  if (state === 'open') return sql`${decisions.status} = 'open' and ${decisions.deadline} >= ${asOf}`;
  return eq(decisions.status, state);
}

/** Decisions across meetings (what supervision reads): those of the meetings the actor may read. */
export async function listDecisions(db: Executor, actor: ScopeActor, q: ListDecisionsQuery, asOf: string) {
  const conds: SQL[] = [visibleMeetings(actor)];
  if (q.state) conds.push(stateWhere(q.state, asOf));
  if (q.unitId) conds.push(eq(decisions.unitId, q.unitId));
  if (q.projectId) conds.push(eq(decisions.projectId, q.projectId));
  if (q.meetingId) conds.push(eq(decisions.meetingId, q.meetingId));
  const where = and(...conds)!;
  const [rows, [count]] = await Promise.all([
    decisionSelect(db)
      .where(where)
      // open ones first, earliest deadline (the overdue ones) leading
      .orderBy(asc(sql`${decisions.status} <> 'open'`), asc(decisions.deadline), asc(decisions.id))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(decisions)
      .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
      .where(where),
  ]);
  return { rows: rows as DecisionRecord[], total: Number(count?.n ?? 0) };
}

export async function decisionsOfMeeting(db: Executor, meetingId: number): Promise<DecisionRecord[]> {
  return (await decisionSelect(db).where(eq(decisions.meetingId, meetingId)).orderBy(asc(decisions.id))) as DecisionRecord[];
}

export async function findDecision(db: Executor, id: number): Promise<DecisionRecord | null> {
  const [row] = await decisionSelect(db).where(eq(decisions.id, id));
  return (row as DecisionRecord | undefined) ?? null;
}

export async function insertDecision(db: Executor, values: NewDecision): Promise<number> {
  const [row] = await db.insert(decisions).values(values).returning({ id: decisions.id });
  return row!.id;
}

/** Versioned update of a decision still in `fromStatus` (a done/verify racing another one is stale). */
export const updateDecision = (
  db: Executor,
  id: number,
  version: number,
  set: Partial<NewDecision>,
  fromStatus: DecisionRow['status'],
) => updateAtVersion(db, decisions, id, version, set, eq(decisions.status, fromStatus));

export const deleteDecision = (db: Executor, id: number, version: number) => deleteAtVersion(db, decisions, id, version);

// ---- the proposed agenda (read only over other modules' tables) ----

/**
 * Per project the actor may see: unfinished milestones past their current baseline's latest finish,
 * ledger items not done past their deadline, open decisions past their deadline, and open problems
 * past their deadline, as of `asOf`.
 */
export async function agendaSignals(db: Executor, actor: ScopeActor, asOf: string): Promise<AgendaSignal[]> {
  const scope = visibleProjects(actor);
  const cols = (reason: AgendaReason) => ({
    projectId: projects.id,
    projectCode: projects.code,
    projectName: projects.name,
    reason: sql<AgendaReason>`${reason}::text`,
    count: sql<number>`count(*)::int`,
  });
  const group = [projects.id, projects.code, projects.name] as const;
  const [ms, ledger, decs, probs] = await Promise.all([
    db
      .select(cols('overdue_milestone'))
      .from(milestones)
      .innerJoin(projects, eq(projects.id, milestones.projectId))
      .innerJoin(
        scheduleBaselines,
        and(eq(scheduleBaselines.projectId, milestones.projectId), eq(scheduleBaselines.isCurrent, true)),
      )
      .innerJoin(
        baselineNodes,
        and(eq(baselineNodes.baselineId, scheduleBaselines.id), eq(baselineNodes.milestoneId, milestones.id)),
      )
      .where(and(scope, sql`${milestones.actualFinish} is null and ${baselineNodes.latestFinish} < ${asOf}`))
      .groupBy(...group),
    db
      .select(cols('overdue_ledger'))
      .from(ledgerItems)
      .innerJoin(projects, eq(projects.id, ledgerItems.projectId))
      .where(and(scope, sql`${ledgerItems.status} <> 'done' and ${ledgerItems.deadline} < ${asOf}`))
      .groupBy(...group),
    db
      .select(cols('overdue_decision'))
      .from(decisions)
      .innerJoin(projects, eq(projects.id, decisions.projectId))
      .where(and(scope, stateWhere('overdue', asOf)))
      .groupBy(...group),
    db
      .select(cols('open_problem'))
      .from(problems)
      .innerJoin(projects, eq(projects.id, problems.projectId))
      .where(
        and(
          scope,
          inArray(problems.status, ['open', 'in_progress', 'escalated']),
          sql`${problems.deadline} is not null and ${problems.deadline} < ${asOf}`,
        ),
      )
      .groupBy(...group),
  ]);
  return [...ms, ...ledger, ...decs, ...probs].map((r) => ({ ...r, count: Number(r.count) }));
}
