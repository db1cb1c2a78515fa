/**
 * A project's deletion takes the attachments of its ledger items and investment reports with it:
 * the rows go in the deletion's transaction, the stored files once it has committed.
 */
import type { Executor } from '../db/client.js';
import { deleteForProject } from '../modules/attachments/attachments.repository.js';
import { removeStoredFiles } from '../modules/attachments/attachments.storage.js';

/** Deletes the attachment rows hanging off the project; returns the storage keys of their files. */
export async function deleteProjectAttachments(tx: Executor, projectId: number): Promise<string[]> {
  return deleteForProject(tx, projectId);
}

/** Removes the files of deleted attachment rows (after the commit: a rolled-back deletion keeps them). */
export const removeAttachmentFiles = (filesDir: string, keys: readonly string[]): Promise<void> =>
  removeStoredFiles(filesDir, keys);
