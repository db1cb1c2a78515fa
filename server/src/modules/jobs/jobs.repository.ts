/** The SQL the job list needs beyond `jobs/job-runs.repository.ts`. */
import { not } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { users } from '../../db/schema/index.js';
import { inSubtree } from '../../lib/query.js';

/**
 * Jobs act on the whole database: only an admin whose region covers every account of the
 * deployment (the district's own admin in a district deployment, the city's in a city one).
 */
export async function coversEveryAccount(db: Executor, regionCode: string): Promise<boolean> {
  const outside = await db
    .select({ id: users.id })
    .from(users)
    .where(not(inSubtree(users.regionCode, regionCode)))
    .limit(1);
  return outside.length === 0;
}
