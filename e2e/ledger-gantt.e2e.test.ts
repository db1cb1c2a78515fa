/**
 * Ledgers, milestones and the Gantt in a real browser.
 * - unit1 marks one of its ledger items done with a photo (a real PNG made here; an executable renamed
 *   .jpg is refused with the server's message), and the project's Gantt tab draws that item finished
 *   (its ledger rows come in the same /gantt response as the nodes). Then unit1 records the actual finish
 *   of the project's next milestone node, and the Gantt counts that node finished too.
 * - the office imports a ledger sheet with a bad row: it sees that row's error (行 / 列 / 原因) and
 *   nothing is imported; the fixed sheet passes the dry run and imports, and the items are there.
 */
import { deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Gantt, LedgerItem, ProjectMilestones } from '@kpc/contracts';
import { chooseOption, newPage, screenshot } from './support/browser.js';
import { apiFromPage } from './support/page-api.js';
import { logIn, useAppAndBrowser } from './support/suite.js';

const suite = useAppAndBrowser();

// ---- a small real PNG (a 16×16 gradient), built by hand: signature, IHDR, IDAT, IEND ----

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function makePng(size = 16): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set([x * 16, y * 16, 160], row + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Picks an option of the antd Select that wraps the form field `#id`. */
function choose(page: Page, fieldId: string, label: string): Promise<void> {
  return chooseOption(page, page.locator(`.ant-select:has(#${fieldId})`), label);
}

/** Types a date into an antd DatePicker (the form field `#id`). */
async function pickDate(page: Page, fieldId: string, date: string): Promise<void> {
  const input = page.locator(`#${fieldId}`);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

describe('ledger, milestones and the Gantt in the browser', () => {
  it('unit1 marks a ledger item done with a photo and the project Gantt shows it finished; a node too', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(page, 'unit1', 'nav-projects');

    // one of unit1's own open items, on a project whose milestones unit1 may record
    const me = (await apiFromPage<{ user: { unitId: number } }>(page, 'GET', '/api/v1/auth/me')).json.user;
    const open = (
      await apiFromPage<{ items: LedgerItem[] }>(page, 'GET', `/api/v1/ledger-items?unitId=${me.unitId}&pageSize=200`)
    ).json.items.filter((i) => i.permissions.edit && i.status !== 'done');
    let item: LedgerItem | undefined;
    let plan: ProjectMilestones | undefined;
    for (const candidate of open) {
      const m = (await apiFromPage<ProjectMilestones>(page, 'GET', `/api/v1/projects/${candidate.projectId}/milestones`)).json;
      if (m.permissions.edit && m.nodes.some((n) => n.status !== 'done')) {
        item = candidate;
        plan = m;
        break;
      }
    }
    expect(item, 'demo data: unit1 owes an open ledger item on a project with an unfinished node').toBeDefined();

    // the project's Gantt before: its ledger rows, and how many of them are finished
    await page.goto(`/projects/${item!.projectId}?tab=gantt`);
    const ledgerSummary = page.getByTestId('gantt-ledger-summary');
    await ledgerSummary.waitFor();
    const itemsBefore = Number(await ledgerSummary.getAttribute('data-items'));
    const finishedBefore = Number(await ledgerSummary.getAttribute('data-done'));
    expect(itemsBefore).toBeGreaterThan(0);

    await page.getByTestId('project-tab-ledger').click();
    await page.getByTestId(`ledger-edit-${item!.id}`).click();
    await choose(page, 'ledger_status', '已完成');
    await page.getByTestId('ledger-form-submit').click();
    await page.locator('.ant-message', { hasText: '已保存' }).waitFor();
    // the server has it, before anything on screen is judged
    await expect
      .poll(async () => (await apiFromPage<{ status: string }>(page, 'GET', `/api/v1/ledger-items/${item!.id}`)).json.status)
      .toBe('done');

    // evidence: a file that is not what its name says is refused with the server's message …
    const fileInput = page.locator('.ant-drawer [data-testid="ledger-evidence"] input[type=file]');
    await fileInput.setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('MZ\x90\x00 not a photo') });
    await expect.poll(() => page.getByTestId('ledger-evidence-error').textContent()).toContain('不支持的文件类型');
    // … and a real photo is stored and listed
    await fileInput.setInputFiles({ name: 'site-photo.png', mimeType: 'image/png', buffer: makePng() });
    await page.getByTestId('ledger-evidence-file').filter({ hasText: 'site-photo.png' }).waitFor();
    await page.locator('.ant-drawer-close').click();
    await page.locator('.ant-drawer-content').waitFor({ state: 'detached' });

    // the ledger as a fresh visit shows it: done, with one evidence file
    await page.reload();
    const row = page.getByTestId(`ledger-row-${item!.seq}`).filter({ hasText: item!.content.slice(0, 10) });
    await expect.poll(() => row.getAttribute('data-status')).toBe('done');
    // the tabs at the top of the window, below the sticky header
    await page
      .locator('.ant-tabs')
      .first()
      .evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 80));
    await screenshot(page, 'ledger');
    const stored = (
      await apiFromPage<{ items: LedgerItem[] }>(page, 'GET', `/api/v1/projects/${item!.projectId}/ledger-items?pageSize=200`)
    ).json.items.find((i) => i.id === item!.id)!;
    expect(stored).toMatchObject({ status: 'done', completedOn: plan!.today, attachmentCount: 1 });

    // the Gantt tab: the item is drawn finished on its completion date, from the response the page loaded
    const loaded = page.waitForResponse(
      (r) => r.url().includes(`/api/v1/gantt?projectId=${item!.projectId}&ledger=true`) && r.status() === 200,
    );
    await page.getByTestId('project-tab-gantt').click();
    const ganttSeen = (await (await loaded).json()) as Gantt;
    expect(ganttSeen.projects[0]!.ledgerItems!.find((i) => i.id === item!.id)).toMatchObject({
      status: 'done',
      completedOn: plan!.today,
      planFinish: item!.deadline,
      overdue: false,
    });
    const chart = page.getByTestId('gantt-chart');
    await chart.locator('canvas').first().waitFor();
    await expect.poll(async () => Number(await ledgerSummary.getAttribute('data-done'))).toBe(finishedBefore + 1);
    expect(Number(await ledgerSummary.getAttribute('data-items'))).toBe(itemsBefore);
    expect(await ledgerSummary.textContent()).toContain(`已完成 ${finishedBefore + 1} 项`);
    await page
      .locator('.ant-tabs')
      .first()
      .evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 80));
    await page.waitForTimeout(300); // the canvas paints on the next frame
    await screenshot(page, 'unit1-project-gantt');
    const doneBefore = Number(await chart.getAttribute('data-done'));

    // the project's next unfinished node gets its actual finish (and start, if it had none)
    const node = plan!.nodes.find((n) => n.status !== 'done')!;
    await page.getByTestId('project-tab-plan').click();
    await page.getByTestId(`milestone-record-${node.key}`).click();
    if (!node.actualStart) await pickDate(page, 'milestone_actualStart', plan!.today);
    await pickDate(page, 'milestone_actualFinish', plan!.today);
    const recorded = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/v1/milestones/'));
    await page.getByTestId('milestone-record-submit').click();
    const answer = await recorded;
    expect(answer.status(), await answer.text()).toBe(200);
    await expect.poll(() => page.getByTestId(`milestone-row-${node.key}`).getAttribute('data-status')).toBe('done');
    await page.locator('.ant-modal-wrap').waitFor({ state: 'detached' });

    await page.getByTestId('project-tab-gantt').click();
    await page.getByTestId('gantt-chart').waitFor({ state: 'visible' });
    await expect.poll(async () => Number(await page.getByTestId('gantt-chart').getAttribute('data-done'))).toBe(doneBefore + 1);
    const gantt = (
      await apiFromPage<{ projects: { nodes: { id: number; status: string; actualFinish: string | null }[] }[] }>(
        page,
        'GET',
        `/api/v1/gantt?projectId=${item!.projectId}`,
      )
    ).json;
    expect(gantt.projects[0]!.nodes.find((n) => n.id === node.id)).toMatchObject({ status: 'done', actualFinish: plan!.today });
    await page.context().close();
  });

  it('office imports a ledger sheet: a bad row is reported and nothing imported; fixed, it imports', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(page, 'office', 'nav-projects');

    const projects = (
      await apiFromPage<{ items: { id: number; code: string; name: string; leadUnitName: string | null }[] }>(
        page,
        'GET',
        '/api/v1/projects?pageSize=200',
      )
    ).json.items;
    const project = projects.find((p) => p.leadUnitName)!;
    const items = (
      await apiFromPage<{ items: LedgerItem[] }>(page, 'GET', `/api/v1/projects/${project.id}/ledger-items?pageSize=200`)
    ).json.items;
    const seq = Math.max(0, ...items.map((i) => i.seq)) + 1;
    const tag = `E2E导入-${Date.now().toString(36)}`;

    const sheet = async (unitOfSecondRow: string) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('工作台账');
      ws.addRow(['重点项目工作台账']);
      ws.addRow([
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
      ]);
      ws.addRow([
        seq,
        project.code,
        project.name,
        project.leadUnitName,
        `${tag} 办理施工许可`,
        '专人跟踪',
        '2027-03-31',
        '王强',
        '推进中',
        null,
        null,
      ]);
      ws.addRow([
        seq + 1,
        project.code,
        project.name,
        unitOfSecondRow,
        `${tag} 完成水电接入`,
        '并联办理',
        '2027-04-30',
        '李明',
        '未开始',
        null,
        null,
      ]);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const imported = async () =>
      (
        await apiFromPage<{ items: LedgerItem[] }>(page, 'GET', `/api/v1/projects/${project.id}/ledger-items?pageSize=200`)
      ).json.items.filter((i) => i.content.startsWith(tag));

    await page.getByTestId('nav-imports').click();
    const upload = page.locator('[data-testid="import-file"] input[type=file], input[type=file]').first();
    await upload.setInputFiles({
      name: '台账-有错.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await sheet('不存在的单位'),
    });
    const badRow = page.getByTestId('import-error-row-4');
    await badRow.waitFor();
    expect(await badRow.textContent()).toContain('责任单位');
    await page.getByTestId('import-errors').getByText('未导入任何数据').first().waitFor();
    expect(await page.getByTestId('import-run').count()).toBe(0);
    await screenshot(page, 'office-import-errors');
    expect(await imported()).toHaveLength(0);

    await upload.setInputFiles({
      name: '台账-已改.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await sheet(project.leadUnitName!),
    });
    await page.getByTestId('import-dry-run').waitFor();
    expect(await imported(), 'the dry run writes nothing').toHaveLength(0);
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-counts').textContent()).toMatch(/新增\s*2/);
    await screenshot(page, 'office-import-done');

    const rows = await imported();
    expect(rows.map((i) => i.seq).sort()).toEqual([seq, seq + 1]);
    expect(rows.find((i) => i.seq === seq)).toMatchObject({ status: 'in_progress', deadline: '2027-03-31', ownerName: '王强' });
    await page.context().close();
  });

  it('office imports its own ledger sheet (title and unit rows, two-row header, merged project cells, 合计): the preview shows each reading', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(page, 'office', 'nav-projects');
    const projects = (
      await apiFromPage<{ items: { id: number; code: string; name: string; leadUnitName: string | null }[] }>(
        page,
        'GET',
        '/api/v1/projects?pageSize=200',
      )
    ).json.items;
    // a project named once (no code in the sheet), with a lead unit to owe the items
    const project = projects.find((p) => p.leadUnitName && projects.filter((q) => q.name === p.name).length === 1)!;
    const tag = `E2E台账-${Date.now().toString(36)}`;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['召陵区2026年重点项目工作推进台账']);
    ws.mergeCells('A1:G1');
    ws.addRow(['单位：万元']);
    ws.addRow(['序号', '项目名称', '责任单位', '工作任务', null, '完成时限', '备注']);
    ws.addRow([null, null, null, '具体内容', '推进措施', null, null]);
    ws.mergeCells('D3:E3');
    for (const c of 'ABCFG') ws.mergeCells(`${c}3:${c}4`);
    ws.addRow([1, project.name, project.leadUnitName, `${tag} 办理规划许可`, '专人盯办', '2027年3月底', null]);
    ws.addRow([null, null, null, `${tag} 完成设备招标`, '提前谋划', '年底前', '按月调度']);
    ws.mergeCells('A5:A6');
    ws.mergeCells('B5:B6');
    ws.mergeCells('C5:C6');
    ws.addRow(['合计', null, null, null, null, null, null]);

    await page.getByTestId('nav-imports').click();
    const upload = page.locator('[data-testid="import-file"] input[type=file], input[type=file]').first();
    await upload.setInputFiles({
      name: '召陵区台账.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    await page.getByTestId('import-dry-run').waitFor();
    const readings = page.getByTestId('import-readings');
    await readings.waitFor();
    // 原文 → 读作 before anything is written: the month end, and the total row skipped
    await readings.getByText('2027-03-31').first().waitFor();
    expect(await page.getByTestId('import-skipped').textContent()).toContain('7');
    // the sheet numbers projects, not items: its two items are new, the project's own items untouched
    expect(await page.getByTestId('import-counts').textContent()).toMatch(/新增\s*2/);
    const before = (
      await apiFromPage<{ items: LedgerItem[] }>(page, 'GET', `/api/v1/projects/${project.id}/ledger-items?pageSize=200`)
    ).json.items;
    await screenshot(page, 'office-import-readings');
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-done').waitFor();
    const items = (
      await apiFromPage<{ items: LedgerItem[] }>(page, 'GET', `/api/v1/projects/${project.id}/ledger-items?pageSize=200`)
    ).json.items.filter((i) => i.content.startsWith(tag));
    // 年底前: the end of this year (the e2e server runs on the real clock)
    const yearEnd = `${new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())}-12-31`;
    expect(items.map((i) => i.deadline).sort()).toEqual([yearEnd, '2027-03-31'].sort());
    const after = (
      await apiFromPage<{ items: LedgerItem[] }>(page, 'GET', `/api/v1/projects/${project.id}/ledger-items?pageSize=200`)
    ).json.items;
    for (const b of before) expect(after.find((a) => a.id === b.id)?.content).toBe(b.content);
    await page.context().close();
  });

  it('office sees the portfolio Gantt (挂图作战): every project’s nodes, the late ones counted', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(page, 'office', 'nav-projects');
    await page.getByTestId('nav-gantt').click();
    const chart = page.getByTestId('gantt-chart');
    await chart.locator('canvas').first().waitFor();
    const all = (
      await apiFromPage<{ nodeCount: number; projects: { nodes: { late: boolean }[] }[] }>(page, 'GET', '/api/v1/gantt')
    ).json;
    // one row per project plus one per node
    expect(Number(await chart.getAttribute('data-rows'))).toBe(all.projects.length + all.nodeCount);
    expect(Number(await chart.getAttribute('data-late'))).toBe(all.projects.flatMap((p) => p.nodes).filter((n) => n.late).length);
    await page.waitForTimeout(300); // the canvas paints on the next frame
    await screenshot(page, 'gantt');
    await page.context().close();
  });
});
