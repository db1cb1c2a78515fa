/**
 * The import screen's mapping step (issue 9): saved mappings 本单位模板 (office and admin of the region
 * only, another region's 404, version-checked, audited), the dry run's header band and proposed
 * column mapping with where each field came from, a saved mapping applied by itself to a sheet with
 * the same headers, a column ignored; and a ledger sheet's 存在问题 raised in the problem list once,
 * inside the import's transaction.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, login, type Client, type TestApp } from './helpers.js';
import { FACTORY_PASSWORD, createProject, createUser, ensureRegion } from './factories.js';
import { multipart, xlsxBuffer, type Cell } from './xlsx.js';

let t: TestApp;
let office: Client;
let admin: Client;
let others: Record<string, Client>;
let otherRegionOffice: Client;
let park: { id: number };
let port: { id: number };

/** A district ledger: title, unit row, 序号 / 项目名称 / 责任单位 / 工作任务 (over 具体内容 / 推进措施) / `deadlineHeader` / 存在问题 / 备注. */
async function sheet(rows: Cell[][], deadlineHeader = '完成时限'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['召陵区重点项目推进台账']);
  ws.mergeCells('A1:H1');
  ws.addRow(['填报单位：召陵区发改委']);
  ws.addRow(['序号', '项目名称', '责任单位', '工作任务', null, deadlineHeader, '存在问题', '备注']);
  ws.addRow([null, null, null, '具体内容', '推进措施', null, null, null]);
  ws.mergeCells('D3:E3');
  for (const c of 'ABCFGH') ws.mergeCells(`${c}3:${c}4`);
  for (const r of rows) ws.addRow(r);
  return xlsxBuffer(wb);
}

/** Rows 5–7 the park (its name and 存在问题 merged down over its three items), 8 the port, 9 合计. */
const rows = (): Cell[][] => [
  [1, '映射测试产业园', '区发改委', '完成土地摘牌', null, '2026年3月底', '土地指标未落实', null],
  [null, null, '区住建局', '办理施工许可', null, '2026年8月', null, null],
  [null, null, '区住建局', '主体开工', null, '长期', null, null],
  [2, '映射测试港', '区工信局', '设备进场', null, '2026.9.30', '无', '备注'],
  ['合计', null, null, '4 项', null, null, null, null],
];

async function book(rs: Cell[][], deadlineHeader?: string, merges = ['A5:A7', 'B5:B7', 'G5:G7']) {
  const buf = await sheet(rs, deadlineHeader);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  for (const m of merges) wb.worksheets[0]!.mergeCells(m);
  return xlsxBuffer(wb);
}

const post = (file: Buffer, dryRun = false, mapping?: object) => {
  const m = multipart('台账.xlsx', file);
  const q = new URLSearchParams({
    ...(dryRun ? { dryRun: 'true' } : {}),
    ...(mapping ? { mapping: JSON.stringify(mapping) } : {}),
  });
  return office.request({ method: 'POST', url: `/api/v1/imports/ledger-items?${q}`, payload: m.payload, headers: m.headers });
};

interface Header {
  rows: [number, number];
  signature: string;
  columns: { column: number; letter: string; header: string; sample: string | null; field: string | null; source: string }[];
  fields: { key: string; label: string; required: boolean; oneOf: string[] | null }[];
}

const problemsOf = async (projectId: number) =>
  (
    await t.database.raw(
      `select description, source, category, status, unit_id from problems where project_id = $1 order by id`,
      [projectId],
    )
  ).rows as { description: string; source: string; category: string; status: string; unit_id: number }[];

beforeAll(async () => {
  t = await createTestApp();
  office = await login(t.app, 'office');
  admin = await login(t.app, 'admin');
  const viewer = await createUser(t.database, { roles: ['viewer'] });
  others = {
    unit: await login(t.app, 'unit1'),
    enterprise: await login(t.app, 'enterprise1'),
    leader: await login(t.app, 'leader1'),
    viewer: await login(t.app, viewer.username, FACTORY_PASSWORD),
  };
  await ensureRegion(t.database, '411102');
  const o2 = await createUser(t.database, { roles: ['office'], regionCode: '411102' });
  otherRegionOffice = await login(t.app, o2.username, FACTORY_PASSWORD);
  park = await createProject(t.database, { code: 'MAP-001', name: '映射测试产业园项目', stage: 'building' });
  port = await createProject(t.database, { code: 'MAP-002', name: '映射测试港', stage: 'building' });
});
afterAll(async () => t?.close());

describe('saved import mappings', () => {
  const body = {
    kind: 'ledger_items',
    name: '发改委台账',
    headerSignature: '1:序号|2:项目名称',
    columns: { '1': 'seq', '8': null },
  };

  it('office and admin list, create, update under version and delete them, each change audited', async () => {
    const audits = await countRows(t.database, 'audit_log');
    const created = await office.post('/api/v1/import-mappings', body);
    expect(created.statusCode, created.body).toBe(201);
    const m = created.json();
    expect(m).toMatchObject({ ...body, version: 1 });
    expect((await office.post('/api/v1/import-mappings', body)).statusCode).toBe(409); // same name
    const list = (await admin.get('/api/v1/import-mappings?kind=ledger_items')).json();
    expect(list.map((x: { id: number }) => x.id)).toContain(m.id);
    expect((await office.get('/api/v1/import-mappings?kind=problems')).json()).toEqual([]);

    const renamed = await admin.patch(`/api/v1/import-mappings/${m.id}`, { version: 1, name: '发改委台账（新）' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '发改委台账（新）', version: 2, columns: body.columns });
    const stale = await office.patch(`/api/v1/import-mappings/${m.id}`, { version: 1, name: '旧' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({ version: 2 });
    expect((await office.delete(`/api/v1/import-mappings/${m.id}?version=1`)).statusCode).toBe(409);
    expect((await office.delete(`/api/v1/import-mappings/${m.id}?version=2`)).statusCode).toBe(200);
    expect((await office.get(`/api/v1/import-mappings/${m.id}`)).statusCode).toBe(404);
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 3);
    const entities = (
      await t.database.raw(`select action from audit_log where entity = 'import_mapping' and entity_id = $1 order by id`, [
        String(m.id),
      ])
    ).rows.map((r) => r.action as string);
    expect(entities).toEqual(['create', 'update', 'delete']);
  });

  it('refuses a field the kind does not read, writing nothing', async () => {
    const before = await countRows(t.database, 'import_mappings');
    const res = await office.post('/api/v1/import-mappings', { ...body, name: '坏的', columns: { '1': 'due' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ field: 'columns', message: expect.stringContaining('字段') }]);
    expect(await countRows(t.database, 'import_mappings')).toBe(before);
  });

  it('refuses unit, enterprise, leader and viewer (403), and hides another region’s (404)', async () => {
    const mine = (await office.post('/api/v1/import-mappings', { ...body, name: '权限测试' })).json();
    for (const [role, c] of Object.entries(others)) {
      expect([role, (await c.get('/api/v1/import-mappings')).statusCode]).toEqual([role, 403]);
      expect([role, (await c.get(`/api/v1/import-mappings/${mine.id}`)).statusCode]).toEqual([role, 403]);
      expect([role, (await c.post('/api/v1/import-mappings', { ...body, name: role })).statusCode]).toEqual([role, 403]);
      expect([role, (await c.patch(`/api/v1/import-mappings/${mine.id}`, { version: 1, name: 'x' })).statusCode]).toEqual([
        role,
        403,
      ]);
      expect([role, (await c.delete(`/api/v1/import-mappings/${mine.id}?version=1`)).statusCode]).toEqual([role, 403]);
    }
    expect((await otherRegionOffice.get(`/api/v1/import-mappings/${mine.id}`)).statusCode).toBe(404);
    expect((await otherRegionOffice.patch(`/api/v1/import-mappings/${mine.id}`, { version: 1, name: 'x' })).statusCode).toBe(404);
    expect((await otherRegionOffice.delete(`/api/v1/import-mappings/${mine.id}?version=1`)).statusCode).toBe(404);
    expect((await otherRegionOffice.get('/api/v1/import-mappings')).json()).toEqual([]);
    expect((await office.get(`/api/v1/import-mappings/${mine.id}`)).json()).toMatchObject({ name: '权限测试', version: 1 });
    await office.delete(`/api/v1/import-mappings/${mine.id}?version=1`);
  });
});

describe('the dry run’s mapping step', () => {
  it('returns the header band and each column’s field, header, sample and how it was found', async () => {
    const job = (await post(await book(rows()), true)).json();
    expect(job).toMatchObject({ status: 'done', savedMapping: null });
    const header = job.header as Header;
    expect(header.rows).toEqual([3, 4]);
    expect(header.columns.map((c) => [c.letter, c.header, c.field, c.source])).toEqual([
      ['A', '序号', 'seq', 'detected'],
      ['B', '项目名称', 'projectName', 'detected'],
      ['C', '责任单位', 'unitName', 'detected'],
      ['D', '工作任务/具体内容', 'content', 'detected'],
      ['E', '工作任务/推进措施', 'measures', 'detected'],
      ['F', '完成时限', 'deadline', 'detected'],
      ['G', '存在问题', 'problems', 'detected'],
      ['H', '备注', 'remarks', 'detected'],
    ]);
    expect(header.columns[1]!.sample).toBe('映射测试产业园');
    expect(header.columns[5]!.sample).toBe('2026年3月底');
    expect(header.fields).toContainEqual({ key: 'deadline', label: '完成时限', required: true, oneOf: null });
    expect(header.fields).toContainEqual({ key: 'projectName', label: '项目名称', required: false, oneOf: ['projectCode'] });
    expect(header.fields).toContainEqual({ key: 'remarks', label: '备注', required: false, oneOf: null });
  });

  it('says once that a required field has no column, not once per row, and still proposes the mapping', async () => {
    const job = (await post(await book(rows(), '其他'), true)).json();
    expect(job.status).toBe('invalid');
    expect(job.errorCount).toBe(1);
    expect(job.errors).toEqual([{ row: 4, column: '完成时限', reason: expect.stringContaining('未找到“完成时限”列') }]);
    expect((job.header as Header).columns.find((c) => c.letter === 'F')).toMatchObject({
      header: '其他',
      field: null,
      source: 'none',
    });
    // the user names the column: the sheet reads
    const fixed = (await post(await book(rows(), '其他'), true, { 6: 'deadline' })).json();
    expect(fixed).toMatchObject({ status: 'done', errors: [] });
    expect((fixed.header as Header).columns.find((c) => c.letter === 'F')).toMatchObject({ field: 'deadline', source: 'user' });
  });

  it('applies a saved mapping whose header signature matches, and names it; the user’s correction wins', async () => {
    const file = await book(rows(), '其他');
    const first = (await post(file, true, { 6: 'deadline', 8: null })).json();
    const header = first.header as Header;
    const columns = Object.fromEntries(header.columns.map((c) => [String(c.column), c.field]));
    expect(columns).toMatchObject({ '6': 'deadline', '8': null });
    const saved = (
      await office.post('/api/v1/import-mappings', {
        kind: 'ledger_items',
        name: '召陵区台账（其他列为时限）',
        headerSignature: header.signature,
        columns,
      })
    ).json();

    // the same layout again, no mapping given: read with the saved one
    const again = (await post(file, true)).json();
    expect(again).toMatchObject({
      status: 'done',
      errors: [],
      savedMapping: { id: saved.id, name: '召陵区台账（其他列为时限）' },
    });
    const byLetter = (job: { header: Header }, l: string) => job.header.columns.find((c) => c.letter === l)!;
    expect(byLetter(again, 'F')).toMatchObject({ field: 'deadline', source: 'saved' });
    expect(byLetter(again, 'H')).toMatchObject({ field: null, source: 'saved' });
    expect(again.readings).toContainEqual({
      row: 4,
      column: '其他',
      original: '其他',
      reading: '列 → 完成时限（按模板“召陵区台账（其他列为时限）”）',
    });
    // a correction over the saved mapping
    const corrected = (await post(file, true, { 8: 'remarks' })).json();
    expect(byLetter(corrected, 'H')).toMatchObject({ field: 'remarks', source: 'user' });
    expect(byLetter(corrected, 'F')).toMatchObject({ field: 'deadline', source: 'saved' });
    // another layout (the deadline column named as usual) is not matched
    expect((await post(await book(rows()), true)).json().savedMapping).toBeNull();
    await office.delete(`/api/v1/import-mappings/${saved.id}?version=1`);
    // another region's mapping for the same headers is not this office's
    const theirs = await otherRegionOffice.post('/api/v1/import-mappings', {
      kind: 'ledger_items',
      name: '别区模板',
      headerSignature: header.signature,
      columns,
    });
    expect(theirs.statusCode).toBe(201);
    expect((await post(file, true)).json()).toMatchObject({ status: 'invalid', savedMapping: null });
  });
});

describe('存在问题 → the problem list', () => {
  it('ignoring the column raises nothing', async () => {
    const job = (await post(await book(rows()), true, { 7: null })).json();
    expect(job.status).toBe('done');
    expect(job.readings.filter((r: { original: string }) => r.original === '土地指标未落实')).toEqual([]);
    expect((job.header as Header).columns.find((c) => c.letter === 'G')).toMatchObject({ field: null, source: 'user' });
  });

  it('is rolled back with the whole import when another row fails', async () => {
    const bad = rows();
    bad[3]![2] = '区不存在局';
    const [problems, items] = [await countRows(t.database, 'problems'), await countRows(t.database, 'ledger_items')];
    const job = (await post(await book(bad))).json();
    expect(job.status).toBe('invalid');
    expect(job.errors).toEqual([{ row: 8, column: '责任单位', reason: expect.stringContaining('区不存在局') }]);
    expect(await countRows(t.database, 'problems')).toBe(problems);
    expect(await countRows(t.database, 'ledger_items')).toBe(items);
  });

  it('raises each problem once on its project (单位上报), and the same sheet again raises nothing', async () => {
    const file = await book(rows());
    const preview = (await post(file, true)).json();
    expect(preview.readings).toContainEqual({
      row: 5,
      column: '存在问题',
      original: '土地指标未落实',
      reading: expect.stringContaining('提入问题清单（单位上报，类别：土地）'),
    });
    expect(preview.readings).toContainEqual({ row: 8, column: '存在问题', original: '无', reading: '无问题，不提出' });
    // merged down over the park's three items: one problem, said once
    expect(preview.readings).toContainEqual({
      row: 6,
      column: '存在问题',
      original: '土地指标未落实',
      reading: '同第 5 行的问题，不重复提出',
    });
    const job = (await post(file)).json();
    expect(job).toMatchObject({ status: 'done', created: 4, updated: 0, unchanged: 0 });
    const dev = Number(
      (await t.database.raw(`select id from units where name = '区发展和改革委员会'`)).rows[0]!.id as number | string,
    );
    // merged down over three items, the problem is raised once, for the first item's unit
    expect(await problemsOf(park.id)).toEqual([
      { description: '土地指标未落实', source: 'unit_report', category: 'land', status: 'open', unit_id: dev },
    ]);
    expect(await problemsOf(port.id)).toEqual([]); // 无
    const audited = await t.database.raw(
      `select count(*)::int as n from audit_log where entity = 'problem' and action = 'create'`,
    );
    expect(Number(audited.rows[0]!.n)).toBeGreaterThan(0);

    // the ledger screen shows the item's open problems, the export lists them in its 存在问题 column
    const listed = (await office.get(`/api/v1/projects/${park.id}/ledger-items?pageSize=50`)).json().items as {
      content: string;
      openProblems: number;
    }[];
    expect(listed.find((i) => i.content === '完成土地摘牌')?.openProblems).toBe(1);
    expect(listed.find((i) => i.content === '办理施工许可')?.openProblems).toBe(0); // another unit's item
    const exported = new ExcelJS.Workbook();
    await exported.xlsx.load((await office.get(`/api/v1/projects/${park.id}/ledger.xlsx`)).rawPayload as unknown as ArrayBuffer);
    const ws = exported.worksheets[0]!;
    const problemsCol = (ws.getRow(2).values as unknown[]).indexOf('存在问题');
    expect(problemsCol).toBeGreaterThan(0);
    const landRow = ws.getRows(3, ws.rowCount - 2)!.find((r) => r.getCell(5).value === '完成土地摘牌')!;
    expect(landRow.getCell(problemsCol).value).toBe('土地指标未落实');

    const audits = await countRows(t.database, 'audit_log');
    expect((await post(file)).json()).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 4 });
    expect(await problemsOf(park.id)).toHaveLength(1);
    expect(await countRows(t.database, 'audit_log')).toBe(audits);

    // a new problem on a known item: that row changes (one problem raised), written up to the same text
    const next = rows();
    next[3]![6] = ' 设备供电未接入。';
    expect((await post(await book(next), true)).json()).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    expect((await post(await book(next))).json()).toMatchObject({ status: 'done', created: 0, updated: 1, unchanged: 3 });
    expect((await problemsOf(port.id)).map((p) => [p.description, p.category])).toEqual([['设备供电未接入。', 'utilities']]);
    next[3]![6] = '设备供电未接入';
    expect((await post(await book(next))).json()).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 4 });
  });
});
