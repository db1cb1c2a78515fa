/**
 * The supervision bureau's workbench 督查工作台 (issue 11 item 8): what waits for the bureau, in one read —
 * the proposed escalation steps to confirm or dismiss, the overdue decisions, problems and ledger items
 * of the region with their days overdue, and (filled by the supervision-items module) the items to verify.
 */
import type { Workbench, WorkbenchOverdue } from '@kpc/contracts';
import { canUseWorkbench, daysBetween } from '@kpc/domain';
import { today } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { visibleProjects } from '../../lib/project-scope.js';
import type { RequestContext } from '../../lib/request-context.js';
import { overdueDecisions, overdueLedgerItems, overdueProblems } from '../supervision/supervision.repository.js';
import * as repo from './escalations.repository.js';
import { present } from './escalations.service.js';

export async function workbench(ctx: RequestContext): Promise<Workbench> {
  if (!canUseWorkbench(ctx.actor)) throw new AppError('FORBIDDEN');
  const asOf = today(ctx.clock);
  const scope = visibleProjects(ctx.actor);
  const [proposed, decisions, problems, ledgerItems] = await Promise.all([
    repo.proposedIn(ctx.db, scope),
    overdueDecisions(ctx.db, scope, asOf),
    overdueProblems(ctx.db, scope, asOf),
    overdueLedgerItems(ctx.db, scope, asOf),
  ]);
  const rows = [
    ...decisions.map((r) => ({ kind: 'decision' as const, ...r })),
    ...problems.map((r) => ({ kind: 'problem' as const, ...r })),
    ...ledgerItems.map((r) => ({ kind: 'ledger_item' as const, ...r })),
  ];
  const names = await repo.projectNames(ctx.db, [...new Set(rows.map((r) => r.projectId))]);
  const overdue: WorkbenchOverdue[] = rows
    .map((r) => ({
      kind: r.kind,
      id: r.id,
      label: r.label,
      deadline: r.deadline,
      daysOverdue: daysBetween(r.deadline, asOf),
      projectId: r.projectId,
      projectCode: names.get(r.projectId)?.code ?? '',
      projectName: names.get(r.projectId)?.name ?? '',
    }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.kind.localeCompare(b.kind) || a.id - b.id);
  // TODO(lead): supervision items 督办事项 in `checking`, from the supervision-items module
  const toVerify: Workbench['toVerify'] = [];
  return {
    asOf,
    proposed: proposed.map((r) => present(r, ctx.locale)),
    overdue,
    toVerify,
    counts: {
      proposed: proposed.length,
      overdue: overdue.length,
      toVerify: toVerify.length,
      total: proposed.length + overdue.length + toVerify.length,
    },
  };
}
