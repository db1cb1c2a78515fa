/**
 * The burden measured 填报负担 (issue 12, ADR 0011), in a region of its own (郾城区 411103) so the demo's
 * records stay out: the investment submit, the ledger edit and the site check record what their
 * client measured in the same transaction (absent → nothing; a refused or stale submission → nothing;
 * seconds clamped to an hour); an unchanged submission records 0 fields; the API sums a week per unit,
 * person and project with a weekly trend and the target settings; only the admin and office read it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settings } from '../src/db/schema/index.js';
import { countRows, createTestApp, login, type Client, type TestApp } from './helpers.js';
import { createLeader, createProject, createUnit, createUser, ensureRegion, FACTORY_PASSWORD } from './factories.js';

const REGION = '411103';
type Figures = { submissions: number; fieldsTyped: number; seconds: number; projectWeeks: number };
type Report = {
  target: { fields: number; minutes: number };
  rows: (Figures & { key: string; label: string })[];
  trend: (Figures & { week: string })[];
};

let t: TestApp;
let office: Client;
let admin: Client;
let unitA: Client;
let unitB: Client;
let leaderClient: Client;
let supervisor: Client;
let viewer: Client;
let otherOffice: Client;
let unitAId: number;
let unitBId: number;
let p1: number;
let p2: number;
let unitAUserId: number;
let unitBName: string;

const burden = (c: Client, q: string) => c.get(`/api/v1/burden?${q}`);
const report = async (c: Client, q: string): Promise<Report> => {
  const res = await burden(c, q);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Report;
};
const SPAN = 'from=2026-07-13&to=2026-07-26';

/** A draft by `c`, then submitted with `extra` in the submit body. */
async function submitReport(c: Client, projectId: number, month: number, extra: Record<string, unknown>) {
  const d = await c.post('/api/v1/investment-reports', { projectId, year: 2026, month, amount: 1_000_000 });
  expect(d.statusCode, d.body).toBe(201);
  const r = d.json() as { id: number; version: number };
  return c.post(`/api/v1/investment-reports/${r.id}/submit`, { version: r.version, ...extra });
}

beforeAll(async () => {
  t = await createTestApp();
  await ensureRegion(t.database, REGION);
  await ensureRegion(t.database, '411102');
  const ua = await createUnit(t.database, { name: '负担测试发改委', regionCode: REGION });
  const ub = await createUnit(t.database, { name: '负担测试住建局', regionCode: REGION });
  unitAId = ua.id;
  unitBId = ub.id;
  const leader = await createLeader(t.database, { name: '负担测试领导', regionCode: REGION });
  p1 = (await createProject(t.database, { name: '负担测试项目一', regionCode: REGION, leadUnitId: ua.id, leaderId: leader.id }))
    .id;
  p2 = (await createProject(t.database, { name: '负担测试项目二', regionCode: REGION, leadUnitId: ub.id })).id;
  const mk = async (o: Parameters<typeof createUser>[1]) => {
    const u = await createUser(t.database, { regionCode: REGION, ...o });
    return { id: u.id, client: await login(t.app, u.username, FACTORY_PASSWORD) };
  };
  office = (await mk({ roles: ['office'] })).client;
  admin = (await mk({ roles: ['admin'] })).client;
  const a = await mk({ roles: ['unit'], unitId: ua.id });
  unitA = a.client;
  unitAUserId = a.id;
  const b = await mk({ roles: ['unit'], unitId: ub.id });
  unitB = b.client;
  unitBName = b.client.user.username;
  leaderClient = (await mk({ roles: ['leader'], leaderId: leader.id })).client;
  supervisor = (await mk({ roles: ['supervisor'] })).client;
  viewer = (await mk({ roles: ['viewer'] })).client;
  otherOffice = (await mk({ roles: ['office'], regionCode: '411102' })).client;
});
afterAll(async () => t?.close());

describe('recording', () => {
  it('records an investment submit with its fields and seconds, in the unit of the user, and nothing without `burden`', async () => {
    const before = await countRows(t.database, 'burden_entries');
    const res = await submitReport(unitA, p1, 5, { burden: { fieldsTyped: 3, seconds: 40 } });
    expect(res.statusCode, res.body).toBe(200);
    const { rows } = await t.database.raw(
      `select screen, project_id, unit_id, user_id, iso_week, fields_typed, seconds from burden_entries order by id desc limit 1`,
    );
    expect(rows[0]).toEqual({
      screen: 'investment_report',
      project_id: p1,
      unit_id: unitAId,
      user_id: unitAUserId,
      iso_week: '2026-W29',
      fields_typed: 3,
      seconds: 40,
    });
    // a submit without burden (an older client, the offline queue) records nothing
    expect((await submitReport(unitB, p2, 5, {})).statusCode).toBe(200);
    expect(await countRows(t.database, 'burden_entries')).toBe(before + 1);
  });

  it('records an unchanged submission as 0 fields', async () => {
    const res = await submitReport(unitA, p1, 6, { burden: { fieldsTyped: 0, seconds: 20 } });
    expect(res.statusCode, res.body).toBe(200);
    const { rows } = await t.database.raw(`select fields_typed, seconds from burden_entries order by id desc limit 1`);
    expect(rows[0]).toEqual({ fields_typed: 0, seconds: 20 });
  });

  it('records a ledger edit, its seconds clamped to an hour', async () => {
    const created = await office.post(`/api/v1/projects/${p1}/ledger-items`, {
      unitId: unitAId,
      content: '完成环评批复',
      measures: '对接生态环境局',
      deadline: '2026-07-31',
      ownerName: '李明',
    });
    expect(created.statusCode, created.body).toBe(201);
    const item = created.json() as { id: number; version: number };
    const res = await unitA.patch(`/api/v1/ledger-items/${item.id}`, {
      version: item.version,
      progressNote: '已报送材料',
      burden: { fieldsTyped: 2, seconds: 5000 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { rows } = await t.database.raw(`select screen, fields_typed, seconds from burden_entries order by id desc limit 1`);
    expect(rows[0]).toEqual({ screen: 'ledger_item', fields_typed: 2, seconds: 3600 });
    // a stale edit is refused and records nothing
    const n = await countRows(t.database, 'burden_entries');
    const stale = await unitA.patch(`/api/v1/ledger-items/${item.id}`, {
      version: item.version,
      progressNote: '再次报送',
      burden: { fieldsTyped: 1, seconds: 10 },
    });
    expect(stale.statusCode).toBe(409);
    expect(await countRows(t.database, 'burden_entries')).toBe(n);
  });

  it('records a site check once, however often its client key is sent', async () => {
    const n = await countRows(t.database, 'burden_entries');
    const body = {
      clientKey: randomUUID(),
      projectId: p1,
      checkedAt: new Date(t.clock.now().getTime() - 10 * 60_000).toISOString(),
      location: { status: 'unavailable' },
      findings: '现场施工正常',
      burden: { fieldsTyped: 1, seconds: 30 },
    };
    expect((await leaderClient.post('/api/v1/site-checks', body)).statusCode).toBe(201);
    expect((await leaderClient.post('/api/v1/site-checks', body)).statusCode).toBe(200);
    expect(await countRows(t.database, 'burden_entries')).toBe(n + 1);
    const { rows } = await t.database.raw(`select screen, unit_id from burden_entries order by id desc limit 1`);
    expect(rows[0]).toEqual({ screen: 'site_check', unit_id: null });
  });

  it('refuses bad burden input with 400 and leaves the report a draft', async () => {
    const n = await countRows(t.database, 'burden_entries');
    const d = (await unitB.post('/api/v1/investment-reports', { projectId: p2, year: 2026, month: 6, amount: 5 })).json() as {
      id: number;
      version: number;
    };
    for (const bad of [
      { fieldsTyped: -1, seconds: 3 },
      { fieldsTyped: 1.5, seconds: 3 },
      { fieldsTyped: 1, seconds: -2 },
      { fieldsTyped: 1 },
    ]) {
      const res = await unitB.post(`/api/v1/investment-reports/${d.id}/submit`, { version: d.version, burden: bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await unitB.get(`/api/v1/investment-reports/${d.id}`)).json().status).toBe('draft');
    expect(await countRows(t.database, 'burden_entries')).toBe(n);
  });
});

describe('GET /burden', () => {
  it('sums the week per unit: 3 + 0 fields of two reports and 2 of a ledger edit, seconds 40 + 20 + 3600', async () => {
    const r = await report(office, `${SPAN}&groupBy=unit`);
    const a = r.rows.find((x) => x.key === String(unitAId));
    expect(a).toMatchObject({ label: '负担测试发改委', submissions: 3, fieldsTyped: 5, seconds: 3660, projectWeeks: 1 });
    // the leader's site check has no unit
    expect(r.rows.find((x) => x.key === 'none')).toMatchObject({ label: '（无单位）', submissions: 1, fieldsTyped: 1 });
    // unit B's submit carried no burden: it is not listed
    expect(r.rows.find((x) => x.key === String(unitBId))).toBeUndefined();
    expect(r.rows[0]!.key).toBe(String(unitAId));
    expect(r.target).toEqual({ fields: 10, minutes: 3 });
  });

  it('gives the weekly trend over every week of the span, also empty ones, and a later week apart', async () => {
    t.clock.set(new Date('2026-07-21T03:00:00Z')); // Tuesday of 2026-W30
    try {
      // a fresh session: the first one ended with the days the clock moved
      const later = await login(t.app, unitBName, FACTORY_PASSWORD);
      expect((await submitReport(later, p2, 4, { burden: { fieldsTyped: 4, seconds: 90 } })).statusCode).toBe(200);
    } finally {
      t.clock.set(new Date('2026-07-16T06:00:00Z'));
    }
    const r = await report(admin, `from=2026-07-06&to=2026-07-26&groupBy=project`);
    expect(r.trend).toEqual([
      { week: '2026-W28', submissions: 0, fieldsTyped: 0, seconds: 0, projectWeeks: 0 },
      { week: '2026-W29', submissions: 4, fieldsTyped: 6, seconds: 3690, projectWeeks: 1 },
      { week: '2026-W30', submissions: 1, fieldsTyped: 4, seconds: 90, projectWeeks: 1 },
    ]);
    expect(r.rows.map((x) => [x.label, x.fieldsTyped, x.projectWeeks])).toEqual([
      ['负担测试项目一', 6, 1],
      ['负担测试项目二', 4, 1],
    ]);
    // a span of one day counts only that day
    const day = await report(admin, `from=2026-07-21&to=2026-07-21&groupBy=person`);
    expect(day.rows).toHaveLength(1);
    expect(day.rows[0]).toMatchObject({ fieldsTyped: 4, submissions: 1 });
  });

  it('takes the target from the region’s settings', async () => {
    await t.database.db.insert(settings).values([
      { regionCode: REGION, key: 'burdenTargetFields', value: 8 },
      { regionCode: REGION, key: 'burdenTargetMinutes', value: 2 },
    ]);
    expect((await report(office, SPAN)).target).toEqual({ fields: 8, minutes: 2 });
  });

  it('shows another region’s office none of these entries', async () => {
    expect((await report(otherOffice, SPAN)).rows).toEqual([]);
  });

  it('refuses units, leaders, supervisors and viewers (403)', async () => {
    for (const c of [unitA, leaderClient, supervisor, viewer]) expect((await burden(c, SPAN)).statusCode).toBe(403);
  });

  it('refuses a bad span with 400', async () => {
    expect((await burden(office, 'from=2026-07-20&to=2026-07-01')).statusCode).toBe(400);
    expect((await burden(office, 'from=2026-07-20')).statusCode).toBe(400);
    expect((await burden(office, `${SPAN}&groupBy=colour`)).statusCode).toBe(400);
  });
});

describe('the demo', () => {
  it('has 8 weeks of burden before this one, falling, for the district office to see', async () => {
    const demoOffice = await login(t.app, 'office');
    // TEST_NOW is Thursday 2026-07-16 (2026-W29): the 8 weeks are W21–W28
    const r = await report(demoOffice, 'from=2026-05-18&to=2026-07-19&groupBy=unit');
    const weeks = r.trend.filter((w) => w.submissions > 0).map((w) => w.week);
    expect(weeks).toEqual(['2026-W21', '2026-W22', '2026-W23', '2026-W24', '2026-W25', '2026-W26', '2026-W27', '2026-W28']);
    const perWeek = r.trend.slice(0, 8).map((w) => w.fieldsTyped / w.projectWeeks);
    expect(perWeek[7]!).toBeLessThan(perWeek[0]!);
    expect(r.rows.length).toBeGreaterThan(10);
  });
});
