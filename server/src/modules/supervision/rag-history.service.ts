/**
 * Reading the colour history 颜色历史 (ADR 0010) the daily monitoring job writes: a project's spells in a
 * window with how long the spell in force has been red, and the projects whose colour changed between
 * two days ("what changed since last week"). Everyone who reads a project reads its history.
 */
import { and } from 'drizzle-orm';
import type { RagChanges, RagChangesQuery, RagHistory, RagHistoryQuery, RagRule } from '@kpc/contracts';
import { addDays, daysBetween, ragRank } from '@kpc/domain';
import { today } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { requireProjectRead, requireRegion } from '../../lib/policy.js';
import { findProjectRef, projectsInRegion, visibleProjects } from '../../lib/project-scope.js';
import type { RequestContext } from '../../lib/request-context.js';
import { projectSpellsOnDays, spellsBetween } from './rag-spells.repository.js';
import * as repo from './supervision.repository.js';

const HISTORY_DAYS = 90;

export async function getRagHistory(ctx: RequestContext, id: number, q: RagHistoryQuery): Promise<RagHistory> {
  const ref = await findProjectRef(ctx.db, id);
  if (!ref) throw new AppError('NOT_FOUND');
  requireProjectRead(ctx.actor, ref);
  const now = today(ctx.clock);
  const to = q.to ?? (q.from && q.from > now ? q.from : now);
  const from = q.from ?? addDays(to, -(HISTORY_DAYS - 1));
  const rows = await spellsBetween(ctx.db, 'project', id, from, to);
  const open = (await spellsBetween(ctx.db, 'project', id, now, now))[0];
  const redDays = open && open.rag === 'red' ? daysBetween(open.fromDate, now) + 1 : 0;
  return {
    projectId: id,
    from,
    to,
    spells: rows.map((s) => ({
      rag: s.rag,
      held: s.held,
      from: s.fromDate < from ? from : s.fromDate,
      to: s.toDate === null ? (to < now ? to : null) : s.toDate > to ? to : s.toDate,
      startedOn: s.fromDate,
      rules: s.rules as RagRule[],
    })),
    current: open ? { rag: open.rag, since: open.fromDate, redDays, weeksRed: Math.floor(redDays / 7) } : null,
  };
}

export async function getRagChanges(ctx: RequestContext, q: RagChangesQuery): Promise<RagChanges> {
  const regionCode = q.regionCode ?? ctx.actor.regionCode;
  requireRegion(ctx.actor, regionCode);
  const to = q.to ?? today(ctx.clock);
  const from = q.from ?? addDays(to, -7);
  const scope = and(visibleProjects(ctx.actor), projectsInRegion(regionCode))!;
  const spells = await projectSpellsOnDays(ctx.db, scope, [from, to]);
  const before = new Map(spells.filter((s) => s.day === from).map((s) => [s.projectId, s]));
  const after = spells.filter((s) => s.day === to && before.get(s.projectId)?.rag !== s.rag);
  const names = new Map(
    (await repo.projectsIn(ctx.db, and(scope, repo.idIn(after.map((s) => s.projectId)))!)).map((p) => [p.id, p]),
  );
  const items = after
    .filter((s) => names.has(s.projectId))
    .map((s) => ({
      projectId: s.projectId,
      code: names.get(s.projectId)!.code,
      name: names.get(s.projectId)!.name,
      before: before.get(s.projectId)?.rag ?? null,
      after: s.rag,
      since: s.fromDate,
      rules: s.rules as RagRule[],
    }))
    .sort((a, b) => ragRank(b.after) - ragRank(a.after) || a.code.localeCompare(b.code) || a.projectId - b.projectId);
  return { from, to, items };
}
