import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  chineseNumeralsToDigits,
  detectHeaderBand,
  fillMergedDown,
  formatYuan,
  isBlankRow,
  isTotalRow,
  matchProject,
  matchUnit,
  mergedRangeFromA1,
  nameSimilarity,
  normaliseProjectName,
  normaliseUnitName,
  projectFamilyName,
  readAmountYuan,
  readDeadline,
  toHalfWidth,
  unitRecognitionName,
  type DeadlineReading,
  type SheetField,
} from './office-sheets.js';

const asOf = '2026-07-16';
const dateOf = (r: DeadlineReading) => (r.kind === 'date' ? r.date : r.kind);

describe('reading a deadline as people write it', () => {
  it.each([
    ['2026-03-31', '2026-03-31'],
    ['2026/3/31', '2026-03-31'],
    ['2026.3.31', '2026-03-31'],
    ['2026年3月31日', '2026-03-31'],
    ['2026年3月1号', '2026-03-01'],
    ['20260331', '2026-03-31'],
    ['3月31日', '2026-03-31'],
  ])('reads the full date %s', (text, date) => {
    expect(dateOf(readDeadline(text, asOf))).toBe(date);
  });

  it.each([
    ['2026年3月底', '2026-03-31'],
    ['2026年2月底', '2026-02-28'],
    ['2028年2月底', '2028-02-29'],
    ['3月底', '2026-03-31'],
    ['9月末', '2026-09-30'],
    ['2026年8月', '2026-08-31'],
    ['2026.8', '2026-08-31'],
    ['2026-11', '2026-11-30'],
    ['8月份', '2026-08-31'],
    ['4月', '2026-04-30'],
  ])('takes 月底 and a month alone as its last day: %s', (text, date) => {
    expect(dateOf(readDeadline(text, asOf))).toBe(date);
  });

  it.each([
    ['2026年上半年', '2026-06-30'],
    ['上半年', '2026-06-30'],
    ['下半年', '2026-12-31'],
    ['2027年下半年', '2027-12-31'],
    ['年底', '2026-12-31'],
    ['年底前', '2026-12-31'],
    ['年内', '2026-12-31'],
    ['年末', '2026-12-31'],
    ['2027年底', '2027-12-31'],
    ['2027年年底', '2027-12-31'],
    ['2027年内', '2027-12-31'],
    ['今年底', '2026-12-31'],
    ['明年底', '2027-12-31'],
    ['2026年', '2026-12-31'],
    ['2026年度', '2026-12-31'],
  ])('reads half-years and year ends in asOf’s year or the given one: %s', (text, date) => {
    expect(dateOf(readDeadline(text, asOf))).toBe(date);
  });

  it.each([
    ['2026年第三季度', '2026-09-30'],
    ['三季度末', '2026-09-30'],
    ['第一季度', '2026-03-31'],
    ['2026年2季度', '2026-06-30'],
    ['四季度', '2026-12-31'],
  ])('reads a quarter as its last day: %s', (text, date) => {
    expect(dateOf(readDeadline(text, asOf))).toBe(date);
  });

  it.each([
    ['3月上旬', '2026-03-10'],
    ['3月中旬', '2026-03-20'],
    ['3月下旬', '2026-03-31'],
    ['2026年2月下旬', '2026-02-28'],
    ['2027年6月中旬', '2027-06-20'],
  ])('reads 上旬 / 中旬 / 下旬 as the 10th, the 20th and the last day: %s', (text, date) => {
    expect(dateOf(readDeadline(text, asOf))).toBe(date);
  });

  it.each([
    ['二〇二六年三月底', '2026-03-31'],
    ['十二月底', '2026-12-31'],
    ['二〇二六年十月三十一日', '2026-10-31'],
    ['三月二十日', '2026-03-20'],
    ['２０２６．３．３１', '2026-03-31'],
    ['２０２６年３月底', '2026-03-31'],
  ])('reads Chinese numerals and full-width digits: %s', (text, date) => {
    expect(dateOf(readDeadline(text, asOf))).toBe(date);
  });

  it.each([
    ['  2026年3月底  ', '2026-03-31'],
    ['2026年3月底前', '2026-03-31'],
    ['2026年3月31日以前', '2026-03-31'],
    ['3月底之前', '2026-03-31'],
    ['2026 年 3 月 底', '2026-03-31'],
    ['3月底前完成', '2026-03-31'],
    ['截至2026年6月底', '2026-06-30'],
  ])('reads through spaces and 前 / 以前 / 之前 as that date: %s', (text, date) => {
    expect(dateOf(readDeadline(text, asOf))).toBe(date);
  });

  it.each(['长期', '持续推进', '持续', '常态化', '长期坚持', ' 长期 ', '常态化推进'])(
    'reads %s as recurring, with no deadline',
    (text) => {
      expect(readDeadline(text, asOf)).toEqual({ kind: 'recurring', reading: `${text.trim()} → 长期事项，无截止日期` });
    },
  );

  it('shows each interpretation in zh-CN, original → reading', () => {
    expect(readDeadline('2026年3月底', asOf)).toEqual({
      kind: 'date',
      date: '2026-03-31',
      reading: '2026年3月底 → 2026-03-31（月底）',
    });
    expect(readDeadline('3月底前', asOf)).toEqual({
      kind: 'date',
      date: '2026-03-31',
      reading: '3月底前 → 2026-03-31（月底，年份按 2026 年，“前”按该日截止）',
    });
    expect(readDeadline('2026-03-31', asOf)).toEqual({ kind: 'date', date: '2026-03-31', reading: '2026-03-31 → 2026-03-31' });
    expect(readDeadline('2026年8月', asOf)).toMatchObject({ reading: '2026年8月 → 2026-08-31（只写月份，按当月最后一天）' });
  });

  it('reads an Excel date cell (UTC midnight) and an Excel serial number', () => {
    expect(readDeadline(new Date(Date.UTC(2026, 2, 31)), asOf)).toEqual({
      kind: 'date',
      date: '2026-03-31',
      reading: '日期单元格 → 2026-03-31',
    });
    expect(readDeadline(46112, asOf)).toEqual({
      kind: 'date',
      date: '2026-03-31',
      reading: '46112 → 2026-03-31（Excel 日期序号）',
    });
    expect(dateOf(readDeadline(46112.75, asOf))).toBe('2026-03-31');
    expect(dateOf(readDeadline(20260331, asOf))).toBe('2026-03-31');
  });

  it('reads every Excel serial number of the deadline years as the day Excel shows', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 11, 31) }), (ms) => {
        const day = new Date(ms - (ms % 86_400_000));
        const serial = Math.round((day.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);
        expect(dateOf(readDeadline(serial, asOf))).toBe(day.toISOString().slice(0, 10));
        expect(dateOf(readDeadline(day, asOf))).toBe(day.toISOString().slice(0, 10));
      }),
    );
  });

  it('reads every ISO, slash, dot and Chinese spelling of a valid date as that date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 11, 31) }),
        fc.constantFrom('-', '/', '.', '年'),
        (ms, sep) => {
          const d = new Date(ms);
          const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
          const text = sep === '年' ? `${y}年${m}月${dd}日` : `${y}${sep}${m}${sep}${dd}`;
          expect(dateOf(readDeadline(text, asOf))).toBe(d.toISOString().slice(0, 10));
        },
      ),
    );
  });

  it.each([
    ['2026-02-30', '2026年2月没有 30 日（该月共 28 天）'],
    ['2026年4月31日', '2026年4月没有 31 日（该月共 30 天）'],
    ['13月', '没有 13 月'],
    ['2026年13月底', '没有 13 月'],
    ['0月', '没有 0 月'],
    ['1850-01-01', '年份 1850 不在 1990–2100 之间'],
  ])('refuses %s with the reason', (text, reason) => {
    expect(readDeadline(text, asOf)).toEqual({ kind: 'invalid', reason });
  });

  it.each(['尽快', 'abc', '2026-03-31-01', '3/31', '第五季度', '下个月', '32'])(
    'refuses the nonsense %s and says how to write it',
    (text) => {
      const r = readDeadline(text, asOf);
      expect(r.kind).toBe('invalid');
      expect(r.kind === 'invalid' && r.reason).toContain('可写作');
    },
  );

  it('refuses a blank cell, a number that is no date and an invalid Date', () => {
    expect(readDeadline('  ', asOf)).toEqual({ kind: 'invalid', reason: '未填写完成时限' });
    expect(readDeadline(null, asOf)).toEqual({ kind: 'invalid', reason: '未填写完成时限' });
    expect(readDeadline(2026, asOf).kind).toBe('invalid'); // serial 2026 is 1905: a year typed as a number
    expect(readDeadline(-3, asOf).kind).toBe('invalid');
    expect(readDeadline(new Date(Number.NaN), asOf).kind).toBe('invalid');
    expect(readDeadline(20261340, asOf).kind).toBe('invalid');
  });

  it('takes the year of a yearless spelling from asOf', () => {
    expect(dateOf(readDeadline('3月底', '2027-01-05'))).toBe('2027-03-31');
    expect(dateOf(readDeadline('年底前', '2027-01-05'))).toBe('2027-12-31');
    expect(dateOf(readDeadline('2月底', '2028-01-05'))).toBe('2028-02-29');
  });
});

describe('reading an amount as integer yuan', () => {
  it.each([
    ['12.5亿元', 1_250_000_000],
    ['12.5亿', 1_250_000_000],
    ['3000万', 30_000_000],
    ['3000万元', 30_000_000],
    ['3,000.5万元', 30_005_000],
    ['1.23456789亿', 123_456_789],
    ['500元', 500],
    ['500.00元', 500],
    ['0', 0],
    ['３０００万元', 30_000_000],
    [' 3000 万元 ', 30_000_000],
    ['1,234,567元', 1_234_567],
  ])('reads %s with the unit in the cell', (text, yuan) => {
    expect(readAmountYuan(text, 'wan')).toMatchObject({ ok: true, yuan });
  });

  it('reads a plain number in the column’s unit', () => {
    expect(readAmountYuan('3000', 'wan')).toMatchObject({ ok: true, yuan: 30_000_000 });
    expect(readAmountYuan(3000.1234, 'wan')).toMatchObject({ ok: true, yuan: 30_001_234 });
    expect(readAmountYuan(12.5, 'yi')).toMatchObject({ ok: true, yuan: 1_250_000_000 });
    expect(readAmountYuan(500, 'yuan')).toMatchObject({ ok: true, yuan: 500 });
    expect(readAmountYuan(1e21, 'yuan')).toMatchObject({ ok: false, reason: '金额过大（“1000000000000000000000”）' });
    expect(readAmountYuan(1e-7, 'wan').ok).toBe(false);
  });

  it('is exact where a float multiplication is not', () => {
    expect(0.57 * 10_000).not.toBe(5700); // why the digits are shifted as text
    expect(readAmountYuan('0.57', 'wan')).toMatchObject({ ok: true, yuan: 5700 });
    expect(readAmountYuan(0.57, 'wan')).toMatchObject({ ok: true, yuan: 5700 });
    expect(readAmountYuan(1.1, 'yi')).toMatchObject({ ok: true, yuan: 110_000_000 });
  });

  it('shows the reading, saying when the column’s unit was assumed', () => {
    expect(readAmountYuan('12.5亿元', 'wan')).toEqual({ ok: true, yuan: 1_250_000_000, reading: '12.5亿元 → 1,250,000,000 元' });
    expect(readAmountYuan('3000', 'wan')).toEqual({
      ok: true,
      yuan: 30_000_000,
      reading: '3000 → 30,000,000 元（按本列单位万元）',
    });
  });

  it.each([
    ['1.234567891亿', '按亿元最多 8 位小数（精确到 1 元），“1.234567891亿”有 9 位'],
    ['0.00001万元', '按万元最多 4 位小数（精确到 1 元），“0.00001万元”有 5 位'],
    ['500.5元', '按元不能有小数（“500.5元”）'],
    ['-3000万', '金额不能为负数（“-3000万”）'],
    ['－3000', '金额不能为负数（“－3000”）'],
    ['3,00万', '千位分隔符位置不对（“3,00万”）'],
  ])('refuses %s with the reason', (text, reason) => {
    expect(readAmountYuan(text, 'wan')).toEqual({ ok: false, reason });
  });

  it.each(['约3000万', 'abc', '万元', '1.2.3', '', '12亿5千万'])('refuses the unreadable amount “%s”', (text) => {
    expect(readAmountYuan(text, 'wan').ok).toBe(false);
  });

  it('refuses a negative number, NaN and a blank cell', () => {
    expect(readAmountYuan(-1, 'wan').ok).toBe(false);
    expect(readAmountYuan(Number.NaN, 'wan').ok).toBe(false);
    expect(readAmountYuan(null, 'wan')).toEqual({ ok: false, reason: '未填写金额' });
  });

  const asWan = (y: number) => `${Math.floor(y / 10_000)}.${String(y % 10_000).padStart(4, '0')}`;

  it('reads any integer yuan written as 万元 with four decimals back exactly, as text and as a number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (y) => {
        expect(readAmountYuan(asWan(y), 'wan')).toMatchObject({ ok: true, yuan: y });
        expect(readAmountYuan(`${asWan(y)}万元`, 'yuan')).toMatchObject({ ok: true, yuan: y });
      }),
    );
    // a number cell holds 15 significant digits exactly: every amount below 1e15 yuan
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999_999 }), (y) => {
        expect(readAmountYuan(Number(asWan(y)), 'wan')).toMatchObject({ ok: true, yuan: y });
      }),
    );
  });

  it('reads any integer yuan written as 亿元 with eight decimals, or grouped in thousands, back exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (y) => {
        const yi = `${Math.floor(y / 1e8)}.${String(y % 1e8).padStart(8, '0')}亿元`;
        expect(readAmountYuan(yi, 'wan')).toMatchObject({ ok: true, yuan: y });
        expect(readAmountYuan(`${formatYuan(y)}元`, 'wan')).toMatchObject({ ok: true, yuan: y });
      }),
    );
  });
});

describe('matching a unit by the name a sheet gives it', () => {
  const prefixes = ['召陵区', '区', '漯河市', '市'];
  const units = [
    { id: 1, name: '区发展和改革委员会', shortName: '区发改委' },
    { id: 2, name: '区工业和信息化局' },
    { id: 3, name: '区住房和城乡建设局' },
    { id: 4, name: '区财政局' },
    { id: 5, name: '区生态环境分局' },
    { id: 6, name: '区市场监督管理局' },
    { id: 7, name: '区人民政府办公室', aliases: ['区政府办'] },
    { id: 8, name: '区自然资源局' },
    { id: 9, name: '区交通运输局' },
    { id: 10, name: '区水利局' },
    { id: 11, name: '区商务局' },
    { id: 12, name: '区委办公室' },
  ];

  it('normalises width, spaces and brackets, keeping 办公室 / 局', () => {
    expect(normaliseUnitName(' 区 发改委（筹） ')).toBe('区发改委(筹)');
    expect(normaliseUnitName('区委办公室')).toBe('区委办公室');
    expect(toHalfWidth('ＡＢＣ１２３，．　')).toBe('ABC123,. ');
  });

  it.each([
    ['区发展和改革委员会', 1],
    ['召陵区发展和改革委员会', 1],
    ['漯河市召陵区发展和改革委员会', 1],
    ['区发改委', 1],
    ['发改委', 1],
    ['召陵区发改委', 1],
    ['区发展改革委员会', 1],
    ['区 发展和改革委员会', 1],
    ['工信局', 2],
    ['召陵区住建局', 3],
    ['财政局', 4],
    ['区环保局', 5],
    ['召陵区生态环境局', 5],
    ['市场监管局', 6],
    ['区市场监督管理局', 6],
    ['区政府办', 7],
    ['召陵区人民政府办公室', 7],
    ['政府办公室', 7],
    ['自然资源局', 8],
    ['交通局', 9],
    ['区水务局', 10],
    ['商务局', 11],
    ['区委办公室', 12],
  ])('reads %s as unit %i', (text, id) => {
    expect(matchUnit(text, units, prefixes)).toEqual({ match: id });
  });

  it('prefers an exact name to a prefix-insensitive one', () => {
    const both = [
      { id: 1, name: '市财政局' },
      { id: 2, name: '区财政局' },
    ];
    expect(matchUnit('区财政局', both, prefixes)).toEqual({ match: 2 });
    expect(matchUnit('财政局', both, prefixes)).toEqual({ ambiguous: [1, 2] });
  });

  it('prefers a full name to another unit’s short name', () => {
    const clash = [
      { id: 1, name: '区发改委', shortName: null },
      { id: 2, name: '区发展和改革委员会', shortName: '区发改委' },
    ];
    expect(matchUnit('区发改委', clash, prefixes)).toEqual({ match: 1 });
  });

  it('names the closest units when none fits', () => {
    const r = matchUnit('区发展委', units, prefixes);
    expect(r).toMatchObject({ none: true });
    expect('none' in r && r.closest[0]).toEqual({ id: 1, name: '区发展和改革委员会' });
    expect('none' in r && r.closest.length).toBeLessThanOrEqual(3);
    const far = matchUnit('某某公司', units, prefixes);
    expect('none' in far && far.closest.every((c) => c.id !== 1)).toBe(true);
  });

  it('gives the same recognition name to a unit with and without its district prefix', () => {
    expect(unitRecognitionName('召陵区发改委', prefixes)).toBe(unitRecognitionName('区发展和改革委员会', prefixes));
    expect(unitRecognitionName('区市场监管局', prefixes)).toBe(unitRecognitionName('漯河市召陵区市场监督管理局', prefixes));
  });

  it('recognises every unit by its own name after any of the prefixes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...units), fc.constantFrom('', '召陵区', '漯河市召陵区', ' '), (unit, prefix) => {
        const bare = unit.name.replace(/^区/, '');
        expect(matchUnit(prefix + bare, units, prefixes)).toEqual({ match: unit.id });
      }),
    );
  });
});

describe('matching a project by the code or name a sheet gives it', () => {
  const projects = [
    { id: 1, code: 'ZL-2026-001', name: '召陵区智能制造产业园项目' },
    { id: 2, code: 'ZL-2026-002', name: '沙澧河综合治理工程（一期）' },
    { id: 3, code: 'ZL-2026-003', name: '沙澧河综合治理工程（二期）' },
    { id: 4, code: 'ZL-2026-004', name: '城东污水处理厂一期工程' },
    { id: 5, code: 'ZL-2026-005', name: '老城区棚户区改造项目' },
  ];

  it('normalises a name without 项目, whitespace and punctuation, keeping the phase', () => {
    expect(normaliseProjectName(' 召陵区 智能制造产业园项目 ')).toBe('召陵区智能制造产业园');
    expect(normaliseProjectName('沙澧河综合治理工程（一期）')).toBe('沙澧河综合治理工程一期');
    expect(projectFamilyName('沙澧河综合治理工程（一期）')).toBe('沙澧河综合治理工程');
    expect(projectFamilyName('城东污水处理厂一期工程项目')).toBe('城东污水处理厂');
    expect(projectFamilyName('XX产业园(二期)项目')).toBe('XX产业园');
  });

  it.each([
    ['ZL-2026-001', 1],
    [' zl-2026-001 ', 1],
    ['ＺＬ－２０２６－００１', 1],
    ['召陵区智能制造产业园项目', 1],
    ['召陵区智能制造产业园', 1],
    ['召陵区 智能制造产业园', 1],
    ['沙澧河综合治理工程(一期)', 2],
    ['沙澧河综合治理工程一期', 2],
    ['沙澧河综合治理工程（二期）项目', 3],
    ['城东污水处理厂', 4],
    ['城东污水处理厂项目', 4],
    ['城东污水处理厂（一期）', 4],
    ['老城区棚户区改造', 5],
    ['“老城区棚户区改造”项目', 5],
  ])('reads %s as project %i', (text, id) => {
    expect(matchProject(text, projects)).toEqual({ match: id });
  });

  it('calls a name that fits several phases ambiguous', () => {
    expect(matchProject('沙澧河综合治理工程', projects)).toEqual({ ambiguous: [2, 3] });
  });

  it('takes the code before a name', () => {
    const confusing = [
      { id: 1, code: 'A1', name: 'B2' },
      { id: 2, code: 'B2', name: 'X' },
    ];
    expect(matchProject('B2', confusing)).toEqual({ match: 2 });
  });

  it('names the closest projects when none fits', () => {
    const r = matchProject('智能制造产业园二号', projects);
    expect(r).toMatchObject({ none: true });
    expect('none' in r && r.closest[0]).toEqual({ id: 1, name: '召陵区智能制造产业园项目' });
    expect(matchProject('', projects)).toMatchObject({ none: true });
  });

  it('finds every project by its code, by its name and by its name with 项目 and spaces added', () => {
    fc.assert(
      fc.property(fc.constantFrom(...projects), (p) => {
        expect(matchProject(p.code.toLowerCase(), projects)).toEqual({ match: p.id });
        expect(matchProject(p.name, projects)).toEqual({ match: p.id });
        expect(matchProject(` ${normaliseProjectName(p.name)} 项目`, projects)).toEqual({ match: p.id });
      }),
    );
  });
});

describe('name similarity', () => {
  it('is 1 for the same name, 0 for nothing shared, and symmetric', () => {
    expect(nameSimilarity('发展改革委员会', '发展改革委员会')).toBeCloseTo(1);
    expect(nameSimilarity('财政局', '公司')).toBe(0);
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const s = nameSimilarity(a, b);
        expect(s).toBeCloseTo(nameSimilarity(b, a));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1 + 1e-9);
      }),
    );
  });
});

describe('Chinese numerals', () => {
  it('reads years digit by digit and months and days positionally', () => {
    expect(chineseNumeralsToDigits('二〇二六年十二月三十一日')).toBe('2026年12月31日');
    expect(chineseNumeralsToDigits('二零二六年十月二十日')).toBe('2026年10月20日');
    expect(chineseNumeralsToDigits('第三季度')).toBe('第3季度');
    expect(chineseNumeralsToDigits('两个月')).toBe('2个月');
  });
});

describe('finding the header band of an office sheet', () => {
  const fields: SheetField<
    'seq' | 'project' | 'content' | 'unit' | 'deadline' | 'completedOn' | 'total' | 'annual' | 'progress'
  >[] = [
    { key: 'seq', synonyms: ['序号'], required: true },
    { key: 'project', synonyms: ['项目名称', '项目'], required: true },
    { key: 'content', synonyms: ['工作内容', '事项内容', '工作任务'], required: true },
    { key: 'unit', synonyms: ['责任单位', '牵头单位'], required: true },
    { key: 'deadline', synonyms: ['完成时限', '时限要求', '完成时限/计划'], required: true },
    { key: 'completedOn', synonyms: ['实际完成时间', '完成时限/实际'] },
    { key: 'total', synonyms: ['总投资', '计划总投资'] },
    { key: 'annual', synonyms: ['年度计划投资', '年度计划'] },
    { key: 'progress', synonyms: ['进展情况'] },
  ];
  const title = ['召陵区2026年重点项目工作台账'];
  const unitRow = ['填报单位：召陵区发改委', null, null, null, '单位：万元'];

  it('skips the title and unit rows and maps a one-row header, leaving extra columns unmapped', () => {
    const rows = [
      title,
      unitRow,
      [],
      ['序号', '项目名称', '工作内容', '牵头单位', '时限要求', '进展情况', '备注'],
      [1, '智能制造产业园', '完成土地征收', '区发改委', '2026年3月底', '正在推进', null],
    ];
    const band = detectHeaderBand(rows, fields);
    expect(band.headerRows).toEqual([3, 3]);
    expect(band.missingRequired).toEqual([]);
    expect(band.columns.map((c) => [c.index, c.header, c.field, c.score])).toEqual([
      [0, '序号', 'seq', 3],
      [1, '项目名称', 'project', 3],
      [2, '工作内容', 'content', 3],
      [3, '牵头单位', 'unit', 3],
      [4, '时限要求', 'deadline', 3],
      [5, '进展情况', 'progress', 3],
      [6, '备注', undefined, 0],
    ]);
  });

  it('joins a group heading over its sub-columns, as the streaming reader leaves a merge (blanks)', () => {
    const rows = [
      title,
      ['序号', '项目名称', '投资（万元）', null, '工作内容', '责任单位', '完成时限', null, '进展情况'],
      [null, null, '总投资', '年度计划', null, null, '计划', '实际', null],
      [1, '智能制造产业园', 30000, 5000, '完成土地征收', '区发改委', '3月底', null, '正在推进'],
    ];
    const band = detectHeaderBand(rows, fields);
    expect(band.headerRows).toEqual([1, 2]);
    expect(band.columns.map((c) => [c.header, c.field])).toEqual([
      ['序号', 'seq'],
      ['项目名称', 'project'],
      ['投资（万元）/总投资', 'total'],
      ['投资（万元）/年度计划', 'annual'],
      ['工作内容', 'content'],
      ['责任单位', 'unit'],
      ['完成时限/计划', 'deadline'],
      ['完成时限/实际', 'completedOn'],
      ['进展情况', 'progress'],
    ]);
    expect(band.missingRequired).toEqual([]);
  });

  it('joins a two-row header as a full load repeats merged values', () => {
    const rows = [
      ['召陵区台账', '召陵区台账', '召陵区台账', '召陵区台账', '召陵区台账', '召陵区台账'],
      ['序号', '项目名称', '工作内容', '责任单位', '完成时限', '完成时限'],
      ['序号', '项目名称', '工作内容', '责任单位', '计划', '实际'],
      [1, 'A', 'B', 'C', '2026-03-31', null],
    ];
    const band = detectHeaderBand(rows, fields);
    expect(band.headerRows).toEqual([1, 2]);
    expect(band.columns.map((c) => c.header)).toEqual([
      '序号',
      '项目名称',
      '工作内容',
      '责任单位',
      '完成时限/计划',
      '完成时限/实际',
    ]);
    expect(band.columns.map((c) => c.field)).toEqual(['seq', 'project', 'content', 'unit', 'deadline', 'completedOn']);
  });

  it('maps by containment when a header carries more words, and strips a bracketed unit', () => {
    const rows = [['序号', '项目名称（全称）', '主要工作内容', '责任单位', '完成时限', '计划总投资（万元）']];
    const band = detectHeaderBand(rows, fields);
    expect(band.columns.map((c) => c.field)).toEqual(['seq', 'project', 'content', 'unit', 'deadline', 'total']);
    expect(band.columns[2]!.score).toBeGreaterThan(1);
    expect(band.columns[2]!.score).toBeLessThan(3);
    expect(band.columns[5]!.score).toBe(3);
  });

  it('does not take the first data row under a one-row header for sub-columns', () => {
    const rows = [
      ['项目名称', '工作内容', '责任单位', '完成时限', '进展情况', '序号'],
      ['智能制造产业园', '完成土地征收', '区发改委', '三月底', '正在推进', '一'],
    ];
    expect(detectHeaderBand(rows, fields).headerRows).toEqual([0, 0]);
  });

  it('lists the required fields no column names, once', () => {
    const band = detectHeaderBand([title, ['序号', '项目名称', '备注']], fields);
    expect(band.headerRows).toEqual([1, 1]);
    expect(band.missingRequired).toEqual(['content', 'unit', 'deadline']);
  });

  it('finds no header in a sheet that names no field', () => {
    expect(detectHeaderBand([title, ['a', 'b'], [1, 2]], fields)).toEqual({
      headerRows: null,
      columns: [],
      missingRequired: ['seq', 'project', 'content', 'unit', 'deadline'],
    });
  });

  it('gives each field to one column only, the better named one', () => {
    const band = detectHeaderBand([['序号', '拟建项目名称', '项目名称', '工作内容']], fields);
    expect(band.columns.map((c) => c.field)).toEqual(['seq', undefined, 'project', 'content']);
  });

  it('works on the 1-based arrays exceljs gives (index 0 empty)', () => {
    // eslint-disable-next-line no-sparse-arrays
    const band = detectHeaderBand([[, '序号', '项目名称', '工作内容', '责任单位', '完成时限']], fields);
    expect(band.columns.map((c) => c.index)).toEqual([1, 2, 3, 4, 5]);
    expect(band.missingRequired).toEqual([]);
  });
});

describe('rows under the header', () => {
  it('recognises 合计 / 小计 / 总计 rows in the first filled cells', () => {
    expect(isTotalRow(['合计', null, 30000])).toBe(true);
    expect(isTotalRow([null, '合  计', 30000])).toBe(true);
    expect(isTotalRow(['', '', '小计（3项）'])).toBe(true);
    expect(isTotalRow(['总计：', 5])).toBe(true);
    expect(isTotalRow([1, '智能制造产业园', '合计划分地块'])).toBe(false);
    expect(isTotalRow([1, 'A', 'B', '合计'])).toBe(false);
  });

  it('recognises blank rows', () => {
    expect(isBlankRow([null, '', '  ', undefined])).toBe(true);
    expect(isBlankRow([null, 0])).toBe(false);
  });

  it('reads A1 merge references as 0-based ranges', () => {
    expect(mergedRangeFromA1('B3:B7')).toEqual({ top: 2, left: 1, bottom: 6, right: 1 });
    expect(mergedRangeFromA1('$AA$1:$AB$2')).toEqual({ top: 0, left: 26, bottom: 1, right: 27 });
    expect(mergedRangeFromA1('C4')).toEqual({ top: 3, left: 2, bottom: 3, right: 2 });
    expect(mergedRangeFromA1('nonsense')).toBeNull();
  });

  it('fills a project cell merged down over its items into each of them, without changing the rows given', () => {
    const rows = [
      [1, '智能制造产业园', '完成土地征收'],
      [null, null, '完成规划设计'],
      [null, null, '开工建设'],
      [2, '污水处理厂', '竣工验收'],
    ];
    const filled = fillMergedDown(rows, [
      { top: 0, left: 0, bottom: 2, right: 0 },
      { top: 0, left: 1, bottom: 2, right: 1 },
      { top: 3, left: 2, bottom: 3, right: 4 },
    ]);
    expect(filled).toEqual([
      [1, '智能制造产业园', '完成土地征收'],
      [1, '智能制造产业园', '完成规划设计'],
      [1, '智能制造产业园', '开工建设'],
      [2, '污水处理厂', '竣工验收', '竣工验收', '竣工验收'],
    ]);
    expect(rows[1]).toEqual([null, null, '完成规划设计']);
  });

  it('ignores a merged range that runs past the last row', () => {
    expect(fillMergedDown([['a'], [null]], [{ top: 0, left: 0, bottom: 5, right: 0 }])).toEqual([['a'], ['a']]);
  });
});
