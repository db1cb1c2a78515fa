/**
 * Why an import refused a row or a file, in zh-CN and English: one key per meaning, the `code` of a
 * row error. `{name}` placeholders are filled from the error's params.
 */
import type { Locale } from '../errors.js';
import { ledgerMessages } from './ledger.js';
import type { LocalisedText } from './user.js';

export const importRowReasons = {
  no_header: {
    'zh-CN': '未找到表头行（应包含“序号”“项目编号”等列名）',
    en: 'No header row found (expected the Chinese column headers)',
  },
  missing_column: { 'zh-CN': '缺少必需的列', en: 'A required column is missing' },
  required: { 'zh-CN': '必填', en: 'Required' },
  invalid_date: { 'zh-CN': '日期无效，应为 YYYY-MM-DD', en: 'Invalid date; use YYYY-MM-DD' },
  invalid_integer: { 'zh-CN': '应为 1 到 {max} 之间的整数', en: 'Expected a whole number from 1 to {max}' },
  invalid_amount: { 'zh-CN': '金额应为不小于 0 的数字（万元）', en: 'Expected an amount of at least 0 (in 10,000 yuan)' },
  invalid_choice: { 'zh-CN': '取值应为：{choices}', en: 'Expected one of: {choices}' },
  too_long: { 'zh-CN': '不能超过 {max} 个字符', en: 'At most {max} characters' },
  control_chars: { 'zh-CN': '包含不允许的控制字符', en: 'Contains control characters' },
  duplicate_key: { 'zh-CN': '与第 {row} 行重复', en: 'Duplicates row {row}' },
  unknown_project: {
    'zh-CN': '项目编号“{value}”不存在或不在您的管辖区域',
    en: 'No project with code “{value}” in your region',
  },
  project_name_mismatch: {
    'zh-CN': '项目名称与项目编号不符（该编号对应“{expected}”）',
    en: 'The project name does not match the code (the code is “{expected}”)',
  },
  code_taken: {
    'zh-CN': '项目编号“{value}”已被其他区域的项目使用',
    en: 'Code “{value}” belongs to a project outside your region',
  },
  unknown_unit: { 'zh-CN': '单位“{value}”不存在', en: 'No unit named “{value}”' },
  unknown_leader: { 'zh-CN': '领导“{value}”不存在', en: 'No contracting leader named “{value}”' },
  ambiguous_name: { 'zh-CN': '“{value}”有重名，无法确定', en: '“{value}” matches more than one record' },
  unknown_township: { 'zh-CN': '乡镇“{value}”不存在或不在您的管辖区域', en: 'No township named “{value}” in your region' },
  unknown_enterprise: { 'zh-CN': '项目业主“{value}”不存在', en: 'No enterprise named “{value}”' },
  first_phase_exceeds_total: { 'zh-CN': '一期投资不能超过总投资', en: 'First-phase investment cannot exceed the total' },
  date_order: { 'zh-CN': '不能早于{before}', en: 'Cannot be before {beforeEn}' },
  too_many_rows: { 'zh-CN': '行数超过上限 {max}', en: 'More than {max} rows' },
  changed_meanwhile: {
    'zh-CN': '该行对应的记录在导入期间已被他人修改，未导入任何数据，请重新导入',
    en: 'The record of this row was changed by someone else during the import; nothing was imported, please import again',
  },
  internal: { 'zh-CN': '导入时发生内部错误，未导入任何数据', en: 'An internal error stopped the import; nothing was imported' },
  interrupted: {
    'zh-CN': '导入中断（服务重启或进程退出），未导入任何数据，请重新导入',
    en: 'The import was interrupted (the server restarted); nothing was imported, please import again',
  },
  missing_field: {
    'zh-CN': '未找到“{field}”列（可用的列名：{synonyms}），未导入任何数据',
    en: 'No column for “{field}” (headers accepted: {synonyms}); nothing was imported',
  },
  unknown_project_name: {
    'zh-CN': '项目“{value}”不存在或不在您的管辖区域，最接近的有：{closest}',
    en: 'No project “{value}” in your region; the closest are: {closest}',
  },
  ambiguous_project: {
    'zh-CN': '项目“{value}”对应多个项目：{candidates}，请填写项目编号',
    en: '“{value}” matches several projects: {candidates}; give the project code',
  },
  unknown_unit_closest: {
    'zh-CN': '单位“{value}”不存在，最接近的有：{closest}',
    en: 'No unit named “{value}”; the closest are: {closest}',
  },
  ambiguous_unit: {
    'zh-CN': '单位“{value}”对应多个单位：{candidates}',
    en: '“{value}” matches several units: {candidates}',
  },
  unreadable_amount: { 'zh-CN': '金额“{value}”：{reason}', en: 'Amount “{value}”: {reason}' },
  unreadable_date: { 'zh-CN': '日期“{value}”：{reason}', en: 'Date “{value}”: {reason}' },
  new_project_needs_code: {
    'zh-CN': '项目“{value}”不在项目库中，新项目须填写项目编号（最接近的有：{closest}）',
    en: 'Project “{value}” is not in the library; a new project needs a code (the closest are: {closest})',
  },
  unreadable_deadline: { 'zh-CN': '完成时限“{value}”：{reason}', en: 'Deadline “{value}”: {reason}' },
  ...ledgerMessages,
} as const satisfies Record<string, LocalisedText>;

export type ImportRowReason = keyof typeof importRowReasons;

/** The reason of a row error in the user's language (an unknown code is shown as itself). */
export function importReasonText(code: string, params: Record<string, string | number> | undefined, locale: Locale): string {
  const template = (importRowReasons as Record<string, LocalisedText>)[code]?.[locale] ?? code;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params?.[k] ?? ''));
}

/** Upload messages shared by the file endpoints (imports, attachments). */
export const uploadMessages = {
  file_required: { 'zh-CN': '请选择要上传的文件', en: 'A file is required' },
  mapping_invalid: {
    'zh-CN': '列对应关系应为 JSON 对象：列号（A 列为 1）→ 字段名或 null（不导入该列）',
    en: 'The mapping must be a JSON object: column number (column A is 1) → field name, or null to ignore the column',
  },
  mapping_unsupported: { 'zh-CN': '此类导入不支持指定列对应关系', en: 'This kind of import takes no column mapping' },
  mapping_field_unknown: {
    'zh-CN': '列对应关系中有本类导入没有的字段',
    en: 'The mapping names a field this kind of import does not have',
  },
  mapping_name_taken: { 'zh-CN': '已有同名的导入模板', en: 'A saved mapping with this name exists' },
} as const satisfies Record<string, LocalisedText>;
