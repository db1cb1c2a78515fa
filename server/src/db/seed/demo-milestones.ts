/**
 * Milestone templates per project category, and for every demo project its nodes with a baseline
 * computed backwards from its planned commissioning (or completion) date, actual dates that match
 * its stage, and a few nodes left overdue. Deterministic: the same records on every fresh start.
 */
import { asc, eq } from 'drizzle-orm';
import type { ProjectCategory, Stage } from '@kpc/contracts';
import { addDays, backwardSchedule, milestoneStatusOf, stageIndex, type CalendarMode } from '@kpc/domain';
import type { Tx } from '../client.js';
import type { Clock } from '../../lib/clock.js';
import { today } from '../../lib/clock.js';
import {
  baselineNodes,
  milestoneDependencies,
  milestones,
  milestoneTemplates,
  projects,
  scheduleBaselines,
  templateDependencies,
  templateNodes,
} from '../schema/index.js';

interface TemplateDef {
  category: ProjectCategory;
  name: string;
  calendarMode: CalendarMode;
  /** key, name, standard duration in days */
  nodes: [string, string, number][];
  /** predecessor, successor, lag days */
  deps: [string, string, number][];
}

/** Standard nodes and durations, as district offices plan them (durations in the template's days). */
export const milestoneTemplateDefs: TemplateDef[] = [
  {
    category: 'industry',
    name: '工业项目节点模板',
    calendarMode: 'calendar',
    nodes: [
      ['land', '土地供应', 60],
      ['env_approval', '环评批复', 45],
      ['planning_permit', '规划许可', 30],
      ['construction_permit', '施工许可', 20],
      ['foundation', '基础施工', 60],
      ['main_structure', '主体施工', 150],
      ['equipment_installation', '设备安装', 90],
      ['trial_production', '试生产', 30],
    ],
    deps: [
      ['land', 'planning_permit', 0],
      ['land', 'env_approval', 0],
      ['planning_permit', 'construction_permit', 0],
      ['env_approval', 'construction_permit', 0],
      ['construction_permit', 'foundation', 7],
      ['foundation', 'main_structure', 0],
      ['main_structure', 'equipment_installation', 0],
      ['equipment_installation', 'trial_production', 0],
    ],
  },
  {
    category: 'infrastructure',
    name: '基础设施项目节点模板',
    calendarMode: 'calendar',
    nodes: [
      ['project_approval', '立项审批', 30],
      ['land', '土地征迁', 90],
      ['planning_permit', '规划许可', 30],
      ['construction_permit', '施工许可', 20],
      ['foundation', '路基与基础', 90],
      ['main_structure', '主体工程', 180],
      ['ancillary_works', '配套管网', 60],
      ['completion_acceptance', '竣工验收', 20],
    ],
    deps: [
      ['project_approval', 'land', 0],
      ['project_approval', 'planning_permit', 0],
      ['land', 'construction_permit', 0],
      ['planning_permit', 'construction_permit', 0],
      ['construction_permit', 'foundation', 7],
      ['foundation', 'main_structure', 0],
      ['foundation', 'ancillary_works', 30],
      ['main_structure', 'completion_acceptance', 0],
      ['ancillary_works', 'completion_acceptance', 0],
    ],
  },
  {
    category: 'social',
    name: '社会事业项目节点模板',
    calendarMode: 'working',
    nodes: [
      ['project_approval', '立项审批', 20],
      ['land', '土地供应', 30],
      ['planning_permit', '规划许可', 20],
      ['construction_permit', '施工许可', 15],
      ['foundation', '基础施工', 40],
      ['main_structure', '主体施工', 100],
      ['decoration', '装饰装修', 60],
      ['equipment_installation', '设备安装', 30],
      ['completion_acceptance', '竣工验收', 10],
      ['handover', '交付使用', 10],
    ],
    deps: [
      ['project_approval', 'land', 0],
      ['land', 'planning_permit', 0],
      ['planning_permit', 'construction_permit', 0],
      ['construction_permit', 'foundation', 5],
      ['foundation', 'main_structure', 0],
      ['main_structure', 'decoration', 0],
      ['main_structure', 'equipment_installation', 10],
      ['decoration', 'completion_acceptance', 0],
      ['equipment_installation', 'completion_acceptance', 0],
      ['completion_acceptance', 'handover', 0],
    ],
  },
  {
    category: 'ecology',
    name: '生态环保项目节点模板',
    calendarMode: 'calendar',
    nodes: [
      ['project_approval', '立项审批', 30],
      ['env_approval', '环评批复', 45],
      ['land', '土地供应', 60],
      ['construction_permit', '施工许可', 20],
      ['foundation', '土方与基础', 60],
      ['main_structure', '主体及管网', 150],
      ['equipment_installation', '设备安装', 60],
      ['trial_operation', '试运行', 30],
    ],
    deps: [
      ['project_approval', 'env_approval', 0],
      ['project_approval', 'land', 0],
      ['env_approval', 'construction_permit', 0],
      ['land', 'construction_permit', 0],
      ['construction_permit', 'foundation', 7],
      ['foundation', 'main_structure', 0],
      ['main_structure', 'equipment_installation', 0],
      ['equipment_installation', 'trial_operation', 0],
    ],
  },
  {
    category: 'agriculture',
    name: '农业项目节点模板',
    calendarMode: 'calendar',
    nodes: [
      ['land', '土地流转', 45],
      ['planning_permit', '设施农用地备案', 20],
      ['construction_permit', '施工许可', 15],
      ['foundation', '场地平整与基础', 30],
      ['main_structure', '棚舍主体', 90],
      ['equipment_installation', '设备安装', 45],
      ['trial_production', '试生产', 30],
    ],
    deps: [
      ['land', 'planning_permit', 0],
      ['planning_permit', 'construction_permit', 0],
      ['construction_permit', 'foundation', 3],
      ['foundation', 'main_structure', 0],
      ['main_structure', 'equipment_installation', 0],
      ['equipment_installation', 'trial_production', 0],
    ],
  },
  {
    category: 'services',
    name: '服务业项目节点模板',
    calendarMode: 'working',
    nodes: [
      ['land', '土地供应', 40],
      ['planning_permit', '规划许可', 25],
      ['construction_permit', '施工许可', 15],
      ['foundation', '基础施工', 40],
      ['main_structure', '主体施工', 120],
      ['decoration', '装饰装修', 50],
      ['completion_acceptance', '竣工验收', 10],
      ['opening', '开业运营', 5],
    ],
    deps: [
      ['land', 'planning_permit', 0],
      ['planning_permit', 'construction_permit', 0],
      ['construction_permit', 'foundation', 5],
      ['foundation', 'main_structure', 0],
      ['main_structure', 'decoration', 0],
      ['decoration', 'completion_acceptance', 0],
      ['completion_acceptance', 'opening', 0],
    ],
  },
];

/** Inserts the category templates (skipping categories that already have one). */
export async function seedMilestoneTemplates(tx: Tx, clock: Clock): Promise<void> {
  for (const def of milestoneTemplateDefs) {
    const [t] = await tx
      .insert(milestoneTemplates)
      .values({ category: def.category, name: def.name, calendarMode: def.calendarMode, updatedAt: clock.now() })
      .onConflictDoNothing()
      .returning({ id: milestoneTemplates.id });
    if (!t) continue;
    await tx
      .insert(templateNodes)
      .values(def.nodes.map(([key, name, durationDays], i) => ({ templateId: t.id, key, name, durationDays, sortOrder: i + 1 })));
    await tx
      .insert(templateDependencies)
      .values(
        def.deps.map(([predecessorKey, successorKey, lagDays]) => ({ templateId: t.id, predecessorKey, successorKey, lagDays })),
      );
  }
}

/** Share of a project's nodes finished by the time it reached each stage (nodes are in plan order). */
const doneShare: Record<Stage, number> = {
  planned: 0,
  signed: 0.15,
  started: 0.45,
  building: 0.6,
  completed: 0.8,
  producing: 1,
  at_target: 1,
};

/** A small deterministic jitter per project and node, in days. */
const jitter = (projectId: number, i: number, span: number, offset = 0) => ((projectId * 7 + i * 13) % span) - offset;

export async function seedMilestones(tx: Tx, clock: Clock): Promise<void> {
  await seedMilestoneTemplates(tx, clock);
  const asOf = today(clock);
  const now = clock.now();
  const templates = new Map<string, { id: number; calendarMode: CalendarMode }>();
  for (const t of await tx.select().from(milestoneTemplates)) templates.set(t.category, t);
  const projectRows = await tx.select().from(projects).orderBy(asc(projects.id));
  for (const p of projectRows) {
    const template = templates.get(p.category);
    if (!template) continue;
    const nodes = await tx
      .select()
      .from(templateNodes)
      .where(eq(templateNodes.templateId, template.id))
      .orderBy(asc(templateNodes.sortOrder));
    const deps = await tx.select().from(templateDependencies).where(eq(templateDependencies.templateId, template.id));
    const target = p.plannedCommissioningDate ?? p.plannedCompletionDate ?? addDays(p.plannedStartDate ?? asOf, 540);
    const plan = backwardSchedule(
      nodes.map((n) => ({ key: n.key, durationDays: n.durationDays })),
      deps,
      target,
      { mode: template.calendarMode, asOf: '1970-01-01' },
    );
    const planOf = new Map(plan.nodes.map((n) => [n.key, n]));

    // Actual dates: the first share of nodes (by plan order) is done, the next one is under way.
    const order = [...nodes].sort((a, b) => planOf.get(a.key)!.latestStart.localeCompare(planOf.get(b.key)!.latestStart));
    const doneCount = Math.round(doneShare[p.stage] * nodes.length);
    // Every fifth project under construction leaves its due node unfinished: an overdue node for the demo.
    const stalled = stageIndex(p.stage) >= stageIndex('started') && p.id % 5 === 0;
    const actual = new Map<string, { actualStart: string | null; actualFinish: string | null }>();
    order.forEach((n, i) => {
      const planned = planOf.get(n.key)!;
      let start = addDays(planned.latestStart, jitter(p.id, i, 15, 5));
      let finish: string | null = addDays(planned.latestFinish, jitter(p.id, i, 21, 8));
      if (finish < start) finish = start;
      const isDone = i < doneCount && !(stalled && i === doneCount - 1);
      const inProgress = i === doneCount || (stalled && i === doneCount - 1);
      // The stage says this node is done even where the plan put it later: it finished early, before today.
      if (isDone && finish > asOf) {
        finish = addDays(asOf, -(doneCount - i) * 6 - 1);
        const earliest = addDays(finish, -Math.max(0, n.durationDays - 1));
        start = start < earliest ? start : earliest;
      }
      if (isDone) actual.set(n.key, { actualStart: start, actualFinish: finish });
      else if (inProgress && start <= asOf) actual.set(n.key, { actualStart: start, actualFinish: null });
    });

    const inserted = await tx
      .insert(milestones)
      .values(
        nodes.map((n) => {
          const a = actual.get(n.key) ?? { actualStart: null, actualFinish: null };
          return {
            projectId: p.id,
            key: n.key,
            name: n.name,
            durationDays: n.durationDays,
            sortOrder: n.sortOrder,
            ...a,
            status: milestoneStatusOf(a),
            updatedAt: now,
          };
        }),
      )
      .returning({ id: milestones.id, key: milestones.key });
    const idOf = new Map(inserted.map((m) => [m.key, m.id]));
    if (deps.length)
      await tx.insert(milestoneDependencies).values(
        deps.map((d) => ({
          projectId: p.id,
          predecessorId: idOf.get(d.predecessorKey)!,
          successorId: idOf.get(d.successorKey)!,
          lagDays: d.lagDays,
        })),
      );
    const [baseline] = await tx
      .insert(scheduleBaselines)
      .values({
        projectId: p.id,
        number: 1,
        targetDate: target,
        calendarMode: template.calendarMode,
        isCurrent: true,
        createdBy: null,
        createdAt: now,
      })
      .returning({ id: scheduleBaselines.id });
    await tx.insert(baselineNodes).values(
      plan.nodes.map((n) => ({
        baselineId: baseline!.id,
        milestoneId: idOf.get(n.key)!,
        latestStart: n.latestStart,
        latestFinish: n.latestFinish,
      })),
    );
  }
}
