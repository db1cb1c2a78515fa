/**
 * 上报报表 in the browser (issue 12 item 4): the office opens the month's upward report, previews the
 * provincial and municipal projects, downloads the .xlsx and the test reads it back — one row per
 * project, the year-to-date total the dashboard's figure; on a phone the rows are cards.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DashboardSummary, UpwardReport } from '@kpc/contracts';
import { toWan } from '@kpc/domain';
import { chooseOption, newPage, screenshot } from './support/browser.js';
import { getJson } from './support/page-api.js';
import { logIn, useAppAndBrowser } from './support/suite.js';

const suite = useAppAndBrowser();

async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count()).toBe(0);
}

const resultOf = (v: unknown) => (v && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : v);

describe('the upward report', () => {
  it('is previewed and downloaded by the office; the file read back matches the dashboard (1440×900)', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(page, 'office');
    await page.getByTestId('nav-upward-reports').click();
    await page.getByTestId('upward-report-page').waitFor();
    await settled(page);
    const report = await getJson<UpwardReport>(page, '/api/v1/reports/upward');
    const dash = await getJson<DashboardSummary>(page, '/api/v1/dashboard/summary');
    expect(report.rows).toHaveLength(dash.provincialAndMunicipal.projects);
    expect(await page.getByTestId('upward-row').count()).toBe(report.rows.length);
    await page.getByTestId('upward-totals').waitFor();
    await screenshot(page, 'upward-report-1440');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('upward-download').click()]);
    expect(download.suggestedFilename()).toMatch(/省重点项目月度推进情况表-\d{4}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows[2]![7]).toBe('1-本月累计完成投资');
    expect(rows.slice(3, -1)).toHaveLength(dash.provincialAndMunicipal.projects);
    expect(resultOf(rows.at(-1)![7])).toBe(toWan(dash.provincialAndMunicipal.completedInvestment));

    // the municipal template: other headers, the district and the colour
    await chooseOption(page, page.getByTestId('upward-template'), '市重点项目月度调度表');
    await expect.poll(() => page.url()).toContain('template=municipal-monthly');
    await settled(page);
    await page.getByRole('columnheader', { name: '督办颜色' }).waitFor();
    await page.context().close();
  });

  it('shows each project as a card with its year-to-date figure first on a phone (390×844)', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    await logIn(page, 'supervisor');
    await page.goto('/reports/upward');
    await page.getByTestId('upward-cards').waitFor();
    await settled(page);
    const report = await getJson<UpwardReport>(page, '/api/v1/reports/upward');
    expect(await page.getByTestId('upward-row').count()).toBe(report.rows.length);
    const first = await page.getByTestId('upward-row').first().innerText();
    expect(first.trim().split('\n')[0]).toMatch(/^\d+\.\d{2}/);
    await screenshot(page, 'upward-report-390');
    await page.context().close();
  });

  it('keeps its templates in the settings, where the admin edits them (1440×900)', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(page, 'admin');
    await page.goto('/admin/settings');
    const editor = page.getByTestId('settings-upward-templates');
    await editor.waitFor();
    await settled(page);
    expect(await editor.getByTestId('settings-upward-template').count()).toBe(2);
    await editor.getByTestId('settings-upward-template').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'upward-templates-settings-1440');
    await page.context().close();
  });
});
