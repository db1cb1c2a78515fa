/**
 * The audit log's integrity: every row carries HMAC-SHA256(key, previous hash ‖ the row), in the
 * order rows are appended (the chain head in `audit_chain` is locked while a row is added, so the
 * order is commit order). Deleting, editing or emptying rows breaks the chain at the first row
 * touched; `verifyAuditChain` finds it. The key comes from AUDIT_HMAC_KEY, or for the embedded
 * default from `DATA_DIR/audit.key` made on first start.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';

/** Rows of a raw query, typed by the caller. */
async function rowsOf<T>(db: Executor, q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(q)) as unknown as { rows: T[] }).rows;
}

/** Development and test key: fine for demo data, refused in production (server.ts). */
export const DEVELOPMENT_AUDIT_KEY = 'kpc-development-audit-key-not-for-production';

let key: Buffer = Buffer.from(DEVELOPMENT_AUDIT_KEY);
export const configureAuditKey = (k: string | Buffer) => {
  key = Buffer.isBuffer(k) ? k : Buffer.from(k);
};

/**
 * The key a server or tool uses: the configured one; else, with the embedded database, the one in
 * `DATA_DIR/audit.key` (made on first use, 0600); else the development key (`dev: true`).
 */
export function resolveAuditKey(opts: { configured?: string; dataDir?: string; embedded: boolean }): {
  key: string;
  source: 'config' | 'file' | 'development';
} {
  if (opts.configured) return { key: opts.configured, source: 'config' };
  if (opts.embedded && opts.dataDir) {
    const file = join(opts.dataDir, 'audit.key');
    if (!existsSync(file)) {
      mkdirSync(opts.dataDir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    }
    return { key: readFileSync(file, 'utf8').trim(), source: 'file' };
  }
  return { key: DEVELOPMENT_AUDIT_KEY, source: 'development' };
}

/** JSON with object keys sorted at every depth, so a row read back from jsonb hashes the same. */
export function canonicalJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The chained fields of an audit row, as stored. */
export interface ChainedRow {
  id: number;
  at: Date;
  userId: number | null;
  username: string | null;
  ip: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  regionCode: string | null;
  before: unknown;
  after: unknown;
}

/** Values as jsonb gives them back (a Date inside before/after becomes its ISO string). */
export const asStored = (v: unknown): unknown => (v === undefined || v === null ? null : JSON.parse(JSON.stringify(v)));

export function rowHash(prevHash: string, r: ChainedRow): string {
  const body = canonicalJson([
    r.id,
    r.at.toISOString(),
    r.userId,
    r.username,
    r.ip,
    r.action,
    r.entity,
    r.entityId,
    r.regionCode,
    asStored(r.before),
    asStored(r.after),
  ]);
  return createHmac('sha256', key).update(prevHash).update('\n').update(body).digest('hex');
}

/**
 * Locks the chain head and reserves `n` audit ids in chain order. Returns the head's last hash and
 * the ids; the caller inserts the rows and then `advanceHead`s, in the same transaction.
 */
export async function reserveChain(db: Executor, n: number): Promise<{ prevHash: string; ids: number[] }> {
  const [prev] = await rowsOf<{ last_hash: string }>(db, sql`select last_hash from audit_chain where id = 1 for update`);
  if (!prev) throw new Error('audit_chain head row is missing: run `npm run audit:verify`');
  const ids = await rowsOf<{ id: string }>(
    db,
    sql`select nextval(pg_get_serial_sequence('audit_log', 'id')) as id from generate_series(1, ${n}::int)`,
  );
  return { prevHash: prev.last_hash, ids: ids.map((r) => Number(r.id)).sort((a, b) => a - b) };
}

export async function advanceHead(db: Executor, lastId: number, lastHash: string, added: number): Promise<void> {
  await db.execute(sql`update audit_chain set last_id = ${lastId}, last_hash = ${lastHash}, rows = rows + ${added} where id = 1`);
}

export interface ChainBreak {
  /** The first row that does not verify (or the head, for a cut or emptied table). */
  id: number | null;
  kind: 'edited' | 'deleted_before' | 'head_mismatch' | 'head_missing';
  message: string;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  archived: number;
  unchained: number;
  firstBreak: ChainBreak | null;
}

/** Walks the chain from its base in id order, in keyset pages of 2,000 rows (any size in bounded memory). */
export async function verifyAuditChain(db: Executor): Promise<VerifyResult> {
  const [head] = await rowsOf<{
    last_id: string;
    last_hash: string;
    rows: string;
    base_id: string;
    base_hash: string;
    archived_rows: string;
  }>(db, sql`select * from audit_chain where id = 1`);
  if (!head)
    return {
      ok: false,
      checked: 0,
      archived: 0,
      unchained: 0,
      firstBreak: { id: null, kind: 'head_missing', message: 'the audit_chain head row is missing' },
    };
  const baseId = Number(head.base_id);
  const [counted] = await rowsOf<{ n: string }>(db, sql`select count(*) as n from audit_log where id <= ${baseId}`);
  const unchained = Number(counted!.n);
  let prev = head.base_hash;
  let checked = 0;
  let lastId = baseId;
  let firstBreak: ChainBreak | null = null;
  const pageSize = 2000;
  for (;;) {
    const page = await rowsOf<{
      id: string;
      at: Date | string;
      user_id: number | null;
      username: string | null;
      ip: string | null;
      action: string;
      entity: string;
      entity_id: string | null;
      region_code: string | null;
      before: unknown;
      after: unknown;
      hash: string | null;
      prev_hash: string | null;
    }>(db, sql`select * from audit_log where id > ${lastId} order by id limit ${pageSize}`);
    for (const r of page) {
      const row: ChainedRow = {
        id: Number(r.id),
        at: new Date(r.at),
        userId: r.user_id,
        username: r.username,
        ip: r.ip,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        regionCode: r.region_code,
        before: r.before,
        after: r.after,
      };
      if (!firstBreak) {
        if (r.prev_hash !== prev) {
          firstBreak = {
            id: row.id,
            kind: 'deleted_before',
            message: `row ${row.id}: the row before it in the chain is gone (deleted)`,
          };
        } else if (rowHash(prev, row) !== r.hash) {
          firstBreak = { id: row.id, kind: 'edited', message: `row ${row.id}: its content or hash was changed` };
        }
      }
      prev = r.hash ?? '';
      lastId = row.id;
      checked++;
    }
    if (page.length < pageSize) break;
  }
  if (
    !firstBreak &&
    (checked !== Number(head.rows) || lastId !== Math.max(Number(head.last_id), baseId) || prev !== head.last_hash)
  ) {
    firstBreak = {
      id: lastId === baseId ? null : lastId,
      kind: 'head_mismatch',
      message: `the chain head records ${head.rows} rows up to id ${head.last_id}; the table has ${checked} up to id ${lastId} (rows at the end deleted, or the table emptied)`,
    };
  }
  return { ok: !firstBreak, checked, archived: Number(head.archived_rows), unchained, firstBreak };
}
