/**
 * Dashboard number formats: money in 亿元 in Chinese (billions of yuan in English), exact from integer
 * yuan, and rates as percentages.
 */
import type { Locale } from '@kpc/contracts';

const YI = 100_000_000n;
const BILLION = 1_000_000_000n;

/** Integer yuan → a decimal of `unit` with two decimals, rounded half up without floats. */
function scaled(yuan: number, unit: bigint): string {
  const v = BigInt(yuan);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const q = (abs * 100n * 2n + unit) / (unit * 2n);
  const s = `${(q / 100n).toLocaleString('en-US')}.${(q % 100n).toString().padStart(2, '0')}`;
  return neg ? `-${s}` : s;
}

/** Integer yuan → 亿元 with two decimals ("7655000000" → "76.55"). */
export const yuanToYi = (yuan: number): string => scaled(yuan, YI);

/** The dashboard's money figure in the language's unit: 亿元 (zh-CN) or billion yuan (en). */
export const bigMoney = (yuan: number, locale: Locale): string => scaled(yuan, locale === 'en' ? BILLION : YI);

/** The same as a number, for chart axes only (never summed). */
export const bigMoneyValue = (yuan: number, locale: Locale): number => Number(bigMoney(yuan, locale).replace(/,/g, ''));

/** A rate 0–1 as "74.1" (one decimal); "—" for a rate over nothing. */
export function percent(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return (Math.round(rate * 100 * 10 ** digits) / 10 ** digits).toFixed(digits);
}

/** A rate as a chart value in percent, null kept (a gap, not zero). */
export const percentValue = (rate: number | null): number | null => (rate === null ? null : Math.round(rate * 1000) / 10);
