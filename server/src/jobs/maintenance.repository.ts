/** The SQL of the maintenance jobs (clean-up, audit retention): rows no module owns once they are dead. */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';

const rowsOf = async <T>(db: Executor, q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as { rows: T[] }).rows;
const affected = (r: unknown) => (r as { rowCount: number | null }).rowCount ?? 0;

export const storedFileKeys = async (db: Executor): Promise<Set<string>> =>
  new Set((await rowsOf<{ storage_key: string }>(db, sql`select storage_key from attachments`)).map((r) => r.storage_key));

/** Sessions that expired or were ended before `before`. */
export const purgeSessions = async (db: Executor, before: Date): Promise<number> =>
  affected(await db.execute(sql`delete from sessions where expires_at < ${before} or revoked_at < ${before}`));

export const purgeIdempotencyKeys = async (db: Executor, before: Date): Promise<number> =>
  affected(await db.execute(sql`delete from idempotency_keys where created_at < ${before}`));

export interface ArchivableAuditRow {
  id: number;
  [column: string]: unknown;
}

/** The chain's oldest rows written before `before`, in chain order, at most `limit`. */
export const oldestAuditRows = async (db: Executor, before: Date, limit: number): Promise<ArchivableAuditRow[]> =>
  (
    await rowsOf<{ j: ArchivableAuditRow }>(
      db,
      sql`select row_to_json(a) as j from audit_log a
           where a.id > (select base_id from audit_chain where id = 1) and a.at < ${before}
           order by a.id limit ${limit}`,
    )
  ).map((r) => ({ ...r.j, id: Number(r.j.id) }));

/**
 * Moves the chain's base past archived rows and deletes them: the live chain then starts from the
 * last archived row's hash, and the archive file keeps the rows with their hashes.
 */
export async function dropArchivedAuditRows(db: Executor, lastId: number, lastHash: string, count: number): Promise<void> {
  await db.execute(sql`select 1 from audit_chain where id = 1 for update`);
  await db.execute(sql`delete from audit_log where id <= ${lastId} and id > (select base_id from audit_chain where id = 1)`);
  await db.execute(
    sql`update audit_chain set base_id = ${lastId}, base_hash = ${lastHash}, rows = rows - ${count},
          archived_rows = archived_rows + ${count} where id = 1`,
  );
}
