/** Empty import templates: the same headers the importer reads, with drop-downs for the fixed lists. */
import ExcelJS from 'exceljs';
import { projectCategoryLabels, projectLevelLabels } from '@kpc/contracts';
import { addListValidation, ledgerTemplate } from '../../reports/ledger-xlsx.js';
import { PROJECT_COLUMNS } from './imports.projects.js';

export async function projectsTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目库', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = PROJECT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } }));
  const list = (key: string, labels: Record<string, { 'zh-CN': string }>) =>
    addListValidation(
      ws,
      key,
      2,
      Object.values(labels).map((l) => l['zh-CN']),
    );
  list('level', projectLevelLabels);
  list('category', projectCategoryLabels);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const templates = {
  'ledger-items': { build: ledgerTemplate, filename: '台账导入模板.xlsx' },
  projects: { build: projectsTemplate, filename: '项目库导入模板.xlsx' },
} as const;
