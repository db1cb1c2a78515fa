/**
 * One kind of Excel import. The service reads the sheet with `columns`, checks every row with
 * `validateRow` against the references `loadRefs` fetched once, and, when no row is bad, either
 * counts what would change (`plan`, the dry run) or writes it in the caller's transaction (`apply`)
 * through the same repository functions and audit as the API. A new kind is one new
 * `<kind>.importer.ts` listed in `importers.ts`.
 */
import type { ImportKind, ImportRowError, Locale } from '@kpc/contracts';
import { importReasonText } from '@kpc/contracts';
import type { Executor, Tx } from '../../db/client.js';
import type { RequestContext } from '../../lib/request-context.js';
import type { ColumnSpec, OfficeLayout, Reading, RowError, SheetLayout, SheetRow } from './imports.sheet.js';

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** What every row check shares: today's date, and the keys already seen (a key twice is refused). */
export interface RowCheck {
  asOf: string;
  seen: Map<string, number>;
  /** Running counts an importer keeps across rows (items numbered per project in an office sheet). */
  counters: Map<string, number>;
}

export interface ApplyOptions {
  /** The instant the rows are written at (createdAt, updatedAt, audit). */
  at: Date;
  /** Today in Shanghai (what the audit snapshots call overdue). */
  asOf: string;
  onProgress: (processed: number) => void;
}

export interface Importer<K extends string = string, V = unknown, R = unknown> {
  kind: ImportKind;
  /** The URL segment of its upload route and template: `/imports/<path>`, `/imports/templates/<path>.xlsx`. */
  path: string;
  /** The upload route's summary in the API docs. */
  summary: string;
  columns: readonly ColumnSpec<K>[];
  /** How an office's own sheet is read when it is not in the template layout (header detection). */
  office?: OfficeLayout<K>;
  /** The empty template: the headers `columns` reads, with drop-downs for the fixed lists. */
  template: { filename: string; build(): Promise<Buffer> };
  /** The records the rows refer to (projects by code, units by name…) within the actor's region. */
  loadRefs(ctx: RequestContext, rows: readonly SheetRow<K>[], layout: SheetLayout<K>): Promise<R>;
  /** One row's values, or every bad cell in it; with how each interpreted cell was read. */
  validateRow(
    row: SheetRow<K>,
    present: Set<K>,
    refs: R,
    check: RowCheck,
    layout: SheetLayout<K>,
  ): { values?: V; errors: RowError[]; readings?: Reading[] };
  /** What applying the rows would do, without writing (dry run). */
  plan(db: Executor, rows: V[], refs: R): Promise<ImportCounts>;
  /**
   * Writes the rows inside the caller's transaction with their audit rows. A record changed by
   * someone else since it was read (its version moved on) throws `ImportRowConflict`: nothing is written.
   */
  apply(tx: Tx, ctx: RequestContext, rows: V[], refs: R, opts: ApplyOptions): Promise<ImportCounts>;
}

/** A row whose record changed under the import: the whole import is refused with this row error. */
export class ImportRowConflict extends Error {
  constructor(readonly rowError: RowError) {
    super('import row conflict');
    this.name = 'ImportRowConflict';
  }
}

export const presentRowError = (e: RowError, locale: Locale): ImportRowError => ({
  row: e.row,
  column: e.column,
  reason: importReasonText(e.code, e.params, locale),
});
