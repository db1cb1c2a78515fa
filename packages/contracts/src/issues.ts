/** Turns zod validation issues into field messages in the user's language. */
import type { z } from 'zod';
import type { FieldIssue, Locale } from './errors.js';
import { escalationMessages } from './messages/escalations.js';
import { ledgerMessages } from './messages/ledger.js';
import { ragCheckMessages } from './rag-rule-fields.js';
import { siteCheckMessages } from './messages/site-checks.js';
import { userMessages } from './messages/user.js';

/** Messages for custom refinements: schemas raise them with `message: '<key>'`. */
export const customMessages: Record<string, { 'zh-CN': string; en: string }> = {
  password_policy: {
    'zh-CN': '密码至少 8 位，且包含大写字母、小写字母、数字、符号中的至少 3 类',
    en: 'At least 8 characters with 3 of: upper case, lower case, digits, symbols',
  },
  date_order: userMessages.date_order,
  region_code: { 'zh-CN': '行政区划代码格式错误', en: 'Invalid region code' },
  phone: { 'zh-CN': '手机号格式错误', en: 'Invalid phone number' },
  username: { 'zh-CN': '用户名只能包含字母、数字和 _ . @ -', en: 'Letters, digits and _ . @ - only' },
  totp_code: { 'zh-CN': '验证码应为 6 位数字', en: 'The code has 6 digits' },
  no_control_chars: { 'zh-CN': '包含不允许的控制字符', en: 'Contains control characters' },
  deadline_or_recurring: ledgerMessages.deadline_or_recurring,
  iso_week: {
    'zh-CN': '周次格式应为 YYYY-Www（如 2026-W05），且该年有此周',
    en: 'Expected an ISO week YYYY-Www (e.g. 2026-W05) that exists in that year',
  },
  located_needs_coordinates: siteCheckMessages.located_needs_coordinates,
  robot_url: userMessages.robot_url,
  report_period: {
    'zh-CN': '周调度的期次应为 YYYY-Www（如 2026-W49），月督导通报应为 YYYY-MM（如 2026-12）',
    en: 'A weekly dispatch takes YYYY-Www (e.g. 2026-W49), a monthly bulletin YYYY-MM (e.g. 2026-12)',
  },
  ...ragCheckMessages,
  escalation_ladder_order: escalationMessages.escalation_ladder_order,
  escalation_ladder_weeks: escalationMessages.escalation_ladder_weeks,
  // issue 12: upward report templates
  upward_template_duplicate_id: {
    'zh-CN': '上报报表模板的标识不能重复',
    en: 'Each upward report template needs its own id',
  },
};

const typeNames: Record<string, { 'zh-CN': string; en: string }> = {
  string: { 'zh-CN': '文本', en: 'text' },
  number: { 'zh-CN': '数字', en: 'a number' },
  int: { 'zh-CN': '整数', en: 'an integer' },
  boolean: { 'zh-CN': '是/否', en: 'true or false' },
  array: { 'zh-CN': '列表', en: 'a list' },
  object: { 'zh-CN': '对象', en: 'an object' },
  date: { 'zh-CN': '日期', en: 'a date' },
};

function typeName(t: string, locale: Locale): string {
  return typeNames[t]?.[locale] ?? t;
}

type Issue = z.core.$ZodIssue;

export function describeIssue(issue: Issue, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return zh ? '必填' : 'Required';
      return zh ? `应为${typeName(issue.expected, locale)}` : `Expected ${typeName(issue.expected, locale)}`;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string')
        return min <= 1 ? (zh ? '不能为空' : 'Cannot be empty') : zh ? `至少 ${min} 个字符` : `At least ${min} characters`;
      if (issue.origin === 'array') return zh ? `至少 ${min} 项` : `At least ${min} items`;
      return zh ? `不能小于 ${min}` : `Must be at least ${min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return zh ? `不能超过 ${max} 个字符` : `At most ${max} characters`;
      if (issue.origin === 'array') return zh ? `最多 ${max} 项` : `At most ${max} items`;
      return zh ? `不能大于 ${max}` : `Must be at most ${max}`;
    }
    case 'invalid_format':
      if (issue.format === 'date') return zh ? '日期格式应为 YYYY-MM-DD 且为有效日期' : 'Expected a valid date YYYY-MM-DD';
      if (issue.format === 'regex') {
        const custom = customMessages[issue.message];
        if (custom) return custom[locale];
      }
      return zh ? '格式错误' : 'Invalid format';
    case 'unrecognized_keys':
      return zh ? `不允许的字段：${issue.keys.join(', ')}` : `Unknown field(s): ${issue.keys.join(', ')}`;
    case 'invalid_value':
      return zh
        ? `取值应为：${issue.values.map(String).join(' / ')}`
        : `Expected one of: ${issue.values.map(String).join(' / ')}`;
    case 'not_multiple_of':
      return zh ? '应为整数' : 'Must be a whole number';
    case 'custom': {
      const custom = customMessages[issue.message];
      if (custom) return custom[locale];
      return issue.message;
    }
    default:
      return zh ? '取值无效' : 'Invalid value';
  }
}

/** Flattens zod issues into `{ field, message }` pairs; `unrecognized_keys` names each key as its own field. */
export function fieldIssues(issues: readonly Issue[], locale: Locale, prefix = ''): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        out.push({ field: path ? `${path}.${key}` : key, message: locale === 'zh-CN' ? '不允许的字段' : 'Unknown field' });
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      out.push({ field: path, message: describeIssue(issue.errors[0]![0]!, locale) });
    } else {
      out.push({ field: path, message: describeIssue(issue, locale) });
    }
  }
  return out;
}
