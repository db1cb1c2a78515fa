import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers.js';
import { refreshInvestmentTotals } from '../src/modules/investment/investment.totals.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

/** Rows where the derived totals disagree with the records they are derived from. */
async function mismatches() {
  const { rows } = await t.database.raw(`
    select t.project_id, t.year from investment_totals t
    left join annual_plans pl on pl.project_id = t.project_id and pl.year = t.year
    where t.planned_amount <> coalesce(pl.planned_amount, 0)
       or exists (
         select 1 from generate_series(1, 12) m
         where t.approved_cum[m] <> coalesce((select sum(amount) from investment_reports r
           where r.project_id = t.project_id and r.year = t.year and r.status = 'approved' and r.month <= m), 0))
    union all
    select pl.project_id, pl.year from annual_plans pl
    where not exists (select 1 from investment_totals t where t.project_id = pl.project_id and t.year = pl.year)`);
  return rows;
}

describe('investment totals', () => {
  it('agree with the plans and approved reports of the demo data', async () => {
    const { rows } = await t.database.raw('select count(*)::int as n from investment_totals');
    expect(Number(rows[0]!.n)).toBeGreaterThanOrEqual(34);
    expect(await mismatches()).toEqual([]);
  });

  it('are rebuilt from the records by a full refresh', async () => {
    await t.database.raw(`update investment_totals set approved_cum = array_fill(0::bigint, array[12]), planned_amount = 0`);
    expect((await mismatches()).length).toBeGreaterThan(0);
    await refreshInvestmentTotals(t.database.db);
    expect(await mismatches()).toEqual([]);
  });
});
