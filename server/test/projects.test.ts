import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, countRows, type Client, type TestApp } from './helpers.js';
import { createLeader, createProject, createUnit, ensureRegion, loginCast } from './factories.js';

let t: TestApp;
let office: Client;
let unitUser: Client;
let viewer: Client;
let otherRegionOffice: Client;
let myUnit: { id: number };
let otherUnit: { id: number };
let leader: { id: number };

const body = (o: Record<string, unknown> = {}) => ({
  code: `ZL-T-${Math.random().toString(36).slice(2, 8)}`,
  name: '测试智能装备产业园',
  level: 'municipal',
  category: 'industry',
  regionCode: '411104',
  totalInvestment: 1_200_000_000,
  firstPhaseInvestment: 500_000_000,
  plannedStartDate: '2026-03-01',
  plannedCompletionDate: '2027-06-30',
  leaderId: leader.id,
  leadUnitId: myUnit.id,
  cooperatingUnitIds: [otherUnit.id],
  taskForce: [
    { name: '张三', post: 'head' },
    { name: '李四', post: 'liaison', phone: '13800000000' },
  ],
  ...o,
});

beforeAll(async () => {
  t = await createTestApp();
  myUnit = await createUnit(t.database, { name: '测试工信局' });
  otherUnit = await createUnit(t.database, { name: '测试住建局' });
  leader = await createLeader(t.database);
  ({ office, unitUser, viewer, otherRegionOffice } = await loginCast(t, { unitId: myUnit.id }));
});
afterAll(async () => t?.close());

describe('project library', () => {
  it('creates a project with its four-ones assignment and audits it', async () => {
    const audits = await countRows(t.database, 'audit_log');
    const res = await office.post('/api/v1/projects', body({ code: 'ZL-T-CREATE' }));
    expect(res.statusCode).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      code: 'ZL-T-CREATE',
      stage: 'planned',
      version: 1,
      leadUnitId: myUnit.id,
      cooperatingUnitIds: [otherUnit.id],
    });
    expect(p.taskForce.map((m: { post: string }) => m.post)).toEqual(['head', 'liaison']);
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
    const { rows } = await t.database.raw(`select action, entity, entity_id from audit_log order by id desc limit 1`);
    expect(rows[0]).toMatchObject({ action: 'create', entity: 'project', entity_id: String(p.id) });
  });

  it('lists with filters, search, sort and paging', async () => {
    await office.post('/api/v1/projects', body({ code: 'ZL-T-FILTER-A', name: '筛选甲项目', level: 'provincial' }));
    await office.post(
      '/api/v1/projects',
      body({ code: 'ZL-T-FILTER-B', name: '筛选乙项目', level: 'district', leadUnitId: otherUnit.id, cooperatingUnitIds: [] }),
    );
    const byQ = (await office.get('/api/v1/projects?q=' + encodeURIComponent('筛选'))).json();
    expect(byQ.total).toBe(2);
    const byLevel = (await office.get('/api/v1/projects?q=' + encodeURIComponent('筛选') + '&level=provincial')).json();
    expect(byLevel.items.map((p: { code: string }) => p.code)).toEqual(['ZL-T-FILTER-A']);
    const byUnit = (await office.get(`/api/v1/projects?unitId=${myUnit.id}&q=${encodeURIComponent('筛选')}`)).json();
    expect(byUnit.items.map((p: { code: string }) => p.code)).toEqual(['ZL-T-FILTER-A']);
    const coop = (await office.get(`/api/v1/projects?unitId=${otherUnit.id}&q=${encodeURIComponent('筛选')}`)).json();
    expect(coop.total).toBe(2); // lead of B, cooperating on A
    const desc = (
      await office.get(`/api/v1/projects?q=${encodeURIComponent('筛选')}&sort=code&order=desc&pageSize=1&page=1`)
    ).json();
    expect(desc).toMatchObject({ total: 2, items: [{ code: 'ZL-T-FILTER-B' }] });
  });

  it('escapes LIKE wildcards in the search', async () => {
    const res = (await office.get('/api/v1/projects?q=%25')).json();
    expect(res.total).toBe(0);
  });

  it('refuses a stale PATCH with 409, the current record, and changes nothing', async () => {
    const p = (await office.post('/api/v1/projects', body())).json();
    const ok = await office.patch(`/api/v1/projects/${p.id}`, { version: 1, name: '改名后' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: '改名后', version: 2 });
    const audits = await countRows(t.database, 'audit_log');
    const stale = await office.patch(`/api/v1/projects/${p.id}`, { version: 1, name: '过期的修改' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(stale.json().error.details.current).toMatchObject({ name: '改名后', version: 2 });
    const now = (await office.get(`/api/v1/projects/${p.id}`)).json();
    expect(now).toMatchObject({ name: '改名后', version: 2 });
    expect(await countRows(t.database, 'audit_log')).toBe(audits);
  });

  it('deletes with the current version only', async () => {
    const p = (await office.post('/api/v1/projects', body())).json();
    expect((await office.delete(`/api/v1/projects/${p.id}?version=9`)).statusCode).toBe(409);
    expect((await office.delete(`/api/v1/projects/${p.id}?version=1`)).statusCode).toBe(200);
    expect((await office.get(`/api/v1/projects/${p.id}`)).statusCode).toBe(404);
  });
});

describe('authorization', () => {
  it('lets a unit user edit its own unit’s project but not its level', async () => {
    const p = (await office.post('/api/v1/projects', body())).json();
    const res = await unitUser.patch(`/api/v1/projects/${p.id}`, { version: 1, location: '召陵区东城街道 107 国道东侧' });
    expect(res.statusCode).toBe(200);
    expect(res.json().permissions.edit).toBe(true);
    const level = await unitUser.patch(`/api/v1/projects/${p.id}`, { version: 2, level: 'provincial' });
    expect(level.statusCode).toBe(403);
  });

  it('refuses a unit user on another unit’s project with 404 (outside its read scope, ADR 0009) and writes nothing', async () => {
    const p = await createProject(t.database, { leadUnitId: otherUnit.id });
    const audits = await countRows(t.database, 'audit_log');
    const res = await unitUser.patch(`/api/v1/projects/${p.id}`, { version: 1, name: '越权修改' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    expect((await unitUser.get(`/api/v1/projects/${p.id}`)).statusCode).toBe(404);
    expect(await countRows(t.database, 'audit_log')).toBe(audits);
  });

  it('hides another region’s project with 404', async () => {
    await ensureRegion(t.database, '411102');
    const p = await createProject(t.database, { regionCode: '411102' });
    expect((await unitUser.get(`/api/v1/projects/${p.id}`)).statusCode).toBe(404);
    expect((await office.patch(`/api/v1/projects/${p.id}`, { version: 1, name: 'x' })).statusCode).toBe(404);
    expect((await otherRegionOffice.get(`/api/v1/projects/${p.id}`)).statusCode).toBe(200);
    const list = (await otherRegionOffice.get('/api/v1/projects?pageSize=200')).json();
    expect(list.items.every((x: { regionCode: string }) => x.regionCode.startsWith('411102'))).toBe(true);
  });

  it('refuses a region filter carrying LIKE wildcards with 400 on every project list', async () => {
    // Region filters become `region_code like '<code>%'`: a % or _ must never widen the subtree.
    for (const code of ['41%25', '4111_4', '%25', '41110_'])
      for (const path of ['/api/v1/projects', '/api/v1/milestones', '/api/v1/gantt', '/api/v1/projects/export.xlsx']) {
        const res = await otherRegionOffice.get(`${path}?regionCode=${code}`);
        expect(res.statusCode, `${path}?regionCode=${code}`).toBe(400);
        expect(res.json().error.details).toContainEqual(expect.objectContaining({ field: 'querystring.regionCode' }));
      }
  });

  it('searches a literal % or _ in names and codes, not as a wildcard', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const hit = await createProject(t.database, { name: `通配符测试${tag}50%_项目` });
    await createProject(t.database, { name: `通配符测试${tag}50X项目` });
    const list = (await office.get(`/api/v1/projects?pageSize=200&q=${encodeURIComponent(`${tag}50%_`)}`)).json();
    expect(list.items.map((x: { id: number }) => x.id)).toEqual([hit.id]);
  });

  it('refuses every write of a viewer with 403', async () => {
    const p = await createProject(t.database, { leadUnitId: myUnit.id });
    expect((await viewer.post('/api/v1/projects', body())).statusCode).toBe(403);
    expect((await viewer.patch(`/api/v1/projects/${p.id}`, { version: 1, name: 'x' })).statusCode).toBe(403);
    expect((await viewer.delete(`/api/v1/projects/${p.id}?version=1`)).statusCode).toBe(403);
    expect(
      (await viewer.post(`/api/v1/projects/${p.id}/transitions`, { version: 1, toStage: 'signed', onDate: '2026-07-01' }))
        .statusCode,
    ).toBe(403);
    expect((await viewer.get(`/api/v1/projects/${p.id}`)).statusCode).toBe(200);
  });

  it('refuses a project placed outside the office’s region', async () => {
    const res = await otherRegionOffice.post('/api/v1/projects', body({ regionCode: '411104' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toContainEqual(expect.objectContaining({ field: 'regionCode' }));
  });
});

describe('lifecycle', () => {
  it('moves one stage at a time, records who and when, and fills the actual date', async () => {
    const p = (await office.post('/api/v1/projects', body())).json();
    const s1 = await office.post(`/api/v1/projects/${p.id}/transitions`, { version: 1, toStage: 'signed', onDate: '2026-02-10' });
    expect(s1.statusCode).toBe(200);
    expect(s1.json()).toMatchObject({ stage: 'signed', contractDate: '2026-02-10', version: 2 });
    const skip = await office.post(`/api/v1/projects/${p.id}/transitions`, {
      version: 2,
      toStage: 'building',
      onDate: '2026-03-10',
    });
    expect(skip.statusCode).toBe(400);
    expect(skip.json().error).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: '不能跨阶段推进，须逐级变更' });
    const s2 = (
      await office.post(`/api/v1/projects/${p.id}/transitions`, { version: 2, toStage: 'started', onDate: '2026-03-10' })
    ).json();
    expect(s2.actualStartDate).toBe('2026-03-10');
    expect(s2.transitions.map((x: { toStage: string }) => x.toStage)).toEqual(['signed', 'started']);
    expect(s2.transitions[1].byUserName).toBeTruthy();
  });

  it('refuses a date in the future or before the previous change', async () => {
    const p = (await office.post('/api/v1/projects', body())).json();
    const future = await office.post(`/api/v1/projects/${p.id}/transitions`, {
      version: 1,
      toStage: 'signed',
      onDate: '2026-12-31',
    });
    expect(future.json().error.details.refusal).toBe('date_in_future');
    await office.post(`/api/v1/projects/${p.id}/transitions`, { version: 1, toStage: 'signed', onDate: '2026-05-01' });
    const before = await office.post(`/api/v1/projects/${p.id}/transitions`, {
      version: 2,
      toStage: 'started',
      onDate: '2026-04-01',
    });
    expect(before.json().error.details.refusal).toBe('date_before_previous');
  });

  it('allows a rollback only to office/admin and only with a reason', async () => {
    const p = (await office.post('/api/v1/projects', body())).json();
    await office.post(`/api/v1/projects/${p.id}/transitions`, { version: 1, toStage: 'signed', onDate: '2026-05-01' });
    await office.post(`/api/v1/projects/${p.id}/transitions`, { version: 2, toStage: 'started', onDate: '2026-06-01' });
    const byUnit = await unitUser.post(`/api/v1/projects/${p.id}/transitions`, {
      version: 3,
      toStage: 'signed',
      onDate: '2026-06-02',
      reason: '误报',
    });
    expect(byUnit.statusCode).toBe(403);
    const noReason = await office.post(`/api/v1/projects/${p.id}/transitions`, {
      version: 3,
      toStage: 'signed',
      onDate: '2026-06-02',
    });
    expect(noReason.json().error.details.refusal).toBe('rollback_needs_reason');
    const ok = await office.post(`/api/v1/projects/${p.id}/transitions`, {
      version: 3,
      toStage: 'signed',
      onDate: '2026-06-02',
      reason: '开工手续未齐，误报',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ stage: 'signed', actualStartDate: null });
    expect(ok.json().transitions.at(-1)).toMatchObject({ isRollback: true, reason: '开工手续未齐，误报' });
  });
});

describe('bad input', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['wrong type', { totalInvestment: '十亿' }, 'totalInvestment'],
    ['negative money', { totalInvestment: -1 }, 'totalInvestment'],
    ['fractional money', { totalInvestment: 1.5 }, 'totalInvestment'],
    ['invalid date', { plannedStartDate: '2026-02-30' }, 'plannedStartDate'],
    ['unknown field', { isAdmin: true }, 'isAdmin'],
    ['10 MB string', { name: 'x'.repeat(10 * 1024 * 1024) }, 'name'],
    ['bad enum', { level: 'national' }, 'level'],
    ['planned dates out of order', { plannedCompletionDate: '2026-01-01' }, 'plannedCompletionDate'],
    ['first phase above total', { firstPhaseInvestment: 2_000_000_000 }, 'firstPhaseInvestment'],
    ['unknown leader', { leaderId: 999999 }, 'leaderId'],
  ];
  for (const [name, patch, field] of cases) {
    it(`refuses ${name} with 400 naming ${field}, writing nothing`, async () => {
      const before = await countRows(t.database, 'projects');
      const res = await office.post('/api/v1/projects', body(patch));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.details).toContainEqual(expect.objectContaining({ field }));
      expect(await countRows(t.database, 'projects')).toBe(before);
    });
  }

  it('stores SQL and script fragments as plain text', async () => {
    const name = "x'); drop table projects; -- <script>alert(1)</script>";
    const res = await office.post('/api/v1/projects', body({ name }));
    expect(res.statusCode).toBe(201);
    expect((await office.get(`/api/v1/projects/${res.json().id}`)).json().name).toBe(name);
  });

  it('answers validation errors in English when asked', async () => {
    const res = await office.request({
      method: 'POST',
      url: '/api/v1/projects',
      payload: body({ level: 1 }),
      headers: { 'accept-language': 'en' },
    });
    expect(res.json().error.message).toBe('The submitted data is invalid');
  });
});
