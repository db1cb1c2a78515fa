/**
 * Upward reports 上报报表 (SPEC §2.9, issue 12 item 4): the monthly table a city or province asks of a
 * district, generated from the records in a column template kept in the settings, never typed again.
 * A template is a list of headers, each mapped to one field of the catalogue below.
 */
import { z } from 'zod';

const monthPeriod = /^\d{4}-(0[1-9]|1[0-2])$/;

/** How a field's value is written: text, integer yuan (shown in 万元 or 元 as the template says), a rate, the row number. */
export const upwardFieldKinds = ['index', 'text', 'money', 'rate'] as const;
export type UpwardFieldKind = (typeof upwardFieldKinds)[number];

/** The field catalogue: what a template's header may map to, with its kind and labels. */
export const upwardReportFieldCatalogue = {
  index: { kind: 'index', 'zh-CN': '序号', en: 'No.' },
  code: { kind: 'text', 'zh-CN': '项目编号', en: 'Project code' },
  name: { kind: 'text', 'zh-CN': '项目名称', en: 'Project' },
  district: { kind: 'text', 'zh-CN': '所属县区', en: 'District' },
  location: { kind: 'text', 'zh-CN': '建设地点', en: 'Location' },
  nature: { kind: 'text', 'zh-CN': '建设性质（新建 / 续建）', en: 'Nature (new / continuing)' },
  level: { kind: 'text', 'zh-CN': '项目级别', en: 'Level' },
  category: { kind: 'text', 'zh-CN': '项目类别', en: 'Category' },
  stage: { kind: 'text', 'zh-CN': '项目阶段', en: 'Stage' },
  totalInvestment: { kind: 'money', 'zh-CN': '总投资', en: 'Total investment' },
  annualPlan: { kind: 'money', 'zh-CN': '年度计划投资', en: 'Annual plan' },
  monthCompleted: { kind: 'money', 'zh-CN': '本月完成投资（已审核）', en: 'Completed this month (approved)' },
  yearToDate: { kind: 'money', 'zh-CN': '1-本月累计完成投资（已审核）', en: 'Year to date (approved)' },
  completionRate: { kind: 'rate', 'zh-CN': '占年度计划', en: 'Share of annual plan' },
  imageProgress: { kind: 'text', 'zh-CN': '形象进度（最近进展）', en: 'Physical progress (latest note)' },
  openProblems: { kind: 'text', 'zh-CN': '存在问题（未解决）', en: 'Open problems' },
  colour: { kind: 'text', 'zh-CN': '督办颜色', en: 'Colour' },
  leadUnit: { kind: 'text', 'zh-CN': '责任单位', en: 'Responsible unit' },
  leader: { kind: 'text', 'zh-CN': '分包领导', en: 'Contracting leader' },
  enterprise: { kind: 'text', 'zh-CN': '建设单位', en: 'Enterprise' },
  plannedCompletionDate: { kind: 'text', 'zh-CN': '计划竣工日期', en: 'Planned completion' },
} as const satisfies Record<string, { kind: UpwardFieldKind; 'zh-CN': string; en: string }>;
export type UpwardReportField = keyof typeof upwardReportFieldCatalogue;
export const upwardReportFields = Object.keys(upwardReportFieldCatalogue) as [UpwardReportField, ...UpwardReportField[]];

export const upwardMoneyUnits = ['wan', 'yuan'] as const;
export type UpwardMoneyUnit = (typeof upwardMoneyUnits)[number];

export const upwardReportColumnSchema = z.strictObject({
  header: z.string().trim().min(1).max(40).describe('The header cell as the receiving office prints it'),
  field: z.enum(upwardReportFields).describe('The field of the catalogue the column shows'),
});

export const upwardReportTemplateSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/)
    .describe('The template key used in ?template= (lower case letters, digits, hyphens)'),
  name: z.string().trim().min(1).max(60).describe('The table’s title, e.g. 省重点项目月度推进情况表'),
  moneyUnit: z.enum(upwardMoneyUnits).describe('Money columns in 万元 (two decimals) or 元 (integers)'),
  columns: z.array(upwardReportColumnSchema).min(1).max(40),
});
export type UpwardReportTemplate = z.infer<typeof upwardReportTemplateSchema>;

export const upwardReportTemplatesSchema = z
  .array(upwardReportTemplateSchema)
  .min(1)
  .max(20)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((t, i) => {
      if (seen.has(t.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'upward_template_duplicate_id' });
      seen.add(t.id);
    });
  })
  .describe('Upward report templates (上报报表模板): each a list of headers mapped to fields; ids unique');

const col = (header: string, field: UpwardReportField) => ({ header, field });

/** Shipped templates: the provincial key-project monthly table, and a municipal one by district. */
export const defaultUpwardReportTemplates: UpwardReportTemplate[] = [
  {
    id: 'provincial-monthly',
    name: '省重点项目月度推进情况表',
    moneyUnit: 'wan',
    columns: [
      col('序号', 'index'),
      col('项目名称', 'name'),
      col('建设地点', 'location'),
      col('建设性质', 'nature'),
      col('总投资', 'totalInvestment'),
      col('年度计划投资', 'annualPlan'),
      col('本月完成投资', 'monthCompleted'),
      col('1-本月累计完成投资', 'yearToDate'),
      col('占年度计划', 'completionRate'),
      col('形象进度', 'imageProgress'),
      col('存在问题', 'openProblems'),
      col('责任单位', 'leadUnit'),
      col('分包领导', 'leader'),
    ],
  },
  {
    id: 'municipal-monthly',
    name: '市重点项目月度调度表',
    moneyUnit: 'wan',
    columns: [
      col('序号', 'index'),
      col('县区', 'district'),
      col('项目名称', 'name'),
      col('项目级别', 'level'),
      col('项目阶段', 'stage'),
      col('总投资', 'totalInvestment'),
      col('年度计划', 'annualPlan'),
      col('累计完成', 'yearToDate'),
      col('完成率', 'completionRate'),
      col('督办颜色', 'colour'),
      col('存在问题', 'openProblems'),
      col('责任单位', 'leadUnit'),
    ],
  },
];

export const upwardReportQuery = z.strictObject({
  month: z.string().regex(monthPeriod).optional().describe('YYYY-MM; defaults to the current month (Asia/Shanghai)'),
  template: z.string().max(40).optional().describe('A template id of the settings; defaults to the first'),
});
export type UpwardReportQuery = z.infer<typeof upwardReportQuery>;

const cell = z.union([z.string(), z.number(), z.null()]);

export const upwardReportSchema = z.object({
  month: z.string().describe('YYYY-MM'),
  asOf: z.string().describe('The last day the figures cover: the month’s end, or today within the current month'),
  regionCode: z.string(),
  regionName: z.string(),
  template: z.object({ id: z.string(), name: z.string(), moneyUnit: z.enum(upwardMoneyUnits) }),
  templates: z.array(z.object({ id: z.string(), name: z.string() })).describe('Every template the settings hold'),
  columns: z.array(z.object({ header: z.string(), field: z.enum(upwardReportFields), kind: z.enum(upwardFieldKinds) })),
  rows: z
    .array(
      z.object({
        projectId: z.number().int(),
        values: z.array(cell).describe('One value per column: money in integer yuan, a rate 0–1 or null, text'),
      }),
    )
    .describe('The provincial and municipal key projects of the region, by district, level and code'),
  totals: z.array(cell).describe('Per column: the money sums in integer yuan and the overall rate; null where nothing adds up'),
});
export type UpwardReport = z.infer<typeof upwardReportSchema>;
