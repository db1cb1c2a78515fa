/**
 * The burden measured 填报负担 (issue 12, ADR 0012): sums of the recorded submissions of the actor's
 * region per unit, person or project, the weekly trend, and the target line from the settings.
 * Burden figures never feed colours or evaluations: nothing in rag, compliance or escalation reads them.
 */
import type { BurdenQuery, BurdenReport } from '@kpc/contracts';
import { burdenWeeks } from '@kpc/domain';
import { AppError } from '../../lib/errors.js';
import type { RequestContext } from '../../lib/request-context.js';
import { loadSettings } from '../settings/settings.service.js';
import { burdenPolicy } from './burden.policy.js';
import * as repo from './burden.repository.js';

const noUnit = { 'zh-CN': '（无单位）', en: '(no unit)' } as const;

export async function getBurden(
  ctx: RequestContext,
  q: { from: string; to: string; groupBy: NonNullable<BurdenQuery['groupBy']> },
): Promise<BurdenReport> {
  const { db, actor } = ctx;
  if (!burdenPolicy.canRead(actor)) throw new AppError('FORBIDDEN');
  const [settings, grouped, weekly] = await Promise.all([
    loadSettings(db, actor.regionCode),
    repo.sumBy(db, actor.regionCode, q.from, q.to, q.groupBy),
    repo.sumByWeek(db, actor.regionCode, q.from, q.to),
  ]);
  const byWeek = new Map(weekly.map((w) => [w.week, w]));
  const empty = { submissions: 0, fieldsTyped: 0, seconds: 0, projectWeeks: 0 };
  return {
    from: q.from,
    to: q.to,
    groupBy: q.groupBy,
    target: { fields: settings.burdenTargetFields, minutes: settings.burdenTargetMinutes },
    rows: grouped.map((r) => ({
      key: r.key,
      label: r.label ?? (r.key === 'none' ? noUnit[ctx.locale] : r.key),
      submissions: r.submissions,
      fieldsTyped: r.fieldsTyped,
      seconds: r.seconds,
      projectWeeks: r.projectWeeks,
    })),
    trend: burdenWeeks(q.from, q.to).map((week) => {
      const w = byWeek.get(week) ?? empty;
      return {
        week,
        submissions: w.submissions,
        fieldsTyped: w.fieldsTyped,
        seconds: w.seconds,
        projectWeeks: w.projectWeeks,
      };
    }),
  };
}
