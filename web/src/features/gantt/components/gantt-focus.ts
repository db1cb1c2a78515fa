/**
 * The two meanings of "behind" on the Gantt, named apart: 逾期未完成 (overdue now — not finished and past
 * its latest finish, what 节点预警 counts) and 延期完成 (finished late — done after its plan). And the
 * portfolio Gantt's client-side focus: every node, only overdue nodes, or projects with any overdue node.
 */
import type { Gantt, GanttBar } from '@kpc/contracts';

export type GanttFocus = 'all' | 'overdueNodes' | 'overdueProjects';

export const isOverdueNow = (b: GanttBar): boolean => b.overdue;
export const isFinishedLate = (b: GanttBar): boolean => b.status === 'done' && b.late;

export function behindCounts(gantt: Gantt): { overdueNow: number; finishedLate: number } {
  const nodes = gantt.projects.flatMap((p) => p.nodes);
  return { overdueNow: nodes.filter(isOverdueNow).length, finishedLate: nodes.filter(isFinishedLate).length };
}

/** The loaded Gantt narrowed to the focus; node counts follow the nodes kept. */
export function focusGantt(gantt: Gantt, focus: GanttFocus): Gantt {
  if (focus === 'all') return gantt;
  const projects = gantt.projects
    .filter((p) => p.nodes.some(isOverdueNow))
    .map((p) => (focus === 'overdueNodes' ? { ...p, nodes: p.nodes.filter(isOverdueNow) } : p));
  return { ...gantt, projects, nodeCount: projects.reduce((n, p) => n + p.nodes.length, 0) };
}
