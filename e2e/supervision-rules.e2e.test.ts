/**
 * 评色规则 (issue 11 item 2): the supervisor tightens the district's colour rules — red from 11 points
 * behind the year instead of 25, and a missed leader quota red instead of yellow —, previews the effect
 * (the projects turning red are named, the same the colour map's reasons predict), saves with a note, and
 * the colour map shows them red. Screenshots of the preview at 1440×900 and 390×844.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, screenshot } from './support/browser.js';
import { getJson } from './support/page-api.js';
import { logIn, useAppAndBrowser } from './support/suite.js';

const suite = useAppAndBrowser();

type MapItem = {
  projectId: number;
  code: string;
  name: string;
  rag: string;
  computedRag: string;
  reasons: { rule: string; value: number }[];
};

async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count()).toBe(0);
}

const inputOf = (page: Page, testId: string): Locator =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/** Tightens the rules in the editor and asks for the preview. */
async function tightenAndPreview(page: Page): Promise<void> {
  await page.goto('/supervision/rules');
  await settled(page);
  const red = inputOf(page, 'rule-investment_behind-redPoints');
  await red.fill('11');
  await red.blur();
  await page.getByTestId('rule-leader_quota_shortfall-rag').getByText('红色（严重滞后）').click();
  await page.getByTestId('rules-preview-button').click();
  await page.getByTestId('rules-preview').waitFor();
}

const names = (list: Locator) => list.getByTestId('rules-preview-item').locator('a').allInnerTexts();

describe('the colour rule editor', () => {
  it('previews a tightened set naming the projects it turns red, saves it, and the colour map follows', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(page, 'supervisor');
    const before = await getJson<{ items: MapItem[] }>(page, '/api/v1/supervision/colours');
    // what the rules predict: a yellow project turns red when it is over 11 points behind, or its leader missed the quota
    const turning = before.items
      .filter(
        (i) =>
          i.computedRag === 'yellow' &&
          i.reasons.some((r) => (r.rule === 'investment_behind' && r.value > 11) || r.rule === 'leader_quota_shortfall'),
      )
      .map((i) => i.name)
      .sort();
    expect(turning.length).toBeGreaterThan(1);

    await page.getByTestId('nav-supervision-rules').click();
    await settled(page);
    expect(await page.getByTestId('rules-source').innerText()).toContain('系统默认规则');
    await screenshot(page, 'supervision-rules-editor-1440');
    // red at or below yellow is refused on its field, in plain words
    const redPoints = inputOf(page, 'rule-investment_behind-redPoints');
    await redPoints.fill('5');
    await redPoints.blur();
    await page.getByTestId('rules-preview-button').click();
    await page.getByTestId('rule-card-investment_behind').getByText('红色阈值须大于黄色阈值').waitFor();
    expect(await page.getByTestId('rules-preview').count()).toBe(0);
    await tightenAndPreview(page);
    expect(await page.getByTestId('rules-preview-summary').innerText()).toBe(`此修改将使 ${turning.length} 个项目变为红色`);
    expect((await names(page.getByTestId('rules-preview-red'))).sort()).toEqual(turning);
    await page.waitForTimeout(800); // the smooth scroll to the result
    await screenshot(page, 'supervision-rules-preview-1440');
    // nothing saved by the preview
    expect((await getJson<{ version: number }>(page, '/api/v1/supervision/rule-sets/411104')).version).toBe(0);

    // the same preview on a phone: cards in one column, nothing scrolling sideways
    const phone = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    await logIn(phone, 'supervisor');
    await tightenAndPreview(phone);
    expect((await names(phone.getByTestId('rules-preview-red'))).sort()).toEqual(turning);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.waitForTimeout(800);
    await screenshot(phone, 'supervision-rules-preview-390');
    await phone.evaluate(() => window.scrollTo(0, 0));
    await phone.waitForTimeout(200);
    await screenshot(phone, 'supervision-rules-editor-390');
    await phone.context().close();

    // save with a note: version 1 in the history, the colour map shows the new colours
    await page.getByTestId('rules-save-button').click();
    await page.getByTestId('rules-save-note').fill('【E2E】投资进度与包联领导督查从严');
    await page.getByTestId('rules-save-ok').click();
    await expect.poll(() => page.getByTestId('rules-history').innerText()).toContain('【E2E】投资进度与包联领导督查从严');
    expect(await page.getByTestId('rules-source').innerText()).toContain('第 1 版');

    await page.getByTestId('nav-supervision').click();
    await settled(page);
    for (const name of turning) {
      const tile = page.getByTestId('rag-tile').filter({ hasText: name });
      expect(await tile.getAttribute('data-rag'), name).toBe('red');
    }
    const after = await getJson<{ items: MapItem[] }>(page, '/api/v1/supervision/colours');
    expect(after.items.filter((i) => turning.includes(i.name)).every((i) => i.computedRag === 'red')).toBe(true);
    await page.context().close();
  });
});
