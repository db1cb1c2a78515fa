/**
 * Accounts, reference data (units, leaders, enterprises, regions), settings and the audit log:
 * CRUD, stale versions, forbidden roles, region scoping and validation, each with its audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { divisionChildren } from '../src/db/seed/regions.js';
import { countRows, createTestApp, login, type Client, type TestApp } from './helpers.js';

const START_PASSWORD = 'Start#2026a';
const READY_PASSWORD = 'Ready#2026b';

let t: TestApp;
let admin: Client;
let office: Client;
let viewer: Client;
let unitUser: Client;
let supervisor: Client;
let security: Client;
let auditor: Client;
let unitId: number;

interface NewUser {
  username: string;
  roles: string[];
  regionCode?: string;
  unitId?: number;
  leaderId?: number;
  enterpriseId?: number;
}

/** Creates an account through the admin API and returns its record. */
async function createUser(by: Client, u: NewUser, password = START_PASSWORD) {
  const res = await by.post('/api/v1/users', {
    displayName: `测试 ${u.username}`,
    regionCode: '411104',
    password,
    ...u,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; version: number; username: string };
}

/** Creates an account and signs it in with its first password changed, ready to use. */
async function readyUser(by: Client, u: NewUser): Promise<Client> {
  await createUser(by, u);
  const first = await login(t.app, u.username, START_PASSWORD);
  const res = await first.post('/api/v1/auth/password', { currentPassword: START_PASSWORD, newPassword: READY_PASSWORD });
  expect(res.statusCode, res.body).toBe(200);
  return first;
}

async function auditCount(): Promise<number> {
  return countRows(t.database, 'audit_log');
}

/** Runs a request that must be refused and proves that it wrote nothing to the named tables or the audit log. */
async function refusedWithoutWrites<R extends { statusCode: number; body: string }>(
  tables: string[],
  send: () => Promise<R>,
): Promise<R> {
  const before = await Promise.all([...tables, 'audit_log'].map((x) => countRows(t.database, x)));
  const res = await send();
  const after = await Promise.all([...tables, 'audit_log'].map((x) => countRows(t.database, x)));
  expect(after).toEqual(before);
  return res;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
  office = await login(t.app, 'office');
  const unit = await office.post('/api/v1/units', { name: '测试责任单位甲', regionCode: '411104' });
  expect(unit.statusCode, unit.body).toBe(201);
  unitId = unit.json().id;
  viewer = await readyUser(admin, { username: 't_viewer', roles: ['viewer'] });
  unitUser = await readyUser(admin, { username: 't_unit', roles: ['unit'], unitId });
  supervisor = await readyUser(admin, { username: 't_supervisor', roles: ['supervisor'] });
  security = await login(t.app, 'security');
  auditor = await login(t.app, 'auditor');
});
afterAll(async () => t?.close());

describe('users', () => {
  it('creates an account that must change its password, and never returns the hash', async () => {
    const auditBefore = await auditCount();
    const res = await admin.post('/api/v1/users', {
      username: 'zhang.san',
      displayName: '张三',
      phone: '13800000000',
      roles: ['unit'],
      regionCode: '411104',
      unitId,
      password: START_PASSWORD,
    });
    expect(res.statusCode, res.body).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({ username: 'zhang.san', roles: ['unit'], unitId, mustChangePassword: true, version: 1 });
    expect(JSON.stringify(user)).not.toMatch(/passwordHash|argon2/);
    expect(await auditCount()).toBe(auditBefore + 1);
    const { rows } = await t.database.raw(
      `select action, entity, entity_id, region_code, after from audit_log order by id desc limit 1`,
    );
    expect(rows[0]).toMatchObject({ action: 'create', entity: 'user', entity_id: String(user.id), region_code: '411104' });
    expect(JSON.stringify(rows[0]!.after)).not.toMatch(/argon2/);

    const got = await admin.get(`/api/v1/users/${user.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(user);
  });

  it('lists users with filters and paging', async () => {
    const all = await admin.get('/api/v1/users?pageSize=200');
    expect(all.statusCode).toBe(200);
    const body = all.json();
    expect(body.total).toBe(body.items.length);
    expect(body.items.map((u: { username: string }) => u.username)).toEqual(
      expect.arrayContaining(['admin', 'office', 't_viewer', 'zhang.san']),
    );
    const byQ = (await admin.get('/api/v1/users?q=ZHANG')).json();
    expect(byQ.items.map((u: { username: string }) => u.username)).toEqual(['zhang.san']);
    const byRole = (await admin.get('/api/v1/users?role=unit&pageSize=200')).json();
    expect(byRole.items.length).toBeGreaterThanOrEqual(2);
    expect(byRole.items.every((u: { roles: string[] }) => u.roles.includes('unit'))).toBe(true);
    const byUnit = (await admin.get(`/api/v1/users?unitId=${unitId}&pageSize=200`)).json();
    expect(byUnit.items.every((u: { unitId: number }) => u.unitId === unitId)).toBe(true);
    const page = (await admin.get('/api/v1/users?pageSize=1&page=2')).json();
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(body.total);
    const disabled = (await admin.get('/api/v1/users?disabled=true')).json();
    expect(disabled.items.every((u: { disabled: boolean }) => u.disabled)).toBe(true);
  });

  it('refuses a duplicate username, whatever its case, with 409 and writes nothing', async () => {
    const res = await refusedWithoutWrites(['users'], () =>
      admin.post('/api/v1/users', {
        username: 'ZHANG.SAN',
        displayName: '重复',
        roles: ['viewer'],
        regionCode: '411104',
        password: START_PASSWORD,
      }),
    );
    expect(res.statusCode).toBe(409);
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'DUPLICATE', details: [{ field: 'username' }] });
  });

  it('refuses bad bodies with 400 naming each field, and writes nothing', async () => {
    const res = await refusedWithoutWrites(['users'], () =>
      admin.request({
        method: 'POST',
        url: '/api/v1/users',
        headers: { 'accept-language': 'en' },
        payload: { username: 'a b', displayName: '', roles: [], regionCode: '4111x', password: 'x', isRoot: true },
      }),
    );
    expect(res.statusCode).toBe(400);
    const err = JSON.parse(res.body).error;
    expect(err.code).toBe('VALIDATION_FAILED');
    const fields = (err.details as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['username', 'displayName', 'roles', 'regionCode', 'isRoot']));
  });

  it('refuses references that do not exist and regions outside the admin’s subtree', async () => {
    const base = { displayName: '引用', roles: ['viewer'], regionCode: '411104', password: START_PASSWORD };
    const badUnit = await refusedWithoutWrites(['users'], () =>
      admin.post('/api/v1/users', { ...base, username: 'ref1', unitId: 999_999 }),
    );
    expect(badUnit.statusCode).toBe(400);
    expect(JSON.parse(badUnit.body).error).toMatchObject({ code: 'REFERENCE_INVALID', details: [{ field: 'unitId' }] });

    const badLeader = await admin.post('/api/v1/users', { ...base, username: 'ref2', leaderId: 999_999 });
    expect(badLeader.json().error).toMatchObject({ code: 'REFERENCE_INVALID', details: [{ field: 'leaderId' }] });

    const missingRegion = await admin.post('/api/v1/users', { ...base, username: 'ref3', regionCode: '411104999' });
    expect(missingRegion.statusCode).toBe(400);
    expect(missingRegion.json().error).toMatchObject({ code: 'REFERENCE_INVALID', details: [{ field: 'regionCode' }] });

    const outside = await refusedWithoutWrites(['users'], () =>
      admin.post('/api/v1/users', { ...base, username: 'ref4', regionCode: '411102' }),
    );
    expect(outside.statusCode).toBe(403);

    const unitRoleWithoutUnit = await admin.post('/api/v1/users', { ...base, username: 'ref5', roles: ['unit'] });
    expect(unitRoleWithoutUnit.statusCode).toBe(400);
    expect(unitRoleWithoutUnit.json().error.details).toEqual([{ field: 'unitId', message: expect.any(String) }]);
  });

  it('edits a user with the current version and refuses a stale one with 409 and the current record', async () => {
    const u = await createUser(admin, { username: 'edit.me', roles: ['viewer'] });
    const ok = await admin.patch(`/api/v1/users/${u.id}`, {
      version: 1,
      displayName: '改过的名字',
      roles: ['viewer', 'supervisor'],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ displayName: '改过的名字', roles: ['viewer', 'supervisor'], version: 2 });

    const stale = await refusedWithoutWrites(['users'], () =>
      admin.patch(`/api/v1/users/${u.id}`, { version: 1, displayName: '过期的修改' }),
    );
    expect(stale.statusCode).toBe(409);
    const err = JSON.parse(stale.body).error;
    expect(err.code).toBe('VERSION_CONFLICT');
    expect(err.details.current).toMatchObject({ displayName: '改过的名字', version: 2 });
    expect((await admin.get(`/api/v1/users/${u.id}`)).json()).toMatchObject({ displayName: '改过的名字', version: 2 });
  });

  it('does not let an admin disable themselves or drop their own admin role', async () => {
    const me = (await admin.get(`/api/v1/users/${admin.user.id}`)).json();
    const disable = await refusedWithoutWrites(['users'], () =>
      admin.patch(`/api/v1/users/${me.id}`, { version: me.version, disabled: true }),
    );
    expect(disable.statusCode).toBe(403);
    const demote = await admin.patch(`/api/v1/users/${me.id}`, { version: me.version, roles: ['office'] });
    expect(demote.statusCode).toBe(403);
    expect((await admin.get(`/api/v1/users/${me.id}`)).json()).toMatchObject({ roles: ['admin'], disabled: false });
  });

  it('resets a password: policy enforced, change forced, lockout cleared, sessions ended', async () => {
    const victim = await readyUser(admin, { username: 'reset.me', roles: ['viewer'] });
    // two wrong passwords leave a failed-login count the reset must clear
    for (let i = 0; i < 2; i++)
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'reset.me', password: 'nope' } });
    const current = (await admin.get(`/api/v1/users/${victim.user.id}`)).json();

    const weak = await refusedWithoutWrites(['users'], () =>
      admin.post(`/api/v1/users/${current.id}/reset-password`, { version: current.version, password: 'weakpass' }),
    );
    expect(weak.statusCode).toBe(400);
    expect(JSON.parse(weak.body).error.code).toBe('PASSWORD_POLICY');

    const stale = await admin.post(`/api/v1/users/${current.id}/reset-password`, {
      version: current.version - 1,
      password: 'Fresh#2026c',
    });
    expect(stale.statusCode).toBe(409);

    const ok = await admin.post(`/api/v1/users/${current.id}/reset-password`, {
      version: current.version,
      password: 'Fresh#2026c',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ mustChangePassword: true, lockedUntil: null, version: current.version + 1 });
    expect((await victim.get('/api/v1/auth/me')).statusCode).toBe(401);
    const { rows } = await t.database.raw(`select failed_logins from users where id = $1`, [current.id]);
    expect(rows[0]!.failed_logins).toBe(0);
    const again = await login(t.app, 'reset.me', 'Fresh#2026c');
    expect((await again.get('/api/v1/users')).statusCode).toBe(403);
    expect((await again.get('/api/v1/units')).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('unlocks a locked account', async () => {
    const u = await createUser(admin, { username: 'lock.me', roles: ['viewer'] });
    for (let i = 0; i < 5; i++)
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'lock.me', password: 'wrong' } });
    const locked = (await admin.get(`/api/v1/users/${u.id}`)).json();
    expect(locked.lockedUntil).not.toBeNull();
    const blocked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'lock.me', password: START_PASSWORD },
    });
    expect(blocked.statusCode).toBe(401);

    const auditBefore = await auditCount();
    const res = await admin.post(`/api/v1/users/${u.id}/unlock`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().lockedUntil).toBeNull();
    expect(await auditCount()).toBe(auditBefore + 1);
    await login(t.app, 'lock.me', START_PASSWORD);
  });

  it('refuses every user endpoint to viewer, unit and office with 403 and writes nothing', async () => {
    const target = (await admin.get('/api/v1/users?q=t_viewer')).json().items[0];
    for (const c of [viewer, unitUser, office, supervisor]) {
      expect((await c.get('/api/v1/users')).statusCode).toBe(403);
      expect((await c.get(`/api/v1/users/${target.id}`)).statusCode).toBe(403);
      const writes = [
        () =>
          c.post('/api/v1/users', {
            username: `by_${c.user.username}`,
            displayName: 'x',
            roles: ['viewer'],
            regionCode: '411104',
            password: START_PASSWORD,
          }),
        () => c.patch(`/api/v1/users/${target.id}`, { version: target.version, disabled: true }),
        () => c.post(`/api/v1/users/${target.id}/reset-password`, { version: target.version, password: 'Other#2026x' }),
        () => c.post(`/api/v1/users/${target.id}/unlock`),
      ];
      for (const w of writes) {
        const res = await refusedWithoutWrites(['users', 'sessions'], w);
        expect(res.statusCode).toBe(403);
        expect(JSON.parse(res.body).error.code).toBe('FORBIDDEN');
      }
    }
  });

  it('answers 404 for a user that does not exist', async () => {
    expect((await admin.get('/api/v1/users/999999')).statusCode).toBe(404);
    expect((await admin.patch('/api/v1/users/999999', { version: 1, displayName: 'x' })).statusCode).toBe(404);
  });
});

describe('units, leaders and enterprises', () => {
  it('office creates, lists, edits and deletes a unit, each change audited', async () => {
    const auditBefore = await auditCount();
    const created = await office.post('/api/v1/units', {
      name: '区测试住房保障中心',
      shortName: '测试住保',
      regionCode: '411104',
      contactName: '李四',
      contactPhone: '0395-1234567',
    });
    expect(created.statusCode, created.body).toBe(201);
    const unit = created.json();
    expect(unit).toMatchObject({ name: '区测试住房保障中心', shortName: '测试住保', active: true, version: 1 });

    const listed = (await viewer.get('/api/v1/units?q=测试住保')).json();
    expect(listed.items.map((u: { id: number }) => u.id)).toEqual([unit.id]);
    expect((await viewer.get(`/api/v1/units/${unit.id}`)).json()).toEqual(unit);

    const edited = await office.patch(`/api/v1/units/${unit.id}`, { version: 1, active: false, contactName: null });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ active: false, contactName: null, version: 2 });
    const inactive = (await viewer.get('/api/v1/units?active=false&pageSize=200')).json();
    expect(inactive.items.map((u: { id: number }) => u.id)).toContain(unit.id);
    const active = (await viewer.get('/api/v1/units?active=true&pageSize=200')).json();
    expect(active.items.map((u: { id: number }) => u.id)).not.toContain(unit.id);

    const stale = await refusedWithoutWrites(['units'], () =>
      office.patch(`/api/v1/units/${unit.id}`, { version: 1, name: '过期' }),
    );
    expect(stale.statusCode).toBe(409);
    expect(JSON.parse(stale.body).error.details.current).toMatchObject({ version: 2, active: false });

    const del = await admin.delete(`/api/v1/units/${unit.id}`);
    expect(del.statusCode, del.body).toBe(200);
    expect((await viewer.get(`/api/v1/units/${unit.id}`)).statusCode).toBe(404);
    expect(await auditCount()).toBe(auditBefore + 3);
    const { rows } = await t.database.raw(`select action from audit_log where entity = 'unit' and entity_id = $1 order by id`, [
      String(unit.id),
    ]);
    expect(rows.map((r) => r.action)).toEqual(['create', 'update', 'delete']);
  });

  it('refuses to delete a unit still in use with 409 IN_USE', async () => {
    const res = await refusedWithoutWrites(['units'], () => office.delete(`/api/v1/units/${unitId}`));
    expect(res.statusCode).toBe(409);
    expect(JSON.parse(res.body).error.code).toBe('IN_USE');
  });

  it('refuses a duplicate unit name in the same region with 409', async () => {
    const res = await refusedWithoutWrites(['units'], () =>
      office.post('/api/v1/units', { name: '测试责任单位甲', regionCode: '411104' }),
    );
    expect(res.statusCode).toBe(409);
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'DUPLICATE', details: [{ field: 'name' }] });
  });

  it('refuses invalid unit bodies with field details', async () => {
    const res = await refusedWithoutWrites(['units'], () =>
      office.post('/api/v1/units', { name: '', regionCode: '411104', contactPhone: 'call me', extra: 1 }),
    );
    expect(res.statusCode).toBe(400);
    const fields = JSON.parse(res.body).error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'contactPhone', 'extra']));
    const patch = await office.patch(`/api/v1/units/${unitId}`, { name: '没有版本' });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.details).toEqual([{ field: 'version', message: expect.any(String) }]);
  });

  it('manages leaders: create, edit, stale 409, in-use 409, delete', async () => {
    const created = await office.post('/api/v1/leaders', {
      name: '王五',
      title: '区委常委、常务副区长',
      regionCode: '411104',
      phone: '13900000000',
    });
    expect(created.statusCode, created.body).toBe(201);
    const leader = created.json();
    expect((await viewer.get('/api/v1/leaders?q=常务')).json().items.map((l: { id: number }) => l.id)).toContain(leader.id);
    const edited = await office.patch(`/api/v1/leaders/${leader.id}`, { version: 1, title: '副区长' });
    expect(edited.json()).toMatchObject({ title: '副区长', version: 2 });
    expect((await office.patch(`/api/v1/leaders/${leader.id}`, { version: 1, title: 'x' })).statusCode).toBe(409);

    const account = await createUser(admin, { username: 'leader.wang', roles: ['leader'], leaderId: leader.id });
    const inUse = await refusedWithoutWrites(['leaders'], () => office.delete(`/api/v1/leaders/${leader.id}`));
    expect(inUse.statusCode).toBe(409);
    expect(JSON.parse(inUse.body).error.code).toBe('IN_USE');

    const other = (await office.post('/api/v1/leaders', { name: '赵六', regionCode: '411104' })).json();
    expect((await office.delete(`/api/v1/leaders/${other.id}`)).statusCode).toBe(200);
    expect((await office.get(`/api/v1/leaders/${other.id}`)).statusCode).toBe(404);
    expect(account.id).toBeGreaterThan(0);
  });

  it('manages enterprises: create, edit, duplicate 409, in-use 409, delete', async () => {
    const created = await office.post('/api/v1/enterprises', {
      name: '漯河测试食品有限公司',
      creditCode: '91411100MA00000001',
      regionCode: '411104',
    });
    expect(created.statusCode, created.body).toBe(201);
    const ent = created.json();
    expect((await viewer.get('/api/v1/enterprises?q=测试食品')).json().items).toEqual([ent]);
    const edited = await office.patch(`/api/v1/enterprises/${ent.id}`, { version: 1, creditCode: null });
    expect(edited.json()).toMatchObject({ creditCode: null, version: 2 });
    expect((await office.patch(`/api/v1/enterprises/${ent.id}`, { version: 1, name: 'x' })).statusCode).toBe(409);
    const dup = await office.post('/api/v1/enterprises', { name: '漯河测试食品有限公司', regionCode: '411104' });
    expect(dup.statusCode).toBe(409);

    await createUser(admin, { username: 'ent.user', roles: ['enterprise'], enterpriseId: ent.id });
    const inUse = await refusedWithoutWrites(['enterprises'], () => admin.delete(`/api/v1/enterprises/${ent.id}`));
    expect(inUse.statusCode).toBe(409);

    const other = (await office.post('/api/v1/enterprises', { name: '临时企业', regionCode: '411104' })).json();
    expect((await office.delete(`/api/v1/enterprises/${other.id}`)).statusCode).toBe(200);
  });

  it('lets every signed-in role read but only admin and office write', async () => {
    for (const c of [viewer, unitUser, supervisor]) {
      for (const path of ['units', 'leaders', 'enterprises']) {
        const list = await c.get(`/api/v1/${path}`);
        expect(list.statusCode).toBe(200);
        const create = await refusedWithoutWrites([path], () =>
          c.post(`/api/v1/${path}`, { name: `${c.user.username}-${path}`, regionCode: '411104' }),
        );
        expect(create.statusCode).toBe(403);
      }
      const patch = await refusedWithoutWrites(['units'], () =>
        c.patch(`/api/v1/units/${unitId}`, { version: 1, name: 'hijack' }),
      );
      expect(patch.statusCode).toBe(403);
      const del = await refusedWithoutWrites(['units'], () => c.delete(`/api/v1/units/${unitId}`));
      expect(del.statusCode).toBe(403);
    }
  });

  it('refuses reference data outside the actor’s region subtree', async () => {
    const res = await refusedWithoutWrites(['units'], () =>
      office.post('/api/v1/units', { name: '源汇区某局', regionCode: '411102' }),
    );
    expect(res.statusCode).toBe(403);
    const unknown = await office.post('/api/v1/leaders', { name: '不存在的区', regionCode: '411104999' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('REFERENCE_INVALID');
  });
});

describe('regions', () => {
  it('lists the own subtree and the ancestors, with filters', async () => {
    const res = await viewer.get('/api/v1/regions');
    expect(res.statusCode).toBe(200);
    const codes = res.json().items.map((r: { code: string }) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['41', '4111', '411104']));
    expect(codes.every((c: string) => c.startsWith('411104') || ['41', '4111'].includes(c))).toBe(true);
    const townships = (await viewer.get('/api/v1/regions?parentCode=411104&level=township')).json().items;
    expect(townships.length).toBeGreaterThan(0);
    expect(
      townships.every((r: { parentCode: string; level: string }) => r.parentCode === '411104' && r.level === 'township'),
    ).toBe(true);
  });

  it('shows an admin the real child regions, marking those already added', async () => {
    const res = await admin.get('/api/v1/regions/divisions');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { code: string; added: boolean }[];
    expect(items.map((i) => i.code)).toEqual(divisionChildren('411104').map((d) => d.code));
    const present = new Set(
      (await admin.get('/api/v1/regions?parentCode=411104')).json().items.map((r: { code: string }) => r.code),
    );
    for (const i of items) expect(i.added).toBe(present.has(i.code));
    expect((await office.get('/api/v1/regions/divisions')).statusCode).toBe(403);
    expect((await admin.get('/api/v1/regions/divisions?parentCode=4111')).statusCode).toBe(403);
    const unknown = await admin.request({
      method: 'GET',
      url: '/api/v1/regions/divisions?parentCode=419999',
      headers: { 'accept-language': 'en' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0]).toMatchObject({ field: 'parentCode', message: expect.stringMatching(/real/) });
  });

  it('adds a real code with its missing ancestors, and refuses unknown, duplicate and outside codes', async () => {
    const unknown = await refusedWithoutWrites(['regions'], () =>
      admin.request({
        method: 'POST',
        url: '/api/v1/regions',
        headers: { 'accept-language': 'en' },
        payload: { code: '419999' },
      }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(JSON.parse(unknown.body).error.details).toEqual([
      { field: 'code', message: expect.stringMatching(/real administrative/) },
    ]);
    const outside = await refusedWithoutWrites(['regions'], () => admin.post('/api/v1/regions', { code: '411102' }));
    expect(outside.statusCode).toBe(403);
    const existing = await refusedWithoutWrites(['regions'], () => admin.post('/api/v1/regions', { code: '411104' }));
    expect(existing.statusCode).toBe(409);
    expect((await office.post('/api/v1/regions', { code: '411104' })).statusCode).toBe(403);

    // a city-level admin (moved up by SQL: no API may create an account above the creator's region)
    const cityAdminUser = await createUser(admin, { username: 'city.admin', roles: ['admin'] }, START_PASSWORD);
    await t.database.raw(`update users set region_code = '4111', must_change_password = false where id = $1`, [cityAdminUser.id]);
    const cityAdmin = await login(t.app, 'city.admin', START_PASSWORD);
    const township = divisionChildren('411102')[0]!;
    const regionsBefore = await countRows(t.database, 'regions');
    const auditBefore = await auditCount();
    const added = await cityAdmin.post('/api/v1/regions', { code: township.code });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toEqual({ code: township.code, name: township.name, level: 'township', parentCode: '411102' });
    expect(await countRows(t.database, 'regions')).toBe(regionsBefore + 2);
    expect(await auditCount()).toBe(auditBefore + 1);
    const cityCodes = (await cityAdmin.get('/api/v1/regions')).json().items.map((r: { code: string }) => r.code);
    expect(cityCodes).toEqual(expect.arrayContaining(['411102', township.code, '411104']));
    // the county admin still sees only its own subtree and ancestors
    const countyCodes = (await admin.get('/api/v1/regions')).json().items.map((r: { code: string }) => r.code);
    expect(countyCodes).not.toContain('411102');
    // and the city admin's records in 源汇区 are invisible (404) to the 召陵区 admin
    const far = await createUser(cityAdmin, { username: 'far.user', roles: ['viewer'], regionCode: '411102' });
    expect((await admin.get(`/api/v1/users/${far.id}`)).statusCode).toBe(404);
    expect((await admin.get('/api/v1/users?q=far.user')).json().total).toBe(0);
  });
});

describe('region scoping', () => {
  let townAdmin: Client;
  const town = divisionChildren('411104')[0]!.code;

  beforeAll(async () => {
    townAdmin = await readyUser(admin, { username: 'town.admin', roles: ['admin'], regionCode: town });
  });

  it('hides users and reference data above or beside the actor’s region with 404', async () => {
    const countyUser = (await admin.get('/api/v1/users?q=t_viewer')).json().items[0];
    expect((await townAdmin.get(`/api/v1/users/${countyUser.id}`)).statusCode).toBe(404);
    const patch = await refusedWithoutWrites(['users'], () =>
      townAdmin.patch(`/api/v1/users/${countyUser.id}`, { version: countyUser.version, disabled: true }),
    );
    expect(patch.statusCode).toBe(404);
    const reset = await townAdmin.post(`/api/v1/users/${countyUser.id}/reset-password`, {
      version: countyUser.version,
      password: 'Other#2026x',
    });
    expect(reset.statusCode).toBe(404);
    expect((await townAdmin.post(`/api/v1/users/${countyUser.id}/unlock`)).statusCode).toBe(404);
    const listed = (await townAdmin.get('/api/v1/users?pageSize=200')).json();
    expect(listed.items.every((u: { regionCode: string }) => u.regionCode.startsWith(town))).toBe(true);

    expect((await townAdmin.get(`/api/v1/units/${unitId}`)).statusCode).toBe(404);
    expect((await townAdmin.patch(`/api/v1/units/${unitId}`, { version: 1, name: 'x' })).statusCode).toBe(404);
    expect((await townAdmin.delete(`/api/v1/units/${unitId}`)).statusCode).toBe(404);
    expect((await townAdmin.get('/api/v1/units?pageSize=200')).json().items).toEqual([]);
  });

  it('refuses to give an account a unit from outside the admin’s subtree', async () => {
    const res = await townAdmin.post('/api/v1/users', {
      username: 'town.unit',
      displayName: '乡镇单位用户',
      roles: ['unit'],
      regionCode: town,
      unitId,
      password: START_PASSWORD,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'REFERENCE_INVALID', details: [{ field: 'unitId' }] });
  });

  it('shows a township audit admin only the audit rows of its subtree', async () => {
    const townAuditor = await readyUser(admin, { username: 'town.auditor', roles: ['audit_admin'], regionCode: town });
    const rows = (await townAuditor.get('/api/v1/audit?pageSize=200')).json().items as {
      entity: string;
      action: string;
      userId: number;
    }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.entity === 'unit')).toBe(false);
    // the county admin's own logins belong to the county, not to the township
    expect(rows.some((r) => r.action === 'login' && r.userId === admin.user.id)).toBe(false);
    // the county admin creating this township's admin is a change in the township: visible
    expect(rows.some((r) => r.action === 'create' && r.userId === admin.user.id)).toBe(true);
    expect(rows.some((r) => r.userId === townAdmin.user.id)).toBe(true);
  });
});

describe('settings', () => {
  it('shows the effective settings to the three administrators, office and supervisor only', async () => {
    for (const c of [admin, security, auditor, office, supervisor]) {
      const res = await c.get('/api/v1/settings');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        regionCode: '411104',
        effective: { sessionIdleMinutes: 30, lockoutAttempts: 5, passwordMinLength: 8 },
      });
    }
    for (const c of [viewer, unitUser]) expect((await c.get('/api/v1/settings')).statusCode).toBe(403);
  });

  it('lets each administrator change only the settings of their duty (三员), within the allowed ranges', async () => {
    const byOffice = await refusedWithoutWrites(['settings'], () => office.put('/api/v1/settings', { lockoutAttempts: 6 }));
    expect(byOffice.statusCode).toBe(403);
    // the system administrator does not set the login rules, nor the security administrator the backups
    const byAdmin = await refusedWithoutWrites(['settings'], () =>
      admin.put('/api/v1/settings', { lockoutAttempts: 6, backupRetentionCount: 7 }),
    );
    expect(byAdmin.statusCode).toBe(403);
    expect(byAdmin.json().error.details).toEqual([{ field: 'lockoutAttempts', message: '该设置由另一类管理员负责' }]);
    const bySecurity = await refusedWithoutWrites(['settings'], () =>
      security.put('/api/v1/settings', { backupRetentionCount: 7 }),
    );
    expect(bySecurity.statusCode).toBe(403);
    expect((await auditor.put('/api/v1/settings', { auditRetentionDays: 365 })).statusCode).toBe(200);
    expect((await admin.put('/api/v1/settings', { backupRetentionCount: 7 })).statusCode).toBe(200);
    const bad = await refusedWithoutWrites(['settings'], () =>
      security.put('/api/v1/settings', { lockoutAttempts: 2, passwordMinLength: 7.5, colour: 'red' }),
    );
    expect(bad.statusCode).toBe(400);
    const fields = JSON.parse(bad.body).error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['lockoutAttempts', 'passwordMinLength', 'colour']));
  });

  it('stores a region’s own values, bumps their version, audits the change and applies it', async () => {
    const auditBefore = await auditCount();
    const res = await security.put('/api/v1/settings', { passwordMinLength: 12 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ effective: { passwordMinLength: 12 }, overrides: { passwordMinLength: 12 } });
    expect(await auditCount()).toBe(auditBefore + 1);
    // unchanged values write nothing
    await security.put('/api/v1/settings', { passwordMinLength: 12 });
    expect(await auditCount()).toBe(auditBefore + 1);
    const tooShort = await admin.post('/api/v1/users', {
      username: 'short.pw',
      displayName: '短密码',
      roles: ['viewer'],
      regionCode: '411104',
      password: 'Abcdef1!x',
    });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error).toMatchObject({ code: 'PASSWORD_POLICY', details: { minLength: 12 } });

    await security.put('/api/v1/settings', { passwordMinLength: 8 });
    const { rows } = await t.database.raw(
      `select version, value from settings where region_code = '411104' and key = 'passwordMinLength'`,
    );
    expect(rows[0]).toMatchObject({ version: 2, value: 8 });
    const audit = (await auditor.get('/api/v1/audit?entity=settings')).json().items;
    expect(audit[0]).toMatchObject({
      action: 'update',
      entityId: '411104',
      before: { passwordMinLength: 12 },
      after: { passwordMinLength: 8 },
    });
  });
});

describe('audit log', () => {
  it('lists entries newest first with filters, for the audit administrator only', async () => {
    const res = await auditor.get('/api/v1/audit?pageSize=50');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: number; at: string }[];
    for (let i = 1; i < items.length; i++) expect(items[i - 1]!.at >= items[i]!.at).toBe(true);

    const units = (await auditor.get(`/api/v1/audit?entity=unit&entityId=${unitId}`)).json();
    expect(units.items).toHaveLength(1);
    expect(units.items[0]).toMatchObject({ action: 'create', entity: 'unit', entityId: String(unitId), username: 'office' });

    const logins = (await auditor.get(`/api/v1/audit?action=login&userId=${office.user.id}`)).json();
    expect(logins.total).toBeGreaterThanOrEqual(1);
    expect(
      logins.items.every((e: { action: string; userId: number }) => e.action === 'login' && e.userId === office.user.id),
    ).toBe(true);

    // whole days in Asia/Shanghai, both ends inclusive; the test clock stands on 2026-07-16
    const dayStart = Date.parse('2026-07-15T16:00:00Z');
    const dayEnd = Date.parse('2026-07-16T16:00:00Z');
    const all = (await auditor.get('/api/v1/audit?pageSize=200')).json().total;
    const onDay = (await auditor.get('/api/v1/audit?from=2026-07-16&to=2026-07-16&pageSize=200')).json();
    expect(onDay.total).toBeGreaterThan(0);
    for (const e of onDay.items) expect(Date.parse(e.at)).toBeGreaterThanOrEqual(dayStart);
    for (const e of onDay.items) expect(Date.parse(e.at)).toBeLessThan(dayEnd);
    const later = (await auditor.get('/api/v1/audit?from=2026-07-17&pageSize=200')).json();
    for (const e of later.items) expect(Date.parse(e.at)).toBeGreaterThanOrEqual(dayEnd);
    const earlier = (await auditor.get('/api/v1/audit?to=2026-07-15&pageSize=200')).json();
    for (const e of earlier.items) expect(Date.parse(e.at)).toBeLessThan(dayStart);
    expect(earlier.total + onDay.total + later.total).toBe(all);

    for (const c of [admin, security, office, viewer, supervisor, unitUser])
      expect((await c.get('/api/v1/audit')).statusCode).toBe(403);
    expect((await auditor.get('/api/v1/audit?from=2026-13-01')).statusCode).toBe(400);
  });

  it('offers no way to change or delete audit rows', async () => {
    const before = await auditCount();
    const [first] = (await auditor.get('/api/v1/audit?pageSize=1')).json().items;
    for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
      for (const url of ['/api/v1/audit', `/api/v1/audit/${first.id}`]) {
        const res = await auditor.request({ method, url, payload: method === 'DELETE' ? undefined : { action: 'x' } });
        expect([404, 405]).toContain(res.statusCode);
      }
    }
    expect(await auditCount()).toBe(before);
    const same = (await auditor.get('/api/v1/audit?pageSize=1')).json().items[0];
    expect(same).toEqual(first);
  });
});

describe('three administrators (三员)', () => {
  it('refuses one account holding two administrator duties', async () => {
    const res = await refusedWithoutWrites(['users'], () =>
      admin.post('/api/v1/users', {
        username: 'two.hats',
        displayName: '兼任',
        roles: ['admin', 'audit_admin'],
        regionCode: '411104',
        password: START_PASSWORD,
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ field: 'roles', message: '系统管理员、安全管理员、审计管理员须由不同账号担任' }]);
  });
});
