/**
 * Colour overrides 人工调整 (issue 11): only the supervision bureau (and the admin) sets one, with a reason
 * and a last day within 180 days; it is audited, a new one ends the one in force, it can be ended early
 * (version checked), and it ends by itself after its day (injected clock). Others are refused, other regions see 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, countRows, login, type Client, type TestApp } from './helpers.js';
import { FACTORY_PASSWORD, createProject, createUnit, createUser, ensureRegion } from './factories.js';

let t: TestApp;
let supervisor: Client;
let office: Client;
let unitUser: Client;
let otherRegion: Client;
let projectId: number;

interface Override {
  id: number;
  rag: string;
  active: boolean;
  version: number;
  endedAt: string | null;
  by: string;
}

beforeAll(async () => {
  t = await createTestApp();
  await ensureRegion(t.database, '411102');
  supervisor = await login(t.app, 'supervisor');
  office = await login(t.app, 'office');
  const unitId = (await createUnit(t.database)).id;
  projectId = (await createProject(t.database, { leadUnitId: unitId })).id;
  unitUser = await login(t.app, (await createUser(t.database, { roles: ['unit'], unitId })).username, FACTORY_PASSWORD);
  otherRegion = await login(
    t.app,
    (await createUser(t.database, { roles: ['supervisor'], regionCode: '411102' })).username,
    FACTORY_PASSWORD,
  );
});
afterAll(async () => t?.close());

// TEST_NOW is 2026-07-16 in Asia/Shanghai
const set = (c: Client, body: object = {}) =>
  c.post(`/api/v1/projects/${projectId}/rag/override`, {
    rag: 'yellow',
    reason: '已协调解决用地，待补手续',
    until: '2026-07-31',
    ...body,
  });
const list = async () => (await supervisor.get(`/api/v1/projects/${projectId}/rag/overrides`)).json() as Override[];

describe('colour overrides', () => {
  it('lets the supervisor set one, audited, in force until its day', async () => {
    const audits = await countRows(t.database, 'audit_log');
    const res = await set(supervisor);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ rag: 'yellow', until: '2026-07-31', active: true, endedAt: null });
    expect((res.json() as Override).by).toContain('王磊');
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
    expect((await list())[0]!.active).toBe(true);
  });

  it('refuses a last day in the past or beyond 180 days, with a zh-CN message, writing nothing', async () => {
    const before = await countRows(t.database, 'rag_overrides');
    const past = await set(supervisor, { until: '2026-07-15' });
    expect(past.statusCode).toBe(400);
    expect(past.body).toContain('180 天');
    expect((await set(supervisor, { until: '2027-02-01' })).statusCode).toBe(400);
    expect((await set(supervisor, { reason: ' ' })).statusCode).toBe(400);
    expect(await countRows(t.database, 'rag_overrides')).toBe(before);
  });

  it('refuses the office and a unit (403), another region and a unit off the project (404)', async () => {
    expect((await set(office)).statusCode).toBe(403);
    expect((await set(unitUser)).statusCode).toBe(403);
    expect((await set(otherRegion)).statusCode).toBe(404);
    expect((await otherRegion.get(`/api/v1/projects/${projectId}/rag/overrides`)).statusCode).toBe(404);
    const stranger = await login(
      t.app,
      (await createUser(t.database, { roles: ['unit'], unitId: (await createUnit(t.database)).id })).username,
      FACTORY_PASSWORD,
    );
    expect((await stranger.get(`/api/v1/projects/${projectId}/rag/overrides`)).statusCode).toBe(404);
    // the unit on the project reads the trail
    expect((await unitUser.get(`/api/v1/projects/${projectId}/rag/overrides`)).statusCode).toBe(200);
  });

  it('ends the one in force when a new one is set: one in force at a time', async () => {
    expect((await set(supervisor, { rag: 'red', until: '2026-08-15' })).statusCode).toBe(201);
    const all = await list();
    expect(all.filter((o) => o.active)).toHaveLength(1);
    expect(all[0]).toMatchObject({ rag: 'red', active: true });
    expect(all[1]!.endedAt).not.toBeNull();
  });

  it('ends early at the version read (stale → 409), then the computed colour is back', async () => {
    const current = (await list()).find((o) => o.active)!;
    const end = (version: number) => supervisor.post(`/api/v1/projects/${projectId}/rag/override/end`, { version });
    expect((await end(current.version + 5)).statusCode).toBe(409);
    const res = await end(current.version);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ active: false });
    expect((await end(current.version + 1)).statusCode).toBe(409);
    expect((await list()).some((o) => o.active)).toBe(false);
  });

  it('is the colour shown, with the computed one beside it, on the project, the colour map and the dashboard', async () => {
    const computed = ((await supervisor.get(`/api/v1/projects/${projectId}/rag`)).json() as { computedRag: string }).computedRag;
    const other = computed === 'red' ? 'green' : 'red';
    expect((await set(supervisor, { rag: other })).statusCode).toBe(201);
    const rag = (await supervisor.get(`/api/v1/projects/${projectId}/rag`)).json() as {
      rag: string;
      computedRag: string;
      override: { reason: string; until: string } | null;
    };
    expect(rag).toMatchObject({ rag: other, computedRag: computed, override: { until: '2026-07-31' } });
    const map = (await supervisor.get('/api/v1/supervision/colours')).json() as {
      items: { projectId: number; rag: string; computedRag: string; overridden: boolean }[];
    };
    expect(map.items.find((i) => i.projectId === projectId)).toMatchObject({
      rag: other,
      computedRag: computed,
      overridden: true,
    });
    const dash = (await supervisor.get('/api/v1/dashboard/summary')).json() as { colours: { ids: Record<string, number[]> } };
    expect(dash.colours.ids[other]).toContain(projectId);
    // ended: the computed colour is back everywhere
    const o = (await list()).find((x) => x.active)!;
    expect((await supervisor.post(`/api/v1/projects/${projectId}/rag/override/end`, { version: o.version })).statusCode).toBe(
      200,
    );
    expect(
      ((await supervisor.get(`/api/v1/projects/${projectId}/rag`)).json() as { rag: string; override: null }).override,
    ).toBeNull();
    const dash2 = (await supervisor.get('/api/v1/dashboard/summary')).json() as { colours: { ids: Record<string, number[]> } };
    expect(dash2.colours.ids[computed]).toContain(projectId);
  });

  it('ends by itself after its last day', async () => {
    expect((await set(supervisor, { until: '2026-07-20' })).statusCode).toBe(201);
    expect((await list())[0]!.active).toBe(true);
    // days later the session has expired: log in again at each instant
    t.clock.set(new Date('2026-07-20T15:59:00Z')); // 23:59 on the 20th in Shanghai: still in force
    supervisor = await login(t.app, 'supervisor');
    expect((await list())[0]!.active).toBe(true);
    t.clock.set(new Date('2026-07-20T16:00:00Z')); // the 21st
    supervisor = await login(t.app, 'supervisor');
    expect((await list())[0]!.active).toBe(false);
    expect(((await supervisor.get(`/api/v1/projects/${projectId}/rag`)).json() as { override: null }).override).toBeNull();
  });
});
