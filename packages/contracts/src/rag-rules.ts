/**
 * Colour rule sets per region 评色规则 (issue 11 item 2): the schema of a rule set, built from the table of
 * thresholds in rag-rule-fields.ts (bounds, whole numbers, red beyond yellow), and the API of the rule
 * editor — the set in force with its history, the preview of a change, the save of a new version.
 */
import { z } from 'zod';
import { dateText, isoDate, regionCode, text, timestampText } from './common.js';
import { ratedRules, type RatedRule } from './enum-values.js';
import { ragRuleSchema, ragSchema } from './enums.js';
import { ragCheckKey, ragRuleSpecs, type RagThresholdField } from './rag-rule-fields.js';

/** The thresholds of one rule, as stored and sent: a number (or null where allowed) or a colour. */
export type RagRuleValues = Record<string, number | null | 'yellow' | 'red'>;
/**
 * A rule set as the API carries it: every rule of `ratedRules` with every field of its spec. Its shape is
 * domain rag.ts `RagRuleSet` (a domain test holds the two to the same fields).
 */
export type RagRuleSetValues = Record<RatedRule, RagRuleValues>;

function fieldSchema(f: RagThresholdField): z.ZodType {
  if (f.kind === 'rag') return z.enum(f.options as [string, ...string[]]).describe(f.label.en);
  let n = z.number().min(f.min).max(f.max);
  if (f.int) n = n.int();
  const described = n.describe(`${f.label.en} (${f.label['zh-CN']}), ${f.min}–${f.max}: ${f.help.en}`);
  return f.nullable ? described.nullable() : described;
}

function ruleSchema(rule: RatedRule) {
  const spec = ragRuleSpecs[rule];
  const shape = Object.fromEntries(Object.entries(spec.fields).map(([k, f]) => [k, fieldSchema(f)]));
  return z
    .strictObject(shape)
    .superRefine((v, ctx) => {
      const values = v as Record<string, unknown>;
      for (const c of spec.checks) {
        const a = values[c.field];
        const b = values[c.than];
        if (typeof a === 'number' && typeof b === 'number' && !(a > b))
          ctx.addIssue({ code: 'custom', path: [c.field], message: ragCheckKey(rule, c.field) });
      }
    })
    .describe(spec.about.en);
}

export const ragRuleSetSchema = z
  .strictObject(Object.fromEntries(ratedRules.map((r) => [r, ruleSchema(r)])) as Record<string, z.ZodType>)
  .describe('The thresholds of every colour rule (评色规则), one object per rule') as unknown as z.ZodType<RagRuleSetValues>;

export const ragRuleSetParams = z.strictObject({ regionCode });

/** One saved version of a region's rule set. */
export const ragRuleSetVersionSchema = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  version: z.number().int().describe('1, 2, …: the newest is in force'),
  rules: ragRuleSetSchema,
  note: z.string().describe('Why it was changed (修改说明)'),
  by: z.string().describe('Who saved it'),
  createdAt: z.string().describe(timestampText),
});
export type RagRuleSetVersion = z.infer<typeof ragRuleSetVersionSchema>;

export const ragRuleSetSources = ['own', 'inherited', 'default'] as const;

/** GET /supervision/rule-sets/:regionCode */
export const ragRuleSetViewSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  source: z
    .enum(ragRuleSetSources)
    .describe("own: this region's newest version; inherited: the nearest ancestor's; default: the system's defaults"),
  fromRegion: z.object({ code: z.string(), name: z.string() }).nullable().describe('Whose set applies when inherited'),
  rules: ragRuleSetSchema.describe('The set in force'),
  version: z
    .number()
    .int()
    .describe("This region's newest version number, 0 when it has none: send it back with PUT (stale → 409)"),
  history: z.array(ragRuleSetVersionSchema).describe("This region's versions, newest first"),
});
export type RagRuleSetView = z.infer<typeof ragRuleSetViewSchema>;

export const previewRagRulesBody = z.strictObject({
  rules: ragRuleSetSchema,
  asOf: isoDate.optional().describe('Rate as of this date (default today, Asia/Shanghai)'),
});
export type PreviewRagRulesBody = z.infer<typeof previewRagRulesBody>;

const counts = z.object({ green: z.number().int(), yellow: z.number().int(), red: z.number().int() });

export const ragRulesPreviewSchema = z.object({
  asOf: z.string().describe(dateText),
  projects: z
    .number()
    .int()
    .describe('The projects the set would apply to (the region and below, less sub-regions with their own set)'),
  before: counts.describe('Computed colours under the set in force'),
  after: counts.describe('Computed colours under the proposed set'),
  summary: z.string().describe('The change in one sentence, in the user’s language'),
  changes: z
    .array(
      z.object({
        projectId: z.number().int(),
        code: z.string(),
        name: z.string(),
        from: ragSchema,
        to: ragSchema,
        reasons: z
          .array(z.object({ rule: ragRuleSchema, rag: ragSchema, message: z.string() }))
          .describe('Why, under the proposed set'),
      }),
    )
    .describe('Every project whose computed colour would change, red first'),
});
export type RagRulesPreview = z.infer<typeof ragRulesPreviewSchema>;

export const saveRagRulesBody = z.strictObject({
  rules: ragRuleSetSchema,
  version: z
    .number()
    .int()
    .min(0)
    .max(2_147_483_647)
    .describe("The region's version the change was based on (0 for its first): a stale one is refused with 409"),
  note: text(500).describe('Why (修改说明)'),
});
export type SaveRagRulesBody = z.infer<typeof saveRagRulesBody>;
