/**
 * `npm run bench`: the four benchmarks one after another, each in its own process, at small sizes
 * (about two and a half minutes in all) — a smoke run that they still work and a rough figure, not a baseline.
 * DATABASE_URL passes through: each run then makes and drops its own scratch PostgreSQL database.
 * For the recorded sizes run each file on its own (bench/README.md).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const runs: { name: string; args: string[] }[] = [
  { name: 'dashboard/run.ts', args: ['--projects', '1000', '--duration', '5', '--connections', '4'] },
  { name: 'projects/run.ts', args: ['--projects', '1000', '--duration', '5', '--connections', '4'] },
  { name: 'gantt/run.ts', args: ['--projects', '100', '--nodes', '10', '--duration', '5', '--connections', '4'] },
  { name: 'import/run.ts', args: ['--rows', '2000'] },
];

const failed: string[] = [];
for (const { name, args } of runs) {
  console.log(`\n=== bench/${name} ${args.join(' ')} (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PostgreSQL'})`);
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, name), ...args], {
    stdio: 'inherit',
    env: process.env,
  });
  if (res.status !== 0) failed.push(name);
}
if (failed.length) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
