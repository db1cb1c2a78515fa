/** Ledger workbooks and file uploads for the import tests and the import benchmark (bench/import). */
import ExcelJS from 'exceljs';

/** The office ledger's column headers, in order (SPEC: 工作台账). */
export const LEDGER_HEADERS = [
  '序号',
  '项目编号',
  '项目名称',
  '责任单位',
  '具体内容',
  '工作措施',
  '完成时限',
  '责任人',
  '状态',
  '完成日期',
  '备注',
  '进展情况',
];

export type Cell = string | number | Date | null;

export async function xlsxBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A ledger sheet in the office layout: title, headers, then a merged header row before each project's items. */
export async function ledgerXlsx(groups: { title: string; rows: Cell[][] }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['重点项目工作台账']);
  ws.mergeCells(1, 1, 1, LEDGER_HEADERS.length);
  ws.addRow(LEDGER_HEADERS);
  for (const g of groups) {
    const r = ws.addRow([g.title]);
    ws.mergeCells(r.number, 1, r.number, LEDGER_HEADERS.length);
    for (const row of g.rows) ws.addRow(row);
  }
  return xlsxBuffer(wb);
}

/** A multipart/form-data body with one file part named `file`, as the upload endpoints take it. */
export function multipart(filename: string, content: Buffer, contentType = 'application/octet-stream') {
  const boundary = `----kpc${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  return {
    payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
