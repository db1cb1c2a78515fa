/**
 * Upward reports 上报报表 (SPEC §2.9, issue 12 item 4): the month's table a city or province asks of
 * a district, written from the records in a template of the settings, as JSON and as .xlsx. The rows are
 * the provincial and municipal key projects of the actor's region — a city's account gets its
 * districts' rows in one table — with the approved figures the dashboard counts.
 */
import { and } from 'drizzle-orm';
import { upwardReportFieldCatalogue, type Rag, type UpwardReport, type UpwardReportQuery } from '@kpc/contracts';
import { canReadUpwardReports, upwardRow, upwardTotals } from '@kpc/domain';
import { today } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { projectsInRegion, visibleProjects } from '../../lib/project-scope.js';
import { fieldError, type RequestContext } from '../../lib/request-context.js';
import { upwardReportXlsx } from '../../reports/upward-xlsx.js';
import { loadSettings } from '../settings/settings.service.js';
import { colourSummary } from '../supervision/supervision.service.js';
import * as repo from './upward-reports.repository.js';

const monthEnd = (year: number, month: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;

const templateMessage = {
  'zh-CN': '没有这个上报报表模板，请在系统设置中查看可用的模板',
  en: 'No such upward report template; the settings list the ones there are',
};

const futureMonthMessage = {
  'zh-CN': '该月份尚未到来，不能生成上报报表',
  en: 'That month has not begun; there is nothing to report yet',
};

export async function getUpwardReport(ctx: RequestContext, q: UpwardReportQuery): Promise<UpwardReport> {
  const { db, actor } = ctx;
  if (!canReadUpwardReports(actor)) throw new AppError('FORBIDDEN');
  const now = today(ctx.clock);
  const monthText = q.month ?? now.slice(0, 7);
  if (monthText > now.slice(0, 7)) throw fieldError('VALIDATION_FAILED', 'month', ctx.locale, futureMonthMessage);
  const year = Number(monthText.slice(0, 4));
  const month = Number(monthText.slice(5, 7));
  // within the current month the figures run to today; a past month's to its last day
  const end = monthEnd(year, month);
  const asOf = end < now ? end : now;

  const { upwardReportTemplates: templates } = await loadSettings(db, actor.regionCode);
  const template = q.template === undefined ? templates[0]! : templates.find((t) => t.id === q.template);
  if (!template) throw fieldError('VALIDATION_FAILED', 'template', ctx.locale, templateMessage);
  const fields = template.columns.map((c) => c.field);

  const scope = and(projectsInRegion(actor.regionCode), visibleProjects(actor))!;
  const [name, facts] = await Promise.all([
    repo.regionName(db, actor.regionCode),
    repo.upwardFacts(db, actor.regionCode, scope, year, month, asOf),
  ]);
  if (name === null) throw new AppError('NOT_FOUND');
  // the colour shown (an override included), by the rules of GET /supervision/colours, only when asked for
  const colourOf = new Map<number, Rag>();
  if (fields.includes('colour')) {
    const {
      colours: { ids },
    } = await colourSummary(db, scope, asOf, actor.regionCode);
    for (const rag of ['green', 'yellow', 'red'] as const) for (const id of ids[rag]) colourOf.set(id, rag);
  }
  const rows = facts.map((f) => ({ ...f, colour: colourOf.get(f.projectId) ?? null }));
  return {
    month: monthText,
    asOf,
    regionCode: actor.regionCode,
    regionName: name,
    template: { id: template.id, name: template.name, moneyUnit: template.moneyUnit },
    templates: templates.map((t) => ({ id: t.id, name: t.name })),
    columns: template.columns.map((c) => ({ ...c, kind: upwardReportFieldCatalogue[c.field].kind })),
    rows: rows.map((f, i) => ({ projectId: f.projectId, values: upwardRow(fields, f, i + 1, year) })),
    totals: upwardTotals(fields, rows),
  };
}

export async function upwardReportFile(ctx: RequestContext, q: UpwardReportQuery) {
  const report = await getUpwardReport(ctx, q);
  return {
    buffer: await upwardReportXlsx(report),
    fileName: `${report.regionName}${report.template.name}-${report.month}.xlsx`,
    asciiName: `upward-${report.template.id}-${report.month}.xlsx`,
  };
}
