/**
 * Who may manage accounts: admins only, and only accounts in their region subtree (others are 404).
 * An admin cannot lock themselves out: no disabling their own account, no dropping their own admin role.
 */
import { userMessages, type Role } from '@kpc/contracts';
import { isSelfLockout } from '@kpc/domain';
import { AppError } from '../../lib/errors.js';
import { requireRegion, requireRole, type Actor } from '../../lib/policy.js';

export function requireUserAdmin(actor: Actor): void {
  requireRole(actor, 'admin');
}

/** A user record the actor may see: inside the actor's subtree, else 404. */
export function requireUserInScope(actor: Actor, user: { regionCode: string }): void {
  requireRegion(actor, user.regionCode);
}

const selfProtection = userMessages.user_self_lockout;

export function requireNotSelfLockout(
  actor: Actor,
  targetId: number,
  change: { disabled?: boolean | undefined; roles?: Role[] | undefined },
): void {
  if (isSelfLockout(actor.id, targetId, change)) throw new AppError('FORBIDDEN', { reason: 'self_lockout' }, selfProtection);
}
