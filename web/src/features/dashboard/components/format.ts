/** Dashboard number formats: money in 亿元 (exact, from integer yuan) and rates as percentages. */

const YI = 100_000_000n;

/** Integer yuan → 亿元 with two decimals, rounded half up without floats ("7655000000" → "76.55"). */
export function yuanToYi(yuan: number): string {
  const v = BigInt(yuan);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const q = (abs * 100n * 2n + YI) / (YI * 2n);
  const s = `${(q / 100n).toLocaleString('en-US')}.${(q % 100n).toString().padStart(2, '0')}`;
  return neg ? `-${s}` : s;
}

/** 亿元 as a number, for chart axes only (never summed). */
export const yiValue = (yuan: number): number => Number(yuanToYi(yuan).replace(/,/g, ''));

/** A rate 0–1 as "74.1" (one decimal); "—" for a rate over nothing. */
export function percent(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return (Math.round(rate * 100 * 10 ** digits) / 10 ** digits).toFixed(digits);
}

/** A rate as a chart value in percent, null kept (a gap, not zero). */
export const percentValue = (rate: number | null): number | null => (rate === null ? null : Math.round(rate * 1000) / 10);
