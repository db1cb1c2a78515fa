import { join } from 'node:path';

export const TEMPLATE_DIR = join(import.meta.dirname, '..', '..', '.test-db');
/** The fixed "now" of the test suite: a Thursday afternoon in Asia/Shanghai. */
export const TEST_NOW = new Date('2026-07-16T06:00:00Z');

export const templateDbName = (kind: 'empty' | 'demo') => `kpc_test_tpl_${kind}`;

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
