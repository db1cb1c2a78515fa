/**
 * The import screen's mapping step as the office uses it (issue 9): a ledger sheet made the way
 * district offices keep it — title and unit rows, a two-row header (工作任务 over 具体内容 / 推进措施),
 * project cells merged down over their items, a 合计 row, a blank row, deadlines as people write them
 * (2026年3月底, 长期), a 存在问题 column — is uploaded; the proposed mapping shows each column with its
 * header, a sample and its field; one column is set to 忽略此列 (the dry run runs again); the preview
 * lists 原文 → 读作 and the skipped rows; one click imports it all, and the API shows the items and the
 * problem raised. Screenshots: the mapping step and the preview at 1440×900, the preview at 390×844.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { LedgerItem, Problem } from '@kpc/contracts';
import { chooseOption, newPage, screenshot } from './support/browser.js';
import { apiFromPage } from './support/page-api.js';
import { logIn, useAppAndBrowser } from './support/suite.js';

const suite = useAppAndBrowser();

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface ProjectRef {
  id: number;
  code: string;
  name: string;
  leadUnitName: string | null;
}

/** The district office's sheet: two projects of the demo, their items, 合计 and a blank row between. */
async function districtSheet(a: ProjectRef, b: ProjectRef, tag: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['召陵区2026年重点项目工作推进台账']);
  ws.mergeCells('A1:I1');
  ws.addRow(['填报单位：召陵区发展和改革委员会（盖章）']);
  ws.addRow(['序号', '项目名称', '责任单位', '工作任务', null, '完成时限', '进展情况', '存在问题', '备注']);
  ws.addRow([null, null, null, '具体内容', '推进措施', null, null, null, null]);
  ws.mergeCells('D3:E3');
  for (const c of 'ABCFGHI') ws.mergeCells(`${c}3:${c}4`);
  // rows 5–7: project a, its name and 存在问题 merged down over three items
  ws.addRow([
    1,
    a.name,
    a.leadUnitName,
    `${tag} 完成土地摘牌`,
    '专人盯办',
    '2026年3月底',
    '已挂牌',
    `${tag} 用地指标未落实`,
    '内部备注',
  ]);
  ws.addRow([null, null, a.leadUnitName, `${tag} 办理施工许可`, '并联审批', '2027年6月', null, null, '内部备注']);
  ws.addRow([null, null, a.leadUnitName, `${tag} 常态化调度`, null, '长期', '每周调度', null, null]);
  for (const m of ['A5:A7', 'B5:B7', 'H5:H7']) ws.mergeCells(m);
  ws.addRow([]); // row 8: blank separator
  // rows 9–10: project b
  ws.addRow([2, b.name, b.leadUnitName, `${tag} 设备进场`, null, '2027.9.30', null, '无', null]);
  ws.addRow([null, null, b.leadUnitName, `${tag} 试生产`, null, '2027年底', null, null, null]);
  for (const m of ['A9:A10', 'B9:B10']) ws.mergeCells(m);
  ws.addRow(['合计', null, null, '共 5 项', null, null, null, null, null]); // row 11
  ws.mergeCells('A11:C11');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('the import screen’s mapping step', () => {
  it('office confirms the proposed mapping of its own sheet, ignores a column, previews and imports in one go', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(page, 'office', 'nav-projects');
    const projects = (await apiFromPage<{ items: ProjectRef[] }>(page, 'GET', '/api/v1/projects?pageSize=200')).json.items;
    // two projects named once, each with a lead unit to owe the items
    const named = projects.filter((p) => p.leadUnitName && projects.filter((q) => q.name === p.name).length === 1);
    const [a, b] = [named[0]!, named[1]!];
    const tag = `E2E映射-${Date.now().toString(36)}`;
    const items = async (p: ProjectRef) =>
      (
        await apiFromPage<{ items: LedgerItem[] }>(page, 'GET', `/api/v1/projects/${p.id}/ledger-items?pageSize=200`)
      ).json.items.filter((i) => i.content.startsWith(tag));
    const problems = async (p: ProjectRef) =>
      (await apiFromPage<{ items: Problem[] }>(page, 'GET', `/api/v1/problems?projectId=${p.id}&pageSize=200`)).json.items.filter(
        (x) => x.description.startsWith(tag),
      );

    await page.getByTestId('nav-imports').click();
    const upload = page.locator('[data-testid="import-file"] input[type=file], input[type=file]').first();
    await upload.setInputFiles({ name: '召陵区台账.xlsx', mimeType: XLSX, buffer: await districtSheet(a, b, tag) });

    // the proposed mapping: each column with its header, a sample and the field found by its name
    const mapping = page.getByTestId('import-mapping');
    await mapping.waitFor();
    expect(await mapping.locator('.ant-card-head').textContent()).toContain('第 3–4 行');
    const row = (letter: string) => page.getByTestId(`mapping-row-${letter}`);
    expect(await row('D').textContent()).toContain('工作任务/具体内容');
    expect(await row('D').textContent()).toContain('工作内容');
    expect(await row('F').textContent()).toContain('2026年3月底');
    expect(await row('F').textContent()).toContain('完成时限');
    expect(await row('H').textContent()).toContain('存在问题');
    expect(await row('I').textContent()).toContain('按列名识别');
    await page.getByTestId('import-dry-run').waitFor();
    await screenshot(page, 'import-mapping-1440');

    // 备注 is the office's own: ignore it; the dry run runs again with the mapping
    await chooseOption(page, page.getByTestId('mapping-select-I'), '忽略此列');
    await expect.poll(() => row('I').textContent()).toContain('手动指定');
    await page.getByTestId('import-dry-run').waitFor();

    // the preview: 原文 → 读作, and the skipped rows with why
    const readings = page.getByTestId('import-readings');
    await readings.waitFor();
    const text = (await readings.textContent()) ?? '';
    expect(text).toContain('2026-03-31（月底）');
    expect(text).toContain('2027-06-30');
    expect(text).toContain('长期事项，无截止日期');
    expect(text).toContain('提入问题清单');
    expect(text).toContain('同第 5 行的问题，不重复提出');
    // the column mapping is the mapping step's, not repeated in the preview
    expect(text).not.toContain('列 → ');
    expect(await mapping.locator('.ant-alert-warning').count(), 'every required field has its column').toBe(0);
    expect(await page.getByTestId('import-skipped-8').textContent()).toContain('空行');
    expect(await page.getByTestId('import-skipped-11').textContent()).toContain('合计');
    expect(await page.getByTestId('import-counts').textContent()).toMatch(/新增\s*5/);
    expect(await items(a), 'the dry run writes nothing').toHaveLength(0);
    await page.getByTestId('import-dry-run').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'import-preview-1440');

    // the same preview on a phone: cards, nothing scrolls sideways
    const phone = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    await logIn(phone, 'office');
    await phone.goto('/imports');
    await phone
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: '召陵区台账.xlsx', mimeType: XLSX, buffer: await districtSheet(a, b, tag) });
    await phone.getByTestId('import-mapping').waitFor();
    await phone.getByTestId('import-readings').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.getByTestId('import-mapping').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await screenshot(phone, 'import-mapping-390');
    await phone.getByTestId('import-dry-run').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await screenshot(phone, 'import-preview-390');
    await phone.context().close();

    // one click imports it all
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-counts').textContent()).toMatch(/新增\s*5/);

    const first = await items(a);
    expect(first.map((i) => [i.content.replace(`${tag} `, ''), i.deadline, i.recurring]).sort()).toEqual(
      [
        ['完成土地摘牌', '2026-03-31', false],
        ['办理施工许可', '2027-06-30', false],
        ['常态化调度', null, true],
      ].sort(),
    );
    // 备注 ignored: not in the evidence note; 进展情况 is the latest note
    expect(first.find((i) => i.content.endsWith('完成土地摘牌'))).toMatchObject({ evidenceNote: null, progressNote: '已挂牌' });
    expect((await items(b)).map((i) => i.deadline).sort()).toEqual(['2027-09-30', '2027-12-31']);
    // 存在问题 merged over three items: one problem, 单位上报; 无 raises none
    const raised = await problems(a);
    expect(raised.map((p) => [p.description, p.source, p.status])).toEqual([[`${tag} 用地指标未落实`, 'unit_report', 'open']]);
    expect(await problems(b)).toHaveLength(0);

    // the project's ledger shows the item's open problems (the demo's for its unit, and the one raised)
    const land = first.find((i) => i.content.endsWith('完成土地摘牌'))!;
    expect(land.openProblems).toBeGreaterThanOrEqual(1);
    await page.goto(`/projects/${a.id}?tab=ledger`);
    expect(await page.getByTestId(`ledger-problems-${land.id}`).textContent()).toContain(`存在问题 ${land.openProblems}`);
    await page.context().close();
  });
});
