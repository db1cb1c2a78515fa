/**
 * The language switch after login: the strings of the screens after login come one language at a time
 * (web/src/lib/i18n-app.ts, SPEC §3 web budgets), so switching must load the other language's strings
 * before the screen changes language — never a bare key — and a reload in English starts in English.
 */
import { describe, expect, it } from 'vitest';
import { newPage } from './support/browser.js';
import { logIn, useAppAndBrowser } from './support/suite.js';

const suite = useAppAndBrowser();

describe('language switch in the browser', () => {
  it('switches the dashboard to English and back, and a reload keeps English', async () => {
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(page, 'office', 'nav-dashboard');
    await page.goto('/dashboard');
    const dashboard = page.getByTestId('dashboard');
    await expect.poll(() => dashboard.innerText(), { timeout: 15_000 }).toContain('重点项目指挥驾驶舱');

    await page.getByTestId('language-switch').getByText('EN').click();
    await expect.poll(() => dashboard.innerText(), { timeout: 15_000 }).toContain('key projects — command dashboard');
    // every string of the screen is there in English: no key shown bare
    expect(await dashboard.innerText()).not.toMatch(/\bdashboard\.[a-z]+[A-Za-z.]*\b/);
    expect(await page.getByTestId('nav-dashboard').innerText()).not.toMatch(/nav\./);

    await page.reload();
    await expect
      .poll(() => page.getByTestId('dashboard').innerText(), { timeout: 15_000 })
      .toContain('key projects — command dashboard');

    await page.getByTestId('language-switch').getByText('中文').click();
    await expect.poll(() => page.getByTestId('dashboard').innerText(), { timeout: 15_000 }).toContain('重点项目指挥驾驶舱');
    await page.close();
  });
});
