/**
 * All SQL of `escalations`, the steps of the escalation ladder 问责阶梯: the open red spells that may have
 * earned a step (with the steps each already has), the lists, the writes, and the presenter's joins.
 */
import { and, asc, desc, eq, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { EscalationStatus, EscalationStep } from '@kpc/contracts';
import type { Executor } from '../../db/client.js';
import { escalations, meetings, projects, ragSpells, units, users } from '../../db/schema/index.js';

export type EscalationRow = typeof escalations.$inferSelect;
export type NewEscalation = typeof escalations.$inferInsert;

export interface EscalationRecord {
  row: EscalationRow;
  projectCode: string;
  projectName: string;
  projectRegionCode: string;
  unitName: string | null;
  proposer: string | null;
  decider: string | null;
  meetingTitle: string | null;
}

const proposer = alias(users, 'proposer');
const decider = alias(users, 'decider');

function baseSelect(db: Executor) {
  return db
    .select({
      row: escalations,
      projectCode: projects.code,
      projectName: projects.name,
      projectRegionCode: projects.regionCode,
      unitName: units.name,
      proposer: proposer.displayName,
      decider: decider.displayName,
      meetingTitle: meetings.title,
    })
    .from(escalations)
    .innerJoin(projects, eq(projects.id, escalations.projectId))
    .leftJoin(units, eq(units.id, escalations.unitId))
    .leftJoin(proposer, eq(proposer.id, escalations.proposedBy))
    .leftJoin(decider, eq(decider.id, escalations.decidedBy))
    .leftJoin(meetings, eq(meetings.id, escalations.meetingId));
}

export async function findEscalation(db: Executor, id: number): Promise<EscalationRecord | null> {
  const [r] = await baseSelect(db).where(eq(escalations.id, id));
  return r ?? null;
}

/** Escalations of the projects matching `projectScope` (a condition on `projects`), newest first. */
export function listEscalations(
  db: Executor,
  projectScope: SQL,
  f: { status?: EscalationStatus | undefined; step?: EscalationStep | undefined; projectId?: number | undefined },
): Promise<EscalationRecord[]> {
  const conds: SQL[] = [projectScope];
  if (f.status) conds.push(eq(escalations.status, f.status));
  if (f.step) conds.push(eq(escalations.step, f.step));
  if (f.projectId) conds.push(eq(escalations.projectId, f.projectId));
  return baseSelect(db)
    .where(and(...conds))
    .orderBy(desc(escalations.proposedAt), desc(escalations.id))
    .limit(1000);
}

/** Proposed steps in scope, oldest first (the workbench's 待确认). */
export const proposedIn = (db: Executor, projectScope: SQL): Promise<EscalationRecord[]> =>
  baseSelect(db)
    .where(and(projectScope, eq(escalations.status, 'proposed')))
    .orderBy(asc(escalations.proposedAt), asc(escalations.id))
    .limit(500);

/** Confirmed statements 表态发言 not made yet, of projects matching the scope. */
export const pendingStatements = (db: Executor, projectScope: SQL): Promise<EscalationRecord[]> =>
  baseSelect(db)
    .where(and(projectScope, eq(escalations.step, 'statement'), eq(escalations.status, 'confirmed'), isNull(escalations.doneAt)))
    .orderBy(asc(escalations.decidedAt), asc(escalations.id));

export const statementsMadeAt = (db: Executor, meetingId: number, projectScope: SQL): Promise<EscalationRecord[]> =>
  baseSelect(db)
    .where(and(projectScope, eq(escalations.meetingId, meetingId), eq(escalations.step, 'statement')))
    .orderBy(asc(escalations.doneAt), asc(escalations.id));

/** An open red spell that has lasted at least the ladder's first step, with its project and its steps. */
export interface RedSpellCandidate {
  spellId: number;
  projectId: number;
  regionCode: string;
  leadUnitId: number | null;
  fromDate: string;
  rules: string[];
  steps: EscalationStep[];
}

/**
 * Every open red spell of a project in `projectScope` red since `redSince` or earlier, with the steps
 * already recorded on it — one statement, however many projects.
 */
export async function redSpellCandidates(db: Executor, projectScope: SQL, redSince: string): Promise<RedSpellCandidate[]> {
  const rows = await db
    .select({
      spellId: ragSpells.id,
      projectId: projects.id,
      regionCode: projects.regionCode,
      leadUnitId: projects.leadUnitId,
      fromDate: ragSpells.fromDate,
      rules: ragSpells.rules,
      steps: sql<EscalationStep[]>`coalesce((select array_agg(e.step) from ${escalations} e
        where e.project_id = ${projects.id} and e.spell_id = ${ragSpells.id}), '{}')`,
    })
    .from(ragSpells)
    .innerJoin(projects, eq(projects.id, ragSpells.subjectId))
    .where(
      and(
        eq(ragSpells.subjectType, 'project'),
        isNull(ragSpells.toDate),
        eq(ragSpells.rag, 'red'),
        lte(ragSpells.fromDate, redSince),
        projectScope,
      ),
    );
  return rows;
}

/** The open red spell of a project, if it is red now. */
export async function openRedSpell(db: Executor, projectId: number) {
  const [r] = await db
    .select()
    .from(ragSpells)
    .where(
      and(
        eq(ragSpells.subjectType, 'project'),
        eq(ragSpells.subjectId, projectId),
        isNull(ragSpells.toDate),
        eq(ragSpells.rag, 'red'),
      ),
    );
  return r ?? null;
}

/** Rows per insert: at 14 parameters a row, well under PostgreSQL's 65,535 parameters of one statement. */
const INSERT_BATCH = 1000;

/** Inserts the rows, skipping any (project, step, spell) already there; returns the rows written. */
export async function insertEscalations(db: Executor, rows: NewEscalation[]): Promise<EscalationRow[]> {
  const out: EscalationRow[] = [];
  for (let i = 0; i < rows.length; i += INSERT_BATCH)
    out.push(
      ...(await db
        .insert(escalations)
        .values(rows.slice(i, i + INSERT_BATCH))
        .onConflictDoNothing()
        .returning()),
    );
  return out;
}

/** The active accounts of these units and of these leaders, by unit and by leader (the notices' recipients). */
export async function accountsOf(db: Executor, unitIds: number[], leaderIds: number[]) {
  const byUnit = new Map<number, number[]>();
  const byLeader = new Map<number, number[]>();
  const who: SQL[] = [];
  if (unitIds.length) who.push(inArray(users.unitId, unitIds));
  if (leaderIds.length) who.push(inArray(users.leaderId, leaderIds));
  if (who.length === 0) return { byUnit, byLeader };
  const rows = await db
    .select({ id: users.id, unitId: users.unitId, leaderId: users.leaderId })
    .from(users)
    .where(and(eq(users.disabled, false), or(...who)))
    .orderBy(asc(users.id));
  for (const r of rows) {
    if (r.unitId !== null) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r.id]);
    if (r.leaderId !== null) byLeader.set(r.leaderId, [...(byLeader.get(r.leaderId) ?? []), r.id]);
  }
  return { byUnit, byLeader };
}

export async function projectsOf(db: Executor, projectIds: number[]) {
  if (projectIds.length === 0)
    return new Map<number, { id: number; name: string; code: string; leaderId: number | null; regionCode: string }>();
  const rows = await db
    .select({
      id: projects.id,
      name: projects.name,
      code: projects.code,
      leaderId: projects.leaderId,
      regionCode: projects.regionCode,
    })
    .from(projects)
    .where(inArray(projects.id, projectIds));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function meetingOf(db: Executor, meetingId: number) {
  const [r] = await db
    .select({ id: meetings.id, kind: meetings.kind, regionCode: meetings.regionCode, title: meetings.title })
    .from(meetings)
    .where(eq(meetings.id, meetingId));
  return r ?? null;
}

export const byIds = (db: Executor, ids: number[]): Promise<EscalationRecord[]> =>
  ids.length ? baseSelect(db).where(inArray(escalations.id, ids)).orderBy(asc(escalations.id)) : Promise.resolve([]);

/** Code and name of each project, by id (the workbench's overdue rows). */
export async function projectNames(db: Executor, ids: number[]): Promise<Map<number, { code: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: projects.id, code: projects.code, name: projects.name })
    .from(projects)
    .where(inArray(projects.id, ids));
  return new Map(rows.map((r) => [r.id, { code: r.code, name: r.name }]));
}
