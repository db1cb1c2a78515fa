/**
 * 周督查 at 1440×900 and 390×844: the office opens the dashboard's weekly-quota card, lands on the
 * compliance page of that week with every contracting leader listed and the 12-week heat map drawn;
 * the previous week is one click away; on the phone the rows are cards, figures first, nothing
 * scrolling sideways.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, screenshot } from './support/browser.js';
import { getJson } from './support/page-api.js';
import { logIn, useAppAndBrowser } from './support/suite.js';

const suite = useAppAndBrowser();

async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count()).toBe(0);
}

interface Weekly {
  week: string;
  metCount: number;
  total: number;
}

describe('the weekly quota 周督查', () => {
  it('opens from the dashboard card at 1440×900 with the table and the heat map', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(page, 'office', 'dashboard');
    const api = await getJson<Weekly>(page, '/api/v1/compliance/weekly');
    expect(api.total).toBe(24);
    await settled(page);
    const card = page.getByTestId('kpi-weeklyComplianceRate');
    await expect.poll(() => card.innerText()).toContain(`${api.metCount}/${api.total}`);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'compliance-dashboard-card-1440');
    await card.click();
    await page.waitForURL((u) => u.pathname === '/compliance' && u.searchParams.get('week') === api.week);
    await settled(page);
    await expect.poll(() => page.getByTestId('compliance-row').count()).toBe(24);
    expect(await page.getByTestId('compliance-met').innerText()).toContain(String(api.metCount));
    const heat = page.getByTestId('compliance-heatmap');
    await heat.locator('canvas').first().waitFor();
    expect((await heat.boundingBox())!.height).toBeGreaterThan(400);
    await screenshot(page, 'compliance-1440');

    // the last complete week: most but not all met the quota
    await page.getByLabel('上一周').click();
    await settled(page);
    const last = await getJson<Weekly>(page, `/api/v1/compliance/weekly?week=${new URL(page.url()).searchParams.get('week')}`);
    expect(last.week).not.toBe(api.week);
    expect(last.metCount).toBeGreaterThan(12);
    expect(last.metCount).toBeLessThan(24);
    await expect.poll(() => page.getByTestId('compliance-met').innerText()).toContain(String(last.metCount));
    await expect.poll(() => page.locator('.ant-tag-success').filter({ hasText: '达标' }).count()).toBe(last.metCount);
    await heat.scrollIntoViewIfNeeded();
    await screenshot(page, 'compliance-heatmap-1440');
    await page.context().close();
  });

  it('shows cards with the figures first on a 390×844 phone, and the heat map, nothing scrolling sideways', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    await logIn(page, 'office');
    await page.goto('/compliance');
    await settled(page);
    await expect.poll(() => page.getByTestId('compliance-row').count()).toBe(24);
    expect(await page.locator('.ant-table').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'compliance-390');
    const heat = page.getByTestId('compliance-heatmap');
    await heat.locator('canvas').first().waitFor();
    await heat.scrollIntoViewIfNeeded();
    expect((await heat.boundingBox())!.width).toBeLessThanOrEqual(390);
    await screenshot(page, 'compliance-heatmap-390');
    await page.context().close();
  });

  it('is not in the menu of a unit, whose request is refused', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(page, 'unit1');
    expect(await page.getByTestId('nav-compliance').count()).toBe(0);
    const res = await page.request.get('/api/v1/compliance/weekly');
    expect(res.status()).toBe(403);
    await page.context().close();
  });
});
