/**
 * 督办事项 through the four links in the browser (issue 11): the supervisor enters higher-level feedback
 * for 区工信局, unit1 reports progress and submits it, the supervisor sends it back with a reason, unit1
 * submits again and the supervisor accepts it; 列入督办 on an instruction makes one item. Screenshots of the board at 1440×900 and 390×844 and of
 * the item's timeline.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chooseOption, newPage, screenshot } from './support/browser.js';
import { getJson } from './support/page-api.js';
import { logIn, useAppAndBrowser } from './support/suite.js';

const suite = useAppAndBrowser();

async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count()).toBe(0);
}

const TITLE = '【E2E】市督导反馈：加快设备进场';
const inDays = (n: number) => new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

interface Item {
  id: number;
  title: string;
  link: string;
  rag: string;
  returnCount: number;
  acceptedAt: string | null;
}

async function openItem(page: Page, id: number) {
  await page.goto(`/supervision/items?item=${id}`);
  await settled(page);
  await page.getByTestId('item-timeline').waitFor();
}

async function takeStep(page: Page, action: string, note: string) {
  if (note) await page.getByTestId('item-step-text').fill(note);
  await page.getByTestId(`item-step-${action}`).click();
  await page.locator('.ant-message-notice-success').first().waitFor();
}

const item = (page: Page, id: number) => getJson<Item & { events: { kind: string }[] }>(page, `/api/v1/supervision/items/${id}`);

describe('supervision items', () => {
  it('go from higher-level feedback through tracking, a return and acceptance', async () => {
    // the supervisor enters the feedback
    const bureau = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(bureau, 'supervisor', 'nav-supervision-items');
    await bureau.getByTestId('nav-supervision-items').click();
    await bureau.getByTestId('items-board').waitFor();
    await settled(bureau);
    for (const link of ['coordinating', 'tracking', 'checking', 'bulletined'])
      expect(await bureau.getByTestId(`items-column-${link}`).getByTestId('item-card').count(), link).toBeGreaterThan(0);
    // the demo's overdue item leads with its colour
    expect(await bureau.locator('[data-testid=item-card][data-rag=red]').count()).toBeGreaterThan(0);
    await screenshot(bureau, 'supervision-items-board-1440');

    await bureau.getByTestId('item-new-feedback').click();
    const modal = bureau.getByTestId('feedback-modal');
    await modal.getByTestId('feedback-issued-by').fill('漯河市委督查室');
    await modal.getByTestId('feedback-title').fill(TITLE);
    await modal.getByTestId('feedback-content').fill('督导组反馈：主体设备进场滞后，请区工信局协调设备供应商，限期进场安装。');
    await chooseOption(bureau, bureau.locator('.ant-select:has(#unitId)'), '区工业和信息化局');
    await modal.getByTestId('feedback-owner').fill('李娜');
    const deadline = bureau.locator('#deadline');
    await deadline.click();
    await deadline.fill(inDays(10));
    await deadline.press('Enter');
    await bureau.locator('.ant-modal-footer .ant-btn-primary').click();
    await bureau.getByTestId('item-timeline').waitFor();
    const id = Number(new URL(bureau.url()).searchParams.get('item'));
    expect(await item(bureau, id)).toMatchObject({ title: TITLE, link: 'coordinating', rag: 'green' });

    // unit1 reports progress and submits it
    const unit = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    await logIn(unit, 'unit1');
    await unit.goto('/supervision/items');
    await settled(unit);
    await unit.getByTestId('item-card').filter({ hasText: TITLE }).waitFor();
    // grouped cards, one column, the colour and deadline first; nothing scrolls sideways
    expect(await unit.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const card = unit.getByTestId('item-card').filter({ hasText: TITLE });
    expect((await card.innerText()).split('\n').slice(0, 2).join(' ')).toMatch(/绿色.*时限/);
    await screenshot(unit, 'supervision-items-board-390');
    await openItem(unit, id);
    await takeStep(unit, 'progress', '已约谈设备供应商，第一批设备明日进场');
    await expect.poll(async () => (await item(unit, id)).link).toBe('tracking');
    await takeStep(unit, 'submit', '设备已全部进场，安装完成60%');
    await expect.poll(async () => (await item(unit, id)).link).toBe('checking');

    // the supervisor sends it back with a reason
    await openItem(bureau, id);
    await bureau.getByTestId('item-step-return').waitFor();
    await takeStep(bureau, 'return', '未附设备进场验收单，请补充佐证材料');
    await expect.poll(async () => (await item(bureau, id)).link).toBe('tracking');
    expect((await item(bureau, id)).rag).toBe('yellow');

    // unit1 submits again; the supervisor accepts
    await openItem(unit, id);
    expect(await unit.getByTestId('item-event').filter({ hasText: '未附设备进场验收单' }).count()).toBe(1);
    await takeStep(unit, 'submit', '已补充设备进场验收单');
    await openItem(bureau, id);
    await bureau.getByTestId('item-step-accept').waitFor();
    await takeStep(bureau, 'accept', '');
    await expect.poll(async () => (await item(bureau, id)).acceptedAt).not.toBeNull();
    const done = await item(bureau, id);
    expect(done).toMatchObject({ link: 'checking', rag: 'green', returnCount: 1 });
    expect(done.events.map((e) => e.kind)).toEqual(['assigned', 'progress', 'submitted', 'returned', 'submitted', 'accepted']);
    await bureau.waitForTimeout(500); // the drawer's slide-in
    await screenshot(bureau, 'supervision-items-timeline-1440');

    await openItem(unit, id);
    await unit.waitForTimeout(500);
    await screenshot(unit, 'supervision-items-timeline-390');
    await unit.context().close();

    // 列入督办 on a leader instruction: once; a second press says it already is
    await bureau.goto('/instructions');
    await bureau.getByTestId('instructions-box').getByText('全部').click();
    await bureau.getByTestId('instruction-supervise').first().waitFor();
    await settled(bureau);
    const first = bureau.getByTestId('instruction-supervise').first();
    await first.click();
    await bureau.locator('.ant-message-notice-success').filter({ hasText: '已列入督办' }).waitFor();
    await first.click();
    await bureau.locator('.ant-message-notice-info').filter({ hasText: '已列入督办' }).waitFor();
    const fromInstructions = await getJson<{ items: Item[] }>(bureau, '/api/v1/supervision/items?source=leader_instruction');
    expect(fromInstructions.items.length).toBe(1);
    await bureau.context().close();
  });
});
