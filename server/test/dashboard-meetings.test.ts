/**
 * The article's second mechanism on the dashboard: 召开会议 61 次、解决问题 113 个 on a fresh start, for
 * any load date, computed from the records (meetings held, problems resolved or verified this year),
 * live, and scoped like the other figures (ADR 0009). And the seed's quota claim: in the last complete
 * ISO week most but not all contracting leaders checked twice and solved a problem on site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '@kpc/domain';
import { buildApp } from '../src/app.js';
import type { Database } from '../src/db/client.js';
import { seedDemo } from '../src/db/seed/demo.js';
import { demoCalendar, isoMonday, MEETINGS_HELD, PROBLEMS_SOLVED } from '../src/db/seed/demo-meetings.js';
import { solveProblemsOnSite } from '../src/commands/solve-problems-on-site.js';
import { systemContext } from '../src/lib/request-context.js';
import { cloneDatabase, createTestApp, login, TEST_NOW, TestClock, type Client, type TestApp } from './helpers.js';

type Summary = {
  asOf: string;
  meetingsHeld: { count: number; ids: number[] };
  problemsSolved: { count: number; ids: number[] };
  problemsByCategory: { category: string; solved: number; unsolved: number }[];
  problemsByStatus: { status: string; count: number }[];
  problemsOverdue: number;
};

const summary = async (c: Client, qs = ''): Promise<Summary> => {
  const res = await c.get(`/api/v1/dashboard/summary${qs}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const q = async (database: Database, text: string, params?: unknown[]) => (await database.raw(text, params)).rows;

/** Contracting leaders' site checks and problems solved on site in the ISO week from `monday` (Asia/Shanghai). */
async function quotaWeek(database: Database, monday: string) {
  const rows = await q(
    database,
    `with w as (select ($1::date)::timestamp at time zone 'Asia/Shanghai' as s, ($1::date + 7)::timestamp at time zone 'Asia/Shanghai' as e)
     select l.id::int as id,
       (select count(*) from site_checks c, w where c.leader_id = l.id and c.checked_at >= w.s and c.checked_at < w.e)::int as checks,
       (select count(*) from problems p, w where p.solved_on_site and p.solved_by_leader_id = l.id
          and p.solved_at >= w.s and p.solved_at < w.e)::int as solved
     from leaders l where exists (select 1 from projects where projects.leader_id = l.id)`,
    [monday],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    checks: Number(r.checks),
    solved: Number(r.solved),
    met: Number(r.checks) >= 2 && Number(r.solved) >= 1,
  }));
}

/** What the dashboard should say, straight from the tables. */
async function expected(database: Database, today: string) {
  const year = today.slice(0, 4);
  const held = await q(
    database,
    `select id::int as id from meetings where status = 'held'
       and to_char(starts_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') between $1 and $2 order by id`,
    [`${year}-01-01`, today],
  );
  const solved = await q(
    database,
    `select id::int as id from problems where status in ('resolved', 'verified')
       and resolved_on between $1::date and $2::date order by id`,
    [`${year}-01-01`, today],
  );
  return { held: held.map((r) => Number(r.id)), solved: solved.map((r) => Number(r.id)) };
}

describe('meetings held and problems solved on a fresh start', () => {
  let t: TestApp;
  let office: Client;
  beforeAll(async () => {
    t = await createTestApp();
    office = await login(t.app, 'office');
  });
  afterAll(async () => t?.close());

  it('shows 61 meetings held and 113 problems solved this year, the records behind them as ids', async () => {
    const s = await summary(office);
    expect(s.meetingsHeld.count).toBe(MEETINGS_HELD);
    expect(s.problemsSolved.count).toBe(PROBLEMS_SOLVED);
    expect(MEETINGS_HELD).toBe(61);
    expect(PROBLEMS_SOLVED).toBe(113);
    const e = await expected(t.database, shanghaiDate(TEST_NOW));
    expect(s.meetingsHeld.ids).toEqual(e.held);
    expect(s.problemsSolved.ids).toEqual(e.solved);
  });

  it('breaks the problems down by category and status, every category solved this year, some open, escalated and overdue', async () => {
    const s = await summary(office);
    expect(s.problemsByCategory.map((c) => c.category)).toEqual([
      'land',
      'funding',
      'planning',
      'permit',
      'utilities',
      'demolition',
      'environment',
      'other',
    ]);
    expect(s.problemsByCategory.reduce((n, c) => n + c.solved, 0)).toBe(113);
    for (const c of s.problemsByCategory) expect(c.solved, c.category).toBeGreaterThan(0);
    expect(s.problemsByCategory.filter((c) => c.unsolved > 0).length).toBeGreaterThanOrEqual(6);
    // land, funding and planning come up most, as the article says
    const top = [...s.problemsByCategory].sort((a, b) => b.solved - a.solved).slice(0, 3);
    expect(top.map((c) => c.category).sort()).toEqual(['funding', 'land', 'planning']);
    const status = Object.fromEntries(s.problemsByStatus.map((r) => [r.status, r.count]));
    for (const k of ['open', 'in_progress', 'escalated', 'resolved', 'verified']) expect(status[k], k).toBeGreaterThan(0);
    const [all] = await q(t.database, `select count(*)::int as n from problems`);
    expect(s.problemsByStatus.reduce((n, r) => n + r.count, 0)).toBe(Number(all!.n));
    expect(s.problemsOverdue).toBeGreaterThan(0);
  });

  it('has the four weekly series chaired by demo leaders, on-site office meetings, two planned ahead and last year’s', async () => {
    const series = await q(
      t.database,
      `select s.name, l.name as chair from meeting_series s join leaders l on l.id = s.chair_leader_id order by s.sort_order`,
    );
    expect(series.map((r) => r.name)).toEqual(['项目建设周例会', '要素保障周例会', '招商引资周例会', '重点工作周例会']);
    expect(series.every((r) => r.chair)).toBe(true);
    const kinds = await q(
      t.database,
      `select kind, status, count(*)::int as n, bool_and(starts_at <= $1) as past from meetings group by kind, status order by kind, status`,
      [TEST_NOW],
    );
    const n = (kind: string, status: string) => Number(kinds.find((r) => r.kind === kind && r.status === status)?.n ?? 0);
    expect(n('weekly', 'held')).toBeGreaterThan(0);
    expect(n('onsite_office', 'held')).toBeGreaterThan(0);
    expect(n('weekly', 'planned') + n('onsite_office', 'planned')).toBe(2);
    expect(kinds.filter((r) => r.status === 'held').every((r) => r.past)).toBe(true);
    expect(kinds.filter((r) => r.status === 'planned').every((r) => !r.past)).toBe(true);
    // every meeting discusses real demo projects and every held one decided something; some decisions overdue, some verified
    const [m] = await q(
      t.database,
      `select count(*) filter (where not exists (select 1 from meeting_agenda_items a where a.meeting_id = m.id))::int as bare,
              count(*) filter (where m.status = 'held' and not exists (select 1 from decisions d where d.meeting_id = m.id))::int as undecided
         from meetings m`,
    );
    expect(m).toEqual({ bare: 0, undecided: 0 });
    const [d] = await q(
      t.database,
      `select count(*) filter (where status = 'open' and deadline < $1::date)::int as overdue,
              count(*) filter (where status = 'verified')::int as verified, count(*) filter (where status = 'done')::int as done
         from decisions`,
      [shanghaiDate(TEST_NOW)],
    );
    expect(d!.overdue).toBeGreaterThan(0);
    expect(d!.verified).toBeGreaterThan(0);
    expect(d!.done).toBeGreaterThan(0);
    // problems solved on site, in checks and at on-site office meetings, by the leader there
    const [p] = await q(
      t.database,
      `select count(*) filter (where solved_in_site_check_id is not null)::int as in_check,
              count(*) filter (where solved_in_meeting_id is not null)::int as in_meeting,
              count(*) filter (where solved_on_site and (solved_by_leader_id is null or solved_at is null))::int as anonymous
         from problems`,
    );
    expect(p!.in_check).toBeGreaterThan(0);
    expect(p!.in_meeting).toBeGreaterThan(0);
    expect(p!.anonymous).toBe(0);
    // leader instructions: open (some overdue), replied, accepted, sent back
    const inst = await q(
      t.database,
      `select i.status, count(*)::int as n, count(*) filter (where i.reply_deadline < $1::date)::int as late,
              count(r.id)::int as replies
         from instructions i left join instruction_replies r on r.instruction_id = i.id group by i.status`,
      [shanghaiDate(TEST_NOW)],
    );
    const by = Object.fromEntries(inst.map((r) => [r.status, r]));
    expect(by.open!.replies).toBe(0);
    expect(by.open!.late).toBeGreaterThan(0);
    for (const k of ['replied', 'accepted', 'returned']) expect(by[k]!.replies, k).toBeGreaterThan(0);
  });

  it('has most but not all contracting leaders meeting the quota in the last complete weeks, and someone missing it in each of the 12', async () => {
    const today = shanghaiDate(TEST_NOW);
    const last = await quotaWeek(t.database, addDays(isoMonday(today), -7));
    const met = last.filter((r) => r.met).length;
    expect(last).toHaveLength(24);
    expect(met).toBeGreaterThan(last.length / 2);
    expect(met).toBeLessThan(last.length);
    // the quota's edge: someone checked twice but solved nothing on site
    expect(last.some((r) => r.checks >= 2 && r.solved === 0)).toBe(true);
    // most in each of the last three complete weeks
    for (let w = 1; w <= 3; w++) {
      const week = await quotaWeek(t.database, addDays(isoMonday(today), -7 * w));
      expect(week.filter((r) => r.met).length, `week -${w}`).toBeGreaterThan(12);
    }
    // every one of the 12 weeks has checks, and someone misses the quota in each
    for (let w = 0; w < 12; w++) {
      const week = await quotaWeek(t.database, addDays(isoMonday(today), -7 * w));
      expect(
        week.some((r) => r.checks > 0),
        `week -${w}`,
      ).toBe(true);
      expect(
        week.some((r) => !r.met),
        `week -${w}`,
      ).toBe(true);
    }
  });

  it('counts one more problem solved this year (114), not one resolved last year, and a year asked for by its own records', async () => {
    const before = await summary(office);
    const open = (await q(
      t.database,
      `select id::int as id, version from problems where status in ('open', 'in_progress') order by id limit 2`,
    )) as { id: number; version: number }[];
    const ctx = systemContext(t.database.db, t.clock, 'test', { regionCode: '411104' });
    const [leader] = await q(t.database, `select id::int as id from leaders order by id limit 1`);
    await t.database.db.transaction((tx) =>
      solveProblemsOnSite(tx, ctx, '411104', [{ id: open[0]!.id, version: open[0]!.version, resolution: '现场协调解决' }], {
        leaderId: Number(leader!.id),
        userId: null,
        at: t.clock.now(),
      }),
    );
    const after = await summary(office);
    expect(after.problemsSolved.count).toBe(114);
    expect(after.problemsSolved.ids).toContain(open[0]!.id);
    expect(after.meetingsHeld.count).toBe(before.meetingsHeld.count);

    // resolved on 20 December last year: not this year's
    await t.database.db.transaction((tx) =>
      solveProblemsOnSite(tx, ctx, '411104', [{ id: open[1]!.id, version: open[1]!.version, resolution: '年底前已解决' }], {
        leaderId: Number(leader!.id),
        userId: null,
        at: new Date('2025-12-20T03:00:00Z'),
      }),
    );
    const later = await summary(office);
    expect(later.problemsSolved.count).toBe(114);
    expect(later.problemsSolved.ids).not.toContain(open[1]!.id);
    const lastYear = await summary(office, '?year=2025');
    expect(lastYear.problemsSolved.ids).toContain(open[1]!.id);
    expect(lastYear.problemsSolved.ids).not.toContain(open[0]!.id);
    // last December's weekly meetings are last year's
    expect(lastYear.meetingsHeld.count).toBeGreaterThan(0);
    expect(lastYear.meetingsHeld.ids.some((id) => after.meetingsHeld.ids.includes(id))).toBe(false);
  });

  it("gives a unit user only its projects' meetings and problems", async () => {
    const unit1 = await login(t.app, 'unit1');
    const s = await summary(unit1);
    const today = shanghaiDate(TEST_NOW);
    const own = `(p.lead_unit_id = $3 or exists (select 1 from project_units pu where pu.project_id = p.id and pu.unit_id = $3))`;
    const solved = await q(
      t.database,
      `select pr.id::int as id from problems pr join projects p on p.id = pr.project_id
        where pr.status in ('resolved', 'verified') and pr.resolved_on between $1::date and $2::date and ${own} order by pr.id`,
      ['2026-01-01', today, unit1.user.unitId],
    );
    const held = await q(
      t.database,
      `select m.id::int as id from meetings m where m.status = 'held'
         and to_char(m.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') between $1 and $2
         and exists (select 1 from projects p where ${own} and (p.id = m.site_project_id
           or p.id in (select a.project_id from meeting_agenda_items a where a.meeting_id = m.id))) order by m.id`,
      ['2026-01-01', today, unit1.user.unitId],
    );
    expect(s.problemsSolved.ids).toEqual(solved.map((r) => Number(r.id)));
    expect(s.meetingsHeld.ids).toEqual(held.map((r) => Number(r.id)));
    expect(s.problemsSolved.count).toBeGreaterThan(0);
    expect(s.problemsSolved.count).toBeLessThan(113);
    expect(s.meetingsHeld.count).toBeGreaterThan(0);
    expect(s.meetingsHeld.count).toBeLessThan(61);
    expect(s.problemsByCategory.reduce((n, c) => n + c.solved, 0)).toBe(s.problemsSolved.count);
  });
});

describe('meetings held and problems solved on a fresh start on other load dates', () => {
  // early in the year, the last day of a year, New Year's Day (at noon and half an hour after midnight)
  const starts: [string, Date][] = [
    ['2026-02-10', new Date('2026-02-10T04:00:00Z')],
    ['2026-12-31', new Date('2026-12-31T04:00:00Z')],
    ['2027-01-01', new Date('2027-01-01T04:00:00Z')],
    ['2027-01-01', new Date('2026-12-31T16:30:00Z')],
  ];
  for (const [day, at] of starts) {
    it(`shows 61 and 113 when the demo is loaded on ${day} at ${at.toISOString()}`, async () => {
      const database = await cloneDatabase('empty');
      const clock = new TestClock(at);
      await database.db.transaction(async (tx) => seedDemo(tx, clock));
      const app = await buildApp({ database, clock, loginRateLimit: 10_000, writeRateLimit: 100_000, webDist: '/nonexistent' });
      try {
        await app.ready();
        const s = await summary(await login(app, 'office'));
        expect(s.asOf).toBe(day);
        expect(s.meetingsHeld.count).toBe(61);
        expect(s.problemsSolved.count).toBe(113);
        const e = await expected(database, day);
        expect(s.meetingsHeld.ids).toEqual(e.held);
        expect(s.problemsSolved.ids).toEqual(e.solved);
        // no held meeting after the moment of loading, no planned one before it
        const [bad] = await q(
          database,
          `select count(*) filter (where status = 'held' and starts_at > $1)::int as held_later,
                  count(*) filter (where status = 'planned' and starts_at <= $1)::int as planned_past from meetings`,
          [at],
        );
        expect(bad).toEqual({ held_later: 0, planned_past: 0 });
        const last = await quotaWeek(database, addDays(isoMonday(day), -7));
        const met = last.filter((r) => r.met).length;
        expect(met).toBeGreaterThan(12);
        expect(met).toBeLessThan(24);
      } finally {
        await app.close();
        await database.close();
      }
    });
  }

  it('lays the calendar so that the figures hold on every day of three years', () => {
    for (let d = '2026-01-01'; d <= '2028-12-31'; d = addDays(d, 1)) {
      const c = demoCalendar(d);
      expect(c.weekly.length + c.onsite.length, d).toBe(61);
      expect(
        c.weekly.every((m) => m.date >= c.yearStart && m.date <= d) &&
          c.onsite.every((m) => m.date >= c.yearStart && m.date <= d),
      ).toBe(true);
      expect(c.solvedOffSite.length, d).toBeGreaterThanOrEqual(5);
    }
  });
});
