/**
 * Excel import of N ledger rows (default 10,000; target ≤ 5 s, SPEC §3), end to end through the API:
 * build the sheet with exceljs, POST it, poll the job until done. Then the same file again (every row
 * unchanged), the file with every row's content revised (N versioned updates, each audited) and the
 * portfolio export. App in-process on a temporary embedded PostgreSQL, or a scratch PostgreSQL
 * database when DATABASE_URL is set (created here and dropped after).
 *
 *   npx tsx bench/import/run.ts [--rows 10000]
 */
import ExcelJS from 'exceljs';
import { seedDemoIfEmpty } from '../../server/src/db/seed/index.js';
import { LEDGER_HEADERS, multipart, xlsxBuffer } from '../../server/test/xlsx.js';
import { buildBenchApp, login, numberArgs, writeResult } from '../lib/app.js';
import { runBenchmark } from '../lib/target.js';

const N = Math.min(50_000, numberArgs({ rows: 10000 }).rows);

await runBenchmark('import', async ({ database }) => {
  const label = database.kind;
  const clock = { now: () => new Date() };
  await seedDemoIfEmpty(database, clock);
  const app = await buildBenchApp(database, clock);
  await app.ready();
  const { headers } = await login(app, 'office');

  const { rows: projects } = await database.raw(
    `select p.code, p.name, u.name as unit from projects p join units u on u.id = p.lead_unit_id order by p.id`,
  );
  const statuses = ['未开始', '推进中', '受阻'];
  const sheet = async (revision: string) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(LEDGER_HEADERS);
    for (let i = 0; i < N; i++) {
      const p = projects[i % projects.length]!;
      ws.addRow([
        1000 + Math.floor(i / projects.length),
        p.code,
        p.name,
        p.unit,
        `批量导入事项 ${i}${revision}`,
        '倒排工期，每周调度',
        new Date(Date.UTC(2026, 8, 1 + (i % 120))),
        '张三',
        statuses[i % 3],
        null,
        null,
      ]);
    }
    return xlsxBuffer(wb);
  };
  const file = await sheet('');
  const revised = await sheet('（修订）');

  const runImport = async (file: Buffer) => {
    const t0 = performance.now();
    const m = multipart('bench.xlsx', file);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/imports/ledger-items',
      payload: m.payload,
      headers: { ...m.headers, ...headers },
    });
    let job = res.json() as {
      id: number;
      status: string;
      created: number;
      updated: number;
      unchanged: number;
      errorCount: number;
    };
    while (!['done', 'invalid', 'failed'].includes(job.status)) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await app.inject({ method: 'GET', url: `/api/v1/imports/${job.id}`, headers })).json();
    }
    return { ms: Math.round(performance.now() - t0), job };
  };

  const first = await runImport(file);
  const again = await runImport(file);
  const changed = await runImport(revised);
  const t0 = performance.now();
  const exp = await app.inject({ method: 'GET', url: '/api/v1/ledger.xlsx', headers });
  const exportMs = Math.round(performance.now() - t0);
  const result = {
    database: label,
    rows: N,
    fileBytes: file.length,
    firstImportMs: first.ms,
    first: { status: first.job.status, created: first.job.created, errors: first.job.errorCount },
    repeatImportMs: again.ms,
    repeat: { status: again.job.status, unchanged: again.job.unchanged, updated: again.job.updated },
    revisedImportMs: changed.ms,
    revised: { status: changed.job.status, updated: changed.job.updated },
    portfolioExportMs: exportMs,
    exportBytes: exp.rawPayload.length,
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(
    `import of ${N} rows on ${label}: ${first.ms} ms (target ≤ 5000 ms); again (unchanged): ${again.ms} ms; every row revised: ${changed.ms} ms`,
  );
  console.log(`written ${writeResult(`import-${label}-${N}`, result)}`);
  await app.close();
});
