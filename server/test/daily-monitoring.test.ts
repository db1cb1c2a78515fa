/**
 * The daily monitoring job 日监测 (issue 11, ADR 0010): the first run opens a spell per project; a changed
 * record changes the colour the next day; a red project whose overdue node is finished goes yellow (held),
 * not green, and green after the recovery days; a rerun of a day is idempotent; the readers (rag, history,
 * changes, job runs) with their scope; two instances over ten simulated days run the job ten times; a run
 * failing half-way leaves no spell of its day and is caught up at the next start.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@kpc/domain';
import { buildApp } from '../src/app.js';
import { baselineNodes, ledgerItems, milestones, scheduleBaselines } from '../src/db/schema/index.js';
import { backfillDemoColours } from '../src/db/seed/demo-history.js';
import { dailyMonitoring, monitorDay, monitoringTestHooks, projectRater, raters } from '../src/jobs/daily-monitoring.js';
import { runJob, startScheduler } from '../src/jobs/scheduler.js';
import { countRows, createTestApp, login, TestClock, type TestApp } from './helpers.js';
import { createProject, createUnit, createUser, ensureRegion, FACTORY_PASSWORD } from './factories.js';

const REGION = '411103';
const D0 = '2026-07-16'; // TEST_NOW's Shanghai date
const day = (n: number) => addDays(D0, n);
/** 07:00 Shanghai on the day: after the 06:00 run is due. */
const morningOf = (d: string) => new Date(`${d}T07:00:00+08:00`);

let t: TestApp;
let unitId: number;
/** Logins made afresh on each call: the clock moves by days, sessions would expire. */
const users: Record<'office' | 'otherRegion' | 'unit', string> = { office: '', otherRegion: '', unit: '' };
const as = (who: keyof typeof users) => login(t.app, users[who], FACTORY_PASSWORD);
let seq = 0;

type Spell = { rag: string; held: boolean; from_date: string; to_date: string | null; rules: string[] };
async function spellsOf(projectId: number): Promise<Spell[]> {
  const { rows } = await t.database.raw(
    `select rag, held, from_date::text, to_date::text, rules from rag_spells
      where subject_type = 'project' and subject_id = $1 order by from_date`,
    [projectId],
  );
  return rows as Spell[];
}
const allSpells = async () =>
  (await t.database.raw(`select id, subject_id, rag, held, from_date::text, to_date::text from rag_spells order by id`)).rows;

async function lateNode(projectId: number, latestFinish: string) {
  const [m] = await t.database.db
    .insert(milestones)
    .values({ projectId, key: `n${++seq}`, name: `节点${seq}`, durationDays: 100, sortOrder: seq, status: 'not_started' })
    .returning();
  const [b] = await t.database.db
    .insert(scheduleBaselines)
    .values({ projectId, number: 1, targetDate: '2027-12-31', calendarMode: 'calendar', isCurrent: true })
    .returning();
  await t.database.db
    .insert(baselineNodes)
    .values({ baselineId: b!.id, milestoneId: m!.id, latestStart: addDays(latestFinish, -99), latestFinish });
  return m!;
}

const run = async (d: string) => {
  t.clock.set(morningOf(d));
  return monitorDay(t.database.db, d);
};
const ragOf = async (who: keyof typeof users, id: number) => {
  const res = await (await as(who)).get(`/api/v1/projects/${id}/rag`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { rag: string; computedRag: string; since: string | null; reasons: { rule: string; message: string }[] };
};

let red: { id: number };
let green: { id: number };
let node: { id: number };

beforeAll(async () => {
  t = await createTestApp();
  await ensureRegion(t.database, REGION);
  await ensureRegion(t.database, '411102');
  unitId = (await createUnit(t.database, { regionCode: REGION })).id;
  red = await createProject(t.database, { regionCode: REGION, stage: 'building', code: 'DM-1' });
  green = await createProject(t.database, { regionCode: REGION, stage: 'building', code: 'DM-2', leadUnitId: unitId });
  node = await lateNode(red.id, day(-40)); // forecast ~ 140 days late: red
  users.office = (await createUser(t.database, { roles: ['office'], regionCode: REGION })).username;
  users.otherRegion = (await createUser(t.database, { roles: ['office'], regionCode: '411102' })).username;
  users.unit = (await createUser(t.database, { roles: ['unit'], unitId, regionCode: REGION })).username;
});
afterAll(async () => t?.close());

describe('daily monitoring', () => {
  let firstChanged = 0;
  it('opens a spell for every project on the first run', async () => {
    // the demo's escalation example has a back-dated red spell already (seed demo-escalations.ts)
    const rated = await countRows(t.database, 'rag_spells');
    const r = await run(D0);
    const { rows } = await t.database.raw(`select count(*)::int as n from projects`);
    expect(r.projects).toBe(rows[0]!.n);
    // the supervision items 督办事项 are rated too, each into a spell of its own
    const items = await countRows(t.database, 'supervision_items');
    expect(items).toBeGreaterThan(0);
    expect(r.others).toEqual({ supervision_item: items });
    expect(r.changed).toBe(r.projects + items - rated);
    firstChanged = r.changed;
    expect(r.red + r.yellow + r.green).toBe(r.projects);
    const open = await t.database.raw(
      `select subject_type, count(*)::int as n from rag_spells where to_date is null group by subject_type order by 1`,
    );
    expect(open.rows).toEqual([
      { subject_type: 'project', n: r.projects },
      { subject_type: 'supervision_item', n: items },
    ]);
    expect(await spellsOf(red.id)).toEqual([
      { rag: 'red', held: false, from_date: D0, to_date: null, rules: ['milestone_slip'] },
    ]);
    expect(await spellsOf(green.id)).toEqual([{ rag: 'green', held: false, from_date: D0, to_date: null, rules: [] }]);
    expect((await ragOf('office', red.id)).since).toBe(D0);
  });

  it('is idempotent on a rerun of the same day', async () => {
    const before = await allSpells();
    const r = await run(D0);
    expect(await allSpells()).toEqual(before);
    expect(r.changed).toBe(firstChanged); // still every subject's first day
  });

  it('changes the colour the next day when a record changes, writing only that project', async () => {
    await t.database.db.insert(ledgerItems).values({
      projectId: green.id,
      seq: ++seq,
      unitId,
      content: '办理施工许可',
      deadline: day(-1),
      recurring: false,
      status: 'in_progress',
      focus: 'progress',
    });
    const r = await run(day(1));
    // only the projects whose colour changed get writes (the demo's own change with the days too)
    const opened = await t.database.raw(`select count(*)::int as n from rag_spells where from_date = $1`, [day(1)]);
    expect(opened.rows[0]!.n).toBe(r.changed);
    expect(await spellsOf(green.id)).toEqual([
      { rag: 'green', held: false, from_date: D0, to_date: D0, rules: [] },
      { rag: 'yellow', held: false, from_date: day(1), to_date: null, rules: ['ledger_overdue'] },
    ]);
    expect((await spellsOf(red.id)).length).toBe(1);
  });

  it('re-decides a day already run from the spell before it', async () => {
    // the item is done after the run of day 1: the rerun takes day 1 back to the green spell
    await t.database.db
      .update(ledgerItems)
      .set({ status: 'done', completedOn: day(1) })
      .where(eq(ledgerItems.projectId, green.id));
    await run(day(1));
    expect(await spellsOf(green.id)).toEqual([{ rag: 'green', held: false, from_date: D0, to_date: null, rules: [] }]);
  });

  it('holds a red project yellow once its late node is finished, green after the recovery days', async () => {
    await t.database.db
      .update(milestones)
      .set({ actualStart: day(0), actualFinish: day(1), status: 'done' })
      .where(eq(milestones.id, node.id));
    await run(day(2));
    const held = await ragOf('office', red.id);
    expect(held).toMatchObject({ rag: 'yellow', computedRag: 'green', since: day(2) });
    expect(held.reasons.map((r) => r.rule)).toEqual(['recovering']);
    expect(held.reasons[0]!.message).toBe(`上期为红色，恢复观察期至 ${day(8)}`);
    for (let n = 3; n <= 8; n++) await run(day(n));
    expect((await ragOf('office', red.id)).rag).toBe('yellow');
    await run(day(9));
    expect(await ragOf('office', red.id)).toMatchObject({ rag: 'green', since: day(9), reasons: [] });
    expect(await spellsOf(red.id)).toEqual([
      { rag: 'red', held: false, from_date: D0, to_date: day(1), rules: ['milestone_slip'] },
      { rag: 'yellow', held: true, from_date: day(2), to_date: day(8), rules: ['recovering'] },
      { rag: 'green', held: false, from_date: day(9), to_date: null, rules: [] },
    ]);
  });

  it('shows the held colour before the day is run, as the job will rate it', async () => {
    // the node late again: red at once, whatever the spell
    await t.database.db.update(milestones).set({ actualFinish: null, status: 'in_progress' }).where(eq(milestones.id, node.id));
    t.clock.set(morningOf(day(10)));
    expect(await ragOf('office', red.id)).toMatchObject({ rag: 'red', since: day(10) });
    await run(day(10));
    await t.database.db
      .update(milestones)
      .set({ actualFinish: day(10), status: 'done' })
      .where(eq(milestones.id, node.id));
    t.clock.set(morningOf(day(11)));
    // not run yet for day 11: the screen already rates it as the job will, a held yellow
    expect(await ragOf('office', red.id)).toMatchObject({ rag: 'yellow', computedRag: 'green', since: day(11) });
  });
});

describe('reading the history', () => {
  it('lists the spells clipped to the window, with the days red', async () => {
    t.clock.set(morningOf(day(10)));
    const res = await (await as('office')).get(`/api/v1/projects/${red.id}/rag/history?from=${day(1)}&to=${day(10)}`);
    expect(res.statusCode, res.body).toBe(200);
    const h = res.json();
    expect(h.spells.map((s: { rag: string; from: string; to: string | null }) => [s.rag, s.from, s.to])).toEqual([
      ['red', day(1), day(1)],
      ['yellow', day(2), day(8)],
      ['green', day(9), day(9)],
      ['red', day(10), null],
    ]);
    expect(h.spells[0].startedOn).toBe(D0);
    expect(h.current).toEqual({ rag: 'red', since: day(10), redDays: 1, weeksRed: 0 });
  });

  it('refuses a window ending before it starts, in the user’s language', async () => {
    const res = await (await as('office')).get(`/api/v1/projects/${red.id}/rag/history?from=${day(5)}&to=${day(1)}`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('日期不能早于');
  });

  it('is 404 outside the scope', async () => {
    const [other, unit] = [await as('otherRegion'), await as('unit')];
    expect((await other.get(`/api/v1/projects/${red.id}/rag/history`)).statusCode).toBe(404);
    expect((await unit.get(`/api/v1/projects/${red.id}/rag/history`)).statusCode).toBe(404);
    expect((await unit.get(`/api/v1/projects/${green.id}/rag/history`)).statusCode).toBe(200);
  });

  it('lists the projects whose colour changed between two days', async () => {
    const res = await (await as('office')).get(`/api/v1/supervision/changes?from=${day(1)}&to=${day(9)}&regionCode=${REGION}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      { projectId: red.id, code: 'DM-1', name: expect.any(String), before: 'red', after: 'green', since: day(9), rules: [] },
    ]);
    // the unit sees its own project only: the red one's change is not its business
    const u = await (await as('unit')).get(`/api/v1/supervision/changes?from=${day(1)}&to=${day(9)}`);
    expect(u.json().items).toEqual([]);
    expect((await (await as('otherRegion')).get(`/api/v1/supervision/changes?regionCode=${REGION}`)).statusCode).toBe(404);
  });

  it('dashboard: the colours from the spells once the day is run, the 12-week trend and the red list', async () => {
    t.clock.set(morningOf(day(10)));
    const summary = async () => {
      const res = await (await as('office')).get(`/api/v1/dashboard/summary`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    // the node late again (the test above finished it after the run), and day 10 run by the job
    await t.database.db.update(milestones).set({ actualFinish: null, status: 'in_progress' }).where(eq(milestones.id, node.id));
    expect(await runJob(t.app, dailyMonitoring, { period: day(10) })).toBe('succeeded');
    const s = await summary();
    // the red project from its spell, since day 10
    expect(s.colours.ids.red).toContain(red.id);
    expect(s.redList).toEqual([
      { projectId: red.id, code: 'DM-1', name: expect.any(String), since: day(10), rule: 'milestone_slip' },
    ]);
    expect(s.colourTrend).toHaveLength(12);
    expect(s.colourTrend.at(-1)).toMatchObject({ day: day(10), red: 1, green: 1, yellow: 0 });
    // the week of D0 (Thursday): counted on its Sunday, day 3 — the red project held yellow then
    expect(s.colourTrend.at(-2)).toMatchObject({ day: day(3), red: 0, yellow: 1, green: 1 });
    expect(s.colourTrend[0]).toMatchObject({ red: 0, yellow: 0, green: 0 });
    // the spells are what it reads: a record changed since the run shows tomorrow, not now
    await t.database.db
      .update(milestones)
      .set({ actualFinish: day(10), status: 'done' })
      .where(eq(milestones.id, node.id));
    expect((await summary()).colours.ids.red).toContain(red.id);
    // a day not run yet is rated from the records (a held yellow: the node finished after red)
    t.clock.set(morningOf(day(11)));
    const next = await summary();
    expect(next.colours.ids.yellow).toContain(red.id);
    expect(next.redList).toEqual([]);
    await t.database.db.update(milestones).set({ actualFinish: null, status: 'in_progress' }).where(eq(milestones.id, node.id));
  });

  it('lists the job runs for the admin only', async () => {
    expect(await runJob(t.app, dailyMonitoring, { period: day(10) })).toBe('done_already');
    // jobs are for an admin whose region covers every account: this file's users are in three districts
    await ensureRegion(t.database, '4111');
    const cityAdmin = await createUser(t.database, { roles: ['admin'], regionCode: '4111' });
    const admin = await login(t.app, cityAdmin.username, FACTORY_PASSWORD);
    const res = await admin.get('/api/v1/jobs/runs?job=daily-monitoring');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items[0]).toMatchObject({ job: 'daily-monitoring', period: day(10), status: 'succeeded' });
    expect(res.json().items[0].result).toMatchObject({ day: day(10), projects: expect.any(Number) });
    expect((await (await as('office')).get('/api/v1/jobs/runs')).statusCode).toBe(403);
    expect((await admin.get('/api/v1/jobs/runs?limit=0')).statusCode).toBe(400);
  });
});

describe('runs across instances and failures', () => {
  it('two instances over ten simulated days run the job ten times in total', async () => {
    const clocks = [new TestClock(), new TestClock()];
    const apps = await Promise.all(clocks.map((clock) => buildApp({ database: t.database, clock, webDist: '/nonexistent' })));
    try {
      const outcomes: string[] = [];
      for (let n = 20; n < 30; n++) {
        // 06:00 Shanghai: both crons fire
        for (const c of clocks) c.set(new Date(`${day(n)}T06:00:00+08:00`));
        outcomes.push(...(await Promise.all(apps.map((a) => runJob(a, dailyMonitoring)))));
      }
      expect(outcomes.filter((o) => o === 'succeeded')).toHaveLength(10);
      const { rows } = await t.database.raw(
        `select count(*)::int as runs, sum(attempts)::int as attempts from job_runs
          where job = 'daily-monitoring' and status = 'succeeded' and period between $1 and $2`,
        [day(20), day(29)],
      );
      expect(rows[0]).toEqual({ runs: 10, attempts: 10 });
      // one spell in force per project, none opened twice on a day
      const dup = await t.database.raw(
        `select subject_id from rag_spells group by subject_type, subject_id, from_date having count(*) > 1`,
      );
      expect(dup.rows).toEqual([]);
    } finally {
      await Promise.all(apps.map((a) => a.close()));
    }
  });

  it('a run failing half-way writes nothing of its day and is caught up at the next start', async () => {
    const failDay = day(31);
    await t.database.db.update(milestones).set({ actualFinish: null, status: 'in_progress' }).where(eq(milestones.id, node.id));
    // the first batch (the two lowest ids) as if new projects, never rated: its run has spells to write
    await t.database.raw(
      `delete from rag_spells where subject_type = 'project' and subject_id in (select id from projects order by id limit 2)`,
    );
    const saved = raters.splice(0, raters.length, projectRater(2));
    let writtenBeforeFailure = 0;
    monitoringTestHooks.afterBatch = async (_s, n, tx) => {
      const r = (await tx.execute(sql`select count(*)::int as n from rag_spells where from_date = ${failDay}`)) as unknown as {
        rows: { n: number }[];
      };
      writtenBeforeFailure = r.rows[0]!.n;
      if (n === 0) throw new Error('killed after the first batch');
    };
    const before = await allSpells();
    try {
      t.clock.set(morningOf(failDay));
      expect(await runJob(t.app, dailyMonitoring)).toBe('failed');
      expect(writtenBeforeFailure).toBeGreaterThan(0);
      expect(await allSpells()).toEqual(before);
      const { rows } = await t.database.raw(`select count(*)::int as n from rag_spells where from_date = $1 or to_date = $2`, [
        failDay,
        day(30),
      ]);
      expect(rows[0]!.n).toBe(0);
    } finally {
      monitoringTestHooks.afterBatch = undefined;
      raters.splice(0, raters.length, ...saved);
    }
    // the next start (later that day): the scheduler catches the day up
    const clock = new TestClock(new Date(`${failDay}T09:00:00+08:00`));
    const next = await buildApp({ database: t.database, clock, webDist: '/nonexistent' });
    const scheduler = startScheduler(next);
    try {
      expect(await scheduler.caughtUp).toEqual({ 'daily-monitoring': 'succeeded' });
    } finally {
      scheduler.stop();
      await next.close();
    }
    // the never-rated projects of the first batch have their spell of the day now
    const opened = await t.database.raw(
      `select count(*)::int as n from rag_spells where from_date = $1 and to_date is null
          and subject_id in (select id from projects order by id limit 2)`,
      [failDay],
    );
    expect(opened.rows[0]!.n).toBe(2);
    const { rows } = await t.database.raw(
      `select status, attempts from job_runs where job = 'daily-monitoring' and period = $1`,
      [failDay],
    );
    expect(rows).toEqual([{ status: 'succeeded', attempts: 2 }]);
  });

  it('documents the history routes', async () => {
    const paths = Object.keys((await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/projects/{id}/rag/history', '/api/v1/supervision/changes', '/api/v1/jobs/runs']),
    );
  });

  it('catches up yesterday before 06:00', () => {
    expect(dailyMonitoring.dueAt!(new Date(`${D0}T05:59:00+08:00`))).toBe(day(-1));
    expect(dailyMonitoring.dueAt!(new Date(`${D0}T06:00:00+08:00`))).toBe(D0);
  });
});

describe('the demo’s back-filled history', () => {
  it('rates the past Mondays so the 12-week trend has colours', async () => {
    const demo = await createTestApp();
    try {
      demo.clock.set(morningOf(D0));
      const days = await backfillDemoColours(demo.database.db, demo.clock);
      // Thursday 16 July: the Mondays of the 11 weeks before and this week's
      expect(days).toHaveLength(12);
      expect(days.at(-1)).toBe('2026-07-13');
      const office = await login(demo.app, 'office');
      const s = (await office.get('/api/v1/dashboard/summary')).json();
      for (const w of s.colourTrend) expect(w.green + w.yellow + w.red).toBeGreaterThan(0);
      expect(s.colourTrend.some((w: { red: number }) => w.red > 0)).toBe(true);
    } finally {
      await demo.close();
    }
  });
});
