/**
 * Notifications (issue 11 item 6): notifications created for the demo user unit1 show in the header bell's
 * badge and in the inbox (unread first); marking one read and then all read empties the badge; a notification
 * opens its link. On a phone the inbox is cards. The admin adds a DingTalk robot and 发送测试消息 reaches a
 * local receiver. Screenshots at 1440×900 and 390×844.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { newPage, screenshot } from './support/browser.js';
import { apiFromPage, getJson } from './support/page-api.js';
import { logIn, useAppAndBrowser } from './support/suite.js';

const suite = useAppAndBrowser();

async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count()).toBe(0);
}

async function withDb<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(join(suite.server.dataDir, 'pg'))}`,
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Writes inbox rows straight into the running server's embedded database (through its socket), as `notify` would. */
async function notifyDemoUser(username: string, items: { title: string; body: string; kind: string; link: string | null }[]) {
  await withDb(async (client) => {
    for (const [i, n] of items.entries())
      await client.query(
        `insert into notifications (user_id, kind, title_zh, title_en, body_zh, body_en, link, created_at)
         select id, $2, $3, $3, $4, $4, $5, now() - make_interval(mins => $6) from users where username = $1`,
        [username, n.kind, n.title, n.body, n.link, items.length - i],
      );
  });
}

const badgeCount = (page: Page) =>
  page
    .getByTestId('notification-badge')
    .locator('.ant-scroll-number')
    .first()
    .getAttribute('title')
    .catch(() => null);

let receiver: Server | undefined;
afterAll(async () => {
  if (receiver) await new Promise((ok) => receiver!.close(ok));
});

describe('the inbox', () => {
  it('shows new notifications in the badge and the inbox, marks them read, opens a link (1440)', async () => {
    await notifyDemoUser('unit1', [
      {
        kind: 'warning',
        title: '预警提示：漯河经济技术开发区智能装备产业园项目连续 2 周红色',
        body: '节点“主体结构封顶”滞后 21 天\n投资完成率 38%，低于时序进度 58%',
        link: '/supervision',
      },
      {
        kind: 'deadline',
        title: '台账事项 3 天后到期：土地组卷报批',
        body: '完成时限 2026-12-07，请及时报送进展',
        link: '/ledger',
      },
      {
        kind: 'supervision_item',
        title: '新的督办事项：第 48 周项目调度会议定事项',
        body: '协调供电线路迁改，责任单位：工信局',
        link: null,
      },
    ]);
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(page, 'unit1', 'notification-bell');
    await expect.poll(() => badgeCount(page)).toBe('3');
    await page.getByTestId('notification-bell').click();
    await page.waitForURL((u) => u.pathname === '/inbox');
    await settled(page);
    await expect.poll(() => page.getByTestId('inbox-item').count()).toBe(3);
    expect(await page.getByTestId('inbox-item-title').first().innerText()).toContain('新的督办事项');
    await screenshot(page, 'inbox-1440');

    // one read: it moves below the unread ones and the badge counts down
    await page.getByTestId('inbox-item-read').first().click();
    await expect.poll(() => badgeCount(page)).toBe('2');
    await expect.poll(() => page.locator('[data-testid=inbox-item][data-unread=true]').count()).toBe(2);
    expect(await page.getByTestId('inbox-item').last().getAttribute('data-unread')).toBe('false');

    // all read: no badge
    await page.getByTestId('inbox-read-all').click();
    await expect.poll(() => page.locator('[data-testid=inbox-item][data-unread=true]').count()).toBe(0);
    await expect.poll(() => page.getByTestId('notification-badge').locator('.ant-scroll-number').count()).toBe(0);
    expect((await getJson<{ unread: number }>(page, '/api/v1/notifications/unread-count')).unread).toBe(0);

    // a notification opens its record
    await page.getByTestId('inbox-item').filter({ hasText: '预警提示' }).click();
    await page.waitForURL((u) => u.pathname === '/supervision');
  });

  it('is cards on a phone, the bell in the header (390)', async () => {
    await notifyDemoUser('supervisor', [
      { kind: 'escalation', title: '拟通报批评：3 个项目红色满 4 周', body: '请在督办工作台确认', link: '/supervision' },
      {
        kind: 'digest',
        title: '每日摘要：2 条未读通知（2026-12-04）',
        body: '· 预警提示：项目连续 2 周红色\n· 台账事项逾期',
        link: '/inbox',
      },
    ]);
    const phone = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    await logIn(phone, 'supervisor', 'notification-bell');
    await expect.poll(() => badgeCount(phone)).toBe('2');
    await phone.getByTestId('notification-bell').click();
    await settled(phone);
    await expect.poll(() => phone.getByTestId('inbox-item').count()).toBe(2);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(phone, 'inbox-390');
  });

  it('lets the admin add a DingTalk robot and send it a test message (1440)', async () => {
    const got: string[] = [];
    receiver = createServer((req, res) => {
      got.push(req.url ?? '');
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}'));
    });
    await new Promise<void>((ok) => receiver!.listen(0, '127.0.0.1', ok));
    const port = (receiver.address() as AddressInfo).port;
    const page = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 1440, height: 900 });
    await logIn(page, 'admin', 'notification-bell');
    const made = await apiFromPage<{ id: number }>(page, 'POST', '/api/v1/notification-robots', {
      kind: 'dingtalk',
      name: '召陵区重点项目工作群',
      url: `http://127.0.0.1:${port}/robot/send?access_token=e2etoken1234`,
      secret: 'SECe2esecret0000',
      regionCode: '411104',
    });
    expect(made.status).toBe(201);
    await page.goto('/admin/notification-robots');
    await settled(page);
    await page.getByTestId(`robot-test-${made.json.id}`).click();
    await page.locator('.ant-message-success').waitFor();
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(/timestamp=\d+&sign=/);
    expect(await page.locator('body').innerText()).not.toContain('e2etoken1234');
    // a WeCom robot through the form: no secret asked for, the region prefilled
    await page.getByTestId('robot-add').click();
    await page.getByTestId('robot-kind-wecom').click();
    expect(await page.getByTestId('robot-secret').count()).toBe(0);
    await page.getByTestId('robot-name').fill('工信局企业微信群');
    await page.getByTestId('robot-url').fill('ftp://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wk');
    await page.getByTestId('robot-save').click();
    await page.getByText('Webhook 地址须以 http:// 或 https:// 开头').waitFor();
    await page.getByTestId('robot-url').fill(`http://127.0.0.1:${port}/cgi-bin/webhook/send?key=e2ewecomkey`);
    await page.getByTestId('robot-save').click();
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(2);
    await screenshot(page, 'robots-1440');

    // a message that failed every attempt while the receiver was down: listed, and 重试 sends it (the in-process sender)
    const deadId = await withDb(async (c) => {
      const { rows } = await c.query<{ id: string }>(
        `insert into notification_outbox (robot_id, title, payload, status, attempts, next_attempt_at, last_error, created_at)
         values ($1, '预警提示：项目连续 2 周红色', $2, 'dead', 8, now(), 'HTTP 502: Bad Gateway', now() - interval '3 hours') returning id`,
        [
          made.json.id,
          JSON.stringify({ msgtype: 'markdown', markdown: { title: '预警提示', text: '### 预警提示：项目连续 2 周红色' } }),
        ],
      );
      return Number(rows[0]!.id);
    });
    await page.goto('/admin/notification-outbox');
    await settled(page);
    await page.getByTestId(`outbox-retry-${deadId}`).waitFor();
    await screenshot(page, 'outbox-1440');
    await page.getByTestId(`outbox-retry-${deadId}`).click();
    await page.locator('.ant-message-success').last().waitFor();
    await expect
      .poll(
        async () =>
          (await getJson<{ items: { id: number }[] }>(page, '/api/v1/notification-outbox?status=sent')).items.map((i) => i.id),
        {
          timeout: 40_000,
          interval: 1_000,
        },
      )
      .toContain(deadId);
    expect(got).toHaveLength(2);

    // on a phone: the robots as cards, nothing wider than the screen
    const phone = await newPage(suite.browser, { baseURL: suite.server.baseUrl, width: 390, height: 844 });
    await logIn(phone, 'admin', 'notification-bell');
    await phone.goto('/admin/notification-robots');
    await settled(phone);
    await phone.getByTestId('robot-card').first().waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(phone, 'robots-390');
  });
});
