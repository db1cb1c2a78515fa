/**
 * Supervision items 督办事项 and the four links 协调、跟踪、问效、通报 (issue 11): who reads which items,
 * 列入督办 of a decision, ledger item or instruction, higher-level feedback typed in by the bureau, the
 * bureau's reassignment, and each step (progress, submit, accept, send back, note) — versioned, with a
 * dated step and an audit row in the same transaction. The rules are `@kpc/domain` supervision-items.ts.
 */
import type {
  CreateSupervisionItemBody,
  ListSupervisionItemsQuery,
  SupervisionItem,
  SupervisionItemDetail,
  SupervisionItemPage,
  SupervisionStepBody,
  UpdateSupervisionItemBody,
} from '@kpc/contracts';
import { supervisionItemMessages } from '@kpc/contracts';
import {
  canCreateSupervisionItem,
  canReadProject,
  canReadSupervisionItems,
  isSupervisionStepTaker,
  nextSupervisionLink,
  supervisionActionsFor,
  supervisionItemRag,
  type SupervisionItemState,
} from '@kpc/domain';
import { and, eq, type SQL } from 'drizzle-orm';
import { createSupervisionItems, type SupervisionItemDraft } from '../../commands/create-supervision-items.js';
import { tellSupervisionItems, type ItemNews } from '../../commands/tell-supervision-items.js';
import type { Executor } from '../../db/client.js';
import { supervisionItems } from '../../db/schema/index.js';
import { writeAudit } from '../../lib/audit.js';
import { today } from '../../lib/clock.js';
import { AppError, versionConflict } from '../../lib/errors.js';
import type { Actor } from '../../lib/policy.js';
import { findProjectRef } from '../../lib/project-scope.js';
import { fieldError, type RequestContext } from '../../lib/request-context.js';
import * as repo from './supervision-items.repository.js';

export const stateOf = (i: repo.SupervisionItemRow): SupervisionItemState => ({
  id: i.id,
  title: i.title,
  regionCode: i.regionCode,
  unitId: i.unitId,
  link: i.link,
  deadline: i.deadline,
  acceptedAt: i.acceptedAt?.toISOString() ?? null,
  returnCount: i.returnCount,
});

function present(ctx: Pick<RequestContext, 'actor' | 'locale'>, r: repo.SupervisionItemRecord, asOf: string): SupervisionItem {
  const i = r.item;
  const state = stateOf(i);
  const colour = supervisionItemRag(state, asOf);
  return {
    id: i.id,
    regionCode: i.regionCode,
    projectId: i.projectId,
    projectName: r.projectName,
    source: i.source,
    sourceId: i.sourceId,
    issuedBy: i.issuedBy,
    title: i.title,
    content: i.content,
    unitId: i.unitId,
    unitName: r.unitName,
    ownerName: i.ownerName,
    deadline: i.deadline,
    link: i.link,
    acceptedAt: i.acceptedAt?.toISOString() ?? null,
    acceptedBy: r.acceptedBy,
    returnCount: i.returnCount,
    bulletinedAt: i.bulletinedAt?.toISOString() ?? null,
    overdue: colour.reasons.some((x) => x.rule === 'item_overdue'),
    rag: colour.rag,
    reasons: colour.reasons.map((x) => ({ ...x, message: x.message[ctx.locale] })),
    actions: supervisionActionsFor(ctx.actor, state),
    createdBy: r.createdBy,
    createdAt: i.createdAt.toISOString(),
    version: i.version,
  };
}

function requireReader(actor: Actor) {
  if (!canReadSupervisionItems(actor)) throw new AppError('FORBIDDEN');
}

/** The item if the actor may read it; 404 otherwise (outside scope it does not exist for them). */
export async function loadReadable(ctx: RequestContext, id: number, db: Executor = ctx.db) {
  requireReader(ctx.actor);
  const [visible] = await db
    .select({ id: supervisionItems.id })
    .from(supervisionItems)
    .where(and(eq(supervisionItems.id, id), repo.readableItems(ctx.actor)));
  const r = visible ? await repo.findItem(db, id) : null;
  if (!r) throw new AppError('NOT_FOUND');
  return r;
}

export async function listSupervisionItems(ctx: RequestContext, q: ListSupervisionItemsQuery): Promise<SupervisionItemPage> {
  requireReader(ctx.actor);
  const asOf = today(ctx.clock);
  const { rows, total, counts } = await repo.listItems(ctx.db, repo.filtersOf(ctx.actor, q, asOf), q.link, q);
  return { items: rows.map((r) => present(ctx, r, asOf)), total, counts };
}

export async function getSupervisionItem(ctx: RequestContext, id: number): Promise<SupervisionItemDetail> {
  const r = await loadReadable(ctx, id);
  const events = await repo.eventsOf(ctx.db, id);
  return {
    ...present(ctx, r, today(ctx.clock)),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      fromLink: e.fromLink,
      toLink: e.toLink,
      note: e.note,
      by: e.byName,
      at: e.at.toISOString(),
    })),
  };
}

/** A unit's region is the item's, above it (a city unit) or below it. */
const related = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

async function checkUnit(ctx: RequestContext, unitId: number, regionCode: string) {
  const unitRegion = await repo.unitRegion(ctx.db, unitId);
  if (unitRegion === null || !related(unitRegion, regionCode)) throw fieldError('REFERENCE_INVALID', 'unitId', ctx.locale);
}

/** The item as the bureau creates it: typed in (higher-level feedback) or from its source record (列入督办). */
async function draftOf(ctx: RequestContext, body: CreateSupervisionItemBody): Promise<SupervisionItemDraft> {
  if (body.source === 'higher_feedback') {
    let regionCode = ctx.actor.regionCode;
    if (body.projectId) {
      const p = await findProjectRef(ctx.db, body.projectId);
      if (!p || !canReadProject(ctx.actor, p)) throw fieldError('REFERENCE_INVALID', 'projectId', ctx.locale);
      regionCode = p.regionCode;
    }
    await checkUnit(ctx, body.unitId, regionCode);
    return {
      regionCode,
      projectId: body.projectId ?? null,
      source: 'higher_feedback',
      sourceId: null,
      issuedBy: body.issuedBy,
      title: body.title,
      content: body.content,
      unitId: body.unitId,
      ownerName: body.ownerName ?? null,
      deadline: body.deadline,
    };
  }
  const s = await repo.findSourceRecord(ctx.db, body.source, body.sourceId);
  if (!s || !ctx.actor.regionCode || !s.regionCode.startsWith(ctx.actor.regionCode))
    throw new AppError('NOT_FOUND', undefined, supervisionItemMessages.source_not_found);
  const deadline = body.deadline ?? s.deadline;
  // a recurring ledger item has no deadline of its own
  if (!deadline) throw fieldError('VALIDATION_FAILED', 'deadline', ctx.locale);
  return {
    regionCode: s.regionCode,
    projectId: s.projectId,
    source: body.source,
    sourceId: body.sourceId,
    title: s.title,
    content: s.content,
    unitId: s.unitId,
    ownerName: body.ownerName ?? s.ownerName,
    ownerUserId: s.ownerUserId,
    deadline,
  };
}

export async function createSupervisionItem(
  ctx: RequestContext,
  body: CreateSupervisionItemBody,
): Promise<SupervisionItemDetail> {
  if (!canCreateSupervisionItem(ctx.actor, ctx.actor.regionCode)) throw new AppError('FORBIDDEN');
  // a deadline the bureau sets is not in the past (one taken over from its record may be)
  if (body.deadline && body.deadline < today(ctx.clock)) throw fieldError('VALIDATION_FAILED', 'deadline', ctx.locale);
  const draft = await draftOf(ctx, body);
  const [row] = await ctx.db.transaction((tx) => createSupervisionItems(tx, ctx, [draft]));
  if (!row) throw new AppError('DUPLICATE', undefined, supervisionItemMessages.duplicate);
  return getSupervisionItem(ctx, row.id);
}

const describeChange = (before: repo.SupervisionItemRow, after: repo.SupervisionItemRow, unitName: string) =>
  [
    before.unitId !== after.unitId ? `责任单位：${unitName}` : null,
    before.ownerName !== after.ownerName ? `责任人：${after.ownerName ?? '—'}` : null,
    before.deadline !== after.deadline ? `办理时限：${before.deadline} → ${after.deadline}` : null,
    before.title !== after.title || before.content !== after.content ? '修改事项内容' : null,
  ]
    .filter(Boolean)
    .join('；');

/** Writes a versioned change with its step and audit row; 409 with the current item when stale. */
/** The steps someone hears of (commands/tell-supervision-items.ts); progress notes and corrections are not news. */
const newsOf: Record<string, ItemNews | undefined> = { submit: 'submitted', return: 'returned', accept: 'accepted' };

async function writeStep(
  ctx: RequestContext,
  before: repo.SupervisionItemRecord,
  version: number,
  set: Partial<repo.NewSupervisionItem>,
  step: { kind: repo.NewSupervisionItemEvent['kind']; note: (after: repo.SupervisionItemRecord) => string | null },
  action: string,
): Promise<SupervisionItemDetail> {
  const asOf = today(ctx.clock);
  await ctx.db.transaction(async (tx) => {
    const row = await repo.updateItem(tx, before.item.id, version, { ...set, updatedAt: ctx.now });
    if (!row) {
      const current = await repo.findItem(tx, before.item.id);
      if (!current) throw new AppError('NOT_FOUND');
      throw versionConflict(present(ctx, current, asOf));
    }
    const after = (await repo.findItem(tx, row.id))!;
    await repo.insertEvents(tx, [
      {
        itemId: row.id,
        kind: step.kind,
        fromLink: before.item.link,
        toLink: row.link,
        note: step.note(after),
        byUserId: ctx.actor.id > 0 ? ctx.actor.id : null,
        byName: ctx.actor.displayName,
        at: ctx.now,
      },
    ]);
    await writeAudit(
      tx,
      ctx.audit,
      { action, entity: 'supervision_item', entityId: row.id, regionCode: row.regionCode, before: before.item, after: row },
      ctx.now,
    );
    const news = newsOf[action];
    if (news) await tellSupervisionItems(tx, ctx, news, [row], step.note(after));
  });
  return getSupervisionItem(ctx, before.item.id);
}

/** The bureau reassigns (unit, owner, deadline) or corrects the text, before the item is accepted. */
export async function updateSupervisionItem(
  ctx: RequestContext,
  id: number,
  body: UpdateSupervisionItemBody,
): Promise<SupervisionItemDetail> {
  const before = await loadReadable(ctx, id);
  const state = stateOf(before.item);
  if (!isSupervisionStepTaker(ctx.actor, state, 'assign')) throw new AppError('FORBIDDEN');
  if (!nextSupervisionLink(state, 'assign')) throw new AppError('INVALID_STATE', undefined, supervisionItemMessages.not_possible);
  const { version, ...changes } = body;
  if (changes.unitId !== undefined) await checkUnit(ctx, changes.unitId, before.item.regionCode);
  return writeStep(
    ctx,
    before,
    version,
    changes,
    { kind: 'reassigned', note: (after) => describeChange(before.item, after.item, after.unitName) || null },
    'update',
  );
}

const stepSets: Record<
  SupervisionStepBody['action'],
  (ctx: RequestContext, i: repo.SupervisionItemRow) => Partial<repo.NewSupervisionItem>
> = {
  progress: () => ({ link: 'tracking' }),
  submit: () => ({ link: 'checking' }),
  accept: (ctx) => ({ acceptedAt: ctx.now, acceptedBy: ctx.actor.id > 0 ? ctx.actor.id : null }),
  return: (_ctx, i) => ({ link: 'tracking', returnCount: i.returnCount + 1 }),
  note: () => ({}),
};
const stepKinds = {
  progress: 'progress',
  submit: 'submitted',
  accept: 'accepted',
  return: 'returned',
  note: 'note',
} as const satisfies Record<SupervisionStepBody['action'], repo.NewSupervisionItemEvent['kind']>;

/** One step of the four links: 403 for who may never take it, 409 when the item's link does not allow it now. */
export async function takeSupervisionStep(
  ctx: RequestContext,
  id: number,
  body: SupervisionStepBody,
): Promise<SupervisionItemDetail> {
  const before = await loadReadable(ctx, id);
  const state = stateOf(before.item);
  if (!isSupervisionStepTaker(ctx.actor, state, body.action)) throw new AppError('FORBIDDEN');
  if (body.version !== before.item.version) throw versionConflict(present(ctx, before, today(ctx.clock)));
  if (!nextSupervisionLink(state, body.action))
    throw new AppError('INVALID_STATE', undefined, supervisionItemMessages.not_possible);
  return writeStep(
    ctx,
    before,
    body.version,
    stepSets[body.action](ctx, before.item),
    { kind: stepKinds[body.action], note: () => body.note ?? null },
    body.action,
  );
}

// ---- colours ----

export interface SupervisionItemColour {
  id: number;
  projectId: number | null;
  regionCode: string;
  rag: ReturnType<typeof supervisionItemRag>['rag'];
  reasons: ReturnType<typeof supervisionItemRag>['reasons'];
}

/**
 * The colour of every supervision item on `asOf` (or of those matching `where`), in one statement: what
 * the daily monitoring job writes into the colour history (rag_spells, subject `supervision_item`).
 */
export async function supervisionItemColours(db: Executor, asOf: string, where?: SQL): Promise<SupervisionItemColour[]> {
  return (await repo.colourFacts(db, where)).map((f) => ({
    id: f.id,
    projectId: f.projectId,
    regionCode: f.regionCode,
    ...supervisionItemRag(f, asOf),
  }));
}
