/**
 * The ids of the projects behind a dashboard figure that the project list has no single filter for
 * (provincial + municipal, projects with a contracting leader, a lead unit's projects). Reads the list
 * with the nearest filter and narrows it here; beyond what an ?ids= link carries, returns null and the
 * caller falls back to the filter alone.
 */
import type { Project } from '@kpc/contracts';
import { api, type Page } from '../../../lib/api';

/** The project list accepts at most 500 ids in ?ids=. */
const MAX_IDS = 500;
const PAGE = 200;

export async function drillProjectIds(
  filter: Record<string, string | number | undefined>,
  keep: (p: Project) => boolean,
): Promise<number[] | null> {
  const ids: number[] = [];
  for (let page = 1; ; page++) {
    const r = await api.get<Page<Project>>('/projects', { query: { ...filter, page, pageSize: PAGE } });
    if (r.total > MAX_IDS * 4) return null;
    ids.push(...r.items.filter(keep).map((p) => p.id));
    if (ids.length > MAX_IDS) return null;
    if (page * PAGE >= r.total) return ids;
  }
}
