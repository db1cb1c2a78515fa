/**
 * The security acceptance list of the foundation: lockout, idle and absolute session expiry on the
 * injected clock, CSRF, disabled users, the forced first password change, the password policy,
 * the login rate limit, localised errors, logout, and the audit rows of logins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, login, type TestApp } from './helpers.js';
import { createUser, FACTORY_PASSWORD } from './factories.js';

const START_PASSWORD = 'Start#2026a';
const READY_PASSWORD = 'Ready#2026b';

let t: TestApp;
let seq = 0;

/** A fresh admin session: the clock moves in these tests, so older sessions may have expired. */
const asAdmin = () => login(t.app, 'admin');

/** Creates an account through the admin API; `ready` also makes its first password change. */
async function newAccount(
  roles: string[] = ['viewer'],
  ready = true,
): Promise<{ id: number; username: string; password: string }> {
  const username = `sec.user${++seq}`;
  const admin = await asAdmin();
  const res = await admin.post('/api/v1/users', {
    username,
    displayName: `安全测试 ${seq}`,
    roles,
    regionCode: '411104',
    password: START_PASSWORD,
  });
  expect(res.statusCode, res.body).toBe(201);
  if (!ready) return { id: res.json().id, username, password: START_PASSWORD };
  const c = await login(t.app, username, START_PASSWORD);
  const changed = await c.post('/api/v1/auth/password', { currentPassword: START_PASSWORD, newPassword: READY_PASSWORD });
  expect(changed.statusCode, changed.body).toBe(200);
  return { id: res.json().id, username, password: READY_PASSWORD };
}

const tryLogin = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers });

async function auditActions(userId: number): Promise<string[]> {
  const { rows } = await t.database.raw(`select action from audit_log where user_id = $1 order by id`, [userId]);
  return rows.map((r) => String(r.action));
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('login lockout', () => {
  it('locks an account after 5 failures, refuses the right password, and lets it in after 15 minutes', async () => {
    const u = await newAccount();
    for (let i = 0; i < 5; i++) {
      const res = await tryLogin(u.username, 'Wrong#2026');
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
    }
    const sixth = await tryLogin(u.username, u.password);
    expect(sixth.statusCode).toBe(401);
    // the same generic message as a wrong password: no hint that the account exists or is locked
    expect(sixth.json().error.code).toBe('INVALID_CREDENTIALS');

    t.clock.advanceMinutes(14);
    expect((await tryLogin(u.username, u.password)).statusCode).toBe(401);
    t.clock.advanceMinutes(1);
    expect((await tryLogin(u.username, u.password)).statusCode).toBe(200);
  });

  it('counts only consecutive failures: a good login resets the count', async () => {
    const u = await newAccount();
    for (let i = 0; i < 4; i++) await tryLogin(u.username, 'Wrong#2026');
    expect((await tryLogin(u.username, u.password)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await tryLogin(u.username, 'Wrong#2026');
    expect((await tryLogin(u.username, u.password)).statusCode).toBe(200);
  });
});

describe('session expiry on the injected clock', () => {
  it('ends a session after 30 idle minutes, and activity keeps it alive', async () => {
    const u = await newAccount();
    const c = await login(t.app, u.username, u.password);
    t.clock.advanceMinutes(29);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    t.clock.advanceMinutes(29);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    t.clock.advanceMinutes(30);
    const expired = await c.get('/api/v1/auth/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('ends a session 12 hours after login however active it is', async () => {
    const u = await newAccount();
    const c = await login(t.app, u.username, u.password);
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      t.clock.advanceMinutes(20);
      expect((await c.get('/api/v1/auth/me')).statusCode, `at ${minutes} min`).toBe(200);
    }
    t.clock.advanceMinutes(20);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a write without or with a wrong x-csrf-token and writes nothing', async () => {
    const office = await login(t.app, 'office');
    const admin = await asAdmin();
    const before = await Promise.all(['units', 'users', 'audit_log'].map((x) => countRows(t.database, x)));
    const payload = { name: '无令牌单位', regionCode: '411104' };
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: { cookie: office.cookie }, payload });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('CSRF_FAILED');
    const wrong = await office.request({
      method: 'POST',
      url: '/api/v1/units',
      headers: { 'x-csrf-token': 'not-the-token' },
      payload,
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('CSRF_FAILED');
    // another session's token does not fit either
    const foreign = await office.request({
      method: 'POST',
      url: '/api/v1/units',
      headers: { 'x-csrf-token': admin.csrfToken },
      payload,
    });
    expect(foreign.statusCode).toBe(403);
    const patch = await admin.request({
      method: 'PATCH',
      url: `/api/v1/users/${office.user.id}`,
      headers: { 'x-csrf-token': '' },
      payload: { version: 1, disabled: true },
    });
    expect(patch.statusCode).toBe(403);
    const after = await Promise.all(['units', 'users', 'audit_log'].map((x) => countRows(t.database, x)));
    expect(after).toEqual(before);
  });
});

describe('disabled users', () => {
  it('ends all sessions of a user when an admin disables them', async () => {
    const u = await newAccount();
    const phone = await login(t.app, u.username, u.password);
    const desk = await login(t.app, u.username, u.password);
    const admin = await asAdmin();
    const current = (await admin.get(`/api/v1/users/${u.id}`)).json();
    const res = await admin.patch(`/api/v1/users/${u.id}`, { version: current.version, disabled: true });
    expect(res.statusCode, res.body).toBe(200);
    for (const c of [phone, desk]) expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    const { rows } = await t.database.raw(`select count(*)::int as n from sessions where user_id = $1 and revoked_at is null`, [
      u.id,
    ]);
    expect(rows[0]!.n).toBe(0);
    expect((await tryLogin(u.username, u.password)).statusCode).toBe(401);

    // enabling again lets the user log in anew; the old sessions stay ended
    await admin.patch(`/api/v1/users/${u.id}`, { version: current.version + 1, disabled: false });
    expect((await tryLogin(u.username, u.password)).statusCode).toBe(200);
    expect((await phone.get('/api/v1/auth/me')).statusCode).toBe(401);
  });
});

describe('first login', () => {
  it('makes a new account change its password before anything else', async () => {
    const u = await newAccount(['office'], false);
    const c = await login(t.app, u.username, u.password);
    expect((await c.get('/api/v1/auth/me')).json().user.mustChangePassword).toBe(true);
    for (const path of ['/api/v1/units', '/api/v1/regions', '/api/v1/settings']) {
      const res = await c.get(path);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    }
    const write = await c.post('/api/v1/units', { name: '改密前', regionCode: '411104' });
    expect(write.statusCode).toBe(403);

    const weak = await c.post('/api/v1/auth/password', { currentPassword: u.password, newPassword: 'password' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('PASSWORD_POLICY');
    const ok = await c.post('/api/v1/auth/password', { currentPassword: u.password, newPassword: 'Changed#2026' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await c.get('/api/v1/units')).statusCode).toBe(200);
    expect((await c.get('/api/v1/auth/me')).json().user.mustChangePassword).toBe(false);
  });
});

describe('password policy', () => {
  it.each([
    ['too short', 'Ab1#xyz'],
    ['one class', 'abcdefghij'],
    ['two classes', 'abcdefgh12'],
  ])('refuses a password that is %s, and creates nothing', async (_why, password) => {
    const admin = await asAdmin();
    const before = await Promise.all(['users', 'audit_log'].map((x) => countRows(t.database, x)));
    const res = await admin.post('/api/v1/users', {
      username: `weak.${password.length}.${password.charCodeAt(0)}`,
      displayName: '弱密码',
      roles: ['viewer'],
      regionCode: '411104',
      password,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'PASSWORD_POLICY', details: { minLength: 8, minClasses: 3 } });
    expect(await Promise.all(['users', 'audit_log'].map((x) => countRows(t.database, x)))).toEqual(before);
  });

  it('accepts a password with three character classes', async () => {
    const admin = await asAdmin();
    const res = await admin.post('/api/v1/users', {
      username: 'strong.enough',
      displayName: '合规密码',
      roles: ['viewer'],
      regionCode: '411104',
      password: 'abcdefgh12#',
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('login rate limit', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ loginRateLimit: 3 });
  });
  afterAll(async () => limited?.close());

  it('refuses the 4th login attempt in a minute from one IP with 429, and not other IPs', async () => {
    const attempt = (ip: string) =>
      limited.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: ip,
        payload: { username: 'nobody', password: 'Wrong#2026' },
      });
    for (let i = 0; i < 3; i++) expect((await attempt('10.0.0.1')).statusCode).toBe(401);
    const fourth = await attempt('10.0.0.1');
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().error.code).toBe('RATE_LIMITED');
    expect((await attempt('10.0.0.2')).statusCode).toBe(401);
  });
});

describe('error language', () => {
  it('answers in zh-CN by default and in English when asked', async () => {
    const zh = await tryLogin('nobody', 'Wrong#2026');
    expect(zh.json().error.message).toBe('用户名或密码错误，或账号暂时不可用');
    const zhExplicit = await tryLogin('nobody', 'Wrong#2026', { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(zhExplicit.json().error.message).toBe('用户名或密码错误，或账号暂时不可用');
    const en = await tryLogin('nobody', 'Wrong#2026', { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.json().error.message).toBe('Wrong username or password, or the account is temporarily unavailable');

    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'en' },
      payload: { username: 'x' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'The submitted data is invalid',
      details: [{ field: 'password', message: 'Required' }],
    });
  });
});

describe('logout and the audit trail of sessions', () => {
  it('revokes the session on logout', async () => {
    const u = await newAccount();
    const c = await login(t.app, u.username, u.password);
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(200);
    const after = await c.get('/api/v1/auth/me');
    expect(after.statusCode).toBe(401);
    expect((await c.post('/api/v1/units', { name: '注销后', regionCode: '411104' })).statusCode).toBe(401);
  });

  it('writes an audit row for a login, a failed login and a logout', async () => {
    const u = await newAccount();
    const before = await auditActions(u.id);
    expect((await tryLogin(u.username, 'Wrong#2026')).statusCode).toBe(401);
    const c = await login(t.app, u.username, u.password);
    await c.post('/api/v1/auth/logout');
    expect((await auditActions(u.id)).slice(before.length)).toEqual(['login_failed', 'login', 'logout']);

    const unknownBefore = await countRows(t.database, 'audit_log');
    await tryLogin('no.such.user', 'Wrong#2026');
    expect(await countRows(t.database, 'audit_log')).toBe(unknownBefore + 1);

    // and the audit administrator of the user's region reads them through the API
    const admin = await login(t.app, 'auditor');
    const listed = (await admin.get(`/api/v1/audit?userId=${u.id}&entity=session&pageSize=50`)).json();
    expect(listed.items.slice(0, 3).map((e: { action: string }) => e.action)).toEqual(['logout', 'login', 'login_failed']);
    // the typed text is not kept (it is often a password typed into the wrong box) …
    const typed = await t.database.raw(`select count(*)::int as n from audit_log where username = 'no.such.user'`);
    expect(typed.rows[0]!.n).toBe(0);
    // … and the marker row is for the top region's audit admin only, not the district's
    const seen = (a: Awaited<ReturnType<typeof login>>) =>
      a
        .get('/api/v1/audit?action=login_failed&pageSize=200')
        .then((r) => r.json().items.filter((e: { userId: number | null }) => e.userId === null).length);
    expect(await seen(admin)).toBe(0);
    const top = await createUser(t.database, { roles: ['audit_admin'], regionCode: '41', username: 'province.auditor' });
    const provinceAdmin = await login(t.app, top.username, FACTORY_PASSWORD);
    expect(await seen(provinceAdmin)).toBeGreaterThan(0);
  });
});
