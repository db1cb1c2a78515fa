/** Ledgers 台账: items per project, evidence attachments, and Excel import jobs. */
import { z } from 'zod';
import { burdenInput } from './burden.js';
import { dateText, enumText, id, isoDate, paging, requiredText, text, timestampText, version } from './common.js';

type Labels<T extends string> = Record<T, { 'zh-CN': string; en: string }>;

export const ledgerStatuses = ['not_started', 'in_progress', 'done', 'blocked'] as const;
export type LedgerStatus = (typeof ledgerStatuses)[number];
export const ledgerStatusLabels: Labels<LedgerStatus> = {
  not_started: { 'zh-CN': '未开始', en: 'Not started' },
  in_progress: { 'zh-CN': '推进中', en: 'In progress' },
  done: { 'zh-CN': '已完成', en: 'Done' },
  blocked: { 'zh-CN': '受阻', en: 'Blocked' },
};
export const ledgerStatusSchema = z.enum(ledgerStatuses).describe(enumText('Ledger item status (事项状态)', ledgerStatusLabels));

/** The article's four focus groups: 落地 (signed), 进度 (started), 竣工 (building), 达效 (producing). */
export const stageFocuses = ['landing', 'progress', 'completion', 'target'] as const;
export type StageFocusKey = (typeof stageFocuses)[number];
export const stageFocusLabels: Labels<StageFocusKey> = {
  landing: { 'zh-CN': '落地', en: 'Landing' },
  progress: { 'zh-CN': '进度', en: 'Progress' },
  completion: { 'zh-CN': '竣工', en: 'Completion' },
  target: { 'zh-CN': '达效', en: 'Reaching target' },
};
export const stageFocusSchema = z
  .enum(stageFocuses)
  .describe(enumText('Stage focus group of a ledger item (台账分组)', stageFocusLabels));

const ledgerFields = {
  /** 序号 within the project; the next free number when omitted. */
  seq: z
    .number()
    .int()
    .min(1)
    .max(99_999)
    .optional()
    .describe('Sequence number within the project (序号); the next free number when omitted'),
  unitId: id.describe('Id of the unit that owes the item (责任单位), from GET /units'),
  content: requiredText(1000).describe('What is to be done (具体内容)'),
  measures: text(2000).nullable().optional().describe('Measures taken (工作措施)'),
  deadline: isoDate
    .nullable()
    .optional()
    .describe(
      'Deadline (完成时限): calendar date YYYY-MM-DD, Asia/Shanghai; overdue from the day after. Required unless recurring; null or absent for a recurring item',
    ),
  recurring: z
    .boolean()
    .optional()
    .describe(
      'Recurring item 长期事项 (长期 / 持续推进): no deadline, never overdue, judged by its progress notes. true needs no deadline (switching an item to recurring drops its deadline); false needs one',
    ),
  ownerName: text(64).nullable().optional().describe('Person responsible, as written (责任人)'),
  ownerUserId: id.nullable().optional().describe('User account of the person responsible, if they have one (责任人账号)'),
  status: ledgerStatusSchema.optional(),
  /** Required when status is done (not in the future); cleared otherwise. */
  completedOn: isoDate
    .nullable()
    .optional()
    .describe(
      'Completion date (完成日期) YYYY-MM-DD, Asia/Shanghai: required when status is done, not after today; cleared otherwise',
    ),
  evidenceNote: text(2000).nullable().optional().describe('Note on the evidence (佐证说明); files are attachments'),
  progressNote: text(2000)
    .nullable()
    .optional()
    .describe(
      'Latest progress note (进展情况), a progress report: the unit that owes the item, the project’s enterprise or the office; a changed note is dated now (progressNoteAt)',
    ),
  /** Defaults to the project's stage focus. */
  focus: stageFocusSchema.optional().describe("Focus group (台账分组); defaults to the focus of the project's stage"),
};

/**
 * Either a deadline or recurring: a body naming both is refused, and so is a new item naming neither
 * (an update names what changes; the service checks the item it ends up with).
 */
const timingIssue = (b: { deadline?: string | null; recurring?: boolean }, isNew: boolean) =>
  b.recurring === true ? !!b.deadline : isNew ? !b.deadline : b.recurring === false && b.deadline === null;

export const createLedgerItemBody = z.strictObject(ledgerFields).superRefine((b, ctx) => {
  if (timingIssue(b, true)) ctx.addIssue({ code: 'custom', path: ['deadline'], message: 'deadline_or_recurring' });
});
export type CreateLedgerItemBody = z.infer<typeof createLedgerItemBody>;

export const updateLedgerItemBody = z
  .strictObject({
    version,
    seq: ledgerFields.seq,
    unitId: ledgerFields.unitId.optional(),
    content: ledgerFields.content.optional(),
    measures: ledgerFields.measures,
    deadline: ledgerFields.deadline,
    recurring: ledgerFields.recurring,
    ownerName: ledgerFields.ownerName,
    ownerUserId: ledgerFields.ownerUserId,
    status: ledgerFields.status,
    completedOn: ledgerFields.completedOn,
    evidenceNote: ledgerFields.evidenceNote,
    progressNote: ledgerFields.progressNote,
    focus: ledgerFields.focus,
    burden: burdenInput.optional(),
  })
  .superRefine((b, ctx) => {
    if (timingIssue(b, false)) ctx.addIssue({ code: 'custom', path: ['deadline'], message: 'deadline_or_recurring' });
  });
export type UpdateLedgerItemBody = z.infer<typeof updateLedgerItemBody>;

export const ledgerItemSchema = z.object({
  id,
  projectId: z.number().int().describe('Id of the project (项目)'),
  projectCode: z.string().describe('Project code (项目编号)'),
  projectName: z.string(),
  seq: z.number().int().describe('Sequence number within the project (序号)'),
  unitId: z.number().int().describe('Id of the unit that owes the item (责任单位)'),
  unitName: z.string().nullable(),
  content: z.string().describe('What is to be done (具体内容)'),
  measures: z.string().nullable().describe('Measures taken (工作措施)'),
  deadline: z
    .string()
    .nullable()
    .describe(`Deadline (完成时限): ${dateText}; null for a recurring item (长期事项), which has none`),
  recurring: z
    .boolean()
    .describe('Recurring item 长期事项 (长期 / 持续推进): no deadline, never overdue, judged by its progress notes'),
  ownerName: z.string().nullable().describe('Person responsible (责任人)'),
  ownerUserId: z.number().int().nullable(),
  status: ledgerStatusSchema,
  completedOn: z.string().nullable().describe(`Completion date (完成日期): ${dateText}; null unless done`),
  evidenceNote: z.string().nullable().describe('Note on the evidence (佐证说明)'),
  progressNote: z.string().nullable().describe('Latest progress note (进展情况)'),
  progressNoteAt: z.string().nullable().describe(`When the progress note was last changed: ${timestampText}; null without one`),
  focus: stageFocusSchema,
  /** Not done and past its deadline (Asia/Shanghai today). */
  overdue: z.boolean().describe('Not done and past its deadline, by the Asia/Shanghai date (逾期); never for a recurring item'),
  attachmentCount: z.number().int().describe('Number of evidence files attached (佐证材料数)'),
  openProblems: z
    .number()
    .int()
    .optional()
    .describe(
      'Open problems (未解决的存在问题) of the item’s project raised for the item’s unit, e.g. from the sheet’s 存在问题 column',
    ),
  version,
  createdAt: z.string().describe(timestampText),
  updatedAt: z.string().describe(timestampText),
  /** What the current user may do with this item. */
  permissions: z
    .object({
      edit: z.boolean(),
      complete: z.boolean(),
      delete: z.boolean(),
      upload: z.boolean(),
      reportProgress: z.boolean(),
    })
    .describe(
      'What the current user may do with this item: edit, complete (mark done, set the completion date, reassign the unit; not an enterprise), delete, upload evidence, reportProgress (change 进展情况) (the server checks again)',
    ),
});
export type LedgerItem = z.infer<typeof ledgerItemSchema>;

const boolQuery = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .describe('true or false');
const idQuery = z.coerce.number().int().positive().max(2_147_483_647).describe('Record id (编号)');

export const listProjectLedgerQuery = z.strictObject({
  ...paging,
  status: ledgerStatusSchema.optional(),
  unitId: idQuery.optional().describe('Only the items this unit owes (责任单位)'),
  focus: stageFocusSchema.optional(),
  overdue: boolQuery.optional().describe('true: only items not done and past their deadline (逾期)'),
  sort: z
    .enum(['project', 'deadline'])
    .default('project')
    .describe(
      'project: by 序号; deadline: open items first (overdue ones lead), earliest deadline first, recurring items (no deadline) after the dated open ones, done items last',
    ),
});
export type ListProjectLedgerQuery = z.infer<typeof listProjectLedgerQuery>;

/** Cross-project views: my unit's ledger (unitId), a leader's projects (leaderId), my own items (owner=me). */
export const listLedgerQuery = z.strictObject({
  ...paging,
  projectId: idQuery.optional().describe("Only this project's items"),
  unitId: idQuery.optional().describe('Only the items this unit owes (责任单位)'),
  leaderId: idQuery.optional().describe('Only items of the projects this leader is responsible for (包联领导)'),
  owner: z.literal('me').optional().describe('me: only the items whose ownerUserId is the current user'),
  status: ledgerStatusSchema.optional(),
  focus: stageFocusSchema.optional(),
  overdue: boolQuery.optional().describe('true: only items not done and past their deadline (逾期)'),
  q: text(100).optional().describe('Text search in the content, the project name and the project code'),
  sort: z
    .enum(['project', 'deadline'])
    .default('project')
    .describe(
      'project: by project code then 序号; deadline: open items first (overdue ones lead), earliest deadline first, recurring items (no deadline) after the dated open ones, done items last',
    ),
});
export type ListLedgerQuery = z.infer<typeof listLedgerQuery>;

/** The portfolio export takes the cross-project filters, without paging. */
export const exportLedgerQuery = listLedgerQuery.omit({ page: true, pageSize: true, sort: true });
export type ExportLedgerQuery = z.infer<typeof exportLedgerQuery>;

export const deleteLedgerItemQuery = z.strictObject({
  version: z.coerce.number().int().min(1).describe('The version you read (版本号); a stale one is refused with 409'),
});

export const attachmentSchema = z.object({
  id,
  entity: z.string().describe('Kind of record the file belongs to, e.g. ledger-items, investment-reports'),
  entityId: z.number().int().describe('Id of that record'),
  filename: z.string(),
  mime: z.string().describe('Media type, detected from the content'),
  size: z.number().int().describe('Size in bytes (at most 20 MB)'),
  sha256: z.string().describe('SHA-256 of the content, hex'),
  uploadedBy: z.number().int().nullable().describe('Id of the uploading user'),
  uploadedByName: z.string().nullable(),
  createdAt: z.string().describe(timestampText),
  canDelete: z.boolean().describe('The current user may delete this file'),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const importKinds = ['ledger_items', 'projects', 'problems'] as const;
export type ImportKind = (typeof importKinds)[number];
export const importStatuses = ['validating', 'importing', 'done', 'invalid', 'failed'] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** One bad cell: Excel row number (1-based, as Excel shows it), the column's header, the reason. */
export const importRowErrorSchema = z.object({
  row: z.number().int().describe('Excel row number, 1-based as Excel shows it (行号)'),
  column: z.string().describe('Header of the column (列名)'),
  reason: z.string().describe("What is wrong, in the request's language"),
});
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

/** How one cell of an office's own sheet was read (原文 → 读作), shown before anything is written. */
export const importReadingSchema = z.object({
  row: z.number().int().describe('Excel row number, 1-based (行号); the header row for a column mapping'),
  column: z.string().describe('Header of the column as the sheet names it (列名)'),
  original: z.string().describe('The cell as written (原文)'),
  reading: z.string().describe('What it was read as (读作), zh-CN'),
});
export type ImportReading = z.infer<typeof importReadingSchema>;

/** A row left out on purpose: blank, a 合计 / 小计 row, a group heading. */
export const importSkippedRowSchema = z.object({
  row: z.number().int().describe('Excel row number, 1-based (行号)'),
  reason: z.string().describe('Why it was skipped, zh-CN (空行, 合计行…)'),
});
export type ImportSkippedRow = z.infer<typeof importSkippedRowSchema>;

export const importColumnSources = ['detected', 'saved', 'user', 'none'] as const;
export type ImportColumnSource = (typeof importColumnSources)[number];

/** One column of an office sheet's header band and the field it is read into. */
export const importHeaderColumnSchema = z.object({
  column: z.number().int().describe('Column number, column A is 1 (列号): the key of the `mapping` parameter'),
  letter: z.string().describe('Column letter as Excel shows it (A, B, …)'),
  header: z.string().describe('The header text, a group heading joined with its sub-column by / (表头)'),
  sample: z.string().nullable().describe('The first data cell of the column, as text (示例值)'),
  field: z.string().nullable().describe('The field the column is read into; null: not imported (忽略此列)'),
  source: z
    .enum(importColumnSources)
    .describe(
      'How the field was chosen: detected (by name / synonym), saved (a saved mapping), user (the mapping parameter), none',
    ),
});
export type ImportHeaderColumn = z.infer<typeof importHeaderColumnSchema>;

export const importFieldSchema = z.object({
  key: z.string().describe('Field name, as the mapping parameter takes it'),
  label: z.string().describe('Its zh-CN name (字段)'),
  required: z.boolean().describe('A column must be mapped to it'),
  oneOf: z
    .array(z.string())
    .nullable()
    .describe('The other fields of its group, one of which must be mapped (项目名称 or 项目编号); null when none'),
});
export type ImportField = z.infer<typeof importFieldSchema>;

export const importHeaderSchema = z.object({
  rows: z.tuple([z.number().int(), z.number().int()]).describe('First and last Excel row of the header band (1-based)'),
  signature: z.string().describe('The normalised header cells: how a saved mapping recognises the layout (表头特征)'),
  columns: z.array(importHeaderColumnSchema),
  fields: z.array(importFieldSchema).describe('The fields a column may be read into'),
});
export type ImportHeader = z.infer<typeof importHeaderSchema>;

export const importJobSchema = z.object({
  /** null for a dry run, which writes nothing. */
  id: z.number().int().nullable().describe('Id of the import job; null for a dry run'),
  kind: z.enum(importKinds).describe('What is imported: ledger_items (台账事项), projects (项目) or problems (问题清单)'),
  status: z
    .enum(importStatuses)
    .describe('validating (校验中), importing (导入中), done (完成), invalid (校验未通过: nothing written), failed (失败)'),
  filename: z.string(),
  dryRun: z.boolean().describe('Validated only, nothing written (试导入)'),
  totalRows: z.number().int().describe('Data rows in the sheet'),
  processedRows: z.number().int(),
  /** 0…1 for a progress bar: validation is the first half, writing the second. */
  progress: z.number().describe('Progress as a fraction 0–1 (not percent): validation is the first half, writing the second'),
  errors: z.array(importRowErrorSchema),
  /** All bad cells, even beyond the first ones listed in `errors`. */
  errorCount: z.number().int(),
  created: z.number().int().describe('Rows that created a record'),
  updated: z.number().int().describe('Rows that changed an existing record'),
  unchanged: z.number().int().describe('Rows equal to the existing record'),
  readings: z
    .array(importReadingSchema)
    .describe(
      'How an office sheet was read (原文 → 读作): the column mapping and every interpreted cell; empty for the template layout',
    ),
  skipped: z.array(importSkippedRowSchema).describe('Rows left out on purpose (空行, 合计 / 小计, group headings)'),
  header: importHeaderSchema
    .nullable()
    .describe('The header band and the proposed column mapping of an office sheet (dry run only; null otherwise)'),
  savedMapping: z
    .object({ id, name: z.string() })
    .nullable()
    .describe('The saved mapping (本单位模板) applied because its header signature matches the sheet; null when none'),
  createdAt: z.string().describe(timestampText),
  finishedAt: z.string().nullable().describe(timestampText),
});
export type ImportJob = z.infer<typeof importJobSchema>;

export const importQuery = z.strictObject({
  dryRun: boolQuery.default(false).describe('true: validate only and write nothing (试导入)'),
  mapping: z
    .string()
    .max(4000)
    .optional()
    .describe(
      'Ledger items only: JSON object overriding the detected column mapping of an office sheet (列对应关系), ' +
        'column number (column A is 1) → field (seq, projectCode, projectName, unitName, content, measures, deadline, ' +
        'ownerName, status, completedOn, evidenceNote, progressNote, problems, remarks) or null to ignore the column, ' +
        'e.g. {"6":"deadline","9":null}. Given, the sheet is always read by its headers.',
    ),
});
export const importKindParams = z.strictObject({
  kind: z
    .enum(['ledger-items', 'projects', 'problems'])
    .describe('ledger-items (台账事项), projects (项目) or problems (问题清单)'),
});

/** Column number (column A is 1) → field, or null to ignore the column: what a saved mapping holds. */
export const importMappingColumns = z
  .record(z.string().regex(/^[1-9]\d{0,3}$/), z.string().max(40).nullable())
  .refine((m) => Object.keys(m).length <= 200, 'too_many_columns')
  .describe('Column number (column A is 1) → field name, or null to ignore the column, e.g. {"6":"deadline","9":null}');

/** A column mapping an office saved for its own sheet layout (本单位模板), applied when the headers match. */
export const importMappingSchema = z.object({
  id,
  kind: z.enum(importKinds),
  name: z.string().describe('Its name (模板名称), unique per region and kind'),
  headerSignature: z.string().describe('The header signature of the sheet it was made for (the dry run’s header.signature)'),
  columns: z.record(z.string(), z.string().nullable()).describe('Column number → field, or null to ignore'),
  createdBy: z.number().int().nullable(),
  version,
  createdAt: z.string().describe(timestampText),
  updatedAt: z.string().describe(timestampText),
});
export type ImportMapping = z.infer<typeof importMappingSchema>;

export const listImportMappingsQuery = z.strictObject({
  kind: z.enum(importKinds).optional().describe('Only this kind of import'),
});
export const createImportMappingBody = z.strictObject({
  kind: z.enum(importKinds),
  name: requiredText(60).describe('Its name (模板名称)'),
  headerSignature: requiredText(4000).describe('The dry run’s header.signature'),
  columns: importMappingColumns,
});
export type CreateImportMappingBody = z.infer<typeof createImportMappingBody>;
export const updateImportMappingBody = z.strictObject({
  version,
  name: requiredText(60).optional(),
  headerSignature: requiredText(4000).optional(),
  columns: importMappingColumns.optional(),
});
export type UpdateImportMappingBody = z.infer<typeof updateImportMappingBody>;
export const importMappingVersionQuery = z.strictObject({
  version: z.coerce.number().int().min(1).describe('The version you read (版本号); a stale one is refused with 409'),
});
