/**
 * The second factor (TOTP enrolment, login with a code or a recovery code, replay and lockout, the
 * setting that requires it for some roles), the user's own sessions, and the password history.
 * Codes are generated for the test clock's instant with otpauth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret, TOTP } from 'otpauth';
import type { Role } from '@kpc/contracts';
import { buildApp } from '../src/app.js';
import { cloneDatabase, countRows, createTestApp, login, TestClock, type Client, type TestApp } from './helpers.js';
import { createUser, FACTORY_PASSWORD } from './factories.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const codeFor = (secret: string, at = t.clock.now()) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime() });

const tryLogin = (username: string, body: Record<string, string> = {}, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: FACTORY_PASSWORD, ...body },
    headers,
  });

const sessionCookie = (res: { cookies: { name: string; value: string }[] }) => res.cookies.find((c) => c.name === 'kpc_session');

/** A fresh account (factory password, no forced change) and a session of it. */
async function account(roles: Role[] = ['unit']): Promise<Client> {
  const u = await createUser(t.database, { roles });
  return login(t.app, u.username, FACTORY_PASSWORD);
}

/** Enrols TOTP for the client's account; returns the secret and the recovery codes. */
async function enrol(c: Client): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await c.post('/api/v1/auth/totp/setup');
  expect(setup.statusCode, setup.body).toBe(200);
  const { secret, uri } = setup.json() as { secret: string; uri: string };
  expect(uri).toMatch(/^otpauth:\/\/totp\//);
  expect(uri).toContain(`secret=${secret}`);
  const enabled = await c.post('/api/v1/auth/totp/enable', { code: codeFor(secret) });
  expect(enabled.statusCode, enabled.body).toBe(200);
  // the next code belongs to a later step: the confirming one cannot be replayed
  t.clock.advanceMinutes(1);
  return { secret, recoveryCodes: enabled.json().recoveryCodes };
}

async function failedLogins(userId: number): Promise<number> {
  const { rows } = await t.database.raw('select failed_logins from users where id = $1', [userId]);
  return Number(rows[0]!.failed_logins);
}

describe('TOTP enrolment and login', () => {
  it('enrols with a confirmed code, then needs a code at login: none → 401 TOTP_REQUIRED and no session', async () => {
    const c = await account();
    const { secret, recoveryCodes } = await enrol(c);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await c.get('/api/v1/auth/me')).json().user).toMatchObject({ totpEnabled: true, totpEnrolmentRequired: false });

    const sessionsBefore = await countRows(t.database, 'sessions');
    const noCode = await tryLogin(c.user.username);
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('TOTP_REQUIRED');
    expect(sessionCookie(noCode)).toBeUndefined();
    expect(await countRows(t.database, 'sessions')).toBe(sessionsBefore);
    // the two steps of one login count once
    expect(await failedLogins(c.user.id)).toBe(0);

    const ok = await tryLogin(c.user.username, { totpCode: codeFor(secret) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(sessionCookie(ok)?.value).toBeTruthy();
    expect(await failedLogins(c.user.id)).toBe(0);
  });

  it('stores only hashes of the recovery codes and, without SECRETS_KEY, the secret as base32', async () => {
    const c = await account();
    const { secret, recoveryCodes } = await enrol(c);
    const { rows: totp } = await t.database.raw('select secret, pending_secret from user_totp where user_id = $1', [c.user.id]);
    expect(totp[0]).toMatchObject({ secret, pending_secret: null });
    const { rows: codes } = await t.database.raw('select code_hash from recovery_codes where user_id = $1', [c.user.id]);
    expect(codes).toHaveLength(10);
    for (const code of recoveryCodes) expect(codes.map((r) => r.code_hash)).not.toContain(code);
  });

  it('refuses an enable code that does not match the pending secret', async () => {
    const c = await account();
    const setup = (await c.post('/api/v1/auth/totp/setup')).json() as { secret: string };
    const wrong = String((Number(codeFor(setup.secret)) + 1) % 1_000_000).padStart(6, '0');
    const res = await c.post('/api/v1/auth/totp/enable', { code: wrong });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('TOTP_INVALID');
    expect((await c.get('/api/v1/auth/me')).json().user.totpEnabled).toBe(false);
  });

  it('refuses a code replayed within its window', async () => {
    const c = await account();
    const { secret } = await enrol(c);
    const code = codeFor(secret);
    expect((await tryLogin(c.user.username, { totpCode: code })).statusCode).toBe(200);
    const replay = await tryLogin(c.user.username, { totpCode: code });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.code).toBe('TOTP_INVALID');
    expect(sessionCookie(replay)).toBeUndefined();
  });

  it('counts a wrong code as a failed login: 5 lock the account, then even the right code is refused', async () => {
    const c = await account();
    const { secret } = await enrol(c);
    const wrong = String((Number(codeFor(secret)) + 500_000) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) {
      const res = await tryLogin(c.user.username, { totpCode: wrong });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('TOTP_INVALID');
    }
    const locked = await tryLogin(c.user.username, { totpCode: codeFor(secret) });
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error.code).toBe('INVALID_CREDENTIALS');
    const { rows } = await t.database.raw(
      `select after->>'reason' as reason from audit_log where user_id = $1 and action = 'login_failed' order by id`,
      [c.user.id],
    );
    expect(rows.map((r) => r.reason)).toEqual([...Array(4).fill('wrong_totp'), 'wrong_totp_locked', 'locked']);
  });

  it('takes a recovery code instead of a code, once', async () => {
    const c = await account();
    const { recoveryCodes } = await enrol(c);
    const code = recoveryCodes[3]!;
    const first = await tryLogin(c.user.username, { recoveryCode: code.toUpperCase() });
    expect(first.statusCode, first.body).toBe(200);
    const again = await tryLogin(c.user.username, { recoveryCode: code });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('TOTP_INVALID');
    expect(sessionCookie(again)).toBeUndefined();
    expect(await failedLogins(c.user.id)).toBe(1);
    // another unused one still works
    expect((await tryLogin(c.user.username, { recoveryCode: recoveryCodes[4]! })).statusCode).toBe(200);
  });

  it('turns TOTP off with the password and a code; a wrong password or code changes nothing', async () => {
    const c = await account();
    const { secret } = await enrol(c);
    const wrongPassword = await c.post('/api/v1/auth/totp/disable', { password: 'Nope#2026x', code: codeFor(secret) });
    expect(wrongPassword.json().error.code).toBe('WRONG_PASSWORD');
    const wrongCode = await c.post('/api/v1/auth/totp/disable', { password: FACTORY_PASSWORD, code: '000000' });
    expect(wrongCode.json().error.code).toBe('TOTP_INVALID');
    expect((await c.get('/api/v1/auth/me')).json().user.totpEnabled).toBe(true);
    const off = await c.post('/api/v1/auth/totp/disable', { password: FACTORY_PASSWORD, code: codeFor(secret) });
    expect(off.statusCode, off.body).toBe(200);
    expect(await countRows(t.database, `recovery_codes where user_id = ${c.user.id}`)).toBe(0);
    expect((await tryLogin(c.user.username)).statusCode).toBe(200);
    const { rows } = await t.database.raw(
      `select action from audit_log where user_id = $1 and action like 'totp_%' order by id`,
      [c.user.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['totp_enable', 'totp_disable']);
  });
});

describe('TOTP secrets at rest', () => {
  it('seals the secret with AES-256-GCM when SECRETS_KEY is set, and still checks codes', async () => {
    const database = await cloneDatabase('demo');
    const clock = new TestClock();
    const app = await buildApp({ database, clock, webDist: '/nonexistent', secretsKey: 'k'.repeat(40) });
    try {
      await app.ready();
      const u = await createUser(database, { roles: ['unit'] });
      const c = await login(app, u.username, FACTORY_PASSWORD);
      const { secret } = (await c.post('/api/v1/auth/totp/setup')).json() as { secret: string };
      const code = () => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: clock.now().getTime() });
      expect((await c.post('/api/v1/auth/totp/enable', { code: code() })).statusCode).toBe(200);
      const { rows } = await database.raw('select secret from user_totp where user_id = $1', [u.id]);
      const stored = String(rows[0]!.secret);
      expect(stored.startsWith('v1:')).toBe(true);
      expect(stored).not.toContain(secret);
      clock.advanceMinutes(1);
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: u.username, password: FACTORY_PASSWORD, totpCode: code() },
      });
      expect(res.statusCode, res.body).toBe(200);
    } finally {
      await app.close();
      await database.close();
    }
  });
});

describe('totpRequiredRoles', () => {
  it('lets a listed role without TOTP log in but only enrol; after enrolment everything is open', async () => {
    const admin = await login(t.app, 'security'); // the security administrator's duty (三员)
    const set = await admin.put('/api/v1/settings', { totpRequiredRoles: ['supervisor'] });
    expect(set.statusCode, set.body).toBe(200);
    try {
      const c = await account(['supervisor']);
      expect((await c.get('/api/v1/auth/me')).json().user).toMatchObject({ totpEnabled: false, totpEnrolmentRequired: true });
      const refused = await c.get('/api/v1/projects');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('TOTP_ENROLMENT_REQUIRED');
      expect((await c.get('/api/v1/auth/sessions')).json().error.code).toBe('TOTP_ENROLMENT_REQUIRED');
      // roles not listed are not affected
      expect((await (await account(['unit'])).get('/api/v1/projects')).statusCode).toBe(200);

      await enrol(c);
      expect((await c.get('/api/v1/auth/me')).json().user.totpEnrolmentRequired).toBe(false);
      expect((await c.get('/api/v1/projects')).statusCode).toBe(200);
    } finally {
      await admin.put('/api/v1/settings', { totpRequiredRoles: [] });
    }
  });
});

describe('my sessions', () => {
  it('lists only my open sessions, ends one of mine (its cookie then gets 401) and 404s for another user’s', async () => {
    const u = await createUser(t.database, { roles: ['unit'] });
    const mine1 = await login(t.app, u.username, FACTORY_PASSWORD);
    const mine2 = await login(t.app, u.username, FACTORY_PASSWORD);
    const other = await account();

    const list = await mine1.get('/api/v1/auth/sessions');
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json().items as { id: string; current: boolean; ip: string | null }[];
    expect(items).toHaveLength(2);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    for (const s of items) {
      expect(s.id).toMatch(/^[0-9a-f]{16}$/);
      // a public handle, never the cookie's token
      expect(mine1.cookie).not.toContain(s.id);
    }
    const otherId = (await other.get('/api/v1/auth/sessions')).json().items[0].id as string;
    expect(items.map((s) => s.id)).not.toContain(otherId);

    const auditBefore = await countRows(t.database, `audit_log where action = 'session_end'`);
    const foreign = await mine1.delete(`/api/v1/auth/sessions/${otherId}`);
    expect(foreign.statusCode).toBe(404);
    expect((await other.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect(await countRows(t.database, `audit_log where action = 'session_end'`)).toBe(auditBefore);

    const second = items.find((s) => !s.current)!;
    const ended = await mine1.delete(`/api/v1/auth/sessions/${second.id}`);
    expect(ended.statusCode, ended.body).toBe(200);
    expect((await mine2.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await mine1.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await mine1.get('/api/v1/auth/sessions')).json().items).toHaveLength(1);
    expect((await mine1.delete(`/api/v1/auth/sessions/${second.id}`)).statusCode).toBe(404);
    const { rows } = await t.database.raw(
      `select user_id, entity_id from audit_log where action = 'session_end' order by id desc limit 1`,
    );
    expect(rows[0]).toMatchObject({ user_id: u.id, entity_id: second.id });
  });
});

describe('a read-only account', () => {
  it('may still manage its own sign-in: end its other session and start a TOTP enrolment', async () => {
    const u = await createUser(t.database, { roles: ['viewer'] });
    const a = await login(t.app, u.username, FACTORY_PASSWORD);
    const b = await login(t.app, u.username, FACTORY_PASSWORD);
    const other = (await a.get('/api/v1/auth/sessions')).json().items.find((s: { current: boolean }) => !s.current);
    expect((await a.delete(`/api/v1/auth/sessions/${other.id}`)).statusCode).toBe(200);
    expect((await b.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await a.post('/api/v1/auth/totp/setup')).statusCode).toBe(200);
  });
});

describe('password history', () => {
  const P1 = 'First#2026abc';
  const P2 = 'Second#2026abc';
  const P3 = 'Third#2026abc';

  it('refuses going back to a recent password, in zh-CN and English', async () => {
    const c = await account();
    const change = (currentPassword: string, newPassword: string, lang = 'zh-CN') =>
      c.request({
        method: 'POST',
        url: '/api/v1/auth/password',
        payload: { currentPassword, newPassword },
        headers: { 'accept-language': lang },
      });
    expect((await change(FACTORY_PASSWORD, P1)).statusCode).toBe(200);
    const back = await change(P1, FACTORY_PASSWORD);
    expect(back.statusCode).toBe(400);
    expect(back.json().error).toMatchObject({
      code: 'PASSWORD_POLICY',
      details: { reason: 'reused' },
      message: '新密码不能与最近 5 次使用过的密码相同',
    });
    expect((await change(P1, P2)).statusCode).toBe(200);
    const backEn = await change(P2, P1, 'en');
    expect(backEn.statusCode).toBe(400);
    expect(backEn.json().error.message).toBe('The new password must differ from your last 5 passwords');
    expect((await change(P2, P3)).statusCode).toBe(200);
  });

  it('refuses an administrator’s reset to one of the user’s recent passwords', async () => {
    const c = await account();
    const ok = await c.post('/api/v1/auth/password', { currentPassword: FACTORY_PASSWORD, newPassword: P1 });
    expect(ok.statusCode).toBe(200);
    const admin = await login(t.app, 'admin');
    const { version } = (await admin.get(`/api/v1/users/${c.user.id}`)).json() as { version: number };
    const reset = await admin.post(`/api/v1/users/${c.user.id}/reset-password`, { version, password: FACTORY_PASSWORD });
    expect(reset.statusCode).toBe(400);
    expect(reset.json().error.details).toEqual({ reason: 'reused' });
    const fresh = await admin.post(`/api/v1/users/${c.user.id}/reset-password`, { version, password: P2 });
    expect(fresh.statusCode, fresh.body).toBe(200);
  });

  it('keeps the last 5: the sixth password back may be used again', async () => {
    const c = await account();
    const chain = [FACTORY_PASSWORD, 'Pw1#2026abcd', 'Pw2#2026abcd', 'Pw3#2026abcd', 'Pw4#2026abcd', 'Pw5#2026abcd'];
    for (let i = 1; i < chain.length; i++) {
      const r = await c.post('/api/v1/auth/password', { currentPassword: chain[i - 1], newPassword: chain[i] });
      expect(r.statusCode, r.body).toBe(200);
    }
    // current Pw5; the last 5 are Pw5..Pw1: Pw1 refused, the factory password (6th back) allowed
    const refused = await c.post('/api/v1/auth/password', { currentPassword: chain[5], newPassword: chain[1] });
    expect(refused.json().error.details).toEqual({ reason: 'reused' });
    const allowed = await c.post('/api/v1/auth/password', { currentPassword: chain[5], newPassword: FACTORY_PASSWORD });
    expect(allowed.statusCode, allowed.body).toBe(200);
    expect(await countRows(t.database, `password_history where user_id = ${c.user.id}`)).toBe(4);
  });
});
