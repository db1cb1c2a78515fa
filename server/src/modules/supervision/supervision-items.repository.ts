/**
 * All SQL of supervision items 督办事项 and their steps: the scoped list with its per-link counts, one
 * item, its timeline, the writes (versioned), the source records an item is made from, and the colours
 * of every item at once for the daily job.
 */
import { and, asc, count, eq, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { readsWholeRegion } from '@kpc/domain';
import type { SupervisionLink, SupervisionSource } from '@kpc/contracts';
import type { Executor } from '../../db/client.js';
import {
  decisions,
  instructions,
  ledgerItems,
  meetings,
  projects,
  supervisionItemEvents,
  supervisionItems,
  units,
  users,
} from '../../db/schema/index.js';
import type { ScopeActor } from '../../lib/project-scope.js';
import { inSubtree, offsetOf } from '../../lib/query.js';
import { updateAtVersion } from '../../lib/versioned.js';

export type SupervisionItemRow = typeof supervisionItems.$inferSelect;
export type NewSupervisionItem = typeof supervisionItems.$inferInsert;
export type NewSupervisionItemEvent = typeof supervisionItemEvents.$inferInsert;

export interface SupervisionItemRecord {
  item: SupervisionItemRow;
  unitName: string;
  projectName: string | null;
  acceptedBy: string | null;
  createdBy: string | null;
}

const acceptor = alias(users, 'acceptor');
const creator = alias(users, 'creator');

function baseSelect(db: Executor) {
  return db
    .select({
      item: supervisionItems,
      unitName: units.name,
      projectName: projects.name,
      acceptedBy: acceptor.displayName,
      createdBy: creator.displayName,
    })
    .from(supervisionItems)
    .innerJoin(units, eq(units.id, supervisionItems.unitId))
    .leftJoin(projects, eq(projects.id, supervisionItems.projectId))
    .leftJoin(acceptor, eq(acceptor.id, supervisionItems.acceptedBy))
    .leftJoin(creator, eq(creator.id, supervisionItems.createdBy));
}

/**
 * The items the actor may read: office, supervisor, viewer and admin the region's; a unit those it is
 * responsible for; a leader those of the projects they contract (ADR 0009). Nothing for other roles.
 */
export function readableItems(actor: ScopeActor): SQL {
  const region = inSubtree(supervisionItems.regionCode, actor.regionCode);
  if (readsWholeRegion(actor)) return region;
  const own: SQL[] = [];
  if (actor.roles.includes('unit') && actor.unitId !== null) own.push(eq(supervisionItems.unitId, actor.unitId));
  if (actor.roles.includes('leader') && actor.leaderId !== null)
    own.push(
      sql`${supervisionItems.projectId} = any(array(select p.id from ${projects} p where p.leader_id = ${actor.leaderId}))`,
    );
  return own.length ? and(region, or(...own))! : sql`false`;
}

/** Not accepted, not bulletined, and past its deadline on `asOf`. */
export const overdueOn = (asOf: string): SQL =>
  and(isNull(supervisionItems.acceptedAt), ne(supervisionItems.link, 'bulletined'), lt(supervisionItems.deadline, asOf))!;

export interface ItemFilters {
  unitId?: number | undefined;
  projectId?: number | undefined;
  source?: SupervisionSource | undefined;
  sourceId?: number | undefined;
  overdue?: 'true' | 'false' | undefined;
}

export function filtersOf(actor: ScopeActor, q: ItemFilters, asOf: string): SQL {
  const conds: SQL[] = [readableItems(actor)];
  if (q.unitId) conds.push(eq(supervisionItems.unitId, q.unitId));
  if (q.projectId) conds.push(eq(supervisionItems.projectId, q.projectId));
  if (q.source) conds.push(eq(supervisionItems.source, q.source));
  if (q.sourceId) conds.push(eq(supervisionItems.sourceId, q.sourceId));
  if (q.overdue === 'true') conds.push(overdueOn(asOf));
  if (q.overdue === 'false') conds.push(sql`not (${overdueOn(asOf)})`);
  return and(...conds)!;
}

/** A page of the items matching `where` (and `link`), by deadline; and the counts per link without `link`. */
export async function listItems(
  db: Executor,
  where: SQL,
  link: SupervisionLink | undefined,
  page: { page: number; pageSize: number },
) {
  const pageWhere = link ? and(where, eq(supervisionItems.link, link))! : where;
  const [rows, counts] = await Promise.all([
    baseSelect(db)
      .where(pageWhere)
      .orderBy(asc(supervisionItems.deadline), asc(supervisionItems.id))
      .limit(page.pageSize)
      .offset(offsetOf(page)),
    db.select({ link: supervisionItems.link, n: count() }).from(supervisionItems).where(where).groupBy(supervisionItems.link),
  ]);
  const byLink = { coordinating: 0, tracking: 0, checking: 0, bulletined: 0 };
  for (const c of counts) byLink[c.link] = Number(c.n);
  const total = link ? byLink[link] : Object.values(byLink).reduce((a, b) => a + b, 0);
  return { rows: rows as SupervisionItemRecord[], total, counts: byLink };
}

export async function findItem(db: Executor, id: number): Promise<SupervisionItemRecord | null> {
  const [row] = await baseSelect(db).where(eq(supervisionItems.id, id));
  return (row as SupervisionItemRecord | undefined) ?? null;
}

export async function itemsOfSource(db: Executor, source: SupervisionSource, sourceIds: readonly number[]) {
  if (!sourceIds.length) return [];
  return db
    .select()
    .from(supervisionItems)
    .where(and(eq(supervisionItems.source, source), inArray(supervisionItems.sourceId, [...sourceIds])));
}

/** Inserts the items; one whose source record already has an item is skipped (not returned). */
export async function insertItems(db: Executor, rows: NewSupervisionItem[]): Promise<SupervisionItemRow[]> {
  if (!rows.length) return [];
  return db
    .insert(supervisionItems)
    .values(rows)
    .onConflictDoNothing({ target: [supervisionItems.source, supervisionItems.sourceId], where: sql`source_id is not null` })
    .returning();
}

export const updateItem = (db: Executor, id: number, version: number, set: Partial<NewSupervisionItem>) =>
  updateAtVersion(db, supervisionItems, id, version, set);

export async function insertEvents(db: Executor, rows: NewSupervisionItemEvent[]): Promise<void> {
  if (rows.length) await db.insert(supervisionItemEvents).values(rows);
}

export const eventsOf = (db: Executor, itemId: number) =>
  db
    .select()
    .from(supervisionItemEvents)
    .where(eq(supervisionItemEvents.itemId, itemId))
    .orderBy(asc(supervisionItemEvents.at), asc(supervisionItemEvents.id));

export async function deleteItems(db: Executor, ids: readonly number[]): Promise<void> {
  if (ids.length) await db.delete(supervisionItems).where(inArray(supervisionItems.id, [...ids]));
}

// ---- the records an item is made from ----

export interface SourceRecord {
  regionCode: string;
  projectId: number | null;
  title: string;
  content: string;
  unitId: number;
  ownerName: string | null;
  ownerUserId: number | null;
  deadline: string;
}

const titleOf = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s);

export async function findSourceRecord(db: Executor, source: SupervisionSource, id: number): Promise<SourceRecord | null> {
  if (source === 'decision') {
    const [r] = await db
      .select({ d: decisions, regionCode: meetings.regionCode, meetingTitle: meetings.title })
      .from(decisions)
      .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
      .where(eq(decisions.id, id));
    return r
      ? {
          regionCode: r.regionCode,
          projectId: r.d.projectId,
          title: titleOf(r.d.content),
          content: `${r.meetingTitle}议定：${r.d.content}`,
          unitId: r.d.unitId,
          ownerName: r.d.ownerName,
          ownerUserId: r.d.ownerUserId,
          deadline: r.d.deadline,
        }
      : null;
  }
  if (source === 'ledger_item') {
    const [r] = await db
      .select({ i: ledgerItems, regionCode: projects.regionCode })
      .from(ledgerItems)
      .innerJoin(projects, eq(projects.id, ledgerItems.projectId))
      .where(eq(ledgerItems.id, id));
    // a recurring item has no deadline: the caller must give one
    return r
      ? {
          regionCode: r.regionCode,
          projectId: r.i.projectId,
          title: titleOf(r.i.content),
          content: r.i.measures ? `${r.i.content}（推进措施：${r.i.measures}）` : r.i.content,
          unitId: r.i.unitId,
          ownerName: r.i.ownerName,
          ownerUserId: r.i.ownerUserId,
          deadline: r.i.deadline ?? '',
        }
      : null;
  }
  if (source === 'leader_instruction') {
    const [r] = await db.select().from(instructions).where(eq(instructions.id, id));
    return r
      ? {
          regionCode: r.regionCode,
          projectId: r.projectId,
          title: titleOf(r.text),
          content: r.text,
          unitId: r.unitId,
          ownerName: null,
          ownerUserId: null,
          deadline: r.replyDeadline,
        }
      : null;
  }
  return null;
}

export async function unitRegion(db: Executor, unitId: number): Promise<string | null> {
  const [r] = await db.select({ regionCode: units.regionCode }).from(units).where(eq(units.id, unitId));
  return r?.regionCode ?? null;
}

// ---- colours ----

/** What the colour rule reads of every item (domain supervision-items.ts `SupervisionItemState`). */
export async function colourFacts(db: Executor, where?: SQL) {
  const rows = await db
    .select({
      id: supervisionItems.id,
      title: supervisionItems.title,
      regionCode: supervisionItems.regionCode,
      projectId: supervisionItems.projectId,
      unitId: supervisionItems.unitId,
      link: supervisionItems.link,
      deadline: supervisionItems.deadline,
      acceptedAt: supervisionItems.acceptedAt,
      returnCount: supervisionItems.returnCount,
    })
    .from(supervisionItems)
    .where(where)
    .orderBy(asc(supervisionItems.id));
  return rows.map((r) => ({ ...r, acceptedAt: r.acceptedAt?.toISOString() ?? null }));
}

/** Items waiting for the bureau's check 问效 (submitted, not yet accepted) the actor may read, oldest first. */
export const toVerify = (db: Executor, actor: ScopeActor) =>
  baseSelect(db)
    .where(and(readableItems(actor), eq(supervisionItems.link, 'checking'), isNull(supervisionItems.acceptedAt)))
    .orderBy(asc(supervisionItems.updatedAt), asc(supervisionItems.id))
    .limit(500) as Promise<SupervisionItemRecord[]>;

/** The region's items overdue on `asOf` (not accepted past their deadline), most overdue first. */
export const overdueInRegion = (db: Executor, regionCode: string, asOf: string) =>
  baseSelect(db)
    .where(and(inSubtree(supervisionItems.regionCode, regionCode), overdueOn(asOf)))
    .orderBy(asc(supervisionItems.deadline), asc(supervisionItems.id)) as Promise<SupervisionItemRecord[]>;

/** The region's items accepted on or before `through` (a Shanghai date) and not bulletined yet. */
export async function acceptedUnbulletined(db: Executor, regionCode: string, through: string): Promise<number[]> {
  const rows = await db
    .select({ id: supervisionItems.id })
    .from(supervisionItems)
    .where(
      and(
        inSubtree(supervisionItems.regionCode, regionCode),
        eq(supervisionItems.link, 'checking'),
        sql`(${supervisionItems.acceptedAt} at time zone 'Asia/Shanghai')::date <= ${through}`,
      ),
    );
  return rows.map((r) => r.id);
}
