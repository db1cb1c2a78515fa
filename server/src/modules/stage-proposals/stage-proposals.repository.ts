/** All SQL of stage proposals 阶段变更申请: one with its project's scope and names, the scoped queue, the writes. */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { StageProposalStatus } from '@kpc/contracts';
import type { Executor } from '../../db/client.js';
import { attachments, projects, stageProposals, users } from '../../db/schema/index.js';
import { offsetOf } from '../../lib/query.js';
import { projectScopeColumns, visibleProjects, type ScopeActor } from '../../lib/project-scope.js';
import type { ProjectScope } from '../../lib/policy.js';

export type StageProposalRow = typeof stageProposals.$inferSelect;

export interface StageProposalRecord {
  proposal: StageProposalRow;
  project: ProjectScope & { id: number; code: string; name: string; stage: string };
  proposedByName: string;
  decidedByName: string | null;
  attachmentCount: number;
}

const decider = alias(users, 'decider');

function baseSelect(db: Executor) {
  return db
    .select({
      proposal: stageProposals,
      pid: projects.id,
      code: projects.code,
      name: projects.name,
      stage: projects.stage,
      ...projectScopeColumns,
      proposedByName: users.displayName,
      decidedByName: decider.displayName,
      attachmentCount: sql<number>`(select count(*)::int from ${attachments} a where a.entity = 'stage_proposal' and a.entity_id = ${stageProposals.id})`,
    })
    .from(stageProposals)
    .innerJoin(projects, eq(projects.id, stageProposals.projectId))
    .innerJoin(users, eq(users.id, stageProposals.proposedBy))
    .leftJoin(decider, eq(decider.id, stageProposals.decidedBy));
}

type Selected = Awaited<ReturnType<ReturnType<typeof baseSelect>['where']>>[number];

const toRecord = (r: Selected): StageProposalRecord => ({
  proposal: r.proposal,
  project: {
    id: r.pid,
    code: r.code,
    name: r.name,
    stage: r.stage,
    regionCode: r.regionCode,
    leadUnitId: r.leadUnitId,
    enterpriseId: r.enterpriseId,
    leaderId: r.leaderId,
    cooperatingUnitIds: (r.cooperatingUnitIds ?? []).map(Number),
  },
  proposedByName: r.proposedByName,
  decidedByName: r.decidedByName,
  attachmentCount: Number(r.attachmentCount),
});

export async function findStageProposal(db: Executor, id: number): Promise<StageProposalRecord | null> {
  const [r] = await baseSelect(db).where(eq(stageProposals.id, id));
  return r ? toRecord(r) : null;
}

export interface StageProposalFilters {
  actor: ScopeActor;
  status?: StageProposalStatus;
  projectId?: number;
}

/** The proposals of the projects the actor may see, newest first. */
export async function listStageProposals(
  db: Executor,
  f: StageProposalFilters,
  page: { page: number; pageSize: number },
): Promise<{ records: StageProposalRecord[]; total: number }> {
  const conds: SQL[] = [visibleProjects(f.actor)];
  if (f.status) conds.push(eq(stageProposals.status, f.status));
  if (f.projectId) conds.push(eq(stageProposals.projectId, f.projectId));
  const where = and(...conds);
  const [rows, [count]] = await Promise.all([
    baseSelect(db)
      .where(where)
      .orderBy(desc(stageProposals.proposedAt), desc(stageProposals.id))
      .limit(page.pageSize)
      .offset(offsetOf(page)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(stageProposals)
      .innerJoin(projects, eq(projects.id, stageProposals.projectId))
      .where(where),
  ]);
  return { records: rows.map(toRecord), total: Number(count?.n ?? 0) };
}

/** Locks the project row for the rest of the transaction: one open proposal per project, however many propose at once. */
export async function lockProject(db: Executor, projectId: number): Promise<void> {
  await db.execute(sql`select id from ${projects} where ${projects.id} = ${projectId} for update`);
}

export async function openProposalOf(db: Executor, projectId: number): Promise<number | null> {
  const [r] = await db
    .select({ id: stageProposals.id })
    .from(stageProposals)
    .where(and(eq(stageProposals.projectId, projectId), eq(stageProposals.status, 'proposed')));
  return r?.id ?? null;
}

export async function insertStageProposal(db: Executor, row: typeof stageProposals.$inferInsert): Promise<number> {
  const [r] = await db.insert(stageProposals).values(row).returning({ id: stageProposals.id });
  return r!.id;
}
