/** Building blocks for API schemas: ids, calendar dates, integer-yuan money, paging. */
import { z } from 'zod';

type Labels<T extends string> = Record<T, { 'zh-CN': string; en: string }>;

/** An enum's OpenAPI text: what it is, then every value with its English and Chinese label. */
export const enumText = <T extends string>(what: string, labels: Labels<T>) =>
  `${what}: ${(Object.entries(labels) as [T, Labels<T>[T]][]).map(([value, l]) => `${value} = ${l.en} (${l['zh-CN']})`).join('; ')}`;

const versionText =
  'Optimistic lock (版本号): send back the version you read; a stale one is refused with 409 VERSION_CONFLICT, error.details.current holding the record as it is now';
/** Timestamps of responses: an instant, not a calendar date. */
export const timestampText = 'Instant in ISO 8601, UTC (e.g. 2026-03-01T08:30:00.000Z)';
/** The dates of responses: written as `z.string()`, they are calendar dates like the bodies' isoDate. */
export const dateText = 'Calendar date YYYY-MM-DD in Asia/Shanghai (北京时间日期)';
const totalText = 'Number of rows matching the filters, over all pages (总条数)';

// No control characters (except tab/newline) in free text: keeps logs, Excel and documents clean.
const noControl = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

export const text = (max: number) => z.string().trim().max(max).regex(noControl, 'no_control_chars');
export const requiredText = (max: number) => z.string().trim().min(1).max(max).regex(noControl, 'no_control_chars');

export const id = z
  .number()
  .int()
  .positive()
  .max(2_147_483_647)
  .describe('Record id: positive 32-bit integer assigned by the server (编号)');
export const idParam = z.coerce.number().int().positive().max(2_147_483_647).describe('Record id (编号)');
export const idParams = z.strictObject({ id: idParam });

/** A calendar date in Asia/Shanghai, 'YYYY-MM-DD'. */
export const isoDate = z.iso.date().describe('Calendar date YYYY-MM-DD in Asia/Shanghai (北京时间日期), no time part');

/** Money in integer yuan (元). Never floating point. 1e15 yuan is far above any project. */
export const yuan = z
  .number()
  .int()
  .min(0)
  .max(1_000_000_000_000_000)
  .describe('Amount in integer yuan (元), not 万元, no decimals');

export const version = z.number().int().min(1).max(2_147_483_647).describe(versionText);

export const regionCode = z
  .string()
  .regex(/^\d{2}(\d{2}(\d{2}(\d{3})?)?)?$/, 'region_code')
  .describe(
    'Administrative division code (行政区划代码) of 2, 4, 6 or 9 digits (province, city, county, township); a code covers every region that starts with it',
  );

export const phone = z
  .string()
  .regex(/^[0-9+\- ]{5,20}$/, 'phone')
  .describe('Phone number (电话): 5–20 digits, +, - or spaces');

export const paging = {
  page: z.coerce.number().int().min(1).max(100_000).default(1).describe('Page number, from 1 (页码)'),
  pageSize: z.coerce.number().int().min(1).max(200).default(20).describe('Rows per page, 1–200 (每页条数)'),
};

export const sortOrder = z.enum(['asc', 'desc']).default('asc').describe('Sort direction: asc (升序) or desc (降序)');

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item).describe('The rows of the requested page'), total: z.number().int().describe(totalText) });

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const okSchema = z.object({ ok: z.literal(true) });
