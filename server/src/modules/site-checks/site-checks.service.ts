/**
 * Site checks 实地检查: log one (with problems raised and solved on the spot, in one transaction), list,
 * read; the projects and open problems the form offers. Stored once per account and client key: the same
 * key again answers the first record (200), whatever the network did to the first answer.
 */
import type { CreateSiteCheckBody, ListSiteChecksQuery, ProblemRef, SiteCheck, SiteCheckTargets } from '@kpc/contracts';
import { createSiteCheckBody, siteCheckMessages } from '@kpc/contracts';
import { isSiteCheckFlagged, shanghaiDate, siteCheckDistanceM } from '@kpc/domain';
import type { Executor } from '../../db/client.js';
import { raiseProblems } from '../../commands/raise-problems.js';
import { solveProblemsOnSite } from '../../commands/solve-problems-on-site.js';
import { recordBurden } from '../../commands/record-burden.js';
import { writeAudit } from '../../lib/audit.js';
import { AppError } from '../../lib/errors.js';
import type { Actor } from '../../lib/policy.js';
import { findProjectRef } from '../../lib/project-scope.js';
import { pgErrorCode } from '../../lib/query.js';
import { fieldError, type RequestContext } from '../../lib/request-context.js';
import { loadSettings } from '../settings/settings.service.js';
import { siteCheckPolicy } from './site-checks.policy.js';
import * as repo from './site-checks.repository.js';

/** A phone's clock may run a little ahead of the server's. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

const presentProblem = (r: repo.ProblemJoin): ProblemRef => ({
  id: r.p.id,
  projectId: r.p.projectId,
  projectName: r.projectName,
  category: r.p.category,
  description: r.p.description,
  status: r.p.status,
  deadline: r.p.deadline,
  unitName: r.unitName,
  resolution: r.p.resolution,
  solvedByLeaderName: r.solvedByLeaderName,
  version: r.p.version,
});

/** The flag distance in force for each region, read once per request. */
function flagDistances(db: Executor) {
  const cache = new Map<string, Promise<number>>();
  return (regionCode: string) => {
    let v = cache.get(regionCode);
    if (!v) {
      v = loadSettings(db, regionCode).then((s) => s.siteCheckFlagDistanceM);
      cache.set(regionCode, v);
    }
    return v;
  };
}

async function present(
  db: Executor,
  actor: Actor,
  r: repo.SiteCheckRecord,
  flagOf: (regionCode: string) => Promise<number>,
  problems?: repo.ProblemJoin[],
): Promise<SiteCheck> {
  const c = r.c;
  const flagDistanceM = await flagOf(r.project.regionCode);
  const ps = problems ?? (await repo.problemsOfCheck(db, c.id));
  return {
    id: c.id,
    projectId: c.projectId,
    projectCode: r.projectCode,
    projectName: r.projectName,
    regionCode: r.project.regionCode,
    leaderId: c.leaderId,
    userId: c.userId,
    checkerName: c.checkerName,
    checkedAt: c.checkedAt.toISOString(),
    checkedOn: shanghaiDate(c.checkedAt),
    locationStatus: c.locationStatus,
    lat: c.lat,
    lng: c.lng,
    accuracyM: c.accuracyM,
    distanceM: c.distanceM,
    flagged: isSiteCheckFlagged(c.distanceM, flagDistanceM),
    flagDistanceM,
    findings: c.findings,
    problemsRaised: ps.filter((p) => p.p.raisedInSiteCheckId === c.id).map(presentProblem),
    problemsSolved: ps.filter((p) => p.p.solvedInSiteCheckId === c.id).map(presentProblem),
    photoCount: r.photoCount,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    permissions: { upload: siteCheckPolicy.canUpload(actor, r) },
  };
}

/** The check, or 404 when it does not exist or the actor may not read it. */
export async function loadReadable(db: Executor, actor: Actor, id: number): Promise<repo.SiteCheckRecord> {
  const r = await repo.findSiteCheck(db, id);
  if (!r || !siteCheckPolicy.canRead(actor, r)) throw new AppError('NOT_FOUND');
  return r;
}

export async function getSiteCheck(ctx: RequestContext, id: number): Promise<SiteCheck> {
  const r = await loadReadable(ctx.db, ctx.actor, id);
  return present(ctx.db, ctx.actor, r, flagDistances(ctx.db));
}

export async function listSiteChecks(ctx: RequestContext, q: ListSiteChecksQuery) {
  const { records, total } = await repo.listSiteChecks(ctx.db, ctx.actor, q);
  const flagOf = flagDistances(ctx.db);
  const items = await Promise.all(records.map((r) => present(ctx.db, ctx.actor, r, flagOf)));
  return { items, total };
}

export async function siteCheckTargets(ctx: RequestContext): Promise<SiteCheckTargets> {
  const projects = await repo.checkableProjects(ctx.db, ctx.actor);
  const open = await repo.openProblemsOf(
    ctx.db,
    projects.map((p) => p.id),
  );
  return {
    canCreate: projects.length > 0,
    checkerName: projects.length > 0 ? ctx.actor.displayName : null,
    flagDistanceM: (await loadSettings(ctx.db, ctx.actor.regionCode)).siteCheckFlagDistanceM,
    projects: projects.map((p) => ({
      projectId: p.id,
      projectCode: p.code,
      projectName: p.name,
      lat: p.lat,
      lng: p.lng,
      openProblems: open.filter((o) => o.p.projectId === p.id).map(presentProblem),
    })),
  };
}

type CreateInput = ReturnType<typeof createSiteCheckBody.parse>;

/** Logs a check; `created` false when the account had already logged this client key (the first record). */
export async function createSiteCheck(
  ctx: RequestContext,
  body: CreateInput & { leaderId?: number },
): Promise<{ created: boolean; check: SiteCheck }> {
  const { db, actor, now, locale } = ctx;
  const existing = await repo.findByClientKey(db, actor.id, body.clientKey);
  if (existing !== null) return { created: false, check: await getSiteCheck(ctx, existing) };

  const project = await findProjectRef(db, body.projectId);
  const heads = project ? await repo.headsTaskForce(db, actor.id, project.id) : false;
  if (!project || !(siteCheckPolicy.canSeeProject(actor, project) || heads)) {
    // a leader learns nothing of a project they cannot see; everyone else is refused as no checker first
    if (!siteCheckPolicy.mayLogAny(actor)) throw fieldError('FORBIDDEN', 'projectId', locale, siteCheckMessages.not_a_checker);
    throw fieldError('REFERENCE_INVALID', 'projectId', locale);
  }
  const as = siteCheckPolicy.checkerRole(actor, project, heads);
  if (!as) {
    const message = siteCheckPolicy.mayLogAny(actor) ? siteCheckMessages.project_not_yours : siteCheckMessages.not_a_checker;
    throw fieldError('FORBIDDEN', 'projectId', locale, message);
  }
  const leaderId = as === 'leader' ? actor.leaderId : null;
  if (body.leaderId !== undefined && body.leaderId !== actor.leaderId)
    throw fieldError('FORBIDDEN', 'leaderId', locale, siteCheckMessages.not_a_checker);

  const checkedAt = new Date(body.checkedAt);
  if (checkedAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
    throw fieldError('VALIDATION_FAILED', 'checkedAt', locale, siteCheckMessages.checked_in_future);
  const at = checkedAt.getTime() > now.getTime() ? now : checkedAt;

  for (const [i, p] of body.problemsRaised.entries())
    if (p.unitId != null) {
      const region = await repo.findUnitRegion(db, p.unitId);
      const serves = region !== null && (region.startsWith(actor.regionCode) || actor.regionCode.startsWith(region));
      if (!serves) throw fieldError('REFERENCE_INVALID', `problemsRaised.${i}.unitId`, locale);
    }
  for (const [i, s] of body.problemsSolved.entries()) {
    const found = await repo.findProblemState(db, s.id);
    if (!found || found.projectId !== project.id)
      throw fieldError('REFERENCE_INVALID', `problemsSolved.${i}.id`, locale, siteCheckMessages.problem_not_of_project);
  }

  const loc = body.location;
  const located = loc.status === 'ok';
  const lat = located ? (loc.lat ?? null) : null;
  const lng = located ? (loc.lng ?? null) : null;
  const distanceM = siteCheckDistanceM({ lat, lng }, await repo.projectPosition(db, project.id));

  let id: number;
  try {
    id = await db.transaction(async (tx) => {
      const row = await repo.insertSiteCheck(tx, {
        projectId: project.id,
        leaderId,
        userId: actor.id,
        checkerName: actor.displayName,
        checkedAt: at,
        locationStatus: loc.status,
        lat,
        lng,
        accuracyM: located ? (loc.accuracyM ?? null) : null,
        distanceM,
        findings: body.findings || null,
        clientKey: body.clientKey,
        createdAt: now,
        updatedAt: now,
      });
      await writeAudit(
        tx,
        ctx.audit,
        { action: 'create', entity: 'site_check', entityId: row.id, regionCode: project.regionCode, after: row },
        now,
      );
      // a repeated client key answers the first record above and records no second burden
      if (body.burden) await recordBurden(tx, ctx, { screen: 'site_check', projectId: project.id, ...body.burden });
      if (body.problemsRaised.length)
        await raiseProblems(
          tx,
          ctx,
          project.regionCode,
          body.problemsRaised.map((p) => ({
            projectId: project.id,
            category: p.category,
            source: 'site_check' as const,
            description: p.description,
            raisedInSiteCheckId: row.id,
            unitId: p.unitId ?? null,
            leaderId: project.leaderId,
            deadline: p.deadline ?? null,
          })),
        );
      if (body.problemsSolved.length)
        await solveProblemsOnSite(tx, ctx, project.regionCode, body.problemsSolved, {
          leaderId,
          userId: actor.id,
          siteCheckId: row.id,
          at,
        });
      return row.id;
    });
  } catch (e) {
    // the same key sent twice at once: the other request stored it first
    if (pgErrorCode(e) === '23505') {
      const first = await repo.findByClientKey(db, actor.id, body.clientKey);
      if (first !== null) return { created: false, check: await getSiteCheck(ctx, first) };
    }
    throw e;
  }
  return { created: true, check: await getSiteCheck(ctx, id) };
}

export type { CreateSiteCheckBody };
