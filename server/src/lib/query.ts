/** Small SQL building blocks shared by the list endpoints: region subtrees, text search, paging. */
import { sql, type Column, type SQL } from 'drizzle-orm';

/** `col` is `regionCode` or a region below it (codes are prefixes of their descendants). */
export const inSubtree = (col: Column | SQL, regionCode: string): SQL => sql`${col} like ${escapeLike(regionCode) + '%'}`;

/** The codes of a region and all its ancestors (e.g. 411104 → 41, 4111, 411104). */
export function selfAndAncestors(regionCode: string): string[] {
  return [2, 4, 6, 9].filter((n) => regionCode.length >= n).map((n) => regionCode.slice(0, n));
}

/** Escapes LIKE wildcards so a search for "50%" finds "50%", not everything. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Case-insensitive "contains" for a search box. */
export const contains = (col: Column | SQL, q: string): SQL => sql`${col} ilike ${'%' + escapeLike(q) + '%'}`;

export const offsetOf = (p: { page: number; pageSize: number }) => (p.page - 1) * p.pageSize;

/** The PostgreSQL error code of a failed query (drizzle wraps driver errors; the code sits on `cause`). */
export function pgErrorCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}
