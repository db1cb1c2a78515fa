import { chromium } from 'playwright-core';
const base = process.env.BASE ?? 'http://127.0.0.1:3200';
const which = process.argv[2] ?? 'all';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--headless','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
async function page(user, w, h, lang) {
  const ctx = await browser.newContext({ baseURL: base, viewport: { width: w, height: h }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const p = await ctx.newPage();
  p.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console', m.type(), m.text().slice(0, 300)); });
  p.on('pageerror', (e) => console.log('pageerror', e.message));
  if (lang) await p.addInitScript((l) => localStorage.setItem('kpc.lang', l), lang);
  await p.goto('/login');
  await p.getByTestId('login-username').fill(user);
  await p.getByTestId('login-password').fill('Demo@2026');
  await p.getByTestId('login-submit').click();
  await p.waitForURL((u) => !u.pathname.startsWith('/login'));
  return p;
}
if (which === 'all' || which === 'dash') {
  const p = await page('office', 1440, 900);
  const t0 = Date.now();
  await p.getByTestId('kpi-completedInvestment-value').waitFor();
  console.log('url', p.url(), 'dashboard visible after', Date.now() - t0, 'ms');
  await p.waitForTimeout(1200);
  await p.screenshot({ path: '/work/main/docs/screenshots/dashboard.png' });
  await p.screenshot({ path: '/work/main/e2e/screenshots/dashboard.png' });
  await p.screenshot({ path: '/tmp/dash-full.png', fullPage: true });
  for (const id of ['keyProjects','contractingLeaders','responsibleUnits','provincialAndMunicipal','completedInvestment','completionRate','signedAtLeast100M'])
    console.log(id, await p.getByTestId(`kpi-${id}-value`).textContent());
}
if (which === 'all' || which === 'dashen') {
  const p = await page('office', 1440, 900, 'en');
  await p.getByTestId('kpi-completedInvestment-value').waitFor();
  await p.waitForTimeout(1200);
  await p.screenshot({ path: '/tmp/dash-en.png', fullPage: true });
}
if (which === 'all' || which === 'phone') {
  const p = await page('office', 390, 844);
  await p.getByTestId('kpi-completedInvestment-value').waitFor();
  await p.waitForTimeout(1200);
  await p.screenshot({ path: '/tmp/dash-phone.png', fullPage: true });
}
if (which === 'all' || which === 'entry') {
  const p = await page('unit1', 390, 844);
  console.log('unit1 home', p.url());
  await p.goto('/investment/report');
  await p.getByTestId('entry-amount').waitFor();
  await p.waitForTimeout(1500);
  await p.screenshot({ path: '/work/main/e2e/screenshots/investment-entry-390.png' });
  await p.screenshot({ path: '/tmp/entry-full.png', fullPage: true });
}
if (which === 'all' || which === 'approvals') {
  const p = await page('office', 1440, 900);
  await p.goto('/investment/approvals');
  await p.waitForTimeout(2000);
  await p.screenshot({ path: '/tmp/approvals.png', fullPage: true });
}
if (which === 'all' || which === 'detail') {
  const p = await page('office', 1440, 900);
  await p.goto('/projects/4');
  await p.getByTestId('project-investment').waitFor();
  await p.waitForTimeout(1500);
  await p.getByTestId('project-investment').screenshot({ path: '/tmp/detail-inv.png' });
  await p.getByTestId('plan-edit').click();
  await p.waitForTimeout(800);
  await p.screenshot({ path: '/tmp/plan-modal.png' });
}

if (which === 'returned') {
  const p = await page('office', 390, 844);
  await p.goto('/investment/report?projectId=16&month=2026-10');
  await p.getByTestId('entry-status').waitFor();
  await p.waitForTimeout(800);
  await p.screenshot({ path: '/tmp/returned.png', fullPage: true });
  await p.goto('/projects?level=provincial');
  await p.getByTestId('project-export').waitFor();
  const dl = p.waitForEvent('download');
  await p.getByTestId('project-export').click();
  const d = await dl;
  console.log('download', d.suggestedFilename(), await d.path().then((x) => x && require_size(x)));
}
function require_size(x) { return import('node:fs').then((fs) => fs.statSync(x).size); }
if (which === 'return') {
  const p = await page('office', 1440, 900);
  await p.goto('/investment/approvals');
  const btn = p.locator('[data-testid^="return-"]').first();
  await btn.waitFor();
  const n0 = await p.locator('[data-testid^="approval-row-"]').count();
  await btn.click();
  await p.getByTestId('return-reason').fill('金额与监理月报不一致');
  await p.screenshot({ path: '/tmp/return-modal.png' });
  await p.getByTestId('return-confirm').click();
  await p.waitForTimeout(1500);
  await p.waitForTimeout(2000); console.log('rows', n0, '->', await p.locator('[data-testid^="approval-row-"]').count(), 'badge', await p.locator('.ant-badge sup').first().getAttribute('title'));
}
await browser.close();
