/** Durable file writes: what a power cut must not lose is fsynced, the file and its directory entry. */
import { open } from 'node:fs/promises';

/** Flushes a file, or a directory's entries, to the disk. */
export async function fsyncPath(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
