/**
 * Reading the spreadsheets district offices already keep, as people write them: deadlines (2026年3月底,
 * 年底前, 长期), amounts with their unit in the cell (12.5亿元), unit and project names with or without
 * the district prefix or in abbreviation, and the header band above the data (title and unit rows, a
 * group heading over its sub-columns). Pure functions over cell values, so the importers, their preview
 * (原文 → 读作) and the tests all read a sheet the same way. Reasons and readings are zh-CN text.
 */

// ---------------------------------------------------------------------------------------------
// Text common to every cell
// ---------------------------------------------------------------------------------------------

/** Full-width letters, digits and punctuation (ＡＢＣ１２３，．) as their half-width forms, and the ideographic space as a space. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

const CHINESE_DIGITS: Record<string, number> = {
  ...Object.fromEntries([...'〇一二三四五六七八九'].map((ch, i) => [ch, i])),
  零: 0,
  两: 2,
};

/** One run of Chinese numerals as digits: 二〇二六 is read digit by digit, 十二 / 三十一 / 二十 positionally. */
function chineseNumeralValue(run: string): string {
  const ten = run.indexOf('十');
  if (ten < 0) return [...run].map((ch) => CHINESE_DIGITS[ch]).join('');
  const tens = ten === 0 ? 1 : (CHINESE_DIGITS[run.slice(0, ten)] ?? NaN);
  const ones = ten === run.length - 1 ? 0 : (CHINESE_DIGITS[run.slice(ten + 1)] ?? NaN);
  return Number.isNaN(tens) || Number.isNaN(ones) ? run : String(tens * 10 + ones);
}

/** Chinese numerals in a date (二〇二六年三月底, 十二月底, 三季度末) as Arabic digits. */
export function chineseNumeralsToDigits(text: string): string {
  return text.replace(/[〇零一二两三四五六七八九十]+/g, chineseNumeralValue);
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

// ---------------------------------------------------------------------------------------------
// 1. Deadlines
// ---------------------------------------------------------------------------------------------

export type DeadlineReading =
  | { kind: 'date'; date: string; reading: string }
  /** 长期 / 持续推进: no deadline, the item recurs. */
  | { kind: 'recurring'; reading: string }
  | { kind: 'invalid'; reason: string };

/** Deadlines outside these years are a misreading (an amount or a 序号 in the date column), not a plan. */
const DEADLINE_YEARS = { from: 1990, to: 2100 } as const;

const RECURRING = /^(长期(坚持|推进|开展)?|持续(推进|开展|跟进)?|常态化(推进|开展)?)$/;

/** What a spelling says: a calendar day (perhaps with the year left to asOf), and why that day. */
interface SpelledDay {
  year: number | null;
  month: number;
  /** null: the last day of the month. */
  day: number | null;
  note?: string;
}

const YEAR = String.raw`(?:(\d{4})年)?`;
const yearOf = (m: RegExpExecArray, i = 1) => (m[i] ? Number(m[i]) : null);

/** The spellings people use for a deadline, tried in order on the normalised text. */
const DEADLINE_SPELLINGS: { pattern: RegExp; read: (m: RegExpExecArray) => SpelledDay }[] = [
  // 2026-03-31, 2026/3/31, 2026.3.31, 2026年3月31日
  {
    pattern: /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/,
    read: (m) => ({ year: yearOf(m), month: Number(m[2]), day: Number(m[3]) }),
  },
  // 20260331, as typed without separators
  { pattern: /^(\d{4})(\d{2})(\d{2})$/, read: (m) => ({ year: yearOf(m), month: Number(m[2]), day: Number(m[3]) }) },
  // 3月31日
  { pattern: /^(\d{1,2})月(\d{1,2})[日号]?$/, read: (m) => ({ year: null, month: Number(m[1]), day: Number(m[2]) }) },
  // 2026年3月底, 3月末
  {
    pattern: new RegExp(`^${YEAR}(\\d{1,2})月(?:底|末)$`),
    read: (m) => ({ year: yearOf(m), month: Number(m[2]), day: null, note: '月底' }),
  },
  // 3月上旬 / 中旬 / 下旬: the day each third of the month ends
  {
    pattern: new RegExp(`^${YEAR}(\\d{1,2})月(上|中|下)旬$`),
    read: (m) => {
      const third = m[3] as '上' | '中' | '下';
      const day = { 上: 10, 中: 20, 下: null }[third];
      return { year: yearOf(m), month: Number(m[2]), day, note: `${third}旬，按${day ? `${day}日` : '月底'}` };
    },
  },
  // 2026年8月, 2026.8, 8月份: a month alone is due by its last day
  {
    pattern: /^(\d{4})(?:年|[-/.])(\d{1,2})月?份?$/,
    read: (m) => ({ year: yearOf(m), month: Number(m[2]), day: null, note: '只写月份，按当月最后一天' }),
  },
  {
    pattern: /^(\d{1,2})月份?$/,
    read: (m) => ({ year: null, month: Number(m[1]), day: null, note: '只写月份，按当月最后一天' }),
  },
  // 2026年上半年 / 下半年
  {
    pattern: new RegExp(`^${YEAR}(上|下)半年$`),
    read: (m) =>
      m[2] === '上'
        ? { year: yearOf(m), month: 6, day: 30, note: '上半年末' }
        : { year: yearOf(m), month: 12, day: 31, note: '下半年末' },
  },
  // 2026年第三季度, 三季度末
  {
    pattern: new RegExp(`^${YEAR}第?([1-4])季度(?:末|底)?$`),
    read: (m) => ({ year: yearOf(m), month: Number(m[2]) * 3, day: null, note: `第${m[2]}季度末` }),
  },
  // 2026年底, 年底, 年末, 年内, 2026年年底
  {
    pattern: /^(?:(\d{4})年?)?年(底|末|内|终)$/,
    read: (m) => ({ year: yearOf(m), month: 12, day: 31, note: `年${m[2]}` }),
  },
  // 2026年, 2026年度: the year alone is due by its end
  {
    pattern: /^(\d{4})年度?$/,
    read: (m) => ({ year: yearOf(m), month: 12, day: 31, note: '只写年份，按年底' }),
  },
];

/** The text a deadline spelling is matched on, and whether it said "before" (年底前 → 年底). */
function deadlineCore(original: string, asOfYear: number): { core: string; before: boolean } {
  let core = chineseNumeralsToDigits(toHalfWidth(original)).replace(/\s+/g, '');
  core = core.replace(/^(截至|截止|于|在)/, '');
  core = core.replace(/^(今年|本年|当年)/, `${asOfYear}年`).replace(/^明年/, `${asOfYear + 1}年`);
  core = core.replace(/(完成|完工|办结|落实)$/, '');
  const before = /(以前|之前|前)$/.test(core);
  return { core: core.replace(/(以前|之前|前)$/, ''), before };
}

const invalidDeadline = (reason: string): DeadlineReading => ({ kind: 'invalid', reason });

/** A spelled day as a calendar date, or why it is not one. */
function spelledDate(spelled: SpelledDay, asOfYear: number): { date: string; notes: string[] } | { reason: string } {
  const year = spelled.year ?? asOfYear;
  const { month } = spelled;
  if (year < DEADLINE_YEARS.from || year > DEADLINE_YEARS.to)
    return { reason: `年份 ${year} 不在 ${DEADLINE_YEARS.from}–${DEADLINE_YEARS.to} 之间` };
  if (month < 1 || month > 12) return { reason: `没有 ${month} 月` };
  const last = lastDayOfMonth(year, month);
  const day = spelled.day ?? last;
  if (day < 1 || day > last) return { reason: `${year}年${month}月没有 ${day} 日（该月共 ${last} 天）` };
  const notes = [spelled.note, spelled.year === null ? `年份按 ${year} 年` : undefined].filter((n): n is string => !!n);
  return { date: `${year}-${pad2(month)}-${pad2(day)}`, notes };
}

const deadlineReading = (original: string, date: string, notes: string[]) =>
  `${original} → ${date}${notes.length ? `（${notes.join('，')}）` : ''}`;

/** A date-formatted cell: exceljs gives UTC midnight of the calendar day the cell shows. */
function readDateCell(value: Date): DeadlineReading {
  if (Number.isNaN(value.getTime())) return invalidDeadline('日期单元格无效');
  const read = spelledDate({ year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() }, 0);
  if ('reason' in read) return invalidDeadline(read.reason);
  return { kind: 'date', date: read.date, reading: deadlineReading('日期单元格', read.date, []) };
}

/** A number in a date column: an Excel serial day (a time of day is dropped), or 20260331 typed as digits. */
function readNumberCell(value: number): DeadlineReading {
  if (!Number.isFinite(value) || value < 1) return invalidDeadline(`数字 ${value} 不是日期`);
  if (Number.isInteger(value) && value >= 19_000_101 && value <= 21_001_231) {
    const digits = String(value);
    const spelled = { year: Number(digits.slice(0, 4)), month: Number(digits.slice(4, 6)), day: Number(digits.slice(6)) };
    const read = spelledDate(spelled, 0);
    if ('reason' in read) return invalidDeadline(read.reason);
    return { kind: 'date', date: read.date, reading: deadlineReading(digits, read.date, ['按年月日数字']) };
  }
  // Excel counts days from 1899-12-30 (its 1900 leap-year bug only shifts dates before March 1900)
  const at = new Date(Date.UTC(1899, 11, 30) + Math.floor(value) * 86_400_000);
  const read = spelledDate({ year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() }, 0);
  if ('reason' in read) return invalidDeadline(`数字 ${value} 不是日期（按 Excel 日期序号读作${read.reason}）`);
  return { kind: 'date', date: read.date, reading: deadlineReading(String(value), read.date, ['Excel 日期序号']) };
}

/**
 * A ledger item's deadline as the office wrote it. `value` is what exceljs gives for the cell (a Date
 * for a date cell, a number, or text); `asOf` ('YYYY-MM-DD', Asia/Shanghai) supplies the year when the
 * text leaves it out (3月底, 年底前). 月底 / a month alone / 年底 are the last day of that period.
 */
export function readDeadline(value: string | number | Date | null | undefined, asOf: string): DeadlineReading {
  if (value instanceof Date) return readDateCell(value);
  if (typeof value === 'number') return readNumberCell(value);
  const original = (value ?? '').trim();
  if (original === '') return invalidDeadline('未填写完成时限');
  const asOfYear = Number(asOf.slice(0, 4));
  const { core, before } = deadlineCore(original, asOfYear);
  if (RECURRING.test(core)) return { kind: 'recurring', reading: `${original} → 长期事项，无截止日期` };
  for (const { pattern, read } of DEADLINE_SPELLINGS) {
    const m = pattern.exec(core);
    if (!m) continue;
    const result = spelledDate(read(m), asOfYear);
    if ('reason' in result) return invalidDeadline(result.reason);
    const notes = before ? [...result.notes, '“前”按该日截止'] : result.notes;
    return { kind: 'date', date: result.date, reading: deadlineReading(original, result.date, notes) };
  }
  return invalidDeadline(`无法识别的时限“${original}”，可写作 2026-03-31、2026年3月底、2026年8月、年底前、长期 等`);
}

// ---------------------------------------------------------------------------------------------
// 2. Amounts
// ---------------------------------------------------------------------------------------------

export type AmountUnit = 'yuan' | 'wan' | 'yi';

/** How many decimal places of each unit still are whole yuan, and its name in a sheet. */
const AMOUNT_UNITS: Record<AmountUnit, { places: number; label: string }> = {
  yuan: { places: 0, label: '元' },
  wan: { places: 4, label: '万元' },
  yi: { places: 8, label: '亿元' },
};

const UNIT_SUFFIXES: [RegExp, AmountUnit][] = [
  [/亿元?$/, 'yi'],
  [/万元?$/, 'wan'],
  [/元$/, 'yuan'],
];

export type AmountReading = { ok: true; yuan: number; reading: string } | { ok: false; reason: string };

/** A number as the decimal digits it was typed with: String() gives the shortest round-trip form, expanded here from 1e+21 / 1e-7. */
function decimalTextOf(n: number): string {
  const text = String(n);
  const exp = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exp) return text;
  const digits = exp[1]! + (exp[2] ?? '');
  const point = exp[1]!.length + Number(exp[3]);
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Integer yuan with thousands separators, written by hand so the reading does not depend on the runtime's locale data. */
export function formatYuan(yuan: number | bigint): string {
  return String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * An amount cell as integer yuan. The unit written in the cell (亿元 / 亿 / 万元 / 万 / 元) wins over
 * `defaultUnit`, the unit the column's header states. Decimal arithmetic on the digits, never a float
 * multiplication, so 1.23456789亿 is exactly 123,456,789 元; digits finer than one yuan are refused.
 */
export function readAmountYuan(value: string | number | null | undefined, defaultUnit: AmountUnit): AmountReading {
  if (value === null || value === undefined) return { ok: false, reason: '未填写金额' };
  if (typeof value === 'number' && !Number.isFinite(value)) return { ok: false, reason: '金额不是数字' };
  const original = typeof value === 'number' ? decimalTextOf(value) : value.trim();
  if (original === '') return { ok: false, reason: '未填写金额' };
  let text = toHalfWidth(original).replace(/\s+/g, '');
  const suffix = UNIT_SUFFIXES.find(([pattern]) => pattern.test(text));
  const unit = suffix?.[1] ?? defaultUnit;
  if (suffix) text = text.replace(suffix[0], '');
  if (/^[-−]/.test(text)) return { ok: false, reason: `金额不能为负数（“${original}”）` };
  if (text.includes(',')) {
    if (!/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return { ok: false, reason: `千位分隔符位置不对（“${original}”）` };
    text = text.replace(/,/g, '');
  }
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return { ok: false, reason: `无法识别的金额“${original}”，可写作 3000、3000万元、12.5亿元、500元` };
  const { places, label } = AMOUNT_UNITS[unit];
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > places)
    return {
      ok: false,
      reason: places
        ? `按${label}最多 ${places} 位小数（精确到 1 元），“${original}”有 ${fraction.length} 位`
        : `按元不能有小数（“${original}”）`,
    };
  const yuan = BigInt(m[1]! + fraction.padEnd(places, '0'));
  if (yuan > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, reason: `金额过大（“${original}”）` };
  const stated = suffix ? '' : `（按本列单位${label}）`;
  return { ok: true, yuan: Number(yuan), reading: `${original} → ${formatYuan(yuan)} 元${stated}` };
}

// ---------------------------------------------------------------------------------------------
// Name matching shared by units and projects
// ---------------------------------------------------------------------------------------------

export type NameMatch<Id> = { match: Id } | { ambiguous: Id[] } | { none: true; closest: { id: Id; name: string }[] };

const CLOSEST_COUNT = 3;

function bigrams(text: string): string[] {
  if (text.length < 2) return text ? [text] : [];
  return Array.from({ length: text.length - 1 }, (_, i) => text.slice(i, i + 2));
}

/** The Dice coefficient of two lists as multisets: 2·shared / (|a| + |b|). */
function dice(a: string[], b: string[]): number {
  if (a.length + b.length === 0) return 0;
  const left = new Map<string, number>();
  for (const x of a) left.set(x, (left.get(x) ?? 0) + 1);
  let shared = 0;
  for (const x of b) {
    const n = left.get(x) ?? 0;
    if (n > 0) {
      shared++;
      left.set(x, n - 1);
    }
  }
  return (2 * shared) / (a.length + b.length);
}

/**
 * How alike two names are, 0–1: mostly shared bigrams (word order matters in Chinese names), with
 * shared characters so that a name written in another order or abbreviated still scores.
 */
export function nameSimilarity(a: string, b: string): number {
  return 0.7 * dice(bigrams(a), bigrams(b)) + 0.3 * dice([...a], [...b]);
}

/** The first tier that names anything decides: one record is a match, several are ambiguous. */
function firstTierMatch<Id>(tiers: Id[][]): NameMatch<Id> | null {
  for (const ids of tiers) {
    const distinct = [...new Set(ids)];
    if (distinct.length === 1) return { match: distinct[0]! };
    if (distinct.length > 1) return { ambiguous: distinct };
  }
  return null;
}

/** The candidates most like `key`, for the message that says which record the user may have meant. */
function closestNames<Id>(key: string, candidates: { id: Id; name: string; keys: string[] }[]): { id: Id; name: string }[] {
  return candidates
    .map((c) => ({ id: c.id, name: c.name, score: Math.max(...c.keys.map((k) => nameSimilarity(key, k))) }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, CLOSEST_COUNT)
    .map(({ id, name }) => ({ id, name }));
}

// ---------------------------------------------------------------------------------------------
// 3. Units
// ---------------------------------------------------------------------------------------------

export interface UnitCandidate<Id = number> {
  id: Id;
  name: string;
  shortName?: string | null;
  aliases?: readonly string[];
}

/** A unit name as written, made comparable: half-width, no spaces, （）as (). 办公室 / 局 stay: they tell units apart. */
export function normaliseUnitName(name: string): string {
  return toHalfWidth(name).replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

/**
 * Common abbreviations of government bodies (the last part of a unit's name) and the full names they
 * stand for. A few bodies go by two official names across districts (水务局 / 水利局); both read the same.
 */
const UNIT_ABBREVIATIONS: [full: string, short: readonly string[]][] = [
  ['发展和改革委员会', ['发改委', '发展改革委员会', '发展改革委']],
  ['发展和改革局', ['发改局']],
  ['工业和信息化局', ['工信局']],
  ['科学技术和工业信息化局', ['科工信局']],
  ['科学技术局', ['科技局']],
  ['住房和城乡建设局', ['住建局']],
  ['自然资源和规划局', ['资规局', '自规局', '自然资源规划局']],
  ['生态环境分局', ['生态环境局', '环保局', '环境保护局']],
  ['交通运输局', ['交通局', '交运局']],
  ['水利局', ['水务局']],
  ['人力资源和社会保障局', ['人社局']],
  ['市场监督管理局', ['市场监管局']],
  ['卫生健康委员会', ['卫健委']],
  ['教育体育局', ['教体局']],
  ['文化广电和旅游局', ['文广旅局', '文旅局']],
  ['应急管理局', ['应急局']],
  ['城市管理局', ['城管局']],
  ['农业农村局', ['农业局']],
  ['退役军人事务局', ['退役军人局']],
  ['医疗保障局', ['医保局']],
  ['人民政府办公室', ['政府办公室', '政府办']],
  ['管理委员会', ['管委会']],
];

/** The full name behind an abbreviated ending (区发改委 → 区发展和改革委员会); a full name stays as it is. */
function expandUnitAbbreviation(name: string): string {
  for (const [full, shorts] of UNIT_ABBREVIATIONS) {
    if (name.endsWith(full)) return name;
    const short = shorts.find((s) => name.endsWith(s));
    if (short) return name.slice(0, name.length - short.length) + full;
  }
  return name;
}

/** Without the leading district and city names (漯河市召陵区…, 区…), longest first, as often as they lead. */
function stripDistrictPrefixes(name: string, prefixes: readonly string[]): string {
  const ordered = prefixes.map(normaliseUnitName).sort((a, b) => b.length - a.length);
  let rest = name;
  for (let found = true; found;) {
    const prefix = ordered.find((p) => p && rest.startsWith(p) && rest.length > p.length);
    found = prefix !== undefined;
    if (prefix) rest = rest.slice(prefix.length);
  }
  return rest;
}

/**
 * The name a unit is recognised by: normalised, abbreviation expanded, district prefixes dropped, and
 * without 和 (official names are written both with and without it: 发展改革委员会). Both the sheet's text
 * and every known unit go through it, so a prefix that is part of a word (市场…) is dropped on both sides.
 */
export function unitRecognitionName(name: string, districtPrefixes: readonly string[]): string {
  return stripDistrictPrefixes(expandUnitAbbreviation(normaliseUnitName(name)), districtPrefixes).replace(/和/g, '');
}

/**
 * The unit a sheet names: by its exact name, then short name or alias, then by the recognition name
 * (prefix and abbreviation insensitive); unknown → the closest units for the error message.
 */
export function matchUnit<Id>(
  text: string,
  units: readonly UnitCandidate<Id>[],
  districtPrefixes: readonly string[],
): NameMatch<Id> {
  const written = normaliseUnitName(text);
  const recognised = unitRecognitionName(text, districtPrefixes);
  const otherNames = (u: UnitCandidate<Id>) => [u.shortName ?? '', ...(u.aliases ?? [])].filter((n) => n.trim() !== '');
  const allNames = (u: UnitCandidate<Id>) => [u.name, ...otherNames(u)];
  const matched = firstTierMatch([
    units.filter((u) => normaliseUnitName(u.name) === written).map((u) => u.id),
    units.filter((u) => otherNames(u).some((n) => normaliseUnitName(n) === written)).map((u) => u.id),
    units.filter((u) => allNames(u).some((n) => unitRecognitionName(n, districtPrefixes) === recognised)).map((u) => u.id),
  ]);
  if (matched) return matched;
  const candidates = units.map((u) => ({
    id: u.id,
    name: u.name,
    keys: allNames(u).map((n) => unitRecognitionName(n, districtPrefixes)),
  }));
  return { none: true, closest: closestNames(recognised, candidates) };
}

// ---------------------------------------------------------------------------------------------
// 4. Projects
// ---------------------------------------------------------------------------------------------

export interface ProjectCandidate<Id = number> {
  id: Id;
  code: string;
  name: string;
}

const PUNCTUATION = /[\s()（）[\]【】{}<>《》〈〉"'“”‘’`·•・,，、.。:：;；!！?？/\\|_\-—–~～]/g;
/** A trailing 项目 or phase marker: （一期）, (二期), 一期工程, 第三期. */
const PROJECT_TRAILER = /(?:项目|[(（]?第?[一二三四五六七八九十\d]+期(?:工程|项目)?[)）]?)$/;

/** A project name made comparable: half-width, without whitespace, punctuation and a trailing 项目 (（一期）stays as 一期). */
export function normaliseProjectName(name: string): string {
  return toHalfWidth(name).replace(PUNCTUATION, '').replace(/项目$/, '');
}

/** A project name without its phase as well (XX产业园（一期）项目 → XX产业园): the last resort before "unknown". */
export function projectFamilyName(name: string): string {
  let rest = toHalfWidth(name).replace(/\s+/g, '');
  for (let next = rest.replace(PROJECT_TRAILER, ''); next !== rest && next !== ''; next = rest.replace(PROJECT_TRAILER, ''))
    rest = next;
  return normaliseProjectName(rest);
}

const normaliseProjectCode = (code: string) => toHalfWidth(code).replace(/\s+/g, '').toUpperCase();

/**
 * The project a sheet names: by its code, then by its name without 项目 and punctuation, then also
 * without the phase; a name that fits several projects is ambiguous, none → the closest projects.
 */
export function matchProject<Id>(text: string, projects: readonly ProjectCandidate<Id>[]): NameMatch<Id> {
  const code = normaliseProjectCode(text);
  const name = normaliseProjectName(text);
  const family = projectFamilyName(text);
  const matched = firstTierMatch([
    projects.filter((p) => code !== '' && normaliseProjectCode(p.code) === code).map((p) => p.id),
    projects.filter((p) => name !== '' && normaliseProjectName(p.name) === name).map((p) => p.id),
    projects.filter((p) => family !== '' && projectFamilyName(p.name) === family).map((p) => p.id),
  ]);
  if (matched) return matched;
  const candidates = projects.map((p) => ({ id: p.id, name: p.name, keys: [normaliseProjectName(p.name)] }));
  return { none: true, closest: closestNames(name, candidates) };
}

// ---------------------------------------------------------------------------------------------
// 5. The header band and the rows under it
// ---------------------------------------------------------------------------------------------

export interface SheetField<K extends string = string> {
  key: K;
  /** Headers that name this field, the usual one first. */
  synonyms: readonly string[];
  required?: boolean;
}

export interface HeaderColumn<K extends string = string> {
  /** Index of the column in the row arrays. */
  index: number;
  /** The header text; a two-row header joins its group and sub-column as '完成时限/计划'. */
  header: string;
  /** The field the column is proposed for; absent when no field fits (an extra column such as 备注). */
  field?: K;
  /** How well the header names the field: 3 exact, 1–2 one contains the other, 0 unmapped. */
  score: number;
}

export interface HeaderBand<K extends string = string> {
  /** First and last header row (indices into `rows`, inclusive); null when no row names any field. */
  headerRows: [number, number] | null;
  columns: HeaderColumn<K>[];
  missingRequired: K[];
}

/** How many top rows are searched for the header (title, unit rows and a two-row header fit well within). */
const HEADER_SEARCH_ROWS = 20;

/** A cell as the text a header or a marker (合计) is read from. */
function cellText(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return '';
}

const headerKey = (text: string) => normaliseUnitName(text).replace(/[/／]/g, '');
/** A header without its bracketed unit: 总投资（万元） → 总投资. */
const headerStem = (text: string) => headerKey(text).replace(/\([^)]*\)/g, '');

export function isBlankRow(row: readonly unknown[]): boolean {
  return row.every((v) => cellText(v) === '');
}

/** A title row: at most one distinct text, as a title merged across the sheet reads ('召陵区2026年重点项目工作台账'). */
function isTitleRow(row: readonly unknown[]): boolean {
  return new Set(row.map(cellText).filter((t) => t !== '')).size <= 1;
}

const NOTE_CELL = /^[(（]?\s*(填报|报送|制表|统计|金额|计量)?(单位|日期|时间|人)\s*[:：]|^[(（]?\s*(截至|截止)/;

/** A row of notes above the header ('单位：万元', '填报单位：…', '截至3月底'). */
function isNoteRow(row: readonly unknown[]): boolean {
  const texts = row.map(cellText).filter((t) => t !== '');
  return texts.length > 0 && texts.every((t) => NOTE_CELL.test(t));
}

/** A 合计 / 小计 / 总计 row: the marker in one of its first three filled cells. */
export function isTotalRow(row: readonly unknown[]): boolean {
  const first = row
    .map(cellText)
    .filter((t) => t !== '')
    .slice(0, 3);
  return first.some((t) => /^(合计|小计|总计|共计)(\(.*\)|[:：].*)?$/.test(normaliseUnitName(t)));
}

/** How well one header text names one synonym: 3 exact (with or without its bracketed unit), 1–2 containment. */
function headerMatchScore(header: string, synonym: string): number {
  const [h, hs, s, ss] = [headerKey(header), headerStem(header), headerKey(synonym), headerStem(synonym)];
  if (!h || !s) return 0;
  if (h === s || hs === ss || hs === s || h === ss) return 3;
  if (ss.length >= 2 && hs.includes(ss)) return 1 + ss.length / hs.length;
  if (hs.length >= 2 && ss.includes(hs)) return 1 + hs.length / ss.length;
  return 0;
}

/** A column's score for a field: its whole header counts most, its sub-column nearly as much, its group least. */
function fieldScore(header: string, field: SheetField): number {
  const parts = header.split('/');
  const leaf = parts[parts.length - 1]!;
  const group = parts.length > 1 ? parts[0]! : '';
  const names = [field.key, ...field.synonyms];
  return Math.max(
    ...names.map((n) =>
      Math.max(headerMatchScore(header, n), 0.9 * headerMatchScore(leaf, n), group ? 0.5 * headerMatchScore(group, n) : 0),
    ),
  );
}

/** How many fields a candidate header row names (the row with most is the header). */
function headerHits(row: readonly unknown[], fields: readonly SheetField[]): number {
  const hit = new Set<string>();
  for (const text of row.map(cellText)) for (const f of fields) if (text && fieldScore(text, f) >= 1) hit.add(f.key);
  return hit.size;
}

/**
 * Whether `sub` holds the sub-columns of group headings in `top`: text only, and at least one group
 * spanning two sub-columns (the next top cell blank, as the streaming reader leaves a merge, or the same
 * text, as a full load repeats it). A data row under a one-row header has no such group.
 */
function isSubHeaderRow(top: readonly unknown[], sub: readonly unknown[]): boolean {
  if (sub.some((v) => v !== null && v !== undefined && typeof v !== 'string')) return false;
  const t = (c: number) => cellText(top[c]);
  const s = (c: number) => cellText(sub[c]);
  const filled = sub.map(cellText).filter((x) => x !== '');
  if (filled.length === 0 || filled.some((x) => /^[\d.,\-/\s]+$/.test(x) || x.length > 16)) return false;
  for (let c = 0; c + 1 < Math.max(top.length, sub.length); c++) {
    const startsGroup = t(c) !== '' && s(c) !== '' && s(c) !== t(c);
    const continues = (t(c + 1) === '' || t(c + 1) === t(c)) && s(c + 1) !== '' && s(c + 1) !== t(c + 1);
    if (startsGroup && continues) return true;
  }
  return false;
}

/** The header text of each column of a two-row band: 'group/sub' under a group heading, else the one text. */
function joinHeaderRows(top: readonly unknown[], sub: readonly unknown[]): string[] {
  const width = Math.max(top.length, sub.length);
  const headers: string[] = [];
  let group = '';
  for (let c = 0; c < width; c++) {
    const t = cellText(top[c]);
    const s = cellText(sub[c]);
    if (t !== '') group = s !== '' && s !== t ? t : '';
    if (t !== '' && (s === '' || s === t)) headers.push(t);
    else if (s !== '') headers.push(group ? `${group}/${s}` : s);
    else headers.push('');
  }
  return headers;
}

/** Each field to the column that names it best, each column to at most one field (best score first, then leftmost). */
function assignFields<K extends string>(headers: string[], fields: readonly SheetField<K>[]): HeaderColumn<K>[] {
  const columns: HeaderColumn<K>[] = headers.flatMap((header, index) => (header ? [{ index, header, score: 0 }] : []));
  const proposals = columns
    .flatMap((col) => fields.map((f) => ({ col, key: f.key, score: fieldScore(col.header, f) })))
    .filter((p) => p.score >= 1)
    .sort((a, b) => b.score - a.score || a.col.index - b.col.index);
  const taken = new Set<K>();
  for (const p of proposals) {
    if (p.col.field !== undefined || taken.has(p.key)) continue;
    p.col.field = p.key;
    p.col.score = Math.round(p.score * 100) / 100;
    taken.add(p.key);
  }
  return columns;
}

/**
 * Finds the header band of an office sheet and proposes a field for each column. Title, note and blank
 * rows above are skipped; the header is the row naming most fields, together with the row under (or
 * over) it when that holds the sub-columns of a group heading ('投资（万元）' over '总投资' / '年度计划').
 */
export function detectHeaderBand<K extends string>(
  rows: readonly (readonly unknown[])[],
  fields: readonly SheetField<K>[],
): HeaderBand<K> {
  const candidate = (i: number) => i >= 0 && i < rows.length && !isTitleRow(rows[i]!) && !isNoteRow(rows[i]!);
  let best = -1;
  let bestHits = 0;
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const hits = candidate(i) ? headerHits(rows[i]!, fields) : 0;
    if (hits > bestHits) [best, bestHits] = [i, hits];
  }
  const required = fields.filter((f) => f.required).map((f) => f.key);
  if (best < 0) return { headerRows: null, columns: [], missingRequired: required };
  let band: [number, number] = [best, best];
  if (candidate(best + 1) && isSubHeaderRow(rows[best]!, rows[best + 1]!)) band = [best, best + 1];
  else if (candidate(best - 1) && isSubHeaderRow(rows[best - 1]!, rows[best]!)) band = [best - 1, best];
  const headers = band[0] === band[1] ? rows[best]!.map(cellText) : joinHeaderRows(rows[band[0]]!, rows[band[1]]!);
  const columns = assignFields(headers, fields);
  const mapped = new Set(columns.map((c) => c.field));
  return { headerRows: band, columns, missingRequired: required.filter((k) => !mapped.has(k)) };
}

/** A merged cell range, 0-based and inclusive, in the same indices as the row arrays. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const columnNumber = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** An A1 range ('B3:B7', as exceljs lists a sheet's merges) as a 0-based range (column A and row 1 are 0). */
export function mergedRangeFromA1(ref: string): MergedRange | null {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(ref.replace(/\$/g, '').trim());
  if (!m) return null;
  const [c1, r1, c2, r2] = [columnNumber(m[1]!) - 1, Number(m[2]) - 1, columnNumber(m[3] ?? m[1]!) - 1, Number(m[4] ?? m[2]) - 1];
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

/**
 * Rows with every merged range's value copied into all its cells: a project cell merged down over
 * several items belongs to each of them (the streaming reader leaves all but the first cell empty).
 * The rows given are not changed.
 */
export function fillMergedDown<T>(rows: readonly (readonly T[])[], mergedRanges: readonly MergedRange[]): (T | null)[][] {
  const filled: (T | null)[][] = rows.map((row) => [...row]);
  for (const { top, left, bottom, right } of mergedRanges) {
    const value = rows[top]?.[left] ?? null;
    for (let r = top; r <= bottom && r < filled.length; r++)
      for (let c = left; c <= right; c++) {
        const row = filled[r]!;
        while (row.length <= c) row.push(null);
        row[c] = value;
      }
  }
  return filled;
}
