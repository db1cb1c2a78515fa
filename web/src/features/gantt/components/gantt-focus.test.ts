import { describe, expect, it } from 'vitest';
import type { Gantt, GanttBar } from '@kpc/contracts';
import { behindCounts, focusGantt } from './gantt-focus';

const bar = (over: Partial<GanttBar>): GanttBar => ({ status: 'not_started', late: false, overdue: false, ...over }) as GanttBar;
const project = (id: number, nodes: GanttBar[]) => ({ id, nodes }) as unknown as Gantt['projects'][number];

const gantt: Gantt = {
  today: '2026-12-02',
  nodeCount: 5,
  projects: [
    project(1, [bar({ status: 'done', late: true }), bar({ status: 'in_progress', late: true, overdue: true })]),
    project(2, [bar({ status: 'done' }), bar({ late: true })]),
    project(3, [bar({ late: true, overdue: true })]),
  ],
};

describe('gantt focus', () => {
  it('counts overdue-now and finished-late nodes apart (a forecast slip is neither)', () => {
    expect(behindCounts(gantt)).toEqual({ overdueNow: 2, finishedLate: 1 });
  });
  it('keeps only overdue nodes, or whole projects with any, and recounts the nodes', () => {
    const nodes = focusGantt(gantt, 'overdueNodes');
    expect(nodes.projects.map((p) => [p.id, p.nodes.length])).toEqual([
      [1, 1],
      [3, 1],
    ]);
    expect(nodes.nodeCount).toBe(2);
    const projects = focusGantt(gantt, 'overdueProjects');
    expect(projects.projects.map((p) => p.id)).toEqual([1, 3]);
    expect(projects.nodeCount).toBe(3);
    expect(focusGantt(gantt, 'all')).toBe(gantt);
  });
});
