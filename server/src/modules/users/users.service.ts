/**
 * Accounts: admins create, edit, disable, reset and unlock the users of their region subtree.
 * Disabling or resetting ends the user's sessions in the same transaction as the change.
 */
import { dutiesConflict } from '@kpc/domain';
import { userMessages, type CreateUserBody, type Role, type UpdateUserBody, type User } from '@kpc/contracts';
import type { Executor } from '../../db/client.js';
import { writeAudit } from '../../lib/audit.js';
import { notFound, versionConflict } from '../../lib/errors.js';
import { rotatePassword } from '../../commands/rotate-password.js';
import { assertPasswordPolicy, hashPassword } from '../../lib/password.js';
import { inRegion } from '../../lib/policy.js';
import { pgErrorCode } from '../../lib/query.js';
import { referenceRegion } from '../../lib/reference-records.js';
import { fieldError, type RequestContext } from '../../lib/request-context.js';
import { requireWritableRegion } from '../regions/regions.service.js';
import { loadSettings } from '../settings/settings.service.js';
import * as repo from './users.repository.js';
import { requireNotSelfLockout, requireUserAdmin, requireUserInScope } from './users.policy.js';

/** The API shape of a user: never the password hash or the failed-login counter. */
export function toUser(r: repo.UserRow): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    phone: r.phone,
    roles: r.roles as Role[],
    regionCode: r.regionCode,
    unitId: r.unitId,
    leaderId: r.leaderId,
    enterpriseId: r.enterpriseId,
    disabled: r.disabled,
    mustChangePassword: r.mustChangePassword,
    lockedUntil: r.lockedUntil?.toISOString() ?? null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
  };
}

export interface ListUsersInput {
  page: number;
  pageSize: number;
  q?: string | undefined;
  role?: Role | undefined;
  unitId?: number | undefined;
  disabled?: 'true' | 'false' | undefined;
}

export async function listUsers(ctx: RequestContext, q: ListUsersInput) {
  requireUserAdmin(ctx.actor);
  const { rows, total } = await repo.listUsers(ctx.db, {
    regionCode: ctx.actor.regionCode,
    q: q.q || undefined,
    role: q.role,
    unitId: q.unitId,
    disabled: q.disabled === undefined ? undefined : q.disabled === 'true',
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items: rows.map(toUser), total };
}

async function loadInScope(db: Executor, ctx: RequestContext, id: number): Promise<repo.UserRow> {
  const row = await repo.findUserById(db, id);
  if (!row) throw notFound();
  requireUserInScope(ctx.actor, row);
  return row;
}

export async function getUser(ctx: RequestContext, id: number): Promise<User> {
  const { db } = ctx;
  requireUserAdmin(ctx.actor);
  return toUser(await loadInScope(db, ctx, id));
}

const roleNeeds = {
  unit: { field: 'unitId', message: userMessages.user_unit_role_needs_unit },
  leader: { field: 'leaderId', message: userMessages.user_leader_role_needs_leader },
  enterprise: { field: 'enterpriseId', message: userMessages.user_enterprise_role_needs_enterprise },
} as const;

interface AccountLinks {
  roles: Role[];
  regionCode: string;
  unitId: number | null;
  leaderId: number | null;
  enterpriseId: number | null;
}

/**
 * The account's region must be a real row inside the admin's subtree; its unit, leader and enterprise
 * must exist there too (ones outside the subtree count as missing); roles need their link.
 */
async function checkLinks(db: Executor, ctx: RequestContext, a: AccountLinks): Promise<void> {
  if (dutiesConflict(a.roles)) throw fieldError('VALIDATION_FAILED', 'roles', ctx.locale, userMessages.duties_conflict);
  await requireWritableRegion(db, ctx, a.regionCode);
  for (const field of ['unitId', 'leaderId', 'enterpriseId'] as const) {
    const id = a[field];
    if (id === null) continue;
    const regionCode = await referenceRegion(db, field, id);
    if (regionCode === null || !inRegion(ctx.actor, regionCode)) throw fieldError('REFERENCE_INVALID', field, ctx.locale);
  }
  for (const role of ['unit', 'leader', 'enterprise'] as const) {
    const need = roleNeeds[role];
    if (a.roles.includes(role) && a[need.field] === null)
      throw fieldError('VALIDATION_FAILED', need.field, ctx.locale, need.message);
  }
}

function duplicateUsername(ctx: RequestContext) {
  return fieldError('DUPLICATE', 'username', ctx.locale);
}

export async function createUser(ctx: RequestContext, body: CreateUserBody): Promise<User> {
  const { db } = ctx;
  requireUserAdmin(ctx.actor);
  const links: AccountLinks = {
    roles: [...new Set(body.roles)],
    regionCode: body.regionCode,
    unitId: body.unitId ?? null,
    leaderId: body.leaderId ?? null,
    enterpriseId: body.enterpriseId ?? null,
  };
  await checkLinks(db, ctx, links);
  if (await repo.usernameTaken(db, body.username)) throw duplicateUsername(ctx);
  assertPasswordPolicy(body.password, await loadSettings(db, body.regionCode), body.username);
  const passwordHash = await hashPassword(body.password);
  try {
    return await db.transaction(async (tx) => {
      const row = await repo.insertUser(tx, {
        ...links,
        username: body.username,
        displayName: body.displayName,
        phone: body.phone ?? null,
        passwordHash,
        mustChangePassword: true,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      const user = toUser(row);
      await writeAudit(
        tx,
        ctx.audit,
        { action: 'create', entity: 'user', entityId: row.id, regionCode: row.regionCode, after: user },
        ctx.now,
      );
      return user;
    });
  } catch (e) {
    // two admins creating the same username at once: the unique index decides
    if (pgErrorCode(e) === '23505') throw duplicateUsername(ctx);
    throw e;
  }
}

export async function updateUser(ctx: RequestContext, id: number, body: UpdateUserBody): Promise<User> {
  const { db } = ctx;
  requireUserAdmin(ctx.actor);
  return db.transaction(async (tx) => {
    const current = await loadInScope(tx, ctx, id);
    if (current.version !== body.version) throw versionConflict(toUser(current));
    requireNotSelfLockout(ctx.actor, id, body);
    const { version, ...change } = body;
    const merged: AccountLinks = {
      roles: change.roles ? [...new Set(change.roles)] : (current.roles as Role[]),
      regionCode: change.regionCode ?? current.regionCode,
      unitId: change.unitId !== undefined ? change.unitId : current.unitId,
      leaderId: change.leaderId !== undefined ? change.leaderId : current.leaderId,
      enterpriseId: change.enterpriseId !== undefined ? change.enterpriseId : current.enterpriseId,
    };
    await checkLinks(tx, ctx, merged);
    const updated = await repo.updateUser(tx, id, version, {
      ...merged,
      displayName: change.displayName ?? current.displayName,
      phone: change.phone !== undefined ? change.phone : current.phone,
      disabled: change.disabled ?? current.disabled,
      updatedAt: ctx.now,
    });
    if (!updated) throw versionConflict(toUser((await repo.findUserById(tx, id)) ?? current));
    if (updated.disabled && !current.disabled) await repo.revokeSessionsOf(tx, id, ctx.now);
    const after = toUser(updated);
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'update', entity: 'user', entityId: id, regionCode: updated.regionCode, before: toUser(current), after },
      ctx.now,
    );
    return after;
  });
}

/** Sets a new password chosen by the admin (not one of the user's last 5): the user must change it at next login; lockout cleared; sessions end. */
export async function resetPassword(ctx: RequestContext, id: number, body: { version: number; password: string }): Promise<User> {
  const { db } = ctx;
  requireUserAdmin(ctx.actor);
  const target = await loadInScope(db, ctx, id);
  assertPasswordPolicy(body.password, await loadSettings(db, target.regionCode), target.username);
  return db.transaction(async (tx) => {
    const current = await loadInScope(tx, ctx, id);
    if (current.version !== body.version) throw versionConflict(toUser(current));
    const passwordHash = await rotatePassword(tx, ctx, current, body.password);
    const updated = await repo.updateUser(tx, id, body.version, {
      passwordHash,
      mustChangePassword: true,
      failedLogins: 0,
      lockedUntil: null,
      updatedAt: ctx.now,
    });
    if (!updated) throw versionConflict(toUser((await repo.findUserById(tx, id)) ?? current));
    await repo.revokeSessionsOf(tx, id, ctx.now);
    const after = toUser(updated);
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'reset_password', entity: 'user', entityId: id, regionCode: updated.regionCode, before: toUser(current), after },
      ctx.now,
    );
    return after;
  });
}

/** Lifts a lockout now instead of waiting for it to expire. */
export async function unlockUser(ctx: RequestContext, id: number): Promise<User> {
  const { db } = ctx;
  requireUserAdmin(ctx.actor);
  return db.transaction(async (tx) => {
    const current = await loadInScope(tx, ctx, id);
    const updated = await repo.updateUser(tx, id, current.version, { failedLogins: 0, lockedUntil: null, updatedAt: ctx.now });
    if (!updated) throw versionConflict(toUser(current));
    const after = toUser(updated);
    await writeAudit(
      tx,
      ctx.audit,
      { action: 'unlock', entity: 'user', entityId: id, regionCode: updated.regionCode, before: toUser(current), after },
      ctx.now,
    );
    return after;
  });
}
