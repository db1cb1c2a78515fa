/**
 * Supervision colours 三色督办 (issue 11, first slice): hand-built projects in a region of their own
 * (郾城区 411103, so the demo's 召陵区 records stay out) for each rule, the reasons naming the records,
 * zh-CN vs English messages, 404 outside scope, the colour map's counts, the dashboard's colours, a
 * changed record changing the colour — and the demo district on a fresh start showing all three colours.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@kpc/domain';
import {
  baselineNodes,
  decisions,
  investmentTotals,
  ledgerItems,
  meetings,
  milestones,
  problems,
  scheduleBaselines,
  siteChecks,
} from '../src/db/schema/index.js';
import { seedDemo } from '../src/db/seed/demo.js';
import { projectsInRegion } from '../src/lib/project-scope.js';
import { coloursOf, countColours } from '../src/modules/supervision/supervision.service.js';
import { cloneDatabase, createTestApp, login, TestClock, type Client, type TestApp } from './helpers.js';
import { createLeader, createProject, createUnit, createUser, ensureRegion, FACTORY_PASSWORD } from './factories.js';

const REGION = '411103';
const ASOF = '2026-07-16'; // TEST_NOW in Asia/Shanghai; 197 / 365 of the year gone (54 %)
const ago = (days: number) => addDays(ASOF, -days);

type Reason = {
  rule: string;
  rag: string;
  message: string;
  value: number;
  threshold: number;
  records: { entity: string; id: number; label: string }[];
};
type ProjectRag = { projectId: number; rag: string; computedRag: string; since: null; override: null; reasons: Reason[] };
type RagMap = {
  asOf: string;
  counts: { green: number; yellow: number; red: number };
  items: { projectId: number; code: string; rag: string; reasons: Reason[] }[];
};

let t: TestApp;
let office: Client;
let unitClient: Client;
let otherRegion: Client;
let demoOffice: Client;
let unitId: number;
let seq = 0;

const ok = async <T>(p: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 200): Promise<T> => {
  const res = await p;
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
};
const ragOf = (c: Client, id: number, q = '') => ok<ProjectRag>(c.get(`/api/v1/projects/${id}/rag${q}`));

const project = (o: Parameters<typeof createProject>[1] = {}) => createProject(t.database, { regionCode: REGION, ...o });

async function node(projectId: number, o: { latestFinish: string; durationDays: number; actualFinish?: string }) {
  const [m] = await t.database.db
    .insert(milestones)
    .values({
      projectId,
      key: `n${++seq}`,
      name: `节点${seq}`,
      durationDays: o.durationDays,
      sortOrder: seq,
      actualStart: o.actualFinish ? addDays(o.actualFinish, -1) : null,
      actualFinish: o.actualFinish ?? null,
      status: o.actualFinish ? 'done' : 'not_started',
    })
    .returning();
  let [b] = await t.database.db.select().from(scheduleBaselines).where(eqProject(projectId));
  if (!b)
    [b] = await t.database.db
      .insert(scheduleBaselines)
      .values({ projectId, number: 1, targetDate: '2027-12-31', calendarMode: 'calendar', isCurrent: true })
      .returning();
  await t.database.db.insert(baselineNodes).values({
    baselineId: b!.id,
    milestoneId: m!.id,
    latestStart: addDays(o.latestFinish, -(o.durationDays - 1)),
    latestFinish: o.latestFinish,
  });
  return m!;
}
const eqProject = (projectId: number) => eq(scheduleBaselines.projectId, projectId);

async function ledgerItem(
  projectId: number,
  deadline: string | null,
  status: 'not_started' | 'in_progress' | 'done' = 'in_progress',
) {
  const [i] = await t.database.db
    .insert(ledgerItems)
    .values({
      projectId,
      seq: ++seq,
      unitId,
      content: `台账事项${seq}`,
      deadline,
      recurring: deadline === null,
      status,
      completedOn: status === 'done' ? ago(1) : null,
      focus: 'progress',
    })
    .returning();
  return i!;
}

async function problem(projectId: number, deadline: string, status: 'open' | 'resolved' = 'open') {
  const [p] = await t.database.db
    .insert(problems)
    .values({
      projectId,
      category: 'land',
      source: 'unit_report',
      description: `用地问题${++seq}`,
      raisedOn: ago(90),
      deadline,
      status,
      ...(status === 'resolved' ? { resolution: '已解决', resolvedOn: ago(1) } : {}),
    })
    .returning();
  return p!;
}

let meetingId: number;
async function decision(projectId: number, deadline: string) {
  const [d] = await t.database.db
    .insert(decisions)
    .values({ meetingId, projectId, content: `议定事项${++seq}`, unitId, deadline, status: 'open' })
    .returning();
  return d!;
}

beforeAll(async () => {
  t = await createTestApp();
  await ensureRegion(t.database, REGION);
  await ensureRegion(t.database, '411102');
  const unit = await createUnit(t.database, { regionCode: REGION });
  unitId = unit.id;
  const o = await createUser(t.database, { roles: ['office'], regionCode: REGION });
  const u = await createUser(t.database, { roles: ['unit'], regionCode: REGION, unitId });
  const other = await createUser(t.database, { roles: ['office'], regionCode: '411102' });
  office = await login(t.app, o.username, FACTORY_PASSWORD);
  unitClient = await login(t.app, u.username, FACTORY_PASSWORD);
  otherRegion = await login(t.app, other.username, FACTORY_PASSWORD);
  demoOffice = await login(t.app, 'office');
  const [m] = await t.database.db
    .insert(meetings)
    .values({ regionCode: REGION, kind: 'weekly', title: '周例会', status: 'held', startsAt: new Date('2026-06-01T02:00:00Z') })
    .returning();
  meetingId = m!.id;
});
afterAll(() => t.close());

describe('GET /projects/:id/rag, rule by rule', () => {
  it('a project with nothing late is green, without reasons', async () => {
    const p = await project({ stage: 'planned' });
    await ledgerItem(p.id, null); // recurring: never overdue
    await ledgerItem(p.id, ago(40), 'done');
    await ledgerItem(p.id, ASOF); // due today: not overdue yet
    expect(await ragOf(office, p.id)).toEqual({
      projectId: p.id,
      asOf: ASOF,
      rag: 'green',
      computedRag: 'green',
      since: null,
      reasons: [],
      override: null,
    });
  });

  it('milestone_slip: yellow for a few days, red past 30, naming the nodes', async () => {
    const p = await project();
    // not started, a 100-day node whose latest finish was 95 days from now: forecast asOf + 99 → 4 days late
    const a = await node(p.id, { latestFinish: addDays(ASOF, 95), durationDays: 100 });
    const r1 = await ragOf(office, p.id);
    expect(r1.rag).toBe('yellow');
    expect(r1.reasons).toEqual([
      expect.objectContaining({
        rule: 'milestone_slip',
        rag: 'yellow',
        value: 4,
        threshold: 0,
        records: [{ entity: 'milestone', id: a.id, label: a.name }],
      }),
    ]);
    const b = await node(p.id, { latestFinish: addDays(ASOF, 60), durationDays: 100 }); // 39 days late
    const r2 = await ragOf(office, p.id);
    expect(r2.reasons[0]).toMatchObject({ rule: 'milestone_slip', rag: 'red', value: 39, threshold: 20 });
    expect(r2.reasons[0]!.records.map((x) => x.id)).toEqual([b.id, a.id]);
    // as of the day before, each node is one day less late
    expect((await ragOf(office, p.id, `?asOf=${ago(1)}`)).reasons[0]!.value).toBe(38);
  });

  it('investment_behind: the plan’s completed share against time progress', async () => {
    const plan = 10_000_000;
    const cum = (doneShare: number) => Array.from({ length: 12 }, (_, i) => (i + 1 >= 7 ? Math.round(doneShare * plan) : 0));
    const colour = async (share: number) => {
      const p = await project();
      await t.database.db
        .insert(investmentTotals)
        .values({ projectId: p.id, year: 2026, plannedAmount: plan, approvedCum: cum(share) });
      return (await ragOf(office, p.id)).reasons;
    };
    // 54.0 % of the year gone
    expect(await colour(0.45)).toEqual([]); // 9 points
    expect((await colour(0.43))[0]).toMatchObject({ rule: 'investment_behind', rag: 'yellow', threshold: 10 });
    const red = (await colour(0.28))[0]!;
    expect(red).toMatchObject({ rule: 'investment_behind', rag: 'red', threshold: 25, records: [{ entity: 'project' }] });
    expect(red.value).toBeCloseTo(26, 0);
  });

  it('ledger_overdue: one overdue item is yellow, three red, one over 30 days red', async () => {
    const p = await project();
    const i1 = await ledgerItem(p.id, ago(2));
    expect((await ragOf(office, p.id)).reasons).toEqual([
      expect.objectContaining({
        rule: 'ledger_overdue',
        rag: 'yellow',
        value: 1,
        threshold: 1,
        records: [{ entity: 'ledger_item', id: i1.id, label: i1.content }],
      }),
    ]);
    await ledgerItem(p.id, ago(3));
    await ledgerItem(p.id, ago(4));
    expect((await ragOf(office, p.id)).reasons[0]).toMatchObject({ rule: 'ledger_overdue', rag: 'red', value: 3, threshold: 3 });
    const q = await project();
    await ledgerItem(q.id, ago(31));
    expect((await ragOf(office, q.id)).reasons[0]).toMatchObject({ rag: 'red', value: 31, threshold: 30 });
  });

  it('decision_overdue: open decisions of the project past their deadline', async () => {
    const p = await project();
    const d = await decision(p.id, ago(5));
    expect((await ragOf(office, p.id)).reasons).toEqual([
      expect.objectContaining({
        rule: 'decision_overdue',
        rag: 'yellow',
        records: [{ entity: 'decision', id: d.id, label: d.content }],
      }),
    ]);
    await decision(p.id, ago(45));
    expect((await ragOf(office, p.id)).rag).toBe('red');
  });

  it('stage_deadline_missed: signed and not started by the planned start; started and not completed by the planned completion', async () => {
    const p = await project({ stage: 'signed' });
    await t.database.raw(
      `update projects set contract_date = '2026-03-01', planned_start_date = '${ago(10)}' where id = ${p.id}`,
    );
    const r = (await ragOf(office, p.id)).reasons;
    expect(r).toEqual([
      expect.objectContaining({
        rule: 'stage_deadline_missed',
        rag: 'red',
        value: 10,
        records: [expect.objectContaining({ entity: 'project', id: p.id })],
      }),
    ]);
    expect(r[0]!.message).toContain('已签约未开工');
    const q = await project({ stage: 'building' });
    await t.database.raw(
      `update projects set actual_start_date = '2025-01-01', planned_completion_date = '${ASOF}' where id = ${q.id}`,
    );
    expect((await ragOf(office, q.id)).rag).toBe('green'); // due today
    expect((await ragOf(office, q.id, `?asOf=${addDays(ASOF, 1)}`)).reasons[0]).toMatchObject({
      rule: 'stage_deadline_missed',
      value: 1,
    });
  });

  it('problem_overdue: yellow past the deadline, red past 30 days; a resolved one never counts', async () => {
    const p = await project();
    await problem(p.id, ago(40), 'resolved');
    expect((await ragOf(office, p.id)).rag).toBe('green');
    const x = await problem(p.id, ago(30));
    expect((await ragOf(office, p.id)).reasons).toEqual([
      expect.objectContaining({
        rule: 'problem_overdue',
        rag: 'yellow',
        records: [{ entity: 'problem', id: x.id, label: x.description }],
      }),
    ]);
    expect((await ragOf(office, p.id, `?asOf=${addDays(ASOF, 1)}`)).reasons[0]).toMatchObject({
      rag: 'red',
      value: 31,
      threshold: 30,
    });
  });

  it('leader_quota_shortfall: the contracting leader missed last week’s quota → yellow, naming the leader', async () => {
    const leader = await createLeader(t.database, { name: '督办测试领导', regionCode: REGION });
    const p = await project({ leaderId: leader.id });
    const r = (await ragOf(office, p.id)).reasons;
    expect(r).toEqual([
      expect.objectContaining({
        rule: 'leader_quota_shortfall',
        rag: 'yellow',
        value: 0,
        records: [{ entity: 'leader', id: leader.id, label: '督办测试领导' }],
      }),
    ]);
    expect(r[0]!.message).toContain('2026-W28');
    // two checks last week (the quota's 2) and a problem solved on site in one (its 1): met, the project green
    const checks = await t.database.db
      .insert(siteChecks)
      .values(
        ['2026-07-07T02:00:00Z', '2026-07-08T02:00:00Z'].map((at) => ({
          projectId: p.id,
          leaderId: leader.id,
          checkerName: '督办测试领导',
          checkedAt: new Date(at),
          locationStatus: 'unavailable' as const,
        })),
      )
      .returning({ id: siteChecks.id });
    expect((await ragOf(office, p.id)).reasons[0]).toMatchObject({ rule: 'leader_quota_shortfall', value: 0, threshold: 1 });
    await t.database.db.insert(problems).values({
      projectId: p.id,
      category: 'land',
      source: 'site_check',
      description: '现场解决',
      raisedOn: '2026-07-08',
      status: 'resolved',
      resolution: '现场解决',
      resolvedOn: '2026-07-08',
      solvedOnSite: true,
      solvedByLeaderId: leader.id,
      solvedInSiteCheckId: checks[1]!.id,
      solvedAt: new Date('2026-07-08T03:00:00Z'),
    });
    expect((await ragOf(office, p.id)).rag).toBe('green');
  });

  it('messages in the user’s language', async () => {
    const p = await project();
    await ledgerItem(p.id, ago(2));
    const zh = (await ragOf(office, p.id)).reasons[0]!.message;
    const en = (
      await ok<ProjectRag>(
        office.request({ method: 'GET', url: `/api/v1/projects/${p.id}/rag`, headers: { 'accept-language': 'en' } }),
      )
    ).reasons[0]!.message;
    expect(zh).toMatch(/1 项台账事项逾期/);
    expect(en).toMatch(/1 ledger items overdue/);
  });

  it('answers 404 outside scope: a unit not on the project, another region; the unit’s own project it reads', async () => {
    const p = await project();
    expect((await unitClient.get(`/api/v1/projects/${p.id}/rag`)).statusCode).toBe(404);
    expect((await otherRegion.get(`/api/v1/projects/${p.id}/rag`)).statusCode).toBe(404);
    expect((await office.get('/api/v1/projects/99999999/rag')).statusCode).toBe(404);
    const own = await project({ leadUnitId: unitId });
    expect((await ragOf(unitClient, own.id)).rag).toBe('green');
    expect((await office.get(`/api/v1/projects/${p.id}/rag?asOf=2026-13-01`)).statusCode).toBe(400);
  });
});

describe('GET /supervision/colours', () => {
  it('lists every visible project, red first, with counts equal to the items', async () => {
    const m = await ok<RagMap>(office.get('/api/v1/supervision/colours'));
    expect(m.asOf).toBe(ASOF);
    const count = (rag: string) => m.items.filter((i) => i.rag === rag).length;
    expect(m.counts).toEqual({ green: count('green'), yellow: count('yellow'), red: count('red') });
    expect(m.counts.red).toBeGreaterThan(0);
    const ranks = m.items.map((i) => ({ red: 0, yellow: 1, green: 2 })[i.rag]!);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    for (const i of m.items)
      expect(i.rag === 'green' ? i.reasons.length === 0 : i.reasons.every((r) => r.records.length > 0)).toBe(true);
    // the unit sees only its own projects
    const mine = await ok<RagMap>(unitClient.get('/api/v1/supervision/colours'));
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.length).toBeLessThan(m.items.length);
    // a region outside the actor's is refused
    expect((await otherRegion.get(`/api/v1/supervision/colours?regionCode=${REGION}`)).statusCode).toBe(404);
  });

  it('changing a record changes the colour: finishing overdue items makes a red project yellow, then green', async () => {
    const p = await project();
    const items = [await ledgerItem(p.id, ago(3)), await ledgerItem(p.id, ago(4)), await ledgerItem(p.id, ago(5))];
    const colourIn = async () =>
      (await ok<RagMap>(office.get('/api/v1/supervision/colours'))).items.find((i) => i.projectId === p.id)!.rag;
    expect(await colourIn()).toBe('red');
    const finish = async (i: { id: number }) => {
      const cur = await ok<{ version: number }>(office.get(`/api/v1/ledger-items/${i.id}`));
      await ok(office.patch(`/api/v1/ledger-items/${i.id}`, { version: cur.version, status: 'done', completedOn: ASOF }));
    };
    await finish(items[0]!);
    expect(await colourIn()).toBe('yellow');
    await finish(items[1]!);
    await finish(items[2]!);
    expect(await colourIn()).toBe('green');
  });
});

describe('the demo district on a fresh start', () => {
  it('has all three colours, every yellow and red explained by records', async () => {
    const m = await ok<RagMap>(demoOffice.get('/api/v1/supervision/colours'));
    console.log('demo colours on', ASOF, JSON.stringify(m.counts));
    expect(m.counts.green).toBeGreaterThan(0);
    expect(m.counts.yellow).toBeGreaterThan(0);
    expect(m.counts.red).toBeGreaterThan(0);
    for (const i of m.items.filter((x) => x.rag !== 'green')) {
      expect(i.reasons.length).toBeGreaterThan(0);
      expect(i.reasons[0]!.rag).toBe(i.rag);
      for (const r of i.reasons) expect(r.records.length).toBeGreaterThan(0);
    }
    // the dashboard counts the same projects by the same rules
    const dash = await ok<{
      colours: { green: number; yellow: number; red: number; ids: { green: number[]; yellow: number[]; red: number[] } };
    }>(demoOffice.get(`/api/v1/dashboard/summary?asOf=${ASOF}`));
    expect({ green: dash.colours.green, yellow: dash.colours.yellow, red: dash.colours.red }).toEqual(m.counts);
    expect(dash.colours.ids.red.sort((a, b) => a - b)).toEqual(
      m.items
        .filter((i) => i.rag === 'red')
        .map((i) => i.projectId)
        .sort((a, b) => a - b),
    );
  });
});

describe('the demo loaded on other days', () => {
  // a fresh start today is any day: early in the year, mid-year, late in the year
  for (const day of ['2026-02-10', '2026-05-20', '2026-12-04']) {
    it(`has all three colours when loaded on ${day}`, async () => {
      const database = await cloneDatabase('empty');
      try {
        await database.db.transaction(async (tx) => seedDemo(tx, new TestClock(new Date(`${day}T04:00:00Z`))));
        const colours = await coloursOf(database.db, projectsInRegion('411104'), day, '411104');
        const counts = countColours(colours);
        console.log('demo colours on', day, JSON.stringify(counts));
        expect(counts.green, JSON.stringify(counts)).toBeGreaterThan(0);
        expect(counts.yellow, JSON.stringify(counts)).toBeGreaterThan(0);
        expect(counts.red, JSON.stringify(counts)).toBeGreaterThan(0);
        for (const c of colours)
          if (c.result.rag !== 'green') expect(c.result.reasons.every((r) => r.records.length > 0)).toBe(true);
      } finally {
        await database.close();
      }
    });
  }
});
