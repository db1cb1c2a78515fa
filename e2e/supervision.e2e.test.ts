/**
 * 三色督办 (issue 11, first slice): the supervisor sees the district by colour — all three on the demo data —,
 * opens a red project's tile and reads why, with the records behind it; the project's own badge says the same.
 * Screenshots of the colour map (1440×900, 390×844) and the reasons.
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

const count = async (page: Page, rag: string) =>
  Number((await page.getByTestId(`rag-count-${rag}`).locator('.ant-statistic-content').innerText()).replace(/\D/g, ''));

describe('the colour map', () => {
  it('shows the three colours at 1440×900 and says why a red project is red', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(page, 'supervisor');
    await page.getByTestId('nav-supervision').click();
    await settled(page);
    const map = await getJson<{
      counts: Record<string, number>;
      items: { projectId: number; rag: string; lat: number | null }[];
    }>(page, '/api/v1/supervision/colours');
    for (const rag of ['red', 'yellow', 'green']) {
      expect(map.counts[rag], rag).toBeGreaterThan(0);
      expect(await count(page, rag)).toBe(map.counts[rag]);
    }
    expect(await page.getByTestId('rag-tile').count()).toBe(map.items.length);
    // red first
    expect(await page.getByTestId('rag-tile').first().getAttribute('data-rag')).toBe('red');
    await screenshot(page, 'supervision-map-1440');

    // the map view: every project with coordinates at its place, in its colour
    const placed = map.items.filter((i) => i.lat !== null).length;
    expect(placed).toBeGreaterThan(0);
    await page.getByTestId('rag-view').getByText('地图').click();
    await page.getByTestId('rag-map').waitFor();
    expect(Number(await page.getByTestId('rag-map').getAttribute('data-points'))).toBe(placed);
    await page.waitForTimeout(600); // the chart's first draw
    await screenshot(page, 'supervision-geo-1440');
    await page.getByTestId('rag-view').getByText('方块').click();

    await page.getByTestId('rag-tile').first().click();
    const drawer = page.getByTestId('rag-drawer');
    await drawer.getByTestId('rag-reason').first().waitFor();
    expect(await drawer.getByTestId('rag-record').count()).toBeGreaterThan(0);
    await page.waitForTimeout(500); // the drawer's slide-in
    await screenshot(page, 'supervision-reasons-1440');

    // the project's own badge gives the same colour and reasons
    const red = map.items.find((i) => i.rag === 'red')!;
    await page.goto(`/projects/${red.projectId}`);
    await settled(page);
    const badge = page.getByTestId('rag-badge');
    expect(await badge.getAttribute('data-rag')).toBe('red');
    await badge.click();
    await page.getByTestId('rag-reasons').waitFor();
    await page.waitForTimeout(400); // the popover's fade-in
    await screenshot(page, 'supervision-project-reasons-1440');
    await page.keyboard.press('Escape');

    // 人工调整: the supervisor overrides it to yellow with a reason; the badge shows it beside the computed colour
    await page.getByTestId('rag-override').click();
    await page.getByTestId('rag-override-rag').getByText('黄色（滞后）').click();
    await page.getByTestId('rag-override-reason').fill('【E2E】用地问题已于周例会协调解决，手续补办中');
    await page.getByTestId('rag-override-ok').click();
    await expect.poll(() => badge.getAttribute('data-rag')).toBe('yellow');
    expect(await page.getByTestId('rag-override-tag').innerText()).toContain('红色');
    const rag = await getJson<{ rag: string; computedRag: string; override: { reason: string } | null }>(
      page,
      `/api/v1/projects/${red.projectId}/rag`,
    );
    expect(rag).toMatchObject({ rag: 'yellow', computedRag: 'red' });
    expect(rag.override?.reason).toContain('【E2E】');
    await page.context().close();

    // the audit log shows who and why
    const auditor = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(auditor, 'auditor');
    const audit = await getJson<{ items: { action: string; after: { reason?: string } | null }[] }>(
      auditor,
      '/api/v1/audit?entity=rag_override',
    );
    expect(audit.items.some((a) => a.action === 'rag_override' && a.after?.reason?.includes('【E2E】'))).toBe(true);
    await auditor.context().close();
  });

  it('is one column of tiles on a 390×844 phone, nothing scrolling sideways', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    await logIn(page, 'supervisor');
    await page.goto('/supervision');
    await settled(page);
    await page.getByTestId('rag-tile').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const boxes = await page
      .getByTestId('rag-tile')
      .evaluateAll((els) => els.slice(0, 2).map((e) => e.getBoundingClientRect().x));
    expect(boxes[0]).toBe(boxes[1]);
    await screenshot(page, 'supervision-map-390');
    await page.context().close();
  });
});
