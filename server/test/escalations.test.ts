/**
 * The escalation ladder 预警提示 → 通报批评 → 问责 → 表态发言 (issue 11): a project red for the configured
 * weeks gets the next step proposed once (a warning issued at once); confirming it makes the dated record;
 * nothing is proposed again the next day. The supervisor confirms or dismisses (version → 409, audited),
 * proposes by hand; review meetings list the pending statements; the workbench gathers what waits.
 * Red spells are inserted directly (the daily job that writes them is another module's).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@kpc/domain';
import { escalations, jobRuns, ledgerItems, meetings, ragSpells } from '../src/db/schema/index.js';
import { systemContext } from '../src/lib/request-context.js';
import { proposeEscalations } from '../src/modules/escalations/escalations.service.js';
import { createTestApp, countRows, login, type Client, type TestApp } from './helpers.js';
import { FACTORY_PASSWORD, createLeader, createProject, createUnit, createUser, ensureRegion } from './factories.js';

// TEST_NOW is 2026-07-16 in Asia/Shanghai
const ASOF = '2026-07-16';
let t: TestApp;
let supervisor: Client;
let office: Client;
let admin: Client;
let unitUser: Client;
let enterprise: Client;
let otherRegion: Client;
let unitId: number;
let unitAccount: number;
let leaderAccount: number;
let redProject: number;
let redSpell: number;
let strangerProject: number;
let demoSteps: Esc[];

interface Esc {
  id: number;
  projectId: number;
  step: string;
  status: string;
  reason: string;
  evidence: { spellId: number; since: string; weeks: number; rules: string[] } | null;
  proposedBy: string;
  proposedBySystem: boolean;
  decidedBy: string | null;
  decidedAt: string | null;
  dismissalReason: string | null;
  meetingId: number | null;
  doneAt: string | null;
  version: number;
}

const job = () => systemContext(t.database.db, t.clock, 'daily-monitoring');
const propose = (asOf = ASOF) => proposeEscalations(t.database.db, job(), asOf);
const redSince = async (projectId: number, fromDate: string) => {
  const [s] = await t.database.db
    .insert(ragSpells)
    .values({ subjectType: 'project', subjectId: projectId, rag: 'red', fromDate, rules: ['milestone_slip', 'ledger_overdue'] })
    .returning();
  return s!.id;
};
const history = async (c: Client, projectId: number) =>
  (await c.get(`/api/v1/projects/${projectId}/escalations`)).json() as Esc[];
const stepOf = async (projectId: number, step: string) => (await history(supervisor, projectId)).find((e) => e.step === step)!;

beforeAll(async () => {
  t = await createTestApp();
  await ensureRegion(t.database, '411102');
  supervisor = await login(t.app, 'supervisor');
  demoSteps = (await supervisor.get('/api/v1/escalations')).json() as Esc[];
  // past the demo's own steps and red spell, this file starts from none
  await t.database.db.delete(escalations);
  await t.database.db.delete(ragSpells);
  office = await login(t.app, 'office');
  admin = await login(t.app, 'admin');
  enterprise = await login(t.app, 'enterprise1');
  unitId = (await createUnit(t.database)).id;
  const leader = await createLeader(t.database);
  redProject = (await createProject(t.database, { leadUnitId: unitId, leaderId: leader.id, name: '红色示范项目' })).id;
  strangerProject = (await createProject(t.database, { leadUnitId: (await createUnit(t.database)).id })).id;
  const u = await createUser(t.database, { roles: ['unit'], unitId });
  unitAccount = u.id;
  leaderAccount = (await createUser(t.database, { roles: ['leader'], leaderId: leader.id })).id;
  unitUser = await login(t.app, u.username, FACTORY_PASSWORD);
  otherRegion = await login(
    t.app,
    (await createUser(t.database, { roles: ['supervisor'], regionCode: '411102' })).username,
    FACTORY_PASSWORD,
  );
});
afterAll(async () => t?.close());

describe('the demo', () => {
  it('has a red project with its warning issued and a bulletin criticism waiting for the supervisor', () => {
    expect(demoSteps.map((e) => `${e.step}:${e.status}`).sort()).toEqual(['bulletin:proposed', 'warning:confirmed']);
    expect(new Set(demoSteps.map((e) => e.projectId)).size).toBe(1);
    expect(demoSteps[0]!.evidence).toMatchObject({ weeks: 4, since: addDays(ASOF, -30) });
  });
});

describe('the daily proposal', () => {
  it('proposes nothing for a project red for less than 2 weeks', async () => {
    redSpell = await redSince(redProject, addDays(ASOF, -13));
    expect((await propose()).created).toEqual([]);
    expect(await countRows(t.database, 'escalations')).toBe(0);
  });

  it('issues a warning at 2 weeks red, confirmed by the system, with its evidence and notice', async () => {
    const audits = await countRows(t.database, 'audit_log');
    const res = await propose(addDays(ASOF, 1));
    expect(res.created.map((c) => c.step)).toEqual(['warning']);
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
    const w = await stepOf(redProject, 'warning');
    expect(w).toMatchObject({ status: 'confirmed', proposedBySystem: true, proposedBy: '系统', decidedBy: '系统' });
    expect(w.evidence).toEqual({
      spellId: redSpell,
      since: addDays(ASOF, -13),
      weeks: 2,
      rules: ['milestone_slip', 'ledger_overdue'],
    });
    expect(w.reason).toContain('连续红色 2 周');
    expect(w.reason).toContain('节点滞后');
    // the notice goes to the responsible unit's accounts and the contracting leader's
    expect(res.notices).toHaveLength(1);
    expect(res.notices[0]!.userIds).toEqual(expect.arrayContaining([unitAccount, leaderAccount]));
    expect(res.notices[0]!.title['zh-CN']).toBe('【预警提示】红色示范项目');
    expect(res.notices[0]!.link).toBe(`/projects/${redProject}`);
    // told once, in the inbox of each, under the step's key
    const told = await t.database.raw(`select user_id, kind from notifications where dedupe_key = 'escalation:${w.id}'`);
    expect(told.rows.map((r) => Number(r.user_id)).sort()).toEqual([...res.notices[0]!.userIds].sort());
    expect(new Set(told.rows.map((r) => r.kind))).toEqual(new Set(['warning']));
  });

  it('proposes nothing again the same day or the next', async () => {
    const before = await countRows(t.database, 'escalations');
    expect((await propose(addDays(ASOF, 1))).created).toEqual([]);
    expect((await propose(addDays(ASOF, 2))).created).toEqual([]);
    expect(await countRows(t.database, 'escalations')).toBe(before);
  });

  it('proposes 通报批评 once at 4 weeks red, waiting for the supervisor', async () => {
    const res = await propose(addDays(ASOF, 15));
    expect(res.created.map((c) => c.step)).toEqual(['bulletin']);
    expect(res.notices).toEqual([]);
    expect(await stepOf(redProject, 'bulletin')).toMatchObject({ status: 'proposed', decidedAt: null });
    expect((await propose(addDays(ASOF, 16))).created).toEqual([]);
  });

  it('starts the ladder over on a new red spell', async () => {
    const p = (await createProject(t.database, { leadUnitId: unitId })).id;
    await t.database.db
      .insert(ragSpells)
      .values({ subjectType: 'project', subjectId: p, rag: 'red', fromDate: '2026-05-01', toDate: '2026-06-01' });
    await redSince(p, addDays(ASOF, -14));
    const created = (await propose()).created.filter((c) => c.projectId === p);
    expect(created.map((c) => c.step)).toEqual(['warning']);
  });

  it('follows the region’s ladder setting, which the admin edits and which is validated', async () => {
    const bad = await admin.put('/api/v1/settings', {
      escalationLadder: [
        { step: 'warning', weeks: 3 },
        { step: 'bulletin', weeks: 3 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('周数须逐步递增');
    expect((await supervisor.put('/api/v1/settings', { escalationLadder: [{ step: 'warning', weeks: 1 }] })).statusCode).toBe(
      403,
    );
    const ok = await admin.put('/api/v1/settings', { escalationLadder: [{ step: 'warning', weeks: 1 }] });
    expect(ok.statusCode, ok.body).toBe(200);
    const p = (await createProject(t.database, { leadUnitId: unitId })).id;
    await redSince(p, addDays(ASOF, -60));
    const created = (await propose()).created.filter((c) => c.projectId === p);
    expect(created.map((c) => c.step)).toEqual(['warning']);
    await admin.put('/api/v1/settings', {
      escalationLadder: [
        { step: 'warning', weeks: 2 },
        { step: 'bulletin', weeks: 4 },
        { step: 'accountability', weeks: 6 },
        { step: 'statement', weeks: 8 },
      ],
    });
  });
});

describe('at scale', () => {
  it('proposes for 5,000 red projects in one run (more rows than one statement’s parameters hold), once', async () => {
    await t.database.raw(`insert into projects (code, name, level, category, region_code, total_investment, stage)
      select 'BULK-' || g, '批量项目' || g, 'district', 'industry', '411104', 1000000, 'building' from generate_series(1, 5000) g`);
    await t.database.raw(`insert into rag_spells (subject_type, subject_id, rag, from_date, rules)
      select 'project', id, 'red', date '${addDays(ASOF, -15)}', '{milestone_slip}' from projects where code like 'BULK-%'`);
    const started = Date.now();
    const res = await propose();
    const bulk = res.created.filter((c) => c.step === 'warning').length;
    expect(bulk).toBeGreaterThanOrEqual(5000);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect((await propose(addDays(ASOF, 1))).created).toEqual([]);
    await t.database.raw(`delete from rag_spells where subject_id in (select id from projects where code like 'BULK-%')`);
    await t.database.raw(`delete from projects where code like 'BULK-%'`);
  });
});

describe('confirm and dismiss', () => {
  it('refuses the office and a unit (403), another region (404), writing nothing', async () => {
    const b = await stepOf(redProject, 'bulletin');
    const audits = await countRows(t.database, 'audit_log');
    expect((await office.post(`/api/v1/escalations/${b.id}/confirm`, { version: b.version })).statusCode).toBe(403);
    expect((await unitUser.post(`/api/v1/escalations/${b.id}/confirm`, { version: b.version })).statusCode).toBe(403);
    expect((await otherRegion.post(`/api/v1/escalations/${b.id}/confirm`, { version: b.version })).statusCode).toBe(404);
    expect((await office.post(`/api/v1/escalations/${b.id}/dismiss`, { version: b.version, reason: '不需要' })).statusCode).toBe(
      403,
    );
    expect(await countRows(t.database, 'audit_log')).toBe(audits);
    expect((await stepOf(redProject, 'bulletin')).status).toBe('proposed');
  });

  it('refuses a stale version with 409, nothing changed', async () => {
    const b = await stepOf(redProject, 'bulletin');
    const res = await supervisor.post(`/api/v1/escalations/${b.id}/confirm`, { version: b.version + 1 });
    expect(res.statusCode).toBe(409);
    expect((await stepOf(redProject, 'bulletin')).status).toBe('proposed');
  });

  it('confirms: the dated record, by the supervisor, audited; a second decision is refused', async () => {
    const b = await stepOf(redProject, 'bulletin');
    const audits = await countRows(t.database, 'audit_log');
    const res = await supervisor.post(`/api/v1/escalations/${b.id}/confirm`, { version: b.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'confirmed', decidedAt: t.clock.now().toISOString(), version: b.version + 1 });
    expect((res.json() as Esc).decidedBy).toContain('王磊');
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
    // the confirmed 通报批评 is told to the unit's and the leader's accounts
    const told = await t.database.raw(`select kind, title_zh from notifications where dedupe_key = 'escalation:${b.id}'`);
    expect(told.rows.length).toBeGreaterThan(0);
    expect(told.rows[0]).toMatchObject({ kind: 'escalation', title_zh: expect.stringContaining('通报批评') });
    const again = await supervisor.post(`/api/v1/escalations/${b.id}/dismiss`, { version: b.version + 1, reason: '撤回' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('已处理');
    // confirmed, it is never proposed again for the spell
    expect((await propose(addDays(ASOF, 17))).created.filter((c) => c.projectId === redProject)).toEqual([]);
  });

  it('dismisses with a reason, and refuses a dismissal without one', async () => {
    const res = await propose(addDays(ASOF, 29)); // 6 weeks red: 问责
    const a = res.created.find((c) => c.projectId === redProject && c.step === 'accountability')!;
    expect(a).toBeTruthy();
    const v = (await stepOf(redProject, 'accountability')).version;
    expect((await supervisor.post(`/api/v1/escalations/${a.id}/dismiss`, { version: v, reason: ' ' })).statusCode).toBe(400);
    const ok = await supervisor.post(`/api/v1/escalations/${a.id}/dismiss`, { version: v, reason: '已约谈，暂缓问责' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'dismissed', dismissalReason: '已约谈，暂缓问责' });
    // dismissed is not proposed again either
    expect((await propose(addDays(ASOF, 30))).created.filter((c) => c.step === 'accountability')).toEqual([]);
  });
});

describe('manual proposals', () => {
  it('lets the supervisor propose a step on a red project, which joins its red spell', async () => {
    const p = (await createProject(t.database, { leadUnitId: unitId })).id;
    const spell = await redSince(p, addDays(ASOF, -20));
    const res = await supervisor.post('/api/v1/escalations', { projectId: p, step: 'bulletin', reason: '上级督导反馈点名' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'proposed', proposedBySystem: false, reason: '上级督导反馈点名' });
    expect((res.json() as Esc).evidence?.spellId).toBe(spell);
    // the job at 4 weeks does not propose it a second time
    const later = (await propose(addDays(ASOF, 8))).created.filter((c) => c.projectId === p);
    expect(later.map((c) => c.step)).toEqual(['warning']);
    const dup = await supervisor.post('/api/v1/escalations', { projectId: p, step: 'bulletin', reason: '再次' });
    expect(dup.statusCode).toBe(409);
  });

  it('issues a manual warning at once, and refuses other roles and scopes', async () => {
    const w = await supervisor.post('/api/v1/escalations', {
      projectId: strangerProject,
      step: 'warning',
      reason: '进度明显滞后',
    });
    expect(w.statusCode).toBe(201);
    expect(w.json()).toMatchObject({ status: 'confirmed', evidence: null });
    const body = { projectId: strangerProject, step: 'bulletin', reason: '越权' };
    expect((await office.post('/api/v1/escalations', body)).statusCode).toBe(403);
    expect((await otherRegion.post('/api/v1/escalations', body)).statusCode).toBe(404);
    expect((await unitUser.post('/api/v1/escalations', body)).statusCode).toBe(404);
    expect((await supervisor.post('/api/v1/escalations', { ...body, step: 'praise' })).statusCode).toBe(400);
  });
});

describe('reading', () => {
  it('filters the list by status, step and project', async () => {
    const proposed = (await supervisor.get('/api/v1/escalations?status=proposed')).json() as Esc[];
    expect(proposed.length).toBeGreaterThan(0);
    expect(proposed.every((e) => e.status === 'proposed')).toBe(true);
    const warnings = (await supervisor.get(`/api/v1/escalations?step=warning&projectId=${redProject}`)).json() as Esc[];
    expect(warnings.map((e) => [e.projectId, e.step])).toEqual([[redProject, 'warning']]);
  });

  it('shows a unit its own projects’ steps only, and refuses an enterprise (403) and other regions', async () => {
    const mine = (await unitUser.get('/api/v1/escalations')).json() as Esc[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.some((e) => e.projectId === strangerProject)).toBe(false);
    expect((await unitUser.get(`/api/v1/projects/${strangerProject}/escalations`)).statusCode).toBe(404);
    expect((await unitUser.get(`/api/v1/projects/${redProject}/escalations`)).statusCode).toBe(200);
    expect((await enterprise.get('/api/v1/escalations')).statusCode).toBe(403);
    expect((await otherRegion.get(`/api/v1/projects/${redProject}/escalations`)).statusCode).toBe(404);
    expect((await otherRegion.get('/api/v1/escalations')).json()).toEqual([]);
  });
});

describe('statements at the review meeting', () => {
  let statementId: number;
  let reviewId: number;
  let weeklyId: number;

  beforeAll(async () => {
    const res = await propose(addDays(ASOF, 43)); // 8 weeks red: 表态发言
    statementId = res.created.find((c) => c.projectId === redProject && c.step === 'statement')!.id;
    const [r, w] = await t.database.db
      .insert(meetings)
      .values([
        {
          regionCode: '411104',
          kind: 'review',
          title: '三季度项目评审会',
          status: 'planned',
          startsAt: new Date('2026-09-05T01:00:00Z'),
        },
        { regionCode: '411104', kind: 'weekly', title: '周例会', status: 'planned', startsAt: new Date('2026-09-01T01:00:00Z') },
      ])
      .returning();
    reviewId = r!.id;
    weeklyId = w!.id;
  });

  it('lists a confirmed statement as pending at a review meeting, not a proposed one', async () => {
    const before = (await office.get(`/api/v1/meetings/${reviewId}/statements`)).json() as { pending: Esc[] };
    expect(before.pending.some((e) => e.id === statementId)).toBe(false);
    const v = (await stepOf(redProject, 'statement')).version;
    expect((await supervisor.post(`/api/v1/escalations/${statementId}/confirm`, { version: v })).statusCode).toBe(200);
    const res = await office.get(`/api/v1/meetings/${reviewId}/statements`);
    expect(res.statusCode).toBe(200);
    expect((res.json() as { pending: Esc[] }).pending.map((e) => e.id)).toContain(statementId);
    expect(((await office.get(`/api/v1/meetings/${weeklyId}/statements`)).json() as { pending: Esc[] }).pending).toEqual([]);
    expect((await otherRegion.get(`/api/v1/meetings/${reviewId}/statements`)).statusCode).toBe(404);
    expect((await enterprise.get(`/api/v1/meetings/${reviewId}/statements`)).statusCode).toBe(404);
    expect((await unitUser.get(`/api/v1/meetings/${reviewId}/statements`)).statusCode).toBe(404);
  });

  it('marks it made at that meeting: done_at set, off the pending list; not at a weekly meeting', async () => {
    const v = (await stepOf(redProject, 'statement')).version;
    const weekly = await office.post(`/api/v1/escalations/${statementId}/statement-made`, { version: v, meetingId: weeklyId });
    expect(weekly.statusCode).toBe(400);
    expect(weekly.body).toContain('项目评审会');
    expect(
      (await unitUser.post(`/api/v1/escalations/${statementId}/statement-made`, { version: v, meetingId: reviewId })).statusCode,
    ).toBe(403);
    const audits = await countRows(t.database, 'audit_log');
    const res = await office.post(`/api/v1/escalations/${statementId}/statement-made`, { version: v, meetingId: reviewId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      meetingId: reviewId,
      meetingTitle: '三季度项目评审会',
      doneAt: t.clock.now().toISOString(),
    });
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
    const after = (await office.get(`/api/v1/meetings/${reviewId}/statements`)).json() as { pending: Esc[]; made: Esc[] };
    expect(after.pending.map((e) => e.id)).not.toContain(statementId);
    expect(after.made.map((e) => e.id)).toEqual([statementId]);
    const again = await office.post(`/api/v1/escalations/${statementId}/statement-made`, { version: v + 1, meetingId: reviewId });
    expect(again.statusCode).toBe(409);
  });

  it('refuses to mark a warning as a statement made', async () => {
    const w = await stepOf(redProject, 'warning');
    const res = await supervisor.post(`/api/v1/escalations/${w.id}/statement-made`, { version: w.version, meetingId: reviewId });
    expect(res.statusCode).toBe(409);
  });
});

describe('the workbench 督查工作台', () => {
  it('gathers the proposed steps and the overdue records with days overdue, and the supervision items waiting for the check', async () => {
    const [item] = await t.database.db
      .insert(ledgerItems)
      .values({
        projectId: redProject,
        unitId,
        seq: 1,
        focus: 'landing',
        content: '完成用地报批',
        deadline: addDays(ASOF, -9),
        status: 'in_progress',
      })
      .returning();
    const res = await supervisor.get('/api/v1/supervision/workbench');
    expect(res.statusCode, res.body).toBe(200);
    const wb = res.json() as {
      proposed: Esc[];
      overdue: { kind: string; id: number; daysOverdue: number; projectId: number; projectName: string }[];
      toVerify: { id: number; label: string }[];
      counts: { proposed: number; overdue: number; toVerify: number; total: number };
    };
    expect(wb.proposed.every((e) => e.status === 'proposed')).toBe(true);
    expect(wb.proposed.length).toBe(wb.counts.proposed);
    expect(wb.overdue).toContainEqual(
      expect.objectContaining({
        kind: 'ledger_item',
        id: item!.id,
        daysOverdue: 9,
        projectId: redProject,
        projectName: '红色示范项目',
      }),
    );
    // 待核验: the items submitted for the check 问效 and not accepted yet, oldest first
    const waiting = await t.database.raw(
      `select id, title from supervision_items where link = 'checking' and accepted_at is null order by updated_at, id`,
    );
    expect(waiting.rows.length).toBeGreaterThan(0);
    expect(wb.toVerify.map((x) => [x.id, x.label])).toEqual(waiting.rows.map((r) => [Number(r.id), r.title]));
    expect(wb.counts.total).toBe(wb.counts.proposed + wb.counts.overdue + wb.counts.toVerify);
    await t.database.db.delete(ledgerItems).where(eq(ledgerItems.id, item!.id));
  });

  it('is the bureau’s: the office and a unit are refused (403)', async () => {
    expect((await office.get('/api/v1/supervision/workbench')).statusCode).toBe(403);
    expect((await unitUser.get('/api/v1/supervision/workbench')).statusCode).toBe(403);
    expect((await admin.get('/api/v1/supervision/workbench')).statusCode).toBe(200);
  });
});

describe('the weeks observed', () => {
  it('counts the red from the daily monitoring’s first run, not a history before it (a back-filled past)', async () => {
    const p = (await createProject(t.database, { leadUnitId: unitId, name: '补录历史项目' })).id;
    await redSince(p, addDays(ASOF, -60));
    const firstRun = addDays(ASOF, -10);
    await t.database.db.insert(jobRuns).values({
      job: 'daily-monitoring',
      period: firstRun,
      status: 'succeeded',
      startedAt: new Date(`${firstRun}T06:00:00+08:00`),
    });
    try {
      // red for 60 days on record, but watched for 10: no step yet
      expect((await propose(ASOF)).created.filter((c) => c.projectId === p)).toEqual([]);
      // 14 days watched: the warning
      expect((await propose(addDays(firstRun, 14))).created.filter((c) => c.projectId === p).map((c) => c.step)).toEqual([
        'warning',
      ]);
    } finally {
      await t.database.db.delete(jobRuns).where(eq(jobRuns.job, 'daily-monitoring'));
    }
  });
});
