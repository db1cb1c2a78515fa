/**
 * Evidence uploads: the type is decided by the file's content (file-type), never by its name or the
 * browser's claim; ≤ 20 MB; stored under a random key; served only as a download to whoever may
 * read the record it belongs to. Access is always checked through the owning record.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { MultipartFile } from '@fastify/multipart';
import { fileTypeFromFile } from 'file-type';
import { uploadMessages, type Attachment } from '@kpc/contracts';
import { writeAudit } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import { hasRole, type Actor } from '../../lib/policy.js';
import { fieldError, type RequestContext } from '../../lib/request-context.js';
import * as repo from './attachments.repository.js';
import { attachmentOwner, type AttachmentOwner } from './owners.js';
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

/** The record an attachment belongs to, as far as access goes. */
export interface Owner {
  regionCode: string;
  canUpload: boolean;
  accepts?: AttachmentOwner['accepts'];
}

/** The owning record through its registered owner; 404 when it is unknown or the actor may not read it. */
async function ownerFor(ctx: RequestContext, entity: string, entityId: number): Promise<Owner> {
  const o = attachmentOwner(entity);
  const record = o ? await o.load(ctx, entityId) : null;
  if (!o || record === null || !o.canRead(ctx.actor, record)) throw new AppError('NOT_FOUND');
  return { regionCode: o.regionOf(record), canUpload: o.canUpload(ctx.actor, record), accepts: o.accepts };
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

export async function listAttachments(ctx: RequestContext, entity: string, entityId: number): Promise<Attachment[]> {
  const owner = await ownerFor(ctx, entity, entityId);
  const rows = await repo.listFor(ctx.db, entity, entityId);
  return rows.map((r) => present(ctx.actor, r.a, r.uploadedByName, owner));
}

/** Checked before the upload is read, so a refused request costs no disk. */
export async function requireUpload(ctx: RequestContext, entity: string, entityId: number): Promise<Owner> {
  const owner = await ownerFor(ctx, entity, entityId);
  if (!owner.canUpload) throw new AppError('FORBIDDEN');
  return owner;
}

export async function storeAttachment(
  ctx: RequestContext,
  filesDir: string,
  entity: string,
  entityId: number,
  owner: Owner,
  file: MultipartFile | undefined,
): Promise<Attachment> {
  const { actor } = ctx;
  if (!file) throw fieldError('VALIDATION_FAILED', 'file', ctx.locale, uploadMessages.file_required);
  let pending;
  try {
    pending = await receiveUpload(filesDir, file.file);
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE');
    throw e;
  }
  if (file.file.truncated || pending.size > MAX_UPLOAD_BYTES) {
    await discardUpload(pending.tmpPath);
    throw new AppError('PAYLOAD_TOO_LARGE', { limit: MAX_UPLOAD_BYTES });
  }
  const type = await fileTypeFromFile(pending.tmpPath);
  const accepted = owner.accepts?.types ?? Object.keys(ALLOWED_TYPES);
  const mime = type && accepted.includes(type.ext) ? ALLOWED_TYPES[type.ext] : undefined;
  if (!mime) {
    await discardUpload(pending.tmpPath);
    throw new AppError('UNSUPPORTED_FILE_TYPE', { detected: type?.mime ?? null, allowed: accepted }, owner.accepts?.message);
  }
  const storageKey = await keepUpload(filesDir, pending.tmpPath);
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
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
        ctx.audit,
        { action: 'create', entity: 'attachment', entityId: row.id, regionCode: owner.regionCode, after },
        now,
      );
      return present(actor, row, actor.displayName, owner);
    });
  } catch (e) {
    await removeStoredFiles(filesDir, [storageKey]);
    throw e;
  }
}

/** The file to send, after checking the actor may read its owning record. */
export async function openAttachment(ctx: RequestContext, filesDir: string, id: number) {
  const row = await repo.findAttachment(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  await ownerFor(ctx, row.a.entity, row.a.entityId);
  const path = storedFilePath(filesDir, row.a.storageKey);
  const size = await stat(path).then(
    (s) => s.size,
    () => null,
  );
  if (size === null) throw new AppError('NOT_FOUND');
  return { row: row.a, size, stream: createReadStream(path) };
}

export async function deleteAttachment(ctx: RequestContext, filesDir: string, id: number): Promise<void> {
  const row = await repo.findAttachment(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const owner = await ownerFor(ctx, row.a.entity, row.a.entityId);
  if (!canDelete(ctx.actor, row.a, owner)) throw new AppError('FORBIDDEN');
  await ctx.db.transaction(async (tx) => {
    const gone = await repo.deleteAttachment(tx, id);
    if (!gone.length) throw new AppError('NOT_FOUND');
    const { storageKey: _k, ...before } = row.a;
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'delete', entity: 'attachment', entityId: id, regionCode: owner.regionCode, before },
      ctx.clock.now(),
    );
  });
  await removeStoredFiles(filesDir, [row.a.storageKey]);
}
