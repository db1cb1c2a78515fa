/** Building blocks for API schemas: ids, calendar dates, integer-yuan money, paging. */
import { z } from 'zod';

// No control characters (except tab/newline) in free text: keeps logs, Excel and documents clean.
const noControl = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

export const text = (max: number) => z.string().trim().max(max).regex(noControl, 'no_control_chars');
export const requiredText = (max: number) => z.string().trim().min(1).max(max).regex(noControl, 'no_control_chars');

export const id = z.number().int().positive().max(2_147_483_647);
export const idParam = z.coerce.number().int().positive().max(2_147_483_647);
export const idParams = z.strictObject({ id: idParam });

/** A calendar date in Asia/Shanghai, 'YYYY-MM-DD'. */
export const isoDate = z.iso.date();

/** Money in integer yuan (元). Never floating point. 1e15 yuan is far above any project. */
export const yuan = z.number().int().min(0).max(1_000_000_000_000_000);

export const version = z.number().int().min(1).max(2_147_483_647);

export const regionCode = z.string().regex(/^\d{2}(\d{2}(\d{2}(\d{3})?)?)?$/, 'region_code');

export const phone = z.string().regex(/^[0-9+\- ]{5,20}$/, 'phone');

export const paging = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export const sortOrder = z.enum(['asc', 'desc']).default('asc');

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const okSchema = z.object({ ok: z.literal(true) });
