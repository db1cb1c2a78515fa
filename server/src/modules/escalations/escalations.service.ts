/**
 * The escalation ladder 预警提示 → 通报批评 → 问责 → 表态发言 (SPEC §2.5, issue 11). The daily monitoring
 * job calls `proposeEscalations` after rating: every open red spell that has lasted a step's weeks (the
 * region's `escalationLadder` setting) gets that step once — a warning issued at once, every later step
 * proposed for the supervisor to confirm or dismiss. The supervisor may also propose a step by hand. Every
 * change is audited in its transaction; a stale version is 409.
 */
import {
  escalationMessages,
  escalationStepLabels,
  ragRuleLabels,
  ragRules,
  type ConfirmEscalationBody,
  type DismissEscalationBody,
  type Escalation,
  type EscalationStep,
  type ListEscalationsQuery,
  type Locale,
  type MarkStatementMadeBody,
  type MeetingStatements,
  type ProposeEscalationBody,
  type RagRule,
} from '@kpc/contracts';
import {
  addDays,
  canDecideEscalation,
  canReadEscalations,
  canReadProject,
  canRecordStatement,
  dueSteps,
  hasAnyRole,
  inRegionOf,
  needsConfirmation,
  readsWholeRegion,
  weeksRed,
} from '@kpc/domain';
import { and, type SQL } from 'drizzle-orm';
import { notify, type Notice } from '../../commands/notify.js';
import { firstDayRun } from '../../jobs/job-runs.repository.js';
import type { Executor } from '../../db/client.js';
import { escalations, projects } from '../../db/schema/index.js';
import { writeAudit, writeAudits } from '../../lib/audit.js';
import { today } from '../../lib/clock.js';
import { AppError, versionConflict } from '../../lib/errors.js';
import { findProjectRef, visibleProjects, type ScopeActor } from '../../lib/project-scope.js';
import { inSubtree } from '../../lib/query.js';
import type { RequestContext } from '../../lib/request-context.js';
import { updateAtVersion } from '../../lib/versioned.js';
import { loadSettings } from '../settings/settings.service.js';
import * as repo from './escalations.repository.js';

const SYSTEM_LABEL = { 'zh-CN': '系统', en: 'System' } as const;

export function present(r: repo.EscalationRecord, locale: Locale): Escalation {
  const e = r.row;
  return {
    id: e.id,
    projectId: e.projectId,
    projectCode: r.projectCode,
    projectName: r.projectName,
    unitId: e.unitId,
    unitName: r.unitName,
    step: e.step,
    status: e.status,
    reason: locale === 'en' ? e.reasonEn : e.reasonZh,
    evidence: e.evidence ?? null,
    proposedBy: r.proposer ?? SYSTEM_LABEL[locale],
    proposedBySystem: e.proposedBySystem !== null,
    proposedAt: e.proposedAt.toISOString(),
    decidedBy: e.decidedAt === null ? null : (r.decider ?? SYSTEM_LABEL[locale]),
    decidedAt: e.decidedAt?.toISOString() ?? null,
    dismissalReason: e.dismissalReason,
    meetingId: e.meetingId,
    meetingTitle: r.meetingTitle,
    doneAt: e.doneAt?.toISOString() ?? null,
    version: e.version,
  };
}

/** Who acts, as the table stores it: a user's id, or a system actor's name (no users row). */
const actedBy = (ctx: RequestContext) =>
  ctx.actor.id > 0 ? { user: ctx.actor.id, system: null } : { user: null, system: ctx.actor.username };

const knownRules = (rules: readonly string[]): RagRule[] =>
  rules.filter((r): r is RagRule => (ragRules as readonly string[]).includes(r));

/** The system's reason, in both languages: how long red, since when, by which rules, and the step. */
export function ladderReason(step: EscalationStep, weeks: number, since: string, rules: readonly RagRule[]) {
  const zhRules = rules.map((r) => ragRuleLabels[r]['zh-CN']).join('、');
  const enRules = rules.map((r) => ragRuleLabels[r].en.toLowerCase()).join(', ');
  const label = escalationStepLabels[step];
  return {
    reasonZh: `项目自 ${since} 起连续红色 ${weeks} 周${zhRules ? `（${zhRules}）` : ''}，按问责阶梯${step === 'warning' ? '发出' : '建议'}${label['zh-CN']}`,
    reasonEn: `Red for ${weeks} weeks since ${since}${enRules ? ` (${enRules})` : ''}: the ladder ${step === 'warning' ? 'issues' : 'proposes'} ${label.en.toLowerCase()}`,
  };
}

export interface ProposeResult {
  /** Steps written this run (warnings issued, later steps proposed). */
  created: { id: number; projectId: number; step: EscalationStep }[];
  /** One per warning issued, sent by `notify` in the same transaction. */
  notices: WarningNotice[];
}

/**
 * Proposes the steps earned on `asOf` by every open red spell of a project in the actor's region
 * (a system actor with region '' covers all): set-based — one read of the candidate spells with their
 * steps, the ladders of the regions involved, one insert that skips (project, step, spell) already
 * there. Run it again on the same or the next day and nothing new is written. Call it inside the daily
 * job's transaction (`db` may be a transaction) after the spells are written.
 */
export async function proposeEscalations(db: Executor, ctx: RequestContext, asOf: string): Promise<ProposeResult> {
  const ladders = new Map<string, Awaited<ReturnType<typeof loadSettings>>['escalationLadder']>();
  const ladderOf = async (regionCode: string) => {
    let l = ladders.get(regionCode);
    if (!l) ladders.set(regionCode, (l = (await loadSettings(db, regionCode)).escalationLadder));
    return l;
  };
  // a ladder's first step is at least 1 week: a spell younger than that earns nothing anywhere
  const candidates = await repo.redSpellCandidates(db, inSubtree(projects.regionCode, ctx.actor.regionCode), addDays(asOf, -7));
  // the ladder counts the red the daily monitoring observed, not a history from before its first run
  // (the demo's back-filled weeks, an imported past): nobody is warned for weeks no one was watching
  const observedFrom = await firstDayRun(db, 'daily-monitoring');
  const by = actedBy(ctx);
  const rows: repo.NewEscalation[] = [];
  for (const c of candidates) {
    const fromDate = observedFrom && c.fromDate < observedFrom ? observedFrom : c.fromDate;
    const spell = { rag: 'red' as const, fromDate, toDate: null };
    const rules = knownRules(c.rules);
    for (const { step, weeks } of dueSteps(spell, await ladderOf(c.regionCode), asOf, c.steps)) {
      const issued = !needsConfirmation(step);
      rows.push({
        projectId: c.projectId,
        unitId: c.leadUnitId,
        step,
        status: issued ? 'confirmed' : 'proposed',
        ...ladderReason(step, weeks, c.fromDate, rules),
        spellId: c.spellId,
        evidence: { spellId: c.spellId, since: c.fromDate, weeks, rules },
        proposedBy: by.user,
        proposedBySystem: by.system,
        proposedAt: ctx.now,
        decidedBy: issued ? by.user : null,
        decidedBySystem: issued ? by.system : null,
        decidedAt: issued ? ctx.now : null,
      });
    }
  }
  const written = await repo.insertEscalations(db, rows);
  const regionOf = new Map(candidates.map((c) => [c.projectId, c.regionCode]));
  await writeAudits(
    db,
    ctx.audit,
    written.map((e) => ({
      action: e.step === 'warning' ? 'escalation_issue' : 'escalation_propose',
      entity: 'escalation',
      entityId: e.id,
      regionCode: regionOf.get(e.projectId) ?? null,
      after: e,
    })),
    ctx.now,
  );
  const notices = await warningNotices(
    db,
    written.filter((e) => e.step === 'warning'),
  );
  await sendNotices(db, ctx, notices);
  return { created: written.map((e) => ({ id: e.id, projectId: e.projectId, step: e.step })), notices };
}

/** What an issued step sends (SPEC §2.5 日监测 raises early warnings to the responsible people): a notify command's notice. */
export type WarningNotice = Notice & { escalationId: number };

/**
 * The one place an issued step (a warning, or a step the supervisor confirmed) becomes a notice, for any
 * number of steps in three statements: to the responsible unit's active accounts and the contracting
 * leader's, and to the unit's group robots (else the region's). `sendNotices` sends them.
 */
export async function warningNotices(db: Executor, steps: readonly repo.EscalationRow[]): Promise<WarningNotice[]> {
  if (steps.length === 0) return [];
  const projectsById = await repo.projectsOf(db, [...new Set(steps.map((e) => e.projectId))]);
  const unitIds = [...new Set(steps.flatMap((e) => (e.unitId === null ? [] : [e.unitId])))];
  const leaderIds = [...new Set([...projectsById.values()].flatMap((p) => (p.leaderId === null ? [] : [p.leaderId])))];
  const { byUnit, byLeader } = await repo.accountsOf(db, unitIds, leaderIds);
  return steps.map((e) => {
    const p = projectsById.get(e.projectId)!;
    const label = escalationStepLabels[e.step]['zh-CN'];
    const userIds = [
      ...new Set([
        ...(e.unitId === null ? [] : (byUnit.get(e.unitId) ?? [])),
        ...(p.leaderId === null ? [] : (byLeader.get(p.leaderId) ?? [])),
      ]),
    ].sort((a, b) => a - b);
    const en = escalationStepLabels[e.step].en;
    return {
      escalationId: e.id,
      userIds,
      kind: e.step === 'warning' ? 'warning' : 'escalation',
      title: { 'zh-CN': `【${label}】${p.name}`, en: `[${en}] ${p.name}` },
      body: {
        'zh-CN': `**${label}**：${p.name}（${p.code}）\n\n${e.reasonZh}\n\n请责任单位和包联领导抓紧整改。`,
        en: `**${en}**: ${p.name} (${p.code})\n\n${e.reasonEn}\n\nThe responsible unit and the contracting leader are asked to put it right.`,
      },
      link: `/projects/${p.id}`,
      entity: { type: 'escalation', id: e.id },
      // once per step, however often the job or a retry reaches it
      dedupeKey: `escalation:${e.id}`,
      robots: e.unitId === null ? { regionCodes: [p.regionCode] } : { unitIds: [e.unitId] },
    };
  });
}

/** Sends the notices of issued steps, in the caller's transaction. */
export async function sendNotices(tx: Executor, ctx: Pick<RequestContext, 'now'>, notices: readonly WarningNotice[]) {
  for (const n of notices) await notify(tx, ctx, n);
}

function requireReader(ctx: RequestContext) {
  if (!canReadEscalations(ctx.actor)) throw new AppError('FORBIDDEN');
}

const scopeOf = (actor: ScopeActor): SQL => visibleProjects(actor);

export async function listEscalations(ctx: RequestContext, q: ListEscalationsQuery): Promise<Escalation[]> {
  requireReader(ctx);
  return (await repo.listEscalations(ctx.db, scopeOf(ctx.actor), q)).map((r) => present(r, ctx.locale));
}

async function readableProject(ctx: RequestContext, projectId: number) {
  const p = await findProjectRef(ctx.db, projectId);
  if (!p || !canReadProject(ctx.actor, p)) throw new AppError('NOT_FOUND');
  return p;
}

/** A project's escalation history 问责记录, newest first. */
export async function projectEscalations(ctx: RequestContext, projectId: number): Promise<Escalation[]> {
  await readableProject(ctx, projectId);
  requireReader(ctx);
  return (await repo.listEscalations(ctx.db, scopeOf(ctx.actor), { projectId })).map((r) => present(r, ctx.locale));
}

async function reload(db: Executor, id: number, locale: Locale): Promise<Escalation> {
  return present((await repo.findEscalation(db, id))!, locale);
}

/** A supervisor proposes a step by hand; on a red project it joins the red spell (so the job will not repeat it). */
export async function proposeEscalation(ctx: RequestContext, body: ProposeEscalationBody): Promise<Escalation> {
  const project = await readableProject(ctx, body.projectId);
  if (!canDecideEscalation(ctx.actor, project)) throw new AppError('FORBIDDEN');
  const asOf = today(ctx.clock);
  const by = actedBy(ctx);
  const id = await ctx.db.transaction(async (tx) => {
    const spell = await repo.openRedSpell(tx, project.id);
    const issued = !needsConfirmation(body.step);
    const [row] = await repo.insertEscalations(tx, [
      {
        projectId: project.id,
        unitId: project.leadUnitId,
        step: body.step,
        status: issued ? 'confirmed' : 'proposed',
        reasonZh: body.reason,
        reasonEn: body.reason,
        spellId: spell?.id ?? null,
        evidence: spell
          ? { spellId: spell.id, since: spell.fromDate, weeks: weeksRed(spell, asOf), rules: knownRules(spell.rules) }
          : null,
        proposedBy: by.user,
        proposedBySystem: by.system,
        proposedAt: ctx.now,
        decidedBy: issued ? by.user : null,
        decidedBySystem: issued ? by.system : null,
        decidedAt: issued ? ctx.now : null,
      },
    ]);
    if (!row) throw new AppError('DUPLICATE', undefined, escalationMessages.escalation_duplicate);
    // a warning by hand is issued at once too, and told at once
    if (issued) await sendNotices(tx, ctx, await warningNotices(tx, [row]));
    await writeAudit(
      tx,
      ctx.audit,
      {
        action: issued ? 'escalation_issue' : 'escalation_propose',
        entity: 'escalation',
        entityId: row.id,
        regionCode: project.regionCode,
        after: row,
      },
      ctx.now,
    );
    return row.id;
  });
  return reload(ctx.db, id, ctx.locale);
}

/** The escalation and its project, for a decision by this actor: 404 outside scope, 403 for other roles. */
async function forDecision(ctx: RequestContext, id: number, may: typeof canDecideEscalation) {
  const r = await repo.findEscalation(ctx.db, id);
  const project = r && (await findProjectRef(ctx.db, r.row.projectId));
  if (!r || !project || !canReadProject(ctx.actor, project)) throw new AppError('NOT_FOUND');
  if (!may(ctx.actor, project)) throw new AppError('FORBIDDEN');
  return { r, project };
}

async function decide(
  ctx: RequestContext,
  id: number,
  version: number,
  change: { status: 'confirmed' | 'dismissed'; dismissalReason?: string },
): Promise<Escalation> {
  const { r, project } = await forDecision(ctx, id, canDecideEscalation);
  if (r.row.status !== 'proposed') throw new AppError('INVALID_STATE', undefined, escalationMessages.escalation_decided);
  const by = actedBy(ctx);
  await ctx.db.transaction(async (tx) => {
    const row = await updateAtVersion(tx, escalations, id, version, {
      status: change.status,
      dismissalReason: change.dismissalReason ?? null,
      decidedBy: by.user,
      decidedBySystem: by.system,
      decidedAt: ctx.now,
    });
    if (!row) throw versionConflict(await reload(tx, id, ctx.locale));
    // a confirmed 通报批评 / 问责 / 表态发言 is told to the unit and the leader like a warning
    if (row.status === 'confirmed') await sendNotices(tx, ctx, await warningNotices(tx, [row]));
    await writeAudit(
      tx,
      ctx.audit,
      {
        action: change.status === 'confirmed' ? 'escalation_confirm' : 'escalation_dismiss',
        entity: 'escalation',
        entityId: id,
        regionCode: project.regionCode,
        before: r.row,
        after: row,
      },
      ctx.now,
    );
  });
  return reload(ctx.db, id, ctx.locale);
}

/** The supervisor confirms a proposed step: from now it is the dated record 通报批评 / 问责 / 表态发言. */
export const confirmEscalation = (ctx: RequestContext, id: number, body: ConfirmEscalationBody) =>
  decide(ctx, id, body.version, { status: 'confirmed' });

export const dismissEscalation = (ctx: RequestContext, id: number, body: DismissEscalationBody) =>
  decide(ctx, id, body.version, { status: 'dismissed', dismissalReason: body.reason });

/** A confirmed 表态发言 was made at a review meeting of the project's region: dated, and off the pending list. */
export async function markStatementMade(ctx: RequestContext, id: number, body: MarkStatementMadeBody): Promise<Escalation> {
  const { r, project } = await forDecision(ctx, id, canRecordStatement);
  if (r.row.step !== 'statement' || r.row.status !== 'confirmed')
    throw new AppError('INVALID_STATE', undefined, escalationMessages.escalation_not_statement);
  if (r.row.doneAt !== null) throw new AppError('INVALID_STATE', undefined, escalationMessages.escalation_statement_done);
  const meeting = await repo.meetingOf(ctx.db, body.meetingId);
  if (
    !meeting ||
    meeting.kind !== 'review' ||
    !inRegionOf(ctx.actor, meeting.regionCode) ||
    !project.regionCode.startsWith(meeting.regionCode)
  )
    throw new AppError('VALIDATION_FAILED', [
      { field: 'meetingId', message: escalationMessages.escalation_meeting_not_review[ctx.locale] },
    ]);
  await ctx.db.transaction(async (tx) => {
    const row = await updateAtVersion(tx, escalations, id, body.version, { meetingId: meeting.id, doneAt: ctx.now });
    if (!row) throw versionConflict(await reload(tx, id, ctx.locale));
    await writeAudit(
      tx,
      ctx.audit,
      {
        action: 'escalation_statement_made',
        entity: 'escalation',
        entityId: id,
        regionCode: project.regionCode,
        before: r.row,
        after: row,
      },
      ctx.now,
    );
  });
  return reload(ctx.db, id, ctx.locale);
}

/**
 * A meeting's statements: for a review meeting 项目评审会, the confirmed statements of its region's
 * projects not made yet (its agenda's 表态发言), and those made at it.
 */
export async function meetingStatements(ctx: RequestContext, meetingId: number): Promise<MeetingStatements> {
  const meeting = await repo.meetingOf(ctx.db, meetingId);
  // the district's readers of every meeting (domain canReadMeeting); a unit or an enterprise is not told
  // which statements a meeting will hear, so for them the route is as out of scope (404)
  if (!meeting || !inRegionOf(ctx.actor, meeting.regionCode) || !(readsWholeRegion(ctx.actor) || hasAnyRole(ctx.actor, 'leader')))
    throw new AppError('NOT_FOUND');
  const scope = and(scopeOf(ctx.actor), inSubtree(projects.regionCode, meeting.regionCode))!;
  const pending = meeting.kind === 'review' ? await repo.pendingStatements(ctx.db, scope) : [];
  const made = await repo.statementsMadeAt(ctx.db, meetingId, scopeOf(ctx.actor));
  return { pending: pending.map((r) => present(r, ctx.locale)), made: made.map((r) => present(r, ctx.locale)) };
}
