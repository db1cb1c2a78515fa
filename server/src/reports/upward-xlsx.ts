/**
 * The upward report 上报报表 as an .xlsx in the receiving office's layout: a title band (the table's
 * name, the reporting region and month, the money unit), the template's headers, one row per project
 * and a totals row. Money is converted from integer yuan once per cell (万元 with two decimals, or 元).
 */
import ExcelJS from 'exceljs';
import { toWan } from '@kpc/domain';
import type { UpwardReport } from '@kpc/contracts';

const widthOf: Partial<Record<string, number>> = {
  index: 6,
  name: 32,
  location: 20,
  openProblems: 36,
  imageProgress: 36,
  leadUnit: 20,
  district: 12,
};

export async function upwardReportXlsx(r: UpwardReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '重点项目调度督办平台';
  const ws = wb.addWorksheet(r.template.name.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 3 }],
    // printed as the offices file it: A4 landscape, one page wide, the header row on every page
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' },
  });
  const n = r.columns.length;
  const [year, month] = r.month.split('-').map(Number);
  const wan = r.template.moneyUnit === 'wan';

  ws.addRow([`${r.regionName}${r.template.name}（${year}年${month}月）`]);
  ws.mergeCells(1, 1, 1, n);
  const title = ws.getRow(1);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 30;
  ws.addRow([`填报单位：${r.regionName}    数据截至：${r.asOf}    单位：${wan ? '万元' : '元'}`]);
  ws.mergeCells(2, 1, 2, n);
  ws.getRow(2).alignment = { horizontal: 'right' };

  const head = ws.addRow(r.columns.map((c) => c.header));
  head.font = { bold: true };
  head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  r.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = widthOf[c.field] ?? (c.kind === 'money' ? 14 : 12);
  });

  const money = (v: number | string | null) => (typeof v === 'number' ? (wan ? toWan(v) : v) : v);
  const write = (values: (string | number | null)[]) => {
    const row = ws.addRow(values.map((v, i) => (r.columns[i]!.kind === 'money' ? money(v) : v)));
    row.alignment = { vertical: 'top', wrapText: true };
    r.columns.forEach((c, i) => {
      if (c.kind === 'money') row.getCell(i + 1).numFmt = wan ? '0.00' : '0';
      if (c.kind === 'rate') row.getCell(i + 1).numFmt = '0.0%';
    });
    return row;
  };
  for (const row of r.rows) write(row.values);
  write(r.totals).font = { bold: true };

  const border = { style: 'thin' as const };
  for (let i = 3; i <= ws.rowCount; i++)
    for (let j = 1; j <= n; j++) ws.getCell(i, j).border = { top: border, left: border, bottom: border, right: border };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
