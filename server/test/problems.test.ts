import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, countRows, login, type Client, type TestApp } from './helpers.js';
import { FACTORY_PASSWORD, createLeader, createProject, createUnit, createUser, ensureRegion } from './factories.js';

let t: TestApp;
let office: Client;
let supervisor: Client;
let viewer: Client;
let unitA: Client; // responsible unit of the problems
let unitB: Client; // another unit on the same project
let coordinator: Client; // the coordinating leader
let otherLeader: Client;
let otherRegionOffice: Client;
let myUnit: { id: number };
let otherUnit: { id: number };
let leader: { id: number };
let higher: { id: number };
let project: { id: number };
let elsewhere: { id: number };

const body = (o: Record<string, unknown> = {}) => ({
  projectId: project.id,
  category: 'land',
  source: 'superior_feedback',
  description: '土地指标未落实，影响摘牌',
  unitId: myUnit.id,
  leaderId: leader.id,
  deadline: '2026-07-31',
  ...o,
});

async function ok<T = Record<string, unknown>>(
  p: Promise<{ statusCode: number; body: string; json: () => unknown }>,
  status = 200,
) {
  const res = await p;
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}
type P = {
  id: number;
  version: number;
  status: string;
  permissions: Record<string, boolean>;
  overdue: boolean;
  daysOpen: number;
};

beforeAll(async () => {
  t = await createTestApp();
  myUnit = await createUnit(t.database, { name: '问题测试自然资源局' });
  otherUnit = await createUnit(t.database, { name: '问题测试住建局' });
  leader = await createLeader(t.database, { name: '问题测试协调领导' });
  higher = await createLeader(t.database, { name: '问题测试区长' });
  const third = await createLeader(t.database);
  await ensureRegion(t.database, '411102');
  // the project is led by the other unit: myUnit is only responsible for the problems
  project = await createProject(t.database, { leadUnitId: otherUnit.id, cooperatingUnitIds: [myUnit.id], leaderId: third.id });
  elsewhere = await createProject(t.database, { regionCode: '411102' });
  const mk = async (o: Parameters<typeof createUser>[1]) =>
    login(t.app, (await createUser(t.database, o)).username, FACTORY_PASSWORD);
  office = await login(t.app, 'office');
  supervisor = await mk({ roles: ['supervisor'] });
  viewer = await mk({ roles: ['viewer'] });
  unitA = await mk({ roles: ['unit'], unitId: myUnit.id });
  unitB = await mk({ roles: ['unit'], unitId: otherUnit.id });
  coordinator = await mk({ roles: ['leader'], leaderId: leader.id });
  otherLeader = await mk({ roles: ['leader'], leaderId: third.id });
  otherRegionOffice = await mk({ roles: ['office'], regionCode: '411102' });
});
afterAll(async () => t?.close());

describe('raising a problem', () => {
  it('creates it open with its names, days open and an audit row', async () => {
    const audits = await countRows(t.database, 'audit_log');
    const p = await ok<P & Record<string, unknown>>(office.post('/api/v1/problems', body()), 201);
    expect(p).toMatchObject({
      status: 'open',
      source: 'superior_feedback',
      raisedOn: '2026-07-16',
      unitName: '问题测试自然资源局',
      leaderName: '问题测试协调领导',
      daysOpen: 0,
      overdue: false,
      version: 1,
    });
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
  });

  it('lets a unit raise one for itself only, always as a unit report', async () => {
    const own = await ok<{ source: string }>(
      unitA.post('/api/v1/problems', body({ description: '单位上报：供水管线未接通' })),
      201,
    );
    expect(own.source).toBe('unit_report');
    const before = await countRows(t.database, 'problems');
    expect((await unitA.post('/api/v1/problems', body({ unitId: otherUnit.id }))).statusCode).toBe(403);
    expect((await viewer.post('/api/v1/problems', body())).statusCode).toBe(403);
    expect(await countRows(t.database, 'problems')).toBe(before);
  });

  it('refuses a project of another region as if it did not exist, and bad input with a 400', async () => {
    expect((await office.post('/api/v1/problems', body({ projectId: elsewhere.id }))).statusCode).toBe(400);
    const res = await office.post('/api/v1/problems', body({ category: 'weather', description: '' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('the status machine and who may move it', () => {
  it('runs open → in_progress → resolved → verified, each audited', async () => {
    const p = await ok<P>(office.post('/api/v1/problems', body({ description: '规划条件未确定' })), 201);
    expect(p.permissions).toMatchObject({ start: true, resolve: true, escalate: true, verify: false });
    const started = await ok<P>(unitA.post(`/api/v1/problems/${p.id}/start`, { version: 1 }));
    expect(started.status).toBe('in_progress');
    // a resolution needs its text
    expect((await coordinator.post(`/api/v1/problems/${p.id}/resolve`, { version: 2 })).statusCode).toBe(400);
    const audits = await countRows(t.database, 'audit_log');
    const resolved = await ok<P & { resolution: string; resolvedOn: string }>(
      coordinator.post(`/api/v1/problems/${p.id}/resolve`, { version: 2, resolution: '协调规划局出具规划条件' }),
    );
    expect(resolved).toMatchObject({ status: 'resolved', resolution: '协调规划局出具规划条件', resolvedOn: '2026-07-16' });
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
    const { rows } = await t.database.raw(`select action from audit_log order by id desc limit 1`);
    expect(rows[0]).toMatchObject({ action: 'resolve' });
    const verified = await ok<P>(supervisor.post(`/api/v1/problems/${p.id}/verify`, { version: 3 }));
    expect(verified.status).toBe('verified');
    // nothing moves a verified problem
    expect(
      (await office.post(`/api/v1/problems/${p.id}/escalate`, { version: 4, toLeaderId: higher.id, reason: '再议' })).statusCode,
    ).toBe(409);
  });

  it('lets only the office or the supervisor verify or send back', async () => {
    const p = await ok<P>(office.post('/api/v1/problems', body({ description: '审批手续未齐' })), 201);
    await ok(unitA.post(`/api/v1/problems/${p.id}/resolve`, { version: 1, resolution: '已补齐' }));
    for (const c of [unitA, coordinator, viewer]) {
      const res = await c.post(`/api/v1/problems/${p.id}/verify`, { version: 2 });
      expect(res.statusCode).toBe(403);
    }
    expect((await unitB.post(`/api/v1/problems/${p.id}/verify`, { version: 2 })).statusCode).toBe(403);
    const back = await ok<P & { progressNote: string; resolvedOn: string | null }>(
      office.post(`/api/v1/problems/${p.id}/reopen`, { version: 2, reason: '佐证材料不全' }),
    );
    expect(back).toMatchObject({ status: 'in_progress', resolvedOn: null });
    expect(back.progressNote).toContain('佐证材料不全');
    expect((await office.post(`/api/v1/problems/${p.id}/verify`, { version: 3 })).statusCode).toBe(409);
  });

  it('escalates from any open state to a named higher leader, who then takes it over', async () => {
    const p = await ok<P>(office.post('/api/v1/problems', body({ description: '征迁补偿标准争议' })), 201);
    expect(
      (await unitA.post(`/api/v1/problems/${p.id}/escalate`, { version: 1, toLeaderId: higher.id, reason: '需区长协调' }))
        .statusCode,
    ).toBe(403);
    // not to its own coordinating leader, and a reason is required
    expect(
      (await coordinator.post(`/api/v1/problems/${p.id}/escalate`, { version: 1, toLeaderId: leader.id, reason: '需协调' }))
        .statusCode,
    ).toBe(400);
    expect((await coordinator.post(`/api/v1/problems/${p.id}/escalate`, { version: 1, toLeaderId: higher.id })).statusCode).toBe(
      400,
    );
    const up = await ok<P & { escalatedToLeaderName: string; escalationReason: string }>(
      coordinator.post(`/api/v1/problems/${p.id}/escalate`, {
        version: 1,
        toLeaderId: higher.id,
        reason: '涉及多部门，需区长协调',
      }),
    );
    expect(up).toMatchObject({
      status: 'escalated',
      escalatedToLeaderName: '问题测试区长',
      escalationReason: '涉及多部门，需区长协调',
    });
    const higherUser = await login(
      t.app,
      (await createUser(t.database, { roles: ['leader'], leaderId: higher.id })).username,
      FACTORY_PASSWORD,
    );
    const seen = await ok<P>(higherUser.get(`/api/v1/problems/${p.id}`));
    expect(seen.permissions.resolve).toBe(true);
    await ok(higherUser.post(`/api/v1/problems/${p.id}/resolve`, { version: 2, resolution: '区长专题会议定补偿标准' }));
  });

  it('lets a leader act only on problems they coordinate', async () => {
    const p = await ok<P>(office.post('/api/v1/problems', body({ description: '电力接入容量不足', category: 'utilities' })), 201);
    // the project's contracting leader sees it but does not coordinate it
    const seen = await ok<P>(otherLeader.get(`/api/v1/problems/${p.id}`));
    expect(seen.permissions.resolve).toBe(false);
    expect((await otherLeader.post(`/api/v1/problems/${p.id}/resolve`, { version: 1, resolution: '已解决' })).statusCode).toBe(
      403,
    );
  });

  it('refuses a stale version with 409 and the current problem, writing nothing', async () => {
    const p = await ok<P>(office.post('/api/v1/problems', body({ description: '资金缺口 2000 万元', category: 'funding' })), 201);
    await ok(unitA.patch(`/api/v1/problems/${p.id}`, { version: 1, progressNote: '已对接银行' }));
    const audits = await countRows(t.database, 'audit_log');
    const res = await unitA.post(`/api/v1/problems/${p.id}/start`, { version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.current).toMatchObject({ version: 2, status: 'open' });
    expect(await countRows(t.database, 'audit_log')).toBe(audits);
  });
});

describe('editing', () => {
  it('lets a unit edit only its own unit’s problems, and not hand them to another unit', async () => {
    const p = await ok<P>(office.post('/api/v1/problems', body({ description: '环评批复未下达', category: 'environment' })), 201);
    expect((await unitB.patch(`/api/v1/problems/${p.id}`, { version: 1, description: '改' })).statusCode).toBe(403);
    expect((await viewer.patch(`/api/v1/problems/${p.id}`, { version: 1, description: '改' })).statusCode).toBe(403);
    expect((await unitA.patch(`/api/v1/problems/${p.id}`, { version: 1, unitId: otherUnit.id })).statusCode).toBe(403);
    const edited = await ok<{ description: string; version: number }>(
      unitA.patch(`/api/v1/problems/${p.id}`, { version: 1, description: '环评批复待市局下达' }),
    );
    expect(edited).toMatchObject({ description: '环评批复待市局下达', version: 2 });
  });

  it('hides a problem of another region: 404 on read and on write', async () => {
    const p = await ok<P>(office.post('/api/v1/problems', body({ description: '跨区不可见' })), 201);
    expect((await otherRegionOffice.get(`/api/v1/problems/${p.id}`)).statusCode).toBe(404);
    expect((await otherRegionOffice.patch(`/api/v1/problems/${p.id}`, { version: 1, description: 'x' })).statusCode).toBe(404);
    expect((await otherRegionOffice.post(`/api/v1/problems/${p.id}/verify`, { version: 1 })).statusCode).toBe(404);
    const list = await ok<{ items: { id: number }[] }>(otherRegionOffice.get('/api/v1/problems?pageSize=200'));
    expect(list.items.map((i) => i.id)).not.toContain(p.id);
  });
});

let dueTodayId = 0;

describe('lists, board and overdue', () => {
  it('filters by category, unit, leader, status, source and overdue (Asia/Shanghai today)', async () => {
    const late = await ok<P>(
      office.post('/api/v1/problems', body({ description: '逾期的水电问题', category: 'utilities', deadline: '2026-07-15' })),
      201,
    );
    const dueToday = await ok<P>(
      office.post('/api/v1/problems', body({ description: '今日到期', category: 'utilities', deadline: '2026-07-16' })),
      201,
    );
    expect(late.overdue).toBe(true);
    expect(dueToday.overdue).toBe(false);
    const ids = async (q: string) =>
      (await ok<{ items: { id: number }[] }>(office.get(`/api/v1/problems?pageSize=200&${q}`))).items.map((i) => i.id);
    expect(await ids('overdue=true')).toContain(late.id);
    expect(await ids('overdue=true')).not.toContain(dueToday.id);
    expect(await ids('overdue=false')).toContain(dueToday.id);
    expect(await ids('category=utilities')).toEqual(expect.arrayContaining([late.id, dueToday.id]));
    expect(await ids('category=land')).not.toContain(late.id);
    expect(await ids(`unitId=${myUnit.id}`)).toContain(late.id);
    expect(await ids(`unitId=${otherUnit.id}`)).not.toContain(late.id);
    expect(await ids(`leaderId=${leader.id}`)).toContain(late.id);
    expect(await ids('source=meeting')).not.toContain(late.id);
    expect(await ids('status=open&source=superior_feedback')).toContain(late.id);
    expect(await ids(`q=${encodeURIComponent('逾期的水电')}`)).toEqual([late.id]);
    // resolved is no longer overdue
    await ok(office.post(`/api/v1/problems/${late.id}/resolve`, { version: 1, resolution: '已接通' }));
    expect(await ids('overdue=true')).not.toContain(late.id);
    dueTodayId = dueToday.id;
  });

  it('counts by status for the board, and lists a project’s problems', async () => {
    const board = await ok<{ counts: Record<string, number>; total: number; overdue: number }>(
      office.get(`/api/v1/problems/board?projectId=${project.id}`),
    );
    const list = await ok<{ items: { status: string }[]; total: number }>(
      office.get(`/api/v1/projects/${project.id}/problems?pageSize=200`),
    );
    expect(board.total).toBe(list.total);
    for (const s of ['open', 'in_progress', 'resolved', 'verified', 'escalated'])
      expect(board.counts[s]).toBe(list.items.filter((i) => i.status === s).length);
    expect(board.counts.verified).toBeGreaterThanOrEqual(1);
    expect((await otherRegionOffice.get(`/api/v1/projects/${project.id}/problems`)).statusCode).toBe(404);
  });

  it('shows the responsible unit its problems on a project it does not lead, and not other units’', async () => {
    const p = await ok<P>(office.post('/api/v1/problems', body({ description: '住建局的问题', unitId: otherUnit.id })), 201);
    const stranger = await login(
      t.app,
      (await createUser(t.database, { roles: ['unit'], unitId: (await createUnit(t.database)).id })).username,
      FACTORY_PASSWORD,
    );
    expect((await stranger.get(`/api/v1/problems/${p.id}`)).statusCode).toBe(404);
    const mine = await ok<{ items: { unitId: number; projectId: number }[] }>(stranger.get('/api/v1/problems?pageSize=200'));
    expect(mine.items).toEqual([]);
    expect((await unitB.get(`/api/v1/problems/${p.id}`)).statusCode).toBe(200);
  });
});

describe('the next day in Shanghai', () => {
  it('makes the problem due yesterday overdue from 00:00 Asia/Shanghai', async () => {
    t.clock.set(new Date('2026-07-16T16:30:00Z')); // 00:30 on the 17th in Shanghai
    const fresh = await login(t.app, 'office');
    const res = await ok<{ items: { id: number }[] }>(fresh.get('/api/v1/problems?overdue=true&pageSize=200'));
    expect(res.items.map((i) => i.id)).toContain(dueTodayId);
  });
});
