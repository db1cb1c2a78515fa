/**
 * The demo's escalation ladder 问责阶梯 (issue 11): the first red project of the district (by code, rated
 * by the same rules as every colour view) is red since 30 days ago — a back-dated colour spell, as the daily
 * monitoring job would have written — so the ladder has issued its 预警提示 and proposes 通报批评 for the
 * supervisor to confirm. Run after the projects and their records (ledgers, milestones, meetings).
 */
import { addDays, shanghaiDate } from '@kpc/domain';
import type { Db, Tx } from '../client.js';
import type { Clock } from '../../lib/clock.js';
import { systemContext } from '../../lib/request-context.js';
import { projectsInRegion } from '../../lib/project-scope.js';
import { proposeEscalations } from '../../modules/escalations/escalations.service.js';
import { coloursOf } from '../../modules/supervision/supervision.service.js';
import { ragSpells } from '../schema/index.js';

/** Days the demo's red project has been red: past the 4 weeks of 通报批评, short of the 6 of 问责. */
export const DEMO_RED_DAYS = 30;

export async function seedEscalations(tx: Tx, clock: Clock, regionCode: string): Promise<void> {
  const today = shanghaiDate(clock.now());
  const reds = (await coloursOf(tx, projectsInRegion(regionCode), today, regionCode))
    .filter((c) => c.result.rag === 'red')
    .sort((a, b) => a.project.code.localeCompare(b.project.code));
  const red = reds[0];
  if (!red) return;
  await tx.insert(ragSpells).values({
    subjectType: 'project',
    subjectId: red.project.id,
    rag: 'red',
    fromDate: addDays(today, -DEMO_RED_DAYS),
    rules: [...new Set(red.result.reasons.filter((r) => r.rag === 'red').map((r) => r.rule))],
  });
  // the transaction stands in for the database: the job's context only names the actor and the time
  await proposeEscalations(tx, systemContext(tx as unknown as Db, clock, 'daily-monitoring'), today);
}
