import { writeLedgerWorkbook } from './src/reports/ledger-xlsx.ts';
const items = Array.from({ length: 300 }, (_, i) => ({ seq: i, unitName: '区发改委', content: '批量导入事项 ' + i, measures: '倒排工期，每周调度', deadline: '2026-09-01', ownerName: '张三', status: 'in_progress' as const, completedOn: null, evidenceNote: null }));
const projects = Array.from({ length: 34 }, (_, i) => ({ code: 'ZL-' + i, name: '项目' + i, items }));
let t = performance.now();
const b = await writeLedgerWorkbook(projects, { title: 'x', asOf: '2026-07-16' });
console.log('write', Math.round(performance.now() - t), b.length);
