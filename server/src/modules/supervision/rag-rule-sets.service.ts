/**
 * Colour rule sets per region 评色规则 (issue 11 item 2): the set in force for a region (its own newest
 * version, else its nearest ancestor's, else the defaults) with the region's history; the preview of a
 * change (the projects whose computed colour it would change, changing nothing); the save of a new
 * version (append-only, on the version it was based on, audited). The supervisor or admin of the region
 * or an ancestor; others 403; a region outside the actor's 404.
 */
import { and } from 'drizzle-orm';
import {
  ragPreviewSummary,
  type PreviewRagRulesBody,
  type Rag,
  type RagRuleSetValues,
  type RagRuleSetVersion,
  type RagRuleSetView,
  type RagRulesPreview,
  type SaveRagRulesBody,
} from '@kpc/contracts';
import { completeRuleSet, defaultRagRules, ragFor, ragRank, type RagRuleSet } from '@kpc/domain';
import { writeAudit } from '../../lib/audit.js';
import { today } from '../../lib/clock.js';
import { AppError, versionConflict } from '../../lib/errors.js';
import { requireRegion, requireRole } from '../../lib/policy.js';
import { projectsInRegion, visibleProjects } from '../../lib/project-scope.js';
import { pgErrorCode } from '../../lib/query.js';
import type { RequestContext } from '../../lib/request-context.js';
import * as repo from './rag-rule-sets.repository.js';
import { factsOf, ruleSetsInForce } from './supervision.service.js';

/** The region, when the actor may edit its rules: 404 outside their region or unknown, 403 without the role. */
async function editableRegion(ctx: RequestContext, regionCode: string) {
  requireRegion(ctx.actor, regionCode);
  const region = await repo.findRegion(ctx.db, regionCode);
  if (!region) throw new AppError('NOT_FOUND');
  requireRole(ctx.actor, 'supervisor', 'admin');
  return region;
}

const values = (r: RagRuleSet) => r as unknown as RagRuleSetValues;

async function view(ctx: RequestContext, region: { code: string; name: string }): Promise<RagRuleSetView> {
  const [sets, history] = await Promise.all([ruleSetsInForce(ctx.db), repo.historyOf(ctx.db, region.code)]);
  const from = sets.regionFor(region.code);
  const fromName = from && from !== region.code ? ((await repo.regionNames(ctx.db, [from])).get(from) ?? from) : null;
  return {
    regionCode: region.code,
    regionName: region.name,
    source: from === null ? 'default' : from === region.code ? 'own' : 'inherited',
    fromRegion: from && from !== region.code ? { code: from, name: fromName! } : null,
    rules: values(sets.rulesFor(region.code)),
    version: history[0]?.row.version ?? 0,
    history: history.map((h): RagRuleSetVersion => ({
      id: h.row.id,
      regionCode: h.row.regionCode,
      version: h.row.version,
      rules: values(completeRuleSet(h.row.rules as Record<string, Record<string, unknown>>)),
      note: h.row.note,
      by: h.by,
      createdAt: h.row.createdAt.toISOString(),
    })),
  };
}

export async function getRuleSet(ctx: RequestContext, regionCode: string): Promise<RagRuleSetView> {
  return view(ctx, await editableRegion(ctx, regionCode));
}

/**
 * What saving `body.rules` for the region would do to the computed colours (overrides aside: they are
 * set by hand, not by rules) of the projects it would apply to — the region's and its sub-regions',
 * except those under a sub-region with a set of its own. One load of the facts, rated twice.
 */
export async function previewRuleSet(
  ctx: RequestContext,
  regionCode: string,
  body: PreviewRagRulesBody,
): Promise<RagRulesPreview> {
  const region = await editableRegion(ctx, regionCode);
  const asOf = body.asOf ?? today(ctx.clock);
  const proposed = completeRuleSet(body.rules);
  const [facts, sets] = await Promise.all([
    factsOf(ctx.db, and(visibleProjects(ctx.actor), projectsInRegion(region.code))!, asOf, ctx.actor.regionCode),
    ruleSetsInForce(ctx.db),
  ]);
  // a project follows the new set unless a sub-region nearer to it has its own
  const affected = facts.filter((f) => {
    const from = sets.regionFor(f.project.regionCode);
    return from === null || from.length <= region.code.length;
  });
  const before = { green: 0, yellow: 0, red: 0 };
  const after = { green: 0, yellow: 0, red: 0 };
  const turning: Record<Rag, number> = { green: 0, yellow: 0, red: 0 };
  const changes: RagRulesPreview['changes'] = [];
  for (const { project, facts: f } of affected) {
    const was = ragFor(f, sets.rulesFor(project.regionCode), asOf);
    const will = ragFor(f, proposed, asOf);
    before[was.rag]++;
    after[will.rag]++;
    if (was.rag === will.rag) continue;
    turning[will.rag]++;
    changes.push({
      projectId: project.id,
      code: project.code,
      name: project.name,
      from: was.rag,
      to: will.rag,
      reasons: will.reasons.map((r) => ({ rule: r.rule, rag: r.rag, message: r.message[ctx.locale] })),
    });
  }
  changes.sort((a, b) => ragRank(b.to) - ragRank(a.to) || a.code.localeCompare(b.code) || a.projectId - b.projectId);
  return { asOf, projects: affected.length, before, after, summary: ragPreviewSummary(turning, ctx.locale), changes };
}

/** Saves the rules as the region's next version; `body.version` is the one it was based on (stale → 409). */
export async function saveRuleSet(ctx: RequestContext, regionCode: string, body: SaveRagRulesBody): Promise<RagRuleSetVersion> {
  const region = await editableRegion(ctx, regionCode);
  const rules = completeRuleSet(body.rules);
  try {
    const row = await ctx.db.transaction(async (tx) => {
      const newest = await repo.newestVersion(tx, region.code);
      if (body.version !== newest) throw versionConflict(await view({ ...ctx, db: tx }, region));
      const before = (await ruleSetsInForce(tx)).rulesFor(region.code);
      const inserted = await repo.insertVersion(tx, {
        regionCode: region.code,
        version: newest + 1,
        rules,
        note: body.note,
        createdBy: ctx.actor.id,
        createdAt: ctx.now,
      });
      await writeAudit(
        tx,
        ctx.audit,
        {
          action: 'rag_rule_set_save',
          entity: 'rag_rule_set',
          entityId: inserted.id,
          regionCode: region.code,
          before: { rules: before, fromDefaults: before === defaultRagRules },
          after: { version: inserted.version, rules, note: body.note },
        },
        ctx.now,
      );
      return inserted;
    });
    return {
      id: row.id,
      regionCode: row.regionCode,
      version: row.version,
      rules: values(rules),
      note: row.note,
      by: ctx.actor.displayName,
      createdAt: row.createdAt.toISOString(),
    };
  } catch (e) {
    // two saves on the same base version: the unique (region, version) key lets one through
    if (pgErrorCode(e) === '23505') throw versionConflict(await view(ctx, region));
    throw e;
  }
}
