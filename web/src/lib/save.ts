/** Validate-then-send for simple admin forms: the contracts' schema first, then the API. */
import type { z } from 'zod';
import type { FieldIssue } from '@kpc/contracts';
import { validateWith } from './form-errors';

export type SaveResult<R> = { ok: true; data: R } | { ok: false; issues: FieldIssue[] };

export async function validateAndSend<S extends z.ZodType, R>(
  schema: S,
  body: unknown,
  send: (valid: z.infer<S>) => Promise<R>,
): Promise<SaveResult<R>> {
  const checked = validateWith(schema, body);
  if (!checked.ok) return checked;
  return { ok: true, data: await send(checked.data) };
}

/** '' and whitespace become null, so optional text fields are cleared rather than sent empty. */
export const blankToNull = (s: unknown): string | null => {
  if (typeof s !== 'string') return null;
  const t = s.trim();
  return t === '' ? null : t;
};
