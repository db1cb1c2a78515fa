/**
 * Monthly supervision 月督导 (08:00 Shanghai on the first working day of the month): drafts last month's
 * bulletin 月督导通报 for each region the supervision bureau works in. The cron fires on days 1–7 and
 * the period is the month due on that day (`bulletinMonthOn`): from the first working day on it is last
 * month, before it (a weekend 1st) the month already drafted, so that tick finds its run done.
 */
import { bulletinMonthOn, shanghaiDate } from '@kpc/domain';
import { systemContext } from '../lib/request-context.js';
import { draftFor } from '../modules/supervision-reports/supervision-reports.service.js';
import { supervisedRegions } from '../modules/supervision-reports/supervision-reports.repository.js';
import type { Job } from './job.js';

export const monthlySupervision: Job = {
  name: 'monthly-supervision',
  pattern: '0 8 1-7 * *',
  period: (now) => bulletinMonthOn(shanghaiDate(now)),
  async run(ctx, app) {
    const month = bulletinMonthOn(shanghaiDate(ctx.now));
    const counts = { created: 0, redrafted: 0, published_already: 0 };
    for (const regionCode of await supervisedRegions(ctx.db)) {
      const r = await draftFor(
        systemContext(app.db, app.clock, 'monthly-supervision', { regionCode }),
        'monthly_bulletin',
        month,
        regionCode,
      );
      counts[r.outcome]++;
    }
    return { month, ...counts };
  },
};
