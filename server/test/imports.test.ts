import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { createTestApp, countRows, login, type Client, type TestApp } from './helpers.js';
import { FACTORY_PASSWORD, createLeader, createProject, createUnit, createUser } from './factories.js';
import { ledgerXlsx, multipart, xlsxBuffer, type Cell } from './xlsx.js';

let t: TestApp;
let office: Client;
let unitUser: Client;
let viewer: Client;
let unitA: { id: number; name: string };
let unitB: { id: number; name: string };
let leader: { id: number; name: string };
let p1: { id: number; code: string; name: string };
let p2: { id: number; code: string; name: string };

const post = (c: Client, url: string, file: Buffer, headers: Record<string, string> = {}) => {
  const m = multipart('台账.xlsx', file);
  return c.request({ method: 'POST', url, payload: m.payload, headers: { ...m.headers, ...headers } });
};

const d = (s: string) => new Date(`${s}T00:00:00Z`);

/** Five items over two projects; row 5 (the second item) names a unit that does not exist when `bad`. */
const ledgerGroups = (bad: boolean) => [
  {
    title: `${p1.code} ${p1.name}`,
    rows: [
      [1, p1.code, p1.name, unitA.name, '完成土地摘牌', '对接自然资源局', d('2026-07-31'), '王建国', '推进中', null, ''],
      [
        2,
        p1.code,
        p1.name,
        bad ? '不存在的局' : unitB.name,
        '办理规划许可',
        '并联审批',
        '2026/8/15',
        '李明',
        '未开始',
        null,
        null,
      ],
      [3, p1.code, p1.name, unitA.name, '签订供地协议', null, '2026年6月30日', null, '已完成', d('2026-06-28'), '协议已签'],
    ],
  },
  {
    title: `${p2.code} ${p2.name}`,
    rows: [
      [1, p2.code, null, unitB.name, '主体结构封顶', '倒排工期', d('2026-09-30'), '赵强', '推进中', null, null],
      [2, p2.code, p2.name, unitA.name, '设备进场', null, d('2026-10-31'), null, null, null, null],
    ],
  },
];

const itemsOf = async (c: Client) => {
  const a = (await c.get(`/api/v1/projects/${p1.id}/ledger-items?pageSize=200`)).json().items;
  const b = (await c.get(`/api/v1/projects/${p2.id}/ledger-items?pageSize=200`)).json().items;
  return [...a, ...b] as {
    id: number;
    seq: number;
    version: number;
    updatedAt: string;
    status: string;
    completedOn: string | null;
  }[];
};

beforeAll(async () => {
  t = await createTestApp();
  unitA = await createUnit(t.database, { name: '导入测试发改委' });
  unitB = await createUnit(t.database, { name: '导入测试自然资源局' });
  leader = await createLeader(t.database, { name: '导入测试领导' });
  p1 = await createProject(t.database, { code: 'IMP-001', name: '导入测试项目一', leadUnitId: unitA.id, stage: 'signed' });
  p2 = await createProject(t.database, { code: 'IMP-002', name: '导入测试项目二', leadUnitId: unitB.id, stage: 'building' });
  const u = await createUser(t.database, { roles: ['unit'], unitId: unitA.id });
  const v = await createUser(t.database, { roles: ['viewer'] });
  office = await login(t.app, 'office');
  unitUser = await login(t.app, u.username, FACTORY_PASSWORD);
  viewer = await login(t.app, v.username, FACTORY_PASSWORD);
});
afterAll(async () => t?.close());

describe('ledger import', () => {
  let firstJobId: number;

  it('imports nothing from a file with one bad row and reports that row, column and reason', async () => {
    const items = await countRows(t.database, 'ledger_items');
    const audits = await countRows(t.database, 'audit_log');
    const file = await ledgerXlsx(ledgerGroups(true));
    const res = await post(office, '/api/v1/imports/ledger-items', file);
    expect(res.statusCode).toBe(200);
    const job = res.json();
    expect(job).toMatchObject({ status: 'invalid', totalRows: 5, errorCount: 1, created: 0, progress: 1 });
    expect(job.errors).toEqual([{ row: 5, column: '责任单位', reason: '单位“不存在的局”不存在' }]);
    expect(await countRows(t.database, 'ledger_items')).toBe(items);
    expect(await countRows(t.database, 'audit_log')).toBe(audits);
    const en = await post(office, '/api/v1/imports/ledger-items', file, { 'accept-language': 'en' });
    expect(en.statusCode, en.body).toBe(200);
    expect(en.json().errors[0]).toEqual({ row: 5, column: '责任单位', reason: 'No unit named “不存在的局”' });
  });

  it('reports every bad cell, not just the first', async () => {
    const groups = ledgerGroups(false);
    groups[0]!.rows[0]![6] = '2026-02-30';
    groups[0]!.rows[1]![8] = '差不多';
    groups[0]!.rows[2]![9] = null; // done without a completion date
    groups[1]!.rows[1]![0] = 1; // duplicates 序号 1 of the same project
    groups[1]!.rows[0]![1] = 'NO-SUCH';
    const job = (await post(office, '/api/v1/imports/ledger-items', await ledgerXlsx(groups))).json();
    expect(job.status).toBe('invalid');
    expect(job.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual([
      '4:完成时限',
      '5:状态',
      '6:完成日期',
      '8:项目编号',
    ]);
    expect(job.errors[2].reason).toBe('状态为已完成时须填写完成日期');
  });

  it('validates without writing on a dry run', async () => {
    const items = await countRows(t.database, 'ledger_items');
    const jobs = await countRows(t.database, 'imports');
    const res = await post(office, '/api/v1/imports/ledger-items?dryRun=true', await ledgerXlsx(ledgerGroups(false)));
    expect(res.json()).toMatchObject({
      id: null,
      dryRun: true,
      status: 'done',
      created: 5,
      updated: 0,
      unchanged: 0,
      errors: [],
    });
    expect(await countRows(t.database, 'ledger_items')).toBe(items);
    expect(await countRows(t.database, 'imports')).toBe(jobs);
  });

  it('imports the fixed file, all rows, with an audit row each', async () => {
    const audits = await countRows(t.database, 'audit_log');
    const res = await post(office, '/api/v1/imports/ledger-items', await ledgerXlsx(ledgerGroups(false)));
    expect(res.statusCode).toBe(200);
    const job = res.json();
    expect(job).toMatchObject({ status: 'done', created: 5, updated: 0, unchanged: 0, processedRows: 5, progress: 1 });
    firstJobId = job.id;
    const items = await itemsOf(office);
    expect(items).toHaveLength(5);
    expect(items.find((i) => i.seq === 3)).toMatchObject({ status: 'done', completedOn: '2026-06-28' });
    const p1Items = (await office.get(`/api/v1/projects/${p1.id}/ledger-items`)).json().items;
    expect(p1Items[1]).toMatchObject({ deadline: '2026-08-15', unitId: unitB.id, focus: 'landing' });
    // 5 items + the import job itself
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 6);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await itemsOf(office);
    const audits = await countRows(t.database, 'audit_log');
    t.clock.advanceMinutes(5);
    const job = (await post(office, '/api/v1/imports/ledger-items', await ledgerXlsx(ledgerGroups(false)))).json();
    expect(job).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 5 });
    expect(await itemsOf(office)).toEqual(before);
    expect(await countRows(t.database, 'audit_log')).toBe(audits);
  });

  it('updates only the rows that differ, bumping their version', async () => {
    const groups = ledgerGroups(false);
    groups[1]!.rows[0]![8] = '已完成';
    groups[1]!.rows[0]![9] = d('2026-07-10');
    const job = (await post(office, '/api/v1/imports/ledger-items', await ledgerXlsx(groups))).json();
    expect(job).toMatchObject({ status: 'done', created: 0, updated: 1, unchanged: 4 });
    const changed = (await office.get(`/api/v1/projects/${p2.id}/ledger-items`)).json().items[0];
    expect(changed).toMatchObject({ seq: 1, status: 'done', completedOn: '2026-07-10', version: 2 });
  });

  it('reads back its own export unchanged', async () => {
    const xlsx = (await office.get(`/api/v1/ledger.xlsx?q=${encodeURIComponent('导入测试项目')}`)).rawPayload;
    const job = (await post(office, '/api/v1/imports/ledger-items', xlsx)).json();
    expect(job).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 5 });
  });

  it('is the office’s: others get 403, and a job is visible to its starter and the office only', async () => {
    const file = await ledgerXlsx(ledgerGroups(false));
    expect((await post(unitUser, '/api/v1/imports/ledger-items', file)).statusCode).toBe(403);
    expect((await post(viewer, '/api/v1/imports/projects', file)).statusCode).toBe(403);
    expect((await office.get(`/api/v1/imports/${firstJobId}`)).json()).toMatchObject({
      id: firstJobId,
      status: 'done',
      created: 5,
    });
    expect((await viewer.get(`/api/v1/imports/${firstJobId}`)).statusCode).toBe(404);
  });

  it('refuses what is not an xlsx with 415 and a sheet without headers as invalid', async () => {
    const res = await post(office, '/api/v1/imports/ledger-items', Buffer.from('序号,项目编号\n1,IMP-001\n'));
    expect(res.statusCode).toBe(415);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['hello', 'world']);
    const job = (await post(office, '/api/v1/imports/ledger-items', await xlsxBuffer(wb))).json();
    expect(job.status).toBe('invalid');
    expect(job.errors[0]).toMatchObject({ row: 1 });
  });

  it('runs a large file as a job the client polls for progress', async () => {
    const rows: Cell[][] = [];
    for (let i = 0; i < 2_100; i++)
      rows.push([100 + i, p2.code, null, unitB.name, `批量事项 ${i}`, null, d('2026-12-31'), null, '未开始', null, null]);
    const res = await post(office, '/api/v1/imports/ledger-items', await ledgerXlsx([{ title: p2.code, rows }]));
    expect(res.statusCode).toBe(202);
    const started = res.json();
    expect(started).toMatchObject({ totalRows: 2_100 });
    expect(started.progress).toBeLessThan(1);
    let job = started;
    for (const until = Date.now() + 45_000; Date.now() < until && !['done', 'invalid', 'failed'].includes(job.status);) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await office.get(`/api/v1/imports/${started.id}`)).json();
      expect(job.progress).toBeGreaterThanOrEqual(0);
    }
    expect(job).toMatchObject({ status: 'done', created: 2_100, processedRows: 2_100, progress: 1 });
  });
});

describe('project library import', () => {
  const HEAD = [
    '项目编号',
    '项目名称',
    '级别',
    '类别',
    '所属乡镇',
    '总投资(万元)',
    '一期投资(万元)',
    '分包领导',
    '牵头单位',
    '配合单位',
    '计划开工',
    '计划竣工',
    '建设内容',
  ];
  const rows = (leaderName: string): Cell[][] => [
    [
      'IMP-P-001',
      '导入新项目甲',
      '市重点',
      '工业',
      '召陵镇',
      52_000.5,
      20_000,
      leaderName,
      unitA.name,
      `${unitB.name}、${unitA.name}`,
      d('2026-03-01'),
      '2027-06-30',
      '年产 10 万吨食品加工',
    ],
    ['IMP-P-002', '导入新项目乙', '区重点', '基础设施', null, 8_000, null, leader.name, unitB.name, null, null, null, null],
  ];
  const xlsx = async (data: Cell[][]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('项目库');
    ws.addRow(HEAD);
    for (const r of data) ws.addRow(r);
    return xlsxBuffer(wb);
  };

  it('reports a bad row and imports nothing; fixed, imports; again, changes nothing', async () => {
    const projects = await countRows(t.database, 'projects');
    const bad = (await post(office, '/api/v1/imports/projects', await xlsx(rows('查无此人')))).json();
    expect(bad.status).toBe('invalid');
    expect(bad.errors).toEqual([{ row: 2, column: '分包领导', reason: '领导“查无此人”不存在' }]);
    expect(await countRows(t.database, 'projects')).toBe(projects);

    const ok = (await post(office, '/api/v1/imports/projects', await xlsx(rows(leader.name)))).json();
    expect(ok).toMatchObject({ status: 'done', created: 2, updated: 0, unchanged: 0 });
    const list = (await office.get(`/api/v1/projects?q=${encodeURIComponent('导入新项目')}`)).json();
    expect(list.total).toBe(2);
    const a = list.items.find((p: { code: string }) => p.code === 'IMP-P-001');
    expect(a).toMatchObject({
      level: 'municipal',
      category: 'industry',
      regionCode: '411104100',
      totalInvestment: 520_005_000,
      firstPhaseInvestment: 200_000_000,
      leaderId: leader.id,
      leadUnitId: unitA.id,
      plannedCompletionDate: '2027-06-30',
      stage: 'planned',
      version: 1,
    });
    expect(a.cooperatingUnitIds).toEqual([unitA.id, unitB.id].sort((x, y) => x - y));

    const audits = await countRows(t.database, 'audit_log');
    const again = (await post(office, '/api/v1/imports/projects', await xlsx(rows(leader.name)))).json();
    expect(again).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 2 });
    expect(await countRows(t.database, 'audit_log')).toBe(audits);
    const after = (await office.get(`/api/v1/projects?q=${encodeURIComponent('导入新项目')}`)).json();
    expect(after.items).toEqual(list.items);
  });

  it('serves empty templates with the headers the importer reads', async () => {
    for (const [kind, first] of [
      ['ledger-items', '序号'],
      ['projects', '项目编号'],
    ] as const) {
      const res = await viewer.get(`/api/v1/imports/templates/${kind}.xlsx`);
      expect(res.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const headerRow = kind === 'projects' ? 1 : 2;
      expect(ws.getRow(headerRow).getCell(1).value).toBe(first);
    }
  });
});

/** A second app instance on the same database, as behind a load balancer. */
describe('import jobs across app instances', () => {
  let app2: App;
  let office2: Client;
  let p3: { id: number; code: string };
  const rowsFor = (n: number): Cell[][] =>
    Array.from({ length: n }, (_, i) => [
      1 + i,
      p3.code,
      null,
      unitA.name,
      `多实例事项 ${i}`,
      null,
      d('2026-12-31'),
      null,
      '未开始',
      null,
      null,
    ]);
  const finished = (s: string) => ['done', 'invalid', 'failed'].includes(s);
  const jobRow = async (id: number) =>
    (await t.database.raw('select status, processed_rows, finished_at from imports where id = $1', [id])).rows[0]!;

  beforeAll(async () => {
    app2 = await buildApp({
      database: t.database,
      clock: t.clock,
      loginRateLimit: 10_000,
      writeRateLimit: 100_000,
      webDist: '/nonexistent',
    });
    await app2.ready();
    office2 = await login(app2, 'office');
    p3 = await createProject(t.database, { code: 'IMP-003', name: '导入测试项目三', leadUnitId: unitA.id, stage: 'building' });
  });
  afterAll(async () => app2?.close());

  it('a large import started on one instance is polled to its end on another', async () => {
    const res = await post(office, '/api/v1/imports/ledger-items', await ledgerXlsx([{ title: p3.code, rows: rowsFor(2_100) }]));
    expect(res.statusCode).toBe(202);
    const id = res.json().id as number;
    let job = (await office2.get(`/api/v1/imports/${id}`)).json();
    for (const until = Date.now() + 45_000; Date.now() < until && !finished(job.status);) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await office2.get(`/api/v1/imports/${id}`)).json();
    }
    expect(job).toMatchObject({ status: 'done', created: 2_100, processedRows: 2_100, progress: 1 });
    expect(job.finishedAt).not.toBeNull();
  });

  // PostgreSQL: the progress is written through the pool while the import's transaction is open.
  // The transaction is held open deterministically: a SHARE lock on ledger_items lets it read but
  // not insert, after it has counted the 2,100 unchanged rows.
  it.runIf(process.env.DATABASE_URL)(
    'shows a running import’s progress to another instance while its transaction is open',
    async () => {
      const items = await countRows(t.database, 'ledger_items');
      const lock = await t.database.pool!.connect();
      let id = 0;
      try {
        await lock.query('begin');
        await lock.query('lock table ledger_items in share mode');
        const file = await ledgerXlsx([{ title: p3.code, rows: rowsFor(2_101) }]);
        const res = await post(office, '/api/v1/imports/ledger-items', file);
        expect(res.statusCode).toBe(202);
        id = res.json().id;
        let job = (await office2.get(`/api/v1/imports/${id}`)).json();
        // deadline-based, not count-based: a loaded CI machine validates 2,100 rows much slower
        for (const until = Date.now() + 45_000; Date.now() < until && job.processedRows < 2_100;) {
          await new Promise((r) => setTimeout(r, 50));
          job = (await office2.get(`/api/v1/imports/${id}`)).json();
        }
        expect(job).toMatchObject({ status: 'importing', totalRows: 2_101, processedRows: 2_100, finishedAt: null });
        expect(job.progress).toBeGreaterThan(0.5);
        expect(job.progress).toBeLessThan(1);
        expect(await jobRow(id)).toMatchObject({ status: 'importing', processed_rows: 2_100, finished_at: null });
        // nothing of it is committed yet
        expect(await countRows(t.database, 'ledger_items')).toBe(items);
      } finally {
        await lock.query('rollback');
        lock.release();
      }
      let job = (await office2.get(`/api/v1/imports/${id}`)).json();
      for (const until = Date.now() + 45_000; Date.now() < until && !finished(job.status);) {
        await new Promise((r) => setTimeout(r, 50));
        job = (await office2.get(`/api/v1/imports/${id}`)).json();
      }
      expect(job).toMatchObject({ status: 'done', created: 1, unchanged: 2_100, processedRows: 2_101, progress: 1 });
      expect(await jobRow(id)).toMatchObject({ status: 'done', processed_rows: 2_101 });
    },
    120_000,
  );

  it('reports an import whose heartbeat stopped 2 minutes ago as failed, and records it so at start-up', async () => {
    const insertRunning = async () => {
      const { rows } = await t.database.raw(
        `insert into imports (kind, status, filename, region_code, total_rows, processed_rows, created_by, created_at, updated_at)
         values ('ledger_items', 'importing', '中断.xlsx', $1, 100, 40, $2, $3, $3) returning id`,
        [office.user.regionCode, office.user.id, t.clock.now()],
      );
      return Number(rows[0]!.id);
    };
    const dead = await insertRunning();
    t.clock.advanceMinutes(1);
    const alive = await insertRunning();
    expect((await office2.get(`/api/v1/imports/${dead}`)).json()).toMatchObject({ status: 'importing', processedRows: 40 });

    t.clock.advanceMinutes(1.5);
    const job = (await office2.get(`/api/v1/imports/${dead}`)).json();
    expect(job).toMatchObject({ status: 'failed', progress: 1, errorCount: 1 });
    expect(job.errors[0].reason).toContain('导入中断');
    expect(job.finishedAt).not.toBeNull();
    expect((await office.get(`/api/v1/imports/${alive}`)).json()).toMatchObject({ status: 'importing' });
    // reading reports it; the table is corrected by the next instance that starts
    expect(await jobRow(dead)).toMatchObject({ status: 'importing', finished_at: null });

    const app3 = await buildApp({ database: t.database, clock: t.clock, webDist: '/nonexistent' });
    await app3.ready();
    await app3.close();
    expect(await jobRow(dead)).toMatchObject({ status: 'failed' });
    expect((await jobRow(dead)).finished_at).not.toBeNull();
    expect(await jobRow(alive)).toMatchObject({ status: 'importing', finished_at: null });
  });
});
