import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, countRows, login, type Client, type TestApp } from './helpers.js';
import { FACTORY_PASSWORD, createEnterprise, createProject, createUnit, createUser, ensureRegion } from './factories.js';
import { multipart } from './xlsx.js';

let t: TestApp;
let office: Client;
let unitUser: Client;
let supervisor: Client;
let enterpriseUser: Client;
let otherRegionOffice: Client;
let ownProject: number;
let coopProject: number;
let otherProject: number;
let enterpriseProject: number;
let farProject: number;

beforeAll(async () => {
  t = await createTestApp();
  const myUnit = await createUnit(t.database);
  const otherUnit = await createUnit(t.database);
  const ent = await createEnterprise(t.database);
  await ensureRegion(t.database, '411102');
  ownProject = (await createProject(t.database, { leadUnitId: myUnit.id })).id;
  coopProject = (await createProject(t.database, { leadUnitId: otherUnit.id, cooperatingUnitIds: [myUnit.id] })).id;
  otherProject = (await createProject(t.database, { leadUnitId: otherUnit.id })).id;
  enterpriseProject = (await createProject(t.database, { leadUnitId: otherUnit.id, enterpriseId: ent.id })).id;
  farProject = (await createProject(t.database, { regionCode: '411102' })).id;
  office = await login(t.app, 'office');
  const u = await createUser(t.database, { roles: ['unit'], unitId: myUnit.id });
  const s = await createUser(t.database, { roles: ['supervisor'] });
  const e = await createUser(t.database, { roles: ['enterprise'], enterpriseId: ent.id });
  const o2 = await createUser(t.database, { roles: ['office'], regionCode: '411102' });
  unitUser = await login(t.app, u.username, FACTORY_PASSWORD);
  supervisor = await login(t.app, s.username, FACTORY_PASSWORD);
  enterpriseUser = await login(t.app, e.username, FACTORY_PASSWORD);
  otherRegionOffice = await login(t.app, o2.username, FACTORY_PASSWORD);
});
afterAll(async () => t?.close());

const draft = async (c: Client, projectId: number, month: number, amount = 1_000_000, extra: Record<string, unknown> = {}) =>
  c.post('/api/v1/investment-reports', { projectId, year: 2026, month, amount, progressNote: '主体施工', ...extra });

describe('annual plans', () => {
  it('creates a plan without a version, updates it with one, refuses a stale one, and audits each change', async () => {
    const audits = await countRows(t.database, 'audit_log');
    const created = await office.put(`/api/v1/projects/${ownProject}/plans/2026`, { plannedAmount: 300_000_000 });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ year: 2026, plannedAmount: 300_000_000, version: 1 });
    const again = await office.put(`/api/v1/projects/${ownProject}/plans/2026`, { plannedAmount: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.current).toMatchObject({ plannedAmount: 300_000_000 });
    const updated = await office.put(`/api/v1/projects/${ownProject}/plans/2026`, { plannedAmount: 320_000_000, version: 1 });
    expect(updated.json()).toMatchObject({ plannedAmount: 320_000_000, version: 2 });
    expect((await office.put(`/api/v1/projects/${ownProject}/plans/2026`, { plannedAmount: 5, version: 1 })).statusCode).toBe(
      409,
    );
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 2);
    const list = (await unitUser.get(`/api/v1/projects/${ownProject}/plans`)).json();
    expect(list).toEqual([expect.objectContaining({ year: 2026, plannedAmount: 320_000_000 })]);
  });

  it('lets only office/admin set plans (403), hides other regions (404), refuses float money (400)', async () => {
    expect((await unitUser.put(`/api/v1/projects/${ownProject}/plans/2027`, { plannedAmount: 1 })).statusCode).toBe(403);
    expect((await supervisor.put(`/api/v1/projects/${ownProject}/plans/2027`, { plannedAmount: 1 })).statusCode).toBe(403);
    expect((await office.put(`/api/v1/projects/${farProject}/plans/2027`, { plannedAmount: 1 })).statusCode).toBe(404);
    expect((await office.get(`/api/v1/projects/${farProject}/plans`)).statusCode).toBe(404);
    expect((await office.put(`/api/v1/projects/${ownProject}/plans/2027`, { plannedAmount: 1.5 })).statusCode).toBe(400);
    expect((await office.put(`/api/v1/projects/${ownProject}/plans/2027`, { plannedAmount: 1, extra: 1 })).statusCode).toBe(400);
  });
});

describe('monthly investment reports', () => {
  it('takes a unit’s report for a project it leads or cooperates on, and refuses another unit’s project (404: outside its read scope)', async () => {
    const own = await draft(unitUser, ownProject, 1);
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({
      status: 'draft',
      version: 1,
      amount: 1_000_000,
      permissions: { edit: true, review: false },
    });
    expect((await draft(unitUser, coopProject, 1)).statusCode).toBe(201);
    const before = await countRows(t.database, 'investment_reports');
    expect((await draft(unitUser, otherProject, 1)).statusCode).toBe(404);
    expect(await countRows(t.database, 'investment_reports')).toBe(before);
  });

  it('lets an enterprise report only for its own project', async () => {
    expect((await draft(enterpriseUser, enterpriseProject, 2)).statusCode).toBe(201);
    expect((await draft(enterpriseUser, ownProject, 2)).statusCode).toBe(404);
  });

  it('answers 404 for another region’s project and report', async () => {
    expect((await draft(office, farProject, 1)).statusCode).toBe(404);
    const mine = (await draft(office, ownProject, 3)).json();
    expect((await otherRegionOffice.get(`/api/v1/investment-reports/${mine.id}`)).statusCode).toBe(404);
    expect((await otherRegionOffice.post(`/api/v1/investment-reports/${mine.id}/approve`, { version: 1 })).statusCode).toBe(404);
    const list = (await otherRegionOffice.get('/api/v1/investment-reports?pageSize=200')).json();
    expect(list.items.some((r: { id: number }) => r.id === mine.id)).toBe(false);
  });

  it('refuses edits and submission by users who may not report for the project (403, 404 outside the read scope), writing nothing', async () => {
    const r = (await draft(office, otherProject, 2)).json();
    const audits = await countRows(t.database, 'audit_log');
    expect((await unitUser.patch(`/api/v1/investment-reports/${r.id}`, { version: 1, amount: 5 })).statusCode).toBe(404);
    expect((await supervisor.post(`/api/v1/investment-reports/${r.id}/submit`, { version: 1 })).statusCode).toBe(403);
    expect((await unitUser.post(`/api/v1/investment-reports/${r.id}/submit`, { version: 1 })).statusCode).toBe(404);
    expect((await otherRegionOffice.get(`/api/v1/projects/${otherProject}/investment`)).statusCode).toBe(404);
    expect(await countRows(t.database, 'audit_log')).toBe(audits);
    expect((await office.get(`/api/v1/investment-reports/${r.id}`)).json()).toMatchObject({ amount: 1_000_000, status: 'draft' });
  });

  it('refuses a future month (400) and a second report in progress for the same month (409)', async () => {
    const future = await draft(office, ownProject, 8);
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details[0].field).toBe('month');
    const dup = await draft(office, ownProject, 1);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE');
    expect(dup.json().error.message).toContain('未审核');
  });

  it('runs draft → submitted → returned → submitted → approved, audited at each step, only office approving', async () => {
    const r = (await draft(unitUser, ownProject, 4, 2_000_000)).json();
    const audits = await countRows(t.database, 'audit_log');
    const patched = await unitUser.patch(`/api/v1/investment-reports/${r.id}`, { version: 1, amount: 2_500_000 });
    expect(patched.json()).toMatchObject({ amount: 2_500_000, version: 2 });
    expect((await unitUser.patch(`/api/v1/investment-reports/${r.id}`, { version: 1, amount: 1 })).statusCode).toBe(409);
    const submitted = (await unitUser.post(`/api/v1/investment-reports/${r.id}/submit`, { version: 2 })).json();
    expect(submitted).toMatchObject({ status: 'submitted', version: 3 });
    expect((await unitUser.patch(`/api/v1/investment-reports/${r.id}`, { version: 3, amount: 1 })).statusCode).toBe(409);
    expect((await unitUser.post(`/api/v1/investment-reports/${r.id}/approve`, { version: 3 })).statusCode).toBe(403);
    expect((await supervisor.post(`/api/v1/investment-reports/${r.id}/approve`, { version: 3 })).statusCode).toBe(403);
    expect((await supervisor.post(`/api/v1/investment-reports/${r.id}/return`, { version: 3, reason: 'x' })).statusCode).toBe(
      403,
    );
    const queue = (await office.get(`/api/v1/investment-reports?status=submitted&projectId=${ownProject}`)).json();
    expect(queue.items.map((x: { id: number }) => x.id)).toContain(r.id);
    expect((await office.post(`/api/v1/investment-reports/${r.id}/return`, { version: 3, reason: '' })).statusCode).toBe(400);
    const returned = (
      await office.post(`/api/v1/investment-reports/${r.id}/return`, { version: 3, reason: '请附进度说明' })
    ).json();
    expect(returned).toMatchObject({ status: 'returned', returnReason: '请附进度说明' });
    await unitUser.patch(`/api/v1/investment-reports/${r.id}`, { version: 4, progressNote: '已补充' });
    await unitUser.post(`/api/v1/investment-reports/${r.id}/submit`, { version: 5 });
    const approved = await office.post(`/api/v1/investment-reports/${r.id}/approve`, { version: 6 });
    expect(approved.json()).toMatchObject({ status: 'approved', version: 7, permissions: { edit: false } });
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 6);
    const { rows } = await t.database.raw(
      `select action from audit_log where entity = 'investment_report' and entity_id = $1 order by id`,
      [String(r.id)],
    );
    expect(rows.map((x) => x.action)).toEqual(['create', 'update', 'submit', 'return', 'update', 'submit', 'approve']);
    // approved is final
    expect((await unitUser.patch(`/api/v1/investment-reports/${r.id}`, { version: 7, amount: 1 })).statusCode).toBe(409);
    expect((await office.delete(`/api/v1/investment-reports/${r.id}?version=7`)).statusCode).toBe(409);
    // a new report for an approved month is refused: corrections only
    const again = await draft(unitUser, ownProject, 4);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('更正');
  });

  it('a correction, once approved, supersedes the report it corrects in the same transaction', async () => {
    const first = (await draft(office, coopProject, 5, 7_000_000)).json();
    await office.post(`/api/v1/investment-reports/${first.id}/submit`, { version: 1 });
    await office.post(`/api/v1/investment-reports/${first.id}/approve`, { version: 2 });
    expect((await draft(office, coopProject, 5, 1, { correctsId: ownProject })).statusCode).toBe(400);
    const fix = (await draft(unitUser, coopProject, 5, 6_500_000, { correctsId: first.id })).json();
    expect(fix).toMatchObject({ status: 'draft', correctsId: first.id });
    await unitUser.post(`/api/v1/investment-reports/${fix.id}/submit`, { version: 1 });
    const approved = await office.post(`/api/v1/investment-reports/${fix.id}/approve`, { version: 2 });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await office.get(`/api/v1/investment-reports/${first.id}`)).json()).toMatchObject({
      status: 'superseded',
      supersededById: fix.id,
    });
    const series = (await office.get(`/api/v1/projects/${coopProject}/investment?year=2026`)).json();
    expect(series.months[4]).toMatchObject({ month: 5, amount: 6_500_000 });
    const { rows } = await t.database.raw(
      `select count(*)::int as n from investment_reports where project_id = $1 and month = 5 and status = 'approved'`,
      [coopProject],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('deletes a draft (audited) but not someone else’s project’s draft', async () => {
    const r = (await draft(office, otherProject, 6)).json();
    expect((await unitUser.delete(`/api/v1/investment-reports/${r.id}?version=1`)).statusCode).toBe(404);
    expect((await office.delete(`/api/v1/investment-reports/${r.id}?version=2`)).statusCode).toBe(409);
    const audits = await countRows(t.database, 'audit_log');
    expect((await office.delete(`/api/v1/investment-reports/${r.id}?version=1`)).statusCode).toBe(200);
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
    expect((await office.get(`/api/v1/investment-reports/${r.id}`)).statusCode).toBe(404);
  });

  it('gives a project’s plan vs cumulative approved actuals by month', async () => {
    const p = (await createProject(t.database, {})).id;
    await office.put(`/api/v1/projects/${p}/plans/2026`, { plannedAmount: 40_000_000 });
    for (const [month, amount] of [
      [1, 3_000_000],
      [3, 7_000_000],
    ] as const) {
      const r = (await draft(office, p, month, amount)).json();
      await office.post(`/api/v1/investment-reports/${r.id}/submit`, { version: 1 });
      await office.post(`/api/v1/investment-reports/${r.id}/approve`, { version: 2 });
    }
    await draft(office, p, 4, 99_000_000);
    const s = (await office.get(`/api/v1/projects/${p}/investment`)).json();
    expect(s).toMatchObject({
      year: 2026,
      asOf: '2026-07-16',
      plannedAmount: 40_000_000,
      yearToDate: 10_000_000,
      completionRate: 0.25,
    });
    expect(s.months.slice(0, 4)).toEqual([
      { month: 1, amount: 3_000_000, cumulative: 3_000_000, pendingStatus: null },
      { month: 2, amount: 0, cumulative: 3_000_000, pendingStatus: null },
      { month: 3, amount: 7_000_000, cumulative: 10_000_000, pendingStatus: null },
      { month: 4, amount: 0, cumulative: 10_000_000, pendingStatus: 'draft' },
    ]);
  });

  it('filters the report list by status, project, year, month and unit, with paging', async () => {
    const res = (await office.get(`/api/v1/investment-reports?projectId=${ownProject}&year=2026&month=1&pageSize=1`)).json();
    expect(res.total).toBe(1);
    expect(res.items[0]).toMatchObject({ projectId: ownProject, month: 1 });
    const byUnit = (await office.get(`/api/v1/investment-reports?unitId=${unitUser.user.unitId}&pageSize=200`)).json();
    expect(new Set(byUnit.items.map((r: { projectId: number }) => r.projectId))).toEqual(new Set([ownProject, coopProject]));
    expect((await office.get('/api/v1/investment-reports?status=bogus')).statusCode).toBe(400);
  });
});

describe('site photo counts', () => {
  const PNG = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  );
  const upload = (id: number, name: string) =>
    office.request({ method: 'POST', url: `/api/v1/investment-reports/${id}/attachments`, ...multipart(name, PNG, 'image/png') });

  it('gives each report in the list and the detail the number of its photos', async () => {
    const p = (await createProject(t.database)).id;
    const withPhotos = (await draft(office, p, 1)).json();
    const without = (await draft(office, p, 2)).json();
    expect(withPhotos.attachmentCount).toBe(0);
    expect((await upload(withPhotos.id, '现场1.png')).statusCode).toBe(201);
    expect((await upload(withPhotos.id, '现场2.png')).statusCode).toBe(201);
    // a file of another kind of record with the same id is not this report's photo
    await t.database.raw(
      `insert into attachments (entity, entity_id, filename, mime, size, storage_key, sha256)
       values ('ledger_item', $1, 'x.pdf', 'application/pdf', 1, 'none', 'none')`,
      [without.id],
    );

    expect((await office.get(`/api/v1/investment-reports/${withPhotos.id}`)).json().attachmentCount).toBe(2);
    const list = (await office.get(`/api/v1/investment-reports?projectId=${p}`)).json();
    const countOf = new Map(list.items.map((r: { id: number; attachmentCount: number }) => [r.id, r.attachmentCount]));
    expect(countOf).toEqual(
      new Map([
        [withPhotos.id, 2],
        [without.id, 0],
      ]),
    );
    const submitted = await office.post(`/api/v1/investment-reports/${withPhotos.id}/submit`, { version: withPhotos.version });
    expect(submitted.json().attachmentCount).toBe(2);
  });
});
