/**
 * The administrators in the browser: the system administrator sees the scheduled jobs, runs the nightly
 * backup now and reads its file and size on the card; the account form offers the security and audit
 * administrators' roles; the audit administrator lands on the audit log and the security administrator on
 * the settings, each with only the screens of their duty in the menu (三员).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, screenshot } from './support/browser.js';
import { logIn, useAppAndBrowser } from './support/suite.js';

const suite = useAppAndBrowser();

const desktop = () => newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
const menuEntry = (page: Page, id: string) => page.getByTestId('app-sider').getByTestId(id);

describe('administrators in the browser', () => {
  it('shows the scheduled jobs to the admin and runs the nightly backup now', async () => {
    const page = await desktop();
    await logIn(page, 'admin', 'app-sider');
    await menuEntry(page, 'nav-jobs').click();
    await page.waitForURL('**/admin/jobs');
    for (const name of ['nightly-backup', 'cleanup', 'audit-retention']) await page.getByTestId(`job-${name}`).waitFor();
    expect(await page.getByTestId('job-nightly-backup').textContent()).toContain('每天 02:30');

    await page.getByTestId('job-nightly-backup-run').click();
    await page.getByTestId('job-nightly-backup-run-ok').click();
    await page.getByText('「每日备份」已完成').waitFor();
    await expect.poll(() => page.getByTestId('job-nightly-backup-status').textContent()).toBe('成功');
    const result = await page.getByTestId('job-nightly-backup-result').textContent();
    expect(result).toMatch(/kpc-backup-\d{8}-\d{6}\.jsonl\.gz · [\d.]+ (KB|MB)/);
    expect(await page.getByTestId('job-nightly-backup-runs').textContent()).toContain('手动');

    // the clean-up runs once at start too: run it now and read its counts
    await page.getByTestId('job-cleanup-run').click();
    await page.getByTestId('job-cleanup-run-ok').click();
    await expect.poll(() => page.getByTestId('job-cleanup-result').textContent()).toContain('孤立文件');
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300); // let the messages fade
    await screenshot(page, 'jobs-1440');
  });

  it('offers the security and audit administrator roles in the account form', async () => {
    const page = await desktop();
    await logIn(page, 'admin', 'app-sider');
    await page.goto('/admin/users');
    await page.getByTestId('user-new').click();
    const roles = page.locator('.ant-select:has(#user_roles)');
    await roles.click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor();
    const labels = await options.allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['系统管理员', '安全管理员', '审计管理员']));
  });

  it('lands the audit administrator on the audit log and the security administrator on the settings', async () => {
    const auditor = await desktop();
    await logIn(auditor, 'auditor', 'app-sider');
    await auditor.waitForURL('**/admin/audit');
    await auditor.locator('.ant-table-row').first().waitFor();
    expect(await menuEntry(auditor, 'nav-audit').isVisible()).toBe(true);
    expect(await menuEntry(auditor, 'nav-settings').isVisible()).toBe(true);
    for (const id of ['nav-dashboard', 'nav-projects', 'nav-jobs', 'nav-users'])
      expect(await menuEntry(auditor, id).count(), id).toBe(0);
    await screenshot(auditor, 'auditor-audit-1440');
    // the retention of the audit log is the audit administrator's setting
    await menuEntry(auditor, 'nav-settings').click();
    await auditor.waitForURL('**/admin/settings');
    await auditor.locator('#settings_auditRetentionDays').waitFor();
    expect(await auditor.locator('#settings_auditRetentionDays').isDisabled()).toBe(false);
    expect(await auditor.locator('#settings_lockoutAttempts').isDisabled()).toBe(true);

    const security = await desktop();
    await logIn(security, 'security', 'app-sider');
    await security.waitForURL('**/admin/settings');
    await security.locator('#settings_lockoutAttempts').waitFor();
    expect(await security.locator('#settings_lockoutAttempts').isDisabled()).toBe(false);
    expect(await menuEntry(security, 'nav-settings').isVisible()).toBe(true);
    for (const id of ['nav-audit', 'nav-dashboard', 'nav-projects', 'nav-jobs'])
      expect(await menuEntry(security, id).count(), id).toBe(0);
    await screenshot(security, 'security-settings-1440');
    // a screen of another duty is refused in the page, not an error
    await security.goto('/admin/audit');
    await security.getByText('没有权限访问此页面').waitFor();
  });
});
