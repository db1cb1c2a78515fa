/**
 * Command: delete the attachments (evidence files, photos) of records being deleted, inside the
 * transaction that deletes them. The rows go now; the files only once that transaction has
 * committed (`removeAttachmentFiles`), so a rolled-back delete keeps its files. The only way
 * another module removes attachments.
 */
import type { Executor } from '../db/client.js';
import { deleteForOwner, deleteForProject } from '../modules/attachments/attachments.repository.js';
import { removeStoredFiles } from '../modules/attachments/attachments.storage.js';

/** One owning record's attachments (a ledger item's evidence); returns the storage keys of their files. */
export const deleteAttachmentsOf = (tx: Executor, owner: { entity: string; entityId: number }): Promise<string[]> =>
  deleteForOwner(tx, owner.entity, owner.entityId);

/** Everything hanging off a project (its ledger items' and investment reports' attachments). */
export const deleteProjectAttachments = (tx: Executor, projectId: number): Promise<string[]> => deleteForProject(tx, projectId);

/** After the commit: removes the files of the deleted rows (a missing file is not an error). */
export const removeAttachmentFiles = (filesDir: string, storageKeys: readonly string[]): Promise<void> =>
  removeStoredFiles(filesDir, storageKeys);
