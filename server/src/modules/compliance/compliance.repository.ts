/**
 * All SQL of the weekly quota: who it applies to in a region (its active contracting leaders, and
 * the task-force heads with an account of their own that is not a leader's), their site checks and
 * the problems they solved on site in a span of instants. Read only: checks and problems are written
 * by their own modules.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { QuotaCheck, QuotaPerson, QuotaSolution } from '@kpc/domain';
import type { Executor } from '../../db/client.js';
import { inSubtree } from '../../lib/query.js';

async function rows<T>(db: Executor, q: SQL): Promise<T[]> {
  const r = (await db.execute(q)) as unknown as { rows: T[] };
  return r.rows;
}

/**
 * The region's people under the quota. A task-force head (task_force_members.post = 'head') counts by
 * the account linked to the member row, on a project of the region; an account that is also a
 * leader's is counted once, as the leader.
 */
export async function peopleOf(db: Executor, regionCode: string): Promise<QuotaPerson[]> {
  const leaders = await rows<{ id: number; name: string }>(
    db,
    sql`select id, name from leaders where active and ${inSubtree(sql.raw('region_code'), regionCode)} order by id`,
  );
  const heads = await rows<{ id: number; name: string }>(
    db,
    sql`select distinct u.id, u.display_name as name
      from task_force_members tfm
        join projects p on p.id = tfm.project_id
        join users u on u.id = tfm.user_id
      where tfm.post = 'head' and u.leader_id is null and not u.disabled
        and ${inSubtree(sql.raw('p.region_code'), regionCode)}
      order by u.id`,
  );
  return [
    ...leaders.map((l) => ({ personType: 'leader' as const, personId: Number(l.id), name: l.name })),
    ...heads.map((h) => ({ personType: 'task_force_head' as const, personId: Number(h.id), name: h.name })),
  ];
}

const idList = (ids: number[]) =>
  ids.length
    ? sql.join(
        ids.map((i) => sql`${i}`),
        sql`, `,
      )
    : sql`null`;

/** Site checks in [start, end) by the given leaders, or by the given heads' accounts without a leader. */
export async function checksBetween(
  db: Executor,
  leaderIds: number[],
  userIds: number[],
  start: Date,
  end: Date,
): Promise<QuotaCheck[]> {
  if (!leaderIds.length && !userIds.length) return [];
  const r = await rows<{ leader_id: number | null; user_id: number | null; checked_at: string | Date }>(
    db,
    sql`select leader_id, user_id, checked_at from site_checks
      where checked_at >= ${start.toISOString()}::timestamptz and checked_at < ${end.toISOString()}::timestamptz
        and (leader_id in (${idList(leaderIds)}) or (leader_id is null and user_id in (${idList(userIds)})))`,
  );
  return r.map((x) => ({
    leaderId: x.leader_id === null ? null : Number(x.leader_id),
    userId: x.user_id === null ? null : Number(x.user_id),
    checkedAt: new Date(x.checked_at),
  }));
}

/**
 * Problems solved on site with their moment in [start, end), by the given leaders or heads: solved in
 * a site check or at a meeting other than a weekly one (an on-site office or review meeting), still
 * resolved or verified. Without a recorded moment, noon of the day it was resolved.
 */
export async function solutionsBetween(
  db: Executor,
  leaderIds: number[],
  userIds: number[],
  start: Date,
  end: Date,
): Promise<QuotaSolution[]> {
  if (!leaderIds.length && !userIds.length) return [];
  const at = sql`coalesce(pr.solved_at, (pr.resolved_on::timestamp + interval '12 hours') at time zone 'Asia/Shanghai')`;
  const r = await rows<{ solved_by_leader_id: number | null; solved_by_user_id: number | null; at: string | Date }>(
    db,
    sql`select pr.solved_by_leader_id, pr.solved_by_user_id, ${at} as at
      from problems pr left join meetings m on m.id = pr.solved_in_meeting_id
      where pr.solved_on_site and pr.status in ('resolved', 'verified')
        and (m.id is null or m.kind <> 'weekly')
        and ${at} >= ${start.toISOString()}::timestamptz and ${at} < ${end.toISOString()}::timestamptz
        and (pr.solved_by_leader_id in (${idList(leaderIds)})
          or (pr.solved_by_leader_id is null and pr.solved_by_user_id in (${idList(userIds)})))`,
  );
  return r.map((x) => ({
    solvedByLeaderId: x.solved_by_leader_id === null ? null : Number(x.solved_by_leader_id),
    solvedByUserId: x.solved_by_user_id === null ? null : Number(x.solved_by_user_id),
    solvedAt: new Date(x.at),
  }));
}
