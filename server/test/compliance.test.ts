/**
 * The weekly quota 周督查 on hand-built weeks, in a region of its own (郾城区 411103) so the demo's
 * 召陵区 records stay out: ISO week 53 / week 1, a check at 23:59 Sunday Asia/Shanghai, a problem
 * solved on site at an on-site office meeting vs in a check (a weekly meeting is not on site), two
 * checks and nothing solved, the region's own quota settings, who reads it (units and enterprises
 * 403), who is listed (the region's leaders and task-force heads, also with nothing; never another
 * region's), and the dashboard's rate, live. And the demo data: most but not all leaders meet it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoWeekOf, shanghaiDate } from '@kpc/domain';
import { meetings, problems, settings, siteChecks, taskForceMembers } from '../src/db/schema/index.js';
import { weeklyShortfalls } from '../src/modules/compliance/compliance.service.js';
import { QUOTA_MET_BY_WEEK } from '../src/db/seed/demo-meetings.js';
import { buildApp } from '../src/app.js';
import { seedDemo } from '../src/db/seed/demo.js';
import { cloneDatabase, createTestApp, login, TEST_NOW, TestClock, type Client, type TestApp } from './helpers.js';
import {
  createEnterprise,
  createLeader,
  createProject,
  createUnit,
  createUser,
  ensureRegion,
  FACTORY_PASSWORD,
} from './factories.js';

const REGION = '411103';

type Row = { personType: string; personId: number; name: string; siteChecks: number; solvedOnSite: number; met: boolean };
type Weekly = { week: string; monday: string; sunday: string; rows: Row[]; metCount: number; total: number };
type Rate = { week: string; metCount: number; total: number; rate: number | null } | null;
type Heatmap = {
  weeks: string[];
  rows: {
    personType: string;
    personId: number;
    name: string;
    metWeeks: number;
    cells: Omit<Row, 'personType' | 'personId' | 'name'>[];
  }[];
};

let t: TestApp;
let office: Client;
let viewer: Client;
let supervisor: Client;
let leaderClient: Client;
let unitClient: Client;
let enterpriseClient: Client;
let demoOffice: Client;
/** 甲 meets the quota in 2026-W53 (one solved at an on-site office meeting); 乙 checks twice and solves nothing. */
let jia: { id: number };
let yi: { id: number };
/** 丙 has no record at all. */
let bing: { id: number };
let headUser: { id: number };
let projectId: number;
let onsiteMeeting: number;
let weeklyMeeting: number;

const ok = async <T>(p: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 200): Promise<T> => {
  const res = await p;
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
};
const weekly = (c: Client, week?: string) => ok<Weekly>(c.get(`/api/v1/compliance/weekly${week ? `?week=${week}` : ''}`));
const rowOf = (w: Weekly, personType: string, personId: number) =>
  w.rows.find((r) => r.personType === personType && r.personId === personId);

async function check(o: { leaderId?: number | null; userId?: number | null; at: string }) {
  const [r] = await t.database.db
    .insert(siteChecks)
    .values({
      projectId,
      leaderId: o.leaderId ?? null,
      userId: o.userId ?? null,
      checkerName: '测试检查人',
      checkedAt: new Date(o.at),
      locationStatus: 'unavailable',
    })
    .returning({ id: siteChecks.id });
  return r!.id;
}

async function solved(o: {
  leaderId?: number | null;
  userId?: number | null;
  at: string;
  meetingId?: number;
  siteCheckId?: number;
  onSite?: boolean;
}) {
  const at = new Date(o.at);
  const [r] = await t.database.db
    .insert(problems)
    .values({
      projectId,
      category: 'land',
      source: o.meetingId ? 'meeting' : 'site_check',
      description: '测试问题',
      raisedOn: addDays(shanghaiDate(at), -3),
      status: 'resolved',
      resolution: '现场解决',
      resolvedOn: shanghaiDate(at),
      solvedOnSite: o.onSite ?? true,
      solvedByLeaderId: o.leaderId ?? null,
      solvedByUserId: o.userId ?? null,
      solvedInMeetingId: o.meetingId ?? null,
      solvedInSiteCheckId: o.siteCheckId ?? null,
      solvedAt: at,
    })
    .returning({ id: problems.id, version: problems.version });
  return r!;
}

beforeAll(async () => {
  t = await createTestApp();
  await ensureRegion(t.database, REGION);
  await ensureRegion(t.database, '411102');
  jia = await createLeader(t.database, { name: '督查甲', regionCode: REGION });
  yi = await createLeader(t.database, { name: '督查乙', regionCode: REGION });
  bing = await createLeader(t.database, { name: '督查丙', regionCode: REGION });
  await createLeader(t.database, { name: '源汇区领导', regionCode: '411102' });
  const unit = await createUnit(t.database, { regionCode: REGION });
  const enterprise = await createEnterprise(t.database, { regionCode: REGION });
  const p = await createProject(t.database, {
    regionCode: REGION,
    leaderId: jia.id,
    leadUnitId: unit.id,
    enterpriseId: enterprise.id,
  });
  projectId = p.id;
  // a task-force head with an account of their own, and a head whose account is a leader's (counted as the leader)
  headUser = await createUser(t.database, { roles: ['unit'], regionCode: REGION, unitId: unit.id });
  const leaderAccount = await createUser(t.database, { roles: ['leader'], regionCode: REGION, leaderId: jia.id });
  await t.database.db.insert(taskForceMembers).values([
    { projectId, name: '专班长', post: 'head', userId: headUser.id },
    { projectId, name: '督查甲', post: 'head', userId: leaderAccount.id },
    { projectId, name: '联络员', post: 'liaison', userId: null },
  ]);
  const [m1, m2] = await t.database.db
    .insert(meetings)
    .values([
      {
        regionCode: REGION,
        kind: 'onsite_office',
        title: '现场办公会',
        status: 'held',
        startsAt: new Date('2027-01-01T10:00:00+08:00'),
        siteProjectId: projectId,
      },
      { regionCode: REGION, kind: 'weekly', title: '周例会', status: 'held', startsAt: new Date('2026-12-29T08:30:00+08:00') },
    ])
    .returning({ id: meetings.id });
  onsiteMeeting = m1!.id;
  weeklyMeeting = m2!.id;

  // 2026-W53 = Monday 2026-12-28 … Sunday 2027-01-03 (Asia/Shanghai)
  await check({ leaderId: jia.id, at: '2026-12-28T09:00:00+08:00' });
  await check({ leaderId: jia.id, userId: leaderAccount.id, at: '2027-01-03T23:59:00+08:00' }); // 23:59 Sunday: still W53
  await solved({ leaderId: jia.id, at: '2027-01-01T10:00:00+08:00', meetingId: onsiteMeeting }); // at an on-site office meeting
  await check({ leaderId: yi.id, at: '2026-12-29T09:00:00+08:00' });
  await check({ leaderId: yi.id, at: '2026-12-31T09:00:00+08:00' });
  await solved({ leaderId: yi.id, at: '2026-12-29T09:00:00+08:00', meetingId: weeklyMeeting }); // a weekly meeting is not on site
  await solved({ leaderId: yi.id, at: '2026-12-30T09:00:00+08:00', onSite: false });
  // 2027-W01: 00:00 Monday belongs here; 乙 solves in a check
  await check({ leaderId: jia.id, at: '2027-01-04T00:00:00+08:00' });
  const c1 = await check({ leaderId: yi.id, at: '2027-01-05T09:00:00+08:00' });
  await check({ leaderId: yi.id, at: '2027-01-07T09:00:00+08:00' });
  await solved({ leaderId: yi.id, at: '2027-01-05T09:00:00+08:00', siteCheckId: c1 });
  // the head: two checks and one solved in a check, logged from their own account
  const h1 = await check({ userId: headUser.id, at: '2027-01-04T10:00:00+08:00' });
  await check({ userId: headUser.id, at: '2027-01-06T10:00:00+08:00' });
  await solved({ userId: headUser.id, at: '2027-01-04T10:00:00+08:00', siteCheckId: h1 });

  const mk = async (o: Parameters<typeof createUser>[1]) =>
    login(t.app, (await createUser(t.database, o)).username, FACTORY_PASSWORD);
  office = await mk({ roles: ['office'], regionCode: REGION });
  viewer = await mk({ roles: ['viewer'], regionCode: REGION });
  supervisor = await mk({ roles: ['supervisor'], regionCode: REGION });
  leaderClient = await mk({ roles: ['leader'], regionCode: REGION, leaderId: yi.id });
  unitClient = await login(
    t.app,
    (await createUser(t.database, { roles: ['unit'], regionCode: REGION, unitId: unit.id })).username,
    FACTORY_PASSWORD,
  );
  enterpriseClient = await mk({ roles: ['enterprise'], regionCode: REGION, enterpriseId: enterprise.id });
  demoOffice = await login(t.app, 'office');
});
afterAll(async () => t?.close());

describe('the week’s table', () => {
  it('counts week 53: the 23:59 Sunday check, a problem solved at an on-site office meeting; 2 checks and 0 solved is not met', async () => {
    const w = await weekly(office, '2026-W53');
    expect(w).toMatchObject({ week: '2026-W53', monday: '2026-12-28', sunday: '2027-01-03' });
    expect(rowOf(w, 'leader', jia.id)).toMatchObject({ name: '督查甲', siteChecks: 2, solvedOnSite: 1, met: true });
    // solved at a weekly meeting or off site does not count
    expect(rowOf(w, 'leader', yi.id)).toMatchObject({ siteChecks: 2, solvedOnSite: 0, met: false });
    expect(rowOf(w, 'leader', bing.id)).toMatchObject({ siteChecks: 0, solvedOnSite: 0, met: false });
    expect(rowOf(w, 'task_force_head', headUser.id)).toMatchObject({ siteChecks: 0, met: false });
    expect(w.metCount).toBe(1);
    expect(w.total).toBe(4);
    // met first
    expect(w.rows[0]!.personId).toBe(jia.id);
  });

  it('counts week 1 apart: 00:00 Monday is the new week; a problem solved in a check; the head by their account', async () => {
    const w = await weekly(office, '2027-W01');
    expect(w).toMatchObject({ monday: '2027-01-04', sunday: '2027-01-10' });
    expect(rowOf(w, 'leader', jia.id)).toMatchObject({ siteChecks: 1, solvedOnSite: 0, met: false });
    expect(rowOf(w, 'leader', yi.id)).toMatchObject({ siteChecks: 2, solvedOnSite: 1, met: true });
    expect(rowOf(w, 'task_force_head', headUser.id)).toMatchObject({ siteChecks: 2, solvedOnSite: 1, met: true });
    expect(w.metCount).toBe(2);
  });

  it('lists only the region’s leaders and heads: the leader’s own account is not a second row, another region’s people are absent', async () => {
    const w = await weekly(office, '2026-W53');
    expect(w.rows.map((r) => r.name).sort()).toEqual(['测试用户 unit', '督查丙', '督查乙', '督查甲'].sort());
    const demo = await weekly(demoOffice, '2026-W53');
    expect(demo.rows.some((r) => r.name.startsWith('督查') || r.name === '源汇区领导')).toBe(false);
  });

  it('defaults to the current week (Asia/Shanghai) and refuses a bad week with a zh-CN message', async () => {
    t.clock.set(new Date('2027-01-03T16:30:00Z')); // Monday 00:30 in Shanghai, still Sunday in UTC
    try {
      // a session of that day (sessions expire when the clock jumps)
      const then = await login(
        t.app,
        (await createUser(t.database, { roles: ['office'], regionCode: REGION })).username,
        FACTORY_PASSWORD,
      );
      expect((await weekly(then)).week).toBe('2027-W01');
    } finally {
      t.clock.set(TEST_NOW);
    }
    expect((await weekly(office)).week).toBe(isoWeekOf(TEST_NOW));
    for (const bad of ['2025-W53', '2026-W00', '2026-W54', '2026-13', 'x']) {
      const res = await office.request({
        method: 'GET',
        url: `/api/v1/compliance/weekly?week=${bad}`,
        headers: { 'accept-language': 'zh-CN' },
      });
      expect(res.statusCode, bad).toBe(400);
      expect(res.body).toContain('周次格式应为');
    }
    expect((await office.get('/api/v1/compliance/heatmap?to=2025-W53')).statusCode).toBe(400);
  });

  it('follows the region’s own quota settings', async () => {
    await t.database.db.insert(settings).values([
      { regionCode: REGION, key: 'weeklySiteChecksRequired', value: 1 },
      { regionCode: REGION, key: 'weeklySolvedOnSiteRequired', value: 0 },
    ]);
    try {
      const w = await weekly(office, '2027-W01');
      expect(rowOf(w, 'leader', jia.id)).toMatchObject({ siteChecks: 1, met: true });
      expect(rowOf(w, 'leader', bing.id)!.met).toBe(false);
      expect(w.metCount).toBe(3);
      // another region keeps the default
      const demo = await weekly(demoOffice, '2027-W01');
      expect(demo.rows.every((r) => !r.met)).toBe(true);
    } finally {
      await t.database.raw(`delete from settings where region_code = '${REGION}'`);
    }
    expect((await weekly(office, '2027-W01')).metCount).toBe(2);
  });

  it('is read by office, supervisor, viewer and leaders (the whole region’s ranking); units and enterprises are refused', async () => {
    for (const c of [office, supervisor, viewer, leaderClient]) expect((await weekly(c, '2026-W53')).total).toBe(4);
    for (const c of [unitClient, enterpriseClient]) {
      expect((await c.get('/api/v1/compliance/weekly?week=2026-W53')).statusCode).toBe(403);
      expect((await c.get('/api/v1/compliance/heatmap')).statusCode).toBe(403);
    }
  });

  it('exports the shortfalls for the modules that follow (supervision, evaluation)', async () => {
    const s = await weeklyShortfalls(t.database.db, REGION, '2026-W53');
    expect(s.quota).toEqual({ siteChecks: 2, solvedOnSite: 1 });
    expect(s.rows.map((r) => r.personId).sort()).toEqual([yi.id, bing.id, headUser.id].sort());
  });
});

describe('the heat map', () => {
  it('gives each person the weeks’ figures across the turn of the year, oldest first', async () => {
    const h = await ok<Heatmap>(office.get('/api/v1/compliance/heatmap?to=2027-W02&weeks=3'));
    expect(h.weeks).toEqual(['2026-W53', '2027-W01', '2027-W02']);
    const jiaRow = h.rows.find((r) => r.personType === 'leader' && r.personId === jia.id)!;
    expect(jiaRow.cells.map((c) => c.met)).toEqual([true, false, false]);
    expect(jiaRow.metWeeks).toBe(1);
    const yiRow = h.rows.find((r) => r.personType === 'leader' && r.personId === yi.id)!;
    expect(yiRow.cells.map((c) => [c.siteChecks, c.solvedOnSite])).toEqual([
      [2, 0],
      [2, 1],
      [0, 0],
    ]);
    expect(h.rows).toHaveLength(4);
    expect((await ok<Heatmap>(office.get('/api/v1/compliance/heatmap'))).weeks).toHaveLength(12);
  });
});

describe('the dashboard’s rate', () => {
  const rate = async (c: Client, asOf: string) =>
    (await ok<{ weeklyComplianceRate: Rate }>(c.get(`/api/v1/dashboard/summary?asOf=${asOf}`))).weeklyComplianceRate;

  it('is this week’s met / total as of asOf, and changes when a record changes', async () => {
    expect(await rate(office, '2027-01-03')).toEqual({ week: '2026-W53', metCount: 1, total: 4, rate: 0.25 });
    // as of Thursday 31 December, 甲 had one check and nothing solved yet
    expect(await rate(office, '2026-12-31')).toMatchObject({ week: '2026-W53', metCount: 0 });
    const p = await solved({ leaderId: yi.id, at: '2027-01-02T11:00:00+08:00', siteCheckId: undefined });
    expect(await rate(office, '2027-01-03')).toEqual({ week: '2026-W53', metCount: 2, total: 4, rate: 0.5 });
    await t.database.raw(`update problems set status = 'open', solved_on_site = false where id = ${p.id}`);
    expect((await rate(office, '2027-01-03'))!.metCount).toBe(1);
  });

  it('is null for units and enterprises, who do not read the table', async () => {
    expect(await rate(unitClient, '2027-01-03')).toBeNull();
    expect(await rate(enterpriseClient, '2027-01-03')).toBeNull();
    expect((await rate(leaderClient, '2027-01-03'))!.total).toBe(4);
  });
});

describe('the demo data', () => {
  it('has most but not all of the 24 leaders meeting the quota in the last complete weeks, nobody in every week', async () => {
    const today = shanghaiDate(TEST_NOW);
    const current = isoWeekOf(TEST_NOW);
    const h = await ok<Heatmap>(demoOffice.get(`/api/v1/compliance/heatmap?to=${current}&weeks=12`));
    expect(h.rows).toHaveLength(24);
    expect(h.rows.every((r) => r.personType === 'leader')).toBe(true);
    // the API agrees with the seed's plan week by week (0 = this week)
    const metByWeek = h.weeks.map((_, i) => h.rows.filter((r) => r.cells[i]!.met).length).reverse();
    expect(metByWeek).toEqual([...QUOTA_MET_BY_WEEK]);
    for (let w = 1; w <= 3; w++) {
      expect(metByWeek[w]!, `week -${w}`).toBeGreaterThan(12);
      expect(metByWeek[w]!, `week -${w}`).toBeLessThan(24);
    }
    // most leaders met it at least once in the 12 weeks, nobody every week
    expect(h.rows.filter((r) => r.metWeeks > 0).length).toBeGreaterThan(12);
    expect(h.rows.every((r) => r.metWeeks < 12)).toBe(true);
    const dash = (await ok<{ weeklyComplianceRate: Rate }>(demoOffice.get(`/api/v1/dashboard/summary?asOf=${today}`)))
      .weeklyComplianceRate;
    expect(dash).toMatchObject({ week: current, metCount: QUOTA_MET_BY_WEEK[0], total: 24 });
  });
});

describe('the demo data on other load dates', () => {
  for (const at of [new Date('2026-02-10T04:00:00Z'), new Date('2027-01-01T04:00:00Z')]) {
    it(`meets the seed's plan for the complete weeks when loaded at ${at.toISOString()}`, async () => {
      const database = await cloneDatabase('empty');
      const clock = new TestClock(at);
      await database.db.transaction(async (tx) => seedDemo(tx, clock));
      const app = await buildApp({ database, clock, loginRateLimit: 10_000, writeRateLimit: 100_000, webDist: '/nonexistent' });
      try {
        await app.ready();
        const c = await login(app, 'office');
        const h = await ok<Heatmap>(c.get('/api/v1/compliance/heatmap'));
        expect(h.weeks[11]).toBe(isoWeekOf(at));
        const metByWeek = h.weeks.map((_, i) => h.rows.filter((r) => r.cells[i]!.met).length).reverse();
        // the current week is under way; the complete ones are as planned, reaching into last year
        expect(metByWeek.slice(1)).toEqual(QUOTA_MET_BY_WEEK.slice(1));
        expect(metByWeek[0]).toBeLessThanOrEqual(QUOTA_MET_BY_WEEK[0]);
        expect(h.rows.filter((r) => r.metWeeks > 0).length).toBeGreaterThan(12);
      } finally {
        await app.close();
        await database.close();
      }
    });
  }
});
