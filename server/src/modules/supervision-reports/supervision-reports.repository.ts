/**
 * All SQL of `supervision_reports`, and the set-based reads of the week's and month's records that the
 * weekly dispatch and the monthly bulletin show (over the projects of a scope, lib/project-scope.ts).
 */
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { EscalationStep, Rag, SupervisionReportKind, SupervisionReportStatus } from '@kpc/contracts';
import type { Executor } from '../../db/client.js';
import { regions, supervisionReports, users } from '../../db/schema/index.js';
import { inSubtree } from '../../lib/query.js';

export type ReportRow = typeof supervisionReports.$inferSelect;
export interface ReportRecord {
  row: ReportRow;
  publishedByName: string | null;
}

const publisher = alias(users, 'publisher');

async function records(db: Executor, where: SQL | undefined): Promise<ReportRecord[]> {
  const r = await db
    .select({ row: supervisionReports, publishedByName: publisher.displayName })
    .from(supervisionReports)
    .leftJoin(publisher, eq(publisher.id, supervisionReports.publishedBy))
    .where(where)
    .orderBy(desc(supervisionReports.period), supervisionReports.kind, supervisionReports.regionCode);
  return r;
}

export const findReport = async (db: Executor, id: number) => (await records(db, eq(supervisionReports.id, id)))[0];

export const findReportByKey = async (db: Executor, kind: SupervisionReportKind, period: string, regionCode: string) =>
  (
    await records(
      db,
      and(
        eq(supervisionReports.kind, kind),
        eq(supervisionReports.period, period),
        eq(supervisionReports.regionCode, regionCode),
      ),
    )
  )[0];

/** Reports of the regions under `regionCode`, newest period first; `statuses` narrows (readers see published only). */
export const listReports = (
  db: Executor,
  q: { regionCode: string; kind?: SupervisionReportKind; statuses: readonly SupervisionReportStatus[] },
) =>
  records(
    db,
    and(
      inSubtree(supervisionReports.regionCode, q.regionCode),
      q.kind ? eq(supervisionReports.kind, q.kind) : undefined,
      inArray(supervisionReports.status, [...q.statuses]),
    ),
  );

export async function regionName(db: Executor, code: string): Promise<string | null> {
  const [r] = await db.select({ name: regions.name }).from(regions).where(eq(regions.code, code));
  return r?.name ?? null;
}

/**
 * The regions whose weekly dispatch and monthly bulletin the jobs draft: those of the supervision
 * bureau's active accounts, less any under another of them (a city bureau's report covers its counties).
 */
export async function supervisedRegions(db: Executor): Promise<string[]> {
  const r = await rows<{ code: string }>(
    db,
    sql`select distinct region_code as code from users where 'supervisor' = any(roles) and not disabled order by 1`,
  );
  const codes = r.map((x) => x.code);
  return codes.filter((c) => !codes.some((o) => o !== c && c.startsWith(o)));
}

async function rows<T>(db: Executor, q: SQL): Promise<T[]> {
  const r = (await db.execute(q)) as unknown as { rows: T[] };
  return r.rows;
}
const inScope = (scope: SQL) => sql`(select projects.id from projects where ${scope})`;
const num = <T extends { id: unknown; projectId: unknown }>(x: T) => ({ ...x, id: Number(x.id), projectId: Number(x.projectId) });

/** The colour history's colour of each project on `date` (the spell covering it), by project id. */
export async function spellColoursOn(db: Executor, scope: SQL, date: string): Promise<Map<number, Rag>> {
  const r = await rows<{ projectId: number; rag: Rag }>(
    db,
    sql`select subject_id as "projectId", rag from rag_spells
      where subject_type = 'project' and from_date <= ${date} and (to_date is null or to_date >= ${date})
        and subject_id in ${inScope(scope)}`,
  );
  return new Map(r.map((x) => [Number(x.projectId), x.rag]));
}

export interface DatedRef {
  id: number;
  projectId: number;
  label: string;
  date: string;
}

export async function milestonesFinishedIn(db: Executor, scope: SQL, from: string, to: string): Promise<DatedRef[]> {
  const r = await rows<DatedRef>(
    db,
    sql`select id, project_id as "projectId", name as label, actual_finish::text as date from milestones
      where actual_finish between ${from} and ${to} and project_id in ${inScope(scope)}
      order by project_id, actual_finish, sort_order`,
  );
  return r.map(num);
}

/** Nodes started on or before `asOf` and not finished by then. */
export async function milestonesInProgress(db: Executor, scope: SQL, asOf: string): Promise<DatedRef[]> {
  const r = await rows<DatedRef>(
    db,
    sql`select id, project_id as "projectId", name as label, actual_start::text as date from milestones
      where actual_start <= ${asOf} and (actual_finish is null or actual_finish > ${asOf})
        and project_id in ${inScope(scope)}
      order by project_id, sort_order`,
  );
  return r.map(num);
}

export async function problemsRaisedIn(db: Executor, scope: SQL, from: string, to: string): Promise<DatedRef[]> {
  const r = await rows<DatedRef>(
    db,
    sql`select id, project_id as "projectId", left(description, 60) as label, raised_on::text as date from problems
      where raised_on between ${from} and ${to} and project_id in ${inScope(scope)} order by project_id, raised_on, id`,
  );
  return r.map(num);
}

/** Problems resolved (and still resolved or verified) with a resolution date in the range. */
export async function problemsSolvedIn(db: Executor, scope: SQL, from: string, to: string): Promise<DatedRef[]> {
  const r = await rows<DatedRef>(
    db,
    sql`select id, project_id as "projectId", left(description, 60) as label, resolved_on::text as date from problems
      where status in ('resolved', 'verified') and resolved_on between ${from} and ${to}
        and project_id in ${inScope(scope)} order by project_id, resolved_on, id`,
  );
  return r.map(num);
}

export async function decisionsDueIn(
  db: Executor,
  scope: SQL,
  from: string,
  to: string,
): Promise<(DatedRef & { status: string })[]> {
  const r = await rows<DatedRef & { status: string }>(
    db,
    sql`select id, project_id as "projectId", left(content, 60) as label, deadline::text as date, status from decisions
      where deadline between ${from} and ${to} and project_id in ${inScope(scope)} order by project_id, deadline, id`,
  );
  return r.map(num);
}

export const isDraft = eq(supervisionReports.status, 'draft');

/** Inserts the draft unless the (kind, period, region) report exists; its id, or null when it existed. */
export async function insertDraftUnlessExists(db: Executor, v: typeof supervisionReports.$inferInsert): Promise<number | null> {
  const [r] = await db
    .insert(supervisionReports)
    .values(v)
    .onConflictDoNothing({ target: [supervisionReports.kind, supervisionReports.period, supervisionReports.regionCode] })
    .returning({ id: supervisionReports.id });
  return r?.id ?? null;
}

/** The report of the key, locked for the rest of the transaction. */
export async function lockReport(
  db: Executor,
  kind: SupervisionReportKind,
  period: string,
  regionCode: string,
): Promise<ReportRow> {
  const [r] = await db
    .select()
    .from(supervisionReports)
    .where(
      and(
        eq(supervisionReports.kind, kind),
        eq(supervisionReports.period, period),
        eq(supervisionReports.regionCode, regionCode),
      ),
    )
    .for('update');
  return r!;
}

/**
 * The escalation steps decided in [from, to] (Shanghai dates) on projects of `scope`, confirmed ones only:
 * warnings issued and the steps the supervisor confirmed, with the responsible unit's name when there is one.
 */
export async function escalationsDecidedIn(db: Executor, scope: SQL, from: string, to: string) {
  const r = await rows<{ id: number; step: EscalationStep; project: string; unit: string | null; reason: string; date: string }>(
    db,
    sql`select e.id, e.step, p.name as project, u.name as unit, e.reason_zh as reason,
        (e.decided_at at time zone 'Asia/Shanghai')::date::text as date
      from escalations e join projects p on p.id = e.project_id left join units u on u.id = e.unit_id
      where e.status = 'confirmed' and e.project_id in ${inScope(scope)}
        and (e.decided_at at time zone 'Asia/Shanghai')::date between ${from} and ${to}
      order by e.decided_at, e.id`,
  );
  return r.map((x) => ({ ...x, id: Number(x.id) }));
}

/** The progress note 形象进度 of each project's latest weekly update 周报 sent in [from, to] (Shanghai dates). */
export async function weeklyNotesIn(db: Executor, scope: SQL, from: string, to: string): Promise<Map<number, string>> {
  const r = await rows<{ projectId: number; note: string }>(
    db,
    sql`select distinct on (project_id) project_id as "projectId", note from weekly_updates
      where note is not null and (sent_at at time zone 'Asia/Shanghai')::date between ${from} and ${to}
        and project_id in ${inScope(scope)}
      order by project_id, sent_at desc`,
  );
  return new Map(r.map((x) => [Number(x.projectId), x.note]));
}
