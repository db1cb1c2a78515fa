/**
 * Supervision items 督办事项 and the four links 协调、跟踪、问效、通报 (SPEC §2.5, issue 11): which step
 * may be taken from which link and by whom, and the item's colour on a day with its reasons.
 *
 * - coordinating 协调: the bureau (supervisor, admin) has assigned it (unit, owner, deadline); it may reassign.
 * - tracking 跟踪: the responsible unit reports progress notes and evidence, then submits it for checking.
 * - checking 问效: the bureau verifies: accepts it (it stays in checking, accepted, until a bulletin),
 *   or sends it back to tracking with a reason.
 * - bulletined 通报: an accepted item published in a bulletin (the bulletin module's command).
 */
import type { Rag, SupervisionItemRagRule, SupervisionLink } from '@kpc/contracts';
import { hasAnyRole, inRegionOf, type AccessActor } from './access.js';
import { daysBetween } from './dates.js';

export const supervisionActions = ['assign', 'progress', 'submit', 'accept', 'return', 'note'] as const;
export type SupervisionAction = (typeof supervisionActions)[number];

/** What the rules need to know about an item. */
export interface SupervisionItemState {
  id: number;
  title: string;
  regionCode: string;
  unitId: number;
  link: SupervisionLink;
  deadline: string;
  /** Set when the bureau accepted it in checking. */
  acceptedAt: string | null;
  /** How many times the bureau has sent it back to tracking. */
  returnCount: number;
}

/** The bureau 督查局: the supervisor, and the admin. */
export const isSupervisionBureau = (actor: Pick<AccessActor, 'roles'>) => hasAnyRole(actor, 'supervisor', 'admin');

/** Creating items (higher-level feedback, 列入督办 on a ledger item or an instruction): the bureau of the region. */
export const canCreateSupervisionItem = (actor: AccessActor, regionCode: string) =>
  isSupervisionBureau(actor) && inRegionOf(actor, regionCode);

/** The link each action leaves the item in, from the links it may be taken in. */
const moves: Record<SupervisionAction, { from: readonly SupervisionLink[]; to: (l: SupervisionLink) => SupervisionLink }> = {
  assign: { from: ['coordinating', 'tracking'], to: (l) => l },
  progress: { from: ['coordinating', 'tracking'], to: () => 'tracking' },
  submit: { from: ['coordinating', 'tracking'], to: () => 'checking' },
  accept: { from: ['checking'], to: () => 'checking' },
  return: { from: ['checking'], to: () => 'tracking' },
  note: { from: ['coordinating', 'tracking', 'checking', 'bulletined'], to: (l) => l },
};

/** The link after `action`, or null when the action is not possible in the item's link. */
export function nextSupervisionLink(item: Pick<SupervisionItemState, 'link' | 'acceptedAt'>, action: SupervisionAction) {
  const m = moves[action];
  if (!m.from.includes(item.link)) return null;
  // once accepted, only a note (and the bulletin) may follow
  if (item.acceptedAt !== null && action !== 'note') return null;
  return m.to(item.link);
}

/** Everyone who reads supervision items at all (the rest are refused, 403): a unit and a leader their own. */
export const canReadSupervisionItems = (actor: Pick<AccessActor, 'roles'>) =>
  hasAnyRole(actor, 'admin', 'office', 'supervisor', 'viewer', 'unit', 'leader');

/** Who takes each step, whatever the link: the bureau assigns and verifies; the responsible unit reports and submits; both may note. */
export function isSupervisionStepTaker(actor: AccessActor, item: SupervisionItemState, action: SupervisionAction): boolean {
  if (!inRegionOf(actor, item.regionCode)) return false;
  const bureau = isSupervisionBureau(actor);
  const ownUnit = hasAnyRole(actor, 'unit') && actor.unitId !== null && actor.unitId === item.unitId;
  switch (action) {
    case 'assign':
    case 'accept':
    case 'return':
      return bureau;
    case 'progress':
    case 'submit':
      return ownUnit;
    case 'note':
      return bureau || ownUnit;
  }
}

export const canTakeSupervisionAction = (actor: AccessActor, item: SupervisionItemState, action: SupervisionAction) =>
  isSupervisionStepTaker(actor, item, action) && nextSupervisionLink(item, action) !== null;

/** The actions the actor may take on the item now (the screens show these buttons). */
export const supervisionActionsFor = (actor: AccessActor, item: SupervisionItemState): SupervisionAction[] =>
  supervisionActions.filter((a) => canTakeSupervisionAction(actor, item, a));

// ---- colour ----------------------------------------------------------------------------------------

/** Yellow from this many days before the deadline (the deadline day included). */
export const SUPERVISION_DUE_SOON_DAYS = 3;

export interface SupervisionItemReason {
  rule: SupervisionItemRagRule;
  rag: Exclude<Rag, 'green'>;
  message: { 'zh-CN': string; en: string };
  value: number;
  threshold: number;
  records: { entity: 'supervision_item'; id: number; label: string }[];
}

/** Done from the bureau's side: accepted, or already bulletined. */
export const isSupervisionItemSettled = (item: Pick<SupervisionItemState, 'link' | 'acceptedAt'>) =>
  item.acceptedAt !== null || item.link === 'bulletined';

/** Not accepted and past its deadline (the deadline day itself is not late). */
export const isSupervisionItemOverdue = (item: Pick<SupervisionItemState, 'link' | 'acceptedAt' | 'deadline'>, asOf: string) =>
  !isSupervisionItemSettled(item) && item.deadline < asOf;

/**
 * The item's colour on `asOf`: red when not accepted past its deadline; yellow when due within
 * `SUPERVISION_DUE_SOON_DAYS` days or sent back (until accepted); green otherwise, without reasons.
 */
export function supervisionItemRag(item: SupervisionItemState, asOf: string): { rag: Rag; reasons: SupervisionItemReason[] } {
  if (isSupervisionItemSettled(item)) return { rag: 'green', reasons: [] };
  const records = [{ entity: 'supervision_item' as const, id: item.id, label: item.title }];
  const reasons: SupervisionItemReason[] = [];
  const left = daysBetween(asOf, item.deadline);
  if (left < 0) {
    const late = -left;
    reasons.push({
      rule: 'item_overdue',
      rag: 'red',
      value: late,
      threshold: 0,
      message: {
        'zh-CN': `已超过办理时限 ${item.deadline}，逾期 ${late} 天未通过验收`,
        en: `Past its deadline of ${item.deadline} by ${late} day${late > 1 ? 's' : ''} and not accepted`,
      },
      records,
    });
  } else if (left <= SUPERVISION_DUE_SOON_DAYS) {
    reasons.push({
      rule: 'item_due_soon',
      rag: 'yellow',
      value: left,
      threshold: SUPERVISION_DUE_SOON_DAYS,
      message: {
        'zh-CN':
          left === 0 ? `今天（${item.deadline}）到期，尚未通过验收` : `距办理时限 ${item.deadline} 还有 ${left} 天，尚未通过验收`,
        en:
          left === 0
            ? `Due today (${item.deadline}) and not accepted`
            : `Due in ${left} day${left > 1 ? 's' : ''} (${item.deadline}) and not accepted`,
      },
      records,
    });
  }
  if (item.returnCount > 0)
    reasons.push({
      rule: 'item_returned',
      rag: 'yellow',
      value: item.returnCount,
      threshold: 0,
      message: {
        'zh-CN': `问效未通过，已退回 ${item.returnCount} 次`,
        en: `Sent back from checking ${item.returnCount} time${item.returnCount > 1 ? 's' : ''}`,
      },
      records,
    });
  const rag: Rag = reasons.some((r) => r.rag === 'red') ? 'red' : reasons.length ? 'yellow' : 'green';
  return { rag, reasons };
}
