/**
 * A stage change the unit does not make itself (ADR 0009): unit1 on a phone proposes the next stage of a
 * project it leads, with the date, an evidence note and a photo; the office sees it waiting in its queue
 * (and the menu badge), confirms it, and the project is in the new stage with the proposed date.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, screenshot } from './support/browser.js';
import { getJson } from './support/page-api.js';
import { logIn, useAppAndBrowser } from './support/suite.js';

const suite = useAppAndBrowser();

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count()).toBe(0);
}

interface Detail {
  id: number;
  name: string;
  stage: string;
  permissions: { proposeStage: boolean };
}

describe('stage proposals', () => {
  it('unit1 proposes on the phone, the office confirms from its queue, the project moves', async () => {
    const phone = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    await logIn(phone, 'unit1');
    const mine = (await getJson<{ items: { id: number; stage: string }[] }>(phone, '/api/v1/projects?pageSize=100')).items;
    let target: Detail | undefined;
    for (const p of mine.filter((x) => ['planned', 'signed', 'started'].includes(x.stage))) {
      const d = await getJson<Detail>(phone, `/api/v1/projects/${p.id}`);
      if (d.permissions.proposeStage) {
        target = d;
        break;
      }
    }
    expect(target, 'a project unit1 leads with a next stage').toBeDefined();
    await phone.goto(`/projects/${target!.id}`);
    await settled(phone);
    await phone.getByTestId('stage-propose').click();
    await phone.getByTestId('stage-proposal-evidence').fill('【E2E】施工许可证已取得，编号 411104202612040001');
    await phone.getByTestId('stage-proposal-submit').click();
    const files = phone.getByTestId('stage-proposal-new-files');
    await files.waitFor();
    await files.locator('input[type=file]').setInputFiles({ name: '许可证.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => files.getByTestId('stage-proposal-new-files-file').count()).toBe(1);
    await screenshot(phone, 'stage-proposal-phone-390');
    await phone.getByTestId('stage-proposal-submit').click();
    // the waiting proposal is on the project, and the project has not moved
    await phone.getByTestId('stage-proposal-card').first().waitFor();
    expect(await phone.getByTestId('stage-proposal-status').first().innerText()).toContain('待确认');
    expect((await getJson<Detail>(phone, `/api/v1/projects/${target!.id}`)).stage).toBe(target!.stage);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    const office = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(office, 'office');
    await expect
      .poll(async () => Number((await office.getByTestId('stage-proposals-badge').innerText()).replace(/\D/g, '') || 0))
      .toBeGreaterThanOrEqual(1);
    await office.getByTestId('nav-stage-proposals').click();
    await settled(office);
    const card = office.getByTestId('stage-proposal-card').filter({ hasText: target!.name });
    await card.waitFor();
    expect(await card.getByTestId('stage-proposal-files-file').count()).toBe(1);
    await screenshot(office, 'stage-proposals-queue-1440');
    await card.getByTestId('stage-proposal-note').fill('材料齐全，同意');
    await card.getByTestId('stage-proposal-confirm').click();
    await expect
      .poll(async () => (await getJson<Detail>(office, `/api/v1/projects/${target!.id}`)).stage)
      .not.toBe(target!.stage);
    const after = await getJson<{ transitions: { toStage: string; onDate: string }[] }>(office, `/api/v1/projects/${target!.id}`);
    expect(after.transitions.at(-1)!.onDate).toBe(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }));
  });
});
