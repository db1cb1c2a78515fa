/**
 * 账号安全 on a phone-sized screen: a user opens it from the user menu, enrols an authenticator
 * (QR code and key shown; the code computed here from the key), sees the recovery codes once, and
 * then logs in with password and code; their other session can be ended from the list.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newPage, screenshot } from './support/browser.js';
import { DEMO_PASSWORD, logIn, useAppAndBrowser } from './support/suite.js';

const suite = useAppAndBrowser();

/** RFC 6238 (SHA-1, 30 s, 6 digits) for a base32 key: what an authenticator app shows now. */
function totpNow(base32: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of base32.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(n).padStart(6, '0');
}

describe('account security in the browser', () => {
  it('enrols TOTP at 390 px, shows the recovery codes once, and then asks for a code at login', async () => {
    const phone = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    const other = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1280, height: 800 });
    await logIn(other, 'leader1');
    await logIn(phone, 'leader1');

    await phone.getByTestId('user-menu').click();
    await phone.getByTestId('account-security').click();
    await phone.waitForURL('**/account/security');
    // both sessions listed as cards; only the other one can be ended
    await expect.poll(() => phone.getByTestId('session-end').count()).toBe(1);

    await phone.getByTestId('totp-start').click();
    await phone.getByTestId('totp-qr').waitFor();
    const key = (await phone.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    await screenshot(phone, 'account-totp-enrol-390');
    await phone.getByTestId('totp-code').fill(totpNow(key));
    await phone.getByTestId('totp-enable').click();
    await phone.getByTestId('totp-recovery-codes').waitFor();
    expect(await phone.getByTestId('totp-recovery-codes').locator('code').count()).toBe(10);
    const pageWidth = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(390);
    await screenshot(phone, 'account-recovery-codes-390');

    // end the desktop session from the phone: that browser is sent to the login screen
    await phone.getByTestId('session-end').click();
    await phone.getByRole('button', { name: /确\s?定|OK/ }).click();
    await expect.poll(() => phone.getByTestId('session-end').count()).toBe(0);
    await other.reload();
    await other.waitForURL('**/login**');

    // login now takes password, then the code (a fresh step: wait out the one used to enable)
    await other.getByTestId('login-username').fill('leader1');
    await other.getByTestId('login-password').fill(DEMO_PASSWORD);
    await other.getByTestId('login-submit').click();
    await other.getByTestId('login-totp').waitFor();
    const wait = 30_000 - (Date.now() % 30_000) + 500;
    await other.waitForTimeout(wait);
    await other.getByTestId('login-totp').fill(totpNow(key));
    await other.getByTestId('login-submit').click();
    await other.waitForURL((u) => !u.pathname.startsWith('/login'));
  });
});
