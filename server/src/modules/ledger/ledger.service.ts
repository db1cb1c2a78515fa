/** Ledger items: who may change which item, completion rules, version checks, audit in the same transaction. */
import type {
  CreateLedgerItemBody,
  ExportLedgerQuery,
  LedgerItem,
  ListLedgerQuery,
  ListProjectLedgerQuery,
  Locale,
  UpdateLedgerItemBody,
} from '@kpc/contracts';
import { ledgerMessages } from '@kpc/contracts';
import { completionFor, ledgerTimingAfter, shanghaiDate, stageFocus, type LedgerTiming } from '@kpc/domain';
import type { Executor } from '../../db/client.js';
import { deleteAttachmentsOf, removeAttachmentFiles } from '../../commands/delete-attachments.js';
import { recordBurden } from '../../commands/record-burden.js';
import { writeAudit } from '../../lib/audit.js';
import { AppError, versionConflict } from '../../lib/errors.js';
import { inRegion, type Actor } from '../../lib/policy.js';
import { fieldError, type RequestContext } from '../../lib/request-context.js';
import { writeLedgerWorkbook, type LedgerSheetProject } from '../../reports/ledger-xlsx.js';
import { ledgerPolicy } from './ledger.policy.js';
import * as repo from './ledger.repository.js';

const snapshot = repo.ledgerItemSnapshot;

function presentLedgerItem(actor: Actor, r: repo.LedgerItemRecord, asOf: string): LedgerItem {
  return {
    ...snapshot(r, asOf),
    openProblems: r.openProblems ?? 0,
    permissions: {
      edit: ledgerPolicy.canEdit(actor, r.project, r.item),
      complete: ledgerPolicy.canComplete(actor, r.project, r.item),
      delete: ledgerPolicy.canDelete(actor, r.project, r.item),
      upload: ledgerPolicy.canUpload(actor, r.project, r.item),
      reportProgress: ledgerPolicy.canReportProgress(actor, r.project, r.item),
    },
  };
}

/** An item the actor may read, else 404 (other regions must not learn it exists). */
async function loadReadableItem(db: Executor, actor: Actor, id: number): Promise<repo.LedgerItemRecord> {
  const r = await repo.findLedgerItem(db, id);
  if (!r || !ledgerPolicy.canRead(actor, r.project)) throw new AppError('NOT_FOUND');
  return r;
}

async function loadReadableProject(db: Executor, actor: Actor, projectId: number) {
  const p = await repo.findProjectScope(db, projectId);
  if (!p || !ledgerPolicy.canRead(actor, p)) throw new AppError('NOT_FOUND');
  return p;
}

/** "Today" of the request, as a Shanghai calendar date. */
const asOfOf = (ctx: RequestContext) => shanghaiDate(ctx.now);

/** One ledger item the actor may read, else 404. */
export async function getLedgerItem(ctx: RequestContext, id: number): Promise<LedgerItem> {
  return presentLedgerItem(ctx.actor, await loadReadableItem(ctx.db, ctx.actor, id), asOfOf(ctx));
}

export async function listProjectLedger(ctx: RequestContext, projectId: number, q: ListProjectLedgerQuery) {
  const { db, actor } = ctx;
  await loadReadableProject(db, actor, projectId);
  const asOf = asOfOf(ctx);
  const { records, total } = await repo.listLedgerItems(db, { ...q, actor, projectId, asOf }, q, q.sort);
  return { items: records.map((r) => presentLedgerItem(actor, r, asOf)), total };
}

const crossFilters = (actor: Actor, q: ExportLedgerQuery, asOf: string): repo.LedgerFilters => ({
  actor,
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

export async function listLedger(ctx: RequestContext, q: ListLedgerQuery) {
  const asOf = asOfOf(ctx);
  const { records, total } = await repo.listLedgerItems(ctx.db, crossFilters(ctx.actor, q, asOf), q, q.sort);
  return { items: records.map((r) => presentLedgerItem(ctx.actor, r, asOf)), total };
}

function completionOrThrow(status: LedgerItem['status'], completedOn: string | null | undefined, asOf: string, locale: Locale) {
  const c = completionFor(status, completedOn, asOf);
  if (!c.ok) throw fieldError('VALIDATION_FAILED', 'completedOn', locale, ledgerMessages[c.refusal]);
  return c.completedOn;
}

/** A deadline or recurring, never both or neither (the body's schema checks the body; this the item it leaves). */
function timingOrThrow(stored: LedgerTiming | null, change: { recurring?: boolean; deadline?: string | null }, locale: Locale) {
  const timing = ledgerTimingAfter(stored, change);
  if (!timing) throw fieldError('VALIDATION_FAILED', 'deadline', locale, ledgerMessages.deadline_or_recurring);
  return timing;
}

/** Checks the unit and owner a body names; returns the owner's display name (the default 责任人). */
async function checkRefs(ctx: RequestContext, f: { unitId?: number; ownerUserId?: number | null }) {
  if (f.unitId !== undefined && !(await repo.unitExists(ctx.db, f.unitId)))
    throw fieldError('REFERENCE_INVALID', 'unitId', ctx.locale);
  if (f.ownerUserId != null) {
    const u = await repo.findOwnerUser(ctx.db, f.ownerUserId);
    if (!u || !inRegion(ctx.actor, u.regionCode)) throw fieldError('REFERENCE_INVALID', 'ownerUserId', ctx.locale);
    return u.displayName;
  }
  return null;
}

export async function createLedgerItem(ctx: RequestContext, projectId: number, body: CreateLedgerItemBody): Promise<LedgerItem> {
  const { db, actor, now } = ctx;
  const project = await loadReadableProject(db, actor, projectId);
  if (!ledgerPolicy.canWriteFor(actor, project, body.unitId)) throw new AppError('FORBIDDEN');
  const asOf = asOfOf(ctx);
  const status = body.status ?? 'not_started';
  const completedOn = completionOrThrow(status, body.completedOn, asOf, ctx.locale);
  const timing = timingOrThrow(null, body, ctx.locale);
  const ownerDisplayName = await checkRefs(ctx, body);
  return db.transaction(async (tx) => {
    const id = await repo.insertLedgerItem(tx, {
      projectId,
      seq: body.seq ?? (await repo.nextSeq(tx, projectId)),
      unitId: body.unitId,
      content: body.content,
      measures: body.measures ?? null,
      ...timing,
      ownerName: body.ownerName ?? ownerDisplayName,
      ownerUserId: body.ownerUserId ?? null,
      status,
      completedOn,
      evidenceNote: body.evidenceNote ?? null,
      progressNote: body.progressNote ?? null,
      progressNoteAt: body.progressNote ? now : null,
      focus: body.focus ?? stageFocus(project.stage),
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    });
    const after = (await repo.findLedgerItem(tx, id))!;
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'create', entity: 'ledger_item', entityId: id, regionCode: project.regionCode, after: snapshot(after, asOf) },
      now,
    );
    return presentLedgerItem(actor, after, asOf);
  });
}

export async function updateLedgerItem(ctx: RequestContext, id: number, body: UpdateLedgerItemBody): Promise<LedgerItem> {
  const { db, actor, now } = ctx;
  const before = await loadReadableItem(db, actor, id);
  const { version, burden, ...changes } = body;
  // a progress report alone is the reporter's; anything else needs the right to edit the item
  const progressOnly = Object.keys(changes).every((k) => k === 'progressNote');
  const allowed = progressOnly
    ? ledgerPolicy.canReportProgress(actor, before.project, before.item)
    : ledgerPolicy.canEdit(actor, before.project, before.item);
  if (!allowed) throw new AppError('FORBIDDEN');
  if (changes.progressNote !== undefined && !ledgerPolicy.canReportProgress(actor, before.project, before.item))
    throw new AppError('FORBIDDEN', { field: 'progressNote' });
  // moving an item to another unit: the actor must also be allowed to write for that unit
  if (
    body.unitId !== undefined &&
    body.unitId !== before.item.unitId &&
    !ledgerPolicy.canWriteFor(actor, before.project, body.unitId)
  )
    throw new AppError('FORBIDDEN', { field: 'unitId' });
  // completing (or reopening) is for whoever owes the item: an enterprise reports progress only
  const completes =
    (changes.status !== undefined &&
      changes.status !== before.item.status &&
      (changes.status === 'done' || before.item.status === 'done')) ||
    (changes.completedOn !== undefined && changes.completedOn !== before.item.completedOn);
  if (completes && !ledgerPolicy.canComplete(actor, before.project, before.item))
    throw new AppError('FORBIDDEN', { field: 'status' });
  const asOf = asOfOf(ctx);
  const status = changes.status ?? before.item.status;
  const completedOn = completionOrThrow(
    status,
    changes.completedOn !== undefined ? changes.completedOn : before.item.completedOn,
    asOf,
    ctx.locale,
  );
  const timing = timingOrThrow(before.item, changes, ctx.locale);
  const ownerDisplayName = await checkRefs(ctx, changes);
  const ownerName = changes.ownerName !== undefined ? changes.ownerName : changes.ownerUserId ? ownerDisplayName : undefined;
  // the note's date moves only when the note does
  const progressNoteAt =
    changes.progressNote !== undefined && (changes.progressNote ?? null) !== before.item.progressNote
      ? changes.progressNote === null
        ? null
        : now
      : undefined;
  return db.transaction(async (tx) => {
    const updated = await repo.updateLedgerItem(
      tx,
      id,
      version,
      { ...changes, ...timing, ownerName, completedOn, progressNoteAt },
      now,
    );
    if (!updated) {
      const current = await repo.findLedgerItem(tx, id);
      if (!current) throw new AppError('NOT_FOUND');
      throw versionConflict(presentLedgerItem(actor, current, asOf));
    }
    const after = (await repo.findLedgerItem(tx, id))!;
    if (burden) await recordBurden(tx, ctx, { screen: 'ledger_item', projectId: after.item.projectId, ...burden });
    await writeAudit(
      tx,
      ctx.audit,
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

/** Deletes an item with its evidence: the rows in one transaction, the files after it commits. */
export async function deleteLedgerItem(ctx: RequestContext, filesDir: string, id: number, version: number): Promise<void> {
  const { db, actor } = ctx;
  const before = await loadReadableItem(db, actor, id);
  if (!ledgerPolicy.canDelete(actor, before.project, before.item)) throw new AppError('FORBIDDEN');
  const asOf = asOfOf(ctx);
  const keys = await db.transaction(async (tx) => {
    if (!(await repo.deleteLedgerItem(tx, id, version))) {
      const current = await repo.findLedgerItem(tx, id);
      if (!current) throw new AppError('NOT_FOUND');
      throw versionConflict(presentLedgerItem(actor, current, asOf));
    }
    const storageKeys = await deleteAttachmentsOf(tx, { entity: 'ledger_item', entityId: id });
    await writeAudit(
      tx,
      ctx.audit,
      {
        action: 'delete',
        entity: 'ledger_item',
        entityId: id,
        regionCode: before.project.regionCode,
        before: snapshot(before, asOf),
      },
      ctx.now,
    );
    return storageKeys;
  });
  await removeAttachmentFiles(filesDir, keys);
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
      recurring: r.item.recurring,
      ownerName: r.item.ownerName,
      status: r.item.status,
      completedOn: r.item.completedOn,
      evidenceNote: r.item.evidenceNote,
      progressNote: r.item.progressNote,
      openProblems: r.openProblemText ?? null,
    });
  }
  return [...groups.values()];
}

/** The most rows one export writes; beyond, the office narrows the filters. */
const EXPORT_LIMIT = 100_000;

export async function exportProjectLedger(ctx: RequestContext, projectId: number) {
  const p = await loadReadableProject(ctx.db, ctx.actor, projectId);
  const asOf = asOfOf(ctx);
  const { rows } = await repo.listForExport(ctx.db, { actor: ctx.actor, projectId, asOf }, EXPORT_LIMIT);
  const buffer = await writeLedgerWorkbook(groupByProject(rows), { title: `${p.name} 工作台账`, asOf });
  return { buffer, filename: `${p.code}-台账-${asOf}.xlsx` };
}

export async function exportPortfolioLedger(ctx: RequestContext, q: ExportLedgerQuery) {
  const asOf = asOfOf(ctx);
  const { rows, total } = await repo.listForExport(ctx.db, crossFilters(ctx.actor, q, asOf), EXPORT_LIMIT);
  if (total > EXPORT_LIMIT) throw new AppError('PAYLOAD_TOO_LARGE', { total, limit: EXPORT_LIMIT });
  const buffer = await writeLedgerWorkbook(groupByProject(rows), { title: '重点项目工作台账', asOf });
  return { buffer, filename: `重点项目台账-${asOf}.xlsx` };
}
