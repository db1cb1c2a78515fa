/** All SQL of leader instructions 领导批示 and their replies, and the reads of the records they are about. */
import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { InstructionStatus, InstructionSubject } from '@kpc/contracts';
import { readsWholeRegion } from '@kpc/domain';
import type { Executor } from '../../db/client.js';
import {
  attachments,
  decisions,
  instructionReplies,
  instructions,
  investmentReports,
  leaders,
  meetings,
  problems,
  projects,
  units,
  users,
} from '../../db/schema/index.js';
import { inSubtree, offsetOf } from '../../lib/query.js';
import { cooperatingUnitIds, visibleProjects, type ScopeActor } from '../../lib/project-scope.js';
import type { ProjectScope } from '../../lib/policy.js';

export type InstructionRow = typeof instructions.$inferSelect;
export type InstructionReplyRow = typeof instructionReplies.$inferSelect;

export interface InstructionRecord {
  instruction: InstructionRow;
  leaderName: string;
  unitName: string;
  projectName: string | null;
  project: (ProjectScope & { id: number }) | null;
  replies: (InstructionReplyRow & { byName: string | null; attachmentCount: number })[];
}

/** What an instruction's subject is: its project (may be none for a decision), region and title. */
export interface SubjectRef {
  projectId: number | null;
  regionCode: string;
  title: string;
}

export async function findSubject(db: Executor, type: InstructionSubject, id: number): Promise<SubjectRef | null> {
  switch (type) {
    case 'project': {
      const [r] = await db
        .select({ projectId: projects.id, regionCode: projects.regionCode, title: projects.name })
        .from(projects)
        .where(eq(projects.id, id));
      return r ?? null;
    }
    case 'problem': {
      const [r] = await db
        .select({ projectId: problems.projectId, regionCode: projects.regionCode, title: problems.description })
        .from(problems)
        .innerJoin(projects, eq(projects.id, problems.projectId))
        .where(eq(problems.id, id));
      return r ?? null;
    }
    case 'report': {
      const [r] = await db
        .select({
          projectId: investmentReports.projectId,
          regionCode: projects.regionCode,
          title: sql<string>`${projects.name} || ' ' || ${investmentReports.year} || '年' || ${investmentReports.month} || '月投资月报'`,
        })
        .from(investmentReports)
        .innerJoin(projects, eq(projects.id, investmentReports.projectId))
        .where(eq(investmentReports.id, id));
      return r ?? null;
    }
    case 'decision': {
      const [r] = await db
        .select({ projectId: decisions.projectId, regionCode: meetings.regionCode, title: decisions.content })
        .from(decisions)
        .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
        .where(eq(decisions.id, id));
      return r ?? null;
    }
  }
}

/** The titles of several subjects of one type, keyed by id (a list page's names). */
export async function subjectTitles(db: Executor, type: InstructionSubject, ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const id of ids) {
    const s = await findSubject(db, type, id);
    if (s) out.set(id, s.title);
  }
  return out;
}

const scopeColumns = {
  pid: projects.id,
  regionCode: projects.regionCode,
  leadUnitId: projects.leadUnitId,
  enterpriseId: projects.enterpriseId,
  leaderId: projects.leaderId,
  cooperatingUnitIds,
};

function baseSelect(db: Executor) {
  return db
    .select({
      instruction: instructions,
      leaderName: leaders.name,
      unitName: units.name,
      projectName: projects.name,
      ...scopeColumns,
    })
    .from(instructions)
    .innerJoin(leaders, eq(leaders.id, instructions.leaderId))
    .innerJoin(units, eq(units.id, instructions.unitId))
    .leftJoin(projects, eq(projects.id, instructions.projectId));
}

type Selected = Awaited<ReturnType<ReturnType<typeof baseSelect>['where']>>[number];

async function withReplies(db: Executor, rows: Selected[]): Promise<InstructionRecord[]> {
  const ids = rows.map((r) => r.instruction.id);
  const replies = ids.length
    ? await db
        .select({
          reply: instructionReplies,
          byName: users.displayName,
          attachmentCount: sql<number>`(select count(*)::int from ${attachments} a where a.entity = 'instruction_reply' and a.entity_id = ${instructionReplies.id})`,
        })
        .from(instructionReplies)
        .leftJoin(users, eq(users.id, instructionReplies.byUserId))
        .where(inArray(instructionReplies.instructionId, ids))
        .orderBy(asc(instructionReplies.id))
    : [];
  return rows.map((r) => ({
    instruction: r.instruction,
    leaderName: r.leaderName,
    unitName: r.unitName,
    projectName: r.projectName,
    project:
      r.pid === null
        ? null
        : {
            id: r.pid,
            regionCode: r.regionCode!,
            leadUnitId: r.leadUnitId,
            enterpriseId: r.enterpriseId,
            leaderId: r.leaderId,
            cooperatingUnitIds: (r.cooperatingUnitIds ?? []).map(Number),
          },
    replies: replies
      .filter((x) => x.reply.instructionId === r.instruction.id)
      .map((x) => ({ ...x.reply, byName: x.byName, attachmentCount: Number(x.attachmentCount) })),
  }));
}

export async function findInstruction(db: Executor, id: number): Promise<InstructionRecord | null> {
  const rows = await baseSelect(db).where(eq(instructions.id, id));
  return rows.length ? (await withReplies(db, rows))[0]! : null;
}

export interface InstructionFilters {
  actor: ScopeActor & { id: number };
  asOf: string;
  box: 'all' | 'mine' | 'overdue';
  status?: InstructionStatus;
  projectId?: number;
  unitId?: number;
  leaderId?: number;
  subjectType?: InstructionSubject;
  subjectId?: number;
}

/** The instructions the actor may see (domain `canReadInstruction`). */
export function visibleInstructions(actor: ScopeActor): SQL {
  const region = inSubtree(instructions.regionCode, actor.regionCode);
  if (readsWholeRegion(actor)) return region;
  const own: SQL[] = [];
  if (actor.roles.includes('unit') && actor.unitId !== null) own.push(eq(instructions.unitId, actor.unitId));
  if (actor.roles.includes('leader') && actor.leaderId !== null)
    own.push(eq(instructions.leaderId, actor.leaderId), and(sql`${projects.id} is not null`, visibleProjects(actor))!);
  return own.length ? and(region, or(...own))! : sql`false`;
}

function whereOf(f: InstructionFilters): SQL {
  const a = f.actor;
  const conds: SQL[] = [visibleInstructions(a)];
  if (f.box === 'overdue') conds.push(sql`${instructions.status} <> 'accepted' and ${instructions.replyDeadline} < ${f.asOf}`);
  if (f.box === 'mine') {
    // a unit: those it must answer; a leader: their own waiting for a decision; the office: every reply waiting
    const mine: SQL[] = [];
    if (a.roles.includes('unit') && a.unitId !== null)
      mine.push(and(eq(instructions.unitId, a.unitId), inArray(instructions.status, ['open', 'returned']))!);
    if (a.roles.includes('leader') && a.leaderId !== null)
      mine.push(and(eq(instructions.leaderId, a.leaderId), eq(instructions.status, 'replied'))!);
    if (a.roles.includes('office') || a.roles.includes('admin')) mine.push(eq(instructions.status, 'replied'));
    conds.push(mine.length ? or(...mine)! : sql`false`);
  }
  if (f.status) conds.push(eq(instructions.status, f.status));
  if (f.projectId) conds.push(eq(instructions.projectId, f.projectId));
  if (f.unitId) conds.push(eq(instructions.unitId, f.unitId));
  if (f.leaderId) conds.push(eq(instructions.leaderId, f.leaderId));
  if (f.subjectType) conds.push(eq(instructions.subjectType, f.subjectType));
  if (f.subjectId) conds.push(eq(instructions.subjectId, f.subjectId));
  return and(...conds)!;
}

export async function listInstructions(db: Executor, f: InstructionFilters, page: { page: number; pageSize: number }) {
  const where = whereOf(f);
  const [rows, [count]] = await Promise.all([
    baseSelect(db)
      .where(where)
      .orderBy(asc(sql`${instructions.status} = 'accepted'`), asc(instructions.replyDeadline), desc(instructions.id))
      .limit(page.pageSize)
      .offset(offsetOf(page)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(instructions)
      .leftJoin(projects, eq(projects.id, instructions.projectId))
      .where(where),
  ]);
  return { records: await withReplies(db, rows), total: Number(count?.n ?? 0) };
}

export async function insertInstruction(db: Executor, values: typeof instructions.$inferInsert): Promise<number> {
  const [row] = await db.insert(instructions).values(values).returning({ id: instructions.id });
  return row!.id;
}

/** Versioned status change from one of `from`; the row, or undefined when stale. */
export async function updateInstructionStatus(
  db: Executor,
  id: number,
  version: number,
  from: readonly InstructionStatus[],
  set: { status: InstructionStatus; closedAt?: Date | null },
  at: Date,
): Promise<InstructionRow | undefined> {
  const [row] = await db
    .update(instructions)
    .set({ ...set, updatedAt: at, version: sql`${instructions.version} + 1` })
    .where(and(eq(instructions.id, id), eq(instructions.version, version), inArray(instructions.status, [...from])))
    .returning();
  return row;
}

export async function insertReply(db: Executor, values: typeof instructionReplies.$inferInsert): Promise<number> {
  const [row] = await db.insert(instructionReplies).values(values).returning({ id: instructionReplies.id });
  return row!.id;
}

/** Records the leader's answer on the waiting reply. */
export async function answerPendingReply(
  db: Executor,
  instructionId: number,
  outcome: 'accepted' | 'returned',
  note: string | null,
  by: number,
  at: Date,
): Promise<void> {
  await db
    .update(instructionReplies)
    .set({ outcome, outcomeNote: note, outcomeBy: by, outcomeAt: at })
    .where(and(eq(instructionReplies.instructionId, instructionId), eq(instructionReplies.outcome, 'pending')));
}

export async function findReply(db: Executor, id: number): Promise<InstructionReplyRow | null> {
  const [row] = await db.select().from(instructionReplies).where(eq(instructionReplies.id, id));
  return row ?? null;
}

export async function findLeader(db: Executor, id: number) {
  const [row] = await db.select({ id: leaders.id, regionCode: leaders.regionCode }).from(leaders).where(eq(leaders.id, id));
  return row ?? null;
}

export async function findUnit(db: Executor, id: number) {
  const [row] = await db.select({ id: units.id, regionCode: units.regionCode }).from(units).where(eq(units.id, id));
  return row ?? null;
}
