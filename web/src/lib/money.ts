/**
 * Money is integer yuan everywhere below the screen. Screens show 万元 / 亿元 and take input in 万元;
 * conversions go through decimal strings and BigInt so no float rounding ever touches a figure.
 */
import type { Locale } from '@kpc/contracts';

const WAN = 10_000n;
const YI = 100_000_000n;

/** Formats an integer as a decimal of `unit`, keeping `digits` decimals (rounded half up). */
function scaled(yuan: bigint, unit: bigint, digits: number): string {
  const neg = yuan < 0n;
  const abs = neg ? -yuan : yuan;
  const factor = 10n ** BigInt(digits);
  const q = (abs * factor * 2n + unit) / (unit * 2n); // round half up
  const whole = q / factor;
  const frac = q % factor;
  const wholeStr = whole.toLocaleString('en-US');
  const s = digits > 0 ? `${wholeStr}.${frac.toString().padStart(digits, '0')}` : wholeStr;
  return neg ? `-${s}` : s;
}

/**
 * zh-CN: 350000000 → "3.50 亿元", 1234500 → "123.45 万元" (below 1 亿 in 万元).
 * en: 350000000 → "¥350.00 m", 7000000000 → "¥7.00 bn" (millions below a billion).
 */
export function formatMoney(yuan: number | null | undefined, locale: Locale = 'zh-CN'): string {
  if (yuan === null || yuan === undefined) return '—';
  const v = BigInt(yuan);
  const abs = v < 0n ? -v : v;
  if (locale === 'en') return abs >= 1_000_000_000n ? `¥${scaled(v, 1_000_000_000n, 2)} bn` : `¥${scaled(v, 1_000_000n, 2)} m`;
  if (abs >= YI) return `${scaled(v, YI, 2)} 亿元`;
  return `${scaled(v, WAN, 2)} 万元`;
}

/** Integer yuan → exact 万元 decimal string for an input ("12345678" → "1234.5678", "50000" → "5"). */
export function yuanToWanInput(yuan: number | null | undefined): string {
  if (yuan === null || yuan === undefined) return '';
  const v = BigInt(yuan);
  const whole = v / WAN;
  const frac = (v % WAN).toString().padStart(4, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole.toString();
}

/** A 万元 amount as typed: up to 11 whole digits, at most 4 decimals (1 元 precision). */
export const wanInputPattern = /^\d{1,11}(\.\d{0,4})?$/;

/** "1234.5678" 万元 → 12345678 yuan, exactly; null for empty input; NaN for anything malformed. */
export function wanInputToYuan(input: string | null | undefined): number | null {
  const s = (input ?? '').trim().replace(/,/g, '');
  if (s === '') return null;
  if (!wanInputPattern.test(s)) return Number.NaN;
  const [whole = '0', frac = ''] = s.split('.');
  const yuan = BigInt(whole) * WAN + BigInt(frac.padEnd(4, '0'));
  // 11 whole digits of 万元 keep the result below 1e15 yuan, well inside Number's exact integers
  return Number(yuan);
}
