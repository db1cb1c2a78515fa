/**
 * Command: a user's password is about to change (their own change or an administrator's reset).
 * Refuses a password among the user's last PASSWORD_HISTORY_DEPTH (400 PASSWORD_POLICY, reason
 * 'reused'), records the hash being replaced in the history, and returns the new hash for the
 * caller's own update of the account. Runs on the caller's transaction.
 */
import { PASSWORD_HISTORY_DEPTH } from '@kpc/contracts';
import type { Executor } from '../db/client.js';
import { assertNotReused, hashPassword } from '../lib/password.js';
import type { RequestContext } from '../lib/request-context.js';
import { previousPasswordHashes, rememberPasswordHash } from '../modules/auth/auth.repository.js';

export async function rotatePassword(
  tx: Executor,
  ctx: Pick<RequestContext, 'now'>,
  user: { id: number; passwordHash: string },
  newPassword: string,
): Promise<string> {
  // the current password plus the ones before it: PASSWORD_HISTORY_DEPTH in all
  const previous = await previousPasswordHashes(tx, user.id, PASSWORD_HISTORY_DEPTH - 1);
  await assertNotReused(newPassword, [user.passwordHash, ...previous]);
  await rememberPasswordHash(tx, user.id, user.passwordHash, ctx.now, PASSWORD_HISTORY_DEPTH - 1);
  return hashPassword(newPassword);
}
