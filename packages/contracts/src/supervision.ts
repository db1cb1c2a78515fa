/**
 * Supervision 督办 (SPEC §2.5, issue 11): a project's colour, computed from its records by the rules of
 * `packages/domain/src/rag.ts`, with every reason naming its rule, the measured value, the threshold and
 * the records behind it — "why is this red?" answered from the data.
 */
import { z } from 'zod';
import { dateText, isoDate, regionCode, requiredText, timestampText, version } from './common.js';
import { ragRuleSchema, ragSchema } from './enums.js';

export const ragRecordSchema = z.object({
  entity: z
    .enum(['project', 'milestone', 'ledger_item', 'decision', 'problem', 'leader', 'supervision_item'])
    .describe('What kind of record (记录类型)'),
  id: z.number().int(),
  label: z.string().describe('How the screens name it'),
});
export type RagRecord = z.infer<typeof ragRecordSchema>;

export const ragReasonSchema = z.object({
  rule: ragRuleSchema,
  rag: ragSchema.describe('The colour this reason alone gives'),
  message: z.string().describe("Why, in plain words in the user's language"),
  value: z.number().describe('What was measured (days, a share in %, a count)'),
  threshold: z.number().describe('The threshold it was measured against'),
  records: z.array(ragRecordSchema).describe('The records behind it (at least one for yellow or red)'),
});
export type RagReason = z.infer<typeof ragReasonSchema>;

export const projectRagSchema = z.object({
  projectId: z.number().int(),
  asOf: z.string().describe(dateText),
  rag: ragSchema.describe('The colour shown: the override while it lasts, else the computed one'),
  computedRag: ragSchema.describe('The colour the rules give'),
  since: z
    .string()
    .nullable()
    .describe(
      `Since when it has this colour (${dateText}); the first day of the rated colour's spell (the day itself when it changes today); null before the daily monitoring job first rated the project`,
    ),
  reasons: z.array(ragReasonSchema).describe('Every reason, worst first; empty for green'),
  override: z
    .object({
      id: z.number().int(),
      rag: ragSchema,
      reason: z.string(),
      until: z.string().describe(`Last day it is in force (${dateText})`),
      by: z.string().describe('Who set it'),
      version,
    })
    .nullable()
    .describe('A supervisor’s override (人工调整), with its reason and expiry'),
});
export type ProjectRag = z.infer<typeof projectRagSchema>;

export const projectRagQuery = z.strictObject({
  asOf: isoDate.optional().describe('Rate as of this date (default today, Asia/Shanghai)'),
});
export type ProjectRagQuery = z.infer<typeof projectRagQuery>;

export const ragMapQuery = z.strictObject({
  regionCode: regionCode.optional().describe("A region within the actor's (default: the actor's)"),
  asOf: isoDate.optional().describe('Rate as of this date (default today, Asia/Shanghai)'),
});
export type RagMapQuery = z.infer<typeof ragMapQuery>;

export const ragMapSchema = z.object({
  asOf: z.string().describe(dateText),
  counts: z.object({ green: z.number().int(), yellow: z.number().int(), red: z.number().int() }),
  items: z
    .array(
      z.object({
        projectId: z.number().int(),
        code: z.string(),
        name: z.string(),
        rag: ragSchema.describe('The colour shown (an override in force, else the computed one)'),
        computedRag: ragSchema.describe('The colour the rules give'),
        overridden: z.boolean().describe('A supervisor’s override 人工调整 is in force'),
        reasons: z.array(ragReasonSchema),
        lat: z.number().nullable().describe('The site’s latitude (WGS-84), where known'),
        lng: z.number().nullable().describe('The site’s longitude (WGS-84), where known'),
      }),
    )
    .describe('Every project in scope, red first, then yellow, then green'),
});
export type RagMap = z.infer<typeof ragMapSchema>;

/** POST /projects/:id/rag/override: the supervisor sets the colour shown, with why and until when. */
export const overrideRagBody = z.strictObject({
  rag: ragSchema.describe('The colour to show (人工调整)'),
  reason: requiredText(500).describe('Why the computed colour is not the right one (调整原因)'),
  until: isoDate.describe('Last day it is in force (YYYY-MM-DD, Asia/Shanghai): from today up to 180 days ahead'),
});
export type OverrideRagBody = z.infer<typeof overrideRagBody>;

export const endRagOverrideBody = z.strictObject({ version });
export type EndRagOverrideBody = z.infer<typeof endRagOverrideBody>;

export const ragOverrideSchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  rag: ragSchema,
  reason: z.string(),
  until: z.string().describe(dateText),
  by: z.string().describe('Who set it'),
  createdAt: z.string().describe(timestampText),
  endedAt: z.string().nullable().describe(`Ended early, when (${timestampText})`),
  endedBy: z.string().nullable(),
  active: z.boolean().describe('In force today'),
  version,
});
export type RagOverride = z.infer<typeof ragOverrideSchema>;

// ---- colour history (the daily monitoring job's spells, ADR 0010) --------------------------------

/** A window of days, both optional, `from` not after `to`. */
const dayWindow = z
  .strictObject({
    from: isoDate.optional().describe('First day (YYYY-MM-DD, Asia/Shanghai)'),
    to: isoDate.optional().describe('Last day (YYYY-MM-DD, Asia/Shanghai; default today)'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'date_order' });

export const ragHistoryQuery = dayWindow.describe('Default: the 90 days to today');
export type RagHistoryQuery = z.infer<typeof ragHistoryQuery>;

export const ragSpellSchema = z.object({
  rag: ragSchema.describe('The colour rated that day (after the hysteresis; an override is not a spell)'),
  held: z.boolean().describe('A held yellow after red (恢复观察期): no green the day after red'),
  from: z.string().describe(`First day of the spell, clipped to the window (${dateText})`),
  to: z.string().nullable().describe(`Last day, clipped to the window; null: in force (${dateText})`),
  startedOn: z.string().describe('The spell’s own first day, before clipping'),
  rules: z.array(ragRuleSchema).describe('The rules of the reasons on its first day, worst first'),
});
export type RagSpell = z.infer<typeof ragSpellSchema>;

export const ragHistorySchema = z.object({
  projectId: z.number().int(),
  from: z.string().describe(dateText),
  to: z.string().describe(dateText),
  spells: z.array(ragSpellSchema).describe('Oldest first; empty before the daily job first rated the project'),
  current: z
    .object({
      rag: ragSchema,
      since: z.string().describe(dateText),
      redDays: z.number().int().describe('Days red so far in the spell in force (0 unless red), today included'),
      weeksRed: z.number().int().describe('Whole weeks of redDays (连续红色周数)'),
    })
    .nullable()
    .describe('The spell in force today'),
});
export type RagHistory = z.infer<typeof ragHistorySchema>;

export const ragChangesQuery = z
  .strictObject({
    from: isoDate.optional().describe('The earlier day (default: 7 days before `to`)'),
    to: isoDate.optional().describe('The later day (default today)'),
    regionCode: regionCode.optional().describe("A region within the actor's (default: the actor's)"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'date_order' });
export type RagChangesQuery = z.infer<typeof ragChangesQuery>;

export const ragChangesSchema = z.object({
  from: z.string().describe(dateText),
  to: z.string().describe(dateText),
  items: z
    .array(
      z.object({
        projectId: z.number().int(),
        code: z.string(),
        name: z.string(),
        before: ragSchema.nullable().describe('The rated colour on `from`; null: not rated yet then'),
        after: ragSchema.describe('The rated colour on `to`'),
        since: z.string().describe(`First day of the colour on \`to\` (${dateText})`),
        rules: z.array(ragRuleSchema).describe('Its rules on that day, worst first'),
      }),
    )
    .describe('Projects in scope whose rated colour on `to` differs from `from`: worse ones first, then by code'),
});
export type RagChanges = z.infer<typeof ragChangesSchema>;
