/**
 * Stage proposals (ADR 0009): a unit on the project or its enterprise proposes the next stage with a
 * date and evidence; only the office confirms (the project moves, with its actual date) or returns it;
 * the proposer withdraws it; one open proposal per project; other roles and other regions are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, countRows, login, type Client, type TestApp } from './helpers.js';
import { FACTORY_PASSWORD, createEnterprise, createProject, createUnit, createUser, ensureRegion } from './factories.js';

let t: TestApp;
let office: Client;
let unitUser: Client;
let entUser: Client;
let otherUnitUser: Client;
let viewer: Client;
let otherRegionOffice: Client;
let unitId: number;
let enterpriseId: number;

interface Proposal {
  id: number;
  status: string;
  version: number;
  fromStage: string;
  toStage: string;
  permissions: { confirm: boolean; return: boolean; withdraw: boolean; upload: boolean };
}

beforeAll(async () => {
  t = await createTestApp();
  await ensureRegion(t.database, '411102');
  unitId = (await createUnit(t.database)).id;
  enterpriseId = (await createEnterprise(t.database)).id;
  const as = async (o: Parameters<typeof createUser>[1]) =>
    login(t.app, (await createUser(t.database, o)).username, FACTORY_PASSWORD);
  office = await login(t.app, 'office');
  unitUser = await as({ roles: ['unit'], unitId });
  entUser = await as({ roles: ['enterprise'], enterpriseId });
  otherUnitUser = await as({ roles: ['unit'], unitId: (await createUnit(t.database)).id });
  viewer = await as({ roles: ['viewer'] });
  otherRegionOffice = await as({ roles: ['office'], regionCode: '411102' });
});
afterAll(async () => t?.close());

const project = (stage: 'planned' | 'signed' | 'started' = 'signed') =>
  createProject(t.database, { leadUnitId: unitId, enterpriseId, stage });

const propose = (c: Client, projectId: number, body: object = {}) =>
  c.post(`/api/v1/projects/${projectId}/stage-proposals`, {
    toStage: 'started',
    onDate: '2026-07-01',
    evidenceNote: '施工许可证 411104202607010101',
    ...body,
  });

describe('proposing', () => {
  it('lets the unit on the project propose the next stage, audited, and shows it to the office as waiting', async () => {
    const p = await project();
    const detail = (await unitUser.get(`/api/v1/projects/${p.id}`)).json() as { permissions: { proposeStage: boolean } };
    expect(detail.permissions.proposeStage).toBe(true);
    const audits = await countRows(t.database, 'audit_log');
    const res = await propose(unitUser, p.id);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'proposed', fromStage: 'signed', toStage: 'started', onDate: '2026-07-01' });
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
    const queue = (await office.get('/api/v1/stage-proposals?status=proposed&pageSize=200')).json() as {
      items: Proposal[];
    };
    const mine = queue.items.find((x) => x.id === (res.json() as Proposal).id)!;
    expect(mine.permissions).toMatchObject({ confirm: true, return: true, withdraw: false });
    // the project itself has not moved
    expect(((await office.get(`/api/v1/projects/${p.id}`)).json() as { stage: string }).stage).toBe('signed');
  });

  it('lets the enterprise propose for its own project', async () => {
    const p = await project('started');
    const res = await propose(entUser, p.id, { toStage: 'building' });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('refuses a stage that is not the next, a future date, a missing evidence note, with zh-CN messages, writing nothing', async () => {
    const p = await project();
    const before = await countRows(t.database, 'stage_proposals');
    const skip = await propose(unitUser, p.id, { toStage: 'completed' });
    expect(skip.statusCode).toBe(400);
    expect(skip.json().error.message).toContain('下一阶段');
    const future = await propose(unitUser, p.id, { onDate: '2026-08-01' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await propose(unitUser, p.id, { evidenceNote: '  ' })).statusCode).toBe(400);
    expect(await countRows(t.database, 'stage_proposals')).toBe(before);
  });

  it('allows one open proposal per project', async () => {
    const p = await project();
    expect((await propose(unitUser, p.id)).statusCode).toBe(201);
    const again = await propose(entUser, p.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('待确认');
  });

  it('refuses the office (it moves the stage itself), a viewer, and a unit not on the project; another region sees 404', async () => {
    const p = await project();
    expect((await propose(office, p.id)).statusCode).toBe(403);
    expect((await propose(viewer, p.id)).statusCode).toBe(403);
    expect((await propose(otherUnitUser, p.id)).statusCode).toBe(404);
    expect((await propose(otherRegionOffice, p.id)).statusCode).toBe(404);
  });
});

describe('deciding', () => {
  it('confirms: the project moves to the proposed stage with its actual date, in one audited change', async () => {
    const p = await project();
    const made = (await propose(unitUser, p.id)).json() as Proposal;
    expect((await unitUser.post(`/api/v1/stage-proposals/${made.id}/confirm`, { version: 1 })).statusCode).toBe(403);
    const res = await office.post(`/api/v1/stage-proposals/${made.id}/confirm`, { version: 1, note: '材料齐全' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'confirmed', decisionNote: '材料齐全', version: 2 });
    const after = (await office.get(`/api/v1/projects/${p.id}`)).json() as {
      stage: string;
      actualStartDate: string;
      transitions: { toStage: string; onDate: string }[];
    };
    expect(after.stage).toBe('started');
    expect(after.actualStartDate).toBe('2026-07-01');
    expect(after.transitions.at(-1)).toMatchObject({ toStage: 'started', onDate: '2026-07-01' });
    // decided once: a second decision is refused
    const again = await office.post(`/api/v1/stage-proposals/${made.id}/return`, { version: 2, note: '重复' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已处理');
  });

  it('returns with a required reason; the project stays; a stale version is 409', async () => {
    const p = await project();
    const made = (await propose(unitUser, p.id)).json() as Proposal;
    expect((await office.post(`/api/v1/stage-proposals/${made.id}/return`, { version: 1, note: '' })).statusCode).toBe(400);
    expect(
      (await office.post(`/api/v1/stage-proposals/${made.id}/return`, { version: 9, note: '缺施工许可证' })).statusCode,
    ).toBe(409);
    const res = await office.post(`/api/v1/stage-proposals/${made.id}/return`, { version: 1, note: '缺施工许可证' });
    expect(res.json()).toMatchObject({ status: 'returned', decisionNote: '缺施工许可证' });
    expect(((await office.get(`/api/v1/projects/${p.id}`)).json() as { stage: string }).stage).toBe('signed');
    // returned: a new proposal may be made
    expect((await propose(unitUser, p.id)).statusCode).toBe(201);
  });

  it('refuses to confirm a proposal the project has outgrown, and changes nothing', async () => {
    const p = await project();
    const made = (await propose(unitUser, p.id)).json() as Proposal;
    const moved = await office.post(`/api/v1/projects/${p.id}/transitions`, {
      version: 1,
      toStage: 'started',
      onDate: '2026-07-02',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const res = await office.post(`/api/v1/stage-proposals/${made.id}/confirm`, { version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('阶段已变化');
    expect(((await office.get(`/api/v1/stage-proposals/${made.id}`)).json() as Proposal).status).toBe('proposed');
  });

  it('lets only the proposer withdraw it', async () => {
    const p = await project();
    const made = (await propose(unitUser, p.id)).json() as Proposal;
    expect((await entUser.post(`/api/v1/stage-proposals/${made.id}/withdraw`, { version: 1 })).statusCode).toBe(403);
    const res = await unitUser.post(`/api/v1/stage-proposals/${made.id}/withdraw`, { version: 1 });
    expect(res.json()).toMatchObject({ status: 'withdrawn' });
  });

  it('hides a proposal from a unit not on the project and from another region: 404 and absent from lists', async () => {
    const p = await project();
    const made = (await propose(unitUser, p.id)).json() as Proposal;
    for (const c of [otherUnitUser, otherRegionOffice]) {
      expect((await c.get(`/api/v1/stage-proposals/${made.id}`)).statusCode).toBe(404);
      expect((await c.post(`/api/v1/stage-proposals/${made.id}/confirm`, { version: 1 })).statusCode).toBe(404);
      const list = (await c.get('/api/v1/stage-proposals?pageSize=200')).json() as { items: Proposal[] };
      expect(list.items.map((x) => x.id)).not.toContain(made.id);
    }
  });
});
