import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, countRows, login, type Client, type TestApp } from './helpers.js';
import { FACTORY_PASSWORD, createLeader, createProject, createUnit, createUser, ensureRegion } from './factories.js';
import { multipart } from './xlsx.js';

let t: TestApp;
let office: Client;
let supervisor: Client;
let viewer: Client;
let leaderUser: Client;
let otherLeaderUser: Client;
let unitA: Client;
let unitB: Client;
let otherRegionOffice: Client;
let leader: { id: number };
let unit: { id: number };
let otherUnit: { id: number };
let project: { id: number };

type I = {
  id: number;
  version: number;
  status: string;
  overdue: boolean;
  replies: { id: number; outcome: string; text: string }[];
  permissions: Record<string, boolean>;
  subjectTitle: string;
};

async function ok<T = I>(p: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 200) {
  const res = await p;
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}

const issue = (c: Client, o: Record<string, unknown> = {}) =>
  c.post('/api/v1/instructions', {
    subjectType: 'project',
    subjectId: project.id,
    text: '请抓紧协调解决用地问题，一周内报进展',
    unitId: unit.id,
    replyDeadline: '2026-07-23',
    ...o,
  });

beforeAll(async () => {
  t = await createTestApp();
  leader = await createLeader(t.database, { name: '批示测试领导' });
  const other = await createLeader(t.database);
  unit = await createUnit(t.database, { name: '批示测试自然资源局' });
  otherUnit = await createUnit(t.database);
  await ensureRegion(t.database, '411102');
  project = await createProject(t.database, { name: '批示测试项目', leaderId: leader.id, leadUnitId: otherUnit.id });
  const mk = async (o: Parameters<typeof createUser>[1]) =>
    login(t.app, (await createUser(t.database, o)).username, FACTORY_PASSWORD);
  office = await login(t.app, 'office');
  supervisor = await mk({ roles: ['supervisor'] });
  viewer = await mk({ roles: ['viewer'] });
  leaderUser = await mk({ roles: ['leader'], leaderId: leader.id });
  otherLeaderUser = await mk({ roles: ['leader'], leaderId: other.id });
  unitA = await mk({ roles: ['unit'], unitId: unit.id });
  unitB = await mk({ roles: ['unit'], unitId: otherUnit.id });
  otherRegionOffice = await mk({ roles: ['office'], regionCode: '411102' });
});
afterAll(async () => t?.close());

describe('issuing', () => {
  it('lets a leader issue as themselves, audited', async () => {
    const audits = await countRows(t.database, 'audit_log');
    const i = await ok(issue(leaderUser), 201);
    expect(i).toMatchObject({ status: 'open', subjectTitle: '批示测试项目', overdue: false, replies: [] });
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
  });

  it('lets the office enter one on a leader’s behalf, naming the leader', async () => {
    const i = await ok<I & { leaderName: string }>(issue(office, { leaderId: leader.id }), 201);
    expect(i.leaderName).toBe('批示测试领导');
    expect((await issue(office)).statusCode).toBe(400);
  });

  it('refuses units, viewers, supervisors and a leader writing for another leader', async () => {
    const before = await countRows(t.database, 'instructions');
    for (const c of [unitA, viewer, supervisor]) expect((await issue(c, { leaderId: leader.id })).statusCode).toBe(403);
    expect((await issue(otherLeaderUser, { leaderId: leader.id })).statusCode).toBe(403);
    expect(await countRows(t.database, 'instructions')).toBe(before);
  });

  it('takes a problem as its subject, and refuses a subject of another region', async () => {
    const p = await ok<{ id: number }>(
      office.post('/api/v1/problems', {
        projectId: project.id,
        category: 'land',
        description: '批示测试的问题',
        unitId: unit.id,
      }),
      201,
    );
    const i = await ok<I & { projectId: number }>(issue(leaderUser, { subjectType: 'problem', subjectId: p.id }), 201);
    expect(i).toMatchObject({ projectId: project.id, subjectTitle: '批示测试的问题' });
    const far = await createProject(t.database, { regionCode: '411102' });
    expect((await issue(office, { leaderId: leader.id, subjectId: far.id })).statusCode).toBe(400);
  });
});

describe('the reply cycle', () => {
  it('runs reply → return → reply → accept, each audited', async () => {
    const i = await ok(issue(leaderUser), 201);
    expect((await ok(unitA.get(`/api/v1/instructions/${i.id}`))).permissions).toMatchObject({ reply: true, accept: false });
    const replied = await ok(
      unitA.post(`/api/v1/instructions/${i.id}/replies`, { version: 1, text: '已对接自然资源局，正在组卷' }),
    );
    expect(replied.status).toBe('replied');
    // nothing more to reply until the leader decides
    expect((await unitA.post(`/api/v1/instructions/${i.id}/replies`, { version: 2, text: '再次回复' })).statusCode).toBe(409);
    expect((await leaderUser.post(`/api/v1/instructions/${i.id}/return`, { version: 2 })).statusCode).toBe(400);
    const returned = await ok(leaderUser.post(`/api/v1/instructions/${i.id}/return`, { version: 2, note: '请写明完成时间' }));
    expect(returned.status).toBe('returned');
    expect(returned.replies[0]).toMatchObject({ outcome: 'returned' });
    await ok(unitA.post(`/api/v1/instructions/${i.id}/replies`, { version: 3, text: '7 月 30 日前完成组卷报批' }));
    const audits = await countRows(t.database, 'audit_log');
    const accepted = await ok<I & { closedAt: string }>(leaderUser.post(`/api/v1/instructions/${i.id}/accept`, { version: 4 }));
    expect(accepted.status).toBe('accepted');
    expect(accepted.closedAt).not.toBeNull();
    expect(accepted.replies.map((r) => r.outcome)).toEqual(['returned', 'accepted']);
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
  });

  it('lets only the addressed unit reply; others see 404 or 403', async () => {
    const i = await ok(issue(leaderUser), 201);
    expect((await unitB.post(`/api/v1/instructions/${i.id}/replies`, { version: 1, text: '越权回复' })).statusCode).toBe(404);
    expect((await unitB.get(`/api/v1/instructions/${i.id}`)).statusCode).toBe(404);
    expect((await office.post(`/api/v1/instructions/${i.id}/replies`, { version: 1, text: '代回复' })).statusCode).toBe(403);
    expect((await viewer.post(`/api/v1/instructions/${i.id}/replies`, { version: 1, text: '只读' })).statusCode).toBe(403);
    expect((await otherRegionOffice.get(`/api/v1/instructions/${i.id}`)).statusCode).toBe(404);
  });

  it('lets only the issuing leader or the office accept or send back', async () => {
    const i = await ok(issue(leaderUser), 201);
    await ok(unitA.post(`/api/v1/instructions/${i.id}/replies`, { version: 1, text: '已办理' }));
    expect((await otherLeaderUser.post(`/api/v1/instructions/${i.id}/accept`, { version: 2 })).statusCode).toBe(404);
    for (const c of [unitA, supervisor, viewer])
      expect((await c.post(`/api/v1/instructions/${i.id}/accept`, { version: 2 })).statusCode).toBe(403);
    expect((await ok(office.post(`/api/v1/instructions/${i.id}/accept`, { version: 2, note: '同意' }))).status).toBe('accepted');
  });

  it('takes files on a waiting reply from the unit only', async () => {
    const i = await ok(issue(leaderUser), 201);
    const r = await ok(unitA.post(`/api/v1/instructions/${i.id}/replies`, { version: 1, text: '附现场照片' }));
    const replyId = r.replies[0]!.id;
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    const up = (c: Client) =>
      c.request({
        method: 'POST',
        url: `/api/v1/instruction-replies/${replyId}/attachments`,
        ...multipart('现场.png', png, 'image/png'),
      });
    expect((await up(unitA)).statusCode).toBe(201);
    expect((await up(office)).statusCode).toBe(403);
    expect((await ok(leaderUser.get(`/api/v1/instructions/${i.id}`))).replies[0]).toMatchObject({ attachmentCount: 1 });
  });
});

describe('lists', () => {
  it('lists mine to answer for the unit, to decide for the leader, and the overdue ones', async () => {
    const late = await ok(issue(leaderUser, { replyDeadline: '2026-07-10' }), 201);
    expect(late.overdue).toBe(true);
    const ids = async (c: Client, q: string) =>
      (await ok<{ items: { id: number }[] }>(c.get(`/api/v1/instructions?pageSize=200&${q}`))).items.map((x) => x.id);
    expect(await ids(unitA, 'box=mine')).toContain(late.id);
    expect(await ids(unitB, 'box=all')).not.toContain(late.id);
    expect(await ids(office, 'box=overdue')).toContain(late.id);
    expect(await ids(leaderUser, 'box=mine')).not.toContain(late.id);
    await ok(unitA.post(`/api/v1/instructions/${late.id}/replies`, { version: 1, text: '已办理' }));
    expect(await ids(unitA, 'box=mine')).not.toContain(late.id);
    expect(await ids(leaderUser, 'box=mine')).toContain(late.id);
    // replied but not accepted: still overdue
    expect(await ids(office, 'box=overdue')).toContain(late.id);
    await ok(leaderUser.post(`/api/v1/instructions/${late.id}/accept`, { version: 2 }));
    expect(await ids(office, 'box=overdue')).not.toContain(late.id);
    expect(await ids(otherRegionOffice, 'box=all')).toEqual([]);
  });
});
