/** All SQL on problems 问题. The problems module owns this table; other modules write it through commands/. */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { problems } from '../../db/schema/index.js';

export type ProblemRow = typeof problems.$inferSelect;
export type NewProblem = typeof problems.$inferInsert;

export async function insertProblems(db: Executor, values: readonly NewProblem[]): Promise<ProblemRow[]> {
  if (values.length === 0) return [];
  return db
    .insert(problems)
    .values([...values])
    .returning();
}

export async function findProblem(db: Executor, id: number): Promise<ProblemRow | undefined> {
  const [row] = await db.select().from(problems).where(eq(problems.id, id)).limit(1);
  return row;
}
