/** All SQL of saved import mappings (本单位模板): an office's confirmed column mapping for its own sheet layout. */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { ImportKind } from '@kpc/contracts';
import type { Executor } from '../../db/client.js';
import { importMappings } from '../../db/schema/index.js';

export type ImportMappingRow = typeof importMappings.$inferSelect;
/** What `mapping` holds: column number (A is 1) → field, or null to ignore the column. */
export interface StoredMapping {
  columns: Record<string, string | null>;
}

export const columnsOf = (row: ImportMappingRow): Record<string, string | null> =>
  ((row.mapping ?? {}) as Partial<StoredMapping>).columns ?? {};

export async function listMappings(db: Executor, regionCode: string, kind?: ImportKind): Promise<ImportMappingRow[]> {
  return db
    .select()
    .from(importMappings)
    .where(and(eq(importMappings.regionCode, regionCode), kind ? eq(importMappings.kind, kind) : undefined))
    .orderBy(asc(importMappings.kind), asc(importMappings.name), asc(importMappings.id));
}

export async function findMapping(db: Executor, id: number): Promise<ImportMappingRow | undefined> {
  const [row] = await db.select().from(importMappings).where(eq(importMappings.id, id));
  return row;
}

/** The region's mapping for this header layout, the latest changed first when several match. */
export async function findMappingBySignature(
  db: Executor,
  regionCode: string,
  kind: ImportKind,
  signature: string,
): Promise<ImportMappingRow | undefined> {
  const [row] = await db
    .select()
    .from(importMappings)
    .where(
      and(
        eq(importMappings.regionCode, regionCode),
        eq(importMappings.kind, kind),
        eq(importMappings.headerSignature, signature),
      ),
    )
    .orderBy(desc(importMappings.updatedAt), desc(importMappings.id))
    .limit(1);
  return row;
}

export async function nameTaken(
  db: Executor,
  regionCode: string,
  kind: ImportKind,
  name: string,
  exceptId?: number,
): Promise<boolean> {
  const rows = await db
    .select({ id: importMappings.id })
    .from(importMappings)
    .where(and(eq(importMappings.regionCode, regionCode), eq(importMappings.kind, kind), eq(importMappings.name, name)));
  return rows.some((r) => r.id !== exceptId);
}

export async function insertMapping(db: Executor, values: typeof importMappings.$inferInsert): Promise<ImportMappingRow> {
  const [row] = await db.insert(importMappings).values(values).returning();
  return row!;
}

/** Changes the mapping at the version read; undefined when it moved on (or is gone). */
export async function updateMapping(
  db: Executor,
  id: number,
  version: number,
  values: Pick<typeof importMappings.$inferInsert, 'name' | 'headerSignature' | 'mapping' | 'updatedAt'>,
): Promise<ImportMappingRow | undefined> {
  const [row] = await db
    .update(importMappings)
    .set({ ...values, version: version + 1 })
    .where(and(eq(importMappings.id, id), eq(importMappings.version, version)))
    .returning();
  return row;
}

export async function deleteMapping(db: Executor, id: number, version: number): Promise<boolean> {
  const rows = await db
    .delete(importMappings)
    .where(and(eq(importMappings.id, id), eq(importMappings.version, version)))
    .returning({ id: importMappings.id });
  return rows.length > 0;
}
