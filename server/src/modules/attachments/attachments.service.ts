/**
 * Evidence uploads: the type is decided by the file's content (file-type), never by its name or the
 * browser's claim; ≤ 20 MB; stored under a random key; served only as a download to whoever may
 * read the record it belongs to. Access is always checked through the owning record.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { MultipartFile } from '@fastify/multipart';
import { fileTypeFromFile } from 'file-type';
import type { Attachment } from '@kpc/contracts';
import type { Db, Executor } from '../../db/client.js';
import { writeAudit, type AuditContext } from '../../lib/audit.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { hasRole, type Actor } from '../../lib/policy.js';
import { ledgerPolicy } from '../ledger/ledger.policy.js';
import { loadReadableItem } from '../ledger/ledger.service.js';
import { investmentPolicy } from '../investment/investment.policy.js';
import { loadReport } from '../investment/investment.service.js';
import * as repo from './attachments.repository.js';
import { discardUpload, keepUpload, receiveUpload, removeStoredFiles, storedFilePath } from './attachments.storage.js';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** Photos, PDFs and Office documents: what evidence is; nothing a browser or OS would run. */
const ALLOWED_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface FilesDeps {
  db: Db;
  clock: Clock;
  filesDir: string;
}

/** The record an attachment belongs to, as far as access goes. */
interface Owner {
  regionCode: string;
  canUpload: boolean;
}

async function ownerFor(db: Executor, actor: Actor, entity: string, entityId: number): Promise<Owner> {
  if (entity === 'ledger_item') {
    const r = await loadReadableItem(db, actor, entityId);
    return { regionCode: r.project.regionCode, canUpload: ledgerPolicy.canUpload(actor, r.project, r.item) };
  }
  if (entity === 'investment_report') {
    // progress photos of a monthly report: optional, added by whoever may report, while it is still open
    const r = await loadReport(db, actor, entityId);
    const open = r.r.status === 'draft' || r.r.status === 'returned' || r.r.status === 'submitted';
    return { regionCode: r.scope.regionCode, canUpload: open && investmentPolicy.canReport(actor, r.scope) };
  }
  throw new AppError('NOT_FOUND');
}

const canDelete = (actor: Actor, a: repo.AttachmentRow, owner: Owner) =>
  hasRole(actor, 'admin', 'office') || (a.uploadedBy === actor.id && owner.canUpload);

function present(actor: Actor, a: repo.AttachmentRow, uploadedByName: string | null, owner: Owner): Attachment {
  return {
    id: a.id,
    entity: a.entity,
    entityId: a.entityId,
    filename: a.filename,
    mime: a.mime,
    size: a.size,
    sha256: a.sha256,
    uploadedBy: a.uploadedBy,
    uploadedByName,
    createdAt: a.createdAt.toISOString(),
    canDelete: canDelete(actor, a, owner),
  };
}

/** A name safe to store and to put in a header: no path, no control characters, bounded length. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (clean || 'file').slice(-200);
}

export async function listAttachments(db: Db, actor: Actor, entity: string, entityId: number): Promise<Attachment[]> {
  const owner = await ownerFor(db, actor, entity, entityId);
  const rows = await repo.listFor(db, entity, entityId);
  return rows.map((r) => present(actor, r.a, r.uploadedByName, owner));
}

/** Checked before the upload is read, so a refused request costs no disk. */
export async function requireUpload(db: Db, actor: Actor, entity: string, entityId: number): Promise<Owner> {
  const owner = await ownerFor(db, actor, entity, entityId);
  if (!owner.canUpload) throw new AppError('FORBIDDEN');
  return owner;
}

export async function storeAttachment(
  deps: FilesDeps,
  actor: Actor,
  entity: string,
  entityId: number,
  owner: Owner,
  file: MultipartFile | undefined,
  ctx: AuditContext,
): Promise<Attachment> {
  if (!file) throw new AppError('VALIDATION_FAILED', [{ field: 'file', message: 'file required' }]);
  let pending;
  try {
    pending = await receiveUpload(deps.filesDir, file.file);
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE');
    throw e;
  }
  if (file.file.truncated || pending.size > MAX_UPLOAD_BYTES) {
    await discardUpload(pending.tmpPath);
    throw new AppError('PAYLOAD_TOO_LARGE', { limit: MAX_UPLOAD_BYTES });
  }
  const type = await fileTypeFromFile(pending.tmpPath);
  const mime = type ? ALLOWED_TYPES[type.ext] : undefined;
  if (!mime) {
    await discardUpload(pending.tmpPath);
    throw new AppError('UNSUPPORTED_FILE_TYPE', { detected: type?.mime ?? null, allowed: Object.keys(ALLOWED_TYPES) });
  }
  const storageKey = await keepUpload(deps.filesDir, pending.tmpPath);
  const now = deps.clock.now();
  try {
    return await deps.db.transaction(async (tx) => {
      const row = await repo.insertAttachment(tx, {
        entity,
        entityId,
        filename: cleanFilename(file.filename),
        mime,
        size: pending.size,
        storageKey,
        sha256: pending.sha256,
        uploadedBy: actor.id,
        createdAt: now,
      });
      const { storageKey: _k, ...after } = row;
      await writeAudit(
        tx,
        ctx,
        { action: 'create', entity: 'attachment', entityId: row.id, regionCode: owner.regionCode, after },
        now,
      );
      return present(actor, row, actor.displayName, owner);
    });
  } catch (e) {
    await removeStoredFiles(deps.filesDir, [storageKey]);
    throw e;
  }
}

/** The file to send, after checking the actor may read its owning record. */
export async function openAttachment(deps: FilesDeps, actor: Actor, id: number) {
  const row = await repo.findAttachment(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  await ownerFor(deps.db, actor, row.a.entity, row.a.entityId);
  const path = storedFilePath(deps.filesDir, row.a.storageKey);
  const size = await stat(path).then(
    (s) => s.size,
    () => null,
  );
  if (size === null) throw new AppError('NOT_FOUND');
  return { row: row.a, size, stream: createReadStream(path) };
}

export async function deleteAttachment(deps: FilesDeps, actor: Actor, id: number, ctx: AuditContext): Promise<void> {
  const row = await repo.findAttachment(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const owner = await ownerFor(deps.db, actor, row.a.entity, row.a.entityId);
  if (!canDelete(actor, row.a, owner)) throw new AppError('FORBIDDEN');
  await deps.db.transaction(async (tx) => {
    const gone = await repo.deleteAttachment(tx, id);
    if (!gone.length) throw new AppError('NOT_FOUND');
    const { storageKey: _k, ...before } = row.a;
    await writeAudit(
      tx,
      ctx,
      { action: 'delete', entity: 'attachment', entityId: id, regionCode: owner.regionCode, before },
      deps.clock.now(),
    );
  });
  await removeStoredFiles(deps.filesDir, [row.a.storageKey]);
}

/** `attachment; filename="…"` with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
