/**
 * Stage proposals 阶段变更申请 (ADR 0009): a unit on the project or its enterprise proposes the next
 * stage with its date and evidence; the office (or admin) confirms — making the transition through
 * projects' `applyTransition`, with the same checks, in the same transaction — or returns it with a
 * reason; the proposer withdraws it while it waits. One open proposal per project.
 */
import {
  userMessages,
  type ConfirmStageProposalBody,
  type CreateStageProposalBody,
  type ListStageProposalsQuery,
  type ReturnStageProposalBody,
  type StageProposal,
  type WithdrawStageProposalBody,
} from '@kpc/contracts';
import { canProposeStage, checkTransition, nextStage, transitionRefusalMessages } from '@kpc/domain';
import type { Executor } from '../../db/client.js';
import { writeAudit } from '../../lib/audit.js';
import { today } from '../../lib/clock.js';
import { AppError, versionConflict } from '../../lib/errors.js';
import { projectPolicy, requireProjectRead, type Actor } from '../../lib/policy.js';
import type { RequestContext } from '../../lib/request-context.js';
import { updateAtVersion } from '../../lib/versioned.js';
import { stageProposals } from '../../db/schema/index.js';
import * as projects from '../projects/projects.repository.js';
import { applyTransition } from '../projects/projects.service.js';
import * as repo from './stage-proposals.repository.js';

const waiting = (r: repo.StageProposalRecord) => r.proposal.status === 'proposed';

export const stageProposalPolicy = {
  canRead: (actor: Actor, r: repo.StageProposalRecord) => projectPolicy.canRead(actor, r.project),
  canDecide: (actor: Actor, r: repo.StageProposalRecord) => waiting(r) && projectPolicy.canTransition(actor, r.project),
  canWithdraw: (actor: Actor, r: repo.StageProposalRecord) =>
    waiting(r) && r.proposal.proposedBy === actor.id && projectPolicy.canRead(actor, r.project),
  /** Evidence files: the proposer (or whoever may propose on the project) while it waits. */
  canUpload: (actor: Actor, r: repo.StageProposalRecord) => waiting(r) && canProposeStage(actor, r.project),
};

function present(actor: Actor, r: repo.StageProposalRecord): StageProposal {
  const p = r.proposal;
  const decide = stageProposalPolicy.canDecide(actor, r);
  return {
    id: p.id,
    projectId: r.project.id,
    projectCode: r.project.code,
    projectName: r.project.name,
    fromStage: p.fromStage,
    toStage: p.toStage,
    onDate: p.onDate,
    evidenceNote: p.evidenceNote,
    status: p.status,
    proposedByName: r.proposedByName,
    proposedAt: p.proposedAt.toISOString(),
    decidedByName: r.decidedByName,
    decidedAt: p.decidedAt?.toISOString() ?? null,
    decisionNote: p.decisionNote,
    attachmentCount: r.attachmentCount,
    version: p.version,
    permissions: {
      confirm: decide,
      return: decide,
      withdraw: stageProposalPolicy.canWithdraw(actor, r),
      upload: stageProposalPolicy.canUpload(actor, r),
    },
  };
}

/** A proposal the actor may read (through its project), else 404. */
export async function loadReadableStageProposal(ctx: Pick<RequestContext, 'db' | 'actor'>, id: number) {
  const r = await repo.findStageProposal(ctx.db, id);
  if (!r || !stageProposalPolicy.canRead(ctx.actor, r)) throw new AppError('NOT_FOUND');
  return r;
}

export async function getStageProposal(ctx: RequestContext, id: number): Promise<StageProposal> {
  return present(ctx.actor, await loadReadableStageProposal(ctx, id));
}

export async function listStageProposals(ctx: RequestContext, q: ListStageProposalsQuery) {
  const { records, total } = await repo.listStageProposals(ctx.db, { actor: ctx.actor, ...q }, q);
  return { items: records.map((r) => present(ctx.actor, r)), total };
}

export async function proposeStage(ctx: RequestContext, projectId: number, body: CreateStageProposalBody) {
  const { db, actor, now } = ctx;
  const project = await projects.findProjectDetail(db, projectId);
  if (!project) throw new AppError('NOT_FOUND');
  requireProjectRead(actor, project);
  if (!canProposeStage(actor, project)) throw new AppError('FORBIDDEN');
  if (body.toStage !== nextStage(project.stage))
    throw new AppError('ILLEGAL_TRANSITION', { from: project.stage, to: body.toStage }, userMessages.stage_proposal_not_next);
  // the same date rules as the transition it asks for, told now rather than when the office confirms
  const verdict = checkTransition({
    from: project.stage,
    to: body.toStage,
    onDate: body.onDate,
    lastDate: await projects.lastTransitionDate(db, projectId),
    asOf: today(ctx.clock),
    mayRollback: false,
  });
  if (!verdict.ok)
    throw new AppError('ILLEGAL_TRANSITION', { refusal: verdict.refusal }, transitionRefusalMessages[verdict.refusal]);
  const id = await db.transaction(async (tx) => {
    await repo.lockProject(tx, projectId);
    const open = await repo.openProposalOf(tx, projectId);
    if (open !== null) throw new AppError('DUPLICATE', { proposalId: open }, userMessages.stage_proposal_open);
    const newId = await repo.insertStageProposal(tx, {
      projectId,
      fromStage: project.stage,
      toStage: body.toStage,
      onDate: body.onDate,
      evidenceNote: body.evidenceNote,
      proposedBy: actor.id,
      proposedAt: now,
    });
    const after = (await repo.findStageProposal(tx, newId))!;
    await writeAudit(
      tx,
      ctx.audit,
      {
        action: 'create',
        entity: 'stage_proposal',
        entityId: newId,
        regionCode: project.regionCode,
        after: after.proposal,
      },
      now,
    );
    return newId;
  });
  return getStageProposal(ctx, id);
}

/** Loads a waiting proposal for a decision: 404 outside scope, 403 without the right, 409 when stale or decided. */
async function forDecision(
  ctx: RequestContext,
  id: number,
  version: number,
  may: (actor: Actor, r: repo.StageProposalRecord) => boolean,
) {
  const r = await loadReadableStageProposal(ctx, id);
  if (r.proposal.version !== version) throw versionConflict(present(ctx.actor, r));
  if (!waiting(r)) throw new AppError('INVALID_STATE', { status: r.proposal.status }, userMessages.stage_proposal_decided);
  if (!may(ctx.actor, r)) throw new AppError('FORBIDDEN');
  return r;
}

async function decide(
  ctx: RequestContext,
  r: repo.StageProposalRecord,
  version: number,
  status: 'confirmed' | 'returned' | 'withdrawn',
  note: string | null,
  then?: (tx: Executor) => Promise<void>,
) {
  const { db, actor, now } = ctx;
  await db.transaction(async (tx) => {
    const decided = status !== 'withdrawn';
    const row = await updateAtVersion(tx, stageProposals, r.proposal.id, version, {
      status,
      decidedBy: decided ? actor.id : null,
      decidedAt: decided ? now : null,
      decisionNote: note,
    });
    if (!row) throw versionConflict(present(actor, (await repo.findStageProposal(tx, r.proposal.id))!));
    if (then) await then(tx);
    await writeAudit(
      tx,
      ctx.audit,
      {
        action: `stage_proposal_${status}`,
        entity: 'stage_proposal',
        entityId: r.proposal.id,
        regionCode: r.project.regionCode,
        before: r.proposal,
        after: row,
      },
      now,
    );
  });
  return getStageProposal(ctx, r.proposal.id);
}

export async function confirmStageProposal(ctx: RequestContext, id: number, body: ConfirmStageProposalBody) {
  const r = await forDecision(ctx, id, body.version, stageProposalPolicy.canDecide);
  return decide(ctx, r, body.version, 'confirmed', body.note ?? null, async (tx) => {
    const project = (await projects.findProjectDetail(tx, r.project.id))!;
    // the project moved on (or back) since: confirming would make a different change than the one proposed
    if (project.stage !== r.proposal.fromStage)
      throw new AppError('INVALID_STATE', { stage: project.stage }, userMessages.stage_proposal_outdated);
    await applyTransition(tx, ctx, project, {
      version: project.version,
      toStage: r.proposal.toStage,
      onDate: r.proposal.onDate,
      reason: body.note ?? undefined,
    });
  });
}

export async function returnStageProposal(ctx: RequestContext, id: number, body: ReturnStageProposalBody) {
  const r = await forDecision(ctx, id, body.version, stageProposalPolicy.canDecide);
  return decide(ctx, r, body.version, 'returned', body.note);
}

export async function withdrawStageProposal(ctx: RequestContext, id: number, body: WithdrawStageProposalBody) {
  const r = await forDecision(ctx, id, body.version, stageProposalPolicy.canWithdraw);
  return decide(ctx, r, body.version, 'withdrawn', null);
}
