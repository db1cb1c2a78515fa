/**
 * The read scope of ADR 0009: a unit sees the projects it leads or cooperates on, an enterprise its
 * own, a leader those they contract; office, supervisor, viewer and admin the region. A record outside
 * the scope is 404 on every detail endpoint (its existence is not revealed) and absent from every
 * list, export and count. The last test walks the OpenAPI document, so a new GET route with a
 * project-linked id and no scope rule fails here.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type Client, type TestApp } from './helpers.js';
import { FACTORY_PASSWORD, createEnterprise, createLeader, createProject, createUnit, createUser } from './factories.js';

let t: TestApp;
let office: Client;
let unit1: Client;
let enterprise1: Client;
let leader1: Client;
let supervisor: Client;
let viewer: Client;
/** A project of another unit, company and leader: outside the scope of unit1, enterprise1 and leader1. */
let outside: { id: number; code: string };
let outsideItem: number;
let outsideReport: number;
let outsideAttachment: number;
/** A meeting that discusses only the outside project, and its decision for the outside unit. */
let outsideMeeting: number;
let outsideDecision: number;
let outsideSupervisionItem: number;
let outsideProblem: number;
let outsideInstruction: number;
let outsideReply: number;
let outsideStageProposal: number;
let outsideSiteCheck: number;
let outsideWeeklyUpdate: number;
/** A project unit1 leads, and its ledger item. */
let own: { id: number; code: string };
let ownItem: number;

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

function multipart(filename: string, content: Buffer, contentType: string) {
  const boundary = `----kpc${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const payload = Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function ok<T = unknown>(p: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 200): Promise<T> {
  const res = await p;
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}

/** Every cell's text of a workbook. */
async function workbookText(buffer: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const parts: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => parts.push(String(c.text)))));
  return parts.join('\n');
}

beforeAll(async () => {
  t = await createTestApp();
  office = await login(t.app, 'office');
  unit1 = await login(t.app, 'unit1');
  enterprise1 = await login(t.app, 'enterprise1');
  leader1 = await login(t.app, 'leader1');
  supervisor = await login(t.app, (await createUser(t.database, { roles: ['supervisor'] })).username, FACTORY_PASSWORD);
  viewer = await login(t.app, (await createUser(t.database, { roles: ['viewer'] })).username, FACTORY_PASSWORD);

  const otherUnit = await createUnit(t.database);
  const otherLeader = await createLeader(t.database);
  const p = await createProject(t.database, {
    leadUnitId: otherUnit.id,
    enterpriseId: (await createEnterprise(t.database)).id,
    leaderId: otherLeader.id,
    stage: 'started',
  });
  const otherLeaderUser = await login(
    t.app,
    (await createUser(t.database, { roles: ['leader'], leaderId: otherLeader.id })).username,
    FACTORY_PASSWORD,
  );
  outsideSiteCheck = (
    await ok<{ id: number }>(
      otherLeaderUser.post('/api/v1/site-checks', {
        clientKey: 'scope-outside-check',
        projectId: p.id,
        checkedAt: '2026-07-16T05:00:00.000Z',
        location: { status: 'denied' },
        findings: '范围外检查',
      }),
      201,
    )
  ).id;
  outside = { id: p.id, code: p.code };
  // a weekly update of the outside project, as its unit would have sent it
  outsideWeeklyUpdate = Number(
    (
      await t.database.raw(
        `insert into weekly_updates (project_id, week, note, changed, sent_by_name, sent_at)
           values ($1, '2026-W29', '范围外周报', '{"ledgerItemIds":[],"milestoneIds":[],"investmentReportIds":[],"problemIds":[]}', '外单位', now())
           returning id`,
        [p.id],
      )
    ).rows[0]!.id,
  );
  outsideItem = (
    await ok<{ id: number }>(
      office.post(`/api/v1/projects/${p.id}/ledger-items`, {
        unitId: otherUnit.id,
        content: '范围外事项',
        deadline: '2026-01-31',
      }),
      201,
    )
  ).id;
  outsideReport = (
    await ok<{ id: number }>(
      office.post('/api/v1/investment-reports', {
        projectId: p.id,
        year: 2026,
        month: 3,
        amount: 1_000_000,
        progressNote: '范围外',
      }),
      201,
    )
  ).id;
  outsideAttachment = (
    await ok<{ id: number }>(
      office.request({
        method: 'POST',
        url: `/api/v1/ledger-items/${outsideItem}/attachments`,
        ...multipart('现场.png', PNG, 'image/png'),
      }),
      201,
    )
  ).id;

  outsideMeeting = (
    await ok<{ id: number }>(
      office.post('/api/v1/meetings', {
        kind: 'review',
        title: '范围外观摩点评会',
        date: '2026-03-05',
        time: '09:00',
        agenda: [{ projectId: p.id, reasons: ['manual'] }],
      }),
      201,
    )
  ).id;
  outsideDecision = (
    await ok<{ id: number }>(
      office.post(`/api/v1/meetings/${outsideMeeting}/decisions`, {
        content: '范围外议定',
        unitId: otherUnit.id,
        deadline: '2026-03-31',
      }),
      201,
    )
  ).id;
  // the decision's supervision item 督办事项, made with it
  outsideSupervisionItem = (
    await ok<{ items: { id: number }[] }>(office.get(`/api/v1/supervision/items?source=decision&sourceId=${outsideDecision}`))
  ).items[0]!.id;
  outsideProblem = (
    await ok<{ id: number }>(
      office.post('/api/v1/problems', { projectId: p.id, category: 'land', description: '范围外问题', unitId: otherUnit.id }),
      201,
    )
  ).id;
  const issued = await ok<{ id: number }>(
    office.post('/api/v1/instructions', {
      subjectType: 'problem',
      subjectId: outsideProblem,
      leaderId: p.leaderId,
      text: '范围外批示',
      unitId: otherUnit.id,
      replyDeadline: '2026-08-01',
    }),
    201,
  );
  outsideInstruction = issued.id;
  const otherUnitUser = await login(
    t.app,
    (await createUser(t.database, { roles: ['unit'], unitId: otherUnit.id })).username,
    FACTORY_PASSWORD,
  );
  outsideReply = (
    await ok<{ replies: { id: number }[] }>(
      otherUnitUser.post(`/api/v1/instructions/${outsideInstruction}/replies`, { version: 1, text: '范围外回复' }),
    )
  ).replies[0]!.id;
  const outsideEnterpriseUser = await login(
    t.app,
    (await createUser(t.database, { roles: ['enterprise'], enterpriseId: p.enterpriseId })).username,
    FACTORY_PASSWORD,
  );
  outsideStageProposal = (
    await ok<{ id: number }>(
      outsideEnterpriseUser.post(`/api/v1/projects/${p.id}/stage-proposals`, {
        toStage: 'building',
        onDate: '2026-07-01',
        evidenceNote: '范围外申请',
      }),
      201,
    )
  ).id;

  const mine = await createProject(t.database, { leadUnitId: unit1.user.unitId });
  own = { id: mine.id, code: mine.code };
  ownItem = (
    await ok<{ id: number }>(
      office.post(`/api/v1/projects/${mine.id}/ledger-items`, {
        unitId: unit1.user.unitId,
        content: '本单位事项',
        deadline: '2026-01-31',
      }),
      201,
    )
  ).id;
});
afterAll(async () => t?.close());

interface ProjectRow {
  id: number;
  leadUnitId: number | null;
  cooperatingUnitIds?: number[];
  enterpriseId: number | null;
  leaderId: number | null;
}
const listProjects = async (c: Client) =>
  (await ok<{ items: ProjectRow[]; total: number }>(c.get('/api/v1/projects?pageSize=200'))).items;

describe('the project list', () => {
  it('lists the region for office, supervisor and viewer', async () => {
    for (const c of [office, supervisor, viewer]) expect((await listProjects(c)).map((p) => p.id)).toContain(outside.id);
  });

  it("lists a unit's, an enterprise's and a leader's own projects only", async () => {
    const units = await listProjects(unit1);
    expect(units.map((p) => p.id)).toContain(own.id);
    for (const p of units) {
      const detail = await ok<ProjectRow>(unit1.get(`/api/v1/projects/${p.id}`));
      expect([detail.leadUnitId, ...(detail.cooperatingUnitIds ?? [])]).toContain(unit1.user.unitId);
    }
    const ents = await listProjects(enterprise1);
    expect(ents.length).toBeGreaterThan(0);
    const leaders = await listProjects(leader1);
    expect(leaders.length).toBeGreaterThan(0);
    const all = await listProjects(office);
    expect(ents.length + leaders.length).toBeLessThan(all.length);
    const me = async (c: Client) =>
      (await ok<{ user: { enterpriseId: number | null; leaderId: number | null } }>(c.get('/api/v1/auth/me'))).user;
    const e = await me(enterprise1);
    const l = await me(leader1);
    for (const p of ents) expect(p.enterpriseId).toBe(e.enterpriseId);
    for (const p of leaders) expect(p.leaderId).toBe(l.leaderId);
    for (const c of [unit1, enterprise1, leader1]) expect((await listProjects(c)).map((p) => p.id)).not.toContain(outside.id);
  });
});

describe('a record outside the scope', () => {
  const scoped = () => [unit1, enterprise1, leader1];

  it('is 404 on the project, its ledger, milestones, investment, plans, Gantt and exports', async () => {
    for (const c of scoped()) {
      for (const url of [
        `/api/v1/projects/${outside.id}`,
        `/api/v1/projects/${outside.id}/ledger-items`,
        `/api/v1/projects/${outside.id}/milestones`,
        `/api/v1/projects/${outside.id}/schedule/baselines`,
        `/api/v1/projects/${outside.id}/investment`,
        `/api/v1/projects/${outside.id}/plans`,
        `/api/v1/projects/${outside.id}/ledger.xlsx`,
        `/api/v1/gantt?projectId=${outside.id}`,
        `/api/v1/ledger-items/${outsideItem}`,
        `/api/v1/ledger-items/${outsideItem}/attachments`,
        `/api/v1/investment-reports/${outsideReport}`,
        `/api/v1/investment-reports/${outsideReport}/attachments`,
        `/api/v1/attachments/${outsideAttachment}`,
        `/api/v1/projects/${outside.id}/problems`,
        `/api/v1/problems/${outsideProblem}`,
        `/api/v1/problems/${outsideProblem}/attachments`,
        `/api/v1/instructions/${outsideInstruction}`,
        `/api/v1/instruction-replies/${outsideReply}/attachments`,
        `/api/v1/site-checks/${outsideSiteCheck}`,
        `/api/v1/site-checks/${outsideSiteCheck}/attachments`,
      ]) {
        const res = await c.get(url);
        expect([url, res.statusCode]).toEqual([url, 404]);
      }
    }
    // the office reads them all
    expect((await office.get(`/api/v1/attachments/${outsideAttachment}`)).statusCode).toBe(200);
    expect((await office.get(`/api/v1/investment-reports/${outsideReport}`)).statusCode).toBe(200);
  });

  it('is 404 on writes too (not 403): its existence is not revealed', async () => {
    const res = await unit1.patch(`/api/v1/ledger-items/${outsideItem}`, { version: 1, content: '范围外修改' });
    expect(res.statusCode).toBe(404);
    expect(
      (
        await enterprise1.post(`/api/v1/projects/${outside.id}/transitions`, {
          version: 1,
          toStage: 'building',
          onDate: '2026-03-01',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('is absent from the ledger, report, milestone and Gantt lists', async () => {
    for (const c of scoped()) {
      const ledger = await ok<{ items: { id: number; projectId: number }[] }>(c.get('/api/v1/ledger-items?pageSize=200'));
      expect(ledger.items.map((i) => i.projectId)).not.toContain(outside.id);
      const reports = await ok<{ items: { projectId: number }[] }>(c.get('/api/v1/investment-reports?pageSize=200'));
      expect(reports.items.map((r) => r.projectId)).not.toContain(outside.id);
      const returned = await ok<{ items: { projectId: number }[] }>(
        c.get('/api/v1/investment-reports?status=returned&pageSize=200'),
      );
      expect(returned.items.map((r) => r.projectId)).not.toContain(outside.id);
      const ms = await ok<{ items: { projectId: number }[] }>(c.get('/api/v1/milestones?pageSize=200'));
      expect(ms.items.map((m) => m.projectId)).not.toContain(outside.id);
      const gantt = (await c.get('/api/v1/gantt')).body;
      expect(gantt).not.toContain(outside.code);
      const problems = await ok<{ items: { projectId: number }[] }>(c.get('/api/v1/problems?pageSize=200'));
      expect(problems.items.map((i) => i.projectId)).not.toContain(outside.id);
      const board = await ok<{ total: number }>(c.get('/api/v1/problems/board'));
      expect(board.total).toBe((await ok<{ total: number }>(c.get('/api/v1/problems?pageSize=1'))).total);
      const instructions = await ok<{ items: { id: number }[] }>(c.get('/api/v1/instructions?pageSize=200'));
      expect(instructions.items.map((i) => i.id)).not.toContain(outsideInstruction);
      const checks = await ok<{ total: number }>(c.get(`/api/v1/site-checks?projectId=${outside.id}`));
      expect(checks.total).toBe(0);
    }
    const ledger = await ok<{ items: { id: number }[] }>(unit1.get('/api/v1/ledger-items?pageSize=200'));
    expect(ledger.items.map((i) => i.id)).toContain(ownItem);
    const officeLedger = await ok<{ items: { id: number }[] }>(office.get('/api/v1/ledger-items?pageSize=200&q=范围外事项'));
    expect(officeLedger.items.map((i) => i.id)).toContain(outsideItem);
  });

  it('is absent from the meeting and decision lists (a meeting follows the projects it discusses)', async () => {
    for (const c of scoped()) {
      const meetings = await ok<{ items: { id: number }[] }>(c.get('/api/v1/meetings?pageSize=200'));
      const decisions = await ok<{ items: { id: number }[] }>(c.get('/api/v1/decisions?pageSize=200'));
      if (c !== leader1) expect(meetings.items.map((m) => m.id)).not.toContain(outsideMeeting);
      if (c !== leader1) expect(decisions.items.map((d) => d.id)).not.toContain(outsideDecision);
    }
    // leaders chair and attend the district's meetings: they read them all (ADR 0009)
    const leaders = await ok<{ items: { id: number }[] }>(leader1.get('/api/v1/meetings?pageSize=200'));
    expect(leaders.items.map((m) => m.id)).toContain(outsideMeeting);
    const officeList = await ok<{ items: { id: number }[] }>(office.get('/api/v1/decisions?pageSize=200'));
    expect(officeList.items.map((d) => d.id)).toContain(outsideDecision);
  });

  it('is absent from the project and ledger exports', async () => {
    for (const c of scoped()) {
      const projects = await c.get('/api/v1/projects/export.xlsx');
      expect(projects.statusCode).toBe(200);
      expect(await workbookText(projects.rawPayload)).not.toContain(outside.code);
      const ledger = await c.get('/api/v1/ledger.xlsx');
      expect(ledger.statusCode).toBe(200);
      expect(await workbookText(ledger.rawPayload)).not.toContain(outside.code);
      const problems = await c.get('/api/v1/problems.xlsx');
      expect(problems.statusCode).toBe(200);
      expect(await workbookText(problems.rawPayload)).not.toContain('范围外问题');
    }
    expect(await workbookText((await office.get('/api/v1/problems.xlsx')).rawPayload)).toContain('范围外问题');
    expect(await workbookText((await unit1.get('/api/v1/ledger.xlsx')).rawPayload)).toContain(own.code);
    expect(await workbookText((await office.get('/api/v1/projects/export.xlsx')).rawPayload)).toContain(outside.code);
  });
});

describe('counts and badges', () => {
  const summary = async (c: Client) =>
    ok<{ keyProjects: number; investment: { annualPlan: number } }>(c.get('/api/v1/dashboard/summary'));
  const submitted = async (c: Client) =>
    (await ok<{ total: number }>(c.get('/api/v1/investment-reports?status=submitted&pageSize=1'))).total;

  it('move for the office, not for a unit, when a project outside its scope changes', async () => {
    const before = { office: await summary(office), unit: await summary(unit1), leader: await summary(leader1) };
    const badge = { office: await submitted(office), unit: await submitted(unit1) };
    await createProject(t.database, { leadUnitId: (await createUnit(t.database)).id });
    await ok(office.post(`/api/v1/investment-reports/${outsideReport}/submit`, { version: 1 }));
    const after = { office: await summary(office), unit: await summary(unit1), leader: await summary(leader1) };
    expect(after.office.keyProjects).toBe(before.office.keyProjects + 1);
    // the leader's dashboard is the district overview (ADR 0009)
    expect(after.leader.keyProjects).toBe(before.leader.keyProjects + 1);
    expect(after.unit.keyProjects).toBe(before.unit.keyProjects);
    expect(after.unit.keyProjects).toBe((await ok<{ total: number }>(unit1.get('/api/v1/projects?pageSize=1'))).total);
    expect(await submitted(office)).toBe(badge.office + 1);
    expect(await submitted(unit1)).toBe(badge.unit);
  });

  it('counts an enterprise its own projects on the dashboard', async () => {
    const s = await summary(enterprise1);
    expect(s.keyProjects).toBe((await listProjects(enterprise1)).length);
  });

  it("widens a unit's dashboard to the district's figures only when the settings allow it", async () => {
    const admin = await login(t.app, 'admin');
    const district = (await summary(office)).keyProjects;
    const own = (await summary(unit1)).keyProjects;
    expect(own).toBeLessThan(district);
    expect((await admin.put('/api/v1/settings', { unitsSeeDistrictOverview: true })).statusCode).toBe(200);
    try {
      expect((await summary(unit1)).keyProjects).toBe(district);
      // the figures only: the unit's project list stays its own, and an enterprise is not widened
      expect((await ok<{ total: number }>(unit1.get('/api/v1/projects?pageSize=1'))).total).toBe(own);
      expect((await summary(enterprise1)).keyProjects).toBe((await listProjects(enterprise1)).length);
    } finally {
      await admin.put('/api/v1/settings', { unitsSeeDistrictOverview: false });
    }
    expect((await summary(unit1)).keyProjects).toBe(own);
  });

  it('counts overdue ledger items and milestones over the scope', async () => {
    const overdue = async (c: Client) =>
      (await ok<{ total: number }>(c.get('/api/v1/ledger-items?overdue=true&pageSize=1'))).total;
    const before = { office: await overdue(office), unit: await overdue(unit1) };
    const p = await createProject(t.database, { leadUnitId: (await createUnit(t.database)).id });
    const unitId = (await ok<{ leadUnitId: number }>(office.get(`/api/v1/projects/${p.id}`))).leadUnitId;
    await ok(office.post(`/api/v1/projects/${p.id}/ledger-items`, { unitId, content: '逾期', deadline: '2026-01-02' }), 201);
    expect(await overdue(office)).toBe(before.office + 1);
    expect(await overdue(unit1)).toBe(before.unit);
  });
});

describe('writes follow who owes the work', () => {
  it('leaves stage moves to the office: an enterprise may not move its own project', async () => {
    const ents = await listProjects(enterprise1);
    const p = await ok<{ id: number; stage: string; permissions: { transition: boolean } }>(
      enterprise1.get(`/api/v1/projects/${ents[0]!.id}`),
    );
    expect(p.permissions.transition).toBe(false);
    const res = await enterprise1.post(`/api/v1/projects/${p.id}/transitions`, {
      version: 1,
      toStage: 'completed',
      onDate: '2026-03-01',
    });
    expect(res.statusCode).toBe(403);
    const unitsOwn = await ok<{ permissions: { transition: boolean } }>(unit1.get(`/api/v1/projects/${own.id}`));
    expect(unitsOwn.permissions.transition).toBe(false);
    expect(
      (await unit1.post(`/api/v1/projects/${own.id}/transitions`, { version: 1, toStage: 'signed', onDate: '2026-03-01' }))
        .statusCode,
    ).toBe(403);
    const officeView = await ok<{ permissions: { transition: boolean } }>(office.get(`/api/v1/projects/${own.id}`));
    expect(officeView.permissions.transition).toBe(true);
  });

  it('lets an enterprise report progress on its items but not create, reassign or complete them', async () => {
    const entUser = await createUser(t.database, {
      roles: ['enterprise'],
      enterpriseId: (await createEnterprise(t.database)).id,
    });
    const ent = await login(t.app, entUser.username, FACTORY_PASSWORD);
    const unit = await createUnit(t.database);
    const other = await createUnit(t.database);
    const p = await createProject(t.database, {
      leadUnitId: unit.id,
      cooperatingUnitIds: [other.id],
      enterpriseId: entUser.enterpriseId,
    });
    expect(
      (await ent.post(`/api/v1/projects/${p.id}/ledger-items`, { unitId: unit.id, content: '企业新建', deadline: '2026-09-30' }))
        .statusCode,
    ).toBe(403);
    const item = await ok<{ id: number; version: number; permissions: { edit: boolean } }>(
      office.post(`/api/v1/projects/${p.id}/ledger-items`, { unitId: unit.id, content: '设备进场', deadline: '2026-09-30' }),
      201,
    );
    const seen = await ok<{ permissions: { edit: boolean; delete: boolean } }>(ent.get(`/api/v1/ledger-items/${item.id}`));
    expect(seen.permissions).toMatchObject({ edit: true, complete: false, delete: false });
    expect((await ok<{ permissions: object }>(office.get(`/api/v1/ledger-items/${item.id}`))).permissions).toMatchObject({
      complete: true,
    });
    expect((await ent.patch(`/api/v1/ledger-items/${item.id}`, { version: 1, unitId: other.id })).statusCode).toBe(403);
    expect(
      (await ent.patch(`/api/v1/ledger-items/${item.id}`, { version: 1, status: 'done', completedOn: '2026-03-01' })).statusCode,
    ).toBe(403);
    // the drawer sends the whole form, the unchanged unit included
    const progress = await ent.patch(`/api/v1/ledger-items/${item.id}`, {
      version: 1,
      unitId: unit.id,
      completedOn: null,
      status: 'in_progress',
      evidenceNote: '设备已到场',
    });
    expect(progress.statusCode, progress.body).toBe(200);
    expect(progress.json()).toMatchObject({ status: 'in_progress', evidenceNote: '设备已到场', unitId: unit.id });
  });
});

describe('the weekly quota 周督查', () => {
  it('is the region’s table for office, supervisor, viewer and leaders; units and enterprises are refused (403)', async () => {
    for (const url of ['/api/v1/compliance/weekly', '/api/v1/compliance/heatmap']) {
      for (const c of [office, supervisor, viewer, leader1]) expect([url, (await c.get(url)).statusCode]).toEqual([url, 200]);
      for (const c of [unit1, enterprise1]) expect([url, (await c.get(url)).statusCode]).toEqual([url, 403]);
    }
    const rows = async (c: Client) =>
      (await ok<{ rows: { personId: number }[] }>(c.get('/api/v1/compliance/weekly'))).rows.map((r) => r.personId);
    // a leader sees the whole ranking, not only their own row (the article's public ranking among leaders)
    expect(await rows(leader1)).toEqual(await rows(office));
  });
});

describe('every GET route with a project-linked id', () => {
  /** Path prefixes whose `{id}` is project-linked, and the out-of-scope record to try. */
  const linked = (): Record<string, number> => ({
    '/api/v1/projects/{id}': outside.id,
    '/api/v1/ledger-items/{id}': outsideItem,
    '/api/v1/investment-reports/{id}': outsideReport,
    '/api/v1/attachments/{id}': outsideAttachment,
    '/api/v1/meetings/{id}': outsideMeeting,
    '/api/v1/decisions/{id}': outsideDecision,
    '/api/v1/problems/{id}': outsideProblem,
    '/api/v1/instructions/{id}': outsideInstruction,
    '/api/v1/instruction-replies/{id}': outsideReply,
    '/api/v1/stage-proposals/{id}': outsideStageProposal,
    '/api/v1/site-checks/{id}': outsideSiteCheck,
    '/api/v1/weekly-updates/{id}': outsideWeeklyUpdate,
    '/api/v1/supervision/items/{id}': outsideSupervisionItem,
  });
  /**
   * Routes with an id that is not a project's (reference data, accounts, periods, imports, saved import mappings — region-scoped, 404 across regions in imports-mapping.test.ts),
   * and those keyed by a region code (colour rule sets: 404 outside the actor's region in rag-rule-sets.test.ts), and region-scoped supervision reports (404 across regions in supervision-reports.test.ts).
   */
  const unlinked =
    /^\/api\/v1\/((users|units|leaders|enterprises|milestone-templates|periods|imports|import-mappings)\/\{id\}|supervision\/rule-sets\/\{regionCode\}|supervision\/reports\/\{id\})/;

  it('answers 404 to unit1 for the out-of-scope record, and every such route is classified', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, object> };
    const routes = Object.entries(doc.paths)
      .filter(([path, methods]) => 'get' in methods && /\{[^}]+\}/.test(path))
      .map(([path]) => path);
    const tried: string[] = [];
    for (const path of routes) {
      if (unlinked.test(path)) continue;
      const prefix = Object.keys(linked()).find((p) => path.startsWith(p));
      expect(prefix, `${path}: a GET route with an id that no scope rule covers (add it to scope.test.ts)`).toBeDefined();
      const id = linked()[prefix!]!;
      const url = path.replace('{id}', String(id)).replace(/\{[^}]+\}/g, '2026');
      const res = await unit1.get(url);
      expect([url, res.statusCode]).toEqual([url, 404]);
      // the same route answers the office, so the 404 is the scope's, not a bad URL's; the weekly update is
      // the units' own form, which the office is refused by role (403, not 404: the URL is good)
      const asOffice = await office.get(url);
      expect([url, asOffice.statusCode]).toEqual([url, /\/weekly-update$/.test(path) ? 403 : 200]);
      tried.push(path);
    }
    expect(tried.length).toBeGreaterThanOrEqual(10);
  });
});
