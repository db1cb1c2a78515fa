/**
 * Excel import jobs. Every row is validated first; any bad cell → nothing is written and each one is
 * reported as { row, column, reason }. Otherwise all rows are written in one transaction. The job row
 * in `imports` holds the progress and the outcome, so GET /imports/:id answers the same on every
 * instance behind the load balancer. Small files finish within the POST (200); larger ones answer 202
 * and run on. A running job whose heartbeat (updatedAt) stopped has lost its process: it reads as failed.
 */
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { fileTypeFromBuffer } from 'file-type';
import type { ImportJob, ImportKind, Locale } from '@kpc/contracts';
import type { Db } from '../../db/client.js';
import { writeAudit, type AuditContext } from '../../lib/audit.js';
import { today, type Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { hasRole, inRegion, type Actor } from '../../lib/policy.js';
import { ledgerPolicy } from '../ledger/ledger.policy.js';
import {
  applyLedgerRows,
  ledgerImportColumns,
  loadLedgerRefs,
  planLedgerRows,
  validateLedgerRow,
  type LedgerRowValues,
} from './imports.ledger.js';
import {
  applyProjectRows,
  loadProjectRefs,
  planProjectRows,
  projectImportColumns,
  validateProjectRow,
  type ProjectRowValues,
} from './imports.projects.js';
import { presentRowError } from './imports.messages.js';
import * as repo from './imports.repository.js';
import { readSheet, sheetRows, type RowError } from './imports.sheet.js';

/** Files up to this many rows are imported within the request. */
export const SYNC_ROW_LIMIT = 2_000;
export const MAX_ROWS = 50_000;
/** Bad cells listed in the job (all are counted). */
const MAX_LISTED_ERRORS = 500;

/** A running job whose heartbeat is older than this has lost its process (crash, kill, redeploy). */
export const STALE_AFTER_MS = 2 * 60_000;
/** Progress is written at most every this many rows or milliseconds, whichever comes first… */
const WRITE_EVERY_ROWS = 500;
const WRITE_EVERY_MS = 250;
/** …and the heartbeat at least this often, even while one long statement runs. */
const HEARTBEAT_MS = 30_000;
const interrupted: RowError = { row: 0, column: '', code: 'interrupted' };

interface LiveProgress {
  status: repo.RunningStatus;
  processedRows: number;
}

export interface ImportDeps {
  db: Db;
  clock: Clock;
  /** Jobs still running, so closing the app waits for them. */
  pending: Set<Promise<unknown>>;
}

interface ProgressTracker {
  report: (status: repo.RunningStatus, processedRows: number) => void;
  /**
   * No more progress writes. Not awaited before the outcome is written: a progress write still in
   * flight only touches a running job's row, so it cannot undo the outcome, and awaiting it inside
   * the transaction would hold one pool connection while waiting for another.
   */
  stop: () => void;
  /** After the outcome: waits for the last progress write and forgets the job. */
  release: () => Promise<void>;
}

/**
 * Publishes a running job's progress through the pool (another connection than the import's
 * transaction, so other instances see it while the transaction is open), at a bounded rate, one
 * write at a time, each also the heartbeat.
 */
function trackProgress(deps: ImportDeps, id: number): ProgressTracker {
  let latest: LiveProgress = { status: 'validating', processedRows: 0 };
  let written = { rows: 0, at: performance.now() };
  let chain = Promise.resolve();
  let queued = false;
  let stopped = false;
  const write = () => {
    if (queued || stopped) return;
    queued = true;
    written = { rows: latest.processedRows, at: performance.now() };
    chain = chain.then(async () => {
      queued = false; // a report from here on queues a write of its own
      // a lost progress write only delays the bar; the import itself goes on
      await repo.reportProgress(deps.db, id, latest, deps.clock.now()).catch(() => undefined);
    });
  };
  const heartbeat = setInterval(write, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    report: (status, n) => {
      const phase = status !== latest.status;
      latest = { status, processedRows: n };
      if (phase || n - written.rows >= WRITE_EVERY_ROWS || performance.now() - written.at >= WRITE_EVERY_MS) write();
    },
    stop: () => {
      stopped = true;
      clearInterval(heartbeat);
    },
    release: async () => {
      clearInterval(heartbeat);
      await chain;
    },
  };
}

function progressOf(status: ImportJob['status'], processed: number, total: number): number {
  if (status === 'done' || status === 'invalid' || status === 'failed') return 1;
  const part = total ? Math.min(processed / total, 1) : 1;
  return status === 'validating' ? part / 2 : 0.5 + part / 2;
}

const isRunning = (status: ImportJob['status']): status is repo.RunningStatus =>
  (repo.runningStatuses as readonly string[]).includes(status);

type PresentDeps = Pick<ImportDeps, 'clock'>;

function present(deps: PresentDeps, row: repo.ImportRow, locale: Locale): ImportJob {
  if (isRunning(row.status) && deps.clock.now().getTime() - row.updatedAt.getTime() > STALE_AFTER_MS)
    return present(deps, { ...row, status: 'failed', errors: [interrupted], errorCount: 1, finishedAt: row.updatedAt }, locale);
  const { status, processedRows } = row;
  return {
    id: row.id,
    kind: row.kind,
    status,
    filename: row.filename,
    dryRun: row.dryRun,
    totalRows: row.totalRows,
    processedRows,
    progress: progressOf(status, processedRows, row.totalRows),
    errors: (row.errors as RowError[]).map((e) => presentRowError(e, locale)),
    errorCount: row.errorCount,
    created: row.created,
    updated: row.updated,
    unchanged: row.unchanged,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

type Validated =
  | { kind: 'ledger_items'; rows: LedgerRowValues[]; refs: Awaited<ReturnType<typeof loadLedgerRefs>> }
  | { kind: 'projects'; rows: ProjectRowValues[] };

/** Parses and validates every row; reports progress as rows are checked. */
async function validate(
  deps: ImportDeps,
  actor: Actor,
  kind: ImportKind,
  sheet: ReturnType<typeof readSheet<string>>,
  onProgress: (n: number) => void,
): Promise<{ errors: RowError[]; validated: Validated }> {
  const errors = [...sheet.errors];
  const asOf = today(deps.clock);
  const seen = new Map<string, number>();
  const step = async (i: number) => {
    if (i % 500 === 0) {
      onProgress(i);
      await yieldToLoop();
    }
  };
  if (kind === 'ledger_items') {
    const codes = [
      ...new Set(
        sheet.rows
          .map((r) => r.cells.projectCode)
          .filter((c) => c != null)
          .map(String),
      ),
    ];
    const refs = await loadLedgerRefs(deps.db, actor, codes);
    const rows: LedgerRowValues[] = [];
    for (const [i, r] of sheet.rows.entries()) {
      const v = validateLedgerRow(r as never, sheet.present as never, refs, asOf, seen);
      errors.push(...v.errors);
      if (v.values) rows.push(v.values);
      await step(i);
    }
    return { errors, validated: { kind, rows, refs } };
  }
  const codes = [
    ...new Set(
      sheet.rows
        .map((r) => r.cells.code)
        .filter((c) => c != null)
        .map(String),
    ),
  ];
  const refs = await loadProjectRefs(deps.db, actor, codes);
  const rows: ProjectRowValues[] = [];
  for (const [i, r] of sheet.rows.entries()) {
    const v = validateProjectRow(r as never, sheet.present as never, refs, seen);
    errors.push(...v.errors);
    if (v.values) rows.push(v.values);
    await step(i);
  }
  return { errors, validated: { kind, rows } };
}

export interface UploadedFile {
  filename: string;
  buffer: Buffer;
}

export function requireImport(actor: Actor): void {
  if (!ledgerPolicy.canImport(actor)) throw new AppError('FORBIDDEN');
}

async function parse(kind: ImportKind, file: UploadedFile) {
  const type = await fileTypeFromBuffer(file.buffer);
  if (type?.ext !== 'xlsx') throw new AppError('UNSUPPORTED_FILE_TYPE', { expected: 'xlsx', detected: type?.mime ?? null });
  const raw = await sheetRows(file.buffer);
  if (!raw) throw new AppError('UNSUPPORTED_FILE_TYPE', { expected: 'xlsx' });
  const columns = kind === 'ledger_items' ? ledgerImportColumns : projectImportColumns;
  const sheet = readSheet<string>(raw, columns as never);
  if (sheet.rows.length > MAX_ROWS)
    sheet.errors.push({ row: sheet.rows[MAX_ROWS]!.row, column: '', code: 'too_many_rows', params: { max: MAX_ROWS } });
  return sheet;
}

/** Starts an import. Returns the job and whether it has finished (200) or runs on (202). */
export async function startImport(
  deps: ImportDeps,
  actor: Actor,
  kind: ImportKind,
  file: UploadedFile,
  dryRun: boolean,
  ctx: AuditContext,
  locale: Locale,
): Promise<{ job: ImportJob; finished: boolean }> {
  requireImport(actor);
  const sheet = await parse(kind, file);
  const total = sheet.rows.length;
  const filename = file.filename.slice(-200);
  const now = deps.clock.now();

  if (dryRun) {
    const { errors, validated } = await validate(deps, actor, kind, sheet, () => undefined);
    const counts = errors.length
      ? { created: 0, updated: 0, unchanged: 0 }
      : validated.kind === 'ledger_items'
        ? await planLedgerRows(deps.db, validated.rows)
        : await planProjectRows(deps.db, validated.rows);
    return {
      finished: true,
      job: {
        id: null,
        kind,
        status: errors.length ? 'invalid' : 'done',
        filename,
        dryRun: true,
        totalRows: total,
        processedRows: total,
        progress: 1,
        errors: errors.slice(0, MAX_LISTED_ERRORS).map((e) => presentRowError(e, locale)),
        errorCount: errors.length,
        ...counts,
        createdAt: now.toISOString(),
        finishedAt: now.toISOString(),
      },
    };
  }

  const job = await repo.insertJob(deps.db, {
    kind,
    status: 'validating',
    filename,
    regionCode: actor.regionCode,
    totalRows: total,
    createdBy: actor.id,
    createdAt: now,
    updatedAt: now,
  });
  const work = run(deps, actor, job, sheet, ctx);
  if (total <= SYNC_ROW_LIMIT) {
    await work;
    return { finished: true, job: present(deps, (await repo.findJob(deps.db, job.id))!, locale) };
  }
  const tracked = work.catch(() => undefined);
  deps.pending.add(tracked);
  void tracked.finally(() => deps.pending.delete(tracked));
  return { finished: false, job: present(deps, job, locale) };
}

async function run(
  deps: ImportDeps,
  actor: Actor,
  job: repo.ImportRow,
  sheet: ReturnType<typeof readSheet<string>>,
  ctx: AuditContext,
) {
  const progress = trackProgress(deps, job.id);
  try {
    const { errors, validated } = await validate(deps, actor, job.kind, sheet, (n) => progress.report('validating', n));
    if (errors.length) {
      progress.stop();
      const at = deps.clock.now();
      await repo.updateJob(deps.db, job.id, {
        status: 'invalid',
        processedRows: job.totalRows,
        errors: errors.slice(0, MAX_LISTED_ERRORS),
        errorCount: errors.length,
        finishedAt: at,
        updatedAt: at,
      });
      return;
    }
    progress.report('importing', 0);
    const now = deps.clock.now();
    const applyCtx = {
      actor,
      ip: ctx.ip,
      now,
      asOf: today(deps.clock),
      onProgress: (n: number) => progress.report('importing', n),
    };
    await deps.db.transaction(async (tx) => {
      const c =
        validated.kind === 'ledger_items'
          ? await applyLedgerRows(tx, validated.rows, validated.refs, applyCtx)
          : await applyProjectRows(tx, validated.rows, applyCtx);
      // the job itself is audited only when it changed something: a repeated import leaves no trace
      if (c.created + c.updated > 0)
        await writeAudit(
          tx,
          ctx,
          {
            action: 'import',
            entity: 'import',
            entityId: job.id,
            regionCode: actor.regionCode,
            after: { kind: job.kind, filename: job.filename, ...c },
          },
          now,
        );
      // the outcome commits with the rows: 'done' exactly when they are written, and a job that dies
      // before the commit has written nothing, whatever its row last said
      progress.stop();
      const at = deps.clock.now();
      await repo.updateJob(tx, job.id, { status: 'done', processedRows: job.totalRows, ...c, finishedAt: at, updatedAt: at });
    });
  } catch (e) {
    progress.stop();
    const at = deps.clock.now();
    await repo.updateJob(deps.db, job.id, {
      status: 'failed',
      errors: [{ row: 0, column: '', code: 'internal' }],
      errorCount: 1,
      finishedAt: at,
      updatedAt: at,
    });
    throw e;
  } finally {
    await progress.release();
  }
}

/** Start-up: running jobs whose heartbeat stopped lost their process; record them as failed. */
export async function failStaleImports(deps: Pick<ImportDeps, 'db' | 'clock'>): Promise<number> {
  const now = deps.clock.now();
  return repo.failStaleJobs(deps.db, new Date(now.getTime() - STALE_AFTER_MS), now, [interrupted]);
}

/** A job its starter, or the office of its region, may see. */
export async function getImport(deps: PresentDeps & { db: Db }, actor: Actor, id: number, locale: Locale): Promise<ImportJob> {
  const row = await repo.findJob(deps.db, id);
  if (!row || !inRegion(actor, row.regionCode)) throw new AppError('NOT_FOUND');
  if (row.createdBy !== actor.id && !hasRole(actor, 'admin', 'office')) throw new AppError('NOT_FOUND');
  return present(deps, row, locale);
}
