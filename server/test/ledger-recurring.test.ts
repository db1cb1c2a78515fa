/**
 * Recurring ledger items 长期事项 (no deadline, never overdue) and the item's latest progress note
 * 进展情况: written by the API and by both import layouts, read back from the export, reported by the
 * unit that owes the item, the project's enterprise or the office, and left out of every overdue count.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, countRows, login, type Client, type TestApp } from './helpers.js';
import {
  FACTORY_PASSWORD,
  createEnterprise,
  createLeader,
  createProject,
  createUnit,
  createUser,
  ensureRegion,
} from './factories.js';
import { multipart, xlsxBuffer, type Cell } from './xlsx.js';

let t: TestApp;
let office: Client;
let unitUser: Client;
let coopUnitUser: Client;
let enterpriseUser: Client;
let otherEnterpriseUser: Client;
let viewer: Client;
let leaderUser: Client;
let myUnit: { id: number; name: string };
let coopUnit: { id: number; name: string };
let leader: { id: number };
/** Led by myUnit, coopUnit cooperates, the enterprise's own project. */
let project: { id: number; code: string; name: string };
/** Led by coopUnit only: outside myUnit's read scope. */
let foreign: { id: number };

type Item = {
  id: number;
  version: number;
  deadline: string | null;
  recurring: boolean;
  overdue: boolean;
  progressNote: string | null;
  progressNoteAt: string | null;
  status: string;
  content: string;
  permissions: Record<string, boolean>;
};

const create = async (projectId: number, body: Record<string, unknown>) => {
  const res = await office.post(`/api/v1/projects/${projectId}/ledger-items`, {
    unitId: myUnit.id,
    content: '长期事项测试',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Item;
};

const importFile = (file: Buffer, dryRun = false) => {
  const m = multipart('台账.xlsx', file);
  return office.request({
    method: 'POST',
    url: `/api/v1/imports/ledger-items${dryRun ? '?dryRun=true' : ''}`,
    payload: m.payload,
    headers: m.headers,
  });
};

beforeAll(async () => {
  t = await createTestApp();
  myUnit = await createUnit(t.database, { name: '长期测试甲单位' });
  coopUnit = await createUnit(t.database, { name: '长期测试乙单位' });
  leader = await createLeader(t.database);
  const company = await createEnterprise(t.database);
  const otherCompany = await createEnterprise(t.database);
  await ensureRegion(t.database, '411102');
  project = await createProject(t.database, {
    code: 'LR-001',
    name: '长期测试产业园项目',
    leadUnitId: myUnit.id,
    cooperatingUnitIds: [coopUnit.id],
    leaderId: leader.id,
    enterpriseId: company.id,
    stage: 'building',
  });
  foreign = await createProject(t.database, {
    code: 'LR-002',
    name: '长期测试物流园项目',
    leadUnitId: coopUnit.id,
    enterpriseId: otherCompany.id,
    stage: 'building',
  });
  const u = await createUser(t.database, { roles: ['unit'], unitId: myUnit.id });
  const c = await createUser(t.database, { roles: ['unit'], unitId: coopUnit.id });
  const e = await createUser(t.database, { roles: ['enterprise'], enterpriseId: company.id });
  const e2 = await createUser(t.database, { roles: ['enterprise'], enterpriseId: otherCompany.id });
  const v = await createUser(t.database, { roles: ['viewer'] });
  const l = await createUser(t.database, { roles: ['leader'], leaderId: leader.id });
  office = await login(t.app, 'office');
  unitUser = await login(t.app, u.username, FACTORY_PASSWORD);
  coopUnitUser = await login(t.app, c.username, FACTORY_PASSWORD);
  enterpriseUser = await login(t.app, e.username, FACTORY_PASSWORD);
  otherEnterpriseUser = await login(t.app, e2.username, FACTORY_PASSWORD);
  viewer = await login(t.app, v.username, FACTORY_PASSWORD);
  leaderUser = await login(t.app, l.username, FACTORY_PASSWORD);
});
afterAll(async () => t?.close());

describe('recurring items through the API', () => {
  it('creates a recurring item with no deadline, never overdue', async () => {
    const a = await create(project.id, { recurring: true });
    expect(a).toMatchObject({ recurring: true, deadline: null, overdue: false });
    const row = (await t.database.raw(`select deadline, recurring from ledger_items where id = $1`, [a.id])).rows[0];
    expect(row).toMatchObject({ deadline: null, recurring: true });
  });

  it('refuses a deadline and recurring together, or neither, with one zh-CN message and nothing written', async () => {
    const before = await countRows(t.database, 'ledger_items');
    for (const body of [{ recurring: true, deadline: '2026-08-31' }, {}, { recurring: false }, { deadline: null }]) {
      const res = await office.post(`/api/v1/projects/${project.id}/ledger-items`, {
        unitId: myUnit.id,
        content: '错误',
        ...body,
      });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details).toContainEqual({
        field: 'deadline',
        message: '请填写完成时限，或标为长期事项（二者选一）',
      });
    }
    expect(await countRows(t.database, 'ledger_items')).toBe(before);
  });

  it('switches an item to recurring (dropping its deadline) and back (with a deadline)', async () => {
    const a = await create(project.id, { deadline: '2026-05-31' });
    expect(a.overdue).toBe(true);
    const r = (await office.patch(`/api/v1/ledger-items/${a.id}`, { version: a.version, recurring: true })).json() as Item;
    expect(r).toMatchObject({ recurring: true, deadline: null, overdue: false, version: a.version + 1 });
    // back without a date: refused, nothing changes
    const refused = await office.patch(`/api/v1/ledger-items/${a.id}`, { version: r.version, recurring: false });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].field).toBe('deadline');
    const back = await office.patch(`/api/v1/ledger-items/${a.id}`, {
      version: r.version,
      recurring: false,
      deadline: '2026-09-30',
    });
    expect(back.json()).toMatchObject({ recurring: false, deadline: '2026-09-30', version: r.version + 1 });
  });

  it('lists recurring items neither as overdue nor dropped from the not-overdue filter, and after the dated open ones', async () => {
    const p = await createProject(t.database, { code: 'LR-SORT', leadUnitId: myUnit.id, stage: 'building' });
    await create(p.id, { recurring: true, content: '长期开放' });
    await create(p.id, { deadline: '2026-09-30', content: '未到期' });
    await create(p.id, { deadline: '2026-06-30', content: '逾期' });
    await create(p.id, { recurring: true, content: '长期完成', status: 'done', completedOn: '2026-07-01' });
    await create(p.id, { deadline: '2026-06-01', content: '已完成', status: 'done', completedOn: '2026-05-30' });
    const contents = async (query: string) =>
      ((await office.get(`/api/v1/projects/${p.id}/ledger-items?${query}`)).json().items as Item[]).map((i) => i.content);
    expect(await contents('overdue=true')).toEqual(['逾期']);
    expect((await contents('overdue=false')).sort()).toEqual(['长期开放', '未到期', '长期完成', '已完成'].sort());
    expect(await contents('sort=deadline')).toEqual(['逾期', '未到期', '长期开放', '已完成', '长期完成']);
    const cross = (await office.get(`/api/v1/ledger-items?q=LR-SORT&sort=deadline`)).json().items as Item[];
    expect(cross.map((i) => i.content)).toEqual(['逾期', '未到期', '长期开放', '已完成', '长期完成']);
  });

  it('never counts a recurring item overdue on the Gantt or in the overdue lists, and gives it no bar end', async () => {
    const p = await createProject(t.database, { code: 'LR-GANTT', leadUnitId: myUnit.id, stage: 'building' });
    // recorded long ago and still open: a dated item would be overdue by now, a recurring one never
    const old = await create(p.id, { recurring: true, content: '长期调度' });
    await t.database.raw(`update ledger_items set created_at = '2024-01-05T02:00:00Z' where id = $1`, [old.id]);
    await create(p.id, { deadline: '2026-07-01', content: '逾期事项' });
    const g = (await viewer.get(`/api/v1/gantt?projectId=${p.id}&ledger=true`)).json();
    const items = g.projects[0].ledgerItems as {
      content: string;
      planStart: string;
      planFinish: string | null;
      recurring: boolean;
      overdue: boolean;
    }[];
    expect(items.find((i) => i.content === '长期调度')).toMatchObject({
      recurring: true,
      planStart: '2024-01-05',
      planFinish: null,
      overdue: false,
    });
    expect(items.find((i) => i.content === '逾期事项')).toMatchObject({ recurring: false, overdue: true });
    expect(items.filter((i) => i.overdue)).toHaveLength(1);
    expect((await office.get(`/api/v1/ledger-items?q=LR-GANTT&overdue=true`)).json().total).toBe(1);
    expect((await office.get(`/api/v1/projects/${p.id}/ledger-items?overdue=true`)).json().total).toBe(1);
  });
});

describe('the progress note 进展情况', () => {
  it('lets the unit that owes an item report progress: versioned, dated, audited', async () => {
    const a = await create(project.id, { deadline: '2026-08-31' });
    expect(a).toMatchObject({ progressNote: null, progressNoteAt: null });
    const mine = (await unitUser.get(`/api/v1/ledger-items/${a.id}`)).json() as Item;
    expect(mine.permissions.reportProgress).toBe(true);
    const audits = await countRows(t.database, 'audit_log');
    const res = await unitUser.patch(`/api/v1/ledger-items/${a.id}`, { version: a.version, progressNote: '已完成规划设计' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      progressNote: '已完成规划设计',
      progressNoteAt: t.clock.now().toISOString(),
      version: a.version + 1,
    });
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 1);
    const { rows } = await t.database.raw(`select action, after from audit_log order by id desc limit 1`);
    const last = rows[0] as { action: string; after: { progressNote: string } };
    expect(last.action).toBe('update');
    expect(last.after.progressNote).toBe('已完成规划设计');
  });

  it('lets the project’s enterprise report progress on an item a government unit owes, but not complete it', async () => {
    const a = await create(project.id, { deadline: '2026-08-31' });
    const seen = (await enterpriseUser.get(`/api/v1/ledger-items/${a.id}`)).json() as Item;
    expect(seen.permissions).toMatchObject({ reportProgress: true, complete: false });
    const res = await enterpriseUser.patch(`/api/v1/ledger-items/${a.id}`, { version: a.version, progressNote: '设备已进场' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().progressNote).toBe('设备已进场');
    const done = await enterpriseUser.patch(`/api/v1/ledger-items/${a.id}`, {
      version: a.version + 1,
      status: 'done',
      completedOn: '2026-07-15',
    });
    expect(done.statusCode).toBe(403);
  });

  it('answers 404 for an item outside the reporter’s scope and 403 to a reader on it, changing nothing', async () => {
    const out = await create(foreign.id, { deadline: '2026-08-31', unitId: coopUnit.id });
    const mine = await create(project.id, { deadline: '2026-08-31' });
    const audits = await countRows(t.database, 'audit_log');
    const body = (v: number) => ({ version: v, progressNote: '越权' });
    expect((await unitUser.patch(`/api/v1/ledger-items/${out.id}`, body(out.version))).statusCode).toBe(404);
    expect((await otherEnterpriseUser.patch(`/api/v1/ledger-items/${mine.id}`, body(mine.version))).statusCode).toBe(404);
    // on the project, but the item is another unit's; a leader reads only; a viewer never writes
    expect((await coopUnitUser.patch(`/api/v1/ledger-items/${mine.id}`, body(mine.version))).statusCode).toBe(403);
    expect((await leaderUser.patch(`/api/v1/ledger-items/${mine.id}`, body(mine.version))).statusCode).toBe(403);
    expect((await viewer.patch(`/api/v1/ledger-items/${mine.id}`, body(mine.version))).statusCode).toBe(403);
    expect(await countRows(t.database, 'audit_log')).toBe(audits);
    const stored = (await office.get(`/api/v1/ledger-items/${mine.id}`)).json() as Item;
    expect(stored).toMatchObject({ progressNote: null, version: mine.version });
  });

  it('refuses a stale version with 409 and the current item, changing nothing', async () => {
    const a = await create(project.id, { deadline: '2026-08-31', progressNote: '初始进展' });
    expect(a.progressNoteAt).toBe(t.clock.now().toISOString());
    await unitUser.patch(`/api/v1/ledger-items/${a.id}`, { version: a.version, progressNote: '第二次' });
    const audits = await countRows(t.database, 'audit_log');
    const res = await enterpriseUser.patch(`/api/v1/ledger-items/${a.id}`, { version: a.version, progressNote: '过期' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.current).toMatchObject({ progressNote: '第二次', version: a.version + 1 });
    expect(await countRows(t.database, 'audit_log')).toBe(audits);
  });
});

describe('recurring items and 进展情况 in the sheets', () => {
  /** An office's own sheet: a title, one header row, 长期 and 持续推进 in the deadline column. */
  async function officeSheet(rows: Cell[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['召陵区重点项目台账']);
    ws.mergeCells('A1:G1');
    ws.addRow(['序号', '项目名称', '责任单位', '工作任务', '完成时限', '进展情况', '备注']);
    for (const r of rows) ws.addRow(r);
    return xlsxBuffer(wb);
  }

  it('imports 长期 and 持续推进 as recurring items without a deadline, 进展情况 as the progress note, and again changes nothing', async () => {
    const p = await createProject(t.database, { code: 'LR-IMP', name: '长期导入测试园', stage: 'building' });
    const file = await officeSheet([
      [1, '长期导入测试园', '长期测试甲单位', '常态化调度', '长期', '每周调度一次', null],
      [null, '长期导入测试园', '长期测试甲单位', '服务企业', '持续推进', null, '备注'],
      [null, '长期导入测试园', '长期测试乙单位', '主体封顶', '2026年9月底', '已到三层', null],
    ]);
    const job = (await importFile(file)).json();
    expect(job).toMatchObject({ status: 'done', errors: [], created: 3 });
    const readingOf = (original: string) => job.readings.find((r: { original: string }) => r.original === original)?.reading;
    expect(readingOf('长期')).toBe('长期事项，无截止日期');
    expect(readingOf('持续推进')).toBe('长期事项，无截止日期');
    const { rows } = await t.database.raw(
      `select content, to_char(deadline, 'YYYY-MM-DD') as deadline, recurring, measures, progress_note, evidence_note,
              progress_note_at is not null as dated
         from ledger_items where project_id = $1 order by seq`,
      [p.id],
    );
    expect(rows).toEqual([
      {
        content: '常态化调度',
        deadline: null,
        recurring: true,
        measures: null,
        progress_note: '每周调度一次',
        evidence_note: null,
        dated: true,
      },
      {
        content: '服务企业',
        deadline: null,
        recurring: true,
        measures: null,
        progress_note: null,
        evidence_note: '备注：备注',
        dated: false,
      },
      {
        content: '主体封顶',
        deadline: '2026-09-30',
        recurring: false,
        measures: null,
        progress_note: '已到三层',
        evidence_note: null,
        dated: true,
      },
    ]);
    const audits = await countRows(t.database, 'audit_log');
    expect((await importFile(file)).json()).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 3 });
    expect(await countRows(t.database, 'audit_log')).toBe(audits);
  });

  it('keeps a unit’s progress note when the sheet’s 进展情况 cell is blank', async () => {
    const p = await createProject(t.database, { code: 'LR-KEEP', name: '进展保留测试园', stage: 'building' });
    const file = await officeSheet([[1, '进展保留测试园', '长期测试甲单位', '日常服务', '长期', null, null]]);
    expect((await importFile(file)).json()).toMatchObject({ status: 'done', created: 1 });
    const [item] = (await office.get(`/api/v1/projects/${p.id}/ledger-items`)).json().items as Item[];
    await office.patch(`/api/v1/ledger-items/${item!.id}`, { version: item!.version, progressNote: '单位填报的进展' });
    expect((await importFile(file)).json()).toMatchObject({ status: 'done', unchanged: 1 });
    const after = (await office.get(`/api/v1/ledger-items/${item!.id}`)).json() as Item;
    expect(after.progressNote).toBe('单位填报的进展');
  });

  it('exports 长期 and 进展情况, and the export imports back to the same items', async () => {
    const p = await createProject(t.database, { code: 'LR-ROUND', leadUnitId: myUnit.id, stage: 'building' });
    const r = await create(p.id, { recurring: true, content: '长期巡查', progressNote: '本周巡查 3 次' });
    const d = await create(p.id, { deadline: '2026-10-31', content: '竣工验收', progressNote: '资料准备中' });
    const res = await office.get(`/api/v1/projects/${p.id}/ledger.xlsx`);
    expect(res.statusCode).toBe(200);
    const exported = res.rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    const col = (h: string) => header.indexOf(h) + 1;
    expect(col('进展情况')).toBeGreaterThan(0);
    const rowOf = (content: string) => {
      for (let n = 3; n <= ws.rowCount; n++) if (ws.getRow(n).getCell(col('具体内容')).value === content) return ws.getRow(n);
      throw new Error(content);
    };
    expect(rowOf('长期巡查').getCell(col('完成时限')).value).toBe('长期');
    expect(rowOf('长期巡查').getCell(col('进展情况')).value).toBe('本周巡查 3 次');
    expect((rowOf('竣工验收').getCell(col('完成时限')).value as Date).toISOString().slice(0, 10)).toBe('2026-10-31');

    // the same file back: nothing to change
    expect((await importFile(exported, true)).json()).toMatchObject({ status: 'done', errors: [], unchanged: 2 });
    // changed meanwhile in the app: the export brings back what it says
    const moved = (
      await office.patch(`/api/v1/ledger-items/${r.id}`, {
        version: r.version,
        recurring: false,
        deadline: '2026-12-31',
        progressNote: '改过的进展',
      })
    ).json() as Item;
    expect(moved).toMatchObject({ recurring: false });
    const job = (await importFile(exported)).json();
    expect(job).toMatchObject({ status: 'done', errors: [], updated: 1, unchanged: 1 });
    const back = (await office.get(`/api/v1/ledger-items/${r.id}`)).json() as Item;
    expect(back).toMatchObject({ recurring: true, deadline: null, overdue: false, progressNote: '本周巡查 3 次' });
    expect((await office.get(`/api/v1/ledger-items/${d.id}`)).json()).toMatchObject({
      deadline: '2026-10-31',
      progressNote: '资料准备中',
      version: d.version,
    });
  });
});
