/**
 * Debian's Chromium driven by playwright-core (no browser download). The flags keep Chromium off
 * the network: this machine's closed network refuses its background connections.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = resolve(import.meta.dirname, '..', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface PageOptions {
  baseURL: string;
  width?: number;
  height?: number;
  locale?: string;
}

/** A page in its own context (own cookies), so two users never share a session. */
export async function newPage(browser: Browser, opts: PageOptions): Promise<Page> {
  const context = await browser.newContext({
    baseURL: opts.baseURL,
    viewport: { width: opts.width ?? 1366, height: opts.height ?? 860 },
    locale: opts.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

/** Saves e2e/screenshots/<name>.png (git-ignored) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * Picks an option of an antd Select by its visible label. On a busy machine the dropdown can
 * still be animating (or close again) when the click lands, so each try is short and the choice
 * is checked on the select itself before it counts.
 */
export async function chooseOption(page: Page, select: Locator, label: string): Promise<void> {
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first();
  for (let attempt = 0; attempt < 6; attempt++) {
    try {
      if (!(await option.isVisible())) await select.click({ timeout: 5_000 });
      await option.click({ timeout: 5_000 });
    } catch {
      await page.keyboard.press('Escape').catch(() => undefined);
      await page.waitForTimeout(300);
    }
    if ((await select.textContent())?.includes(label)) return;
  }
  throw new Error(`could not choose ${label}`);
}
