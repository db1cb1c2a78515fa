/**
 * Evidence files on disk, under the files directory (outside the web root). A file is written to
 * tmp/ while it is hashed and measured, checked, then moved to <key[0..1]>/<key>, where the key is
 * random: nothing the uploader sends (name, type) ever becomes part of a path.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fsyncPath } from '../../lib/files.js';

const KEY = /^[0-9a-f]{32}$/;

export function storedFilePath(filesDir: string, storageKey: string): string {
  if (!KEY.test(storageKey)) throw new Error('bad storage key');
  return join(filesDir, storageKey.slice(0, 2), storageKey);
}

export interface PendingUpload {
  tmpPath: string;
  size: number;
  sha256: string;
}

/** Streams an upload into tmp/, hashing it on the way. Throws (and leaves nothing) if the stream fails. */
export async function receiveUpload(filesDir: string, stream: Readable): Promise<PendingUpload> {
  const tmpDir = join(filesDir, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  const tmpPath = join(tmpDir, randomBytes(16).toString('hex'));
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(stream, meter, createWriteStream(tmpPath, { flags: 'wx', mode: 0o600 }));
  } catch (e) {
    await rm(tmpPath, { force: true });
    throw e;
  }
  return { tmpPath, size, sha256: hash.digest('hex') };
}

/** Moves a checked upload to its final place under a new random key. */
export async function keepUpload(filesDir: string, tmpPath: string): Promise<string> {
  const key = randomBytes(16).toString('hex');
  const path = storedFilePath(filesDir, key);
  const dir = join(filesDir, key.slice(0, 2));
  await mkdir(dir, { recursive: true });
  // The row naming this file commits after we return: the bytes and the directory entry must be on
  // disk first, or a power cut leaves an attachment row pointing at nothing.
  await fsyncPath(tmpPath);
  await rename(tmpPath, path);
  await fsyncPath(dir);
  await fsyncPath(filesDir);
  return key;
}

export const discardUpload = (tmpPath: string) => rm(tmpPath, { force: true });

/** Removes stored files (after the rows naming them are gone); a missing file is not an error. */
export async function removeStoredFiles(filesDir: string, keys: readonly string[]): Promise<void> {
  await Promise.all(keys.map((k) => rm(storedFilePath(filesDir, k), { force: true })));
}
