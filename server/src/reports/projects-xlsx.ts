/**
 * The project list with investment columns as an .xlsx, in the layout offices circulate:
 * Chinese headers, amounts in 万元 with two decimals, a totals row. Written with exceljs's
 * streaming writer so rows leave the process as they are produced.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { projectLevelLabels, stageLabels, type ProjectLevel, type Stage } from '@kpc/contracts';
import { completionRate, sumYuan, toWan } from '@kpc/domain';

export interface ProjectInvestmentRow {
  code: string;
  name: string;
  level: ProjectLevel;
  stage: Stage;
  leadUnitName: string | null;
  leaderName: string | null;
  /** Integer yuan. */
  totalInvestment: number;
  plannedAmount: number | null;
  monthAmount: number;
  yearToDate: number;
}

export const projectsXlsxHeaders = [
  '项目编号',
  '项目名称',
  '级别',
  '阶段',
  '牵头单位',
  '分包领导',
  '总投资(万元)',
  '年度计划(万元)',
  '本月完成(万元)',
  '年度累计完成(万元)',
  '完成率',
] as const;

const widths = [14, 36, 10, 10, 24, 12, 14, 16, 16, 18, 10];
const moneyColumns = [7, 8, 9, 10];

export interface ProjectsXlsxMeta {
  year: number;
  month: number;
  asOf: string;
}

/** Writes the workbook to `out`; `batches` yields rows in chunks (so 100,000 rows never sit in memory at once). */
export async function writeProjectsXlsx(
  out: Writable,
  batches: AsyncIterable<ProjectInvestmentRow[]>,
  meta: ProjectsXlsxMeta,
): Promise<{ rows: number }> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '重点项目调度督办平台';
  const ws = wb.addWorksheet(`${meta.year}年投资完成情况`, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = projectsXlsxHeaders.map((header, i) => ({ header, width: widths[i] }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head.commit();

  const totals = { total: [] as number[], plan: [] as number[], month: [] as number[], ytd: [] as number[] };
  let n = 0;
  for await (const batch of batches) {
    for (const r of batch) {
      const row = ws.addRow([
        r.code,
        r.name,
        projectLevelLabels[r.level]['zh-CN'],
        stageLabels[r.stage]['zh-CN'],
        r.leadUnitName ?? '',
        r.leaderName ?? '',
        toWan(r.totalInvestment),
        r.plannedAmount == null ? null : toWan(r.plannedAmount),
        toWan(r.monthAmount),
        toWan(r.yearToDate),
        completionRate(r.yearToDate, r.plannedAmount),
      ]);
      for (const c of moneyColumns) row.getCell(c).numFmt = '0.00';
      row.getCell(11).numFmt = '0.0%';
      row.commit();
      totals.total.push(r.totalInvestment);
      if (r.plannedAmount != null) totals.plan.push(r.plannedAmount);
      totals.month.push(r.monthAmount);
      totals.ytd.push(r.yearToDate);
      n++;
    }
  }
  // Totals are summed in integer yuan and converted once, so they match the records exactly;
  // the cells carry a SUM formula too, so the sheet stays right when an office edits it.
  const last = n + 1;
  const sumCell = (col: string, yuan: number[]) => ({
    formula: n ? `SUM(${col}2:${col}${last})` : '0',
    result: toWan(sumYuan(yuan)),
  });
  const planTotal = sumYuan(totals.plan);
  const ytdTotal = sumYuan(totals.ytd);
  const total = ws.addRow([
    '合计',
    `共 ${n} 个项目（截至 ${meta.asOf}，${meta.month} 月）`,
    '',
    '',
    '',
    '',
    sumCell('G', totals.total),
    sumCell('H', totals.plan),
    sumCell('I', totals.month),
    sumCell('J', totals.ytd),
    completionRate(ytdTotal, planTotal),
  ]);
  total.font = { bold: true };
  for (const c of moneyColumns) total.getCell(c).numFmt = '0.00';
  total.getCell(11).numFmt = '0.0%';
  total.commit();
  ws.commit();
  await wb.commit();
  return { rows: n };
}
