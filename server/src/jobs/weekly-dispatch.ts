/**
 * Weekly dispatch 周调度 (Monday 07:00 Shanghai; period the ISO week, e.g. 2026-W49): drafts the week's
 * dispatch for each region the supervision bureau works in (a draft there is redrafted, a published
 * one left alone). The bureau reviews and publishes it.
 */
import { isoWeekOf } from '@kpc/domain';
import { systemContext } from '../lib/request-context.js';
import { draftFor } from '../modules/supervision-reports/supervision-reports.service.js';
import { supervisedRegions } from '../modules/supervision-reports/supervision-reports.repository.js';
import type { Job } from './job.js';

export const weeklyDispatch: Job = {
  name: 'weekly-dispatch',
  pattern: '0 7 * * 1',
  period: isoWeekOf,
  async run(ctx, app) {
    const week = isoWeekOf(ctx.now);
    const counts = { created: 0, redrafted: 0, published_already: 0 };
    for (const regionCode of await supervisedRegions(ctx.db)) {
      const r = await draftFor(
        systemContext(app.db, app.clock, 'weekly-dispatch', { regionCode }),
        'weekly_dispatch',
        week,
        regionCode,
      );
      counts[r.outcome]++;
    }
    return { week, ...counts };
  },
};
