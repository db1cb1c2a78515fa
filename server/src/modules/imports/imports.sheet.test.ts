/** The whole-workbook reader that stands in when ExcelJS's streaming reader fails gives the same rows. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sheetRows, sheetRowsWhole } from './imports.sheet.js';

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['序号', '项目名称', '完成时限', '金额']);
  ws.addRow([1, '双汇第三工业园项目', new Date(Date.UTC(2026, 2, 31)), 12.5]);
  ws.getCell('C2').numFmt = 'yyyy-mm-dd';
  ws.addRow([]);
  ws.addRow([2, '长期事项', '长期', null]);
  ws.addRow([null, '合计', null, { formula: 'SUM(D2:D4)', result: 12.5 }]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('sheetRowsWhole', () => {
  it('reads the same rows, numbers and values as the streaming reader', async () => {
    const buffer = await workbook();
    const streamed = await sheetRows(buffer);
    expect(streamed).not.toBeNull();
    expect(await sheetRowsWhole(buffer)).toEqual(streamed);
  });

  it('is null for a file that is not a workbook', async () => {
    expect(await sheetRowsWhole(Buffer.from('PK\x03\x04 not really a zip'))).toBeNull();
  });
});
