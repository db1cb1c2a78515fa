import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, login, type Client, type TestApp } from './helpers.js';
import { FACTORY_PASSWORD, createLeader, createProject, createUnit, createUser, ensureRegion } from './factories.js';

let t: TestApp;
let office: Client;
let unitUser: Client;
let coopUnitUser: Client;
let strangerUnit: Client;
let supervisor: Client;
let viewer: Client;
let leaderUser: Client;
let otherRegionOffice: Client;
let myUnit: { id: number; name: string };
let coopUnit: { id: number; name: string };
let chair: { id: number; name: string };
let attendee: { id: number; name: string };
let outsider: { id: number };
let project: { id: number; code: string; name: string };
let seriesId: number;

interface DecisionBody {
  id: number;
  version: number;
  status: string;
  state: string;
  overdue: boolean;
  unitId: number;
  unitName: string;
  deadline: string;
  permissions: { edit: boolean; done: boolean; verify: boolean };
}
interface MeetingBody {
  id: number;
  version: number;
  title: string;
  agenda: { projectId: number; reasons: string[] }[];
  decisions: DecisionBody[];
  problemsRaised: { id: number; version: number; status: string }[];
  problemsSolved: { id: number; status: string; solvedByLeaderName: string | null }[];
}

async function ok<T>(p: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 200): Promise<T> {
  const res = await p;
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}

const meetingBody = (o: Record<string, unknown> = {}) => ({
  kind: 'weekly',
  seriesId,
  title: '项目建设周例会（第28期）',
  date: '2026-07-16',
  time: '09:30',
  place: '区政府三楼会议室',
  chairLeaderId: chair.id,
  attendeeLeaderIds: [attendee.id],
  attendeeUnitIds: [myUnit.id],
  attendeePeople: ['区重点办 王明'],
  agenda: [{ projectId: project.id, reasons: ['manual'], notes: '土地摘牌进度滞后，需自然资源局加快办理。' }],
  minutes: '会议听取了重点项目推进情况汇报。',
  status: 'held',
  ...o,
});

beforeAll(async () => {
  t = await createTestApp();
  myUnit = await createUnit(t.database, { name: '会议测试工信局' });
  coopUnit = await createUnit(t.database, { name: '会议测试住建局' });
  const stranger = await createUnit(t.database, { name: '会议测试文旅局' });
  chair = await createLeader(t.database, { name: '会议测试张区长' });
  attendee = await createLeader(t.database, { name: '会议测试李副区长' });
  outsider = await createLeader(t.database, { name: '会议测试赵主任' });
  await ensureRegion(t.database, '411102');
  project = await createProject(t.database, {
    code: 'MT-1',
    name: '会议测试智能制造产业园',
    leadUnitId: myUnit.id,
    cooperatingUnitIds: [coopUnit.id],
    stage: 'building',
  });
  const mk = async (o: Parameters<typeof createUser>[1]) =>
    login(t.app, (await createUser(t.database, o)).username, FACTORY_PASSWORD);
  office = await login(t.app, 'office');
  unitUser = await mk({ roles: ['unit'], unitId: myUnit.id });
  coopUnitUser = await mk({ roles: ['unit'], unitId: coopUnit.id });
  strangerUnit = await mk({ roles: ['unit'], unitId: stranger.id });
  supervisor = await mk({ roles: ['supervisor'] });
  viewer = await mk({ roles: ['viewer'] });
  leaderUser = await mk({ roles: ['leader'], leaderId: chair.id });
  otherRegionOffice = await mk({ roles: ['office'], regionCode: '411102' });
  seriesId = (
    await ok<{ id: number }>(
      office.post('/api/v1/meeting-series', { name: '会议测试项目建设周例会', chairLeaderId: chair.id }),
      201,
    )
  ).id;
});
afterAll(async () => t?.close());

describe('meeting series', () => {
  it('are named by the office, versioned, and listed with their held count', async () => {
    const s = await ok<{ id: number; version: number }>(
      office.post('/api/v1/meeting-series', { name: '会议测试要素保障周例会' }),
      201,
    );
    const renamed = await ok<{ name: string; version: number }>(
      office.patch(`/api/v1/meeting-series/${s.id}`, { version: 1, name: '会议测试要素保障调度会', chairLeaderId: attendee.id }),
    );
    expect(renamed).toMatchObject({ name: '会议测试要素保障调度会', version: 2 });
    expect((await office.patch(`/api/v1/meeting-series/${s.id}`, { version: 1, name: '旧' })).statusCode).toBe(409);
    expect((await unitUser.post('/api/v1/meeting-series', { name: '单位不可建' })).statusCode).toBe(403);
    expect((await supervisor.patch(`/api/v1/meeting-series/${s.id}`, { version: 2, name: 'x' })).statusCode).toBe(403);
    expect((await otherRegionOffice.patch(`/api/v1/meeting-series/${s.id}`, { version: 2, name: 'x' })).statusCode).toBe(404);
    const list = await ok<{ id: number; heldCount: number }[]>(office.get('/api/v1/meeting-series'));
    expect(list.map((x) => x.id)).toContain(s.id);
  });
});

describe('a meeting and its decisions', () => {
  let meeting: MeetingBody;
  let decision: DecisionBody;

  it('records a weekly meeting with its agenda and attendees, audited', async () => {
    const audits = await countRows(t.database, 'audit_log');
    meeting = await ok<MeetingBody>(office.post('/api/v1/meetings', meetingBody()), 201);
    expect(meeting).toMatchObject({
      title: '项目建设周例会（第28期）',
      date: '2026-07-16',
      time: '09:30',
      startsAt: '2026-07-16T01:30:00.000Z',
      chairLeaderName: '会议测试张区长',
      status: 'held',
      agenda: [{ projectId: project.id, reasons: ['manual'] }],
    });
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
  });

  it('lists decisions as open with their unit and deadline, then overdue past it', async () => {
    decision = await ok<DecisionBody>(
      office.post(`/api/v1/meetings/${meeting.id}/decisions`, {
        content: '7月31日前完成土地摘牌',
        projectId: project.id,
        unitId: myUnit.id,
        ownerName: '王建国',
        deadline: '2026-07-31',
      }),
      201,
    );
    const open = await ok<{ items: DecisionBody[] }>(office.get(`/api/v1/decisions?meetingId=${meeting.id}`));
    expect(open.items).toHaveLength(1);
    expect(open.items[0]).toMatchObject({
      state: 'open',
      overdue: false,
      unitId: myUnit.id,
      unitName: '会议测试工信局',
      deadline: '2026-07-31',
    });
    expect((await ok<{ total: number }>(office.get(`/api/v1/decisions?state=overdue&meetingId=${meeting.id}`))).total).toBe(0);

    // a decision past its deadline today (2026-07-16) is overdue; it names no project, so no agenda counts it
    const late = await ok<DecisionBody>(
      office.post(`/api/v1/meetings/${meeting.id}/decisions`, {
        content: '上报用地报批材料',
        unitId: myUnit.id,
        deadline: '2026-07-10',
      }),
      201,
    );
    expect(late).toMatchObject({ state: 'overdue', overdue: true, status: 'open' });
    const overdue = await ok<{ items: DecisionBody[] }>(office.get(`/api/v1/decisions?state=overdue&unitId=${myUnit.id}`));
    expect(overdue.items.map((d) => d.id)).toEqual([late.id]);
    const stillOpen = await ok<{ items: DecisionBody[] }>(office.get(`/api/v1/decisions?state=open&unitId=${myUnit.id}`));
    expect(stillOpen.items.map((d) => d.id)).toEqual([decision.id]);
    const list = await ok<{ items: { id: number; overdueDecisionCount: number; decisionCount: number }[]; heldCount: number }>(
      office.get(`/api/v1/meetings?seriesId=${seriesId}`),
    );
    expect(list.items.find((m) => m.id === meeting.id)).toMatchObject({ overdueDecisionCount: 1, decisionCount: 2 });
    expect(list.heldCount).toBe(1);
  });

  it("drafts the next weekly meeting's agenda from what is overdue, with reasons and counts", async () => {
    // an overdue ledger item and an open problem past its deadline on the same project
    await ok(
      office.post(`/api/v1/projects/${project.id}/ledger-items`, {
        unitId: myUnit.id,
        content: '完成施工图审查',
        deadline: '2026-07-20',
      }),
      201,
    );
    await ok(
      office.post(`/api/v1/meetings/${meeting.id}/problems`, {
        problems: [
          { projectId: project.id, category: 'land', description: '用地指标未落实', unitId: myUnit.id, deadline: '2026-07-25' },
        ],
      }),
      201,
    );
    const proposal = await ok<{
      items: { projectId: number; reasons: { reason: string; count: number }[] }[];
    }>(office.get('/api/v1/meetings/agenda-proposal?asOf=2026-08-03'));
    const mine = proposal.items.find((i) => i.projectId === project.id);
    expect(mine?.reasons).toEqual([
      { reason: 'overdue_ledger', count: 1 },
      { reason: 'overdue_decision', count: 1 },
      { reason: 'open_problem', count: 1 },
    ]);
    // the demo portfolio has milestones past their baseline's latest finish
    expect(proposal.items.some((i) => i.reasons.some((r) => r.reason === 'overdue_milestone'))).toBe(true);
    // before the deadlines nothing of this project is proposed
    const early = await ok<{ items: { projectId: number }[] }>(office.get('/api/v1/meetings/agenda-proposal?asOf=2026-07-18'));
    expect(early.items.map((i) => i.projectId)).not.toContain(project.id);
    expect((await unitUser.get('/api/v1/meetings/agenda-proposal')).statusCode).toBe(403);

    const { agenda: _a, ...noAgenda } = meetingBody({ title: '项目建设周例会（第31期）', date: '2026-08-06', status: 'planned' });
    const next = await ok<MeetingBody>(office.post('/api/v1/meetings', noAgenda), 201);
    const item = next.agenda.find((a) => a.projectId === project.id);
    expect(item?.reasons).toEqual(['overdue_ledger', 'overdue_decision', 'open_problem']);
  });

  it('writes the minutes as a GB/T 9704 .docx with the decisions table', async () => {
    const res = await unitUser.get(`/api/v1/meetings/${meeting.id}/minutes.docx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const s of [
      '项目建设周例会（第28期）',
      '区政府三楼会议室',
      '会议测试张区长',
      '会议测试李副区长',
      '区重点办 王明',
      '会议测试智能制造产业园',
      '土地摘牌进度滞后',
      '议定事项',
      '7月31日前完成土地摘牌',
      '会议测试工信局',
      '王建国',
      '2026年7月31日',
    ])
      expect(text).toContain(s);
    expect(xml).toContain('<w:tbl>');
    const attr = (tag: string, name: string) => Number(new RegExp(`<w:${tag}[^>]*w:${name}="(-?\\d+)"`).exec(xml)?.[1]);
    expect(attr('pgSz', 'w')).toBe(11906);
    expect(attr('pgSz', 'h')).toBe(16838);
    expect(attr('pgMar', 'top')).toBe(2098);
    expect(attr('pgMar', 'left')).toBe(1587);
    expect(attr('pgMar', 'right')).toBe(1475);
    expect(attr('pgMar', 'bottom')).toBe(1984);
    expect(attr('docGrid', 'linePitch')).toBe(579);
    expect(attr('docGrid', 'charSpace')).toBeLessThan(0);
    expect(xml).toContain('w:val="44"');
    expect(xml).toContain('w:val="32"');
    expect(xml).toContain('方正小标宋简体');
    expect(xml).toContain('仿宋_GB2312');
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /word\/footer\d+\.xml/.test(f))
        .map((f) => zip.file(f)!.async('string')),
    );
    expect(footers.some((f) => f.includes('w:val="right"'))).toBe(true);
    expect(footers.some((f) => f.includes('w:val="left"'))).toBe(true);
    expect(footers.join('')).toContain('PAGE');
    const settings = await zip.file('word/settings.xml')!.async('string');
    expect(settings).toContain('evenAndOddHeaders');
    expect(await zip.file('word/fontTable.xml')!.async('string')).toContain('<w:altName w:val="宋体"/>');
  });

  it('lets the responsible unit mark its decision done, and only the office or supervisor verify', async () => {
    // a unit that reads the meeting (it cooperates on the project) but does not owe the decision
    expect(
      (await coopUnitUser.post(`/api/v1/decisions/${decision.id}/done`, { version: 1, doneOn: '2026-07-16', note: 'x' }))
        .statusCode,
    ).toBe(403);
    // a unit with nothing to do with the meeting does not learn it exists
    expect((await strangerUnit.get(`/api/v1/decisions/${decision.id}`)).statusCode).toBe(404);
    expect((await strangerUnit.get(`/api/v1/meetings/${meeting.id}`)).statusCode).toBe(404);
    expect(
      (await unitUser.post(`/api/v1/decisions/${decision.id}/done`, { version: 1, doneOn: '2026-07-17', note: '已摘牌' }))
        .statusCode,
    ).toBe(400);
    const seen = await ok<DecisionBody>(unitUser.get(`/api/v1/decisions/${decision.id}`));
    expect(seen.permissions).toEqual({ edit: false, done: true, verify: false });
    const audits = await countRows(t.database, 'audit_log');
    const done = await ok<DecisionBody>(
      unitUser.post(`/api/v1/decisions/${decision.id}/done`, { version: 1, doneOn: '2026-07-16', note: '已完成土地摘牌' }),
    );
    expect(done).toMatchObject({ status: 'done', state: 'done', doneOn: '2026-07-16', doneNote: '已完成土地摘牌', version: 2 });
    // the decision's row, and its supervision item's move to checking 问效
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 2);
    expect((await unitUser.post(`/api/v1/decisions/${decision.id}/verify`, { version: 2 })).statusCode).toBe(403);
    expect((await viewer.post(`/api/v1/decisions/${decision.id}/verify`, { version: 2 })).statusCode).toBe(403);
    expect((await supervisor.post(`/api/v1/decisions/${decision.id}/verify`, { version: 1 })).statusCode).toBe(409);
    const verified = await ok<DecisionBody>(supervisor.post(`/api/v1/decisions/${decision.id}/verify`, { version: 2 }));
    expect(verified).toMatchObject({ status: 'verified', state: 'verified' });
    expect(
      (await office.post(`/api/v1/decisions/${decision.id}/done`, { version: 3, doneOn: '2026-07-16', note: 'x' })).statusCode,
    ).toBe(409);
  });

  it('refuses meeting and decision writes to every role but the office, and another region sees 404', async () => {
    const before = await countRows(t.database, 'meetings');
    for (const c of [unitUser, supervisor, leaderUser]) {
      expect((await c.post('/api/v1/meetings', meetingBody())).statusCode).toBe(403);
      expect((await c.patch(`/api/v1/meetings/${meeting.id}`, { version: meeting.version, title: '改' })).statusCode).toBe(403);
      expect(
        (await c.post(`/api/v1/meetings/${meeting.id}/decisions`, { content: 'x', unitId: myUnit.id, deadline: '2026-08-01' }))
          .statusCode,
      ).toBe(403);
      expect((await c.delete(`/api/v1/meetings/${meeting.id}?version=${meeting.version}`)).statusCode).toBe(403);
    }
    // viewer accounts are refused every write before validation
    expect((await viewer.post('/api/v1/meetings', meetingBody())).statusCode).toBe(403);
    expect((await unitUser.patch(`/api/v1/decisions/${decision.id}`, { version: 3, content: '改' })).statusCode).toBe(403);
    const problems = await countRows(t.database, 'problems');
    for (const c of [unitUser, supervisor, leaderUser])
      expect(
        (
          await c.post(`/api/v1/meetings/${meeting.id}/problems`, {
            problems: [{ projectId: project.id, category: 'land', description: '不可提出' }],
          })
        ).statusCode,
      ).toBe(403);
    expect(await countRows(t.database, 'problems')).toBe(problems);
    expect((await unitUser.delete(`/api/v1/decisions/${decision.id}?version=3`)).statusCode).toBe(403);
    expect((await supervisor.delete(`/api/v1/decisions/${decision.id}?version=3`)).statusCode).toBe(403);
    expect(await countRows(t.database, 'meetings')).toBe(before);
    for (const url of [
      `/api/v1/meetings/${meeting.id}`,
      `/api/v1/decisions/${decision.id}`,
      `/api/v1/meetings/${meeting.id}/minutes.docx`,
      `/api/v1/meetings/${meeting.id}/solvable-problems`,
    ])
      expect([url, (await otherRegionOffice.get(url)).statusCode]).toEqual([url, 404]);
    expect((await otherRegionOffice.patch(`/api/v1/meetings/${meeting.id}`, { version: 1, title: 'x' })).statusCode).toBe(404);
    const theirs = await ok<{ items: { id: number }[] }>(otherRegionOffice.get('/api/v1/meetings?pageSize=200'));
    expect(theirs.items.map((m) => m.id)).not.toContain(meeting.id);
    // supervisor, viewer and leader read the region's meetings
    for (const c of [supervisor, viewer, leaderUser])
      expect((await c.get(`/api/v1/meetings/${meeting.id}`)).statusCode).toBe(200);
    const unitList = await ok<{ items: { id: number }[] }>(strangerUnit.get('/api/v1/meetings?pageSize=200'));
    expect(unitList.items.map((m) => m.id)).not.toContain(meeting.id);
    const mineList = await ok<{ items: { id: number }[] }>(unitUser.get('/api/v1/meetings?pageSize=200'));
    expect(mineList.items.map((m) => m.id)).toContain(meeting.id);
  });

  it('lets a unit read a meeting that gave it a decision on a project it does not work on', async () => {
    const elsewhere = await createProject(t.database, { leadUnitId: coopUnit.id });
    const m = await ok<MeetingBody>(
      office.post(
        '/api/v1/meetings',
        meetingBody({ agenda: [{ projectId: elsewhere.id, reasons: [] }], title: '会议测试单位可见' }),
      ),
      201,
    );
    expect((await strangerUnit.get(`/api/v1/meetings/${m.id}`)).statusCode).toBe(404);
    const stranger = (await strangerUnit.get('/api/v1/auth/me')).json() as { user: { unitId: number } };
    await ok(
      office.post(`/api/v1/meetings/${m.id}/decisions`, {
        content: '配合办理',
        unitId: stranger.user.unitId,
        deadline: '2026-08-01',
      }),
      201,
    );
    expect((await strangerUnit.get(`/api/v1/meetings/${m.id}`)).statusCode).toBe(200);
  });

  it('refuses a stale update with 409 and the current meeting, changing nothing', async () => {
    const fresh = await ok<MeetingBody>(
      office.patch(`/api/v1/meetings/${meeting.id}`, { version: meeting.version, place: '项目现场' }),
    );
    expect(fresh.version).toBe(meeting.version + 1);
    const audits = await countRows(t.database, 'audit_log');
    const stale = await office.patch(`/api/v1/meetings/${meeting.id}`, { version: meeting.version, title: '过期修改' });
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as { error: { details: { current: MeetingBody } } }).error.details.current.version).toBe(fresh.version);
    expect((await ok<MeetingBody>(office.get(`/api/v1/meetings/${meeting.id}`))).title).toBe('项目建设周例会（第28期）');
    expect(await countRows(t.database, 'audit_log')).toBe(audits);
    const d = await ok<DecisionBody>(
      office.post(`/api/v1/meetings/${meeting.id}/decisions`, {
        content: '核实用电负荷',
        unitId: myUnit.id,
        deadline: '2026-08-10',
      }),
      201,
    );
    await ok(office.patch(`/api/v1/decisions/${d.id}`, { version: 1, ownerName: '刘洋' }));
    expect((await office.patch(`/api/v1/decisions/${d.id}`, { version: 1, ownerName: '过期' })).statusCode).toBe(409);
  });

  it('refuses a weekly meeting without its series and an on-site one without its project', async () => {
    const before = await countRows(t.database, 'meetings');
    const noSeries = await office.post('/api/v1/meetings', meetingBody({ seriesId: null }));
    expect(noSeries.statusCode).toBe(400);
    expect(noSeries.body).toContain('周例会须选择会议系列');
    expect((await office.post('/api/v1/meetings', meetingBody({ kind: 'onsite_office', seriesId: null }))).statusCode).toBe(400);
    expect((await office.post('/api/v1/meetings', meetingBody({ chairLeaderId: 999_999 }))).statusCode).toBe(400);
    expect((await office.post('/api/v1/meetings', meetingBody({ time: '25:00' }))).statusCode).toBe(400);
    expect(await countRows(t.database, 'meetings')).toBe(before);
  });
});

describe('problems in a meeting', () => {
  it('raises problems from the meeting and solves them by the chair or an attending leader only', async () => {
    const m = await ok<MeetingBody>(
      office.post(
        '/api/v1/meetings',
        meetingBody({
          kind: 'onsite_office',
          seriesId: null,
          siteProjectId: project.id,
          title: '会议测试现场办公会',
          agenda: [],
        }),
      ),
      201,
    );
    const raised = await ok<MeetingBody>(
      office.post(`/api/v1/meetings/${m.id}/problems`, {
        problems: [{ projectId: project.id, category: 'utilities', description: '临时用电未接入', leaderId: chair.id }],
      }),
      201,
    );
    expect(raised.problemsRaised).toHaveLength(1);
    const p = raised.problemsRaised[0]!;
    const { rows } = await t.database.raw(`select source, raised_in_meeting_id from problems where id = ${p.id}`);
    expect(rows[0]).toMatchObject({ source: 'meeting', raised_in_meeting_id: m.id });
    const solvable = await ok<{ id: number }[]>(office.get(`/api/v1/meetings/${m.id}/solvable-problems`));
    expect(solvable.map((x) => x.id)).toContain(p.id);
    const byOutsider = await office.post(`/api/v1/meetings/${m.id}/solved-problems`, {
      solvedByLeaderId: outsider.id,
      problems: [{ id: p.id, version: p.version, resolution: '供电公司现场承诺三日内接入' }],
    });
    expect(byOutsider.statusCode).toBe(400);
    expect(
      (
        await unitUser.post(`/api/v1/meetings/${m.id}/solved-problems`, {
          solvedByLeaderId: chair.id,
          problems: [{ id: p.id, version: p.version, resolution: 'x' }],
        })
      ).statusCode,
    ).toBe(403);
    const solved = await ok<MeetingBody>(
      office.post(`/api/v1/meetings/${m.id}/solved-problems`, {
        solvedByLeaderId: attendee.id,
        problems: [{ id: p.id, version: p.version, resolution: '供电公司现场承诺三日内接入' }],
      }),
    );
    expect(solved.problemsSolved).toMatchObject([{ id: p.id, status: 'resolved', solvedByLeaderName: '会议测试李副区长' }]);
    const { rows: after } = await t.database.raw(
      `select solved_on_site, solved_by_leader_id, solved_in_meeting_id from problems where id = ${p.id}`,
    );
    expect(after[0]).toMatchObject({ solved_on_site: true, solved_by_leader_id: attendee.id, solved_in_meeting_id: m.id });
    // solving it again is stale
    expect(
      (
        await office.post(`/api/v1/meetings/${m.id}/solved-problems`, {
          solvedByLeaderId: chair.id,
          problems: [{ id: p.id, version: p.version, resolution: '再次' }],
        })
      ).statusCode,
    ).toBe(409);
    // a meeting with problems in it is not deleted
    expect((await office.delete(`/api/v1/meetings/${m.id}?version=${m.version}`)).statusCode).toBe(409);
  });
});
