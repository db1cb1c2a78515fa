/**
 * An office's own ledger sheet, not our template: a title and a unit row above a two-row header (a
 * group heading over its sub-columns), project cells merged down over their items with 序号 numbering
 * projects, project names without their code, unit names abbreviated or with the district prefix,
 * deadlines as people write them, blank and 合计 rows, extra columns. It imports in one go, every
 * reading listed in the job; a sheet wrong in one place imports nothing and says where and why.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, countRows, login, type Client, type TestApp } from './helpers.js';
import { createProject } from './factories.js';
import { multipart, xlsxBuffer, type Cell } from './xlsx.js';

let t: TestApp;
let office: Client;
let food: { id: number; name: string };
let logistics: { id: number; name: string };
let unitIds: Record<string, number>;

const d = (s: string) => new Date(`${s}T00:00:00Z`);

/**
 * The office's sheet: title (merged across), 单位：万元, then 序号 / 项目名称 / 责任单位 / 工作任务
 * (over 具体内容 and 推进措施) / 完成时限 / 进展情况 / 存在问题 / 备注, one-row headers merged down
 * over the two header rows. `deadlineHeader` renames the deadline column (to lose it).
 */
async function officeSheet(rows: Cell[][], merges: string[], deadlineHeader = '完成时限'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['召陵区2026年重点项目工作推进台账']);
  ws.mergeCells('A1:I1');
  ws.addRow(['单位：万元']);
  ws.addRow(['序号', '项目名称', '责任单位', '工作任务', null, deadlineHeader, '进展情况', '存在问题', '备注']);
  ws.addRow([null, null, null, '具体内容', '推进措施', null, null, null, null]);
  ws.mergeCells('D3:E3');
  for (const c of 'ABCFGHI') ws.mergeCells(`${c}3:${c}4`);
  for (const r of rows) ws.addRow(r);
  for (const m of merges) ws.mergeCells(m);
  return xlsxBuffer(wb);
}

/** Rows 5–7: the food park (一期) over three items; 8 blank; 9–11 the logistics park; 12 合计. */
const goodRows = (): Cell[][] => [
  [1, '测试食品产业园(一期)', '区发改委', '完成土地摘牌', '对接自然资源局', '2026.3.31', '已摘牌', '无', '备注一'],
  [null, null, '召陵区住房和城乡建设局', '办理规划许可', null, '2026年3月底', null, '审批慢', null],
  [null, null, '住建局', '主体开工', null, '2026年8月', null, null, null],
  [],
  [2, '测试物流园', '区发展和改革委员会', '常态化调度', null, '长期', '每月调度', null, null],
  [null, null, '召陵区工信局', '完成年度投资', null, '年底前', null, null, null],
  [null, null, '区工信局', '设备进场', null, d('2026-09-30'), null, null, null],
  ['合计', null, null, '共 6 项', null, null, null, null, null],
];
const goodMerges = ['A5:A7', 'B5:B7', 'A9:A11', 'B9:B11', 'A12:C12'];

const post = (file: Buffer, dryRun = false, mapping?: string) => {
  const m = multipart('召陵区台账.xlsx', file);
  const query = new URLSearchParams({ ...(dryRun ? { dryRun: 'true' } : {}), ...(mapping ? { mapping } : {}) }).toString();
  return office.request({
    method: 'POST',
    url: `/api/v1/imports/ledger-items${query ? `?${query}` : ''}`,
    payload: m.payload,
    headers: m.headers,
  });
};

interface ItemRow {
  seq: number;
  unit_id: number;
  content: string;
  measures: string | null;
  deadline: string | null;
  recurring: boolean;
  evidence_note: string | null;
  progress_note: string | null;
}

const itemsOf = async (projectId: number) =>
  (
    await t.database.raw(
      `select seq, unit_id, content, measures, to_char(deadline, 'YYYY-MM-DD') as deadline, recurring, evidence_note,
              progress_note
         from ledger_items where project_id = $1 order by seq`,
      [projectId],
    )
  ).rows as unknown as ItemRow[];

beforeAll(async () => {
  t = await createTestApp();
  office = await login(t.app, 'office');
  food = await createProject(t.database, { code: 'OFC-001', name: '测试食品产业园（一期）项目', stage: 'building' });
  logistics = await createProject(t.database, { code: 'OFC-002', name: '测试物流园项目', stage: 'building' });
  await createProject(t.database, { code: 'OFC-003', name: '测试冷链园（一期）', stage: 'building' });
  await createProject(t.database, { code: 'OFC-004', name: '测试冷链园（二期）', stage: 'building' });
  const units = (await t.database.raw(`select id, name from units`)).rows as { id: number; name: string }[];
  unitIds = Object.fromEntries(units.map((u) => [u.name, Number(u.id)]));
});
afterAll(async () => t?.close());

describe('an office’s own ledger sheet', () => {
  it('imports in one go with every cell read as written, and again changes nothing', async () => {
    const file = await officeSheet(goodRows(), goodMerges);
    const preview = (await post(file, true)).json();
    expect(preview).toMatchObject({ status: 'done', dryRun: true, errors: [], created: 6 });
    expect(await itemsOf(food.id)).toEqual([]);

    const res = await post(file);
    expect(res.statusCode).toBe(200);
    const job = res.json();
    expect(job).toMatchObject({ status: 'done', errors: [], created: 6, updated: 0, unchanged: 0 });
    expect(job.skipped).toEqual([
      { row: 8, reason: '空行' },
      { row: 12, reason: '合计 / 小计行' },
    ]);
    // the column mapping and the interpretations, as the preview shows them (原文 → 读作)
    const reading = (row: number, original: string) =>
      job.readings.find((r: { row: number; original: string }) => r.row === row && r.original === original)?.reading;
    expect(reading(4, '工作任务/具体内容')).toBe('列 → 工作内容');
    expect(reading(4, '推进措施')).toBeUndefined(); // joined with its group heading
    expect(reading(4, '工作任务/推进措施')).toBe('列 → 工作措施');
    expect(reading(5, '测试食品产业园(一期)')).toBe('项目 OFC-001 测试食品产业园（一期）项目');
    expect(reading(5, '区发改委')).toBe('单位 区发展和改革委员会');
    expect(reading(5, '2026.3.31')).toBe('2026-03-31');
    expect(reading(6, '2026年3月底')).toBe('2026-03-31（月底）');
    expect(reading(7, '2026年8月')).toBe('2026-08-31（只写月份，按当月最后一天）');
    expect(reading(9, '长期')).toBe('长期事项，无截止日期');
    expect(reading(5, '已摘牌')).toBe('写入事项的最新进展情况');
    expect(reading(10, '年底前')).toContain('2026-12-31');
    expect(reading(6, '审批慢')).toContain('提入问题清单');
    expect(reading(5, '无')).toBe('无问题，不提出');

    const dev = unitIds['区发展和改革委员会']!;
    const housing = unitIds['区住房和城乡建设局']!;
    const industry = unitIds['区工业和信息化局']!;
    expect(await itemsOf(food.id)).toEqual([
      {
        seq: 1,
        unit_id: dev,
        content: '完成土地摘牌',
        measures: '对接自然资源局',
        deadline: '2026-03-31',
        recurring: false,
        evidence_note: '备注：备注一',
        progress_note: '已摘牌',
      },
      {
        seq: 2,
        unit_id: housing,
        content: '办理规划许可',
        measures: null,
        deadline: '2026-03-31',
        recurring: false,
        evidence_note: null,
        progress_note: null,
      },
      {
        seq: 3,
        unit_id: housing,
        content: '主体开工',
        measures: null,
        deadline: '2026-08-31',
        recurring: false,
        evidence_note: null,
        progress_note: null,
      },
    ]);
    expect(await itemsOf(logistics.id)).toEqual([
      {
        seq: 1,
        unit_id: dev,
        content: '常态化调度',
        measures: null,
        deadline: null,
        recurring: true,
        evidence_note: null,
        progress_note: '每月调度',
      },
      {
        seq: 2,
        unit_id: industry,
        content: '完成年度投资',
        measures: null,
        deadline: '2026-12-31',
        recurring: false,
        evidence_note: null,
        progress_note: null,
      },
      {
        seq: 3,
        unit_id: industry,
        content: '设备进场',
        measures: null,
        deadline: '2026-09-30',
        recurring: false,
        evidence_note: null,
        progress_note: null,
      },
    ]);

    // the same sheet again: nothing changes, no audit row
    const audits = await countRows(t.database, 'audit_log');
    expect((await post(file)).json()).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 6 });
    expect(await countRows(t.database, 'audit_log')).toBe(audits);
  });

  const refused = async (rows: Cell[][], deadlineHeader?: string) => {
    const before = await countRows(t.database, 'ledger_items');
    const job = (await post(await officeSheet(rows, goodMerges, deadlineHeader))).json();
    expect(job.status).toBe('invalid');
    expect(await countRows(t.database, 'ledger_items')).toBe(before);
    return job.errors as { row: number; column: string; reason: string }[];
  };
  const withCell = (row: number, col: number, value: Cell) => {
    const rows = goodRows();
    rows[row - 5]![col] = value;
    return rows;
  };

  it('refuses an unknown unit, naming the closest units', async () => {
    const errors = await refused(withCell(6, 2, '区发改局'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 6, column: '责任单位' });
    expect(errors[0]!.reason).toMatch(/^单位“区发改局”不存在，最接近的有：.*区发展和改革委员会/);
  });

  it('refuses a project name that fits several projects, naming them', async () => {
    const errors = await refused(withCell(9, 1, '测试冷链园'));
    // the name is merged down over three rows: each is refused
    expect(errors.map((e) => e.row)).toEqual([9, 10, 11]);
    expect(errors[0]!.column).toBe('项目名称');
    expect(errors[0]!.reason).toContain('测试冷链园（一期）');
    expect(errors[0]!.reason).toContain('测试冷链园（二期）');
  });

  it('refuses a date that does not exist, with the cell as written', async () => {
    const errors = await refused(withCell(7, 5, '2026-02-30'));
    expect(errors).toEqual([
      { row: 7, column: '完成时限', reason: expect.stringMatching(/^完成时限“2026-02-30”：2026年2月没有 30 日/) },
    ]);
  });

  it('refuses a sheet without a required column with one error, not one per row', async () => {
    const errors = await refused(goodRows(), '其他');
    expect(errors).toEqual([{ row: 4, column: '完成时限', reason: expect.stringContaining('未找到“完成时限”列') }]);
  });

  it('takes a mapping that corrects the detected one: a column named, another ignored', async () => {
    const file = await officeSheet(goodRows(), goodMerges, '其他');
    // column F (6) is the deadline though its header says nothing; column I (9, 备注) is left out
    const job = (await post(file, true, JSON.stringify({ 6: 'deadline', 9: null }))).json();
    // an ignored column leaves its field as stored
    expect(job).toMatchObject({ status: 'done', errors: [], created: 0, updated: 0, unchanged: 6 });
    const mapped = job.readings.filter((r: { row: number }) => r.row === 4);
    expect(mapped).toContainEqual({ row: 4, column: '其他', original: '其他', reading: '列 → 完成时限（按指定）' });
    expect(mapped).toContainEqual({ row: 4, column: '备注', original: '备注', reading: '列 → 不导入（按指定）' });
  });

  it('refuses a mapping that is not column number → field', async () => {
    const file = await officeSheet(goodRows(), goodMerges);
    for (const mapping of ['{"F":"deadline"}', '{"6":"due"}', '[1]', 'not json']) {
      const res = await post(file, true, mapping);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([{ field: 'mapping', message: expect.stringContaining('列对应关系') }]);
    }
  });
});

describe('an office’s own project list', () => {
  /** Title, 单位：万元, one header row; amounts with their unit in the cell or the column, no code for a known project. */
  async function projectSheet(rows: Cell[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('项目库');
    ws.addRow(['召陵区2026年重点项目名单']);
    ws.mergeCells('A1:K1');
    ws.addRow([null, null, null, null, null, null, null, null, null, null, '单位：万元']);
    ws.addRow([
      '序号',
      '项目编号',
      '项目名称',
      '级别',
      '类别',
      '总投资',
      '一期投资（亿元）',
      '牵头单位',
      '计划开工',
      '计划竣工',
      '备注',
    ]);
    for (const r of rows) ws.addRow(r);
    return xlsxBuffer(wb);
  }
  const goodProjects = (): Cell[][] => [
    [1, 'OFC-P-01', '测试办公新项目甲', '市重点', '工业', '12.5亿元', 0.5, '区发改委', '2026年8月', '2027.6.30', '新签约'],
    [2, null, '测试物流园', '区重点', '工业', 3000, null, '召陵区住房和城乡建设局', '2026.9.1', '年底前', null],
    ['合计', null, null, null, null, '12.8亿元', null, null, null, null, null],
  ];
  const postProjects = async (file: Buffer) => {
    const m = multipart('项目名单.xlsx', file);
    return (
      await office.request({ method: 'POST', url: '/api/v1/imports/projects', payload: m.payload, headers: m.headers })
    ).json();
  };
  const projectRow = async (code: string) =>
    (
      await t.database.raw(
        `select name, total_investment::bigint as total, first_phase_investment::bigint as first, lead_unit_id,
                to_char(planned_start_date, 'YYYY-MM-DD') as start, to_char(planned_completion_date, 'YYYY-MM-DD') as completion
           from projects where code = $1`,
        [code],
      )
    ).rows[0] as Record<string, unknown>;

  it('imports amounts and dates as written, a known project by its name, and again changes nothing', async () => {
    const job = await postProjects(await projectSheet(goodProjects()));
    expect(job).toMatchObject({ status: 'done', errors: [], created: 1, updated: 1, unchanged: 0 });
    expect(job.skipped).toEqual([{ row: 6, reason: '合计 / 小计行' }]);
    const readings = job.readings.map((r: { row: number; original: string; reading: string }) => [r.row, r.original, r.reading]);
    expect(readings).toContainEqual([4, '12.5亿元', '1,250,000,000 元']);
    expect(readings).toContainEqual([4, '0.5', '50,000,000 元（按本列单位亿元）']);
    expect(readings).toContainEqual([5, '3000', '30,000,000 元（按本列单位万元）']);
    expect(readings).toContainEqual([5, '测试物流园', '项目 OFC-002 测试物流园项目（未填编号，按名称对应）']);
    expect(readings).toContainEqual([3, '备注', '列 → 不导入']);
    expect(await projectRow('OFC-P-01')).toMatchObject({
      name: '测试办公新项目甲',
      total: 1_250_000_000,
      first: 50_000_000,
      lead_unit_id: unitIds['区发展和改革委员会'],
      start: '2026-08-31',
      completion: '2027-06-30',
    });
    expect(await projectRow('OFC-002')).toMatchObject({
      name: '测试物流园项目',
      total: 30_000_000,
      lead_unit_id: unitIds['区住房和城乡建设局'],
      start: '2026-09-01',
      completion: '2026-12-31',
    });
    expect(await postProjects(await projectSheet(goodProjects()))).toMatchObject({
      status: 'done',
      created: 0,
      updated: 0,
      unchanged: 2,
    });
  });

  it('refuses a new project without a code and an amount it cannot read, importing nothing', async () => {
    const rows = goodProjects();
    rows[0]![1] = null;
    rows[0]![2] = '测试不存在的新项目';
    rows[1]![5] = '3000万亿';
    const before = await countRows(t.database, 'projects');
    const job = await postProjects(await projectSheet(rows));
    expect(job.status).toBe('invalid');
    expect(job.errors).toEqual([
      {
        row: 4,
        column: '项目编号',
        reason: expect.stringContaining('项目“测试不存在的新项目”不在项目库中，新项目须填写项目编号'),
      },
      { row: 5, column: '总投资', reason: expect.stringContaining('金额“3000万亿”') },
    ]);
    expect(await countRows(t.database, 'projects')).toBe(before);
  });
});
