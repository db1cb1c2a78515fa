/**
 * Bounded autocannon runs of an API endpoint and of its bare baseline, at 1 and at N connections,
 * and the table of p50/p95/p99, throughput and the ratio API / baseline measured in the same run.
 */
import autocannon from 'autocannon';

/** Each load run stops by itself after at most this many seconds. */
export const MAX_DURATION = 20;

export interface Stats {
  requests: number;
  errors: number;
  non2xx: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface Run {
  connections: number;
  api: Stats;
  baseline: Stats;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** A load target: one URL, or a mix of `paths` on its origin that each connection cycles through in turn. */
export interface LoadTarget {
  url: string;
  headers?: Record<string, string>;
  paths?: string[];
}

/** Latencies of the 200 answers only, so errors do not flatter the percentiles. */
export async function load(
  target: string | LoadTarget,
  headers: Record<string, string>,
  connections: number,
  duration: number,
): Promise<Stats> {
  const { url, paths } = typeof target === 'string' ? { url: target, paths: undefined } : target;
  const times: number[] = [];
  const requests = paths?.map((path) => ({ method: 'GET' as const, path }));
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon(
      { url, connections, duration: Math.min(MAX_DURATION, duration), headers, ...(requests ? { requests } : {}) },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    inst.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status === 200) times.push(ms);
    });
  });
  times.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    rps: result.requests.average,
    p50: pct(times, 50),
    p95: pct(times, 95),
    p99: pct(times, 99),
  };
}

/** Loads the API then the baseline, at 1 connection (latency) and at `connections` (throughput). */
export async function compare(
  api: LoadTarget & { headers: Record<string, string> },
  baseline: string | LoadTarget,
  connections: number,
  duration: number,
): Promise<Run[]> {
  const runs: Run[] = [];
  for (const c of [...new Set([1, connections])]) {
    console.log(`load: ${c} connection(s), ${Math.min(MAX_DURATION, duration)} s per target`);
    const apiStats = await load(api, api.headers, c, duration);
    const baseStats = await load(baseline, typeof baseline === 'string' ? {} : (baseline.headers ?? {}), c, duration);
    runs.push({ connections: c, api: apiStats, baseline: baseStats });
  }
  return runs;
}

const WIDTH = 44;
const row = (name: string, s: Stats) =>
  `${name.padEnd(WIDTH)} ${s.p50.toFixed(1).padStart(8)} ${s.p95.toFixed(1).padStart(8)} ${s.p99.toFixed(1).padStart(8)} ${s.rps.toFixed(1).padStart(9)} ${String(s.requests).padStart(8)} ${String(s.errors + s.non2xx).padStart(6)}`;

export function printRuns(runs: Run[], names: { api: string; baseline: string }): void {
  console.log(
    `\n${'target'.padEnd(WIDTH)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'req/s'.padStart(9)} ${'requests'.padStart(8)} ${'errors'.padStart(6)}`,
  );
  for (const r of runs) {
    console.log(row(`${names.api}, ${r.connections} conn.`, r.api));
    console.log(row(`${names.baseline}, ${r.connections} conn.`, r.baseline));
    console.log(
      `ratio API/baseline at ${r.connections} conn.: throughput ${(r.api.rps / r.baseline.rps).toFixed(2)}, p50 ${(r.api.p50 / r.baseline.p50).toFixed(2)}, p95 ${(r.api.p95 / r.baseline.p95).toFixed(2)}\n`,
    );
  }
}
