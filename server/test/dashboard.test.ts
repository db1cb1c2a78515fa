import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, countRows, login, type Client, type TestApp } from './helpers.js';
import { FACTORY_PASSWORD, createProject, createUnit, createUser, ensureRegion } from './factories.js';

let t: TestApp;
let office: Client;
let viewer: Client;

type Summary = {
  keyProjects: number;
  contractingLeaders: number;
  responsibleUnits: number;
  investment: { completedInvestment: number; annualPlan: number };
  provincialAndMunicipal: { projects: number; annualPlan: number; completedInvestment: number; completionRate: number | null };
  signedAtLeast100M: { count: number; projectIds: number[] };
  batches: { fulfilmentRate: number | null; commissioningRate: number | null; targetAttainmentRate: number | null }[];
  byLevel: { level: string; projects: number }[];
  byStage: { stage: string; projects: number }[];
  byUnit: { unitId: number | null; projects: number; completedInvestment: number }[];
};

const summary = async (c: Client = office, qs = ''): Promise<Summary> => {
  const res = await c.get(`/api/v1/dashboard/summary${qs}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp();
  office = await login(t.app, 'office');
  const v = await createUser(t.database, { roles: ['viewer'] });
  viewer = await login(t.app, v.username, FACTORY_PASSWORD);
});
afterAll(async () => t?.close());

describe('dashboard summary on a fresh start (the article’s figures, from the demo records)', () => {
  it('shows 34 projects, 24 leaders and 23 units', async () => {
    const s = await summary();
    expect(s.keyProjects).toBe(34);
    expect(s.contractingLeaders).toBe(24);
    expect(s.responsibleUnits).toBe(23);
  });

  it('shows the 24 provincial and municipal projects at 76.55 亿元 = 74.1 % of their plan', async () => {
    const s = await summary();
    expect(s.provincialAndMunicipal.projects).toBe(24);
    expect(s.provincialAndMunicipal.completedInvestment).toBe(7_655_000_000);
    expect(Number(s.provincialAndMunicipal.completionRate!.toFixed(3))).toBe(0.741);
  });

  it('shows 17 signed projects of ≥ 1 亿元, 双汇第三工业园 among them', async () => {
    const s = await summary();
    expect(s.signedAtLeast100M.count).toBe(17);
    const { rows } = await t.database.raw(`select id from projects where name like '%双汇第三工业园%'`);
    expect(rows).toHaveLength(1);
    expect(s.signedAtLeast100M.projectIds).toContain(Number(rows[0]!.id));
  });

  it('shows four periods whose three rates never fall', async () => {
    const s = await summary();
    expect(s.batches).toHaveLength(4);
    for (const k of ['fulfilmentRate', 'commissioningRate', 'targetAttainmentRate'] as const) {
      const rates = s.batches.map((b) => b[k]);
      for (const r of rates) expect(r).not.toBeNull();
      for (let i = 1; i < rates.length; i++) expect(rates[i]!).toBeGreaterThanOrEqual(rates[i - 1]!);
    }
  });

  it('breaks the projects down by level and stage consistently with the total', async () => {
    const s = await summary();
    expect(s.byLevel.reduce((a, b) => a + b.projects, 0)).toBe(s.keyProjects);
    expect(s.byStage.reduce((a, b) => a + b.projects, 0)).toBe(s.keyProjects);
    expect(s.byUnit.reduce((a, b) => a + b.completedInvestment, 0)).toBe(s.investment.completedInvestment);
  });
});

describe('dashboard summary is live', () => {
  let projectId: number;
  let unitId: number;
  const year = 2026;

  beforeAll(async () => {
    unitId = (await createUnit(t.database)).id;
    projectId = (await createProject(t.database, { level: 'district', leadUnitId: unitId })).id;
    expect((await office.put(`/api/v1/projects/${projectId}/plans/${year}`, { plannedAmount: 500_000_000 })).statusCode).toBe(
      200,
    );
  });

  const report = async (month: number, amount: number, extra: Record<string, unknown> = {}) => {
    const res = await office.post('/api/v1/investment-reports', { projectId, year, month, amount, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; version: number };
  };
  const act = async (id: number, action: string, version: number, extra: Record<string, unknown> = {}) => {
    const res = await office.post(`/api/v1/investment-reports/${id}/${action}`, { version, ...extra });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: number; version: number; status: string };
  };

  it('approving a new report raises completedInvestment by exactly its amount; draft, submitted and returned change nothing', async () => {
    const before = await summary();
    const r = await report(6, 123_456_789);
    expect((await summary()).investment.completedInvestment).toBe(before.investment.completedInvestment);
    const submitted = await act(r.id, 'submit', r.version);
    expect((await summary()).investment.completedInvestment).toBe(before.investment.completedInvestment);
    const returned = await act(r.id, 'return', submitted.version, { reason: '金额与进度不符' });
    expect(returned.status).toBe('returned');
    expect((await summary()).investment.completedInvestment).toBe(before.investment.completedInvestment);
    const resubmitted = await act(r.id, 'submit', returned.version);
    await act(r.id, 'approve', resubmitted.version);
    const after = await summary();
    expect(after.investment.completedInvestment).toBe(before.investment.completedInvestment + 123_456_789);
    expect(after.investment.annualPlan).toBe(before.investment.annualPlan);
    const unit = after.byUnit.find((u) => u.unitId === unitId)!;
    expect(unit.completedInvestment).toBe(123_456_789);
  });

  it('a correction supersedes the approved figure instead of adding to it', async () => {
    const first = await report(5, 10_000_000);
    const approved = await act(first.id, 'approve', (await act(first.id, 'submit', first.version)).version);
    const before = await summary();
    const fix = await report(5, 12_500_000, { correctsId: first.id });
    expect((await summary()).investment.completedInvestment).toBe(before.investment.completedInvestment);
    await act(fix.id, 'approve', (await act(fix.id, 'submit', fix.version)).version);
    const after = await summary();
    expect(after.investment.completedInvestment).toBe(before.investment.completedInvestment + 2_500_000);
    const old = (await office.get(`/api/v1/investment-reports/${first.id}`)).json();
    expect(old).toMatchObject({ status: 'superseded', supersededById: fix.id });
    expect(approved.status).toBe('approved');
  });

  it('changing a project’s level moves provincialAndMunicipal.projects', async () => {
    const before = await summary();
    const p = (await office.get(`/api/v1/projects/${projectId}`)).json();
    const res = await office.patch(`/api/v1/projects/${projectId}`, { version: p.version, level: 'municipal' });
    expect(res.statusCode, res.body).toBe(200);
    const after = await summary();
    expect(after.provincialAndMunicipal.projects).toBe(before.provincialAndMunicipal.projects + 1);
    expect(after.provincialAndMunicipal.annualPlan).toBe(before.provincialAndMunicipal.annualPlan + 500_000_000);
    expect(after.keyProjects).toBe(before.keyProjects);
  });

  it('counts completed investment only up to asOf’s month and only for the year asked', async () => {
    const june = await summary(office, '?asOf=2026-06-30');
    const may = await summary(office, '?asOf=2026-05-31');
    expect(june.investment.completedInvestment - may.investment.completedInvestment).toBeGreaterThanOrEqual(123_456_789);
    const next = await summary(office, '?year=2027');
    expect(next.investment.completedInvestment).toBe(0);
  });
});

describe('dashboard permissions', () => {
  it('lets a viewer read the summary and refuses the viewer’s writes with 403, writing nothing', async () => {
    expect((await summary(viewer)).keyProjects).toBeGreaterThan(0);
    const { rows } = await t.database.raw(`select id from projects order by id limit 1`);
    const projectId = Number(rows[0]!.id);
    const reports = await countRows(t.database, 'investment_reports');
    const audits = await countRows(t.database, 'audit_log');
    for (const res of [
      await viewer.post('/api/v1/investment-reports', { projectId, year: 2026, month: 1, amount: 1 }),
      await viewer.put(`/api/v1/projects/${projectId}/plans/2031`, { plannedAmount: 1 }),
      await viewer.post('/api/v1/periods', { name: '第9期', startDate: '2031-01-01', endDate: '2031-03-31' }),
    ])
      expect(res.statusCode).toBe(403);
    expect(await countRows(t.database, 'investment_reports')).toBe(reports);
    expect(await countRows(t.database, 'audit_log')).toBe(audits);
  });

  it('answers 404 for a region outside the actor’s, and scopes to a region inside it', async () => {
    await ensureRegion(t.database, '411102');
    expect((await office.get('/api/v1/dashboard/summary?regionCode=411102')).statusCode).toBe(404);
    const inside = await office.get('/api/v1/dashboard/summary?regionCode=411104');
    expect(inside.statusCode).toBe(200);
    expect((await office.get('/api/v1/dashboard/summary?asOf=2026-13-01')).statusCode).toBe(400);
  });

  it('refuses an anonymous request with 401', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/dashboard/summary' })).statusCode).toBe(401);
  });
});
