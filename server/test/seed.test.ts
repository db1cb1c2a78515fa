/**
 * The demo data set reproduces the source article's figures from raw records (SPEC §4), on the
 * test clock and on other days of the year, since it is laid relative to the day it is loaded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, reachedOn, shanghaiDate, type DatedTransition } from '@kpc/domain';
import { stages, type Stage } from '@kpc/contracts';
import { cloneDatabase, createTestApp, login, TEST_NOW, TestClock, type TestApp } from './helpers.js';
import type { Database } from '../src/db/client.js';
import { seedDemo } from '../src/db/seed/demo.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const q = async (database: Database, text: string, params?: unknown[]) => (await database.raw(text, params)).rows;
const one = async (database: Database, text: string, params?: unknown[]) => (await q(database, text, params))[0]!;
const PM = `level in ('provincial', 'municipal')`;

async function transitionsByProject(database: Database): Promise<Map<number, (DatedTransition & { fromStage: Stage | null })[]>> {
  const rows = await q(
    database,
    `select project_id::int as p, from_stage as f, to_stage as t, on_date::text as d from stage_transitions order by project_id, on_date, id`,
  );
  const out = new Map<number, (DatedTransition & { fromStage: Stage | null })[]>();
  for (const r of rows) {
    const list = out.get(Number(r.p)) ?? [];
    list.push({ fromStage: r.f as Stage | null, toStage: r.t as Stage, onDate: String(r.d) });
    out.set(Number(r.p), list);
  }
  return out;
}

/** The rates of each period as of `today`, computed from the stage transitions. */
async function periodRates(database: Database, today: string) {
  const trans = await transitionsByProject(database);
  const ps = await q(
    database,
    `select id::int as id, seq, start_date::text as s, end_date::text as e from periods where region_code = '411104' order by seq`,
  );
  const entries = await q(database, `select period_id::int as period, project_id::int as p, list from batch_entries`);
  return ps.map((p) => {
    const list = (name: string) => entries.filter((e) => e.period === p.id && e.list === name).map((e) => Number(e.p));
    const rate = (ids: number[], stage: Stage) =>
      ids.filter((id) => reachedOn(trans.get(id) ?? [], stage, today) !== null).length / ids.length;
    const signing = list('signing');
    const starting = list('starting');
    const commissioning = list('commissioning');
    // a project is listed in the period its move happened in
    const within = (ids: number[], stage: Stage) =>
      ids.every((id) => {
        const d = reachedOn(trans.get(id) ?? [], stage, today);
        return d !== null && d >= String(p.s) && d <= String(p.e);
      });
    return {
      seq: Number(p.seq),
      start: String(p.s),
      end: String(p.e),
      sizes: [signing.length, starting.length, commissioning.length],
      consistent: within(signing, 'signed') && within(starting, 'started') && within(commissioning, 'producing'),
      fulfilmentRate: rate(signing, 'started'),
      commissioningRate: rate(starting, 'producing'),
      targetAttainmentRate: rate(commissioning, 'at_target'),
    };
  });
}

/** The article's figures and the data's own consistency, for a demo loaded on `today`. */
async function expectArticleFigures(database: Database, today: string) {
  const year = Number(today.slice(0, 4));
  expect(await one(database, `select count(*)::int as n from projects`)).toEqual({ n: 34 });
  expect(await one(database, `select count(*)::int as n from projects where ${PM}`)).toEqual({ n: 24 });
  expect(await one(database, `select count(*)::int as n from leaders`)).toEqual({ n: 24 });
  expect(await one(database, `select count(distinct leader_id)::int as n from projects`)).toEqual({ n: 24 });
  expect(await one(database, `select count(*)::int as n from units`)).toEqual({ n: 23 });
  // every responsible unit leads or cooperates on at least one project
  expect(
    await one(
      database,
      `select count(*)::int as n from units u where exists (select 1 from projects p where p.lead_unit_id = u.id)
         or exists (select 1 from project_units pu where pu.unit_id = u.id)`,
    ),
  ).toEqual({ n: 23 });

  // 76.55 亿元 = 74.1 % of the plan: only approved reports of this year count
  const inv = await one(
    database,
    `select (select sum(r.amount) from investment_reports r join projects p on p.id = r.project_id
              where ${PM} and r.year = $1 and r.status = 'approved')::text as done,
            (select sum(a.planned_amount) from annual_plans a join projects p on p.id = a.project_id
              where ${PM} and a.year = $1)::text as plan,
            (select count(*) from annual_plans where year = $1)::int as plans`,
    [year],
  );
  expect(inv.done).toBe('7655000000');
  expect(inv.plans).toBe(34);
  expect(Math.round((7_655_000_000 / Number(inv.plan)) * 1000) / 1000).toBe(0.741);
  const latest = await one(database, `select max(month)::int as m from investment_reports where year = $1`, [year]);
  expect(latest.m).toBe(Math.max(1, Number(today.slice(5, 7)) - 1));
  const waiting = await q(
    database,
    `select status, month::int as m, return_reason from investment_reports where status in ('submitted', 'returned')`,
  );
  expect(waiting.filter((r) => r.status === 'submitted').length).toBeGreaterThan(0);
  expect(waiting.filter((r) => r.status === 'returned').length).toBeGreaterThan(0);
  expect(waiting.every((r) => r.m === latest.m && (r.status !== 'returned' || r.return_reason))).toBe(true);
  // a correction: the superseded report points to the approved one that corrects it
  const corr = await q(
    database,
    `select o.amount - n.amount as diff from investment_reports o join investment_reports n on n.id = o.superseded_by_id
      where o.status = 'superseded' and n.status = 'approved' and n.corrects_id = o.id and n.month = o.month and n.project_id = o.project_id`,
  );
  expect(corr).toHaveLength(1);
  expect(await one(database, `select count(*)::int as n from investment_reports where amount <= 0`)).toEqual({ n: 0 });

  // 17 projects ≥ 1 亿元 signed this year, 双汇第三工业园 among them
  const signed = await q(
    database,
    `select p.name, p.stage, p.first_phase_investment::text as first from projects p
      where p.total_investment >= 100000000 and exists (select 1 from stage_transitions s where s.project_id = p.id
        and s.to_stage = 'signed' and s.on_date between $1::date and $2::date)`,
    [`${year}-01-01`, today],
  );
  expect(signed).toHaveLength(17);
  expect(signed.find((r) => r.name === '双汇第三工业园项目')).toEqual({
    name: '双汇第三工业园项目',
    stage: 'signed',
    first: '3500000000',
  });

  // every project's stage comes from a chain planned → signed → … one step at a time, dated in order, none in the future
  const trans = await transitionsByProject(database);
  const projects = await q(database, `select id::int as id, stage, contract_date::text as c from projects`);
  for (const p of projects) {
    const chain = trans.get(Number(p.id)) ?? [];
    expect(chain.length).toBeGreaterThan(0);
    chain.forEach((s, i) => {
      expect(s.fromStage).toBe(stages[i]);
      expect(s.toStage).toBe(stages[i + 1]);
      expect(s.onDate <= today && (i === 0 || s.onDate >= chain[i - 1]!.onDate)).toBe(true);
    });
    expect(chain.at(-1)!.toStage).toBe(p.stage);
    expect(chain[0]!.onDate).toBe(p.c);
  }

  // four consecutive periods up to today, none of the lists empty, each rate no lower than the period before
  const rates = await periodRates(database, today);
  expect(rates.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
  expect(rates[3]!.end <= today).toBe(true);
  for (const [i, r] of rates.entries()) {
    expect(r.sizes.every((n) => n > 0)).toBe(true);
    expect(r.consistent).toBe(true);
    if (i === 0) continue;
    const prev = rates[i - 1]!;
    expect(r.start).toBe(addDays(prev.end, 1));
    expect(r.fulfilmentRate).toBeGreaterThanOrEqual(prev.fulfilmentRate);
    expect(r.commissioningRate).toBeGreaterThanOrEqual(prev.commissioningRate);
    expect(r.targetAttainmentRate).toBeGreaterThanOrEqual(prev.targetAttainmentRate);
  }
}

describe('demo data on the test clock', () => {
  const today = shanghaiDate(TEST_NOW);

  it('reproduces the article: 34 projects, 24 leaders, 23 units, 76.55 亿元 = 74.1 %, 17 signed ≥ 1 亿元, rising batches', async () => {
    await expectArticleFigures(t.database, today);
  });

  it('has the rates rising over the four periods', async () => {
    const rates = await periodRates(t.database, today);
    expect(
      rates.map((r) => [r.fulfilmentRate, r.commissioningRate, r.targetAttainmentRate].map((x) => Math.round(x * 1000) / 1000)),
    ).toEqual([
      [0.5, 0.5, 0.333],
      [0.667, 0.5, 0.5],
      [1, 1, 0.5],
      [1, 1, 0.667],
    ]);
  });

  it('gives the projects the article names the stages it describes', async () => {
    const rows = await q(t.database, `select name, level, stage from projects where name ~ '双汇|电力装备|正大|际华|纽盾'`);
    const stage = Object.fromEntries(rows.map((r) => [r.name, r.stage]));
    expect(stage).toEqual({
      双汇第三工业园项目: 'signed',
      电力装备产业园项目: 'producing',
      双汇5000万只肉鸡项目: 'building',
      正大绿色循环经济示范园项目: 'started',
      际华3515军品产业园项目: 'building',
      纽盾装备制造产业园项目: 'building',
    });
    const power = await one(
      t.database,
      `select actual_commissioning_date::text as d from projects where name = '电力装备产业园项目'`,
    );
    expect(String(power.d).slice(0, 7)).toBe('2026-07');
  });

  it('gives every project a task force of 3–6 with one head, a leader, a lead unit and at most two cooperating units', async () => {
    const rows = await q(
      t.database,
      `select p.id, p.leader_id, p.lead_unit_id,
         (select count(*)::int from task_force_members m where m.project_id = p.id) as members,
         (select count(*)::int from task_force_members m where m.project_id = p.id and m.post = 'head') as heads,
         (select count(*)::int from project_units u where u.project_id = p.id) as coop
       from projects p`,
    );
    for (const r of rows) {
      expect(r.members).toBeGreaterThanOrEqual(3);
      expect(r.members).toBeLessThanOrEqual(6);
      expect(r.heads).toBe(1);
      expect(r.coop).toBeLessThanOrEqual(2);
      expect(r.leader_id).not.toBeNull();
      expect(r.lead_unit_id).not.toBeNull();
    }
    const regions = await one(
      t.database,
      `select count(*)::int as n from projects where region_code !~ '^411104[0-9]{3}$' or lat is null`,
    );
    expect(regions.n).toBe(0);
  });

  it("links unit1's unit to some projects but not all, enterprise1 to one project, leader1 to a contracting leader", async () => {
    const unit = await one(
      t.database,
      `select count(*)::int as n from projects p, users u where u.username = 'unit1'
        and (p.lead_unit_id = u.unit_id or exists (select 1 from project_units pu where pu.project_id = p.id and pu.unit_id = u.unit_id))`,
    );
    expect(unit.n).toBeGreaterThan(0);
    expect(unit.n).toBeLessThan(34);
    const ent = await one(
      t.database,
      `select count(*)::int as n from projects p join users u on u.enterprise_id = p.enterprise_id where u.username = 'enterprise1'`,
    );
    expect(ent.n).toBe(1);
    const lead = await one(
      t.database,
      `select count(*)::int as n from projects p join users u on u.leader_id = p.leader_id where u.username = 'leader1'`,
    );
    expect(lead.n).toBeGreaterThan(0);
  });

  it('lets every demo account log in with the demo password, in 召陵区, without a forced change', async () => {
    const expected: Record<string, string> = {
      admin: 'admin',
      security: 'security_admin',
      auditor: 'audit_admin',
      office: 'office',
      supervisor: 'supervisor',
      leader1: 'leader',
      unit1: 'unit',
      enterprise1: 'enterprise',
      viewer: 'viewer',
    };
    for (const [username, role] of Object.entries(expected)) {
      const c = await login(t.app, username);
      expect(c.user.roles).toEqual([role]);
      expect(c.user.regionCode).toBe('411104');
    }
    const forced = await one(
      t.database,
      `select count(*)::int as n from users where must_change_password and username = any($1)`,
      [Object.keys(expected)],
    );
    expect(forced.n).toBe(0);
  });

  it('gives every other responsible unit a liaison account that files its reports but cannot log in yet', async () => {
    const liaisons = await t.database.raw(`select username, unit_id from users where username like 'liaison%'`);
    expect(liaisons.rows).toHaveLength(22);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'liaison02', password: 'Demo@2026' },
    });
    expect(res.statusCode).toBe(401);
    const byOffice = await one(
      t.database,
      `select count(*)::int as n from investment_reports r join users u on u.id = r.submitted_by where 'office' = any(u.roles)`,
    );
    expect(byOffice.n).toBe(0);
  });
});

describe('demo data loaded on other days', () => {
  // New Year's Day, early in the year, the last day of a year, a leap day
  for (const day of ['2027-01-01', '2026-02-10', '2026-12-31', '2028-02-29']) {
    it(`still reproduces the article when loaded on ${day}`, async () => {
      const database = await cloneDatabase('empty');
      try {
        const clock = new TestClock(new Date(`${day}T04:00:00Z`));
        await database.db.transaction(async (tx) => seedDemo(tx, clock));
        await expectArticleFigures(database, day);
      } finally {
        await database.close();
      }
    });
  }
});
