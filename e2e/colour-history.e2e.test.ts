/**
 * Colour history on a fresh demo: the start back-fills the past Mondays and catches up the day, so the
 * office's dashboard shows the 12-week colour trend and the red list with since when — on a desktop and,
 * as cards, on a phone.
 */
import { describe, expect, it } from 'vitest';
import { newPage, screenshot } from './support/browser.js';
import { getJson } from './support/page-api.js';
import { logIn, useAppAndBrowser } from './support/suite.js';

const suite = useAppAndBrowser();

interface Summary {
  colourTrend: { week: string; red: number; yellow: number; green: number }[];
  redList: { projectId: number; since: string | null }[];
}

describe('colour history in the browser', () => {
  for (const [name, width, height] of [
    ['desktop', 1440, 900],
    ['phone', 390, 844],
  ] as const) {
    it(`shows the 12-week trend and the red list (${name})`, async () => {
      const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width, height });
      await logIn(page, 'office');
      await page.waitForURL('**/dashboard');
      const s = await getJson<Summary>(page, '/api/v1/dashboard/summary');
      expect(s.colourTrend).toHaveLength(12);
      expect(s.colourTrend.every((w) => w.red + w.yellow + w.green > 0)).toBe(true);
      const list = page.getByTestId('red-list');
      await list.scrollIntoViewIfNeeded();
      await page.getByTestId('chart-colour-trend').scrollIntoViewIfNeeded();
      await page.waitForTimeout(800); // the chart's first draw
      if (s.redList.length) expect(await list.textContent()).toContain(s.redList[0]!.since ?? '');
      await screenshot(page, `colour-history-${name}`);
    });
  }
});
