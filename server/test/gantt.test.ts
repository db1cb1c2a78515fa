import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.js';
import { createTestApp, login, type Client, type TestApp } from './helpers.js';
import { FACTORY_PASSWORD, createLeader, createUser, ensureRegion } from './factories.js';

let t: TestApp;
let office: Client;
let viewer: Client;
let otherRegionOffice: Client;
let portfolioLeader: { id: number };
let smallLeader: { id: number };

/**
 * Counts SQL statements sent to the driver. A test-only hook: wraps the driver's `query` method that
 * Drizzle calls (the pg pool), so production code carries no instrumentation.
 */
function countStatements(database: Database) {
  const target = database.pool as unknown as { query: (...a: unknown[]) => Promise<unknown> };
  const original = target.query;
  let n = 0;
  target.query = function (this: unknown, ...args: unknown[]) {
    n++;
    return original.apply(this, args);
  };
  return {
    get count() {
      return n;
    },
    restore: () => {
      target.query = original;
    },
  };
}

/** Projects of one leader, each a chain of `nodes` 30-day nodes with a baseline from 2026-01-01; 3 done. */
async function generatePortfolio(database: Database, leaderId: number, projectCount: number, nodes: number) {
  await database.raw(
    `insert into projects (code, name, level, category, region_code, total_investment, leader_id, stage)
     select 'GT-' || $3::text || '-' || g, '甘特测试项目' || g, 'district', 'industry', '411104', 100000000, $1::int, 'building'
     from generate_series(1, $2::int) g`,
    [leaderId, projectCount, String(leaderId)],
  );
  await database.raw(
    `insert into milestones (project_id, key, name, duration_days, sort_order, actual_start, actual_finish, status)
     select p.id, 'n' || k, '节点' || k, 30, k,
            case when k <= 3 then date '2026-01-01' + (k - 1) * 30 end,
            case when k <= 3 then date '2026-01-01' + (k - 1) * 30 + 29 + (p.id % 3)::int end,
            case when k <= 3 then 'done' else 'not_started' end
     from projects p cross join generate_series(1, $2::int) k where p.leader_id = $1::int`,
    [leaderId, nodes],
  );
  await database.raw(
    `insert into milestone_dependencies (project_id, predecessor_id, successor_id, lag_days)
     select a.project_id, a.id, b.id, 0 from milestones a
     join milestones b on b.project_id = a.project_id and b.sort_order = a.sort_order + 1
     join projects p on p.id = a.project_id where p.leader_id = $1::int`,
    [leaderId],
  );
  await database.raw(
    `insert into schedule_baselines (project_id, number, target_date, calendar_mode, is_current)
     select id, 1, date '2026-01-01' + $2::int * 30 - 1, 'calendar', true from projects where leader_id = $1::int`,
    [leaderId, nodes],
  );
  await database.raw(
    `insert into baseline_nodes (baseline_id, milestone_id, latest_start, latest_finish)
     select b.id, m.id, date '2026-01-01' + (m.sort_order - 1) * 30, date '2026-01-01' + (m.sort_order - 1) * 30 + 29
     from milestones m join schedule_baselines b on b.project_id = m.project_id and b.is_current
     join projects p on p.id = m.project_id where p.leader_id = $1::int`,
    [leaderId],
  );
}

/**
 * `perProject` ledger items on each of the leader's projects, owed by the first unit: 序号 1 done on
 * 2026-06-28 (recorded 2026-03-01 in Shanghai, the evening before in UTC), 2 open and past its deadline
 * (recorded after it), 3 not started, due later; any further ones like 3.
 */
async function generateLedger(database: Database, leaderId: number, perProject: number) {
  await database.raw(
    `insert into ledger_items (project_id, seq, unit_id, content, deadline, owner_name, status, completed_on, focus, created_at)
     select p.id, k, (select min(id) from units), '台账事项' || k,
            case k when 1 then date '2026-06-30' when 2 then date '2026-07-01' else date '2026-09-30' end,
            '张' || k,
            case k when 1 then 'done' when 2 then 'in_progress' else 'not_started' end,
            case k when 1 then date '2026-06-28' end,
            'progress',
            case k when 1 then timestamptz '2026-02-28 20:00:00+00' when 2 then timestamptz '2026-07-10 10:00:00+08'
                   else timestamptz '2026-07-01 10:00:00+08' end
     from projects p cross join generate_series(1, $2::int) k where p.leader_id = $1::int`,
    [leaderId, perProject],
  );
}

beforeAll(async () => {
  t = await createTestApp();
  portfolioLeader = await createLeader(t.database);
  smallLeader = await createLeader(t.database);
  await generatePortfolio(t.database, portfolioLeader.id, 300, 10);
  await generatePortfolio(t.database, smallLeader.id, 3, 10);
  await generateLedger(t.database, portfolioLeader.id, 5);
  await generateLedger(t.database, smallLeader.id, 3);
  await ensureRegion(t.database, '411102');
  const v = await createUser(t.database, { roles: ['viewer'] });
  const o2 = await createUser(t.database, { roles: ['office'], regionCode: '411102' });
  office = await login(t.app, 'office');
  viewer = await login(t.app, v.username, FACTORY_PASSWORD);
  otherRegionOffice = await login(t.app, o2.username, FACTORY_PASSWORD);
});
afterAll(async () => t?.close());

describe('GET /gantt', () => {
  it('answers 3,000 nodes with a small fixed number of SQL statements', async () => {
    const counter = countStatements(t.database);
    try {
      const res = await viewer.get(`/api/v1/gantt?leaderId=${portfolioLeader.id}`);
      expect(res.statusCode).toBe(200);
      const big = counter.count;
      const g = res.json();
      expect(g.nodeCount).toBe(3000);
      expect(g.projects.length).toBe(300);
      expect(big).toBeLessThanOrEqual(5);

      const before = counter.count;
      const small = await viewer.get(`/api/v1/gantt?leaderId=${smallLeader.id}`);
      expect(small.json().nodeCount).toBe(30);
      // the same statements for 30 nodes as for 3,000: nothing per project or per node
      expect(counter.count - before).toBe(big);
    } finally {
      counter.restore();
    }
  });

  it('adds the ledger items of every project with ledger=true in exactly one more statement', async () => {
    const counter = countStatements(t.database);
    try {
      await viewer.get(`/api/v1/gantt?leaderId=${smallLeader.id}`);
      const nodesOnly = counter.count;

      let before = counter.count;
      const big = await viewer.get(`/api/v1/gantt?leaderId=${portfolioLeader.id}&ledger=true`);
      expect(big.statusCode).toBe(200);
      expect(counter.count - before).toBe(nodesOnly + 1);
      const projects = big.json().projects as { ledgerItems: unknown[] }[];
      expect(projects.length).toBe(300);
      expect(projects.reduce((n, p) => n + p.ledgerItems.length, 0)).toBe(1500);

      before = counter.count;
      const small = await viewer.get(`/api/v1/gantt?leaderId=${smallLeader.id}&ledger=true`);
      expect(small.json().projects.length).toBe(3);
      // 3 projects or 300: the same one extra statement
      expect(counter.count - before).toBe(nodesOnly + 1);
    } finally {
      counter.restore();
    }
  });

  it('gives each ledger item its plan from the day it was recorded to its deadline, completion and overdue flag', async () => {
    const plain = (await viewer.get(`/api/v1/gantt?leaderId=${smallLeader.id}`)).json();
    expect(plain.projects[0]).not.toHaveProperty('ledgerItems');

    const g = (await viewer.get(`/api/v1/gantt?leaderId=${smallLeader.id}&ledger=true`)).json();
    const [done, late, open] = g.projects[0].ledgerItems;
    expect(g.projects[0].ledgerItems.map((i: { seq: number }) => i.seq)).toEqual([1, 2, 3]);
    expect(done).toMatchObject({
      content: '台账事项1',
      ownerName: '张1',
      status: 'done',
      // recorded 2026-02-28 20:00 UTC: already 1 March in Shanghai
      planStart: '2026-03-01',
      planFinish: '2026-06-30',
      completedOn: '2026-06-28',
      overdue: false,
      focus: 'progress',
    });
    expect(typeof done.unitName).toBe('string');
    // recorded after its deadline: a nominal two weeks before it; still open on 2026-07-16, so overdue
    expect(late).toMatchObject({ status: 'in_progress', planStart: '2026-06-17', planFinish: '2026-07-01', overdue: true });
    expect(open).toMatchObject({ status: 'not_started', planStart: '2026-07-01', planFinish: '2026-09-30', overdue: false });
  });

  it('gives each bar its plan, actual and forecast dates, slip and late flag, and today', async () => {
    const g = (await viewer.get(`/api/v1/gantt?leaderId=${smallLeader.id}`)).json();
    expect(g.today).toBe('2026-07-16');
    const p = g.projects[0];
    expect(p.baselineNumber).toBe(1);
    const [n1, , n3, n4] = p.nodes;
    expect(n1).toMatchObject({ planStart: '2026-01-01', planFinish: '2026-01-30', actualStart: '2026-01-01', status: 'done' });
    expect(n3.actualFinish >= n3.planFinish).toBe(true);
    // node 4 should have finished on 2026-04-30; unfinished on 2026-07-16 it is overdue and late
    expect(n4).toMatchObject({ planFinish: '2026-04-30', actualFinish: null, overdue: true, late: true });
    expect(n4.forecastStart).toBe('2026-07-16');
    expect(n4.slipDays).toBe(Math.round((Date.parse(n4.forecastFinish) - Date.parse('2026-04-30')) / 86_400_000));
    expect(p.late).toBe(true);
    expect(p.slipDays).toBeGreaterThanOrEqual(n4.slipDays);
  });

  it('filters by level, stage and project; a project outside the region is 404', async () => {
    const { rows } = await t.database.raw(`select id from projects where leader_id = $1 order by id limit 1`, [smallLeader.id]);
    const id = Number(rows[0]!.id);
    const one = (await office.get(`/api/v1/gantt?projectId=${id}`)).json();
    expect(one.projects.map((p: { id: number }) => p.id)).toEqual([id]);
    expect((await office.get(`/api/v1/gantt?leaderId=${smallLeader.id}&stage=planned`)).json().projects).toEqual([]);
    expect((await office.get(`/api/v1/gantt?leaderId=${smallLeader.id}&level=district`)).json().projects.length).toBe(3);
    expect((await otherRegionOffice.get(`/api/v1/gantt?projectId=${id}`)).statusCode).toBe(404);
    expect((await otherRegionOffice.get(`/api/v1/gantt?projectId=${id}&ledger=true`)).statusCode).toBe(404);
    const theirs = (await otherRegionOffice.get(`/api/v1/gantt?leaderId=${smallLeader.id}&ledger=true`)).json();
    expect(theirs.projects).toEqual([]);
    const mine = (await office.get(`/api/v1/gantt?projectId=${id}&ledger=true`)).json();
    expect(mine.projects[0].ledgerItems.length).toBe(3);
  });

  it('shows the demo portfolio to every role of the region, and refuses anonymous callers', async () => {
    const demo = (await viewer.get('/api/v1/gantt')).json();
    expect(demo.projects.length).toBeGreaterThan(300);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/gantt' })).statusCode).toBe(401);
    expect((await viewer.get('/api/v1/gantt?unitId=abc')).statusCode).toBe(400);
    expect((await viewer.get('/api/v1/gantt?ledger=yes')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/gantt?ledger=true' })).statusCode).toBe(401);
  });
});
