/** Ledger items: who may change which item, completion rules, version checks, audit in the same transaction. */
import { and, eq, sql } from 'drizzle-orm';
import type {
  CreateLedgerItemBody,
  ExportLedgerQuery,
  LedgerItem,
  ListLedgerQuery,
  ListProjectLedgerQuery,
  Locale,
  UpdateLedgerItemBody,
} from '@kpc/contracts';
import { completionFor, completionRefusalMessages, isLedgerItemOverdue, stageFocus } from '@kpc/domain';
import type { Db, Executor } from '../../db/client.js';
import { attachments, ledgerItems, users } from '../../db/schema/index.js';
import { writeAudit, type AuditContext } from '../../lib/audit.js';
import { today, type Clock } from '../../lib/clock.js';
import { AppError, versionConflict } from '../../lib/errors.js';
import { inRegion, type Actor } from '../../lib/policy.js';
import { fieldError } from '../../lib/request-context.js';
import { writeLedgerWorkbook, type LedgerSheetProject } from '../../reports/ledger-xlsx.js';
import { ledgerPolicy } from './ledger.policy.js';
import * as repo from './ledger.repository.js';
import { removeStoredFiles } from '../attachments/attachments.storage.js';

type Audited = Omit<LedgerItem, 'permissions'>;

function snapshot(r: repo.LedgerItemRecord, asOf: string): Audited {
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
    ownerName: i.ownerName,
    ownerUserId: i.ownerUserId,
    status: i.status,
    completedOn: i.completedOn,
    evidenceNote: i.evidenceNote,
    focus: i.focus,
    overdue: isLedgerItemOverdue(i, asOf),
    attachmentCount: r.attachmentCount,
    version: i.version,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

export function presentLedgerItem(actor: Actor, r: repo.LedgerItemRecord, asOf: string): LedgerItem {
  return {
    ...snapshot(r, asOf),
    permissions: {
      edit: ledgerPolicy.canEdit(actor, r.project, r.item),
      delete: ledgerPolicy.canDelete(actor, r.project, r.item),
      upload: ledgerPolicy.canUpload(actor, r.project, r.item),
    },
  };
}

/** An item the actor may read, else 404 (other regions must not learn it exists). */
export async function loadReadableItem(db: Executor, actor: Actor, id: number): Promise<repo.LedgerItemRecord> {
  const r = await repo.findLedgerItem(db, id);
  if (!r || !ledgerPolicy.canRead(actor, r.project)) throw new AppError('NOT_FOUND');
  return r;
}

async function loadReadableProject(db: Executor, actor: Actor, projectId: number) {
  const p = await repo.findProjectScope(db, projectId);
  if (!p || !ledgerPolicy.canRead(actor, p)) throw new AppError('NOT_FOUND');
  return p;
}

/** One ledger item the actor may read, else 404. */
export async function getLedgerItem(db: Db, clock: Clock, actor: Actor, id: number): Promise<LedgerItem> {
  return presentLedgerItem(actor, await loadReadableItem(db, actor, id), today(clock));
}

export async function listProjectLedger(db: Db, clock: Clock, actor: Actor, projectId: number, q: ListProjectLedgerQuery) {
  await loadReadableProject(db, actor, projectId);
  const asOf = today(clock);
  const { records, total } = await repo.listLedgerItems(db, { ...q, regionCode: actor.regionCode, projectId, asOf }, q);
  return { items: records.map((r) => presentLedgerItem(actor, r, asOf)), total };
}

const crossFilters = (actor: Actor, q: ExportLedgerQuery, asOf: string): repo.LedgerFilters => ({
  regionCode: actor.regionCode,
  projectId: q.projectId,
  unitId: q.unitId,
  leaderId: q.leaderId,
  ownerUserId: q.owner === 'me' ? actor.id : undefined,
  status: q.status,
  focus: q.focus,
  overdue: q.overdue,
  q: q.q,
  asOf,
});

export async function listLedger(db: Db, clock: Clock, actor: Actor, q: ListLedgerQuery) {
  const asOf = today(clock);
  const { records, total } = await repo.listLedgerItems(db, crossFilters(actor, q, asOf), q, q.sort);
  return { items: records.map((r) => presentLedgerItem(actor, r, asOf)), total };
}

function completionOrThrow(status: LedgerItem['status'], completedOn: string | null | undefined, asOf: string, locale: Locale) {
  const c = completionFor(status, completedOn, asOf);
  if (!c.ok) throw fieldError('VALIDATION_FAILED', 'completedOn', locale, completionRefusalMessages[c.refusal]);
  return c.completedOn;
}

async function checkRefs(db: Executor, actor: Actor, f: { unitId?: number; ownerUserId?: number | null }, locale: Locale) {
  if (f.unitId !== undefined && !(await repo.unitExists(db, f.unitId))) throw fieldError('REFERENCE_INVALID', 'unitId', locale);
  if (f.ownerUserId != null) {
    const [u] = await db
      .select({ regionCode: users.regionCode, displayName: users.displayName })
      .from(users)
      .where(eq(users.id, f.ownerUserId));
    if (!u || !inRegion(actor, u.regionCode)) throw fieldError('REFERENCE_INVALID', 'ownerUserId', locale);
    return u.displayName;
  }
  return null;
}

export async function createLedgerItem(
  db: Db,
  clock: Clock,
  actor: Actor,
  projectId: number,
  body: CreateLedgerItemBody,
  ctx: AuditContext,
  locale: Locale,
): Promise<LedgerItem> {
  const project = await loadReadableProject(db, actor, projectId);
  if (!ledgerPolicy.canWriteFor(actor, project, body.unitId)) throw new AppError('FORBIDDEN');
  const asOf = today(clock);
  const status = body.status ?? 'not_started';
  const completedOn = completionOrThrow(status, body.completedOn, asOf, locale);
  const ownerDisplayName = await checkRefs(db, actor, body, locale);
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(ledgerItems)
      .values({
        projectId,
        seq: body.seq ?? (await repo.nextSeq(tx, projectId)),
        unitId: body.unitId,
        content: body.content,
        measures: body.measures ?? null,
        deadline: body.deadline,
        ownerName: body.ownerName ?? ownerDisplayName,
        ownerUserId: body.ownerUserId ?? null,
        status,
        completedOn,
        evidenceNote: body.evidenceNote ?? null,
        focus: body.focus ?? stageFocus(project.stage),
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: ledgerItems.id });
    const after = (await repo.findLedgerItem(tx, row!.id))!;
    await writeAudit(
      tx,
      ctx,
      {
        action: 'create',
        entity: 'ledger_item',
        entityId: row!.id,
        regionCode: project.regionCode,
        after: snapshot(after, asOf),
      },
      now,
    );
    return presentLedgerItem(actor, after, asOf);
  });
}

export async function updateLedgerItem(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: number,
  body: UpdateLedgerItemBody,
  ctx: AuditContext,
  locale: Locale,
): Promise<LedgerItem> {
  const before = await loadReadableItem(db, actor, id);
  if (!ledgerPolicy.canEdit(actor, before.project, before.item)) throw new AppError('FORBIDDEN');
  // moving an item to another unit: the actor must also be allowed to write for that unit
  if (body.unitId !== undefined && !ledgerPolicy.canWriteFor(actor, before.project, body.unitId))
    throw new AppError('FORBIDDEN', { field: 'unitId' });
  const asOf = today(clock);
  const { version, ...changes } = body;
  const status = changes.status ?? before.item.status;
  const completedOn = completionOrThrow(
    status,
    changes.completedOn !== undefined ? changes.completedOn : before.item.completedOn,
    asOf,
    locale,
  );
  const ownerDisplayName = await checkRefs(db, actor, changes, locale);
  const ownerName = changes.ownerName !== undefined ? changes.ownerName : changes.ownerUserId ? ownerDisplayName : undefined;
  const now = clock.now();
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(ledgerItems)
      .set({ ...changes, ownerName, completedOn, updatedAt: now, version: sql`${ledgerItems.version} + 1` })
      .where(and(eq(ledgerItems.id, id), eq(ledgerItems.version, version)))
      .returning({ id: ledgerItems.id });
    if (!updated.length) {
      const current = await repo.findLedgerItem(tx, id);
      if (!current) throw new AppError('NOT_FOUND');
      throw versionConflict(presentLedgerItem(actor, current, asOf));
    }
    const after = (await repo.findLedgerItem(tx, id))!;
    await writeAudit(
      tx,
      ctx,
      {
        action: 'update',
        entity: 'ledger_item',
        entityId: id,
        regionCode: after.project.regionCode,
        before: snapshot(before, asOf),
        after: snapshot(after, asOf),
      },
      now,
    );
    return presentLedgerItem(actor, after, asOf);
  });
}

export async function deleteLedgerItem(
  db: Db,
  clock: Clock,
  filesDir: string,
  actor: Actor,
  id: number,
  version: number,
  ctx: AuditContext,
): Promise<void> {
  const before = await loadReadableItem(db, actor, id);
  if (!ledgerPolicy.canDelete(actor, before.project, before.item)) throw new AppError('FORBIDDEN');
  const asOf = today(clock);
  const keys = await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(ledgerItems)
      .where(and(eq(ledgerItems.id, id), eq(ledgerItems.version, version)))
      .returning({ id: ledgerItems.id });
    if (!deleted.length) {
      const current = await repo.findLedgerItem(tx, id);
      if (!current) throw new AppError('NOT_FOUND');
      throw versionConflict(presentLedgerItem(actor, current, asOf));
    }
    // its evidence goes with it: rows now, files once the transaction has committed
    const files = await tx
      .delete(attachments)
      .where(and(eq(attachments.entity, 'ledger_item'), eq(attachments.entityId, id)))
      .returning({ storageKey: attachments.storageKey });
    await writeAudit(
      tx,
      ctx,
      {
        action: 'delete',
        entity: 'ledger_item',
        entityId: id,
        regionCode: before.project.regionCode,
        before: snapshot(before, asOf),
      },
      clock.now(),
    );
    return files.map((f) => f.storageKey);
  });
  await removeStoredFiles(filesDir, keys);
}

/** Groups items by project (in list order) for the office's sheet. */
function groupByProject(rows: Awaited<ReturnType<typeof repo.listForExport>>['rows']): LedgerSheetProject[] {
  const groups = new Map<number, LedgerSheetProject>();
  for (const r of rows) {
    let g = groups.get(r.item.projectId);
    if (!g) {
      g = { code: r.projectCode, name: r.projectName, items: [] };
      groups.set(r.item.projectId, g);
    }
    g.items.push({
      seq: r.item.seq,
      unitName: r.unitName ?? '',
      content: r.item.content,
      measures: r.item.measures,
      deadline: r.item.deadline,
      ownerName: r.item.ownerName,
      status: r.item.status,
      completedOn: r.item.completedOn,
      evidenceNote: r.item.evidenceNote,
    });
  }
  return [...groups.values()];
}

/** The most rows one export writes; beyond, the office narrows the filters. */
const EXPORT_LIMIT = 100_000;

export async function exportProjectLedger(db: Db, clock: Clock, actor: Actor, projectId: number) {
  const p = await loadReadableProject(db, actor, projectId);
  const asOf = today(clock);
  const { rows } = await repo.listForExport(db, { regionCode: actor.regionCode, projectId, asOf }, EXPORT_LIMIT);
  const buffer = await writeLedgerWorkbook(groupByProject(rows), { title: `${p.name} 工作台账`, asOf });
  return { buffer, filename: `${p.code}-台账-${asOf}.xlsx` };
}

export async function exportPortfolioLedger(db: Db, clock: Clock, actor: Actor, q: ExportLedgerQuery) {
  const asOf = today(clock);
  const { rows, total } = await repo.listForExport(db, crossFilters(actor, q, asOf), EXPORT_LIMIT);
  if (total > EXPORT_LIMIT) throw new AppError('PAYLOAD_TOO_LARGE', { total, limit: EXPORT_LIMIT });
  const buffer = await writeLedgerWorkbook(groupByProject(rows), { title: '重点项目工作台账', asOf });
  return { buffer, filename: `重点项目台账-${asOf}.xlsx` };
}
