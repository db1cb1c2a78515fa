/** Ledgers 台账: items per project, evidence attachments, and Excel import jobs. */
import { z } from 'zod';
import { id, isoDate, paging, requiredText, text, version } from './common.js';

type Labels<T extends string> = Record<T, { 'zh-CN': string; en: string }>;

export const ledgerStatuses = ['not_started', 'in_progress', 'done', 'blocked'] as const;
export type LedgerStatus = (typeof ledgerStatuses)[number];
export const ledgerStatusSchema = z.enum(ledgerStatuses);
export const ledgerStatusLabels: Labels<LedgerStatus> = {
  not_started: { 'zh-CN': '未开始', en: 'Not started' },
  in_progress: { 'zh-CN': '推进中', en: 'In progress' },
  done: { 'zh-CN': '已完成', en: 'Done' },
  blocked: { 'zh-CN': '受阻', en: 'Blocked' },
};

/** The article's four focus groups: 落地 (signed), 进度 (started), 竣工 (building), 达效 (producing). */
export const stageFocuses = ['landing', 'progress', 'completion', 'target'] as const;
export type StageFocusKey = (typeof stageFocuses)[number];
export const stageFocusSchema = z.enum(stageFocuses);
export const stageFocusLabels: Labels<StageFocusKey> = {
  landing: { 'zh-CN': '落地', en: 'Landing' },
  progress: { 'zh-CN': '进度', en: 'Progress' },
  completion: { 'zh-CN': '竣工', en: 'Completion' },
  target: { 'zh-CN': '达效', en: 'Reaching target' },
};

const ledgerFields = {
  /** 序号 within the project; the next free number when omitted. */
  seq: z.number().int().min(1).max(99_999).optional(),
  unitId: id.describe('Responsible unit 责任单位'),
  content: requiredText(1000).describe('具体内容'),
  measures: text(2000).nullable().optional().describe('工作措施'),
  deadline: isoDate.describe('完成时限'),
  ownerName: text(64).nullable().optional().describe('责任人'),
  ownerUserId: id.nullable().optional(),
  status: ledgerStatusSchema.optional(),
  /** Required when status is done (not in the future); cleared otherwise. */
  completedOn: isoDate.nullable().optional(),
  evidenceNote: text(2000).nullable().optional(),
  /** Defaults to the project's stage focus. */
  focus: stageFocusSchema.optional(),
};

export const createLedgerItemBody = z.strictObject(ledgerFields);
export type CreateLedgerItemBody = z.infer<typeof createLedgerItemBody>;

export const updateLedgerItemBody = z.strictObject({
  version,
  seq: ledgerFields.seq,
  unitId: ledgerFields.unitId.optional(),
  content: ledgerFields.content.optional(),
  measures: ledgerFields.measures,
  deadline: ledgerFields.deadline.optional(),
  ownerName: ledgerFields.ownerName,
  ownerUserId: ledgerFields.ownerUserId,
  status: ledgerFields.status,
  completedOn: ledgerFields.completedOn,
  evidenceNote: ledgerFields.evidenceNote,
  focus: ledgerFields.focus,
});
export type UpdateLedgerItemBody = z.infer<typeof updateLedgerItemBody>;

export const ledgerItemSchema = z.object({
  id,
  projectId: z.number().int(),
  projectCode: z.string(),
  projectName: z.string(),
  seq: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string().nullable(),
  content: z.string(),
  measures: z.string().nullable(),
  deadline: z.string(),
  ownerName: z.string().nullable(),
  ownerUserId: z.number().int().nullable(),
  status: ledgerStatusSchema,
  completedOn: z.string().nullable(),
  evidenceNote: z.string().nullable(),
  focus: stageFocusSchema,
  /** Not done and past its deadline (Asia/Shanghai today). */
  overdue: z.boolean(),
  attachmentCount: z.number().int(),
  version,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the current user may do with this item. */
  permissions: z.object({ edit: z.boolean(), delete: z.boolean(), upload: z.boolean() }),
});
export type LedgerItem = z.infer<typeof ledgerItemSchema>;

const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
const idQuery = z.coerce.number().int().positive().max(2_147_483_647);

export const listProjectLedgerQuery = z.strictObject({
  ...paging,
  status: ledgerStatusSchema.optional(),
  unitId: idQuery.optional(),
  focus: stageFocusSchema.optional(),
  overdue: boolQuery.optional(),
});
export type ListProjectLedgerQuery = z.infer<typeof listProjectLedgerQuery>;

/** Cross-project views: my unit's ledger (unitId), a leader's projects (leaderId), my own items (owner=me). */
export const listLedgerQuery = z.strictObject({
  ...paging,
  projectId: idQuery.optional(),
  unitId: idQuery.optional(),
  leaderId: idQuery.optional(),
  owner: z.literal('me').optional(),
  status: ledgerStatusSchema.optional(),
  focus: stageFocusSchema.optional(),
  overdue: boolQuery.optional(),
  q: text(100).optional(),
  sort: z.enum(['project', 'deadline']).default('project'),
});
export type ListLedgerQuery = z.infer<typeof listLedgerQuery>;

/** The portfolio export takes the cross-project filters, without paging. */
export const exportLedgerQuery = listLedgerQuery.omit({ page: true, pageSize: true, sort: true });
export type ExportLedgerQuery = z.infer<typeof exportLedgerQuery>;

export const deleteLedgerItemQuery = z.strictObject({ version: z.coerce.number().int().min(1) });

export const attachmentSchema = z.object({
  id,
  entity: z.string(),
  entityId: z.number().int(),
  filename: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.number().int().nullable(),
  uploadedByName: z.string().nullable(),
  createdAt: z.string(),
  canDelete: z.boolean(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const importKinds = ['ledger_items', 'projects'] as const;
export type ImportKind = (typeof importKinds)[number];
export const importStatuses = ['validating', 'importing', 'done', 'invalid', 'failed'] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** One bad cell: Excel row number (1-based, as Excel shows it), the column's header, the reason. */
export const importRowErrorSchema = z.object({ row: z.number().int(), column: z.string(), reason: z.string() });
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

export const importJobSchema = z.object({
  /** null for a dry run, which writes nothing. */
  id: z.number().int().nullable(),
  kind: z.enum(importKinds),
  status: z.enum(importStatuses),
  filename: z.string(),
  dryRun: z.boolean(),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  /** 0…1 for a progress bar: validation is the first half, writing the second. */
  progress: z.number(),
  errors: z.array(importRowErrorSchema),
  /** All bad cells, even beyond the first ones listed in `errors`. */
  errorCount: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

export const importQuery = z.strictObject({ dryRun: boolQuery.default(false) });
export const importKindParams = z.strictObject({ kind: z.enum(['ledger-items', 'projects']) });
