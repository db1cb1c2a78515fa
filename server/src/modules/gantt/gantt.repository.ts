/**
 * The SQL of the Gantt wall chart 挂图作战: three statements whatever the number of projects and nodes
 * (projects, their nodes with the current baseline, their dependencies), all filtered the same way;
 * a fourth, only when asked, brings the ledger items of all those projects.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  baselineNodes,
  leaders,
  ledgerItems,
  milestoneDependencies,
  milestones,
  milestoneTemplates,
  projects,
  scheduleBaselines,
  units,
} from '../../db/schema/index.js';

export async function ganttRows(db: Executor, where: SQL, withLedger = false) {
  const [projectRows, nodeRows, depRows, ledgerRows] = await Promise.all([
    db
      .select({
        id: projects.id,
        code: projects.code,
        name: projects.name,
        level: projects.level,
        stage: projects.stage,
        leaderName: leaders.name,
        leadUnitName: units.name,
        baselineNumber: scheduleBaselines.number,
        targetDate: scheduleBaselines.targetDate,
        calendarMode: sql<
          'calendar' | 'working'
        >`coalesce(${scheduleBaselines.calendarMode}, ${milestoneTemplates.calendarMode}, 'calendar')`,
      })
      .from(projects)
      .leftJoin(leaders, eq(leaders.id, projects.leaderId))
      .leftJoin(units, eq(units.id, projects.leadUnitId))
      .leftJoin(scheduleBaselines, and(eq(scheduleBaselines.projectId, projects.id), eq(scheduleBaselines.isCurrent, true)))
      .leftJoin(milestoneTemplates, eq(milestoneTemplates.category, projects.category))
      .where(where)
      .orderBy(asc(projects.code), asc(projects.id)),
    db
      .select({
        // only what the bars need: fewer columns to parse for thousands of rows
        m: {
          id: milestones.id,
          projectId: milestones.projectId,
          key: milestones.key,
          name: milestones.name,
          durationDays: milestones.durationDays,
          actualStart: milestones.actualStart,
          actualFinish: milestones.actualFinish,
          status: milestones.status,
        },
        latestStart: baselineNodes.latestStart,
        latestFinish: baselineNodes.latestFinish,
      })
      .from(milestones)
      .innerJoin(projects, eq(projects.id, milestones.projectId))
      .leftJoin(
        scheduleBaselines,
        and(eq(scheduleBaselines.projectId, milestones.projectId), eq(scheduleBaselines.isCurrent, true)),
      )
      .leftJoin(
        baselineNodes,
        and(eq(baselineNodes.baselineId, scheduleBaselines.id), eq(baselineNodes.milestoneId, milestones.id)),
      )
      .where(where)
      .orderBy(asc(milestones.projectId), asc(milestones.sortOrder), asc(milestones.id)),
    db
      .select({
        projectId: milestoneDependencies.projectId,
        predecessorId: milestoneDependencies.predecessorId,
        successorId: milestoneDependencies.successorId,
        lagDays: milestoneDependencies.lagDays,
      })
      .from(milestoneDependencies)
      .innerJoin(projects, eq(projects.id, milestoneDependencies.projectId))
      .where(where),
    withLedger ? ganttLedgerRows(db, where) : Promise.resolve([]),
  ]);
  return { projectRows, nodeRows, depRows, ledgerRows };
}

/** Every ledger item of the matching projects, in one statement, by project and 序号. */
function ganttLedgerRows(db: Executor, where: SQL) {
  return db
    .select({
      id: ledgerItems.id,
      projectId: ledgerItems.projectId,
      seq: ledgerItems.seq,
      content: ledgerItems.content,
      unitName: units.name,
      ownerName: ledgerItems.ownerName,
      status: ledgerItems.status,
      deadline: ledgerItems.deadline,
      recurring: ledgerItems.recurring,
      completedOn: ledgerItems.completedOn,
      focus: ledgerItems.focus,
      createdAt: ledgerItems.createdAt,
    })
    .from(ledgerItems)
    .innerJoin(projects, eq(projects.id, ledgerItems.projectId))
    .leftJoin(units, eq(units.id, ledgerItems.unitId))
    .where(where)
    .orderBy(asc(ledgerItems.projectId), asc(ledgerItems.seq), asc(ledgerItems.id));
}
