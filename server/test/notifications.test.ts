/**
 * Notifications (issue 11 item 6): the `notify` command writes the inbox and the robots' outbox in the
 * caller's transaction; each person reads and marks only their own; the admin of a region keeps its robots;
 * the outbox sender posts to a local HTTP receiver — DingTalk signed, WeCom by key — once per message even
 * when the receiver fails first and two senders race, nothing for a disabled robot; the daily digest once a day.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notify, usersOfLeaders, usersOfUnits, type Notice } from '../src/commands/notify.js';
import { runJob } from '../src/jobs/scheduler.js';
import { dailyDigest } from '../src/jobs/daily-digest.js';
import { notifications } from '../src/db/schema/index.js';
import { flushOutbox, OUTBOX } from '../src/modules/notifications/outbox-sender.js';
import { buildApp } from '../src/app.js';
import { secretBox } from '../src/modules/auth/totp.js';
import { TestClock, cloneDatabase, createTestApp, countRows, login, type Client, type TestApp } from './helpers.js';
import { FACTORY_PASSWORD, createLeader, createUnit, createUser, ensureRegion } from './factories.js';

let t: TestApp;
let admin: Client;
let office: Client;
let unit1: Client;
let supervisor: Client;

interface Received {
  url: URL;
  body: { msgtype: string; markdown: { title?: string; text?: string; content?: string } };
}
let received: Received[] = [];
/** What the receiver answers to the request of a message (by its title); default `{ errcode: 0 }`. */
let answer: (r: Received) => { status: number; body: unknown } = () => ({ status: 200, body: { errcode: 0, errmsg: 'ok' } });
let receiver: Server;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  await ensureRegion(t.database, '411102');
  [admin, office, unit1, supervisor] = await Promise.all([
    login(t.app, 'admin'),
    login(t.app, 'office'),
    login(t.app, 'unit1'),
    login(t.app, 'supervisor'),
  ]);
  receiver = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString('utf8')));
    req.on('end', () => {
      const r: Received = { url: new URL(req.url!, 'http://x'), body: JSON.parse(data) as Received['body'] };
      received.push(r);
      const a = answer(r);
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((ok) => receiver?.close(ok));
  await t?.close();
});
beforeEach(() => {
  received = [];
  answer = () => ({ status: 200, body: { errcode: 0, errmsg: 'ok' } });
});

const send = (n: Partial<Notice> & Pick<Notice, 'userIds'>) =>
  t.database.db.transaction((tx) =>
    notify(
      tx,
      { now: t.clock.now() },
      {
        kind: 'warning',
        title: { 'zh-CN': '预警：项目滞后', en: 'Warning: project behind' },
        body: { 'zh-CN': '节点滞后 12 天', en: 'Milestone 12 days late' },
        link: '/projects/1',
        entity: { type: 'project', id: 1 },
        ...n,
      },
    ),
  );

interface Page {
  items: { id: number; title: string; readAt: string | null; kind: string; link: string | null }[];
  nextCursor: string | null;
}

describe('the inbox', () => {
  // from an empty inbox: the demo's seeded warning (seed demo-escalations.ts) told some accounts already
  beforeAll(async () => {
    await t.database.db.delete(notifications);
  });

  it('shows a person only their own, unread first, in their language, once per dedupe key', async () => {
    const mine = await send({ userIds: [unit1.user.id, unit1.user.id], dedupeKey: 'w:1' });
    expect(mine.inbox).toBe(1);
    expect((await send({ userIds: [unit1.user.id, office.user.id], dedupeKey: 'w:1' })).inbox).toBe(1);
    const page = (await unit1.get('/api/v1/notifications')).json() as Page;
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ title: '预警：项目滞后', kind: 'warning', link: '/projects/1', readAt: null });
    const en = await unit1.request({ method: 'GET', url: '/api/v1/notifications', headers: { 'accept-language': 'en' } });
    expect((en.json() as Page).items[0]!.title).toBe('Warning: project behind');
    expect((await unit1.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 1 });
    expect((await office.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 1 });
  });

  it('marks one read, refuses another person’s with 404, and marks all read', async () => {
    await send({ userIds: [unit1.user.id], title: { 'zh-CN': '第二条', en: 'Second' } });
    await send({ userIds: [unit1.user.id], title: { 'zh-CN': '第三条', en: 'Third' } });
    const [first] = ((await unit1.get('/api/v1/notifications')).json() as Page).items;
    expect((await office.post(`/api/v1/notifications/${first!.id}/read`)).statusCode).toBe(404);
    const read = await unit1.post(`/api/v1/notifications/${first!.id}/read`);
    expect(read.statusCode).toBe(200);
    expect((read.json() as { readAt: string }).readAt).toBe(t.clock.now().toISOString());
    const page = (await unit1.get('/api/v1/notifications')).json() as Page;
    expect(page.items.map((i) => i.readAt === null)).toEqual([true, true, false]); // unread first
    expect(((await unit1.get('/api/v1/notifications?unread=true')).json() as Page).items).toHaveLength(2);
    expect((await unit1.post('/api/v1/notifications/read-all')).json()).toEqual({ marked: 2 });
    expect((await unit1.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 0 });
    expect((await office.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 1 });
  });

  it('pages by cursor without repeating or skipping a row', async () => {
    for (let i = 0; i < 5; i++) await send({ userIds: [supervisor.user.id], title: { 'zh-CN': `第${i}条`, en: `#${i}` } });
    const p1 = (await supervisor.get('/api/v1/notifications?limit=2')).json() as Page;
    await supervisor.post(`/api/v1/notifications/${p1.items[0]!.id}/read`);
    const p2 = (await supervisor.get(`/api/v1/notifications?limit=2&cursor=${p1.nextCursor}`)).json() as Page;
    const p3 = (await supervisor.get(`/api/v1/notifications?limit=2&cursor=${p2.nextCursor}`)).json() as Page;
    expect(p3.nextCursor).toBeNull();
    const ids = [...p1.items, ...p2.items, ...p3.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(5);
    expect((await supervisor.get('/api/v1/notifications?cursor=x1')).statusCode).toBe(400);
  });

  it('finds the accounts of a unit and of a leader', async () => {
    const unitId = (await createUnit(t.database)).id;
    const leaderId = (await createLeader(t.database)).id;
    const a = await createUser(t.database, { roles: ['unit'], unitId });
    const b = await createUser(t.database, { roles: ['leader'], leaderId });
    expect(await usersOfUnits(t.database.db, [unitId])).toEqual([a.id]);
    expect(await usersOfLeaders(t.database.db, [leaderId])).toEqual([b.id]);
  });
});

interface RobotView {
  id: number;
  url: string;
  secretHint: string | null;
  version: number;
  enabled: boolean;
  scope: string;
}
const SECRET = 'SECtestsecret0123456789abcdef';

describe('robots', () => {
  it('lets the admin add one, never showing the secret or the token, audited', async () => {
    const audits = await countRows(t.database, 'audit_log');
    const res = await admin.post('/api/v1/notification-robots', {
      kind: 'dingtalk',
      name: '区督查局工作群',
      url: `${base}/robot/send?access_token=abcdef123456`,
      secret: SECRET,
      regionCode: '411104',
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json() as RobotView;
    expect(r.url).not.toContain('abcdef123456');
    expect(res.body).not.toContain(SECRET);
    expect(r.secretHint).toBe('…cdef');
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
    const audit = await t.database.raw(
      `select after::text as a from audit_log where entity = 'webhook_robot' order by id desc limit 1`,
    );
    expect(String(audit.rows[0]!.a)).not.toContain(SECRET);
  });

  it('refuses a non-http address and a WeCom secret with a zh-CN message, writing nothing', async () => {
    const before = await countRows(t.database, 'webhook_robots');
    const bad = await admin.post('/api/v1/notification-robots', {
      kind: 'wecom',
      name: 'x',
      url: 'javascript:alert(1)',
      regionCode: '411104',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('http://');
    const secret = await admin.post('/api/v1/notification-robots', {
      kind: 'wecom',
      name: 'x',
      url: `${base}/cgi-bin/webhook/send?key=k`,
      secret: 'abc',
      regionCode: '411104',
    });
    expect(secret.statusCode).toBe(400);
    const both = await admin.post('/api/v1/notification-robots', {
      kind: 'wecom',
      name: 'x',
      url: `${base}/k`,
      regionCode: '411104',
      unitId: unit1.user.unitId,
    });
    expect(both.statusCode).toBe(400);
    expect(await countRows(t.database, 'webhook_robots')).toBe(before);
  });

  it('refuses the office (403) and an admin of another region (404), and a stale version (409)', async () => {
    const [robot] = ((await admin.get('/api/v1/notification-robots')).json() as { items: RobotView[] }).items;
    expect((await office.get('/api/v1/notification-robots')).statusCode).toBe(403);
    expect(
      (await office.post('/api/v1/notification-robots', { kind: 'wecom', name: 'x', url: `${base}/k`, regionCode: '411104' }))
        .statusCode,
    ).toBe(403);
    expect((await office.post(`/api/v1/notification-robots/${robot!.id}/test`)).statusCode).toBe(403);
    expect((await office.get('/api/v1/notification-outbox')).statusCode).toBe(403);
    const other = await login(
      t.app,
      (await createUser(t.database, { roles: ['admin'], regionCode: '411102' })).username,
      FACTORY_PASSWORD,
    );
    expect(
      (await other.patch(`/api/v1/notification-robots/${robot!.id}`, { version: robot!.version, name: 'y' })).statusCode,
    ).toBe(404);
    expect(((await other.get('/api/v1/notification-robots')).json() as { items: unknown[] }).items).toHaveLength(0);
    const ok = await admin.patch(`/api/v1/notification-robots/${robot!.id}`, { version: robot!.version, name: '督查局群' });
    expect(ok.statusCode).toBe(200);
    expect((ok.json() as RobotView).secretHint).toBe('…cdef'); // a secret left out is kept
    expect(
      (await admin.patch(`/api/v1/notification-robots/${robot!.id}`, { version: robot!.version, name: 'z' })).statusCode,
    ).toBe(409);
  });

  it('sends a test message at once and reports what the robot answered', async () => {
    const [robot] = ((await admin.get('/api/v1/notification-robots')).json() as { items: RobotView[] }).items;
    expect((await admin.post(`/api/v1/notification-robots/${robot!.id}/test`)).json()).toEqual({ ok: true, error: null });
    expect(received).toHaveLength(1);
    answer = () => ({ status: 200, body: { errcode: 310000, errmsg: 'sign not match' } });
    const failed = (await admin.post(`/api/v1/notification-robots/${robot!.id}/test`)).json() as { ok: boolean; error: string };
    expect(failed.ok).toBe(false);
    expect(failed.error).toContain('310000');
  });
});

describe('the outbox', () => {
  let dingtalk: number;
  let wecom: number;
  const messages = () => t.database.raw(`select status, attempts, last_error from notification_outbox order by id`);

  beforeAll(async () => {
    await t.database.raw(`delete from webhook_robots`);
    const add = async (body: object) => ((await admin.post('/api/v1/notification-robots', body)).json() as RobotView).id;
    dingtalk = await add({
      kind: 'dingtalk',
      name: '区级群',
      url: `${base}/robot/send?access_token=tok`,
      secret: SECRET,
      regionCode: '411104',
    });
    wecom = await add({ kind: 'wecom', name: '工信局群', url: `${base}/cgi-bin/webhook/send?key=wk`, unitId: unit1.user.unitId });
  });

  it('signs a DingTalk post so that it verifies with the secret, and posts WeCom markdown to its key URL', async () => {
    const r = await send({ userIds: [], robots: { regionCodes: ['411104'], unitIds: [unit1.user.unitId!] }, dedupeKey: 'o:1' });
    expect(r.outbox).toBe(2);
    expect(received).toHaveLength(0); // nothing is posted inside the caller's transaction
    expect(await flushOutbox(t.database.db, t.clock)).toEqual({ sent: 2, retrying: 0, dead: 0 });
    const ding = received.find((x) => x.url.pathname === '/robot/send')!;
    const ts = ding.url.searchParams.get('timestamp')!;
    expect(Number(ts)).toBe(t.clock.now().getTime());
    const expected = createHmac('sha256', SECRET).update(`${ts}\n${SECRET}`).digest('base64');
    expect(ding.url.searchParams.get('sign')).toBe(expected);
    expect(ding.url.searchParams.get('access_token')).toBe('tok');
    expect(ding.body).toMatchObject({ msgtype: 'markdown', markdown: { title: '预警：项目滞后' } });
    expect(ding.body.markdown.text).toContain('节点滞后 12 天');
    const wc = received.find((x) => x.url.pathname === '/cgi-bin/webhook/send')!;
    expect(wc.url.searchParams.get('key')).toBe('wk');
    expect(wc.body.msgtype).toBe('markdown');
    expect(wc.body.markdown.content).toContain('### 预警：项目滞后');
    // the same dedupe key again: nothing more to send
    expect((await send({ userIds: [], robots: { regionCodes: ['411104'] }, dedupeKey: 'o:1' })).outbox).toBe(0);
    expect(await flushOutbox(t.database.db, t.clock)).toEqual({ sent: 0, retrying: 0, dead: 0 });
  });

  it('delivers each message exactly once to a receiver that fails twice, across the backoff, with two senders racing', async () => {
    await t.database.raw(`delete from notification_outbox`);
    const tries = new Map<string, number>();
    const accepted = new Map<string, number>();
    answer = (r) => {
      const title = r.body.markdown.title ?? '';
      const n = (tries.get(title) ?? 0) + 1;
      tries.set(title, n);
      if (n <= 2)
        return n === 1 ? { status: 502, body: 'Bad Gateway' } : { status: 200, body: { errcode: 130101, errmsg: 'busy' } };
      accepted.set(title, (accepted.get(title) ?? 0) + 1);
      return { status: 200, body: { errcode: 0 } };
    };
    for (let i = 0; i < 3; i++)
      await send({ userIds: [], title: { 'zh-CN': `消息${i}`, en: `m${i}` }, robots: { regionCodes: ['411104'] } });
    const race = () => Promise.all([flushOutbox(t.database.db, t.clock), flushOutbox(t.database.db, t.clock)]);
    const sum = (rs: { sent: number; retrying: number }[]) =>
      rs.reduce((a, r) => ({ sent: a.sent + r.sent, retrying: a.retrying + r.retrying }), { sent: 0, retrying: 0 });

    expect(sum(await race())).toEqual({ sent: 0, retrying: 3 });
    expect(sum(await race())).toEqual({ sent: 0, retrying: 0 }); // not due before the backoff
    t.clock.advanceMinutes(0.5); // 30 s
    expect(sum(await race())).toEqual({ sent: 0, retrying: 3 });
    t.clock.advanceMinutes(0.5); // 60 s after the second failure is not yet due
    expect(sum(await race())).toEqual({ sent: 0, retrying: 0 });
    t.clock.advanceMinutes(0.5);
    expect(sum(await race())).toEqual({ sent: 3, retrying: 0 });
    for (let i = 0; i < 3; i++) {
      t.clock.advanceMinutes(60);
      await race();
    }
    expect([...accepted.values()]).toEqual([1, 1, 1]);
    expect(received).toHaveLength(9);
    const rows = (await messages()).rows;
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 3)).toBe(true);
  });

  it('marks a message dead after the last attempt, lists it for the admin, and 重试 sends it', async () => {
    await t.database.raw(`delete from notification_outbox`);
    answer = () => ({ status: 500, body: 'down' });
    await send({ userIds: [], title: { 'zh-CN': '接收方宕机', en: 'down' }, robots: { unitIds: [unit1.user.unitId!] } });
    for (let i = 0; i < OUTBOX.maxAttempts; i++) {
      await flushOutbox(t.database.db, t.clock);
      t.clock.advanceMinutes(61);
    }
    expect((await messages()).rows[0]).toMatchObject({ status: 'dead', attempts: OUTBOX.maxAttempts });
    admin = await login(t.app, 'admin'); // the session idled out while the clock moved on
    const list = (await admin.get('/api/v1/notification-outbox')).json() as {
      items: { id: number; status: string; lastError: string }[];
    };
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ status: 'dead' });
    expect(list.items[0]!.lastError).toContain('HTTP 500');
    answer = () => ({ status: 200, body: { errcode: 0 } });
    const audits = await countRows(t.database, 'audit_log');
    expect((await admin.post(`/api/v1/notification-outbox/${list.items[0]!.id}/retry`)).statusCode).toBe(200);
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
    expect((await flushOutbox(t.database.db, t.clock)).sent).toBe(1);
    expect((await admin.post(`/api/v1/notification-outbox/${list.items[0]!.id}/retry`)).statusCode).toBe(409);
  });

  it('sends nothing to a disabled robot (and keeps what waits for it)', async () => {
    await t.database.raw(`delete from notification_outbox`);
    await send({ userIds: [], title: { 'zh-CN': '停用前', en: 'before' }, robots: { unitIds: [unit1.user.unitId!] } });
    const robot = ((await admin.get('/api/v1/notification-robots')).json() as { items: RobotView[] }).items.find(
      (r) => r.id === wecom,
    )!;
    expect(
      (await admin.patch(`/api/v1/notification-robots/${wecom}`, { version: robot.version, enabled: false })).statusCode,
    ).toBe(200);
    expect((await send({ userIds: [], robots: { unitIds: [unit1.user.unitId!] } })).outbox).toBe(0);
    expect(await flushOutbox(t.database.db, t.clock)).toEqual({ sent: 0, retrying: 0, dead: 0 });
    expect(received).toHaveLength(0);
    expect((await messages()).rows.map((r) => r.status)).toEqual(['pending']);
    expect(dingtalk).toBeGreaterThan(0);
  });
});

describe('the daily digest', () => {
  it('gives each person with unread notifications of the last day one digest, once per day', async () => {
    const person = await createUser(t.database, { roles: ['unit'], unitId: unit1.user.unitId });
    await send({ userIds: [person.id], title: { 'zh-CN': '事项甲逾期', en: 'Item A overdue' } });
    await send({ userIds: [person.id], title: { 'zh-CN': '事项乙逾期', en: 'Item B overdue' } });
    t.clock.advanceMinutes(60 * 3);
    expect(await runJob(t.app, dailyDigest)).toBe('succeeded');
    expect(await runJob(t.app, dailyDigest)).toBe('done_already');
    const { rows } = await t.database.raw(
      `select kind, title_zh, body_zh from notifications where user_id = ${person.id} and kind = 'digest'`,
    );
    expect(rows).toHaveLength(1);
    expect(String(rows[0]!.title_zh)).toContain('2 条未读');
    expect(String(rows[0]!.body_zh)).toContain('事项甲逾期');
    expect(String(rows[0]!.body_zh)).toContain('事项乙逾期');
    // a rerun the same day (another period key) still tells nobody twice
    await runJob(t.app, dailyDigest, { period: 'manual' });
    expect(
      (await t.database.raw(`select 1 from notifications where user_id = ${person.id} and kind = 'digest'`)).rows,
    ).toHaveLength(1);
    // the next day: nothing unread from the last day, no digest
    t.clock.advanceMinutes(60 * 24);
    expect(await runJob(t.app, dailyDigest)).toBe('succeeded');
    expect(
      (await t.database.raw(`select 1 from notifications where user_id = ${person.id} and kind = 'digest'`)).rows,
    ).toHaveLength(1);
  });
});

describe('robot secrets at rest', () => {
  it('seals the DingTalk secret with SECRETS_KEY, and the posts are still signed with it', async () => {
    const database = await cloneDatabase('demo');
    const clock = new TestClock();
    const key = 'n'.repeat(40);
    const app = await buildApp({ database, clock, webDist: '/nonexistent', secretsKey: key });
    try {
      await app.ready();
      const a = await login(app, 'admin');
      const res = await a.post('/api/v1/notification-robots', {
        kind: 'dingtalk',
        name: '加密测试',
        url: `${base}/robot/send?access_token=sealed`,
        secret: SECRET,
        regionCode: '411104',
      });
      expect(res.statusCode, res.body).toBe(201);
      expect((res.json() as RobotView).secretHint).toBe('…cdef');
      const { rows } = await database.raw(`select secret from webhook_robots`);
      expect(String(rows[0]!.secret).startsWith('v1:')).toBe(true);
      expect(String(rows[0]!.secret)).not.toContain(SECRET);
      await database.db.transaction((tx) =>
        notify(
          tx,
          { now: clock.now() },
          {
            userIds: [],
            kind: 'system',
            title: { 'zh-CN': '密钥', en: 'key' },
            body: { 'zh-CN': '正文', en: 'body' },
            robots: { regionCodes: ['411104'] },
          },
        ),
      );
      expect((await flushOutbox(database.db, clock, { box: secretBox(key) })).sent).toBe(1);
      const ding = received.find((x) => x.url.searchParams.get('access_token') === 'sealed')!;
      const ts = ding.url.searchParams.get('timestamp')!;
      expect(ding.url.searchParams.get('sign')).toBe(createHmac('sha256', SECRET).update(`${ts}\n${SECRET}`).digest('base64'));
    } finally {
      await app.close();
      await database.close();
    }
  });
});
