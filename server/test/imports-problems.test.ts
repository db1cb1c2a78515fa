/** The problem list in the office layout: export → import round trip, errors by row and column, idempotent, all or nothing. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, countRows, login, type Client, type TestApp } from './helpers.js';
import { FACTORY_PASSWORD, createLeader, createProject, createUnit, createUser } from './factories.js';
import { multipart, xlsxBuffer, type Cell } from './xlsx.js';

let t: TestApp;
let office: Client;
let unitUser: Client;
let unit: { id: number; name: string };
let leader: { id: number; name: string };
let p1: { id: number; name: string };
let p2: { id: number; name: string };

const HEADERS = ['序号', '项目名称', '问题类别', '问题描述', '责任单位', '协调领导', '完成时限', '进展情况'];

async function sheet(rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('问题清单');
  ws.addRow(['重点项目问题清单']);
  ws.mergeCells(1, 1, 1, HEADERS.length);
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  return xlsxBuffer(wb);
}

const upload = (c: Client, file: Buffer, dryRun = false) => {
  const m = multipart('问题清单.xlsx', file);
  return c.request({ method: 'POST', url: `/api/v1/imports/problems?dryRun=${dryRun}`, payload: m.payload, headers: m.headers });
};

type Job = {
  status: string;
  created: number;
  updated: number;
  unchanged: number;
  errors: { row: number; column: string; reason: string }[];
};

async function job(c: Client, file: Buffer, dryRun = false): Promise<Job> {
  const res = await upload(c, file, dryRun);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Job;
}

const rows = (): Cell[][] => [
  [1, p1.name, '土地', '用地指标未落实', unit.name, leader.name, '2026年8月底', '已报市局'],
  [2, p1.name, '资金', '配套资金缺口 3000 万元', unit.name, '', new Date('2026-09-30T00:00:00Z'), ''],
  [3, p2.name, '水电气', '天然气管道未接入', unit.name, leader.name, '长期', '正在施工'],
];

beforeAll(async () => {
  t = await createTestApp();
  unit = await createUnit(t.database, { name: '问题导入测试住建局' });
  leader = await createLeader(t.database, { name: '问题导入领导' });
  p1 = await createProject(t.database, { name: '问题导入甲项目', leadUnitId: unit.id });
  p2 = await createProject(t.database, { name: '问题导入乙项目', leadUnitId: unit.id });
  office = await login(t.app, 'office');
  unitUser = await login(t.app, (await createUser(t.database, { roles: ['unit'], unitId: unit.id })).username, FACTORY_PASSWORD);
});
afterAll(async () => t?.close());

describe('importing a problem list', () => {
  it('creates open problems matched by project name, unit, leader and category; a second run changes nothing', async () => {
    const file = await sheet(rows());
    const dry = await job(office, file, true);
    expect(dry).toMatchObject({ status: 'done', created: 3, updated: 0 });
    const before = await countRows(t.database, 'problems');
    const audits = await countRows(t.database, 'audit_log');
    expect(await job(office, file)).toMatchObject({ status: 'done', created: 3, updated: 0, unchanged: 0 });
    expect(await countRows(t.database, 'problems')).toBe(before + 3);
    expect(await countRows(t.database, 'audit_log')).toBeGreaterThanOrEqual(audits + 3);
    const list = (await office.get(`/api/v1/problems?projectId=${p1.id}&pageSize=50`)).json() as {
      items: {
        description: string;
        category: string;
        deadline: string | null;
        unitName: string;
        leaderName: string | null;
        status: string;
        progressNote: string | null;
      }[];
    };
    const land = list.items.find((i) => i.description === '用地指标未落实')!;
    expect(land).toMatchObject({
      category: 'land',
      deadline: '2026-08-31',
      unitName: unit.name,
      leaderName: leader.name,
      status: 'open',
      progressNote: '已报市局',
    });
    const again = await job(office, file);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await countRows(t.database, 'problems')).toBe(before + 3);
  });

  it('round-trips its own export: the exported sheet imports as unchanged, an edited cell as one update', async () => {
    const res = await office.get(`/api/v1/problems.xlsx?q=${encodeURIComponent('问题导入')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const exported = res.rawPayload;
    expect(await job(office, exported)).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 3 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).getCell(1).text).toBe('序号');
    let edited = false;
    ws.eachRow((row) => {
      if (!edited && row.getCell(4).text === '天然气管道未接入') {
        row.getCell(8).value = '管道已铺设至厂区';
        edited = true;
      }
    });
    expect(edited).toBe(true);
    const changed = await job(office, await xlsxBuffer(wb));
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
  });

  it('refuses the whole sheet with row, column and reason for each bad cell', async () => {
    const before = await countRows(t.database, 'problems');
    const bad = await job(
      office,
      await sheet([
        [1, p1.name, '土地', '新的问题一', unit.name, leader.name, '2026-10-31', ''],
        [2, '不存在的项目', '天气', '', '不存在的局', '无名氏', '某天', ''],
        [3, p1.name, '土地', '新的问题一', unit.name, '', '', ''],
      ]),
    );
    expect(bad.status).toBe('invalid');
    const cols = bad.errors.filter((e) => e.row === 4).map((e) => e.column);
    expect(cols).toEqual(expect.arrayContaining(['项目名称', '问题类别', '问题描述', '责任单位', '协调领导', '完成时限']));
    expect(bad.errors.find((e) => e.row === 5)).toMatchObject({ column: '问题描述' });
    for (const e of bad.errors) expect(e.reason).toMatch(/[\u4e00-\u9fa5]/);
    expect(await countRows(t.database, 'problems')).toBe(before);
  });

  it('is the office’s: a unit may not import', async () => {
    expect((await upload(unitUser, await sheet(rows()))).statusCode).toBe(403);
  });

  it('serves an empty template in the same layout', async () => {
    const res = await office.get('/api/v1/imports/templates/problems.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0]!.getRow(2).values as unknown[]).slice(1)).toEqual(HEADERS);
  });
});
