/**
 * Issue 8's probing findings, each as a test: parallel password guesses lock at the policy's count,
 * a forged X-Forwarded-For is not believed, concurrent ledger creates on one project all succeed
 * with distinct numbers, blocklisted passwords are refused, API answers are never cached.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from './helpers.js';
import { createProject, createUnit } from './factories.js';

let t: TestApp;
let seq = 0;

async function newAccount(): Promise<{ id: number; username: string; password: string }> {
  const username = `trust.user${++seq}`;
  const admin = await login(t.app, 'admin');
  const res = await admin.post('/api/v1/users', {
    username,
    displayName: `可信测试 ${seq}`,
    roles: ['viewer'],
    regionCode: '411104',
    password: 'Start#2026a',
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id, username, password: 'Start#2026a' };
}

const tryLogin = (app: TestApp['app'], username: string, password: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers });

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('lockout under parallel guesses', () => {
  it('checks exactly 5 of 50 simultaneous wrong passwords, then the account is locked', async () => {
    const u = await newAccount();
    const answers = await Promise.all(Array.from({ length: 50 }, () => tryLogin(t.app, u.username, 'Wrong#2026x')));
    expect(answers.every((r) => r.statusCode === 401)).toBe(true);
    const { rows } = await t.database.raw(
      `select after->>'reason' as reason, count(*)::int as n from audit_log
        where user_id = $1 and action = 'login_failed' group by 1`,
      [u.id],
    );
    const byReason = Object.fromEntries(rows.map((r) => [String(r.reason), Number(r.n)]));
    // 4 plain failures and the 5th that locks; the other 45 never reached the password check
    expect(byReason).toEqual({ wrong_password: 4, wrong_password_locked: 1, locked: 45 });
    // locked: even the right password is refused now
    expect((await tryLogin(t.app, u.username, u.password)).statusCode).toBe(401);
    const locked = await t.database.raw(`select locked_until from users where id = $1`, [u.id]);
    expect(locked.rows[0]!.locked_until).not.toBeNull();
  });
});

describe('X-Forwarded-For', () => {
  it('is not believed by default: the audit log keeps the real peer address', async () => {
    const u = await newAccount();
    await tryLogin(t.app, u.username, 'Wrong#2026x', { 'x-forwarded-for': '203.0.113.77' });
    const { rows } = await t.database.raw(`select ip from audit_log where user_id = $1 and action = 'login_failed'`, [u.id]);
    expect(rows.map((r) => r.ip)).toEqual(['127.0.0.1']);
  });

  it('forged addresses do not escape the login rate limit', async () => {
    const limited = await createTestApp({ loginRateLimit: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++)
        codes.push((await tryLogin(limited.app, 'nobody', 'x', { 'x-forwarded-for': `198.51.100.${i}` })).statusCode);
      expect(codes.slice(3)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('is believed from a configured trusted proxy', async () => {
    const proxied = await createTestApp({ trustedProxies: ['127.0.0.1'] });
    try {
      await tryLogin(proxied.app, 'office', 'Wrong#2026x', { 'x-forwarded-for': '203.0.113.9' });
      const { rows } = await proxied.database.raw(
        `select ip from audit_log where action = 'login_failed' and username = 'office'`,
      );
      expect(rows.map((r) => r.ip)).toEqual(['203.0.113.9']);
      // the proxy terminates HTTPS: the session cookie is Secure although COOKIE_SECURE is unset
      const viaTls = await tryLogin(proxied.app, 'admin', 'Demo@2026', { 'x-forwarded-proto': 'https' });
      expect(viaTls.statusCode).toBe(200);
      expect(viaTls.cookies.find((c) => c.name === 'kpc_session')?.secure).toBe(true);
      // and a client's own X-Forwarded-Proto is not believed
      const forged = await tryLogin(t.app, 'admin', 'Demo@2026', { 'x-forwarded-proto': 'https' });
      expect(forged.cookies.find((c) => c.name === 'kpc_session')?.secure).toBeFalsy();
    } finally {
      await proxied.close();
    }
  });
});

describe('ledger numbering', () => {
  it('gives 40 concurrent creates on one project 40 × 201 and 40 distinct numbers', async () => {
    const unit = await createUnit(t.database, { name: '并发测试单位' });
    const p = await createProject(t.database, { code: 'TRUST-SEQ', leadUnitId: unit.id, stage: 'building' });
    const office = await login(t.app, 'office');
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        office.post(`/api/v1/projects/${p.id}/ledger-items`, {
          unitId: unit.id,
          content: `并发事项 ${i}`,
          measures: '按期推进',
          deadline: '2026-07-31',
          ownerName: '王建国',
        }),
      ),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(Array(40).fill(201));
    const seqs = new Set(answers.map((r) => r.json().seq));
    expect(seqs.size).toBe(40);
    expect(Math.min(...seqs)).toBe(1);
    expect(Math.max(...seqs)).toBe(40);
  });
});

describe('password blocklist', () => {
  it.each(['Password1', 'Demo@2026', 'P@ssw0rd', 'Admin@123'])('refuses %s as a new password', async (pw) => {
    const admin = await login(t.app, 'admin');
    const res = await admin.post('/api/v1/users', {
      username: `blocked${++seq}`,
      displayName: '弱口令',
      roles: ['viewer'],
      regionCode: '411104',
      password: pw,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('PASSWORD_POLICY');
  });

  it('refuses a password built from the username', async () => {
    const admin = await login(t.app, 'admin');
    const res = await admin.post('/api/v1/users', {
      username: 'zhangwei',
      displayName: '张伟',
      roles: ['viewer'],
      regionCode: '411104',
      password: 'Zhangwei#2026',
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('response headers', () => {
  it('marks API answers no-store and sends a Permissions-Policy', async () => {
    const office = await login(t.app, 'office');
    const res = await office.get('/api/v1/projects?page=1&pageSize=5');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(String(res.headers['permissions-policy'])).toContain('microphone=()');
    expect(String(res.headers['permissions-policy'])).toContain('geolocation=(self)');
    const health = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(health.headers['cache-control']).toBe('no-store');
  });
});
