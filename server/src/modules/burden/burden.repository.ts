/**
 * All SQL of the burden measured 填报负担: insert one entry (through the recordBurden command) and sum
 * entries of a region's projects over a span of Asia/Shanghai days, per unit, person, project or week.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { BurdenGroupBy } from '@kpc/contracts';
import type { Executor } from '../../db/client.js';
import { burdenEntries } from '../../db/schema/index.js';
import { inSubtree } from '../../lib/query.js';

export type NewBurdenEntry = typeof burdenEntries.$inferInsert;

export async function insertEntry(tx: Executor, row: NewBurdenEntry) {
  const [r] = await tx.insert(burdenEntries).values(row).returning();
  return r!;
}

export interface Figures {
  submissions: number;
  fieldsTyped: number;
  seconds: number;
  projectWeeks: number;
}

async function rows<T>(db: Executor, q: SQL): Promise<T[]> {
  return ((await db.execute(q)) as unknown as { rows: T[] }).rows;
}

const sums = sql`count(*)::int as submissions, coalesce(sum(b.fields_typed), 0)::int as "fieldsTyped",
  coalesce(sum(b.seconds), 0)::int as seconds, count(distinct (b.project_id, b.iso_week))::int as "projectWeeks"`;

/** The entries of projects in `regionCode`'s subtree whose Shanghai day lies in [from, to]. */
const within = (regionCode: string, from: string, to: string) =>
  sql`${inSubtree(sql.raw('p.region_code'), regionCode)}
    and b.at >= (${from}::date::timestamp at time zone 'Asia/Shanghai')
    and b.at < ((${to}::date + 1)::timestamp at time zone 'Asia/Shanghai')`;

const groups: Record<BurdenGroupBy, { key: SQL; label: SQL; join: SQL }> = {
  unit: {
    key: sql`coalesce(b.unit_id::text, 'none')`,
    label: sql`max(un.name)`,
    join: sql`left join units un on un.id = b.unit_id`,
  },
  person: { key: sql`b.user_id::text`, label: sql`max(us.display_name)`, join: sql`join users us on us.id = b.user_id` },
  project: { key: sql`b.project_id::text`, label: sql`max(p.name)`, join: sql`` },
};

export async function sumBy(
  db: Executor,
  regionCode: string,
  from: string,
  to: string,
  groupBy: BurdenGroupBy,
): Promise<(Figures & { key: string; label: string | null })[]> {
  const g = groups[groupBy];
  return rows(
    db,
    sql`select ${g.key} as key, ${g.label} as label, ${sums}
      from burden_entries b join projects p on p.id = b.project_id ${g.join}
      where ${within(regionCode, from, to)}
      group by 1 order by "fieldsTyped" desc, submissions desc, 1`,
  );
}

export async function sumByWeek(
  db: Executor,
  regionCode: string,
  from: string,
  to: string,
): Promise<(Figures & { week: string })[]> {
  return rows(
    db,
    sql`select b.iso_week as week, ${sums}
      from burden_entries b join projects p on p.id = b.project_id
      where ${within(regionCode, from, to)}
      group by 1 order by 1`,
  );
}
