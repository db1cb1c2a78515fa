/** Pieces the weekly dispatch and the monthly bulletin .docx share: colour words, the 版头 and the 版记. */
import type { Rag } from '@kpc/contracts';
import type { OfficialDocument } from './docx.js';
import { chineseDate } from './minutes-docx.js';

export const colourWord: Record<Rag, string> = { red: '红色', yellow: '黄色', green: '绿色' };
const short: Record<Rag, string> = { red: '红', yellow: '黄', green: '绿' };

/** "黄→红" when the colour changed, else the colour alone. */
export const colourWithChange = (now: Rag, before: Rag | null) =>
  before !== null && before !== now ? `${short[before]}→${short[now]}` : short[now];

export const CN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export const cn = (n: number) => (n <= 10 ? CN_NUMERALS[n - 1]! : String(n));

/** What the report document knows besides its figures. */
export interface ReportDocMeta {
  /** 发文字号, e.g. 督查〔2026〕11号 */
  docNumber: string;
  /** The day it was published, or drafted while a draft. */
  issuedOn: string;
  draft: boolean;
}

/** 版头 and 版记 of a report issued by the region's supervision bureau. */
export function frame(
  regionName: string,
  issuer: string,
  meta: ReportDocMeta,
): Pick<OfficialDocument, 'masthead' | 'colophon' | 'subtitle'> {
  return {
    masthead: { issuer, docNumber: meta.docNumber },
    subtitle: meta.draft ? '（草稿）' : undefined,
    colophon: {
      copyTo: `${regionName}委、${regionName}政府领导，各包联领导，各责任单位`,
      issuedBy: `${regionName}重点项目督查局`,
      issuedOn: chineseDate(meta.issuedOn),
    },
  };
}

/** 11月23日 */
export const monthDay = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
