/**
 * Recurring ledger items 长期事项 and the progress note 进展情况 in a real browser.
 * - unit1 on a phone (390×844): a recurring item of its own shows 长期 instead of a date and its 进展情况
 *   with the day; 更新进展 saves a new note and the card shows it; nothing scrolls sideways.
 * - the office at desk width: the item's drawer has the 长期事项 switch, toggled by its label, which hides
 *   the date; a new item saved as recurring is stored without a deadline; the project's Gantt counts it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { LedgerItem } from '@kpc/contracts';
import { newPage, screenshot } from './support/browser.js';
import { apiFromPage } from './support/page-api.js';
import { logIn, useAppAndBrowser } from './support/suite.js';

const suite = useAppAndBrowser();
const stamp = Date.now().toString(36);
const content = `长期巡查服务企业 ${stamp}`;
let itemId = 0;
let projectId = 0;

async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count()).toBe(0);
}

const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('recurring ledger items and 进展情况', () => {
  it('unit1 on a phone sees 长期 and the progress note on its card, and reports progress from the card', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    await logIn(page, 'unit1');
    const me = (await apiFromPage<{ user: { unitId: number } }>(page, 'GET', '/api/v1/auth/me')).json.user;
    const own = (
      await apiFromPage<{ items: LedgerItem[] }>(page, 'GET', `/api/v1/ledger-items?unitId=${me.unitId}&pageSize=50`)
    ).json.items.find((i) => i.permissions.edit);
    expect(own, 'demo data: unit1 owes a ledger item').toBeDefined();
    projectId = own!.projectId;
    const created = await apiFromPage<LedgerItem>(page, 'POST', `/api/v1/projects/${projectId}/ledger-items`, {
      unitId: me.unitId,
      content,
      recurring: true,
      progressNote: '本周走访企业 3 家',
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ recurring: true, deadline: null, overdue: false });
    itemId = created.json.id;

    await page.goto('/ledger');
    await settled(page);
    await page.getByPlaceholder('搜索内容').fill(stamp);
    await page.getByPlaceholder('搜索内容').press('Enter');
    const card = page.getByTestId(`ledger-card-${itemId}`);
    await card.waitFor();
    await expect.poll(() => card.locator('[data-recurring="true"]').textContent()).toBe('长期');
    await expect.poll(() => card.getByTestId(`ledger-progress-${itemId}`).textContent()).toContain('本周走访企业 3 家');
    expect(await card.getByTestId(`ledger-progress-${itemId}`).textContent()).toMatch(/\d{4}-\d{2}-\d{2} 更新/);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone-ledger-recurring-unit1-390');

    await card.getByTestId(`ledger-report-${itemId}`).click();
    const input = page.getByTestId('ledger-progress-input');
    await input.waitFor();
    expect(await input.inputValue()).toBe('本周走访企业 3 家');
    await input.fill('本周走访企业 5 家，协调用电问题 1 项');
    await screenshot(page, 'phone-ledger-progress-modal-unit1-390');
    await page.getByTestId('ledger-progress-save').click();
    await expect
      .poll(() => card.getByTestId(`ledger-progress-${itemId}`).textContent())
      .toContain('本周走访企业 5 家，协调用电问题 1 项');
    const stored = (await apiFromPage<LedgerItem>(page, 'GET', `/api/v1/ledger-items/${itemId}`)).json;
    expect(stored).toMatchObject({ progressNote: '本周走访企业 5 家，协调用电问题 1 项', version: 2 });

    // the project's own ledger tab, also cards: 长期 in place of a date
    await page.goto(`/projects/${projectId}?tab=ledger`);
    await page.getByTestId('project-ledger').waitFor();
    await settled(page);
    const row = page.locator(`[data-testid^="ledger-row-"]`, { hasText: content });
    await expect.poll(() => row.locator('[data-recurring="true"]').count()).toBe(1);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'phone-project-ledger-recurring-unit1-390');
    await page.context().close();
  });

  it('the office toggles 长期事项 from its label, saves a recurring item without a deadline, and the Gantt counts it', async () => {
    expect(projectId, 'the phone test made the item').toBeGreaterThan(0);
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(page, 'office');
    await page.goto(`/projects/${projectId}?tab=ledger`);
    await page.getByTestId('project-ledger').waitFor();
    await settled(page);

    // the recurring item's row: 长期, its 进展情况
    const row = page.locator('tr[data-testid^="ledger-row-"]', { hasText: content });
    await expect.poll(() => row.locator('[data-recurring="true"]').count()).toBe(1);
    expect(await row.getByTestId(`ledger-progress-${itemId}`).textContent()).toContain('协调用电问题');
    await page.getByTestId(`ledger-edit-${itemId}`).click();
    const drawer = page.locator('.ant-drawer-section');
    const recurring = drawer.getByTestId('ledger-form-recurring');
    await recurring.waitFor();
    expect(await recurring.getAttribute('aria-checked')).toBe('true');
    expect(await drawer.getByTestId('ledger-form-deadline').isVisible()).toBe(false);
    expect(await drawer.getByTestId('ledger-form-progress').inputValue()).toContain('协调用电问题');
    // the drawer has slid in before the picture
    await expect
      .poll(async () => {
        const box = await drawer.boundingBox();
        return box ? Math.round(box.x + box.width) : 0;
      })
      .toBeLessThanOrEqual(1440);
    await screenshot(page, 'desk-ledger-drawer-recurring-office');
    // the label's text toggles the switch, and the date picker comes and goes with it
    const label = drawer.locator('label.kpc-switch-label', { hasText: '长期事项' }).locator('span', { hasText: '长期事项' });
    await label.click();
    await expect.poll(() => recurring.getAttribute('aria-checked')).toBe('false');
    await expect.poll(() => drawer.getByTestId('ledger-form-deadline').isVisible()).toBe(true);
    await label.click();
    await expect.poll(() => recurring.getAttribute('aria-checked')).toBe('true');
    await page.locator('.ant-drawer-close').click();
    await page.locator('.ant-drawer-section').waitFor({ state: 'detached' });

    // a new item saved as recurring: no date entered, none stored
    await page.getByTestId('ledger-add').click();
    const addDrawer = page.locator('.ant-drawer-section');
    await addDrawer.locator('#ledger_content').fill(`常态化调度 ${stamp}`);
    await addDrawer.locator('label.kpc-switch-label span', { hasText: '长期事项' }).click();
    await expect.poll(() => addDrawer.getByTestId('ledger-form-recurring').getAttribute('aria-checked')).toBe('true');
    await addDrawer.getByTestId('ledger-form-progress').fill('每周例会调度');
    await addDrawer.getByTestId('ledger-form-submit').click();
    await page.getByText('已新增，可继续上传佐证材料').waitFor();
    const items = (
      await apiFromPage<{ items: LedgerItem[] }>(page, 'GET', `/api/v1/projects/${projectId}/ledger-items?pageSize=200`)
    ).json.items;
    const added = items.find((i) => i.content === `常态化调度 ${stamp}`);
    expect(added).toMatchObject({ recurring: true, deadline: null, progressNote: '每周例会调度', overdue: false });
    await page.locator('.ant-drawer-close').click();
    await page.locator('.ant-drawer-section').waitFor({ state: 'detached' });

    // open items first (overdue leading, recurring after the dated ones), done last
    const listed = (
      await apiFromPage<{ items: LedgerItem[] }>(
        page,
        'GET',
        `/api/v1/projects/${projectId}/ledger-items?pageSize=200&sort=deadline`,
      )
    ).json.items;
    const rank = (i: LedgerItem) => (i.status === 'done' ? 3 : i.recurring ? 2 : i.overdue ? 0 : 1);
    const ranks = listed.map(rank);
    expect(ranks).toEqual([...ranks].sort());
    expect(ranks.filter((r) => r === 2).length).toBeGreaterThanOrEqual(2);

    // the Gantt: recurring rows counted apart, never overdue
    await page.goto(`/projects/${projectId}?tab=gantt`);
    const summary = page.getByTestId('gantt-ledger-summary');
    await summary.waitFor();
    await expect.poll(async () => Number(await summary.getAttribute('data-recurring'))).toBeGreaterThanOrEqual(2);
    expect(await summary.textContent()).toContain('长期');
    await settled(page);
    // the ledger rows are the chart's last: scroll them into the picture
    const chart = page.getByTestId('gantt-chart');
    await chart.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await screenshot(page, 'desk-project-gantt-recurring-office');
    await page.context().close();
  });
});
