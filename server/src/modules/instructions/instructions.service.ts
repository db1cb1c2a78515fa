/**
 * Leader instructions 领导批示: a leader (or the office on a leader's behalf) instructs a unit on a
 * project, problem, monthly report or decision; the unit replies; the leader or the office accepts the
 * reply (closed) or sends it back (the unit replies again). Overdue: not accepted past the deadline.
 */
import type {
  AcceptInstructionBody,
  CreateInstructionBody,
  Instruction,
  ListInstructionsQuery,
  ReplyInstructionBody,
  ReturnInstructionBody,
} from '@kpc/contracts';
import {
  canAnswerInstructionReply,
  canIssueInstruction,
  canReadInstruction,
  canReadProblem,
  canReadProject,
  canReplyInstruction,
  isInstructionOverdue,
  shanghaiDate,
} from '@kpc/domain';
import type { Executor } from '../../db/client.js';
import { writeAudit } from '../../lib/audit.js';
import { AppError, versionConflict } from '../../lib/errors.js';
import { hasRole, inRegion, type Actor } from '../../lib/policy.js';
import { findProjectRef } from '../../lib/project-scope.js';
import { fieldError, type RequestContext } from '../../lib/request-context.js';
import { findProblem } from '../problems/problems.repository.js';
import * as repo from './instructions.repository.js';

const asOfOf = (ctx: RequestContext) => shanghaiDate(ctx.now);
const scopeOf = (r: repo.InstructionRecord) => r.instruction;

function snapshot(r: repo.InstructionRecord, subjectTitle: string, asOf: string): Omit<Instruction, 'permissions'> {
  const i = r.instruction;
  return {
    id: i.id,
    subjectType: i.subjectType,
    subjectId: i.subjectId,
    subjectTitle,
    projectId: i.projectId,
    projectName: r.projectName,
    leaderId: i.leaderId,
    leaderName: r.leaderName,
    text: i.text,
    unitId: i.unitId,
    unitName: r.unitName,
    replyDeadline: i.replyDeadline,
    status: i.status,
    overdue: isInstructionOverdue(i, asOf),
    issuedAt: i.issuedAt.toISOString(),
    closedAt: i.closedAt?.toISOString() ?? null,
    replies: r.replies.map((x) => ({
      id: x.id,
      text: x.text,
      byName: x.byName,
      at: x.at.toISOString(),
      outcome: x.outcome,
      outcomeNote: x.outcomeNote,
      outcomeAt: x.outcomeAt?.toISOString() ?? null,
      attachmentCount: x.attachmentCount,
    })),
    version: i.version,
  };
}

function present(actor: Actor, r: repo.InstructionRecord, subjectTitle: string, asOf: string): Instruction {
  const answer = canAnswerInstructionReply(actor, scopeOf(r));
  return {
    ...snapshot(r, subjectTitle, asOf),
    permissions: { reply: canReplyInstruction(actor, scopeOf(r)), accept: answer, return: answer },
  };
}

const titleOf = async (db: Executor, r: repo.InstructionRecord) =>
  (await repo.findSubject(db, r.instruction.subjectType, r.instruction.subjectId))?.title ?? '';

/** An instruction the actor may read, else 404. */
export async function loadReadableInstruction(db: Executor, actor: Actor, id: number): Promise<repo.InstructionRecord> {
  const r = await repo.findInstruction(db, id);
  if (!r || !canReadInstruction(actor, scopeOf(r), r.project)) throw new AppError('NOT_FOUND');
  return r;
}

export async function getInstruction(ctx: RequestContext, id: number): Promise<Instruction> {
  const r = await loadReadableInstruction(ctx.db, ctx.actor, id);
  return present(ctx.actor, r, await titleOf(ctx.db, r), asOfOf(ctx));
}

export async function listInstructions(ctx: RequestContext, q: ListInstructionsQuery) {
  const asOf = asOfOf(ctx);
  const { records, total } = await repo.listInstructions(ctx.db, { ...q, actor: ctx.actor, asOf }, q);
  const items: Instruction[] = [];
  for (const r of records) items.push(present(ctx.actor, r, await titleOf(ctx.db, r), asOf));
  return { items, total };
}

/** May the actor see the subject an instruction is to be about? (else it does not exist for them) */
async function canSeeSubject(ctx: RequestContext, body: CreateInstructionBody, subject: repo.SubjectRef): Promise<boolean> {
  const { actor, db } = ctx;
  if (!inRegion(actor, subject.regionCode)) return false;
  if (hasRole(actor, 'admin', 'office')) return true;
  if (subject.projectId === null) return true;
  const project = await findProjectRef(db, subject.projectId);
  if (!project) return false;
  if (canReadProject(actor, project)) return true;
  if (body.subjectType === 'problem') {
    const p = await findProblem(db, body.subjectId);
    return !!p && canReadProblem(actor, project, p);
  }
  return false;
}

const servesActor = (actor: Actor, regionCode: string) =>
  regionCode.startsWith(actor.regionCode) || actor.regionCode.startsWith(regionCode);

export async function createInstruction(ctx: RequestContext, body: CreateInstructionBody): Promise<Instruction> {
  const { db, actor, now } = ctx;
  if (!hasRole(actor, 'admin', 'office', 'leader')) throw new AppError('FORBIDDEN');
  const leaderId = body.leaderId ?? actor.leaderId;
  if (leaderId == null) throw fieldError('VALIDATION_FAILED', 'leaderId', ctx.locale);
  if (!canIssueInstruction(actor, leaderId)) throw fieldError('FORBIDDEN', 'leaderId', ctx.locale);
  const subject = await repo.findSubject(db, body.subjectType, body.subjectId);
  if (!subject || !(await canSeeSubject(ctx, body, subject))) throw fieldError('REFERENCE_INVALID', 'subjectId', ctx.locale);
  const leader = await repo.findLeader(db, leaderId);
  if (!leader || !servesActor(actor, leader.regionCode)) throw fieldError('REFERENCE_INVALID', 'leaderId', ctx.locale);
  const unit = await repo.findUnit(db, body.unitId);
  if (!unit || !servesActor(actor, unit.regionCode)) throw fieldError('REFERENCE_INVALID', 'unitId', ctx.locale);
  const asOf = asOfOf(ctx);
  return db.transaction(async (tx) => {
    const id = await repo.insertInstruction(tx, {
      projectId: subject.projectId,
      regionCode: subject.regionCode,
      subjectType: body.subjectType,
      subjectId: body.subjectId,
      leaderId,
      text: body.text,
      unitId: body.unitId,
      replyDeadline: body.replyDeadline,
      issuedAt: now,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    });
    const after = (await repo.findInstruction(tx, id))!;
    await writeAudit(
      tx,
      ctx.audit,
      {
        action: 'create',
        entity: 'instruction',
        entityId: id,
        regionCode: subject.regionCode,
        after: snapshot(after, subject.title, asOf),
      },
      now,
    );
    return present(actor, after, subject.title, asOf);
  });
}

/** One step of the reply cycle: the status moves at the version read, the reply rows with it, audited. */
async function step(
  ctx: RequestContext,
  before: repo.InstructionRecord,
  version: number,
  action: 'reply' | 'accept' | 'return',
  write: (tx: Executor) => Promise<repo.InstructionRow | undefined>,
): Promise<Instruction> {
  const asOf = asOfOf(ctx);
  const title = await titleOf(ctx.db, before);
  return ctx.db.transaction(async (tx) => {
    if (!(await write(tx))) {
      const current = await repo.findInstruction(tx, before.instruction.id);
      if (!current) throw new AppError('NOT_FOUND');
      if (current.instruction.version === version)
        throw new AppError('INVALID_STATE', { current: present(ctx.actor, current, title, asOf) });
      throw versionConflict(present(ctx.actor, current, title, asOf));
    }
    const after = (await repo.findInstruction(tx, before.instruction.id))!;
    await writeAudit(
      tx,
      ctx.audit,
      {
        action,
        entity: 'instruction',
        entityId: before.instruction.id,
        regionCode: before.instruction.regionCode,
        before: snapshot(before, title, asOf),
        after: snapshot(after, title, asOf),
      },
      ctx.now,
    );
    return present(ctx.actor, after, title, asOf);
  });
}

export async function replyInstruction(ctx: RequestContext, id: number, body: ReplyInstructionBody): Promise<Instruction> {
  const before = await loadReadableInstruction(ctx.db, ctx.actor, id);
  const i = before.instruction;
  if (!hasRole(ctx.actor, 'unit') || ctx.actor.unitId !== i.unitId) throw new AppError('FORBIDDEN');
  if (!canReplyInstruction(ctx.actor, i)) throw new AppError('INVALID_STATE');
  return step(ctx, before, body.version, 'reply', async (tx) => {
    const row = await repo.updateInstructionStatus(tx, id, body.version, ['open', 'returned'], { status: 'replied' }, ctx.now);
    if (row) await repo.insertReply(tx, { instructionId: id, text: body.text, byUserId: ctx.actor.id, at: ctx.now });
    return row;
  });
}

async function answer(
  ctx: RequestContext,
  id: number,
  version: number,
  outcome: 'accepted' | 'returned',
  note: string | null,
): Promise<Instruction> {
  const before = await loadReadableInstruction(ctx.db, ctx.actor, id);
  const i = before.instruction;
  if (!hasRole(ctx.actor, 'admin', 'office') && !(hasRole(ctx.actor, 'leader') && ctx.actor.leaderId === i.leaderId))
    throw new AppError('FORBIDDEN');
  if (!canAnswerInstructionReply(ctx.actor, i)) throw new AppError('INVALID_STATE');
  return step(ctx, before, version, outcome === 'accepted' ? 'accept' : 'return', async (tx) => {
    const row = await repo.updateInstructionStatus(
      tx,
      id,
      version,
      ['replied'],
      outcome === 'accepted' ? { status: 'accepted', closedAt: ctx.now } : { status: 'returned' },
      ctx.now,
    );
    if (row) await repo.answerPendingReply(tx, id, outcome, note, ctx.actor.id, ctx.now);
    return row;
  });
}

export const acceptInstruction = (ctx: RequestContext, id: number, body: AcceptInstructionBody) =>
  answer(ctx, id, body.version, 'accepted', body.note ?? null);
export const returnInstruction = (ctx: RequestContext, id: number, body: ReturnInstructionBody) =>
  answer(ctx, id, body.version, 'returned', body.note);
