/**
 * 月督导通报 (issue 11 items 4 and 7): the supervisor drafts last month's bulletin on the reports screen,
 * sees its red list, downloads the .docx and the test reads it back (word/document.xml) and finds the red
 * projects' names; publishing freezes it, and a leader then reads it on a phone as cards.
 * Screenshots at 1440×900 and 390×844.
 */
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SupervisionReport, SupervisionReportSummary } from '@kpc/contracts';
import { newPage, screenshot } from './support/browser.js';
import { getJson } from './support/page-api.js';
import { logIn, useAppAndBrowser } from './support/suite.js';

const suite = useAppAndBrowser();

async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count()).toBe(0);
}

let bulletinId: number;

describe('the monthly bulletin', () => {
  it('is drafted by the supervisor, lists the red projects, and its .docx names them (1440×900)', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(page, 'supervisor');
    await page.getByTestId('nav-supervision-reports').click();
    await settled(page);
    await page.getByTestId('reports-draft').click();
    await page.getByTestId('report-preview').waitFor();
    await settled(page);

    const list = await getJson<{ items: SupervisionReportSummary[] }>(page, '/api/v1/supervision/reports?kind=monthly_bulletin');
    expect(list.items).toHaveLength(1);
    bulletinId = list.items[0]!.id;
    const report = await getJson<SupervisionReport>(page, `/api/v1/supervision/reports/${bulletinId}`);
    if (report.content.kind !== 'monthly_bulletin') throw new Error('not a bulletin');
    const red = report.content.red;
    expect(red.length).toBeGreaterThan(0);
    const table = page.getByTestId('report-red');
    for (const p of red) await table.getByText(p.name, { exact: true }).waitFor();
    expect(await page.getByTestId('report-status').innerText()).toBe('草稿');
    expect(await page.getByTestId('report-opening').innerText()).toContain(`红色 ${red.length} 个`);
    await screenshot(page, 'supervision-reports-1440');

    // the download, read back: the red projects are in the document
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-docx').click()]);
    expect(download.suggestedFilename()).toMatch(/月督导通报-\d{4}-\d{2}-草稿\.docx$/);
    const zip = await JSZip.loadAsync(await readFile((await download.path())!));
    const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    for (const p of red) expect(text).toContain(p.name);
    expect(text).toContain(report.docNumber);
    expect(text).toContain('抄送：');

    // publishing freezes it
    await page.getByTestId('report-publish').click();
    await page.getByTestId('report-publish-ok').click();
    await expect.poll(() => page.getByTestId('report-status').innerText()).toBe('已印发');
    expect(await page.getByTestId('report-publish').count()).toBe(0);
    await page.context().close();
  });

  it('is read by a leader on a phone as cards, the colour first (390×844)', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    await logIn(page, 'leader1');
    await page.goto('/supervision/reports');
    await page.getByTestId('report-preview').waitFor();
    await settled(page);
    expect(await page.getByTestId('report-status').innerText()).toBe('已印发');
    expect(await page.getByTestId('reports-draft').count()).toBe(0);
    const cards = page.getByTestId('report-red').locator('.ant-card');
    expect(await cards.count()).toBeGreaterThan(0);
    expect(await cards.first().getByTestId('rag-tag-red').count()).toBe(1);
    await screenshot(page, 'supervision-reports-390');
    await page.getByTestId('report-red').scrollIntoViewIfNeeded();
    await screenshot(page, 'supervision-reports-390-red');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.context().close();
  });

  it('drafts this week’s dispatch with the district summary and every project’s row (1440×900, 390×844)', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(page, 'supervisor');
    await page.goto('/supervision/reports');
    await page.getByTestId('reports-kind').getByText('周调度').click();
    await page.getByTestId('reports-draft').click();
    await page.getByTestId('dispatch-summary').waitFor();
    await settled(page);
    const list = await getJson<{ items: SupervisionReportSummary[] }>(page, '/api/v1/supervision/reports?kind=weekly_dispatch');
    const report = await getJson<SupervisionReport>(page, `/api/v1/supervision/reports/${list.items[0]!.id}`);
    if (report.content.kind !== 'weekly_dispatch') throw new Error('not a dispatch');
    expect(await page.getByTestId('report-preview').locator('tr.ant-table-row').count()).toBe(report.content.projects.length);
    await screenshot(page, 'supervision-dispatch-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await settled(page);
    await page.getByTestId('dispatch-summary').scrollIntoViewIfNeeded();
    await screenshot(page, 'supervision-dispatch-390');
    await page.context().close();
  });
});
