/**
 * The phone forms' offline queue. A create that got no answer (no signal, the connection dropped, the
 * response lost on the way) is kept in localStorage with its body and its Idempotency-Key, and sent again
 * when the browser is back online, on the next app start, or when the user asks. The same key goes with
 * every retry, so a request that did reach the server the first time is answered from the server's stored
 * response (idempotent replay) instead of creating the record twice.
 *
 * Who may send an item: only the user who queued it (the queue lives in the browser, a shared phone may
 * log in as someone else). What ends an item: an answer from the server — success, or a refusal (4xx) that a
 * retry would not change, which the user is shown. No answer, a lost session, the server busy or failing
 * (5xx, 429, the first request still running): the item stays for the next try.
 *
 * Files (photos): a form that sends files with its record keeps them in IndexedDB (lib/offline-files.ts) and
 * names them in `files`; once the record is created (or replayed), each is uploaded to `files.path` with a key
 * of its own derived from the item's, so a retry after a lost answer stores each photo once; the files are
 * deleted from the phone when the item is done. `submitOrQueue` is the one call a phone form makes: the
 * submission is kept first, then tried at once; it stays queued when there is no answer.
 */
import { useSyncExternalStore } from 'react';
import { api, isNetworkError, type ApiError } from './api';
import { dropFiles, keptFile } from './offline-files';
import { postFile } from './post-file';

const STORAGE_KEY = 'kpc.offlineQueue.v1';

export interface QueuedPost {
  /** The create's Idempotency-Key, also the item's id. */
  key: string;
  /** The account that queued it; only its session sends it. */
  userId: number;
  /** What the user reads in the list and in the message once it is sent (in the language of the moment it was queued). */
  label: string;
  /** Lets a form find its own pending submissions, e.g. "investment-report:12:2026-4". */
  tag: string;
  /** API path of the POST (under /api/v1) and its JSON body. */
  path: string;
  body: unknown;
  /**
   * A second POST on the record the first one created (`:id` in its path; the record's `version` as its body),
   * with its own key: e.g. a monthly report saved and submitted in one tap. `body`: more of that POST's
   * body beside the version (e.g. the form's `burden`, measured when the user tapped, not when it was sent).
   */
  then?: { path: string; key: string; body?: Record<string, unknown> };
  /**
   * Files kept in IndexedDB (lib/offline-files.ts ids) to upload, one multipart POST each, to `path` (`:id`: the
   * created record) once it exists.
   */
  files?: { path: string; ids: string[] };
  /** ISO instant it was queued. */
  queuedAt: string;
}

export type QueueOutcome =
  | { kind: 'sent'; item: QueuedPost }
  /** The server refused it (4xx): removed, the user is told why. */
  | { kind: 'refused'; item: QueuedPost; error: ApiError };

const itemListeners = new Set<() => void>();
const outcomeListeners = new Set<(o: QueueOutcome) => void>();

let cachedRaw: string | null | undefined;
let cachedItems: QueuedPost[] = [];

function isQueuedPost(v: unknown): v is QueuedPost {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.key === 'string' && typeof o.userId === 'number' && typeof o.path === 'string' && typeof o.tag === 'string';
}

/** Every queued item, oldest first (the same array while nothing changed, as useSyncExternalStore needs). */
export function queuedItems(): QueuedPost[] {
  let raw: string | null;
  try {
    raw = localStorage.getItem(STORAGE_KEY);
  } catch {
    raw = null; // storage blocked (private mode): nothing queued
  }
  if (raw === cachedRaw) return cachedItems;
  cachedRaw = raw;
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    cachedItems = Array.isArray(parsed) ? parsed.filter(isQueuedPost) : [];
  } catch {
    cachedItems = [];
  }
  return cachedItems;
}

function write(items: QueuedPost[]): void {
  // throws when storage is full or blocked: the caller then tells the user it could not be kept
  localStorage.setItem(STORAGE_KEY, JSON.stringify(items));
  for (const l of itemListeners) l();
}

const remove = (key: string) => write(queuedItems().filter((i) => i.key !== key));

/** Removes a done item and its kept files. */
function finish(item: QueuedPost): void {
  remove(item.key);
  if (item.files) void dropFiles(item.files.ids);
}

/** Keeps a submission for later. The caller has sent it once with `item.key` (and `item.then.key`). */
export function enqueue(item: Omit<QueuedPost, 'queuedAt'>): void {
  write([...queuedItems().filter((i) => i.key !== item.key), { ...item, queuedAt: new Date().toISOString() }]);
}

export function subscribeQueue(listener: () => void): () => void {
  itemListeners.add(listener);
  return () => itemListeners.delete(listener);
}

/** Sent and refused items, as they happen, whoever started the sending (the app shell tells the user). */
export function onQueueOutcome(listener: (o: QueueOutcome) => void): () => void {
  outcomeListeners.add(listener);
  return () => outcomeListeners.delete(listener);
}

// another tab changed the queue
if (typeof window !== 'undefined')
  window.addEventListener('storage', (e) => {
    if (e.key === STORAGE_KEY || e.key === null) for (const l of itemListeners) l();
  });

/** The user's queued items, kept up to date. */
export function useQueuedPosts(userId: number): QueuedPost[] {
  const all = useSyncExternalStore(subscribeQueue, queuedItems);
  return all.filter((i) => i.userId === userId);
}

/** An answer that a later try may change: keep the item and stop for now. */
function worthRetrying(e: unknown): boolean {
  if (isNetworkError(e)) return true;
  const err = e as ApiError;
  if (typeof err.status !== 'number') return true;
  return (
    err.status === 401 ||
    err.status === 408 ||
    err.status === 429 ||
    err.status >= 500 ||
    err.code === 'IDEMPOTENCY_IN_PROGRESS' ||
    err.code === 'PASSWORD_CHANGE_REQUIRED' ||
    err.code === 'TOTP_ENROLMENT_REQUIRED'
  );
}

async function sendOne(item: QueuedPost): Promise<void> {
  const created = await api.post<{ id: number; version: number }>(item.path, item.body, { idempotencyKey: item.key });
  if (item.then)
    await api.post(
      item.then.path.replace(':id', String(created.id)),
      { ...item.then.body, version: created.version },
      { idempotencyKey: item.then.key },
    );
  if (item.files)
    for (const [i, id] of item.files.ids.entries()) {
      const f = await keptFile(id);
      if (!f) continue; // already uploaded and dropped by another tab
      await postFile(item.files.path.replace(':id', String(created.id)), f.blob, f.name, () => f.name, undefined, {
        idempotencyKey: `${item.key}.file${i}`,
      });
    }
}

/**
 * Keeps a submission (with its files already kept), then sends it at once. The answer: sent, refused (both
 * remove it), or null when there was none worth acting on and it waits in the queue for the network.
 */
export async function submitOrQueue(item: Omit<QueuedPost, 'queuedAt'>): Promise<QueueOutcome | null> {
  enqueue(item);
  const queued = queuedItems().find((i) => i.key === item.key)!;
  try {
    await sendOne(queued);
    finish(queued);
    return { kind: 'sent', item: queued };
  } catch (e) {
    if (worthRetrying(e)) return null;
    finish(queued);
    return { kind: 'refused', item: queued, error: e as ApiError };
  }
}

let flushing: Promise<QueueOutcome[]> | null = null;

/**
 * Sends the user's queued items, oldest first, each with its own key; stops at the first that gets no
 * answer worth acting on. One flush at a time: a call while one runs waits for it.
 */
export function flushQueue(userId: number): Promise<QueueOutcome[]> {
  flushing ??= (async () => {
    const outcomes: QueueOutcome[] = [];
    try {
      for (const item of queuedItems().filter((i) => i.userId === userId)) {
        let outcome: QueueOutcome;
        try {
          await sendOne(item);
          outcome = { kind: 'sent', item };
        } catch (e) {
          if (worthRetrying(e)) break;
          outcome = { kind: 'refused', item, error: e as ApiError };
        }
        finish(item);
        outcomes.push(outcome);
        for (const l of outcomeListeners) l(outcome);
      }
    } finally {
      flushing = null;
    }
    return outcomes;
  })();
  return flushing;
}
