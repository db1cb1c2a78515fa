import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stages, type Stage } from '@kpc/contracts';
import { createTestApp, countRows, type Client, type TestApp } from './helpers.js';
import { createProject, ensureRegion, loginCast } from './factories.js';
import { stageTransitions } from '../src/db/schema/index.js';

let t: TestApp;
let office: Client;
let unitUser: Client;
let viewer: Client;
let otherRegionOffice: Client;
const REGION = '411104001'; // a township of 召陵区: periods here do not overlap the demo's

/** A project that moved one stage per date from 'signed' on. */
async function projectWalked(dates: string[]) {
  const stage = (dates.length ? stages[dates.length] : 'planned') as Stage;
  const p = await createProject(t.database, { regionCode: REGION, stage });
  if (dates.length)
    await t.database.db
      .insert(stageTransitions)
      .values(dates.map((onDate, i) => ({ projectId: p.id, fromStage: stages[i]!, toStage: stages[i + 1]!, onDate })));
  return p.id;
}

beforeAll(async () => {
  t = await createTestApp();
  await ensureRegion(t.database, REGION);
  ({ office, unitUser, viewer, otherRegionOffice } = await loginCast(t));
});
afterAll(async () => t?.close());

describe('three-batches periods', () => {
  let periodId: number;

  it('creates a period (office), numbering it, and audits it', async () => {
    const audits = await countRows(t.database, 'audit_log');
    const res = await office.post('/api/v1/periods', {
      regionCode: REGION,
      name: '第1期',
      startDate: '2026-01-01',
      endDate: '2026-03-31',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ seq: 1, version: 1, lists: { signing: [], starting: [], commissioning: [] } });
    periodId = res.json().id;
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
  });

  it('refuses overlapping dates in the same region (409) and an end before the start (400)', async () => {
    const overlap = await office.post('/api/v1/periods', {
      regionCode: REGION,
      name: '第2期',
      startDate: '2026-03-31',
      endDate: '2026-06-30',
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.message).toContain('重叠');
    const backwards = await office.post('/api/v1/periods', {
      regionCode: REGION,
      name: '第2期',
      startDate: '2026-06-30',
      endDate: '2026-04-01',
    });
    expect(backwards.statusCode).toBe(400);
    const ok = await office.post('/api/v1/periods', {
      regionCode: REGION,
      name: '第2期',
      startDate: '2026-04-01',
      endDate: '2026-06-30',
    });
    expect(ok.json()).toMatchObject({ seq: 2 });
    const moved = await office.patch(`/api/v1/periods/${ok.json().id}`, { version: 1, startDate: '2026-03-15' });
    expect(moved.statusCode).toBe(409);
    const renamed = await office.patch(`/api/v1/periods/${ok.json().id}`, { version: 1, name: '第二期' });
    expect(renamed.json()).toMatchObject({ name: '第二期', version: 2 });
    expect((await office.patch(`/api/v1/periods/${ok.json().id}`, { version: 1, name: 'x' })).statusCode).toBe(409);
    expect((await office.delete(`/api/v1/periods/${ok.json().id}?version=2`)).statusCode).toBe(200);
  });

  it('refuses period writes by non-office users (403) and hides other regions’ periods (404)', async () => {
    const body = { regionCode: REGION, name: '第3期', startDate: '2027-01-01', endDate: '2027-03-31' };
    expect((await unitUser.post('/api/v1/periods', body)).statusCode).toBe(403);
    expect((await viewer.put(`/api/v1/periods/${periodId}/lists/signing`, { version: 1, projectIds: [] })).statusCode).toBe(403);
    expect((await otherRegionOffice.get(`/api/v1/periods/${periodId}`)).statusCode).toBe(404);
    expect((await otherRegionOffice.patch(`/api/v1/periods/${periodId}`, { version: 1, name: 'x' })).statusCode).toBe(404);
    expect((await otherRegionOffice.post('/api/v1/periods', body)).statusCode).toBe(400);
    expect((await unitUser.patch(`/api/v1/periods/${periodId}`, { version: 1, name: 'x' })).statusCode).toBe(403);
    expect((await unitUser.delete(`/api/v1/periods/${periodId}?version=1`)).statusCode).toBe(403);
    expect((await viewer.get('/api/v1/periods')).json().map((p: { id: number }) => p.id)).toContain(periodId);
    expect((await otherRegionOffice.get('/api/v1/periods')).json()).toEqual([]);
  });

  it('computes hand-checked rates from the listed projects’ dated transitions, null for an empty list', async () => {
    // signing list: two started by 07-16, one only signed
    const a = await projectWalked(['2026-01-05', '2026-02-01']);
    const b = await projectWalked(['2026-01-06', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01']);
    const c = await projectWalked(['2026-01-07']);
    // starting list: b is producing, d only building
    const d = await projectWalked(['2025-10-01', '2026-01-10', '2026-02-10']);
    let res = await office.put(`/api/v1/periods/${periodId}/lists/signing`, { version: 1, projectIds: [a, b, c, c] });
    expect(res.statusCode, res.body).toBe(200);
    res = await office.put(`/api/v1/periods/${periodId}/lists/starting`, { version: 2, projectIds: [b, d] });
    expect(res.json()).toMatchObject({ version: 3, counts: { signing: 3, starting: 2, commissioning: 0 } });
    expect((await office.put(`/api/v1/periods/${periodId}/lists/starting`, { version: 2, projectIds: [] })).statusCode).toBe(409);

    const trend = (await viewer.get(`/api/v1/periods/rates?asOf=2026-07-16&regionCode=${REGION}`)).json();
    expect(trend.periods).toHaveLength(1);
    const p = trend.periods[0];
    expect(p.fulfilmentRate).toBeCloseTo(2 / 3, 10);
    expect(p.fulfilment).toMatchObject({ numerator: 2, denominator: 3, metProjectIds: [a, b].sort((x, y) => x - y) });
    expect(p.commissioningRate).toBe(0.5);
    expect(p.commissioning.metProjectIds).toEqual([b]);
    expect(p.targetAttainmentRate).toBeNull();
    expect(p.targetAttainment.denominator).toBe(0);

    const earlier = (await office.get(`/api/v1/periods/rates?asOf=2026-02-15&regionCode=${REGION}`)).json();
    expect(earlier.periods[0].fulfilment.metProjectIds).toEqual([a]);
    expect(earlier.periods[0].commissioningRate).toBe(0);
  });

  it('refuses list entries outside the period’s region or unknown, writing nothing', async () => {
    const far = (await createProject(t.database, { regionCode: '411102' })).id;
    const before = await countRows(t.database, 'batch_entries');
    const res = await office.put(`/api/v1/periods/${periodId}/lists/commissioning`, {
      version: 3,
      projectIds: [far, 2_000_000_000],
    });
    expect(res.statusCode).toBe(400);
    expect(await countRows(t.database, 'batch_entries')).toBe(before);
    expect((await office.put(`/api/v1/periods/${periodId}/lists/bogus`, { version: 3, projectIds: [] })).statusCode).toBe(400);
  });

  it('answers 404 for a rates region outside the actor’s', async () => {
    expect((await office.get('/api/v1/periods/rates?regionCode=411102')).statusCode).toBe(404);
  });
});
