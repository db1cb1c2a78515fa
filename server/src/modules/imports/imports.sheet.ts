/**
 * Reading an office sheet: find the header row by its Chinese headers, then turn each data row into
 * cells keyed by column, skipping the merged project header rows the export writes between projects.
 * Converters turn a cell into a value or a reason code, so every bad cell is reported, not just the first.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  detectHeaderBand,
  fillMergedDown,
  isBlankRow,
  isTotalRow,
  mergedRangeFromA1,
  type AmountUnit,
  type MergedRange,
  type SheetField,
} from '@kpc/domain';

export type CellValue = string | number | Date | null;

export interface ColumnSpec<K extends string = string> {
  key: K;
  header: string;
  /** Other headers accepted for this column (older sheets). */
  aliases?: readonly string[];
  /** The column must be present (a cell may still be blank unless the importer says otherwise). */
  required?: boolean;
}

export interface SheetRow<K extends string> {
  /** Row number as Excel shows it (1-based). */
  row: number;
  cells: Partial<Record<K, CellValue>>;
}

/** A problem with one cell; `code` is localised when the job is read. */
export interface RowError {
  row: number;
  column: string;
  code: string;
  params?: Record<string, string | number>;
}

/**
 * The error-collecting readers every importer's `validateRow` uses on one row: `take` keeps a
 * converted value or records why it is bad, `need` records a blank required cell.
 */
export function rowChecker<K extends string>(row: number, columnOf: (k: K) => string) {
  const errors: RowError[] = [];
  const push = (k: K, code: string, params?: Record<string, string | number>) =>
    errors.push({ row, column: columnOf(k), code, params });
  const take = <T>(k: K, c: Converted<T>): T | undefined => {
    if (c.ok) return c.value;
    push(k, c.code, c.params);
    return undefined;
  };
  const need = <T>(k: K, v: T | null | undefined): T | undefined => {
    if (v === null) push(k, 'required');
    return v ?? undefined;
  };
  return { errors, push, take, need };
}

/** How one cell was read (原文 → 读作), for the preview. */
export interface Reading {
  row: number;
  column: string;
  original: string;
  reading: string;
}

/** A row left out on purpose (blank, 合计 / 小计, a group heading). */
export interface SkippedRow {
  row: number;
  reason: string;
}

/** How the sheet is laid out: our template, or an office's own sheet read by header detection. */
export interface SheetLayout<K extends string> {
  office: boolean;
  /** The sheet's own header text of each mapped field (the column named in row errors). */
  headers: Partial<Record<K, string>>;
  /** The amount unit a note row above the header states (单位：万元), if any. */
  amountUnit?: AmountUnit;
}

const AMOUNT_UNIT_NAMES: [RegExp, AmountUnit][] = [
  [/亿元/, 'yi'],
  [/万元/, 'wan'],
  [/元/, 'yuan'],
];

/** The unit an amount column is in: its header's (总投资（亿元）), else the sheet's note row, else 万元 as in the template. */
export function amountUnitOf(header: string | undefined, sheetUnit: AmountUnit | undefined): AmountUnit {
  const stated = header && /[(（]([^)）]*)[)）]/.exec(header)?.[1];
  const own = stated ? AMOUNT_UNIT_NAMES.find(([re]) => re.test(stated))?.[1] : undefined;
  return own ?? sheetUnit ?? 'wan';
}

export interface ParsedSheet<K extends string> {
  headerRow: number;
  /** Columns found in the sheet (absent optional columns leave their fields alone). */
  present: Set<K>;
  rows: SheetRow<K>[];
  errors: RowError[];
  layout: SheetLayout<K>;
  /** The column mapping as read (office sheets only). */
  readings: Reading[];
  skipped: SkippedRow[];
  /** An office sheet's header band and each column's field (the import screen's mapping step). */
  header?: SheetHeader<K>;
}

/** How a column's field was chosen: by its header's name or synonym, a saved mapping, the user, or not at all. */
export type ColumnSource = 'detected' | 'saved' | 'user' | 'none';

export interface SheetHeader<K extends string> {
  /** First and last Excel row of the header band (1-based). */
  rows: [number, number];
  /** The band's normalised header cells with their column numbers: how a saved mapping knows the layout. */
  signature: string;
  columns: { index: number; header: string; sample: string | null; field: K | null; source: ColumnSource }[];
}

/** How an importer reads an office's own sheet: its fields with their synonyms. */
export interface OfficeLayout<K extends string> {
  fields: readonly (SheetField<K> & { label: string })[];
  /** At least one field of each group must be mapped (a project by its code or its name). */
  requireOneOf?: readonly (readonly K[])[];
}

const norm = (s: string) => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');

export function cellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return cellValue(v.richText.map((t) => t.text).join(''));
    if ('result' in v) return cellValue((v.result ?? null) as ExcelJS.CellValue);
    if ('text' in v) return cellValue(typeof v.text === 'string' ? v.text : null);
    if ('error' in v) return null;
  }
  return null;
}

/**
 * Reads the first worksheet with exceljs's streaming reader (about half the time of a full load).
 * Null when the bytes are not a readable workbook.
 */
export async function sheetRows(buffer: Buffer): Promise<{ row: number; values: CellValue[] }[] | null> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buffer), {
    sharedStrings: 'cache',
    styles: 'cache', // date-formatted numbers arrive as dates
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  const out: { row: number; values: CellValue[] }[] = [];
  try {
    for await (const ws of reader) {
      for await (const row of ws) {
        const raw = row.values as ExcelJS.CellValue[];
        out.push({ row: row.number, values: Array.from(raw, (v) => cellValue(v ?? null)) });
      }
      break; // the first sheet only
    }
  } catch {
    // ExcelJS's streaming reader now and then fails on a valid file (seen in CI on a sheet read fine
    // the moment before): read it whole instead; a file that is not a workbook fails there too
    return sheetRowsWhole(buffer);
  }
  return out;
}

/** The rows of the first sheet, as `sheetRows` gives them, from the whole workbook loaded at once. */
export async function sheetRowsWhole(buffer: Buffer): Promise<{ row: number; values: CellValue[] }[] | null> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  const ws = wb.worksheets[0];
  if (!ws) return null;
  const out: { row: number; values: CellValue[] }[] = [];
  ws.eachRow((row) => {
    const raw = row.values as ExcelJS.CellValue[];
    out.push({ row: row.number, values: Array.from(raw, (v) => cellValue(v ?? null)) });
  });
  return out;
}

export function readSheet<K extends string>(
  sheet: { row: number; values: CellValue[] }[],
  columns: readonly ColumnSpec<K>[],
): ParsedSheet<K> {
  const wanted = new Map<string, ColumnSpec<K>>();
  for (const c of columns) for (const h of [c.header, ...(c.aliases ?? [])]) wanted.set(norm(h), c);
  // the header row is the first of the top rows naming at least two required columns
  let headerIndex = -1;
  const colOf = new Map<K, number>();
  for (let i = 0; i < Math.min(sheet.length, 10) && headerIndex < 0; i++) {
    const found = new Map<K, number>();
    sheet[i]!.values.forEach((v, col) => {
      const spec = typeof v === 'string' ? wanted.get(norm(v)) : undefined;
      if (spec && !found.has(spec.key)) found.set(spec.key, col);
    });
    if ([...found.keys()].filter((k) => columns.find((c) => c.key === k)?.required).length >= 2) {
      headerIndex = i;
      for (const [k, c] of found) colOf.set(k, c);
    }
  }
  const errors: RowError[] = [];
  if (headerIndex < 0) {
    errors.push({ row: 1, column: columns.find((c) => c.required)?.header ?? '', code: 'no_header' });
    return {
      headerRow: 0,
      present: new Set(),
      rows: [],
      errors,
      layout: { office: false, headers: {} },
      readings: [],
      skipped: [],
    };
  }
  const headerRow = sheet[headerIndex]!.row;
  const layout = { office: false, headers: Object.fromEntries(columns.map((c) => [c.key, c.header])) as Record<K, string> };
  for (const c of columns)
    if (c.required && !colOf.has(c.key)) errors.push({ row: headerRow, column: c.header, code: 'missing_column' });

  const rows: SheetRow<K>[] = [];
  const firstCol = Math.min(...colOf.values());
  for (const raw of sheet.slice(headerIndex + 1)) {
    const cells: Partial<Record<K, CellValue>> = {};
    let filled = 0;
    for (const [k, col] of colOf) {
      const v = raw.values[col] ?? null;
      cells[k] = v;
      if (v !== null) filled++;
    }
    if (filled === 0) continue;
    // a project header row between groups (merged across in the export): text in its first cell only
    const first = raw.values[firstCol] ?? null;
    const others = raw.values.filter((v, col) => col !== firstCol && v !== null && v !== undefined).length;
    if (others === 0 && typeof first === 'string' && !/^\d+$/.test(first)) continue;
    rows.push({ row: raw.row, cells });
  }
  return { headerRow, present: new Set(colOf.keys()), rows, errors, layout, readings: [], skipped: [] };
}

/**
 * Loads the first worksheet whole (not streamed), so its merged ranges are known: rows as arrays
 * with column A at index 0, row 1 at index 0. Null when the bytes are not a readable workbook.
 */
export async function sheetGrid(buffer: Buffer): Promise<{ rows: CellValue[][]; merges: MergedRange[] } | null> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  const ws = wb.worksheets[0];
  if (!ws) return null;
  const rows: CellValue[][] = [];
  const width = ws.columnCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    rows.push(Array.from({ length: width }, (_, c) => cellValue(row.getCell(c + 1).value)));
  }
  const merges = (ws.model.merges ?? []).map(mergedRangeFromA1).filter((m): m is MergedRange => m !== null);
  return { rows, merges };
}

const shown = (v: CellValue) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null ? '' : String(v));

/**
 * Reads an office's own sheet: merged cells filled down, the header band (one or two rows under any
 * title and unit rows) found and mapped to the fields by their synonyms, blank, 合计 / 小计 and group
 * heading rows skipped and listed. A required field no column names is one error for the whole sheet.
 * `mapping` (column index, 0 = A → field, or null to ignore the column) overrides the detected one.
 */
export function readOfficeSheet<K extends string>(
  grid: { rows: CellValue[][]; merges: MergedRange[] },
  office: OfficeLayout<K>,
  mapping?: ReadonlyMap<number, K | null>,
  opts: { sources?: ReadonlyMap<number, 'saved' | 'user'>; savedName?: string } = {},
): ParsedSheet<K> | null {
  const filled = fillMergedDown(grid.rows, grid.merges);
  const band = detectHeaderBand(filled, office.fields);
  if (!band.headerRows) return null;
  const headerRow = band.headerRows[1] + 1;
  const signature = band.columns.map((c) => `${c.index + 1}:${norm(c.header)}`).join('|');
  const sourceOf = (index: number): 'saved' | 'user' => opts.sources?.get(index) ?? 'user';
  const columns = band.columns.map((c) => {
    if (!mapping?.has(c.index)) return c;
    const field = mapping.get(c.index) ?? undefined;
    return { ...c, field, score: field ? 3 : 0 };
  });
  if (mapping)
    for (const [index, field] of mapping)
      if (field && !columns.some((c) => c.index === index)) columns.push({ index, header: `第${index + 1}列`, field, score: 3 });
  const suffix = (index: number) =>
    !mapping?.has(index) ? '' : sourceOf(index) === 'saved' ? `（按模板“${opts.savedName ?? ''}”）` : '（按指定）';
  // a field mapped twice by the override keeps its first column
  const colOf = new Map<K, number>();
  const headers: Partial<Record<K, string>> = {};
  for (const c of columns)
    if (c.field && !colOf.has(c.field)) {
      colOf.set(c.field, c.index);
      headers[c.field] = c.header;
    }
  const labelOf = (k: K) => office.fields.find((f) => f.key === k)?.label ?? k;
  // 单位：万元 above the header: the unit of amount columns whose header does not say
  let amountUnit: AmountUnit | undefined;
  for (const row of filled.slice(0, band.headerRows[0]))
    for (const v of row) {
      const unit = typeof v === 'string' ? /单位\s*[:：]\s*(亿元|万元|元)/.exec(v)?.[1] : undefined;
      if (unit && !amountUnit) amountUnit = AMOUNT_UNIT_NAMES.find(([re]) => re.test(unit))![1];
    }
  const errors: RowError[] = [];
  const missing = (k: K) => {
    const f = office.fields.find((x) => x.key === k)!;
    errors.push({
      row: headerRow,
      column: f.label,
      code: 'missing_field',
      params: { field: f.label, synonyms: f.synonyms.join('、') },
    });
  };
  for (const f of office.fields) if (f.required && !colOf.has(f.key)) missing(f.key);
  for (const group of office.requireOneOf ?? []) if (!group.some((k) => colOf.has(k))) missing(group[0]!);

  const readings: Reading[] = columns
    .sort((a, b) => a.index - b.index)
    .map((c) => ({
      row: headerRow,
      column: c.header,
      original: c.header,
      reading: (c.field && colOf.get(c.field) === c.index ? `列 → ${labelOf(c.field)}` : '列 → 不导入') + suffix(c.index),
    }));
  const samples = new Map<number, string>();
  const rows: SheetRow<K>[] = [];
  const skipped: SkippedRow[] = [];
  for (let i = band.headerRows[1] + 1; i < filled.length; i++) {
    const raw = filled[i]!;
    const row = i + 1;
    if (isBlankRow(raw)) {
      skipped.push({ row, reason: '空行' });
      continue;
    }
    if (isTotalRow(raw)) {
      skipped.push({ row, reason: '合计 / 小计行' });
      continue;
    }
    const cells: Partial<Record<K, CellValue>> = {};
    const texts = new Set<string>();
    for (const [k, col] of colOf) {
      const v = raw[col] ?? null;
      cells[k] = v;
      if (v !== null) texts.add(shown(v));
    }
    // a group heading (一、产业项目) merged across, or a project cell merged over an empty line
    if (texts.size <= 1) {
      skipped.push({ row, reason: texts.size ? `分组标题行“${[...texts][0]}”` : '空行' });
      continue;
    }
    rows.push({ row, cells });
    // each column's first filled data cell: the sample the mapping step shows
    if (samples.size < columns.length && rows.length <= 50)
      for (const c of columns) if (!samples.has(c.index) && raw[c.index] != null) samples.set(c.index, shown(raw[c.index]!));
  }
  const header: SheetHeader<K> = {
    rows: [band.headerRows[0] + 1, band.headerRows[1] + 1],
    signature,
    columns: columns.map((c) => {
      const field = c.field && colOf.get(c.field) === c.index ? c.field : null;
      const source: ColumnSource = mapping?.has(c.index) ? sourceOf(c.index) : field ? 'detected' : 'none';
      return { index: c.index, header: c.header, sample: samples.get(c.index)?.slice(0, 60) ?? null, field, source };
    }),
  };
  return {
    headerRow,
    present: new Set(colOf.keys()),
    rows,
    errors,
    layout: { office: true, headers, amountUnit },
    readings,
    skipped,
    header,
  };
}

// ---- converters: value, or a reason code with its parameters ----

export type Converted<T> = { ok: true; value: T } | { ok: false; code: string; params?: Record<string, string | number> };
const ok = <T>(value: T): Converted<T> => ({ ok: true, value });
const bad = (code: string, params?: Record<string, string | number>): Converted<never> => ({ ok: false, code, params });

const pad = (n: number) => String(n).padStart(2, '0');

function validYmd(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  if (y < 1900 || y > 2200) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** A calendar date: an Excel date, an Excel serial number, or text like 2026-07-16, 2026/7/16, 2026年7月16日. */
export function toDate(v: CellValue): Converted<string | null> {
  if (v === null) return ok(null);
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return bad('invalid_date');
    // exceljs reads a date cell as UTC midnight of that calendar day
    const s = validYmd(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
    return s ? ok(s) : bad('invalid_date');
  }
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 1 || v > 120_000) return bad('invalid_date');
    const dt = new Date(Date.UTC(1899, 11, 30) + v * 86_400_000);
    return ok(dt.toISOString().slice(0, 10));
  }
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(v);
  const s = m ? validYmd(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  return s ? ok(s) : bad('invalid_date');
}

export function toText(v: CellValue, max: number): Converted<string | null> {
  if (v === null) return ok(null);
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s)) return bad('control_chars');
  if (s.length > max) return bad('too_long', { max });
  return ok(s === '' ? null : s);
}

export function toPositiveInt(v: CellValue, max = 99_999): Converted<number | null> {
  if (v === null) return ok(null);
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > max) return bad('invalid_integer', { max });
  return ok(n);
}

/** 万元 in the sheet → integer yuan (1 万元 = 10,000 元; up to four decimals are exact yuan). */
export function toYuanFromWan(v: CellValue): Converted<number | null> {
  if (v === null) return ok(null);
  const n =
    typeof v === 'number'
      ? v
      : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.replace(/,/g, ''))
        ? Number(v.replace(/,/g, ''))
        : NaN;
  if (!Number.isFinite(n) || n < 0 || n > 100_000_000_000) return bad('invalid_amount');
  return ok(Math.round(n * 10_000));
}

/** A value from a fixed list, by its zh-CN label, English label or key. */
export function toChoice<T extends string>(
  v: CellValue,
  labels: Record<T, { 'zh-CN': string; en: string }>,
  extra: Record<string, T> = {},
): Converted<T | null> {
  if (v === null) return ok(null);
  const s = norm(String(v)).toLowerCase();
  for (const [key, l] of Object.entries(labels) as [T, { 'zh-CN': string; en: string }][])
    if (s === key.toLowerCase() || s === norm(l['zh-CN']).toLowerCase() || s === l.en.toLowerCase()) return ok(key);
  if (extra[s] !== undefined) return ok(extra[s]);
  return bad('invalid_choice', {
    choices: Object.values<{ 'zh-CN': string }>(labels)
      .map((l) => l['zh-CN'])
      .join('/'),
  });
}

/** The distinct non-blank values of one column, as text (the codes an import looks up at once). */
export function distinctTexts<K extends string>(rows: readonly SheetRow<K>[], key: K): string[] {
  return [
    ...new Set(
      rows
        .map((r) => r.cells[key])
        .filter((c) => c != null)
        .map(String),
    ),
  ];
}
