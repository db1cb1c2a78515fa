/**
 * The phone's monthly report survives no signal: unit1 at 390 px submits while the phone is offline, is
 * told the report is kept on the device, and it reaches the server once the connection is back; and when
 * the first request reaches the server but its answer is lost, the retry with the same Idempotency-Key is
 * answered from the server's record (replayed), so there is exactly one report.
 */
import type { Page, Request, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseOption, newPage, screenshot } from './support/browser.js';
import { getJson } from './support/page-api.js';
import { logIn, useAppAndBrowser } from './support/suite.js';

const suite = useAppAndBrowser();

interface ProjectRow {
  id: number;
  code: string;
}
interface ReportRow {
  id: number;
  projectId: number;
  amount: number;
  status: string;
}

interface Month {
  year: number;
  month: number;
}

/** `back` months before this one in Asia/Shanghai (1: last month, the one the form opens on). */
function monthsAgo(back: number): Month {
  const now = new Date(Date.now() + 8 * 3_600_000);
  const n = now.getUTCFullYear() * 12 + now.getUTCMonth() - back;
  return { year: Math.floor(n / 12), month: (n % 12) + 1 };
}
const monthParam = (m: Month) => `${m.year}-${String(m.month).padStart(2, '0')}`;

/** The latest month (from last month back) with a project of unit1 not reported yet, and that project. */
async function unreportedProject(page: Page): Promise<{ project: ProjectRow; month: Month } | undefined> {
  const me = await getJson<{ user: { unitId: number } }>(page, '/api/v1/auth/me');
  const mine = await getJson<{ items: ProjectRow[] }>(page, `/api/v1/projects?unitId=${me.user.unitId}&pageSize=200`);
  for (let back = 1; back <= 6; back++) {
    const m = monthsAgo(back);
    const reported = await getJson<{ items: ReportRow[] }>(
      page,
      `/api/v1/investment-reports?unitId=${me.user.unitId}&year=${m.year}&month=${m.month}&pageSize=200`,
    );
    const taken = new Set(reported.items.map((r) => r.projectId));
    const project = mine.items.find((p) => !taken.has(p.id));
    if (project) return { project, month: m };
  }
  return undefined;
}

const reportsOf = (page: Page, projectId: number, m: Month) =>
  getJson<{ items: ReportRow[] }>(page, `/api/v1/investment-reports?projectId=${projectId}&year=${m.year}&month=${m.month}`).then(
    (r) => r.items,
  );

async function fillReport(page: Page, project: ProjectRow, m: Month, amountWan: string): Promise<void> {
  await page.goto(`/investment/report?month=${monthParam(m)}&projectId=${project.id}`);
  await page.getByTestId('entry-amount').waitFor();
  const select = page.locator('.ant-select:has(#projectId)');
  if (!(await select.textContent())?.includes(project.code)) await chooseOption(page, select, project.code);
  await page.getByTestId('entry-amount').fill(amountWan);
  await page.getByTestId('entry-note').fill('E2E：现场无信号时填报');
}

const createPath = (url: string) => new URL(url).pathname === '/api/v1/investment-reports';
const isCreateRequest = (r: Request) => createPath(r.url()) && r.method() === 'POST';
const isCreateResponse = (r: Response) => isCreateRequest(r.request());

describe('offline queue of the phone report form', () => {
  it('keeps a report submitted offline on the phone and sends it once when the connection is back', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    await logIn(page, 'unit1');
    const free = await unreportedProject(page);
    expect(free, 'unit1 has a project without a report in a recent month').toBeDefined();
    const { project, month } = free!;
    await fillReport(page, project, month, '321.5');

    await page.context().setOffline(true);
    await page.getByTestId('entry-submit').click();
    await page.getByText('已保存在本机，恢复网络后自动提交').first().waitFor();
    await expect.poll(() => page.getByTestId('entry-queued-count').textContent()).toBe('本机有 1 条填报待提交');
    expect(await page.getByTestId('entry-queued-here').isVisible()).toBe(true);
    expect(await page.getByTestId('entry-submit').isDisabled()).toBe(true);
    const queued = await page.evaluate(
      () => JSON.parse(localStorage.getItem('kpc.offlineQueue.v1') ?? '[]') as { key: string }[],
    );
    expect(queued).toHaveLength(1);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'investment-queued-390');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // back online: the queue sends itself, with the key it was queued with
    const sent = page.waitForRequest(isCreateRequest);
    await page.context().setOffline(false);
    expect((await sent).headers()['idempotency-key']).toBe(queued[0]!.key);
    await page.getByTestId('entry-queued').waitFor({ state: 'detached' });
    await page.getByText('已提交本机保存的填报').first().waitFor();

    const reports = await reportsOf(page, project.id, month);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ amount: 3_215_000, status: 'submitted' });
    await expect.poll(() => page.getByTestId('entry-status').textContent()).toContain('待审核');
  });

  it('retries a create whose answer was lost with the same key, and the server keeps one report', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    await logIn(page, 'unit1');
    const free = await unreportedProject(page);
    expect(free, 'unit1 has another project without a report in a recent month').toBeDefined();
    const { project, month } = free!;
    await fillReport(page, project, month, '88.8');

    // the first POST reaches the server, then its answer is dropped on the way back
    const keys: string[] = [];
    let lose = true;
    await page.route(
      (u) => u.pathname === '/api/v1/investment-reports',
      async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        keys.push(route.request().headers()['idempotency-key'] ?? '');
        if (!lose) return route.continue();
        lose = false;
        await route.fetch();
        await route.abort('connectionreset');
      },
    );
    const replayed = page.waitForResponse(isCreateResponse);
    await page.getByTestId('entry-save').click();
    await page.getByText('已保存在本机，恢复网络后自动提交').first().waitFor();
    await expect.poll(() => page.getByTestId('entry-queued-count').textContent()).toBe('本机有 1 条填报待提交');
    // the server did create it
    expect(await reportsOf(page, project.id, month)).toHaveLength(1);

    await page.getByTestId('entry-queued-send').click();
    const answer = await replayed;
    expect(answer.status()).toBe(201);
    expect(answer.headers()['idempotent-replayed']).toBe('true');
    await page.getByTestId('entry-queued').waitFor({ state: 'detached' });

    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[\x21-\x7e]{1,200}$/);
    expect(keys[1]).toBe(keys[0]);
    const reports = await reportsOf(page, project.id, month);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ amount: 888_000, status: 'draft' });
  });
});
