/**
 * Supervision reports 周调度 / 月督导通报 (issue 11 items 4 and 7): drafted from the records — by the jobs
 * (weekly-dispatch, monthly-supervision) or by the supervisor — with the figures frozen as `content`;
 * a draft may be redrafted (the figures taken anew), publishing freezes it for good. The supervision
 * bureau and the admin of the region read, draft and publish; leaders and units read the published
 * reports of their region; others are refused (403); a report outside the actor's region is 404.
 */
import {
  supervisionReportContentSchema,
  supervisionReportKindLabels,
  userMessages,
  type DraftSupervisionReportBody,
  type ListSupervisionReportsQuery,
  type PublishSupervisionReportBody,
  type SupervisionReport,
  type SupervisionReportContent,
  type SupervisionReportKind,
  type SupervisionReportStatus,
  type SupervisionReportSummary,
} from '@kpc/contracts';
import {
  canDraftSupervisionReports,
  docNumber,
  monthBounds,
  parseIsoWeek,
  periodStart,
  readableReportStatuses,
  shanghaiDate,
} from '@kpc/domain';
import { bulletinSupervisionItems } from '../../commands/bulletin-supervision-items.js';
import { supervisionReports } from '../../db/schema/index.js';
import { writeAudit } from '../../lib/audit.js';
import { today } from '../../lib/clock.js';
import { AppError, versionConflict } from '../../lib/errors.js';
import { requireRegion, type Actor } from '../../lib/policy.js';
import { SYSTEM_ACTOR_ID, fieldError, type RequestContext } from '../../lib/request-context.js';
import { updateAtVersion } from '../../lib/versioned.js';
import { acceptedUnbulletined } from '../supervision/supervision-items.repository.js';
import { writeBulletinDocx } from '../../reports/bulletin-docx.js';
import { writeDispatchDocx } from '../../reports/dispatch-docx.js';
import { monthlyBulletinContent, weeklyDispatchContent } from './supervision-reports.content.js';
import * as repo from './supervision-reports.repository.js';

const isBureau = (actor: Actor) => canDraftSupervisionReports(actor);

/** The statuses the actor may read (domain `readableReportStatuses`); 403 for a role that reads none. */
function readableStatuses(actor: Actor): SupervisionReportStatus[] {
  const statuses = readableReportStatuses(actor);
  if (!statuses.length) throw new AppError('FORBIDDEN');
  return statuses;
}

const DOC_PREFIX: Record<SupervisionReportKind, string> = { weekly_dispatch: '调度', monthly_bulletin: '督查' };
const numberOf = (kind: SupervisionReportKind, period: string) => `${DOC_PREFIX[kind]}${docNumber(kind, period)}`;

function base(r: repo.ReportRecord) {
  return {
    id: r.row.id,
    kind: r.row.kind,
    period: r.row.period,
    regionCode: r.row.regionCode,
    status: r.row.status,
    docNumber: numberOf(r.row.kind, r.row.period),
    draftedAt: r.row.draftedAt.toISOString(),
    draftedBy: r.row.draftedByName,
    publishedAt: r.row.publishedAt?.toISOString() ?? null,
    publishedBy: r.publishedByName,
    version: r.row.version,
  };
}
const contentOf = (r: repo.ReportRecord) => r.row.content as SupervisionReportContent;
const coloursOfContent = (c: SupervisionReportContent) => (c.kind === 'weekly_dispatch' ? c.summary.colours : c.colours);

const present = (r: repo.ReportRecord): SupervisionReport => ({ ...base(r), content: contentOf(r) });
const summarise = (r: repo.ReportRecord): SupervisionReportSummary => ({ ...base(r), colours: coloursOfContent(contentOf(r)) });

export async function listReports(ctx: RequestContext, q: ListSupervisionReportsQuery): Promise<SupervisionReportSummary[]> {
  const statuses = readableStatuses(ctx.actor);
  const regionCode = q.regionCode ?? ctx.actor.regionCode;
  requireRegion(ctx.actor, regionCode);
  return (await repo.listReports(ctx.db, { regionCode, kind: q.kind, statuses })).map(summarise);
}

async function readable(ctx: RequestContext, id: number): Promise<repo.ReportRecord> {
  const statuses = readableStatuses(ctx.actor);
  const r = await repo.findReport(ctx.db, id);
  // a draft is not there for a reader, as a report of another region is not
  if (!r || !statuses.includes(r.row.status)) throw new AppError('NOT_FOUND');
  requireRegion(ctx.actor, r.row.regionCode);
  return r;
}

export const getReport = async (ctx: RequestContext, id: number) => present(await readable(ctx, id));

export async function reportDocx(ctx: RequestContext, id: number): Promise<{ buffer: Buffer; filename: string }> {
  const r = await readable(ctx, id);
  const c = contentOf(r);
  const meta = {
    docNumber: numberOf(r.row.kind, r.row.period),
    issuedOn: shanghaiDate(r.row.publishedAt ?? r.row.draftedAt),
    draft: r.row.status === 'draft',
  };
  const draftMark = meta.draft ? '-草稿' : '';
  if (c.kind === 'weekly_dispatch') {
    const week = parseIsoWeek(r.row.period)!.week;
    return {
      buffer: await writeDispatchDocx(c, week, meta),
      filename: `${c.regionName}重点项目周调度-${r.row.period}${draftMark}.docx`,
    };
  }
  return { buffer: await writeBulletinDocx(c, meta), filename: `${c.regionName}月督导通报-${r.row.period}${draftMark}.docx` };
}

/** The figures of a report of `kind` for `period` in the region, taken from the records today. */
function contentFor(ctx: RequestContext, kind: SupervisionReportKind, period: string, regionCode: string) {
  const day = today(ctx.clock);
  return kind === 'weekly_dispatch'
    ? weeklyDispatchContent(ctx.db, regionCode, period, day)
    : monthlyBulletinContent(ctx.db, regionCode, period, day);
}

export type DraftOutcome = 'created' | 'redrafted' | 'published_already';

/**
 * Drafts the report of (kind, period, region), or redrafts the draft there is (its figures taken anew,
 * its version moved on); a published one is left as it is. Audited; one transaction, the row locked.
 */
export async function draftFor(
  ctx: RequestContext,
  kind: SupervisionReportKind,
  period: string,
  regionCode: string,
): Promise<{ outcome: DraftOutcome; id: number }> {
  const content = supervisionReportContentSchema.parse(await contentFor(ctx, kind, period, regionCode));
  const drafter = {
    draftedBy: ctx.actor.id === SYSTEM_ACTOR_ID ? null : ctx.actor.id,
    draftedByName: ctx.actor.id === SYSTEM_ACTOR_ID ? ctx.actor.username : ctx.actor.displayName,
    draftedAt: ctx.now,
  };
  return ctx.db.transaction(async (tx) => {
    // a concurrent first draft of the same key waits on the unique index, then finds the row made
    const newId = await repo.insertDraftUnlessExists(tx, { kind, period, regionCode, status: 'draft', content, ...drafter });
    if (newId !== null) {
      await writeAudit(
        tx,
        ctx.audit,
        { action: 'create', entity: 'supervision_report', entityId: newId, regionCode, after: { kind, period, regionCode } },
        ctx.now,
      );
      return { outcome: 'created' as const, id: newId };
    }
    const current = await repo.lockReport(tx, kind, period, regionCode);
    if (current.status === 'published') return { outcome: 'published_already' as const, id: current.id };
    const row = await updateAtVersion(tx, supervisionReports, current.id, current.version, { content, ...drafter });
    await writeAudit(
      tx,
      ctx.audit,
      {
        action: 'redraft',
        entity: 'supervision_report',
        entityId: current.id,
        regionCode,
        before: { version: current.version, draftedAt: current.draftedAt },
        after: { version: row!.version, draftedAt: row!.draftedAt },
      },
      ctx.now,
    );
    return { outcome: 'redrafted' as const, id: current.id };
  });
}

/** POST /supervision/reports: the supervisor drafts (or redrafts) the report of the period for their region. */
export async function draftReport(
  ctx: RequestContext,
  body: DraftSupervisionReportBody,
): Promise<{ created: boolean; report: SupervisionReport }> {
  if (!isBureau(ctx.actor)) throw new AppError('FORBIDDEN');
  if (periodStart(body.kind, body.period) > today(ctx.clock))
    throw fieldError('VALIDATION_FAILED', 'period', ctx.locale, userMessages.report_period_future);
  const r = await draftFor(ctx, body.kind, body.period, ctx.actor.regionCode);
  if (r.outcome === 'published_already') throw new AppError('INVALID_STATE', undefined, userMessages.report_published);
  return { created: r.outcome === 'created', report: present((await repo.findReport(ctx.db, r.id))!) };
}

/** Publishes a draft at its version (409 when stale); a published report is frozen. */
export async function publishReport(
  ctx: RequestContext,
  id: number,
  body: PublishSupervisionReportBody,
): Promise<SupervisionReport> {
  if (!isBureau(ctx.actor)) throw new AppError('FORBIDDEN');
  const r = await repo.findReport(ctx.db, id);
  if (!r) throw new AppError('NOT_FOUND');
  requireRegion(ctx.actor, r.row.regionCode);
  if (r.row.status === 'published') throw new AppError('INVALID_STATE', undefined, userMessages.report_published);
  await ctx.db.transaction(async (tx) => {
    const row = await updateAtVersion(
      tx,
      supervisionReports,
      id,
      body.version,
      { status: 'published', publishedBy: ctx.actor.id, publishedAt: ctx.now },
      repo.isDraft,
    );
    if (!row) throw versionConflict(present((await repo.findReport(tx, id))!));
    // the four links' last: a monthly bulletin published 通报 the items the bureau accepted by its month's end
    if (r.row.kind === 'monthly_bulletin')
      await bulletinSupervisionItems(tx, ctx, await acceptedUnbulletined(tx, r.row.regionCode, monthBounds(r.row.period).to), {
        id,
        title: `${supervisionReportKindLabels.monthly_bulletin['zh-CN']} ${r.row.period}`,
      });
    await writeAudit(
      tx,
      ctx.audit,
      {
        action: 'publish',
        entity: 'supervision_report',
        entityId: id,
        regionCode: r.row.regionCode,
        before: { status: 'draft', version: body.version },
        after: { status: 'published', version: row.version },
      },
      ctx.now,
    );
  });
  return present((await repo.findReport(ctx.db, id))!);
}
