/**
 * All SQL of `rag_spells`, the colour history (ADR 0010): one row per colour spell of a project or a
 * supervision item; the open spell (`to_date` null) is the colour in force and says since when.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { ragSpells, type ragSubjects } from '../../db/schema/index.js';

export type RagSubject = (typeof ragSubjects)[number];
export type RagSpellRow = typeof ragSpells.$inferSelect;

/** The spell in force of each subject among `ids`, by subject id. */
export async function openSpells(
  db: Executor,
  subjectType: RagSubject,
  ids: readonly number[],
): Promise<Map<number, RagSpellRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(ragSpells)
    .where(and(eq(ragSpells.subjectType, subjectType), inArray(ragSpells.subjectId, [...ids]), isNull(ragSpells.toDate)));
  return new Map(rows.map((r) => [r.subjectId, r]));
}
