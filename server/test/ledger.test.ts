import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, countRows, login, type Client, type TestApp } from './helpers.js';
import { FACTORY_PASSWORD, createLeader, createProject, createUnit, createUser, ensureRegion } from './factories.js';
import { LEDGER_HEADERS } from './xlsx.js';

let t: TestApp;
let office: Client;
let unitUser: Client;
let otherUnitUser: Client;
let viewer: Client;
let leaderUser: Client;
let otherRegionOffice: Client;
let myUnit: { id: number; name: string };
let otherUnit: { id: number; name: string };
let leader: { id: number };
let shared: { id: number; code: string }; // led by myUnit, otherUnit cooperates
let foreign: { id: number }; // led by otherUnit only
let elsewhere: { id: number }; // another region

const item = (o: Record<string, unknown> = {}) => ({
  unitId: myUnit.id,
  content: '完成土地摘牌',
  measures: '对接自然资源局，7 月底前完成挂牌出让',
  deadline: '2026-07-31',
  ownerName: '王建国',
  ...o,
});

beforeAll(async () => {
  t = await createTestApp();
  myUnit = await createUnit(t.database, { name: '台账测试工信局' });
  otherUnit = await createUnit(t.database, { name: '台账测试住建局' });
  leader = await createLeader(t.database);
  await ensureRegion(t.database, '411102');
  shared = await createProject(t.database, {
    code: 'LT-SHARED',
    leadUnitId: myUnit.id,
    cooperatingUnitIds: [otherUnit.id],
    leaderId: leader.id,
    stage: 'signed',
  });
  foreign = await createProject(t.database, { code: 'LT-FOREIGN', leadUnitId: otherUnit.id, stage: 'building' });
  elsewhere = await createProject(t.database, { code: 'LT-ELSEWHERE', regionCode: '411102' });
  const u = await createUser(t.database, { roles: ['unit'], unitId: myUnit.id });
  const u2 = await createUser(t.database, { roles: ['unit'], unitId: otherUnit.id });
  const v = await createUser(t.database, { roles: ['viewer'] });
  const l = await createUser(t.database, { roles: ['leader'], leaderId: leader.id });
  const o2 = await createUser(t.database, { roles: ['office'], regionCode: '411102' });
  office = await login(t.app, 'office');
  unitUser = await login(t.app, u.username, FACTORY_PASSWORD);
  otherUnitUser = await login(t.app, u2.username, FACTORY_PASSWORD);
  viewer = await login(t.app, v.username, FACTORY_PASSWORD);
  leaderUser = await login(t.app, l.username, FACTORY_PASSWORD);
  otherRegionOffice = await login(t.app, o2.username, FACTORY_PASSWORD);
});
afterAll(async () => t?.close());

describe('ledger items', () => {
  it('creates an item with the next 序号, the project’s stage focus, and an audit row', async () => {
    const audits = await countRows(t.database, 'audit_log');
    const res = await office.post(`/api/v1/projects/${shared.id}/ledger-items`, item());
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      seq: 1,
      focus: 'landing',
      status: 'not_started',
      version: 1,
      unitName: myUnit.name,
      overdue: false,
    });
    const b = (await office.post(`/api/v1/projects/${shared.id}/ledger-items`, item({ content: '办理规划许可' }))).json();
    expect(b.seq).toBe(2);
    const c = (await office.post(`/api/v1/projects/${foreign.id}/ledger-items`, item({ unitId: otherUnit.id }))).json();
    expect(c.focus).toBe('completion');
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 3);
    const { rows } = await t.database.raw(`select action, entity, entity_id from audit_log order by id desc limit 1`);
    expect(rows[0]).toMatchObject({ action: 'create', entity: 'ledger_item', entity_id: String(c.id) });
  });

  it('refuses a stale version with 409 and the current item, changing nothing', async () => {
    const a = (await office.post(`/api/v1/projects/${shared.id}/ledger-items`, item())).json();
    const ok = await office.patch(`/api/v1/ledger-items/${a.id}`, { version: 1, status: 'in_progress' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'in_progress', version: 2 });
    const audits = await countRows(t.database, 'audit_log');
    const stale = await office.patch(`/api/v1/ledger-items/${a.id}`, { version: 1, status: 'blocked' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(stale.json().error.details.current).toMatchObject({ id: a.id, status: 'in_progress', version: 2 });
    expect(await countRows(t.database, 'audit_log')).toBe(audits);
    expect((await office.delete(`/api/v1/ledger-items/${a.id}?version=1`)).statusCode).toBe(409);
    expect((await office.delete(`/api/v1/ledger-items/${a.id}?version=2`)).statusCode).toBe(200);
    expect((await office.patch(`/api/v1/ledger-items/${a.id}`, { version: 2, status: 'done' })).statusCode).toBe(404);
  });

  it('needs a completion date, not in the future, to mark an item done and clears it otherwise', async () => {
    const a = (await office.post(`/api/v1/projects/${shared.id}/ledger-items`, item())).json();
    const missing = await office.patch(`/api/v1/ledger-items/${a.id}`, { version: 1, status: 'done' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].field).toBe('completedOn');
    const future = await office.patch(`/api/v1/ledger-items/${a.id}`, { version: 1, status: 'done', completedOn: '2026-07-17' });
    expect(future.statusCode).toBe(400);
    const done = await office.patch(`/api/v1/ledger-items/${a.id}`, { version: 1, status: 'done', completedOn: '2026-07-16' });
    expect(done.json()).toMatchObject({ status: 'done', completedOn: '2026-07-16' });
    const reopened = await office.patch(`/api/v1/ledger-items/${a.id}`, { version: 2, status: 'in_progress' });
    expect(reopened.json()).toMatchObject({ status: 'in_progress', completedOn: null });
  });

  it('refuses unknown fields and a missing unit', async () => {
    expect((await office.post(`/api/v1/projects/${shared.id}/ledger-items`, item({ hack: 1 }))).statusCode).toBe(400);
    const bad = await office.post(`/api/v1/projects/${shared.id}/ledger-items`, item({ unitId: 999_999 }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('REFERENCE_INVALID');
  });
});

describe('ledger authorization', () => {
  it('lets a unit user edit only its own unit’s items (403 otherwise) and writes nothing when refused', async () => {
    const mine = (await office.post(`/api/v1/projects/${shared.id}/ledger-items`, item())).json();
    const theirs = (await office.post(`/api/v1/projects/${shared.id}/ledger-items`, item({ unitId: otherUnit.id }))).json();
    const ok = await unitUser.patch(`/api/v1/ledger-items/${mine.id}`, { version: 1, status: 'done', completedOn: '2026-07-15' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().permissions).toMatchObject({ edit: true, upload: true });
    const audits = await countRows(t.database, 'audit_log');
    const refused = await unitUser.patch(`/api/v1/ledger-items/${theirs.id}`, {
      version: 1,
      status: 'done',
      completedOn: '2026-07-15',
    });
    expect(refused.statusCode).toBe(403);
    // nor hand its own item to another unit, nor create one for another unit
    expect((await unitUser.patch(`/api/v1/ledger-items/${mine.id}`, { version: 2, unitId: otherUnit.id })).statusCode).toBe(403);
    expect((await unitUser.post(`/api/v1/projects/${shared.id}/ledger-items`, item({ unitId: otherUnit.id }))).statusCode).toBe(
      403,
    );
    expect(await countRows(t.database, 'audit_log')).toBe(audits);
    expect(
      (await otherUnitUser.patch(`/api/v1/ledger-items/${theirs.id}`, { version: 1, status: 'in_progress' })).statusCode,
    ).toBe(200);
    const seen = (await unitUser.get(`/api/v1/projects/${shared.id}/ledger-items?pageSize=200`)).json();
    const theirsSeen = seen.items.find((i: { id: number }) => i.id === theirs.id);
    expect(theirsSeen.permissions.edit).toBe(false);
  });

  it('refuses a unit user on a project its unit does not work on (404: outside its read scope)', async () => {
    const a = (await office.post(`/api/v1/projects/${foreign.id}/ledger-items`, item({ unitId: myUnit.id }))).json();
    expect((await unitUser.post(`/api/v1/projects/${foreign.id}/ledger-items`, item())).statusCode).toBe(404);
    expect((await unitUser.patch(`/api/v1/ledger-items/${a.id}`, { version: 1, status: 'in_progress' })).statusCode).toBe(404);
  });

  it('lets a unit user delete only items it created', async () => {
    const byOffice = (await office.post(`/api/v1/projects/${shared.id}/ledger-items`, item())).json();
    const byUnit = (await unitUser.post(`/api/v1/projects/${shared.id}/ledger-items`, item())).json();
    expect((await unitUser.delete(`/api/v1/ledger-items/${byOffice.id}?version=1`)).statusCode).toBe(403);
    expect((await unitUser.delete(`/api/v1/ledger-items/${byUnit.id}?version=1`)).statusCode).toBe(200);
  });

  it('keeps viewers, leaders and supervisors read-only', async () => {
    const a = (await office.post(`/api/v1/projects/${shared.id}/ledger-items`, item())).json();
    for (const c of [viewer, leaderUser]) {
      expect((await c.get(`/api/v1/projects/${shared.id}/ledger-items`)).statusCode).toBe(200);
      expect((await c.post(`/api/v1/projects/${shared.id}/ledger-items`, item())).statusCode).toBe(403);
      expect((await c.patch(`/api/v1/ledger-items/${a.id}`, { version: 1, status: 'in_progress' })).statusCode).toBe(403);
      expect((await c.delete(`/api/v1/ledger-items/${a.id}?version=1`)).statusCode).toBe(403);
    }
  });

  it('hides another region’s ledger with 404', async () => {
    const a = (await otherRegionOffice.post(`/api/v1/projects/${elsewhere.id}/ledger-items`, item())).json();
    expect(a.id).toBeGreaterThan(0);
    expect((await office.get(`/api/v1/projects/${elsewhere.id}/ledger-items`)).statusCode).toBe(404);
    expect((await office.post(`/api/v1/projects/${elsewhere.id}/ledger-items`, item())).statusCode).toBe(404);
    expect((await unitUser.patch(`/api/v1/ledger-items/${a.id}`, { version: 1, status: 'in_progress' })).statusCode).toBe(404);
    expect((await office.delete(`/api/v1/ledger-items/${a.id}?version=1`)).statusCode).toBe(404);
    expect((await office.get(`/api/v1/ledger-items/${a.id}`)).statusCode).toBe(404);
    expect((await otherRegionOffice.get(`/api/v1/ledger-items/${a.id}`)).json()).toMatchObject({
      id: a.id,
      projectId: elsewhere.id,
    });
    const all = (await office.get('/api/v1/ledger-items?pageSize=200')).json();
    expect(all.items.some((i: { id: number }) => i.id === a.id)).toBe(false);
  });
});

describe('ledger views', () => {
  let p: { id: number };
  beforeAll(async () => {
    p = await createProject(t.database, { code: 'LT-VIEWS', leadUnitId: myUnit.id, leaderId: leader.id, stage: 'started' });
    const me = unitUser.user.id;
    await office.post(`/api/v1/projects/${p.id}/ledger-items`, item({ deadline: '2026-07-01', content: '逾期事项' }));
    await office.post(
      `/api/v1/projects/${p.id}/ledger-items`,
      item({ deadline: '2026-08-01', ownerUserId: me, ownerName: null }),
    );
    await office.post(
      `/api/v1/projects/${p.id}/ledger-items`,
      item({ deadline: '2026-06-01', status: 'done', completedOn: '2026-05-30', unitId: otherUnit.id }),
    );
  });

  it('filters a project’s ledger by status, unit and overdue', async () => {
    const all = (await office.get(`/api/v1/projects/${p.id}/ledger-items`)).json();
    expect(all.total).toBe(3);
    const overdue = (await office.get(`/api/v1/projects/${p.id}/ledger-items?overdue=true`)).json();
    expect(overdue.items.map((i: { content: string }) => i.content)).toEqual(['逾期事项']);
    expect(overdue.items[0].overdue).toBe(true);
    expect((await office.get(`/api/v1/projects/${p.id}/ledger-items?status=done`)).json().total).toBe(1);
    expect((await office.get(`/api/v1/projects/${p.id}/ledger-items?unitId=${otherUnit.id}`)).json().total).toBe(1);
    const paged = (await office.get(`/api/v1/projects/${p.id}/ledger-items?pageSize=1&page=2`)).json();
    expect(paged).toMatchObject({ total: 3, items: [{ seq: 2 }] });
  });

  it('answers the cross-project views: a unit’s, a leader’s, my own', async () => {
    const byUnit = (await unitUser.get(`/api/v1/ledger-items?unitId=${otherUnit.id}&pageSize=200`)).json();
    expect(byUnit.items.every((i: { unitId: number }) => i.unitId === otherUnit.id)).toBe(true);
    expect(byUnit.items.some((i: { projectId: number }) => i.projectId === shared.id)).toBe(true);
    const byLeader = (await leaderUser.get(`/api/v1/ledger-items?leaderId=${leader.id}&pageSize=200`)).json();
    expect(new Set(byLeader.items.map((i: { projectId: number }) => i.projectId))).toEqual(new Set([shared.id, p.id]));
    const mine = (await unitUser.get('/api/v1/ledger-items?owner=me')).json();
    expect(mine.total).toBe(1);
    expect(mine.items[0]).toMatchObject({ ownerUserId: unitUser.user.id, ownerName: expect.any(String) });
    const overdue = (await office.get(`/api/v1/ledger-items?overdue=true&leaderId=${leader.id}&sort=deadline`)).json();
    expect(overdue.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
  });

  it('sorts by deadline with the open items first (overdue leading) and the done ones last', async () => {
    const all = (await office.get('/api/v1/ledger-items?sort=deadline&pageSize=200')).json() as {
      items: { status: string; deadline: string | null; overdue: boolean }[];
    };
    const done = all.items.map((i) => i.status === 'done');
    expect(done).toEqual([...done].sort((a, b) => Number(a) - Number(b)));
    const open = all.items.filter((i) => i.status !== 'done');
    const deadlines = open.map((i) => i.deadline ?? '9999-12-31');
    expect(deadlines).toEqual([...deadlines].sort());
    const overdue = open.map((i) => i.overdue);
    expect(overdue).toEqual([...overdue].sort((a, b) => Number(b) - Number(a)));
  });
});

describe('ledger export', () => {
  it('exports a project’s ledger in the office layout', async () => {
    const res = await office.get(`/api/v1/projects/${shared.id}/ledger.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    // the template's columns, then the open problems 存在问题 of each item
    expect(header).toEqual([...LEDGER_HEADERS, '存在问题']);
    expect(ws.getCell(3, 1).isMerged).toBe(true);
    expect(String(ws.getCell(3, 1).value)).toContain('LT-SHARED');
    const api = (await office.get(`/api/v1/projects/${shared.id}/ledger-items?pageSize=200`)).json();
    const rows = [];
    for (let r = 4; r <= ws.rowCount; r++) rows.push(ws.getRow(r));
    expect(rows).toHaveLength(api.total);
    const first = rows[0]!;
    expect(first.getCell(1).value).toBe(api.items[0].seq);
    expect(first.getCell(5).value).toBe(api.items[0].content);
    expect((first.getCell(7).value as Date).toISOString().slice(0, 10)).toBe(api.items[0].deadline);
    const labels = new Set(rows.map((r) => r.getCell(9).value));
    for (const l of labels) expect(['未开始', '推进中', '已完成', '受阻']).toContain(l);
  });

  it('exports the portfolio with the cross-project filters, a header row per project', async () => {
    const res = await office.get(`/api/v1/ledger.xlsx?leaderId=${leader.id}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const groups: string[] = [];
    let items = 0;
    for (let r = 3; r <= ws.rowCount; r++) {
      if (ws.getCell(r, 1).isMerged) groups.push(String(ws.getCell(r, 1).value));
      else items++;
    }
    expect(groups).toHaveLength(2);
    const api = (await office.get(`/api/v1/ledger-items?leaderId=${leader.id}&pageSize=1`)).json();
    expect(items).toBe(api.total);
  });

  it('hides another region’s project export with 404', async () => {
    expect((await office.get(`/api/v1/projects/${elsewhere.id}/ledger.xlsx`)).statusCode).toBe(404);
  });
});
