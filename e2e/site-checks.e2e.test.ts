/**
 * 实地检查 on a phone with no signal: leader1 at 390×844, located next to a project, writes findings, takes a
 * photo (a small PNG made here) and solves one of the project's open problems on the spot, submits with the
 * network cut; the check and its photo are kept on the phone (the queue in localStorage, the photo in
 * IndexedDB) and sent when the network returns — the check appears exactly once with its photo, the problem is
 * solved by leader1, and the dashboard's problemsSolved rose by one. Screenshots: the form (390×844) and the
 * list (1440×900).
 */
import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, screenshot } from './support/browser.js';
import { png } from './support/png.js';
import { apiFromPage, getJson } from './support/page-api.js';
import { logIn, useAppAndBrowser } from './support/suite.js';

const suite = useAppAndBrowser();

interface Target {
  projectId: number;
  projectName: string;
  lat: number | null;
  lng: number | null;
  openProblems: { id: number; description: string }[];
}
interface CheckRow {
  id: number;
  photoCount: number;
  locationStatus: string;
  distanceM: number | null;
  problemsSolved: { id: number }[];
}

const isCreate = (r: Request) => new URL(r.url()).pathname === '/api/v1/site-checks' && r.method() === 'POST';

describe('site check on a phone without signal', () => {
  it('is kept on the phone with its photo and sent once when the network returns', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    await logIn(page, 'leader1');
    const mine = await getJson<{ canCreate: boolean; projects: Target[] }>(page, '/api/v1/site-checks/targets');
    expect(mine.canCreate).toBe(true);
    const located = mine.projects.find((p) => p.lat !== null && p.lng !== null);
    expect(located, 'leader1 has a project with coordinates').toBeDefined();
    // the office raises an open problem on it, for leader1 to solve on the spot
    const officePage = await newPage(suite.browser, { baseURL: suite.server.baseUrl });
    await logIn(officePage, 'office');
    const raised = await apiFromPage<{ id: number }>(officePage, 'POST', '/api/v1/problems', {
      projectId: located!.projectId,
      category: 'utilities',
      description: 'E2E：施工用电未接通',
    });
    expect(raised.status).toBe(201);
    await officePage.context().close();
    const targets = await getJson<{ projects: Target[] }>(page, '/api/v1/site-checks/targets');
    const target = targets.projects.find((p) => p.projectId === located!.projectId);
    const problem = target!.openProblems.find((p) => p.id === raised.json.id)!;
    expect(problem).toBeDefined();
    await page.context().grantPermissions(['geolocation'], { origin: suite.server.baseUrl });
    await page.context().setGeolocation({ latitude: target!.lat! + 0.001, longitude: target!.lng!, accuracy: 15 });

    const solvedBefore = (await getJson<{ problemsSolved: { count: number } }>(page, '/api/v1/dashboard/summary')).problemsSolved
      .count;
    const checksOf = () =>
      getJson<{ total: number; items: CheckRow[] }>(page, `/api/v1/site-checks?projectId=${target!.projectId}`);
    const before = (await checksOf()).total;
    // leader1's row of this week's compliance table 周督查 (leaders read the whole ranking)
    const leaderId = (await getJson<{ user: { leaderId: number } }>(page, '/api/v1/auth/me')).user.leaderId;
    const myRow = async () =>
      (
        await getJson<{ rows: { personType: string; personId: number; siteChecks: number; solvedOnSite: number }[] }>(
          page,
          '/api/v1/compliance/weekly',
        )
      ).rows.find((r) => r.personType === 'leader' && r.personId === leaderId)!;
    const quotaBefore = await myRow();

    await page.goto(`/site-checks/new?projectId=${target!.projectId}`);
    await expect.poll(() => page.getByTestId('site-check-project').textContent()).toContain(target!.projectName);
    await expect.poll(() => page.getByTestId('site-check-location').getAttribute('data-status')).toBe('ok');
    expect(await page.getByTestId('site-check-location-text').textContent()).toContain('精度 ±15 米');
    expect(await page.getByTestId('site-check-location-text').textContent()).toContain('距项目 111 米');

    await page.getByTestId('site-check-findings').fill('E2E：主体结构封顶，现场无信号');
    await page.locator('.kpc-site-check-form input[type=file]').setInputFiles({
      name: '现场.png',
      mimeType: 'image/png',
      buffer: png(),
    });
    await page.locator('.kpc-site-check-form .ant-upload-list-item').first().waitFor();
    const row = page.locator(`[data-problem-id="${problem.id}"]`);
    await row.getByTestId('site-check-solve').click();
    await row.getByTestId('site-check-resolution').fill('现场协调，当场解决');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'site-check-form-390');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // no signal while submitting: kept on the phone
    await page.context().setOffline(true);
    await page.getByTestId('site-check-submit').click();
    await page.getByText('检查记录和照片已保存在本机').first().waitFor();
    const queued = await page.evaluate(
      () => JSON.parse(localStorage.getItem('kpc.offlineQueue.v1') ?? '[]') as { key: string; files?: { ids: string[] } }[],
    );
    expect(queued).toHaveLength(1);
    expect(queued[0]!.files?.ids).toHaveLength(1);
    await page.getByTestId('site-check-queued').waitFor();
    expect((await checksOf().catch(() => null)) === null).toBe(true); // really offline

    // back online: the queue sends the check, then its photo
    const sent = page.waitForRequest(isCreate);
    const photo = page.waitForResponse(
      (r) => /\/api\/v1\/site-checks\/\d+\/attachments$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST',
    );
    await page.context().setOffline(false);
    expect((await sent).headers()['idempotency-key']).toBe(queued[0]!.key);
    expect((await photo).status()).toBe(201);
    await page.getByTestId('site-check-queued').waitFor({ state: 'detached' });

    const after = await checksOf();
    expect(after.total).toBe(before + 1);
    const check = after.items[0]!;
    expect(check).toMatchObject({ photoCount: 1, locationStatus: 'ok', distanceM: 111 });
    expect(check.problemsSolved.map((p) => p.id)).toEqual([problem.id]);
    const photos = await getJson<{ mime: string }[]>(page, `/api/v1/site-checks/${check.id}/attachments`);
    expect(photos.map((p) => p.mime)).toEqual(['image/png']);
    // the photo left the phone once it was sent
    const left = await page.evaluate(
      (id) =>
        new Promise<boolean>((resolve) => {
          const open = indexedDB.open('kpc-offline-files');
          open.onsuccess = () => {
            const db = open.result;
            const get = db.transaction('files').objectStore('files').get(id);
            get.onsuccess = () => resolve(get.result === undefined);
            get.onerror = () => resolve(false);
          };
          open.onerror = () => resolve(false);
        }),
      queued[0]!.files!.ids[0]!,
    );
    expect(left).toBe(true);
    const solvedAfter = (await getJson<{ problemsSolved: { count: number } }>(page, '/api/v1/dashboard/summary')).problemsSolved
      .count;
    expect(solvedAfter).toBe(solvedBefore + 1);
    // and the weekly quota counts the check and the problem solved on the spot for leader1
    expect(await myRow()).toMatchObject({
      siteChecks: quotaBefore.siteChecks + 1,
      solvedOnSite: quotaBefore.solvedOnSite + 1,
    });

    // the list on the phone: cards, the new check first with its distance
    await page.goto('/site-checks');
    await page.getByTestId('site-check-card').first().waitFor();
    await screenshot(page, 'site-checks-list-390');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.context().close();

    const desk = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(desk, 'office');
    await desk.goto('/site-checks');
    await desk.getByTestId('site-check-row').first().waitFor();
    expect(await desk.getByTestId('site-check-distance').first().isVisible()).toBe(true);
    await screenshot(desk, 'site-checks-list-1440');
    await desk.getByTestId('site-check-row').first().click();
    await desk.getByTestId('site-check-detail').waitFor();
    await desk.locator('[data-testid=site-check-detail] img').first().waitFor();
    await screenshot(desk, 'site-check-detail-1440');
    // the project's own tab lists it too
    await desk.goto(`/projects/${target!.projectId}?tab=site-checks`);
    await desk.getByTestId('project-tab-site-checks').waitFor();
    await expect.poll(() => desk.getByTestId('site-check-row').first().textContent()).toContain('E2E：主体结构封顶');
    await desk.context().close();
  });
});
