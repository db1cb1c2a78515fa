/**
 * The records attachments may belong to. Attachments know no other module: each owning module
 * registers its kind of record here, from its own `<module>.attachments.ts`, saying how to load one
 * and who may read and add files to it. An entity nobody registered has no attachments (404).
 */
import type { Actor } from '../../lib/policy.js';
import type { RequestContext } from '../../lib/request-context.js';

export interface AttachmentOwner<R = unknown> {
  /** `attachments.entity`, e.g. 'ledger_item'. */
  entity: string;
  /** The URL segment of the owning records: `/<path>/:id/attachments`. */
  path: string;
  /** What the files of this owner are, for the API docs. */
  summary: string;
  /** The owning record, or null when there is none (a load may also throw 404 itself). */
  load(ctx: RequestContext, id: number): Promise<R | null>;
  /** The region the record belongs to (recorded with the audit rows). */
  regionOf(owner: R): string;
  /** False → 404: the actor must not learn the record exists. */
  canRead(actor: Actor, owner: R): boolean;
  canUpload(actor: Actor, owner: R): boolean;
  /** Narrows the accepted file types (extensions as file-type names them, e.g. photos only) and says so. */
  accepts?: { types: readonly string[]; message: { 'zh-CN': string; en: string } };
}

const owners = new Map<string, AttachmentOwner>();

/** Registers (or replaces) the owner of one entity. */
export function registerAttachmentOwner<R>(owner: AttachmentOwner<R>): void {
  owners.set(owner.entity, owner as AttachmentOwner);
}

export const attachmentOwner = (entity: string): AttachmentOwner | undefined => owners.get(entity);

/** Every registered owner, in registration order (one set of routes each). */
export const attachmentOwners = (): AttachmentOwner[] => [...owners.values()];
