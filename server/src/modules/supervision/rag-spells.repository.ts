/**
 * All SQL of `rag_spells`, the colour history (ADR 0010): one row per colour spell of a project or a
 * supervision item; the open spell (`to_date` null) is the colour in force and says since when.
 */
import { and, asc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Rag } from '@kpc/contracts';
import type { Executor } from '../../db/client.js';
import { ragSpells, type ragSubjects } from '../../db/schema/index.js';

export type RagSubject = (typeof ragSubjects)[number];

/** subject_id among `ids` as ONE array parameter: a district's 100,000 ids exceed the 65,535 parameters of a statement. */
const anyId = (ids: readonly number[]) =>
  sql`${ragSpells.subjectId} = any(${`{${ids.map((i) => Math.trunc(i)).join(',')}}`}::int[])`;
export type RagSpellRow = typeof ragSpells.$inferSelect;

/** The spell in force of each subject among `ids`, by subject id. */
export async function openSpells(
  db: Executor,
  subjectType: RagSubject,
  ids: readonly number[],
): Promise<Map<number, RagSpellRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(ragSpells)
    .where(and(eq(ragSpells.subjectType, subjectType), anyId(ids), isNull(ragSpells.toDate)));
  return new Map(rows.map((r) => [r.subjectId, r]));
}

/**
 * The spell of each subject among `ids` that covers `day` (from_date ≤ day ≤ to_date, or open). Rating a
 * day starts from the spell covering the day before (domain rag-history.ts `rateDay`).
 */
export async function spellsCovering(
  db: Executor,
  subjectType: RagSubject,
  ids: readonly number[],
  day: string,
): Promise<Map<number, RagSpellRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(ragSpells)
    .where(
      and(
        eq(ragSpells.subjectType, subjectType),
        anyId(ids),
        lte(ragSpells.fromDate, day),
        or(isNull(ragSpells.toDate), gte(ragSpells.toDate, day)),
      ),
    );
  return new Map(rows.map((r) => [r.subjectId, r]));
}

/** The spells of one subject overlapping [from, to], oldest first. */
export async function spellsBetween(
  db: Executor,
  subjectType: RagSubject,
  id: number,
  from: string,
  to: string,
): Promise<RagSpellRow[]> {
  return db
    .select()
    .from(ragSpells)
    .where(
      and(
        eq(ragSpells.subjectType, subjectType),
        eq(ragSpells.subjectId, id),
        lte(ragSpells.fromDate, to),
        or(isNull(ragSpells.toDate), gte(ragSpells.toDate, from)),
      ),
    )
    .orderBy(asc(ragSpells.fromDate));
}

/** The spells closed on `day` (to_date = day) of the subjects among `ids`: the spell before one opened the next day. */
export async function spellsEndingOn(
  db: Executor,
  subjectType: RagSubject,
  ids: readonly number[],
  day: string,
): Promise<Map<number, RagSpellRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(ragSpells)
    .where(and(eq(ragSpells.subjectType, subjectType), anyId(ids), eq(ragSpells.toDate, day)));
  return new Map(rows.map((r) => [r.subjectId, r]));
}

/** The projects' colour spells covering each of `days`, for projects in `scope` (a predicate on `projects`). */
export async function projectSpellsOnDays(
  db: Executor,
  scope: SQL,
  days: readonly string[],
): Promise<{ day: string; projectId: number; rag: Rag; fromDate: string; rules: string[] }[]> {
  if (days.length === 0) return [];
  const r = (await db.execute(sql`
    select d.day::text as day, s.subject_id as "projectId", s.rag, s.from_date::text as "fromDate", s.rules
      from unnest(array[${sql.join(
        days.map((d) => sql`${d}`),
        sql`, `,
      )}]::date[]) as d(day)
      join rag_spells s on s.subject_type = 'project' and s.from_date <= d.day and (s.to_date is null or s.to_date >= d.day)
      join projects on projects.id = s.subject_id
     where ${scope}`)) as unknown as {
    rows: { day: string; projectId: number | string; rag: Rag; fromDate: string; rules: string[] }[];
  };
  return r.rows.map((x) => ({ ...x, projectId: Number(x.projectId) }));
}

/** The spells ending the day before (closed) and in force from `day` of the rows the job decided. */
export interface DayWrites {
  /** Open spells to close with to_date = day − 1. */
  close: number[];
  /** Spells opened on `day` by an earlier run of the same day, to drop (the day keeps the spell before). */
  drop: number[];
  /** Spells to open again (to_date null): the spell before a dropped one. */
  reopen: number[];
  /** Spells opened on `day` by an earlier run whose colour is decided again. */
  update: { id: number; rag: Rag; held: boolean; rules: string[] }[];
  insert: { subjectId: number; rag: Rag; held: boolean; rules: string[] }[];
}

/** Writes one batch of the day's decisions (inside the day's transaction). */
export async function writeDay(tx: Executor, subjectType: RagSubject, day: string, dayBefore: string, w: DayWrites) {
  if (w.close.length) await tx.update(ragSpells).set({ toDate: dayBefore }).where(inArray(ragSpells.id, w.close));
  if (w.drop.length) await tx.delete(ragSpells).where(inArray(ragSpells.id, w.drop));
  if (w.reopen.length) await tx.update(ragSpells).set({ toDate: null }).where(inArray(ragSpells.id, w.reopen));
  for (const u of w.update)
    await tx.update(ragSpells).set({ rag: u.rag, held: u.held, rules: u.rules }).where(eq(ragSpells.id, u.id));
  if (w.insert.length)
    await tx
      .insert(ragSpells)
      .values(
        w.insert.map((i) => ({ subjectType, subjectId: i.subjectId, rag: i.rag, held: i.held, rules: i.rules, fromDate: day })),
      );
}

/** A scope predicate on `projects`: those no spell covers on `asOf` (created since the day was rated). */
export const notRatedOn = (asOf: string): SQL =>
  sql`not exists (select 1 from rag_spells s where s.subject_type = 'project' and s.subject_id = projects.id
        and s.from_date <= ${asOf} and (s.to_date is null or s.to_date >= ${asOf}))`;
