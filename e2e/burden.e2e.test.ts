/**
 * 填报负担 (issue 12): unit1, on a 390×844 phone, submits a monthly investment report typing 3 fields
 * (another project than the one the link pre-filled, the amount, the progress note); the submission
 * records 3 fields and the seconds it took; the office's burden screen then shows 3 more for unit1's
 * unit, at 1440×900 (table, trend chart with the target line) and 390×844 (cards, figures first).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, screenshot } from './support/browser.js';
import { getJson } from './support/page-api.js';
import { logIn, useAppAndBrowser } from './support/suite.js';

const suite = useAppAndBrowser();

interface Row {
  key: string;
  label: string;
  submissions: number;
  fieldsTyped: number;
  seconds: number;
}
interface Report {
  rows: Row[];
  trend: { week: string; fieldsTyped: number }[];
  target: { fields: number; minutes: number };
}

async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count()).toBe(0);
}

describe('the burden measured 填报负担', () => {
  it('records the 3 fields unit1 typed into an investment report and shows them on the burden screen', async () => {
    const unit = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    await logIn(unit, 'unit1');
    const me = await getJson<{ user: { id: number; unitId: number } }>(unit, '/api/v1/auth/me');
    const summary = await getJson<{ asOf: string; throughMonth: number }>(unit, '/api/v1/dashboard/summary');
    const year = Number(summary.asOf.slice(0, 4));
    const month = summary.throughMonth;
    const mine = await getJson<{ items: { id: number; code: string }[] }>(
      unit,
      `/api/v1/projects?unitId=${me.user.unitId}&pageSize=200`,
    );
    const reported = await getJson<{ items: { projectId: number }[] }>(
      unit,
      `/api/v1/investment-reports?unitId=${me.user.unitId}&year=${year}&month=${month}&pageSize=200`,
    );
    const taken = new Set(reported.items.map((r) => r.projectId));
    const [prefilled, chosen] = mine.items.filter((p) => !taken.has(p.id));
    expect(chosen, 'unit1 has two projects without a report this month').toBeDefined();

    const office = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(office, 'office');
    const today = summary.asOf;
    const span = `from=${year}-01-01&to=${today}`;
    const before = await getJson<Report>(office, `/api/v1/burden?${span}&groupBy=unit`);
    const unitBefore = before.rows.find((r) => r.key === String(me.user.unitId))?.fieldsTyped ?? 0;

    // the link pre-fills one project and the month: neither counts unless changed
    const monthParam = `${year}-${String(month).padStart(2, '0')}`;
    const opened = Date.now();
    await unit.goto(`/investment/report?month=${monthParam}&projectId=${prefilled!.id}`);
    await unit.getByTestId('entry-amount').waitFor();
    let typed = 0;
    await unit.locator('.ant-select:has(#projectId)').click();
    await unit.keyboard.type(chosen!.code);
    await unit.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: chosen!.code }).first().click();
    typed++;
    await unit.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await unit.getByTestId('entry-amount').fill('88.5');
    typed++;
    await unit.getByTestId('entry-note').fill('E2E：基础施工完成');
    typed++;
    await unit.getByTestId('entry-submit').click();
    await expect.poll(() => unit.getByTestId('entry-status').textContent()).toContain('待审核');
    const tookSeconds = Math.round((Date.now() - opened) / 1000);
    expect(typed).toBeLessThanOrEqual(10);

    const after = await getJson<Report>(office, `/api/v1/burden?${span}&groupBy=unit`);
    const row = after.rows.find((r) => r.key === String(me.user.unitId))!;
    expect(row.fieldsTyped - unitBefore).toBe(3);
    const byPerson = await getJson<Report>(office, `/api/v1/burden?from=${today}&to=${today}&groupBy=person`);
    const recorded = byPerson.rows.find((r) => r.key === String(me.user.id))!;
    expect(recorded.fieldsTyped).toBe(3);
    expect(recorded.seconds).toBeLessThanOrEqual(tookSeconds + 2);
    console.log(`burden e2e: ${typed} fields typed, ${recorded.seconds} s recorded (${tookSeconds} s in the test)`);

    // the office's burden screen at 1440×900: the unit's row shows them, the trend has its target line
    await office.goto(`/admin/burden?${span}&groupBy=unit`);
    await settled(office);
    const cell = office.locator(`[data-testid="burden-row"][data-key="${me.user.unitId}"] [data-testid="burden-fields"]`);
    await expect.poll(() => cell.textContent()).toBe(String(row.fieldsTyped));
    await office.getByTestId('burden-trend').locator('canvas').first().waitFor();
    await office.waitForTimeout(600); // the chart's first draw
    await screenshot(office, 'burden-1440');

    // and on a phone: cards, the figure first, nothing scrolling sideways
    const phone = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    await logIn(phone, 'office');
    await phone.goto(`/admin/burden?${span}&groupBy=unit`);
    await settled(phone);
    expect(await phone.locator('.ant-table').count()).toBe(0);
    const card = phone.locator(`[data-testid="burden-row"][data-key="${me.user.unitId}"]`);
    await expect.poll(() => card.getByTestId('burden-fields').textContent()).toBe(String(row.fieldsTyped));
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.waitForTimeout(600);
    await screenshot(phone, 'burden-390');
    await card.scrollIntoViewIfNeeded();
    await screenshot(phone, 'burden-390-cards');

    // a unit neither sees the screen in its menu nor reads the figures
    const res = await unit.request.get(`/api/v1/burden?${span}`);
    expect(res.status()).toBe(403);
    for (const p of [unit, office, phone]) await p.context().close();
  });
});
