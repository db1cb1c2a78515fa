import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, login, type Client, type TestApp } from './helpers.js';
import { FACTORY_PASSWORD, createProject, createUser, ensureRegion } from './factories.js';

let t: TestApp;
let office: Client;
const PREFIX = '导出测试项目';

async function readBack(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { ws, rows };
}
const cellNumber = (v: unknown) => (v && typeof v === 'object' && 'result' in v ? (v as { result: number }).result : v);

beforeAll(async () => {
  t = await createTestApp();
  office = await login(t.app, 'office');
  const amounts = [
    {
      total: 1_234_567_800,
      plan: 300_000_000,
      months: [
        [6, 12_345_600],
        [7, 10_000_001],
      ],
    },
    { total: 500_000_000, plan: 100_000_000, months: [[1, 25_000_000]] },
    { total: 80_000_000, plan: null, months: [] },
  ] as const;
  let i = 0;
  for (const a of amounts) {
    const p = await createProject(t.database, {
      name: `${PREFIX}${++i}`,
      code: `EXP-${i}`,
      totalInvestment: a.total,
      level: 'municipal',
    });
    if (a.plan) await office.put(`/api/v1/projects/${p.id}/plans/2026`, { plannedAmount: a.plan });
    for (const [month, amount] of a.months) {
      const r = (await office.post('/api/v1/investment-reports', { projectId: p.id, year: 2026, month, amount })).json();
      await office.post(`/api/v1/investment-reports/${r.id}/submit`, { version: 1 });
      await office.post(`/api/v1/investment-reports/${r.id}/approve`, { version: 2 });
    }
  }
  // a report still waiting for approval must not show
  const { rows } = await t.database.raw(`select id from projects where code = 'EXP-2'`);
  await office.post('/api/v1/investment-reports', { projectId: Number(rows[0]!.id), year: 2026, month: 7, amount: 999_999_999 });
});
afterAll(async () => t?.close());

describe('Excel export of the project list with investment columns', () => {
  it('streams an .xlsx with Chinese headers, 万元 amounts to two decimals and a totals row that adds up', async () => {
    const res = await office.request({
      method: 'GET',
      url: `/api/v1/projects/export.xlsx?q=${encodeURIComponent(PREFIX)}&asOf=2026-07-16`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="projects-2026-2026-07-16\.xlsx"; filename\*=UTF-8''/,
    );
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1]!)).toContain('重点项目投资完成情况');
    const { ws, rows } = await readBack(res.rawPayload);
    expect(rows[0]).toEqual([
      '项目编号',
      '项目名称',
      '级别',
      '阶段',
      '牵头单位',
      '分包领导',
      '总投资(万元)',
      '年度计划(万元)',
      '本月完成(万元)',
      '年度累计完成(万元)',
      '完成率',
    ]);
    expect(rows).toHaveLength(5);
    expect(rows[1]!.slice(0, 4)).toEqual(['EXP-1', `${PREFIX}1`, '市重点', '谋划']);
    expect(rows[1]!.slice(6, 10)).toEqual([123_456.78, 30_000, 1_000, 2_234.56]);
    expect(rows[1]![10]).toBeCloseTo(22_345_601 / 300_000_000, 12);
    expect(rows[2]!.slice(6, 11)).toEqual([50_000, 10_000, 0, 2_500, 0.25]);
    expect(rows[3]![7] ?? null).toBeNull(); // no plan: an empty cell
    expect(rows[3]![10] ?? null).toBeNull();
    const totals = rows[4]!;
    expect(totals[0]).toBe('合计');
    expect(totals.slice(6, 10).map(cellNumber)).toEqual([181_456.78, 40_000, 1_000, 4_734.56]);
    expect((totals[6] as { formula: string }).formula).toBe('SUM(G2:G4)');
    expect(totals[10]).toBeCloseTo(47_345_601 / 400_000_000, 12);
    expect(ws.getRow(2).getCell(7).numFmt).toBe('0.00');
  });

  it('exports exactly the projects the list shows for the same filters', async () => {
    const list = (await office.get('/api/v1/projects?level=municipal&pageSize=1')).json();
    const res = await office.request({ method: 'GET', url: '/api/v1/projects/export.xlsx?level=municipal' });
    const { rows } = await readBack(res.rawPayload);
    expect(rows.length - 2).toBe(list.total);
    expect(rows.slice(1, -1).every((r) => r[2] === '市重点')).toBe(true);
  });

  it('exports nothing of another region and refuses anonymous requests', async () => {
    await ensureRegion(t.database, '411102');
    const o2 = await createUser(t.database, { roles: ['viewer'], regionCode: '411102' });
    const other = await login(t.app, o2.username, FACTORY_PASSWORD);
    const res = await other.request({ method: 'GET', url: `/api/v1/projects/export.xlsx?q=${encodeURIComponent(PREFIX)}` });
    expect(res.statusCode).toBe(200);
    const { rows } = await readBack(res.rawPayload);
    expect(rows).toHaveLength(2);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/projects/export.xlsx' })).statusCode).toBe(401);
    expect((await office.request({ method: 'GET', url: '/api/v1/projects/export.xlsx?asOf=nope' })).statusCode).toBe(400);
  });
});
