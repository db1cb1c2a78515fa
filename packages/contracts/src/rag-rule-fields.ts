/**
 * The thresholds of the colour rules (domain rag.ts `RagRuleSet`) as data: for each rule its fields with
 * unit, bounds, label and a plain explanation, and the cross-field checks. The zod schema of a rule set
 * (`ragRuleSetSchema`, rag-rules.ts) and the web's rule editor are both built from this one table, so a
 * new rule is one entry here (the `Record<RatedRule, …>` makes a missing one a compile error). No zod: the
 * web reads it without bundling the schemas.
 */
import type { Rag, RatedRule } from './enum-values.js';

type Text = { 'zh-CN': string; en: string };

/** days 天, points 个百分点, count 项, share a fraction 0–1 shown as % */
export type RagThresholdUnit = 'days' | 'points' | 'count' | 'share';
export const ragThresholdUnitLabels: Record<RagThresholdUnit, Text> = {
  days: { 'zh-CN': '天', en: 'days' },
  points: { 'zh-CN': '个百分点', en: 'points' },
  count: { 'zh-CN': '项', en: 'items' },
  share: { 'zh-CN': '%', en: '%' },
};

export type RagThresholdField =
  | {
      kind: 'number';
      unit: RagThresholdUnit;
      min: number;
      max: number;
      /** Whole numbers only (every unit but `share`). */
      int: boolean;
      /** null allowed: the threshold is switched off. */
      nullable?: true;
      label: Text;
      help: Text;
    }
  | { kind: 'rag'; options: readonly Exclude<Rag, 'green'>[]; label: Text; help: Text };

/** `field` must be greater than `than` (skipped while either is null); its message names the pair. */
export interface RagThresholdCheck {
  field: string;
  than: string;
  message: Text;
}

export interface RagRuleSpec {
  /** What the rule looks at, in plain words, for the editor's card. */
  about: Text;
  fields: Record<string, RagThresholdField>;
  checks: readonly RagThresholdCheck[];
}

const days = (min: number, max: number, label: Text, help: Text) =>
  ({ kind: 'number', unit: 'days', min, max, int: true, label, help }) as const;
const count = (min: number, max: number, label: Text, help: Text) =>
  ({ kind: 'number', unit: 'count', min, max, int: true, label, help }) as const;
const points = (label: Text, help: Text) =>
  ({ kind: 'number', unit: 'points', min: 0, max: 100, int: false, label, help }) as const;

const redAfterYellow = (field: string, than: string): RagThresholdCheck => ({
  field,
  than,
  message: { 'zh-CN': '红色阈值须大于黄色阈值', en: 'The red threshold must be above the yellow one' },
});

/** The overdue-records rules share their shape: yellow from a count, red from a count or from days overdue. */
function overdueSpec(what: Text, redCountNullable: boolean): RagRuleSpec {
  return {
    about: {
      'zh-CN': `未办结且已过期限的${what['zh-CN']}：达到一定数量为黄色，数量更多或逾期过久为红色。`,
      en: `Open ${what.en} past their deadline: yellow from a number of them, red from more or when one is long overdue.`,
    },
    fields: {
      yellowCount: count(
        1,
        100,
        { 'zh-CN': '黄色：逾期数量达到', en: 'Yellow from this many overdue' },
        {
          'zh-CN': `逾期${what['zh-CN']}达到这么多项时亮黄灯`,
          en: `The project turns yellow when this many ${what.en} are overdue`,
        },
      ),
      redCount: {
        ...count(
          1,
          100,
          { 'zh-CN': '红色：逾期数量达到', en: 'Red from this many overdue' },
          {
            'zh-CN': `逾期${what['zh-CN']}达到这么多项时亮红灯${redCountNullable ? '；留空则只按逾期天数判红' : ''}`,
            en: `The project turns red when this many ${what.en} are overdue${redCountNullable ? '; empty: only the days overdue make it red' : ''}`,
          },
        ),
        ...(redCountNullable ? { nullable: true as const } : {}),
      },
      redDays: days(
        1,
        365,
        { 'zh-CN': '红色：逾期超过', en: 'Red when overdue by more than' },
        {
          'zh-CN': `任一${what['zh-CN']}逾期超过这么多天即亮红灯`,
          en: `Any one of the ${what.en} overdue by more than this many days turns the project red`,
        },
      ),
    },
    checks: [redAfterYellow('redCount', 'yellowCount')],
  };
}

export const ragRuleSpecs: Record<RatedRule, RagRuleSpec> = {
  milestone_slip: {
    about: {
      'zh-CN': '未完成的节点预计完成日晚于计划（基线）完成日的天数；已完成的节点不再计算。',
      en: "How many days a node not finished yet is forecast to finish after its baseline; finished nodes don't count.",
    },
    fields: {
      yellowDays: days(
        0,
        365,
        { 'zh-CN': '黄色：滞后超过', en: 'Yellow when late by more than' },
        {
          'zh-CN': '节点预计滞后超过这么多天亮黄灯（0 表示晚一天即黄）',
          en: 'A node forecast later than this many days turns it yellow (0: one day late)',
        },
      ),
      redDays: days(
        1,
        730,
        { 'zh-CN': '红色：滞后超过', en: 'Red when late by more than' },
        { 'zh-CN': '节点预计滞后超过这么多天亮红灯', en: 'A node forecast later than this many days turns it red' },
      ),
      redShareOfDuration: {
        kind: 'number',
        unit: 'share',
        min: 0,
        max: 1,
        int: false,
        label: { 'zh-CN': '红色：滞后占工期超过', en: 'Red when late by more than this share of its duration' },
        help: {
          'zh-CN': '滞后天数超过节点工期的这一比例也亮红灯（须同时超过下面的最少天数）',
          en: "A slip beyond this share of the node's duration is red too (once over the minimum days below)",
        },
      },
      redShareMinDays: days(
        0,
        365,
        { 'zh-CN': '按工期比例判红的最少天数', en: 'Minimum days for the share rule' },
        {
          'zh-CN': '滞后超过这么多天后才按工期比例判红，短节点晚几天不至于亮红灯',
          en: "The share rule counts only once the slip is over this many days, so a short node's few days are not red",
        },
      ),
    },
    checks: [redAfterYellow('redDays', 'yellowDays')],
  },
  investment_behind: {
    about: {
      'zh-CN': '年度计划投资的完成比例落后于时序进度（全年已过去的比例）的百分点数。',
      en: 'How many points the share of the annual investment plan done lags the share of the year gone.',
    },
    fields: {
      yellowPoints: points(
        { 'zh-CN': '黄色：落后超过', en: 'Yellow when behind by more than' },
        {
          'zh-CN': '投资完成比例落后时序进度超过这么多个百分点亮黄灯',
          en: 'Behind the year by more than this many points turns it yellow',
        },
      ),
      redPoints: points(
        { 'zh-CN': '红色：落后超过', en: 'Red when behind by more than' },
        {
          'zh-CN': '投资完成比例落后时序进度超过这么多个百分点亮红灯',
          en: 'Behind the year by more than this many points turns it red',
        },
      ),
    },
    checks: [redAfterYellow('redPoints', 'yellowPoints')],
  },
  ledger_overdue: overdueSpec({ 'zh-CN': '台账事项', en: 'ledger items' }, true),
  decision_overdue: overdueSpec({ 'zh-CN': '议定事项', en: 'meeting decisions' }, true),
  stage_deadline_missed: {
    about: {
      'zh-CN': '已签约未按计划日期开工，或已开工未按计划日期竣工，一律亮红灯。',
      en: 'Signed but not started by the planned start, or started but not completed by the planned completion: red.',
    },
    fields: {
      graceDays: days(
        0,
        365,
        { 'zh-CN': '宽限天数', en: 'Days of grace' },
        {
          'zh-CN': '超过计划开工或竣工日期这么多天后才亮红灯',
          en: 'Red only once the planned start or completion is this many days past',
        },
      ),
    },
    checks: [],
  },
  problem_overdue: overdueSpec({ 'zh-CN': '问题', en: 'problems' }, true),
  leader_quota_shortfall: {
    about: {
      'zh-CN': '包联领导上周现场督查或现场解决问题未达到每周要求（要求次数在系统设置中）。',
      en: "The contracting leader missed last week's site checks or problems solved on site (the quota is in the settings).",
    },
    fields: {
      rag: {
        kind: 'rag',
        options: ['yellow', 'red'],
        label: { 'zh-CN': '未达标时的颜色', en: 'Colour when missed' },
        help: { 'zh-CN': '包联领导未达标时项目亮的颜色', en: 'The colour a missed quota gives the project' },
      },
    },
    checks: [],
  },
  supervision_overdue: overdueSpec({ 'zh-CN': '督办事项', en: 'supervision items' }, true),
};

/** The key a failed check is raised with; issues.ts turns it into the check's message. */
export const ragCheckKey = (rule: RatedRule, field: string) => `rag_check:${rule}.${field}`;
export const ragCheckMessages: Record<string, Text> = Object.fromEntries(
  (Object.entries(ragRuleSpecs) as [RatedRule, RagRuleSpec][]).flatMap(([rule, spec]) =>
    spec.checks.map((c) => [ragCheckKey(rule, c.field), c.message]),
  ),
);

/**
 * The preview's sentence: "this change would turn 3 projects red and 1 green", from how many projects
 * would turn to each colour.
 */
export function ragPreviewSummary(turning: Record<Rag, number>, locale: 'zh-CN' | 'en'): string {
  const order: Rag[] = ['red', 'yellow', 'green'];
  const parts = order.filter((c) => turning[c] > 0);
  const zhColour: Record<Rag, string> = { red: '红色', yellow: '黄色', green: '绿色' };
  if (!parts.length)
    return locale === 'zh-CN' ? '此修改不会改变任何项目的颜色' : "This change would not change any project's colour";
  if (locale === 'zh-CN')
    return `此修改将使 ${parts.map((c, i) => `${turning[c]} 个${i === 0 ? '项目' : ''}变为${zhColour[c]}`).join('、')}`;
  const list = parts.map((c, i) => `${turning[c]}${i === 0 ? (turning[c] === 1 ? ' project' : ' projects') : ''} ${c}`);
  const joined = list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
  return `This change would turn ${joined}`;
}
