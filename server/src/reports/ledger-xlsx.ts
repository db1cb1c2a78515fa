/**
 * The office's ledger sheet 工作台账 (exceljs): a title row, Chinese headers, then per project a
 * merged header row followed by one row per item. The importer reads the same layout back, so the
 * headers here are the contract between export, template and import. A recurring item's 完成时限 is the
 * text 长期 (it has no date); 进展情况 is its latest progress note.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { ledgerStatusLabels, type LedgerStatus } from '@kpc/contracts';

export interface LedgerSheetItem {
  seq: number;
  unitName: string;
  content: string;
  measures: string | null;
  /** null for a recurring item, written 长期. */
  deadline: string | null;
  recurring: boolean;
  ownerName: string | null;
  status: LedgerStatus;
  completedOn: string | null;
  evidenceNote: string | null;
  progressNote: string | null;
  /** The open problems 存在问题 of its project raised for its unit, one a line (the export's last column). */
  openProblems?: string | null;
}

/** The export's column after the template's: read by an office sheet import, left alone by the template's. */
const PROBLEMS_HEADER = '存在问题';

export interface LedgerSheetProject {
  code: string;
  name: string;
  items: LedgerSheetItem[];
}

/** The ledger columns in sheet order: header text, the field it holds, width in characters. */
export const LEDGER_COLUMNS = [
  { header: '序号', key: 'seq', width: 6 },
  { header: '项目编号', key: 'projectCode', width: 14 },
  { header: '项目名称', key: 'projectName', width: 26 },
  { header: '责任单位', key: 'unitName', width: 18 },
  { header: '具体内容', key: 'content', width: 40 },
  { header: '工作措施', key: 'measures', width: 40 },
  { header: '完成时限', key: 'deadline', width: 12 },
  { header: '责任人', key: 'ownerName', width: 10 },
  { header: '状态', key: 'status', width: 9 },
  { header: '完成日期', key: 'completedOn', width: 12 },
  { header: '备注', key: 'evidenceNote', width: 30 },
  { header: '进展情况', key: 'progressNote', width: 36 },
] as const;

/** What the 完成时限 cell of a recurring item says; the import reads it back as recurring. */
export const RECURRING_DEADLINE_TEXT = '长期';

export type LedgerColumnKey = (typeof LEDGER_COLUMNS)[number]['key'];

const DATE_FORMAT = 'yyyy-mm-dd';
const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** A 'YYYY-MM-DD' as an Excel date (UTC midnight, which exceljs writes as that calendar day). */
export const excelDate = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);

/** A drop-down list on a column from `fromRow` down (exceljs has it at runtime, not in its types). */
export function addListValidation(ws: ExcelJS.Worksheet, key: string, fromRow: number, values: string[]): void {
  const letter = ws.getColumn(key).letter;
  const dv = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  dv.add(`${letter}${fromRow}:${letter}20000`, { type: 'list', allowBlank: true, formulae: [`"${values.join(',')}"`] });
}

export type AnyWorkbook = ExcelJS.Workbook | ExcelJS.stream.xlsx.WorkbookWriter;

/**
 * A sheet as the office's lists are laid out: a merged title row, a bold shaded header row, the columns'
 * widths, the header frozen. The ledger and the problem list (export and template) all start with it.
 */
export function titledSheet(
  wb: AnyWorkbook,
  name: string,
  title: string,
  columns: readonly { key: string; header: string; width: number }[],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  ws.mergeCells(1, 1, 1, columns.length);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { bold: true, size: 16 };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  const header = ws.getRow(2);
  header.values = columns.map((c) => c.header);
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.eachCell((c) => {
    c.border = border;
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  });
  return ws;
}

/** Title, header row, widths, frozen header: shared by the export and the empty template. */
export function ledgerSheet(wb: AnyWorkbook, title: string): ExcelJS.Worksheet {
  const ws = titledSheet(wb, '台账', title, LEDGER_COLUMNS);
  // a drop-down of the four statuses, so a filled-in template imports cleanly
  addListValidation(
    ws,
    'status',
    3,
    Object.values(ledgerStatusLabels).map((l) => l['zh-CN']),
  );
  return ws;
}

/** Streams rows into the workbook (exceljs's streaming writer: about half the time, bounded memory). */
export async function writeLedgerWorkbook(
  projects: readonly LedgerSheetProject[],
  opts: { title: string; asOf: string },
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '重点项目调度督办平台';
  const ws = ledgerSheet(wb, `${opts.title}（截至 ${opts.asOf}）`);
  const last = LEDGER_COLUMNS.length;
  ws.getColumn(last + 1).width = 36;
  const problemsHeader = ws.getRow(2).getCell(last + 1);
  problemsHeader.value = PROBLEMS_HEADER;
  problemsHeader.style = { ...ws.getRow(2).getCell(last).style };
  ws.getRow(1).commit();
  ws.getRow(2).commit();
  for (const p of projects) {
    const group = ws.addRow([`${p.code}\u3000${p.name}（${p.items.length} 项）`]);
    ws.mergeCells(group.number, 1, group.number, last);
    group.font = { bold: true };
    group.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    group.getCell(1).border = border;
    group.commit();
    for (const i of p.items) {
      const row = ws.addRow({
        seq: i.seq,
        projectCode: p.code,
        projectName: p.name,
        unitName: i.unitName,
        content: i.content,
        measures: i.measures ?? '',
        deadline: i.recurring ? RECURRING_DEADLINE_TEXT : excelDate(i.deadline),
        ownerName: i.ownerName ?? '',
        status: ledgerStatusLabels[i.status]['zh-CN'],
        completedOn: excelDate(i.completedOn),
        evidenceNote: i.evidenceNote ?? '',
        progressNote: i.progressNote ?? '',
      });
      row.getCell(last + 1).value = i.openProblems ?? '';
      row.alignment = { vertical: 'top', wrapText: true };
      row.getCell('deadline').numFmt = DATE_FORMAT;
      row.getCell('completedOn').numFmt = DATE_FORMAT;
      row.eachCell({ includeEmpty: true }, (c) => (c.border = border));
      row.commit();
    }
  }
  await wb.commit();
  return Buffer.concat(chunks);
}

/** An empty sheet in the same layout, to fill in and import. */
export async function ledgerTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  ledgerSheet(wb, '重点项目工作台账');
  return Buffer.from(await wb.xlsx.writeBuffer());
}
