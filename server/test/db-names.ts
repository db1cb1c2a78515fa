/**
 * Each test run gets its own templates (several runs may share one PostgreSQL server): global-setup
 * sets KPC_TEST_RUN before the workers start, and they inherit it.
 */
export const testRunId = () => process.env.KPC_TEST_RUN ?? 'local';

/** The fixed "now" of the test suite: a Thursday afternoon in Asia/Shanghai. */
export const TEST_NOW = new Date('2026-07-16T06:00:00Z');

export const templateDbName = (kind: 'empty' | 'demo') => `kpc_tpl_${testRunId()}_${kind}`;

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
