/**
 * The supervision bureau's workbench 督查工作台 (issue 11 item 8): what waits for the bureau, in one read —
 * the proposed escalation steps to confirm or dismiss, the overdue decisions, problems and ledger items
 * of the region with their days overdue, and the supervision items 督办事项 submitted for the bureau's check 问效.
 */
import type { Workbench, WorkbenchOverdue } from '@kpc/contracts';
import { canUseWorkbench, daysBetween } from '@kpc/domain';
import { today } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { visibleProjects } from '../../lib/project-scope.js';
import type { RequestContext } from '../../lib/request-context.js';
import { toVerify as itemsToVerify } from '../supervision/supervision-items.repository.js';
import { overdueDecisions, overdueLedgerItems, overdueProblems } from '../supervision/supervision.repository.js';
import * as repo from './escalations.repository.js';
import { present } from './escalations.service.js';

export async function workbench(ctx: RequestContext): Promise<Workbench> {
  if (!canUseWorkbench(ctx.actor)) throw new AppError('FORBIDDEN');
  const asOf = today(ctx.clock);
  const scope = visibleProjects(ctx.actor);
  const [proposed, decisions, problems, ledgerItems, checking] = await Promise.all([
    repo.proposedIn(ctx.db, scope),
    overdueDecisions(ctx.db, scope, asOf),
    overdueProblems(ctx.db, scope, asOf),
    overdueLedgerItems(ctx.db, scope, asOf),
    itemsToVerify(ctx.db, ctx.actor),
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
  const toVerify: Workbench['toVerify'] = checking.map((r) => ({
    id: r.item.id,
    label: r.item.title,
    projectId: r.item.projectId,
    projectName: r.projectName,
    since: r.item.updatedAt.toISOString(),
  }));
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
