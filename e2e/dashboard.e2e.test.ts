/**
 * The dashboard is live: the office sees the article's headline figures; unit1 reports a month's
 * investment from a phone-sized screen, with a site photo; the office approves it in the queue (the row
 * shows the photo); the dashboard's completed investment of the provincial and municipal projects rises
 * by exactly the reported amount.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, screenshot } from './support/browser.js';
import { getJson } from './support/page-api.js';
import { logIn, useAppAndBrowser } from './support/suite.js';

const suite = useAppAndBrowser();

interface Summary {
  asOf: string;
  throughMonth: number;
  provincialAndMunicipal: { completedInvestment: number; completionRate: number | null };
}
interface ProjectRow {
  id: number;
  code: string;
  name: string;
  level: 'provincial' | 'municipal' | 'district';
}
interface ReportRow {
  projectId: number;
  month: number;
  status: string;
}

/** 亿元 with two decimals, as the dashboard shows it (exact, half up). */
function yi(yuan: number): string {
  const q = (BigInt(yuan) * 200n + 100_000_000n) / 200_000_000n;
  return `${q / 100n}.${(q % 100n).toString().padStart(2, '0')}`;
}

const kpi = (page: Page, id: string) => page.getByTestId(`kpi-${id}-value`);

describe('dashboard in the browser', () => {
  it('shows the headline figures, and an approved phone report raises the completed investment by its amount', async () => {
    // 1. the office lands on the dashboard with the article's figures
    const office = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(office, 'office');
    await office.waitForURL('**/dashboard');
    await expect.poll(() => kpi(office, 'completedInvestment').textContent()).toBe('76.55');
    expect(await kpi(office, 'keyProjects').textContent()).toBe('34');
    expect(await kpi(office, 'contractingLeaders').textContent()).toBe('24');
    expect(await kpi(office, 'responsibleUnits').textContent()).toBe('23');
    expect(await kpi(office, 'provincialAndMunicipal').textContent()).toBe('24');
    expect(await kpi(office, 'completionRate').textContent()).toBe('74.1');
    expect(await kpi(office, 'signedAtLeast100M').textContent()).toBe('17');
    await office.waitForTimeout(800); // let the charts finish their first draw
    await screenshot(office, 'dashboard');
    const before = await getJson<Summary>(office, '/api/v1/dashboard/summary');

    // every figure opens the projects behind it: the 24 provincial and municipal projects
    await office.getByTestId('kpi-provincialAndMunicipal').click();
    await office.waitForURL(/\/projects\?ids=/);
    await expect.poll(() => office.locator('.ant-pagination-total-text').first().textContent()).toContain('24');
    await office.goBack();
    await kpi(office, 'completedInvestment').waitFor();

    // 2. unit1, on a phone, reports this month for a provincial or municipal project it has not reported yet
    const unit = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    await logIn(unit, 'unit1');
    const me = await getJson<{ user: { unitId: number } }>(unit, '/api/v1/auth/me');
    const year = Number(before.asOf.slice(0, 4));
    const month = before.throughMonth; // the as-of month: counted by the dashboard once approved
    const mine = await getJson<{ items: ProjectRow[] }>(unit, `/api/v1/projects?unitId=${me.user.unitId}&pageSize=200`);
    const reported = await getJson<{ items: ReportRow[] }>(
      unit,
      `/api/v1/investment-reports?unitId=${me.user.unitId}&year=${year}&month=${month}&pageSize=200`,
    );
    const taken = new Set(reported.items.map((r) => r.projectId));
    const project = mine.items.find((p) => p.level !== 'district' && !taken.has(p.id));
    expect(project, 'unit1 has a provincial or municipal project without a report this month').toBeDefined();

    const monthParam = `${year}-${String(month).padStart(2, '0')}`;
    await unit.goto(`/investment/report?month=${monthParam}`);
    await unit.getByTestId('entry-amount').waitFor();
    await unit.locator('.ant-select:has(#projectId)').click();
    await unit.keyboard.type(project!.code);
    await unit.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: project!.code }).first().click();
    const amountWan = '1234.5678'; // 万元 → 12,345,678 yuan, exactly
    const amountYuan = 12_345_678;
    await unit.getByTestId('entry-amount').fill(amountWan);
    await unit.getByTestId('entry-note').fill('E2E：主体结构施工，设备进场');
    await unit.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await unit.evaluate(() => window.scrollTo(0, 0));
    await screenshot(unit, 'investment-entry-390');
    // the form fits the phone: nothing wider than the viewport
    expect(await unit.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // an optional site photo, once the draft exists (a real PNG drawn by the page: the server checks content)
    await unit.getByTestId('entry-save').click();
    await unit.getByTestId('entry-photos-upload').waitFor();
    const png = Buffer.from(
      await unit.evaluate(() => {
        const c = document.createElement('canvas');
        c.width = 64;
        c.height = 48;
        return c.toDataURL('image/png').split(',')[1]!;
      }),
      'base64',
    );
    await unit
      .locator('[data-testid="entry-photos"] input[type=file]')
      .setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: png });
    await unit.getByTestId('entry-photos-file').filter({ hasText: 'site.png' }).waitFor();
    await unit.getByTestId('entry-submit').click();
    await expect.poll(() => unit.getByTestId('entry-status').textContent()).toContain('待审核');
    // the form keeps what was sent, read-only, beside its status
    await expect.poll(() => unit.getByTestId('entry-amount').inputValue()).toBe(amountWan);
    expect(await unit.getByTestId('entry-note').inputValue()).toBe('E2E：主体结构施工，设备进场');
    expect(await unit.getByTestId('entry-amount').isDisabled()).toBe(true);

    // 3. the office approves it in the queue
    await office.goto('/investment/approvals');
    const row = office.getByTestId(`approval-row-${project!.code}-${month}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('1,234.5678');
    expect(await row.locator('[data-testid^="approval-photos-button-"]').textContent()).toBe('1');
    await row.locator('[data-testid^="approve-"]').click();
    await row.waitFor({ state: 'detached' });

    // 4. the dashboard moves by exactly the amount
    await office.goto('/dashboard');
    const after = await getJson<Summary>(office, '/api/v1/dashboard/summary');
    expect(after.provincialAndMunicipal.completedInvestment).toBe(before.provincialAndMunicipal.completedInvestment + amountYuan);
    await expect
      .poll(() => kpi(office, 'completedInvestment').textContent())
      .toBe(yi(after.provincialAndMunicipal.completedInvestment));
    expect(yi(after.provincialAndMunicipal.completedInvestment)).not.toBe('76.55');
  });
  it('shows 召开会议 61 and 解决问题 113 with the problems by category, each opening its records', async () => {
    const office = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    await logIn(office, 'office');
    await office.waitForURL('**/dashboard');
    await expect.poll(() => kpi(office, 'meetingsHeld').textContent()).toBe('61');
    expect(await kpi(office, 'problemsSolved').textContent()).toBe('113');
    await expect.poll(() => office.getByTestId('chart-problems').locator('canvas').count()).toBeGreaterThan(0);
    expect(await office.getByTestId('problem-states').textContent()).toContain('超期未解决');
    // a phone: no horizontal scroll
    expect(await office.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await office.getByTestId('chart-problems').scrollIntoViewIfNeeded();
    await office.waitForTimeout(800);
    await screenshot(office, 'dashboard-problems-390');
    await office.getByTestId('kpi-meetingsHeld').click();
    await office.waitForURL(/\/meetings\?held=year$/);
    await office.goBack();
    await office.getByTestId('kpi-problemsSolved').click();
    await office.waitForURL(/\/problems\?solved=year$/);
    await office.close();
  });
});
