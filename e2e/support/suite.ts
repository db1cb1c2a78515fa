/** What every browser spec needs: the app started once per file, a browser, and logging in as a demo user. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import { startServer, type RunningServer } from './server.js';

export const DEMO_PASSWORD = 'Demo@2026';

export interface Suite {
  readonly server: RunningServer;
  readonly browser: Browser;
}

/** Starts the built app on a fresh data directory and a browser before the file's tests; stops both after. */
export function useAppAndBrowser(): Suite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      return server!;
    },
    get browser() {
      return browser!;
    },
  };
}

/**
 * Logs in through the login screen and waits until the app has left it (and, when asked, until an
 * element shows: the side menu is not there at phone width, so that is the caller's choice).
 */
export async function logIn(page: Page, username: string, waitForTestId?: string): Promise<void> {
  await page.goto('/');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  if (waitForTestId) await page.getByTestId(waitForTestId).waitFor();
}
