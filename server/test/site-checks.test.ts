/**
 * Site checks 实地检查: stored once per client key; a leader logs only as themselves, a task-force head
 * as themselves, units / enterprises / viewers / the office not at all; another region's checks are 404;
 * the distance to the project is measured and flagged beyond the region's setting; a refused location is
 * recorded; problems raised come out with source site_check, problems solved on the spot are resolved for
 * the checker and counted by the dashboard; a stale problem version writes nothing; photos are images only.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects, taskForceMembers, users } from '../src/db/schema/index.js';
import { countRows, createTestApp, login, type Client, type TestApp } from './helpers.js';
import {
  FACTORY_PASSWORD,
  createEnterprise,
  createLeader,
  createProject,
  createUnit,
  createUser,
  ensureRegion,
} from './factories.js';

let t: TestApp;
let office: Client;
let leader1: Client;
let leader1Id: number;
let unitUser: Client;
let enterpriseUser: Client;
let viewer: Client;
let otherLeader: Client;
let unitId: number;
/** leader1's project at 33.58 N 114.02 E. */
let project: { id: number };
/** A project of another leader, same region. */
let othersProject: { id: number };

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

function multipart(filename: string, content: Buffer, contentType: string) {
  const boundary = `----kpc${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const payload = Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const checkBody = (o: Record<string, unknown> = {}) => ({
  clientKey: randomUUID(),
  projectId: project.id,
  checkedAt: new Date(t.clock.now().getTime() - 30 * 60_000).toISOString(),
  location: { status: 'ok', lat: 33.581, lng: 114.02, accuracyM: 12 },
  findings: '主体结构施工中，现场文明施工良好',
  ...o,
});

const post = (c: Client, body: unknown, key?: string) =>
  c.request({
    method: 'POST',
    url: '/api/v1/site-checks',
    payload: body as object,
    headers: key ? { 'idempotency-key': key } : {},
  });

async function openProblem(projectId: number, description = '施工用电未接通') {
  const res = await office.post('/api/v1/problems', { projectId, category: 'utilities', description, unitId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; version: number };
}

const solvedCount = async () =>
  ((await office.get('/api/v1/dashboard/summary')).json() as { problemsSolved: { count: number } }).problemsSolved.count;

beforeAll(async () => {
  t = await createTestApp();
  office = await login(t.app, 'office');
  leader1 = await login(t.app, 'leader1');
  const [u] = await t.database.db.select().from(users).where(eq(users.username, 'leader1'));
  leader1Id = u!.leaderId!;
  unitId = (await createUnit(t.database)).id;
  const enterprise = await createEnterprise(t.database);
  const p = await createProject(t.database, { leaderId: leader1Id, leadUnitId: unitId, enterpriseId: enterprise.id });
  await t.database.db.update(projects).set({ lat: 33.58, lng: 114.02 }).where(eq(projects.id, p.id));
  project = { id: p.id };
  const other = await createLeader(t.database);
  othersProject = { id: (await createProject(t.database, { leaderId: other.id, leadUnitId: unitId })).id };
  await t.database.db.update(projects).set({ lat: 33.6, lng: 114.05 }).where(eq(projects.id, othersProject.id));
  const mk = async (o: Parameters<typeof createUser>[1]) =>
    login(t.app, (await createUser(t.database, o)).username, FACTORY_PASSWORD);
  unitUser = await mk({ roles: ['unit'], unitId });
  enterpriseUser = await mk({ roles: ['enterprise'], enterpriseId: enterprise.id });
  viewer = await mk({ roles: ['viewer'] });
  otherLeader = await mk({ roles: ['leader'], leaderId: other.id });
});
afterAll(async () => t?.close());

describe('POST /site-checks', () => {
  it('stores a check once per idempotency key: the same key twice answers the first record', async () => {
    const body = checkBody();
    const key = body.clientKey;
    const before = await countRows(t.database, 'site_checks');
    const first = await post(leader1, body, key);
    expect(first.statusCode, first.body).toBe(201);
    const again = await post(leader1, body, key);
    expect([200, 201]).toContain(again.statusCode);
    expect(again.json().id).toBe(first.json().id);
    // the same client key without the header (the replay store forgotten): still the first record
    const third = await post(leader1, body);
    expect(third.statusCode).toBe(200);
    expect(third.json().id).toBe(first.json().id);
    expect(await countRows(t.database, 'site_checks')).toBe(before + 1);
    const audits = await t.database.raw(
      `select count(*)::int as n from audit_log where entity = 'site_check' and entity_id = $1::text`,
      [String(first.json().id)],
    );
    expect(audits.rows[0]!.n).toBe(1);
  });

  it('stores one check when the same key arrives twice at once (no replay store in between)', async () => {
    const body = checkBody();
    const before = await countRows(t.database, 'site_checks');
    const res = await Promise.all([post(leader1, body), post(leader1, body), post(leader1, body)]);
    for (const r of res) expect([200, 201]).toContain(r.statusCode);
    expect(new Set(res.map((r) => r.json().id)).size).toBe(1);
    expect(await countRows(t.database, 'site_checks')).toBe(before + 1);
  });

  it('measures the distance to the project and flags it beyond the region’s setting', async () => {
    const near = (await post(leader1, checkBody())).json();
    expect(near.locationStatus).toBe('ok');
    expect(near.distanceM).toBe(111);
    expect(near.flagged).toBe(false);
    expect(near.flagDistanceM).toBe(1000);
    const far = await post(leader1, checkBody({ location: { status: 'ok', lat: 33.6, lng: 114.02, accuracyM: 30 } }));
    expect(far.statusCode, far.body).toBe(201);
    expect(far.json().distanceM).toBe(2224);
    expect(far.json().flagged).toBe(true);
    // a region that allows more: the same check is no longer flagged
    const admin = await login(t.app, 'admin');
    const set = await admin.put('/api/v1/settings', { siteCheckFlagDistanceM: 3000 });
    expect(set.statusCode, set.body).toBe(200);
    expect((await leader1.get(`/api/v1/site-checks/${far.json().id}`)).json().flagged).toBe(false);
    await admin.put('/api/v1/settings', { siteCheckFlagDistanceM: 1000 });
  });

  it('records a refused or missing location without blocking, and no distance', async () => {
    const denied = await post(leader1, checkBody({ location: { status: 'denied' } }));
    expect(denied.statusCode, denied.body).toBe(201);
    expect(denied.json()).toMatchObject({ locationStatus: 'denied', lat: null, lng: null, distanceM: null, flagged: false });
    const none = await post(leader1, checkBody({ location: { status: 'unavailable', lat: 1, lng: 2 } }));
    expect(none.json()).toMatchObject({ locationStatus: 'unavailable', lat: null, distanceM: null });
    // located needs coordinates
    const bad = await post(leader1, checkBody({ location: { status: 'ok' } }));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('经纬度');
  });

  it('lets a leader log only as themselves', async () => {
    const before = await countRows(t.database, 'site_checks');
    // another leader's project: refused
    const others = await post(leader1, checkBody({ projectId: othersProject.id }));
    expect([403, 400]).toContain(others.statusCode);
    // naming another leader: refused
    const asOther = await post(otherLeader, checkBody({ leaderId: leader1Id }));
    expect([403, 400]).toContain(asOther.statusCode);
    const asOtherOwn = await post(otherLeader, checkBody({ projectId: othersProject.id, leaderId: leader1Id }));
    expect(asOtherOwn.statusCode).toBe(403);
    expect(await countRows(t.database, 'site_checks')).toBe(before);
    // as themselves on their own project: the check is theirs
    const own = await post(otherLeader, checkBody({ projectId: othersProject.id }));
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().leaderId).not.toBe(leader1Id);
  });

  it('refuses units, enterprises, viewers and the office', async () => {
    const before = await countRows(t.database, 'site_checks');
    for (const c of [unitUser, enterpriseUser, viewer, office]) {
      const res = await post(c, checkBody());
      expect([c.user.username, res.statusCode]).toEqual([c.user.username, 403]);
    }
    expect(await countRows(t.database, 'site_checks')).toBe(before);
  });

  it('lets a task-force head log as themselves', async () => {
    const head = await createUser(t.database, { roles: ['unit'], unitId: (await createUnit(t.database)).id });
    await t.database.db
      .insert(taskForceMembers)
      .values({ projectId: project.id, name: '专班组长', post: 'head', userId: head.id });
    const c = await login(t.app, head.username, FACTORY_PASSWORD);
    const targets = (await c.get('/api/v1/site-checks/targets')).json();
    expect(targets.canCreate).toBe(true);
    expect(targets.projects.map((p: { projectId: number }) => p.projectId)).toEqual([project.id]);
    const res = await post(c, checkBody());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ leaderId: null, userId: head.id });
    expect((await c.get(`/api/v1/site-checks/${res.json().id}`)).statusCode).toBe(200);
  });

  it('raises problems with source site_check', async () => {
    const res = await post(
      leader1,
      checkBody({ problemsRaised: [{ category: 'land', description: '临时用地手续未办结', unitId }] }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const check = res.json();
    expect(check.problemsRaised).toHaveLength(1);
    const problem = (await office.get(`/api/v1/problems/${check.problemsRaised[0].id}`)).json();
    expect(problem).toMatchObject({ source: 'site_check', status: 'open', category: 'land', projectId: project.id, unitId });
  });

  it('solves a problem on the spot for the checker, and the dashboard counts it', async () => {
    const p = await openProblem(project.id);
    const before = await solvedCount();
    const res = await post(
      leader1,
      checkBody({ problemsSolved: [{ id: p.id, version: p.version, resolution: '现场协调供电公司接通' }] }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().problemsSolved.map((x: { id: number }) => x.id)).toEqual([p.id]);
    const [row] = (await t.database.raw(`select * from problems where id = $1`, [p.id])).rows;
    expect(row).toMatchObject({
      status: 'resolved',
      solved_on_site: true,
      solved_by_leader_id: leader1Id,
      solved_by_user_id: leader1.user.id,
      solved_in_site_check_id: res.json().id,
    });
    expect(await solvedCount()).toBe(before + 1);
  });

  it('refuses a stale problem version with 409 and writes nothing', async () => {
    const p = await openProblem(project.id, '规划许可待批');
    const checks = await countRows(t.database, 'site_checks');
    const problems = await countRows(t.database, 'problems');
    const res = await post(
      leader1,
      checkBody({
        problemsRaised: [{ category: 'planning', description: '不应写入' }],
        problemsSolved: [{ id: p.id, version: p.version + 1, resolution: '现场解决' }],
      }),
    );
    expect(res.statusCode).toBe(409);
    expect(await countRows(t.database, 'site_checks')).toBe(checks);
    expect(await countRows(t.database, 'problems')).toBe(problems);
    expect((await office.get(`/api/v1/problems/${p.id}`)).json().status).toBe('open');
    // a problem of another project is refused too
    const other = await openProblem(othersProject.id, '别的项目');
    const wrong = await post(leader1, checkBody({ problemsSolved: [{ id: other.id, version: 1, resolution: 'x' }] }));
    expect(wrong.statusCode).toBe(400);
    expect(await countRows(t.database, 'site_checks')).toBe(checks);
  });

  it('refuses a check time in the future', async () => {
    const res = await post(leader1, checkBody({ checkedAt: new Date(t.clock.now().getTime() + 3600_000).toISOString() }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('检查时间');
  });
});

describe('reading site checks', () => {
  let check: number;
  let foreign: number;

  beforeAll(async () => {
    check = (await post(leader1, checkBody())).json().id;
    await ensureRegion(t.database, '411102');
    const l = await createLeader(t.database, { regionCode: '411102' });
    const fp = await createProject(t.database, { regionCode: '411102', leaderId: l.id });
    const u = await createUser(t.database, { roles: ['leader'], leaderId: l.id, regionCode: '411102' });
    const c = await login(t.app, u.username, FACTORY_PASSWORD);
    const res = await post(c, { ...checkBody(), projectId: fp.id });
    expect(res.statusCode, res.body).toBe(201);
    foreign = res.json().id;
    const photo = await c.request({
      method: 'POST',
      url: `/api/v1/site-checks/${foreign}/attachments`,
      ...multipart('现场.png', PNG, 'image/png'),
    });
    expect(photo.statusCode, photo.body).toBe(201);
  });

  it('lists with filters, scoped', async () => {
    const mine = (await leader1.get(`/api/v1/site-checks?projectId=${project.id}&pageSize=100`)).json();
    expect(mine.total).toBeGreaterThan(5);
    expect(mine.items.every((i: { projectId: number }) => i.projectId === project.id)).toBe(true);
    const byLeader = (await office.get(`/api/v1/site-checks?leaderId=${leader1Id}&pageSize=200`)).json();
    expect(byLeader.items.every((i: { leaderId: number }) => i.leaderId === leader1Id)).toBe(true);
    const today = new Date(t.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const dated = (await office.get(`/api/v1/site-checks?projectId=${project.id}&from=${today}&to=${today}`)).json();
    expect(dated.total).toBe(mine.total);
    expect((await office.get(`/api/v1/site-checks?projectId=${project.id}&to=2020-01-01`)).json().total).toBe(0);
    // the unit of the project reads it; an unrelated enterprise does not
    expect((await unitUser.get(`/api/v1/site-checks/${check}`)).statusCode).toBe(200);
    const stranger = await login(
      t.app,
      (await createUser(t.database, { roles: ['enterprise'], enterpriseId: (await createEnterprise(t.database)).id })).username,
      FACTORY_PASSWORD,
    );
    expect((await stranger.get(`/api/v1/site-checks/${check}`)).statusCode).toBe(404);
    expect((await stranger.get('/api/v1/site-checks')).json().total).toBe(0);
    expect((await enterpriseUser.get(`/api/v1/site-checks/${check}`)).statusCode).toBe(200);
  });

  it('is 404 from another region on detail and photos, and absent from the list', async () => {
    for (const c of [office, leader1]) {
      expect((await c.get(`/api/v1/site-checks/${foreign}`)).statusCode).toBe(404);
      expect((await c.get(`/api/v1/site-checks/${foreign}/attachments`)).statusCode).toBe(404);
      const list = (await c.get('/api/v1/site-checks?pageSize=200')).json();
      expect(list.items.map((i: { id: number }) => i.id)).not.toContain(foreign);
    }
  });

  it('takes photos from the checker, images only by content', async () => {
    const ok = await leader1.request({
      method: 'POST',
      url: `/api/v1/site-checks/${check}/attachments`,
      ...multipart('现场.png', PNG, 'image/png'),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const before = await countRows(t.database, 'attachments');
    const pdf = await leader1.request({
      method: 'POST',
      url: `/api/v1/site-checks/${check}/attachments`,
      ...multipart('照片.png', PDF, 'image/png'),
    });
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().error.message).toContain('图片');
    expect(await countRows(t.database, 'attachments')).toBe(before);
    // someone else who reads the check may not add to it
    const other = await office.request({
      method: 'POST',
      url: `/api/v1/site-checks/${check}/attachments`,
      ...multipart('现场.png', PNG, 'image/png'),
    });
    expect(other.statusCode).toBe(403);
    const files = (await office.get(`/api/v1/site-checks/${check}/attachments`)).json();
    expect(files).toHaveLength(1);
    expect((await office.get(`/api/v1/site-checks/${check}`)).json().photoCount).toBe(1);
  });
});
