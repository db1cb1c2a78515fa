/**
 * The screens a unit and the office use every day work on a phone (390×844): the approval queue, 节点预警,
 * 三个一批 and the project list show cards, and nothing scrolls sideways. The dashboard's 时序进度 is the
 * share of the year gone by as of today (the e2e server runs on the real clock).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, screenshot } from './support/browser.js';
import { logIn, useAppAndBrowser } from './support/suite.js';

const suite = useAppAndBrowser();

const screens = [
  { path: '/investment/approvals', name: 'approvals' },
  { path: '/milestones/alerts', name: 'alerts' },
  { path: '/batches', name: 'batches' },
  { path: '/projects', name: 'projects' },
] as const;

/** The page has drawn its data (no spinner or skeleton left, no request in flight). */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count()).toBe(0);
}

const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Today's date in Asia/Shanghai and the share of its year gone by at the end of the day, as the dashboard shows it. */
function elapsedPercentToday(): { today: string; percent: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const year = Number(today.slice(0, 4));
  const day = (Date.parse(`${today}T00:00:00Z`) - Date.UTC(year, 0, 1)) / 86_400_000 + 1;
  const days = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
  return { today, percent: (Math.round((day / days) * 1000) / 10).toFixed(1) };
}

describe('phone screens', () => {
  for (const user of ['unit1', 'office'] as const) {
    it(`${user}: the approval queue, alerts, batches and project list fit 390 px`, async () => {
      const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
      await logIn(page, user);
      for (const s of screens) {
        await page.goto(s.path);
        await settled(page);
        expect(await scrollWidth(page), `${user} ${s.path}`).toBeLessThanOrEqual(390);
        await screenshot(page, `phone-${s.name}-${user}-390`);
      }
      // the lists are cards on a phone, not tables
      await page.goto('/projects');
      await settled(page);
      expect(await page.locator('.ant-table').count()).toBe(0);
      expect(await page.locator('[data-testid^="project-row-"]').count()).toBeGreaterThan(0);
      await page.goto('/batches');
      await settled(page);
      expect(await page.locator('[data-testid^="batch-card-"]').count()).toBeGreaterThan(0);
      await page.goto('/milestones/alerts');
      await settled(page);
      expect(await page.locator('.ant-table').count()).toBe(0);
      await page.context().close();
    });
  }

  it('the dashboard shows 时序进度 as the share of the year elapsed today', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(page, 'office');
    await page.waitForURL('**/dashboard');
    const { today, percent } = elapsedPercentToday();
    await expect.poll(() => page.getByTestId('dashboard-asof').textContent()).toContain(today);
    await expect.poll(() => page.getByTestId('kpi-completionRate').textContent()).toContain(`时序进度 ${percent}%`);
    await page.context().close();
  });

  it('the Gantt counts 逾期未完成 as 节点预警 does, apart from 延期完成, and can show only the overdue nodes', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(page, 'office');
    await page.goto('/gantt');
    const summary = page.getByTestId('gantt-summary');
    await summary.waitFor();
    const alerts = await page.evaluate(async () => {
      const res = await fetch('/api/v1/milestones?overdue=true&pageSize=1');
      return ((await res.json()) as { total: number }).total;
    });
    expect(Number(await summary.getAttribute('data-overdue-now'))).toBe(alerts);
    expect(await summary.textContent()).toContain(`逾期未完成 ${alerts} 个`);
    expect(await summary.textContent()).toContain('延期完成');
    await page.getByTestId('gantt-focus').getByText('逾期未完成节点').click();
    await expect.poll(() => summary.textContent()).toContain(`${alerts} 个节点`);
    await screenshot(page, 'gantt-overdue-focus');
    await page.context().close();
  });

  it('the login page asks nothing it expects to be refused: no 401 in the console', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    const logged: string[] = [];
    page.on('console', (m) => m.type() === 'error' && logged.push(m.text()));
    const refused: string[] = [];
    page.on('response', (r) => r.status() === 401 && refused.push(r.url()));
    await page.goto('/');
    await page.getByTestId('login-username').waitFor();
    await page.waitForLoadState('networkidle');
    expect(refused).toEqual([]);
    expect(logged.filter((m) => m.includes('401'))).toEqual([]);
    // a logged-in browser still finds its session on a reload
    await logIn(page, 'office');
    await page.reload();
    await page.getByTestId('dashboard').waitFor();
    await page.context().close();
  });

  it('the ledger lists open items first, and a switch toggles from its label', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    await logIn(page, 'office');
    await page.goto('/ledger');
    await settled(page);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    const label = page.locator('label.kpc-switch-label', { hasText: '只看逾期' });
    await label.locator('span', { hasText: '只看逾期' }).click();
    await expect.poll(() => label.locator('[role="switch"]').getAttribute('aria-checked')).toBe('true');
    await settled(page);
    await screenshot(page, 'phone-ledger-overdue-office-390');
    await page.context().close();
  });
});
