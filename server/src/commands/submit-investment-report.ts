/**
 * Command: a month's investment reported from another screen (the weekly update 周报): the report is
 * created already *submitted*, exactly what the investment screen's create + submit leaves, so it waits
 * for the office's approval and no total moves before. Refuses a month that already has a current
 * report (approved or in progress): 409 DUPLICATE. The caller has checked the policy and the month.
 */
import { userMessages } from '@kpc/contracts';
import type { Executor } from '../db/client.js';
import { writeAudit } from '../lib/audit.js';
import { AppError } from '../lib/errors.js';
import type { RequestContext } from '../lib/request-context.js';
import { findApproved, findOpen, insertReport, type ReportRow } from '../modules/investment/investment.repository.js';

export async function submitInvestmentReport(
  tx: Executor,
  ctx: Pick<RequestContext, 'actor' | 'audit' | 'now'>,
  regionCode: string,
  report: { projectId: number; year: number; month: number; amount: number; progressNote?: string | null },
): Promise<ReportRow> {
  const { projectId, year, month } = report;
  if (await findApproved(tx, projectId, year, month))
    throw new AppError('DUPLICATE', { field: 'investment' }, userMessages.report_approved_exists);
  if (await findOpen(tx, projectId, year, month))
    throw new AppError('DUPLICATE', { field: 'investment' }, userMessages.report_open_exists);
  const by = ctx.actor.id > 0 ? ctx.actor.id : null;
  const row = await insertReport(tx, {
    projectId,
    year,
    month,
    amount: report.amount,
    progressNote: report.progressNote ?? null,
    correctsId: null,
    status: 'submitted',
    createdBy: by,
    submittedBy: by,
    submittedAt: ctx.now,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await writeAudit(
    tx,
    ctx.audit,
    { action: 'submit', entity: 'investment_report', entityId: row.id, regionCode, after: row },
    ctx.now,
  );
  return row;
}
