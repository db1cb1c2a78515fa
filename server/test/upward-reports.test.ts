/**
 * Upward reports 上报报表 (issue 12 item 4): the month's provincial and municipal projects of the
 * actor's region in a settings template, as JSON and as .xlsx, with the dashboard's approved figures.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toWan } from '@kpc/domain';
import { createProject, createUser, ensureRegion, FACTORY_PASSWORD } from './factories.js';
import { countRows, createTestApp, login, type Client, type TestApp } from './helpers.js';

let t: TestApp;
let office: Client;
let supervisor: Client;
let viewer: Client;
let admin: Client;

interface Report {
  month: string;
  asOf: string;
  regionName: string;
  template: { id: string; moneyUnit: string };
  columns: { header: string; field: string; kind: string }[];
  rows: { projectId: number; values: (string | number | null)[] }[];
  totals: (string | number | null)[];
}

async function readXlsx(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}
const cellValue = (v: unknown) => (v && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : v);

beforeAll(async () => {
  t = await createTestApp();
  office = await login(t.app, 'office');
  supervisor = await login(t.app, 'supervisor');
  viewer = await login(t.app, 'viewer');
  admin = await login(t.app, 'admin');
});
afterAll(async () => t?.close());

describe('upward report', () => {
  it('writes one row per provincial and municipal project with the dashboard’s year-to-date sum, as .xlsx', async () => {
    const dash = (await office.get('/api/v1/dashboard/summary')).json();
    const res = await office.get('/api/v1/reports/upward.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('upward-provincial-monthly-2026-07.xlsx');
    const rows = await readXlsx(res.rawPayload);
    expect(String(rows[0]![0])).toBe('召陵区省重点项目月度推进情况表（2026年7月）');
    expect(String(rows[1]![0])).toContain('单位：万元');
    expect(rows[2]).toEqual([
      '序号',
      '项目名称',
      '建设地点',
      '建设性质',
      '总投资',
      '年度计划投资',
      '本月完成投资',
      '1-本月累计完成投资',
      '占年度计划',
      '形象进度',
      '存在问题',
      '责任单位',
      '分包领导',
    ]);
    const data = rows.slice(3, -1);
    const totals = rows.at(-1)!;
    expect(data).toHaveLength(24);
    expect(dash.provincialAndMunicipal.projects).toBe(24);
    expect(data.map((r) => r[0])).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(totals[0]).toBe('合计');
    // the year to date, read back in 万元, is the dashboard's figure
    const ytd = dash.provincialAndMunicipal.completedInvestment as number;
    expect(ytd).toBeGreaterThan(0);
    expect(cellValue(totals[7])).toBe(toWan(ytd));
    expect(Math.abs(data.reduce((s, r) => s + Number(cellValue(r[7]) ?? 0), 0) - toWan(ytd))).toBeLessThan(0.01 * 24);
    expect(cellValue(totals[5])).toBe(toWan(dash.provincialAndMunicipal.annualPlan));
    expect(data.every((r) => r[3] === '新建' || r[3] === '续建')).toBe(true);
  });

  it('serves the same rows as JSON, summing to the dashboard to the yuan', async () => {
    const dash = (await viewer.get('/api/v1/dashboard/summary')).json();
    const res = await viewer.get('/api/v1/reports/upward?month=2026-07');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as Report;
    expect(r).toMatchObject({ month: '2026-07', asOf: '2026-07-16', regionName: '召陵区' });
    expect(r.rows).toHaveLength(24);
    const ytdAt = r.columns.findIndex((c) => c.field === 'yearToDate');
    expect(r.columns[ytdAt]).toMatchObject({ header: '1-本月累计完成投资', kind: 'money' });
    const sum = r.rows.reduce((s, row) => s + (row.values[ytdAt] as number), 0);
    expect(sum).toBe(dash.provincialAndMunicipal.completedInvestment);
    expect(r.totals[ytdAt]).toBe(sum);
    // a past month runs to its last day
    expect((await viewer.get('/api/v1/reports/upward?month=2026-05')).json()).toMatchObject({ asOf: '2026-05-31' });
  });

  it('changes a row when a report is approved: the month, the year to date and the image progress', async () => {
    const before = (await office.get('/api/v1/reports/upward')).json() as Report;
    const at = (f: string) => before.columns.findIndex((c) => c.field === f);
    // a project whose July has no report yet
    const reports = (await office.get('/api/v1/investment-reports?year=2026&month=7&pageSize=100')).json();
    const reported = new Set((reports.items as { projectId: number }[]).map((x) => x.projectId));
    const row = before.rows.find((x) => !reported.has(x.projectId))!;
    expect(row).toBeDefined();
    const draft = await office.post('/api/v1/investment-reports', {
      projectId: row.projectId,
      year: 2026,
      month: 7,
      amount: 3_210_000,
      progressNote: '二号厂房钢结构吊装完成',
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const id = draft.json().id;
    expect((await office.post(`/api/v1/investment-reports/${id}/submit`, { version: 1 })).statusCode).toBe(200);
    // pending: the row does not move
    const pending = (await office.get('/api/v1/reports/upward')).json() as Report;
    expect(pending.rows.find((x) => x.projectId === row.projectId)!.values).toEqual(row.values);
    expect((await office.post(`/api/v1/investment-reports/${id}/approve`, { version: 2 })).statusCode).toBe(200);
    const after = (await office.get('/api/v1/reports/upward')).json() as Report;
    const changed = after.rows.find((x) => x.projectId === row.projectId)!.values;
    expect(changed[at('monthCompleted')]).toBe((row.values[at('monthCompleted')] as number) + 3_210_000);
    expect(changed[at('yearToDate')]).toBe((row.values[at('yearToDate')] as number) + 3_210_000);
    expect(changed[at('imageProgress')]).toBe('二号厂房钢结构吊装完成');
    expect(after.totals[at('yearToDate')]).toBe((before.totals[at('yearToDate')] as number) + 3_210_000);
    const dash = (await office.get('/api/v1/dashboard/summary')).json();
    expect(after.totals[at('yearToDate')]).toBe(dash.provincialAndMunicipal.completedInvestment);
  });

  it('takes the image progress 形象进度 from the latest note typed once: a weekly update after the report', async () => {
    const before = (await office.get('/api/v1/reports/upward')).json() as Report;
    const at = before.columns.findIndex((c) => c.field === 'imageProgress');
    const row = before.rows[0]!;
    await t.database.raw(
      `insert into weekly_updates (project_id, week, note, changed, sent_by_name, sent_at)
         values ($1, '2026-W29', '三号车间设备安装调试', '{"ledgerItemIds":[],"milestoneIds":[],"investmentReportIds":[],"problemIds":[]}', '责任单位', $2)`,
      [row.projectId, new Date(t.clock.now().getTime() + 60_000)],
    );
    const after = (await office.get('/api/v1/reports/upward')).json() as Report;
    expect(after.rows.find((x) => x.projectId === row.projectId)!.values[at]).toBe('三号车间设备安装调试');
  });

  it('writes the municipal template with the district and the colour', async () => {
    const r = (await supervisor.get('/api/v1/reports/upward?template=municipal-monthly')).json() as Report;
    expect(r.template.id).toBe('municipal-monthly');
    const district = r.columns.findIndex((c) => c.field === 'district');
    const colour = r.columns.findIndex((c) => c.field === 'colour');
    expect(r.rows.every((x) => x.values[district] === '召陵区')).toBe(true);
    expect(r.rows.every((x) => ['绿', '黄', '红'].includes(x.values[colour] as string))).toBe(true);
  });

  it('gives a city account its districts’ rows in one table, a district account only its own', async () => {
    await ensureRegion(t.database, '411102');
    const other = await createProject(t.database, { level: 'municipal', regionCode: '411102', name: '源汇区测试项目' });
    await createProject(t.database, { level: 'district', regionCode: '411102', name: '源汇区区级项目' });
    const cityUser = await createUser(t.database, { roles: ['office'], regionCode: '4111' });
    const city = await login(t.app, cityUser.username, FACTORY_PASSWORD);
    const r = (await city.get('/api/v1/reports/upward?template=municipal-monthly')).json() as Report;
    expect(r.rows).toHaveLength(25);
    const district = r.columns.findIndex((c) => c.field === 'district');
    expect(r.rows[0]).toMatchObject({ projectId: other.id });
    expect(r.rows[0]!.values[district]).toBe('源汇区');
    const xlsx = await readXlsx((await city.get('/api/v1/reports/upward.xlsx?template=municipal-monthly')).rawPayload);
    expect(xlsx.slice(3, -1)).toHaveLength(25);
    const mine = (await office.get('/api/v1/reports/upward')).json() as Report;
    expect(mine.rows.map((x) => x.projectId)).not.toContain(other.id);
  });

  it('refuses units, enterprises and leaders (403), and an unknown template or month (400)', async () => {
    for (const name of ['unit1', 'enterprise1', 'leader1']) {
      const c = await login(t.app, name);
      expect((await c.get('/api/v1/reports/upward')).statusCode).toBe(403);
      expect((await c.get('/api/v1/reports/upward.xlsx')).statusCode).toBe(403);
    }
    const unknown = await office.get('/api/v1/reports/upward?template=nope');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe('template');
    expect((await office.get('/api/v1/reports/upward.xlsx?month=2026-13')).statusCode).toBe(400);
    const future = await office.get('/api/v1/reports/upward?month=2026-08');
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details).toEqual([{ field: 'month', message: '该月份尚未到来，不能生成上报报表' }]);
  });

  it('takes an admin’s own template from the settings, validated, money in 元 when it says so', async () => {
    const settingsBefore = await countRows(t.database, 'settings');
    const bad = await admin.put('/api/v1/settings', {
      upwardReportTemplates: [{ id: 'x', name: '表', moneyUnit: 'wan', columns: [{ header: '甲', field: 'salary' }] }],
    });
    expect(bad.statusCode).toBe(400);
    const dup = await admin.put('/api/v1/settings', {
      upwardReportTemplates: [
        { id: 'x', name: '表', moneyUnit: 'wan', columns: [{ header: '甲', field: 'name' }] },
        { id: 'x', name: '表二', moneyUnit: 'wan', columns: [{ header: '甲', field: 'name' }] },
      ],
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details[0].message).toBe('上报报表模板的标识不能重复');
    const byOffice = await office.put('/api/v1/settings', {
      upwardReportTemplates: [{ id: 'x', name: '表', moneyUnit: 'wan', columns: [{ header: '甲', field: 'name' }] }],
    });
    expect(byOffice.statusCode).toBe(403);
    expect(await countRows(t.database, 'settings')).toBe(settingsBefore);

    const ok = await admin.put('/api/v1/settings', {
      upwardReportTemplates: [
        {
          id: 'city-yuan',
          name: '市级投资快报',
          moneyUnit: 'yuan',
          columns: [
            { header: '项目', field: 'name' },
            { header: '累计完成（元）', field: 'yearToDate' },
          ],
        },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const json = (await office.get('/api/v1/reports/upward')).json() as Report;
    expect(json.template).toMatchObject({ id: 'city-yuan', moneyUnit: 'yuan' });
    const rows = await readXlsx((await office.get('/api/v1/reports/upward.xlsx')).rawPayload);
    expect(rows[2]).toEqual(['项目', '累计完成（元）']);
    expect(String(rows[1]![0])).toContain('单位：元');
    expect(cellValue(rows.at(-1)![1])).toBe(json.totals[1]);
    expect(Number.isInteger(json.totals[1])).toBe(true);
  });
});
