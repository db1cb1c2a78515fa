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
import { uploadMessages, type ImportHeader, type ImportJob, type ImportKind } from '@kpc/contracts';
import { shanghaiDate } from '@kpc/domain';
import { writeAudit } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import { hasRole, inRegion, type Actor } from '../../lib/policy.js';
import { fieldError, type RequestContext } from '../../lib/request-context.js';
import { ledgerPolicy } from '../ledger/ledger.policy.js';
import { ImportRowConflict, presentRowError, type Importer } from './importer.js';
import { importerOf } from './importers.js';
import * as repo from './imports.repository.js';
import { savedMappingFor } from './import-mappings.service.js';
import {
  readOfficeSheet,
  readSheet,
  sheetGrid,
  sheetRows,
  type ParsedSheet,
  type Reading,
  type RowError,
} from './imports.sheet.js';

/** Files up to this many rows are imported within the request. */
export const SYNC_ROW_LIMIT = 2_000;
export const MAX_ROWS = 50_000;
/** Bad cells listed in the job (all are counted). */
const MAX_LISTED_ERRORS = 500;
/** Readings (原文 → 读作) and skipped rows listed in the job. */
const MAX_LISTED_READINGS = 2_000;

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

/** Jobs still running, so closing the app waits for them. */
export type PendingImports = Set<Promise<unknown>>;

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
function trackProgress(ctx: RequestContext, id: number): ProgressTracker {
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
      await repo.reportProgress(ctx.db, id, latest, ctx.clock.now()).catch(() => undefined);
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

function present(ctx: RequestContext, row: repo.ImportRow): ImportJob {
  if (isRunning(row.status) && ctx.now.getTime() - row.updatedAt.getTime() > STALE_AFTER_MS)
    return present(ctx, { ...row, status: 'failed', errors: [interrupted], errorCount: 1, finishedAt: row.updatedAt });
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
    errors: (row.errors as RowError[]).map((e) => presentRowError(e, ctx.locale)),
    errorCount: row.errorCount,
    created: row.created,
    updated: row.updated,
    unchanged: row.unchanged,
    readings: row.readings as Reading[],
    skipped: row.skipped as ImportJob['skipped'],
    header: null,
    savedMapping: null,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

interface Validated {
  rows: unknown[];
  refs: unknown;
  /** The column mapping and every interpreted cell, in sheet order. */
  readings: Reading[];
}

/** Parses and validates every row; reports progress as rows are checked. */
async function validate(
  ctx: RequestContext,
  importer: Importer,
  sheet: ParsedSheet<string>,
  onProgress: (n: number) => void,
): Promise<{ errors: RowError[]; validated: Validated }> {
  const errors = [...sheet.errors];
  // an office sheet missing a required column: that one message, not one per row
  if (errors.length && sheet.layout.office) return { errors, validated: { rows: [], refs: null, readings: sheet.readings } };
  const check = { asOf: shanghaiDate(ctx.clock.now()), seen: new Map<string, number>(), counters: new Map<string, number>() };
  const refs = await importer.loadRefs(ctx, sheet.rows, sheet.layout);
  const rows: unknown[] = [];
  const readings = [...sheet.readings];
  for (const [i, r] of sheet.rows.entries()) {
    const v = importer.validateRow(r, sheet.present, refs, check, sheet.layout);
    errors.push(...v.errors);
    if (v.readings && readings.length < MAX_LISTED_READINGS) readings.push(...v.readings);
    if (v.values) rows.push(v.values);
    if (i % 500 === 0) {
      onProgress(i);
      await yieldToLoop();
    }
  }
  return { errors, validated: { rows, refs, readings: readings.slice(0, MAX_LISTED_READINGS) } };
}

export interface UploadedFile {
  filename: string;
  buffer: Buffer;
}

export function requireImport(actor: Actor): void {
  if (!ledgerPolicy.canImport(actor)) throw new AppError('FORBIDDEN');
}

/** Column index (0 = A) → field, or null to ignore the column: the user's correction of the detected mapping. */
export type ColumnMapping = ReadonlyMap<number, string | null>;

/** The `mapping` query parameter: {"6":"deadline","9":null} with 1-based column numbers and the importer's fields. */
export function parseMapping(ctx: RequestContext, importer: Importer, text: string | undefined): ColumnMapping | undefined {
  if (text === undefined) return undefined;
  if (!importer.office) throw fieldError('VALIDATION_FAILED', 'mapping', ctx.locale, uploadMessages.mapping_unsupported);
  const invalid = () => fieldError('VALIDATION_FAILED', 'mapping', ctx.locale, uploadMessages.mapping_invalid);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid();
  const fields = new Set(importer.office.fields.map((f) => f.key));
  const mapping = new Map<number, string | null>();
  for (const [column, field] of Object.entries(parsed)) {
    if (!/^\d{1,4}$/.test(column) || Number(column) < 1) throw invalid();
    if (field !== null && (typeof field !== 'string' || !fields.has(field))) throw invalid();
    mapping.set(Number(column) - 1, field);
  }
  return mapping;
}

const columnLetter = (index: number): string =>
  index < 26
    ? String.fromCharCode(65 + index)
    : columnLetter(Math.floor(index / 26) - 1) + String.fromCharCode(65 + (index % 26));

/** The header band and column mapping as the dry run shows them, with the fields a column may take. */
function headerOf(importer: Importer, sheet: ParsedSheet<string>): ImportHeader | null {
  if (!sheet.header || !importer.office) return null;
  const groups = importer.office.requireOneOf ?? [];
  return {
    rows: sheet.header.rows,
    signature: sheet.header.signature,
    columns: sheet.header.columns.map((c) => ({
      column: c.index + 1,
      letter: columnLetter(c.index),
      header: c.header,
      sample: c.sample,
      field: c.field,
      source: c.source,
    })),
    fields: importer.office.fields.map((f) => {
      const group = groups.find((g) => g.includes(f.key));
      return {
        key: f.key,
        label: f.label,
        required: Boolean(f.required),
        oneOf: group ? group.filter((k) => k !== f.key) : null,
      };
    }),
  };
}

interface Parsed {
  sheet: ParsedSheet<string>;
  /** The saved mapping applied because its header signature matches the sheet. */
  saved: { id: number; name: string } | null;
}

async function parse(ctx: RequestContext, importer: Importer, file: UploadedFile, mapping?: ColumnMapping): Promise<Parsed> {
  const type = await fileTypeFromBuffer(file.buffer);
  if (type?.ext !== 'xlsx') throw new AppError('UNSUPPORTED_FILE_TYPE', { expected: 'xlsx', detected: type?.mime ?? null });
  const raw = await sheetRows(file.buffer);
  if (!raw) throw new AppError('UNSUPPORTED_FILE_TYPE', { expected: 'xlsx' });
  let sheet = readSheet<string>(raw, importer.columns);
  let saved: Parsed['saved'] = null;
  // not our template, or a mapping given: read it as the office keeps it (header band, merged cells, totals)
  if ((sheet.errors.length || mapping) && importer.office) {
    const grid = await sheetGrid(file.buffer);
    let office = grid && readOfficeSheet<string>(grid, importer.office, mapping);
    // the office saved a mapping for this header band: it applies, the caller's corrections over it
    const found = office?.header && (await savedMappingFor(ctx, importer.kind, office.header.signature));
    if (grid && found) {
      const merged = new Map(found.columns);
      const sources = new Map<number, 'saved' | 'user'>([...found.columns.keys()].map((i) => [i, 'saved']));
      for (const [i, f] of mapping ?? []) {
        merged.set(i, f);
        sources.set(i, 'user');
      }
      office = readOfficeSheet<string>(grid, importer.office, merged, { sources, savedName: found.name }) ?? office;
      saved = { id: found.id, name: found.name };
    }
    if (office) sheet = office;
  }
  if (sheet.rows.length > MAX_ROWS)
    sheet.errors.push({ row: sheet.rows[MAX_ROWS]!.row, column: '', code: 'too_many_rows', params: { max: MAX_ROWS } });
  return { sheet, saved };
}

/** Starts an import. Returns the job and whether it has finished (200) or runs on (202). */
export async function startImport(
  ctx: RequestContext,
  pending: PendingImports,
  kind: ImportKind,
  file: UploadedFile,
  dryRun: boolean,
  mapping?: ColumnMapping,
): Promise<{ job: ImportJob; finished: boolean }> {
  const { actor } = ctx;
  requireImport(actor);
  const importer = importerOf(kind);
  const { sheet, saved } = await parse(ctx, importer, file, mapping);
  const total = sheet.rows.length;
  const filename = file.filename.slice(-200);
  const now = ctx.clock.now();

  if (dryRun) {
    const { errors, validated } = await validate(ctx, importer, sheet, () => undefined);
    const counts = errors.length
      ? { created: 0, updated: 0, unchanged: 0 }
      : await importer.plan(ctx.db, validated.rows, validated.refs);
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
        errors: errors.slice(0, MAX_LISTED_ERRORS).map((e) => presentRowError(e, ctx.locale)),
        errorCount: errors.length,
        ...counts,
        readings: validated.readings,
        skipped: sheet.skipped.slice(0, MAX_LISTED_READINGS),
        header: headerOf(importer, sheet),
        savedMapping: saved,
        createdAt: now.toISOString(),
        finishedAt: now.toISOString(),
      },
    };
  }

  const job = await repo.insertJob(ctx.db, {
    kind,
    status: 'validating',
    filename,
    regionCode: actor.regionCode,
    totalRows: total,
    skipped: sheet.skipped.slice(0, MAX_LISTED_READINGS),
    createdBy: actor.id,
    createdAt: now,
    updatedAt: now,
  });
  const work = run(ctx, importer, job, sheet);
  if (total <= SYNC_ROW_LIMIT) {
    await work;
    return { finished: true, job: present({ ...ctx, now: ctx.clock.now() }, (await repo.findJob(ctx.db, job.id))!) };
  }
  const tracked = work.catch(() => undefined);
  pending.add(tracked);
  void tracked.finally(() => pending.delete(tracked));
  return { finished: false, job: present({ ...ctx, now: ctx.clock.now() }, job) };
}

/** Records a refused import: nothing was written, each reason listed. */
async function refuse(ctx: RequestContext, job: repo.ImportRow, errors: RowError[], readings: Reading[] = []) {
  const at = ctx.clock.now();
  await repo.updateJob(ctx.db, job.id, {
    status: 'invalid',
    readings,
    processedRows: job.totalRows,
    errors: errors.slice(0, MAX_LISTED_ERRORS),
    errorCount: errors.length,
    finishedAt: at,
    updatedAt: at,
  });
}

async function run(ctx: RequestContext, importer: Importer, job: repo.ImportRow, sheet: ParsedSheet<string>) {
  const progress = trackProgress(ctx, job.id);
  try {
    const { errors, validated } = await validate(ctx, importer, sheet, (n) => progress.report('validating', n));
    if (errors.length) {
      progress.stop();
      await refuse(ctx, job, errors, validated.readings);
      return;
    }
    progress.report('importing', 0);
    const at = ctx.clock.now();
    const opts = { at, asOf: shanghaiDate(at), onProgress: (n: number) => progress.report('importing', n) };
    try {
      await ctx.db.transaction(async (tx) => {
        const c = await importer.apply(tx, ctx, validated.rows, validated.refs, opts);
        // the job itself is audited only when it changed something: a repeated import leaves no trace
        if (c.created + c.updated > 0)
          await writeAudit(
            tx,
            ctx.audit,
            {
              action: 'import',
              entity: 'import',
              entityId: job.id,
              regionCode: ctx.actor.regionCode,
              after: { kind: job.kind, filename: job.filename, ...c },
            },
            at,
          );
        // the outcome commits with the rows: 'done' exactly when they are written, and a job that dies
        // before the commit has written nothing, whatever its row last said
        progress.stop();
        const done = ctx.clock.now();
        await repo.updateJob(tx, job.id, {
          status: 'done',
          processedRows: job.totalRows,
          ...c,
          readings: validated.readings,
          finishedAt: done,
          updatedAt: done,
        });
      });
    } catch (e) {
      // a record changed by someone else while the import ran: rolled back, reported on its row
      if (!(e instanceof ImportRowConflict)) throw e;
      progress.stop();
      await refuse(ctx, job, [e.rowError]);
    }
  } catch (e) {
    progress.stop();
    const at = ctx.clock.now();
    await repo.updateJob(ctx.db, job.id, {
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

/**
 * Start-up: running jobs whose heartbeat stopped lost their process; record them as failed. When
 * this process is the only one on the database (the embedded default, held by the data-directory
 * lock), every running job lost its process: all are failed at once, not after the heartbeat window.
 */
export async function failStaleImports(ctx: RequestContext, opts: { soleInstance: boolean }): Promise<number> {
  const before = opts.soleInstance ? ctx.now : new Date(ctx.now.getTime() - STALE_AFTER_MS);
  return repo.failStaleJobs(ctx.db, before, ctx.now, [interrupted]);
}

/** A job its starter, or the office of its region, may see. */
export async function getImport(ctx: RequestContext, id: number): Promise<ImportJob> {
  const { actor } = ctx;
  const row = await repo.findJob(ctx.db, id);
  if (!row || !inRegion(actor, row.regionCode)) throw new AppError('NOT_FOUND');
  if (row.createdBy !== actor.id && !hasRole(actor, 'admin', 'office')) throw new AppError('NOT_FOUND');
  return present(ctx, row);
}
