/**
 * An import writes like the API: every update of an existing ledger item leaves its audit row, and
 * an item changed by someone else while the import runs (its version moved on between the import's
 * read and its write) refuses the whole import: nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, countRows, login, type Client, type TestApp } from './helpers.js';
import { createProject, createUnit } from './factories.js';
import { ledgerXlsx, multipart, type Cell } from './xlsx.js';

let t: TestApp;
let office: Client;
let unit: { id: number; name: string };
let project: { id: number; code: string; name: string };

const d = (s: string) => new Date(`${s}T00:00:00Z`);

const row = (seq: number, content: string): Cell[] => [
  seq,
  project.code,
  project.name,
  unit.name,
  content,
  null,
  d('2026-09-30'),
  null,
  '推进中',
  null,
  null,
];

const importRows = async (rows: Cell[][]) => {
  const m = multipart('台账.xlsx', await ledgerXlsx([{ title: project.code, rows }]));
  return office.request({ method: 'POST', url: '/api/v1/imports/ledger-items', payload: m.payload, headers: m.headers });
};

const itemRow = async (seq: number) =>
  (await t.database.raw('select id, content, version from ledger_items where project_id = $1 and seq = $2', [project.id, seq]))
    .rows[0] as { id: number; content: string; version: number };

beforeAll(async () => {
  t = await createTestApp();
  unit = await createUnit(t.database, { name: '导入规则测试局' });
  project = await createProject(t.database, {
    code: 'IMPR-001',
    name: '导入规则测试项目',
    leadUnitId: unit.id,
    stage: 'building',
  });
  office = await login(t.app, 'office');
  const res = await importRows([row(1, '原始内容一'), row(2, '原始内容二')]);
  expect(res.json()).toMatchObject({ status: 'done', created: 2 });
});
afterAll(async () => t?.close());

describe('ledger import writes through the ledger’s rules', () => {
  it('writes an audit row for each existing item it updates, with the item before and after', async () => {
    const item = await itemRow(1);
    const audits = await countRows(t.database, 'audit_log');
    const job = (await importRows([row(1, '导入修改后的内容'), row(2, '原始内容二')])).json();
    expect(job).toMatchObject({ status: 'done', created: 0, updated: 1, unchanged: 1 });
    // the item's update and the import job itself
    expect(await countRows(t.database, 'audit_log')).toBe(audits + 2);
    const { rows } = await t.database.raw(
      `select username, before, after from audit_log where entity = 'ledger_item' and action = 'update' and entity_id = $1`,
      [String(item.id)],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      username: 'office',
      before: { content: '原始内容一', version: item.version },
      after: { content: '导入修改后的内容', version: item.version + 1 },
    });
    // the same snapshot as an update through the API records: the item as the API shows it
    // (without the derived count of its project’s open problems)
    const { permissions: _p, openProblems: _o, ...shown } = (await office.get(`/api/v1/ledger-items/${item.id}`)).json();
    expect(rows[0]!.after).toEqual(shown);
  });

  it('refuses the whole import when an item it updates was changed meanwhile, and writes nothing', async () => {
    const before = await itemRow(2);
    const items = await countRows(t.database, 'ledger_items');
    const audits = await countRows(t.database, 'audit_log');
    // someone else changes item 2 and has not committed yet: the import reads the old version and
    // its versioned update waits on the row lock
    const other = await t.database.pool!.connect();
    let pending: ReturnType<typeof importRows> | undefined;
    try {
      await other.query('begin');
      await other.query('update ledger_items set content = $1, version = version + 1 where id = $2', [
        '同时修改的内容',
        before.id,
      ]);
      // a new row (seq 3) and a changed one (seq 2): the insert comes first and must be rolled back too
      pending = importRows([row(1, '导入修改后的内容'), row(2, '导入想写的内容'), row(3, '导入新增的事项')]);
      const waiting = async () =>
        Number(
          (
            await t.database.raw(
              `select count(*)::int as n from pg_stat_activity
               where datname = current_database() and wait_event_type = 'Lock' and query ilike '%update%ledger_items%'`,
            )
          ).rows[0]!.n,
        );
      for (const until = Date.now() + 20_000; Date.now() < until && (await waiting()) === 0;)
        await new Promise((r) => setTimeout(r, 20));
      expect(await waiting()).toBe(1);
      await other.query('commit');
    } finally {
      if (!pending) await other.query('rollback');
      other.release();
    }
    const res = await pending!;
    expect(res.statusCode).toBe(200);
    const job = res.json();
    expect(job).toMatchObject({ status: 'invalid', created: 0, updated: 0, errorCount: 1 });
    expect(job.errors).toEqual([
      { row: 5, column: '序号', reason: '该行对应的记录在导入期间已被他人修改，未导入任何数据，请重新导入' },
    ]);
    // the concurrent change stands, the import's new row is gone with its transaction, no audit row
    expect(await itemRow(2)).toMatchObject({ content: '同时修改的内容', version: before.version + 1 });
    expect(await itemRow(3)).toBeUndefined();
    expect(await countRows(t.database, 'ledger_items')).toBe(items);
    expect(await countRows(t.database, 'audit_log')).toBe(audits);
  });
});
