/**
 * The office's problem list 问题清单 (exceljs): a title row, the eight columns offices keep
 * (序号 / 项目名称 / 问题类别 / 问题描述 / 责任单位 / 协调领导 / 完成时限 / 进展情况), then what the
 * system adds (状态, 来源, 提出日期, 已用天数, 解决情况), which the import reads past. The importer
 * reads the first eight back, so these headers are the contract between export, template and import.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  problemCategoryLabels,
  problemSourceLabels,
  problemStatusLabels,
  type ProblemCategory,
  type ProblemSource,
  type ProblemStatus,
} from '@kpc/contracts';
import { addListValidation, excelDate, titledSheet, type AnyWorkbook } from './ledger-xlsx.js';

export interface ProblemSheetRow {
  projectName: string;
  category: ProblemCategory;
  description: string;
  unitName: string | null;
  leaderName: string | null;
  deadline: string | null;
  progressNote: string | null;
  status: ProblemStatus;
  source: ProblemSource;
  raisedOn: string;
  daysOpen: number;
  resolution: string | null;
  overdue: boolean;
}

/** The office layout, in sheet order: header, field, width in characters. */
export const PROBLEM_COLUMNS = [
  { header: '序号', key: 'seq', width: 6 },
  { header: '项目名称', key: 'projectName', width: 26 },
  { header: '问题类别', key: 'category', width: 10 },
  { header: '问题描述', key: 'description', width: 44 },
  { header: '责任单位', key: 'unitName', width: 18 },
  { header: '协调领导', key: 'leaderName', width: 12 },
  { header: '完成时限', key: 'deadline', width: 12 },
  { header: '进展情况', key: 'progressNote', width: 36 },
] as const;
export type ProblemColumnKey = (typeof PROBLEM_COLUMNS)[number]['key'];

/** What the system adds after the office's columns (not read by the import). */
const EXTRA_COLUMNS = [
  { header: '状态', key: 'status', width: 9 },
  { header: '问题来源', key: 'source', width: 12 },
  { header: '提出日期', key: 'raisedOn', width: 12 },
  { header: '已用天数', key: 'daysOpen', width: 9 },
  { header: '解决情况', key: 'resolution', width: 36 },
] as const;

const DATE_FORMAT = 'yyyy-mm-dd';
const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

function problemSheet(wb: AnyWorkbook, title: string, withExtras: boolean): ExcelJS.Worksheet {
  const ws = titledSheet(wb, '问题清单', title, withExtras ? [...PROBLEM_COLUMNS, ...EXTRA_COLUMNS] : PROBLEM_COLUMNS);
  addListValidation(
    ws,
    'category',
    3,
    Object.values(problemCategoryLabels).map((l) => l['zh-CN']),
  );
  return ws;
}

/** Streams the rows into the workbook (bounded memory for large lists). */
export async function writeProblemsWorkbook(
  rows: readonly ProblemSheetRow[],
  opts: { title: string; asOf: string },
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '重点项目调度督办平台';
  const ws = problemSheet(wb, `${opts.title}（截至 ${opts.asOf}）`, true);
  ws.getRow(1).commit();
  ws.getRow(2).commit();
  rows.forEach((p, i) => {
    const row = ws.addRow({
      seq: i + 1,
      projectName: p.projectName,
      category: problemCategoryLabels[p.category]['zh-CN'],
      description: p.description,
      unitName: p.unitName ?? '',
      leaderName: p.leaderName ?? '',
      deadline: excelDate(p.deadline),
      progressNote: p.progressNote ?? '',
      status: `${problemStatusLabels[p.status]['zh-CN']}${p.overdue ? '（逾期）' : ''}`,
      source: problemSourceLabels[p.source]['zh-CN'],
      raisedOn: excelDate(p.raisedOn),
      daysOpen: p.daysOpen,
      resolution: p.resolution ?? '',
    });
    row.alignment = { vertical: 'top', wrapText: true };
    row.getCell('deadline').numFmt = DATE_FORMAT;
    row.getCell('raisedOn').numFmt = DATE_FORMAT;
    row.eachCell({ includeEmpty: true }, (c) => (c.border = border));
    row.commit();
  });
  await wb.commit();
  return Buffer.concat(chunks);
}

/** An empty sheet in the office layout, to fill in and import. */
export async function problemsTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  problemSheet(wb, '重点项目问题清单', false);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
