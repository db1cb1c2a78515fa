/**
 * Files a phone form keeps for its offline queue (lib/offline-queue.ts): photos taken with no signal are
 * stored in IndexedDB (idb-keyval; localStorage holds only the queue's JSON and would not fit them), named
 * by the queued item's key and their position, and uploaded by the queue once the record they belong to has
 * been created; deleted when the item is done (sent or refused). Every phone form that sends files uses this.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';

export interface KeptFile {
  blob: Blob;
  name: string;
}

let store: UseStore | null = null;
const files = () => (store ??= createStore('kpc-offline-files', 'files'));

/** The id of the `index`-th file of a queued item. */
export const keptFileId = (itemKey: string, index: number) => `${itemKey}#${index}`;

export async function keepFile(id: string, file: KeptFile): Promise<void> {
  await set(id, file, files());
}

export async function keptFile(id: string): Promise<KeptFile | undefined> {
  return get<KeptFile>(id, files());
}

export async function dropFiles(ids: readonly string[]): Promise<void> {
  await Promise.all(ids.map((id) => del(id, files()).catch(() => undefined)));
}
