/**
 * Supervision reports 周调度 / 月督导通报 (issue 11 items 4 and 7): the supervisor drafts a period's report
 * from the records (a changed record changes the figure on redrafting), downloads it as .docx and reads
 * the red projects back, publishes it at its version (stale → 409) and it is frozen; leaders and units read
 * published ones only, other roles are refused, another region sees 404; the two jobs draft for the
 * bureau's region on their day.
 */
import { eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonthlyBulletinContent, SupervisionReport, WeeklyDispatchContent } from '@kpc/contracts';
import { decisions, escalations, meetings, milestones, problems, ragSpells } from '../src/db/schema/index.js';
import { monthlySupervision } from '../src/jobs/monthly-supervision.js';
import { runJob } from '../src/jobs/scheduler.js';
import { weeklyDispatch } from '../src/jobs/weekly-dispatch.js';
import { createTestApp, countRows, login, type Client, type TestApp } from './helpers.js';
import { FACTORY_PASSWORD, createUser, ensureRegion } from './factories.js';

let t: TestApp;
let supervisor: Client;
let office: Client;
let viewer: Client;
let unit: Client;
let leader: Client;
let otherRegion: Client;

const REPORTS = '/api/v1/supervision/reports';

beforeAll(async () => {
  t = await createTestApp();
  await ensureRegion(t.database, '411102');
  [supervisor, office, viewer, unit, leader] = await Promise.all([
    login(t.app, 'supervisor'),
    login(t.app, 'office'),
    login(t.app, 'viewer'),
    login(t.app, 'unit1'),
    login(t.app, 'leader1'),
  ]);
  otherRegion = await login(
    t.app,
    (await createUser(t.database, { roles: ['supervisor'], regionCode: '411102' })).username,
    FACTORY_PASSWORD,
  );
});
afterAll(async () => t?.close());

async function documentXml(res: { rawPayload: Buffer }): Promise<string> {
  const zip = await JSZip.loadAsync(res.rawPayload);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

const draft = (c: Client, kind: string, period: string) => c.post(REPORTS, { kind, period });

// TEST_NOW is Thursday 2026-07-16 in Asia/Shanghai: June's bulletin and week 29's dispatch can be drafted
describe('the monthly bulletin', () => {
  let bulletin: SupervisionReport & { content: MonthlyBulletinContent };

  it('is drafted by the supervisor from the records, audited, with the red and yellow lists and their reasons', async () => {
    const audits = await countRows(t.database, 'audit_log');
    const res = await draft(supervisor, 'monthly_bulletin', '2026-06');
    expect(res.statusCode, res.body).toBe(201);
    bulletin = res.json();
    expect(bulletin).toMatchObject({ status: 'draft', period: '2026-06', regionCode: '411104', docNumber: '督查〔2026〕6号' });
    const c = bulletin.content;
    expect(c.month).toEqual({ from: '2026-06-01', to: '2026-06-30' });
    expect(c.asOf).toBe('2026-06-30');
    expect(c.red.length).toBeGreaterThan(0);
    expect(c.colours.red).toBe(c.red.length);
    expect(c.colours.yellow).toBe(c.yellow.length);
    for (const p of [...c.red, ...c.yellow]) expect(p.reasons.length + (p.overridden ? 1 : 0)).toBeGreaterThan(0);
    expect(c.red[0]!.reasons[0]!.message['zh-CN']).toMatch(/[\u4e00-\u9fa5]/);
    expect(c.opening['zh-CN']).toContain(`红色 ${c.colours.red} 个`);
    expect(c.escalations).toEqual([]);
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
  });

  it('takes the figures anew on redrafting: an overdue problem and a colour spell change the counts', async () => {
    const c = bulletin.content;
    const greenBefore = [...c.red, ...c.yellow].find((p) => !p.overridden)!;
    await t.database.db.insert(problems).values({
      projectId: greenBefore.projectId,
      category: 'land',
      source: 'unit_report',
      description: '征地补偿款未到位',
      raisedOn: '2026-05-20',
      deadline: '2026-06-10',
      status: 'open',
    });
    // the colour history says it was green at the end of May
    await t.database.db.insert(ragSpells).values({
      subjectType: 'project',
      subjectId: greenBefore.projectId,
      rag: 'green',
      fromDate: '2026-05-01',
      toDate: '2026-06-04',
    });
    const res = await draft(supervisor, 'monthly_bulletin', '2026-06');
    expect(res.statusCode, res.body).toBe(200);
    const again = res.json() as typeof bulletin;
    expect(again.id).toBe(bulletin.id);
    expect(again.version).toBe(bulletin.version + 1);
    expect(again.content.overdueProblems.length).toBe(c.overdueProblems.length + 1);
    const mine = again.content.overdueProblems.find((p) => p.label === '征地补偿款未到位')!;
    expect(mine).toMatchObject({ projectName: greenBefore.name, deadline: '2026-06-10', daysOverdue: 20 });
    expect(again.content.changes.worse).toBe(c.changes.worse + 1);
    expect(again.content.changes.list).toContainEqual(
      expect.objectContaining({ projectId: greenBefore.projectId, from: 'green', to: greenBefore.rag }),
    );
    expect(again.content.opening['zh-CN']).toContain(`颜色转差 ${again.content.changes.worse} 个`);
    bulletin = again;
  });

  it('lists the escalation steps decided in the month, and only those', async () => {
    const p = bulletin.content.red[0]!;
    const step = (decidedAt: string, status: 'confirmed' | 'proposed', reasonZh: string) => ({
      projectId: p.projectId,
      step: 'bulletin' as const,
      status,
      reasonZh,
      reasonEn: 'Red for 4 weeks',
      proposedBySystem: 'daily-monitoring',
      proposedAt: new Date('2026-06-01T00:00:00Z'),
      ...(status === 'confirmed' ? { decidedBySystem: 'daily-monitoring', decidedAt: new Date(decidedAt) } : {}),
    });
    await t.database.db.insert(escalations).values([
      // 2026-06-30 23:30 Shanghai: still June
      step('2026-06-30T15:30:00Z', 'confirmed', '连续红色 4 周，六月通报'),
      // 2026-07-01 00:30 Shanghai: July's
      step('2026-06-30T16:30:00Z', 'confirmed', '七月的通报'),
      step('2026-06-15T00:00:00Z', 'proposed', '待确认的建议'),
    ]);
    const res = await draft(supervisor, 'monthly_bulletin', '2026-06');
    expect(res.statusCode, res.body).toBe(200);
    const again = res.json() as typeof bulletin;
    expect(again.content.escalations).toEqual([
      expect.objectContaining({ step: '通报批评', reason: '连续红色 4 周，六月通报', date: '2026-06-30' }),
    ]);
    expect(again.content.escalations[0]!.subject).toContain(p.name);
    const text = await documentXml(await supervisor.get(`${REPORTS}/${again.id}/docx`));
    expect(text).toContain('连续红色 4 周，六月通报');
    expect(text).not.toContain('七月的通报');
    bulletin = again;
  });

  it('downloads as a .docx that names the red projects, with its 发文字号 and 版记', async () => {
    const res = await supervisor.get(`${REPORTS}/${bulletin.id}/docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('月督导通报-2026-06-草稿.docx');
    const text = await documentXml(res);
    for (const p of bulletin.content.red) expect(text).toContain(p.name);
    expect(text).toContain('督查〔2026〕6号');
    expect(text).toContain('关于2026年6月重点项目三色督办情况的通报');
    expect(text).toContain('征地补偿款未到位');
    expect(text).toContain('抄送：');
    expect(text).toContain('召陵区重点项目督查局');
    // 版头: the issuer's mark in red above the number, and the red line under it
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toMatch(/<w:color w:val="FF0000"\/>[\s\S]*召陵区重点项目督查通报/);
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
  });

  it('hides a draft from units and leaders, refuses the office, the viewer and an enterprise, and other regions see 404', async () => {
    expect((await unit.get(`${REPORTS}/${bulletin.id}`)).statusCode).toBe(404);
    expect((await leader.get(`${REPORTS}/${bulletin.id}/docx`)).statusCode).toBe(404);
    expect((await unit.get(REPORTS)).json().items).toEqual([]);
    const enterprise = await login(t.app, 'enterprise1');
    for (const c of [office, viewer, enterprise]) {
      expect((await c.get(REPORTS)).statusCode).toBe(403);
      expect((await c.get(`${REPORTS}/${bulletin.id}`)).statusCode).toBe(403);
      expect((await c.get(`${REPORTS}/${bulletin.id}/docx`)).statusCode).toBe(403);
    }
    const before = await countRows(t.database, 'supervision_reports');
    for (const c of [office, unit, leader]) {
      expect((await draft(c, 'monthly_bulletin', '2026-05')).statusCode).toBe(403);
      expect((await c.post(`${REPORTS}/${bulletin.id}/publish`, { version: bulletin.version })).statusCode).toBe(403);
    }
    expect((await otherRegion.get(`${REPORTS}/${bulletin.id}`)).statusCode).toBe(404);
    expect((await otherRegion.post(`${REPORTS}/${bulletin.id}/publish`, { version: bulletin.version })).statusCode).toBe(404);
    expect((await otherRegion.get(REPORTS)).json().items).toEqual([]);
    expect(await countRows(t.database, 'supervision_reports')).toBe(before);
  });

  it('refuses a malformed or future period with a zh-CN message, writing nothing', async () => {
    const before = await countRows(t.database, 'supervision_reports');
    const bad = await draft(supervisor, 'monthly_bulletin', '2026-W27');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('YYYY-MM');
    const future = await draft(supervisor, 'monthly_bulletin', '2026-08');
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('已开始');
    expect((await draft(supervisor, 'weekly_dispatch', '2026-07')).statusCode).toBe(400);
    expect(await countRows(t.database, 'supervision_reports')).toBe(before);
  });

  it('makes one report when two drafts of the same period arrive together: one creates, the other redrafts', async () => {
    const rows = await countRows(t.database, 'supervision_reports');
    const [a, b] = await Promise.all([
      draft(supervisor, 'monthly_bulletin', '2026-05'),
      draft(supervisor, 'monthly_bulletin', '2026-05'),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().id).toBe(b.json().id);
    expect(await countRows(t.database, 'supervision_reports')).toBe(rows + 1);
  });

  it('publishes at its version (stale → 409, nothing changed); a published bulletin is frozen and readers see it', async () => {
    const stale = await supervisor.post(`${REPORTS}/${bulletin.id}/publish`, { version: bulletin.version - 1 });
    expect(stale.statusCode).toBe(409);
    expect((await supervisor.get(`${REPORTS}/${bulletin.id}`)).json().status).toBe('draft');
    // two items the bureau accepted: one in June (通报 with June's bulletin), one in July (not yet)
    const accepted = await t.database.raw(
      `select id from supervision_items where region_code = '411104' and link = 'checking' order by id limit 2`,
    );
    const [june, july] = accepted.rows.map((r) => Number(r.id));
    await t.database.raw(`update supervision_items set accepted_at = '2026-06-20T02:00:00Z' where id = ${june}`);
    await t.database.raw(`update supervision_items set accepted_at = '2026-07-05T02:00:00Z' where id = ${july}`);
    await t.database.raw(
      `update supervision_items set accepted_at = null where link = 'checking' and id not in (${june}, ${july})`,
    );
    const audits = await countRows(t.database, 'audit_log');
    const res = await supervisor.post(`${REPORTS}/${bulletin.id}/publish`, { version: bulletin.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'published', publishedBy: '督查局 王磊' });
    // the report's audit row and the bulletined item's
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 2);
    const links = await t.database.raw(
      `select id, link, bulletin_id from supervision_items where id in (${june}, ${july}) order by id`,
    );
    expect(links.rows.map((r) => [Number(r.id), r.link, r.bulletin_id === null ? null : Number(r.bulletin_id)])).toEqual(
      [
        [june, 'bulletined', bulletin.id],
        [july, 'checking', null],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    const redraft = await draft(supervisor, 'monthly_bulletin', '2026-06');
    expect(redraft.statusCode).toBe(409);
    expect(redraft.body).toContain('已印发');
    expect((await supervisor.post(`${REPORTS}/${bulletin.id}/publish`, { version: res.json().version })).statusCode).toBe(409);
    expect((await supervisor.get(`${REPORTS}/${bulletin.id}`)).json().content).toEqual(bulletin.content);
    // units and leaders of the region read the published one
    expect((await unit.get(REPORTS)).json().items.map((r: { id: number }) => r.id)).toEqual([bulletin.id]);
    expect((await leader.get(`${REPORTS}/${bulletin.id}`)).statusCode).toBe(200);
    const doc = await leader.get(`${REPORTS}/${bulletin.id}/docx`);
    expect(doc.statusCode).toBe(200);
    expect(await documentXml(doc)).not.toContain('（草稿）');
  });
});

describe('the weekly dispatch', () => {
  let projectId: number;
  let projectName: string;
  let content: WeeklyDispatchContent;

  it('shows per project the week’s nodes, problems and decisions due, and the district summary', async () => {
    // week 29 (13–19 July) reviews 6–12 July and lists decisions due 13–19 July
    const first = await draft(supervisor, 'weekly_dispatch', '2026-W29');
    expect(first.statusCode, first.body).toBe(201);
    const c0 = first.json().content as WeeklyDispatchContent;
    expect(c0.reviewed).toEqual({ from: '2026-07-06', to: '2026-07-12' });
    expect(c0.dueWeek).toEqual({ from: '2026-07-13', to: '2026-07-19' });
    const p = c0.projects.find((x) => x.rag === 'green') ?? c0.projects[0]!;
    projectId = p.projectId;
    projectName = p.name;
    const [node] = await t.database.db.select().from(milestones).where(eqProject(projectId)).limit(1);
    const [meeting] = await t.database.db.select().from(meetings).limit(1);
    const [anyDecision] = await t.database.db.select().from(decisions).limit(1);
    await t.database.db
      .update(milestones)
      .set({ actualStart: '2026-06-01', actualFinish: '2026-07-08', status: 'done' })
      .where(eqId(node!.id));
    await t.database.db.insert(problems).values([
      {
        projectId,
        category: 'land',
        source: 'unit_report',
        description: '施工用电未接入',
        raisedOn: '2026-07-07',
        status: 'open',
      },
      {
        projectId,
        category: 'land',
        source: 'unit_report',
        description: '临时道路已修通',
        raisedOn: '2026-06-20',
        status: 'resolved',
        resolution: '已协调',
        resolvedOn: '2026-07-10',
      },
    ]);
    await t.database.db.insert(decisions).values({
      meetingId: meeting!.id,
      projectId,
      content: '本周内完成环评公示',
      unitId: anyDecision!.unitId,
      deadline: '2026-07-17',
      status: 'open',
    });
    // the week's 形象进度, typed once in the project's weekly update 周报 of the week reviewed
    await t.database.raw(
      `insert into weekly_updates (project_id, week, note, changed, sent_by_name, sent_at)
         values ($1, '2026-W28', '主体结构施工至五层', '{"ledgerItemIds":[],"milestoneIds":[],"investmentReportIds":[],"problemIds":[]}', '责任单位', '2026-07-10T03:00:00Z')
       on conflict (project_id, week) do update set note = excluded.note, sent_at = excluded.sent_at`,
      [projectId],
    );
    const res = await draft(supervisor, 'weekly_dispatch', '2026-W29');
    expect(res.statusCode, res.body).toBe(200);
    content = res.json().content;
    const mine = content.projects.find((x) => x.projectId === projectId)!;
    expect(mine.progressNote).toBe('主体结构施工至五层');
    expect(mine.milestonesFinished).toContainEqual({ id: node!.id, label: node!.name, date: '2026-07-08' });
    expect(mine.problemsNew.map((x) => x.label)).toContain('施工用电未接入');
    expect(mine.problemsSolved.map((x) => x.label)).toContain('临时道路已修通');
    expect(mine.decisionsDue.map((x) => x.label)).toContain('本周内完成环评公示');
    expect(content.summary.problemsNew).toBe(c0.summary.problemsNew + 1);
    expect(content.summary.problemsSolved).toBe(c0.summary.problemsSolved + 1);
    expect(content.summary.decisionsDue).toBe(c0.summary.decisionsDue + 1);
    expect(content.summary.milestonesFinished).toBe(c0.summary.milestonesFinished + 1);
    const total = content.summary.colours.green + content.summary.colours.yellow + content.summary.colours.red;
    expect(total).toBe(content.projects.length);
  });

  it('downloads as a .docx with the project table and the decisions due', async () => {
    const id = (await supervisor.get(`${REPORTS}?kind=weekly_dispatch`)).json().items[0].id;
    const res = await supervisor.get(`${REPORTS}/${id}/docx`);
    expect(res.statusCode).toBe(200);
    const text = await documentXml(res);
    expect(text).toContain('调度〔2026〕29号');
    expect(text).toContain('2026年第29周重点项目调度情况');
    expect(text).toContain(projectName);
    expect(text).toContain('本周内完成环评公示');
    expect(text).toContain('主体结构施工至五层');
  });
});

describe('the jobs', () => {
  it('weekly-dispatch drafts the week’s dispatch for the bureau’s region on Monday, as its system actor', async () => {
    t.clock.set(new Date('2026-07-20T07:00:00+08:00'));
    expect(await runJob(t.app, weeklyDispatch)).toBe('succeeded');
    const { rows } = await t.database.raw(
      `select region_code, drafted_by_name, status from supervision_reports where kind = 'weekly_dispatch' and period = '2026-W30' order by 1`,
    );
    // one per region with a supervision bureau: the demo district's, and the other region's made above
    expect(rows).toEqual([
      { region_code: '411102', drafted_by_name: 'system:weekly-dispatch', status: 'draft' },
      { region_code: '411104', drafted_by_name: 'system:weekly-dispatch', status: 'draft' },
    ]);
    expect(await runJob(t.app, weeklyDispatch)).toBe('done_already');
  });

  it('monthly-supervision drafts last month’s bulletin on the first working day, not on the weekend before', async () => {
    // 1 August 2026 is a Saturday: the month due is still June, published already and left alone (version 4: drafted, redrafted twice, published)
    t.clock.set(new Date('2026-08-01T08:00:00+08:00'));
    expect(monthlySupervision.period(t.clock.now())).toBe('2026-06');
    expect(await runJob(t.app, monthlySupervision)).toBe('succeeded');
    const june = await t.database.raw(
      `select status, version from supervision_reports where period = '2026-06' and region_code = '411104'`,
    );
    expect(june.rows).toEqual([{ status: 'published', version: 4 }]);
    t.clock.set(new Date('2026-08-03T08:00:00+08:00'));
    expect(await runJob(t.app, monthlySupervision)).toBe('succeeded');
    const { rows } = await t.database.raw(
      `select region_code, drafted_by_name, content->'month' as month from supervision_reports where kind = 'monthly_bulletin' and period = '2026-07' and region_code = '411104'`,
    );
    expect(rows).toEqual([
      { region_code: '411104', drafted_by_name: 'system:monthly-supervision', month: { from: '2026-07-01', to: '2026-07-31' } },
    ]);
  });
});

const eqProject = (id: number) => eq(milestones.projectId, id);
const eqId = (id: number) => eq(milestones.id, id);
