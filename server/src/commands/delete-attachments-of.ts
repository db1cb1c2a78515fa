/**
 * Command: delete the attachments (evidence files, photos) of one owning record, inside the
 * transaction that deletes the record. The rows go now; the files only once that transaction has
 * committed (`removeAttachmentFiles`), so a rolled-back delete keeps its files.
 * Called by the owners' services (ledger items); the only way another module removes attachments.
 */
import type { Tx } from '../db/client.js';
import { deleteForOwner } from '../modules/attachments/attachments.repository.js';
import { removeStoredFiles } from '../modules/attachments/attachments.storage.js';

/** Deletes the rows and returns the storage keys of their files. */
export async function deleteAttachmentsOf(tx: Tx, owner: { entity: string; entityId: number }): Promise<string[]> {
  return deleteForOwner(tx, owner.entity, owner.entityId);
}

/** After the commit: removes the files of the deleted rows (a missing file is not an error). */
export const removeAttachmentFiles = (filesDir: string, storageKeys: readonly string[]) =>
  removeStoredFiles(filesDir, storageKeys);
