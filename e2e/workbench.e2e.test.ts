/**
 * 督查工作台 (issue 11): the supervisor opens the workbench — the menu badge counts what waits —, confirms
 * the demo's proposed 通报批评, and the project's 问责记录 card shows it confirmed and dated, beside the
 * warning the ladder issued. Screenshots at 1440×900 and 390×844.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, screenshot } from './support/browser.js';
import { apiFromPage, getJson } from './support/page-api.js';
import { logIn, useAppAndBrowser } from './support/suite.js';

const suite = useAppAndBrowser();

async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count()).toBe(0);
}

interface Wb {
  asOf: string;
  proposed: { id: number; projectId: number; step: string }[];
  counts: { total: number; proposed: number; overdue: number };
}

describe('the workbench', () => {
  it('shows the sections as cards on a phone, days overdue first', async () => {
    const phone = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    await logIn(phone, 'supervisor');
    await phone.goto('/workbench');
    await settled(phone);
    // the proposed 通报批评 waits at the top, with its actions
    await phone.locator('[data-testid="workbench-proposed"] [data-testid="escalation-card"][data-step="bulletin"]').waitFor();
    await phone.getByTestId('workbench-overdue-card').first().waitFor();
    expect(await phone.getByTestId('workbench-overdue').locator('table').count()).toBe(0);
    expect(await phone.getByTestId('workbench-overdue-card').first().innerText()).toMatch(/^逾期 \d+ 天/);
    await screenshot(phone, 'workbench-phone-390');
    await phone.getByTestId('workbench-overdue').scrollIntoViewIfNeeded();
    await screenshot(phone, 'workbench-phone-390-overdue');
    await phone.context().close();
  });
  it('lets the supervisor confirm the proposed bulletin criticism; the project card shows it dated', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(page, 'supervisor', 'nav-workbench');
    const wb = await getJson<Wb>(page, '/api/v1/supervision/workbench');
    const bulletin = wb.proposed.find((e) => e.step === 'bulletin')!;
    expect(bulletin).toBeTruthy();
    expect(wb.counts.overdue).toBeGreaterThan(0);
    await expect
      .poll(async () => Number((await page.getByTestId('workbench-badge').innerText()).replace(/\D/g, '')))
      .toBe(Math.min(wb.counts.total, 99));

    await page.getByTestId('nav-workbench').click();
    await settled(page);
    const card = page.locator('[data-testid="workbench-proposed"] [data-testid="escalation-card"][data-step="bulletin"]');
    await card.waitFor();
    expect(await page.getByTestId('workbench-overdue').locator('tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, 'workbench-1440');

    await card.getByTestId('escalation-confirm').click();
    await expect.poll(() => card.count()).toBe(0);

    await page.goto(`/projects/${bulletin.projectId}`);
    await settled(page);
    const history = page.getByTestId('project-escalations');
    const confirmed = history.locator('[data-testid="escalation-card"][data-step="bulletin"]');
    await confirmed.waitFor();
    expect(await confirmed.getAttribute('data-status')).toBe('confirmed');
    expect(await confirmed.getByTestId('escalation-date').innerText()).toBe(wb.asOf);
    expect(await history.locator('[data-testid="escalation-card"][data-step="warning"]').getAttribute('data-status')).toBe(
      'confirmed',
    );
    await history.scrollIntoViewIfNeeded();
    await screenshot(page, 'workbench-project-card-1440');
    await page.context().close();
  });

  it('lists a confirmed 表态发言 on the review meeting, where the office marks it made', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(page, 'supervisor');
    const [project] = await getJson<{ projectId: number }[]>(page, '/api/v1/escalations?step=warning');
    const proposed = await apiFromPage<{ id: number; version: number }>(page, 'POST', '/api/v1/escalations', {
      projectId: project!.projectId,
      step: 'statement',
      reason: '【E2E】连续红色，责任单位在评审会上表态',
    });
    expect(proposed.status).toBe(201);
    const confirmed = await apiFromPage(page, 'POST', `/api/v1/escalations/${proposed.json.id}/confirm`, {
      version: proposed.json.version,
    });
    expect(confirmed.status).toBe(200);
    await page.context().close();

    const office = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(office, 'office');
    const meeting = await apiFromPage<{ id: number }>(office, 'POST', '/api/v1/meetings', {
      kind: 'review',
      title: '【E2E】项目评审会',
      date: '2026-12-20',
      time: '09:00',
      agenda: [{ projectId: project!.projectId, reasons: [] }],
    });
    expect(meeting.status, JSON.stringify(meeting.json)).toBe(201);
    await office.goto(`/meetings/${meeting.json.id}`);
    await settled(office);
    const card = office.getByTestId('meeting-statements');
    await card.getByTestId('statement-pending').first().waitFor();
    await card.scrollIntoViewIfNeeded();
    await screenshot(office, 'workbench-review-statements-1440');
    await card.getByTestId('statement-mark').first().click();
    await card.getByTestId('statement-made').first().waitFor();
    expect(await card.getByTestId('statement-pending').count()).toBe(0);
    await office.context().close();
  });

  it('shows the admin the ladder setting with its default weeks', async () => {
    const admin = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(admin, 'admin');
    await admin.goto('/admin/settings');
    const ladder = admin.getByTestId('settings-escalation-ladder');
    await ladder.waitFor();
    for (const [step, weeks] of [
      ['warning', '2'],
      ['bulletin', '4'],
      ['accountability', '6'],
      ['statement', '8'],
    ])
      expect(await admin.getByTestId(`settings-ladder-${step}`).locator('input').inputValue()).toBe(weeks);
    await ladder.scrollIntoViewIfNeeded();
    await screenshot(admin, 'workbench-ladder-setting-1440');
    await admin.context().close();
  });
});
