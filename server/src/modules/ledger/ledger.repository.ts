/** All SQL of ledger items: the project and cross-project lists, one item, next 序号, writes. */
import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { LedgerItem, LedgerStatus, StageFocusKey } from '@kpc/contracts';
import { isLedgerItemOverdue } from '@kpc/domain';
import type { Executor } from '../../db/client.js';
import { attachments, ledgerItems, problems, projects, projectUnits, units, users } from '../../db/schema/index.js';
import { escapeLike, offsetOf } from '../../lib/query.js';
import { visibleProjects, type ScopeActor } from '../../lib/project-scope.js';
import type { ProjectScope } from '../../lib/policy.js';

export type LedgerItemRow = typeof ledgerItems.$inferSelect;
export type NewLedgerItem = typeof ledgerItems.$inferInsert;
/** The fields an update may set (never the keys, the creator or the version). */
export type LedgerItemChanges = Partial<
  Pick<
    LedgerItemRow,
    | 'seq'
    | 'unitId'
    | 'content'
    | 'measures'
    | 'deadline'
    | 'recurring'
    | 'ownerName'
    | 'ownerUserId'
    | 'status'
    | 'completedOn'
    | 'evidenceNote'
    | 'progressNote'
    | 'progressNoteAt'
    | 'focus'
  >
>;

/** An item with what its presentation and its policy need to know about its project. */
export interface LedgerItemRecord {
  item: LedgerItemRow;
  projectCode: string;
  projectName: string;
  unitName: string | null;
  attachmentCount: number;
  /** Open problems of the project raised for the item's unit (the sheet's 存在问题). */
  openProblems?: number;
  project: ProjectScope & { id: number; stage: string };
}

const coopIds = sql<
  number[]
>`coalesce((select array_agg(pu.unit_id order by pu.unit_id) from ${projectUnits} pu where pu.project_id = ${projects.id}), '{}')`;
const attachmentCount = sql<number>`(select count(*)::int from ${attachments} a where a.entity = 'ledger_item' and a.entity_id = ${ledgerItems.id})`;
/** The open problems' descriptions, one a line: the export's 存在问题 column. */
const openProblemText = sql<
  string | null
>`(select string_agg(pr.description, E'\n' order by pr.id) from ${problems} pr where pr.project_id = ${ledgerItems.projectId}
  and pr.unit_id = ${ledgerItems.unitId} and pr.status in ('open', 'in_progress', 'escalated'))`;
const openProblems = sql<number>`(select count(*)::int from ${problems} pr where pr.project_id = ${ledgerItems.projectId}
  and pr.unit_id = ${ledgerItems.unitId} and pr.status in ('open', 'in_progress', 'escalated'))`;

/** What the policy needs to know about an item's project. */
const projectScopeColumns = {
  regionCode: projects.regionCode,
  leadUnitId: projects.leadUnitId,
  enterpriseId: projects.enterpriseId,
  leaderId: projects.leaderId,
  cooperatingUnitIds: coopIds,
};

const columns = {
  item: ledgerItems,
  projectCode: projects.code,
  projectName: projects.name,
  unitName: units.name,
  attachmentCount,
  openProblems,
  projectId: projects.id,
  stage: projects.stage,
  ...projectScopeColumns,
};

type Selected = {
  item: LedgerItemRow;
  projectCode: string;
  projectName: string;
  unitName: string | null;
  attachmentCount: number;
  openProblems: number;
  projectId: number;
  stage: string;
  regionCode: string;
  leadUnitId: number | null;
  enterpriseId: number | null;
  leaderId: number | null;
  cooperatingUnitIds: number[] | null;
};

const toRecord = (r: Selected): LedgerItemRecord => ({
  item: r.item,
  projectCode: r.projectCode,
  projectName: r.projectName,
  unitName: r.unitName,
  attachmentCount: Number(r.attachmentCount),
  openProblems: Number(r.openProblems),
  project: {
    id: r.projectId,
    stage: r.stage,
    regionCode: r.regionCode,
    leadUnitId: r.leadUnitId,
    enterpriseId: r.enterpriseId,
    leaderId: r.leaderId,
    cooperatingUnitIds: (r.cooperatingUnitIds ?? []).map(Number),
  },
});

/** What an item's audit snapshot shows: the item and the names the screens show with it. */
export type LedgerItemSnapshotSource = Pick<
  LedgerItemRecord,
  'item' | 'projectCode' | 'projectName' | 'unitName' | 'attachmentCount'
>;

/** The item as the API shows it, without the actor's permissions: the audit rows' before and after. */
export function ledgerItemSnapshot(r: LedgerItemSnapshotSource, asOf: string): Omit<LedgerItem, 'permissions'> {
  const i = r.item;
  return {
    id: i.id,
    projectId: i.projectId,
    projectCode: r.projectCode,
    projectName: r.projectName,
    seq: i.seq,
    unitId: i.unitId,
    unitName: r.unitName,
    content: i.content,
    measures: i.measures,
    deadline: i.deadline,
    recurring: i.recurring,
    ownerName: i.ownerName,
    ownerUserId: i.ownerUserId,
    status: i.status,
    completedOn: i.completedOn,
    evidenceNote: i.evidenceNote,
    progressNote: i.progressNote,
    progressNoteAt: i.progressNoteAt?.toISOString() ?? null,
    focus: i.focus,
    overdue: isLedgerItemOverdue(i, asOf),
    attachmentCount: r.attachmentCount,
    version: i.version,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

function baseSelect(db: Executor) {
  return db
    .select(columns)
    .from(ledgerItems)
    .innerJoin(projects, eq(projects.id, ledgerItems.projectId))
    .leftJoin(units, eq(units.id, ledgerItems.unitId));
}

export interface LedgerFilters {
  /** Whose read scope (ADR 0009) the items are of: the projects the actor may see. */
  actor: ScopeActor;
  projectId?: number;
  unitId?: number;
  leaderId?: number;
  ownerUserId?: number;
  status?: LedgerStatus;
  focus?: StageFocusKey;
  /** With `asOf`: true → open and past the deadline; false → not overdue. */
  overdue?: boolean;
  asOf: string;
  q?: string;
}

/**
 * isLedgerItemOverdue in SQL: open and past its deadline. A recurring item has no deadline and is never
 * overdue; the comparison is never null, so `not` of it keeps the recurring items too.
 */
export const overdueSql = (asOf: string) =>
  sql`(${ledgerItems.status} <> 'done' and ${ledgerItems.deadline} is not null and ${ledgerItems.deadline} < ${asOf})`;

export function ledgerWhere(f: LedgerFilters): SQL {
  const conds: SQL[] = [visibleProjects(f.actor)];
  if (f.projectId) conds.push(eq(ledgerItems.projectId, f.projectId));
  if (f.unitId) conds.push(eq(ledgerItems.unitId, f.unitId));
  if (f.leaderId) conds.push(eq(projects.leaderId, f.leaderId));
  if (f.ownerUserId) conds.push(eq(ledgerItems.ownerUserId, f.ownerUserId));
  if (f.status) conds.push(eq(ledgerItems.status, f.status));
  if (f.focus) conds.push(eq(ledgerItems.focus, f.focus));
  if (f.overdue === true) conds.push(overdueSql(f.asOf));
  if (f.overdue === false) conds.push(sql`not ${overdueSql(f.asOf)}`);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    conds.push(or(ilike(ledgerItems.content, like), ilike(projects.name, like), ilike(projects.code, like))!);
  }
  return and(...conds)!;
}

/**
 * deadline: open items first — the overdue ones have the earliest deadlines — then the recurring open
 * ones (no deadline), then the done ones, in the same order.
 */
const orderOf = (sort: 'project' | 'deadline') =>
  sort === 'deadline'
    ? [
        asc(sql`${ledgerItems.status} = 'done'`),
        sql`${ledgerItems.deadline} asc nulls last`,
        asc(projects.code),
        asc(ledgerItems.seq),
      ]
    : [asc(projects.code), asc(ledgerItems.seq), asc(ledgerItems.id)];

export async function listLedgerItems(
  db: Executor,
  f: LedgerFilters,
  page: { page: number; pageSize: number } | null,
  sort: 'project' | 'deadline' = 'project',
): Promise<{ records: LedgerItemRecord[]; total: number }> {
  const where = ledgerWhere(f);
  const query = baseSelect(db)
    .where(where)
    .orderBy(...orderOf(sort));
  const [rows, [count]] = await Promise.all([
    page ? query.limit(page.pageSize).offset(offsetOf(page)) : query,
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(ledgerItems)
      .innerJoin(projects, eq(projects.id, ledgerItems.projectId))
      .where(where),
  ]);
  return { records: (rows as Selected[]).map(toRecord), total: Number(count?.n ?? 0) };
}

/** The rows of a sheet export: only what the sheet shows (no per-row policy subqueries), at most `limit`. */
export async function listForExport(db: Executor, f: LedgerFilters, limit: number) {
  const where = ledgerWhere(f);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        item: ledgerItems,
        projectCode: projects.code,
        projectName: projects.name,
        unitName: units.name,
        openProblemText,
      })
      .from(ledgerItems)
      .innerJoin(projects, eq(projects.id, ledgerItems.projectId))
      .leftJoin(units, eq(units.id, ledgerItems.unitId))
      .where(where)
      .orderBy(...orderOf('project'))
      .limit(limit),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(ledgerItems)
      .innerJoin(projects, eq(projects.id, ledgerItems.projectId))
      .where(where),
  ]);
  return { rows, total: Number(count?.n ?? 0) };
}

export async function findLedgerItem(db: Executor, id: number): Promise<LedgerItemRecord | null> {
  const [row] = await baseSelect(db).where(eq(ledgerItems.id, id));
  return row ? toRecord(row as Selected) : null;
}

/** Several items by id (in batches of 1,000), keyed by id. */
export async function findLedgerItems(db: Executor, ids: number[]): Promise<Map<number, LedgerItemRecord>> {
  const out = new Map<number, LedgerItemRecord>();
  for (let i = 0; i < ids.length; i += 1000)
    for (const row of await baseSelect(db).where(inArray(ledgerItems.id, ids.slice(i, i + 1000))))
      out.set(row.item.id, toRecord(row as Selected));
  return out;
}

/** The project's fields the ledger needs (scope for the policy, stage for the default focus). */
export async function findProjectScope(db: Executor, id: number) {
  const [row] = await db
    .select({
      id: projects.id,
      code: projects.code,
      name: projects.name,
      stage: projects.stage,
      ...projectScopeColumns,
    })
    .from(projects)
    .where(eq(projects.id, id));
  return row ? { ...row, cooperatingUnitIds: (row.cooperatingUnitIds ?? []).map(Number) } : null;
}

/**
 * The next ledger number of a project. Takes the project row's lock first (held to the end of the
 * caller's transaction), so concurrent creates on one project number one after another instead of
 * reading the same max(seq) and colliding.
 */
export async function nextSeq(db: Executor, projectId: number): Promise<number> {
  await db.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId)).for('update');
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(${ledgerItems.seq}), 0)::int + 1` })
    .from(ledgerItems)
    .where(eq(ledgerItems.projectId, projectId));
  return Number(row?.n ?? 1);
}

export async function unitExists(db: Executor, unitId: number): Promise<boolean> {
  return (await db.select({ id: units.id }).from(units).where(eq(units.id, unitId))).length > 0;
}

/** A user who may be named as an item's owner: their region (for the policy) and display name. */
export async function findOwnerUser(db: Executor, userId: number) {
  const [u] = await db
    .select({ regionCode: users.regionCode, displayName: users.displayName })
    .from(users)
    .where(eq(users.id, userId));
  return u ?? null;
}

/** The items of these projects (an import's key lookup: project id + 序号). */
export async function listItemsOfProjects(db: Executor, projectIds: number[]): Promise<LedgerItemRow[]> {
  const out: LedgerItemRow[] = [];
  for (let i = 0; i < projectIds.length; i += 1000)
    out.push(
      ...(await db
        .select()
        .from(ledgerItems)
        .where(inArray(ledgerItems.projectId, projectIds.slice(i, i + 1000)))),
    );
  return out;
}

/** Inserts items (in batches of 1,000) and returns their keys: id, project and 序号. */
export async function insertLedgerItems(db: Executor, values: NewLedgerItem[]) {
  const keys: { id: number; projectId: number; seq: number }[] = [];
  for (let i = 0; i < values.length; i += 1000)
    keys.push(
      ...(await db
        .insert(ledgerItems)
        .values(values.slice(i, i + 1000))
        .returning({ id: ledgerItems.id, projectId: ledgerItems.projectId, seq: ledgerItems.seq })),
    );
  return keys;
}

export async function insertLedgerItem(db: Executor, values: NewLedgerItem): Promise<number> {
  const [key] = await insertLedgerItems(db, [values]);
  return key!.id;
}

/** Versioned update: the row as written, or undefined when the item is gone or its version moved on. */
export async function updateLedgerItem(
  db: Executor,
  id: number,
  version: number,
  changes: LedgerItemChanges,
  at: Date,
): Promise<LedgerItemRow | undefined> {
  const [row] = await db
    .update(ledgerItems)
    .set({ ...changes, updatedAt: at, version: sql`${ledgerItems.version} + 1` })
    .where(and(eq(ledgerItems.id, id), eq(ledgerItems.version, version)))
    .returning();
  return row;
}

/** The fields an import sets on an existing item. */
export type ImportedItemFields = Pick<
  LedgerItemRow,
  | 'unitId'
  | 'content'
  | 'deadline'
  | 'recurring'
  | 'measures'
  | 'ownerName'
  | 'status'
  | 'completedOn'
  | 'evidenceNote'
  | 'progressNote'
  | 'progressNoteAt'
>;

/**
 * Versioned update of many items in one statement per 1,000 (an import): each item gets its fields
 * where its version is still the one given. Returns the ids written; an id missing from them was
 * changed (or deleted) meanwhile.
 */
export async function updateLedgerItemsFields(
  db: Executor,
  updates: { id: number; version: number; fields: ImportedItemFields }[],
  at: Date,
): Promise<Set<number>> {
  const written = new Set<number>();
  for (let i = 0; i < updates.length; i += 1000) {
    const values = updates.slice(i, i + 1000).map(
      ({ id, version, fields: f }) =>
        sql`(${id}::bigint, ${version}::int, ${f.unitId}::int, ${f.content}::text, ${f.deadline}::date, ${f.recurring}::boolean,
          ${f.measures}::text, ${f.ownerName}::text, ${f.status}::text, ${f.completedOn}::date, ${f.evidenceNote}::text,
          ${f.progressNote}::text, ${f.progressNoteAt?.toISOString() ?? null}::timestamptz)`,
    );
    const res = (await db.execute(sql`
      update ledger_items as li
      set unit_id = v.unit_id, content = v.content, deadline = v.deadline, recurring = v.recurring, measures = v.measures,
          owner_name = v.owner_name, status = v.status, completed_on = v.completed_on, evidence_note = v.evidence_note,
          progress_note = v.progress_note, progress_note_at = v.progress_note_at,
          updated_at = ${at.toISOString()}::timestamptz, version = li.version + 1
      from (values ${sql.join(values, sql`, `)})
        as v(id, version, unit_id, content, deadline, recurring, measures, owner_name, status, completed_on, evidence_note,
          progress_note, progress_note_at)
      where li.id = v.id and li.version = v.version
      returning li.id`)) as unknown as { rows: { id: string | number }[] };
    for (const r of res.rows) written.add(Number(r.id));
  }
  return written;
}

/** Versioned delete: false when the item is gone or its version moved on. */
export async function deleteLedgerItem(db: Executor, id: number, version: number): Promise<boolean> {
  const rows = await db
    .delete(ledgerItems)
    .where(and(eq(ledgerItems.id, id), eq(ledgerItems.version, version)))
    .returning({ id: ledgerItems.id });
  return rows.length > 0;
}
