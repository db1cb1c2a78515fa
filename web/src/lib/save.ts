/** Validate-then-send for simple admin forms: the contracts' schema first, then the API. */
import { useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { FieldIssue } from '@kpc/contracts';
import { api } from './api';
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

/**
 * Create-or-edit of a reference record (unit, leader, enterprise): POST /<path> with the region for a
 * new one, PATCH /<path>/:id with the version read for an existing one; refreshes `listKey` after.
 */
export function useSaveReference<Row extends { id: number; version: number }, V extends { regionCode?: string }>(o: {
  path: string;
  listKey: readonly unknown[];
  createBody: z.ZodType;
  updateBody: z.ZodType;
  /** The fields both bodies carry, from the form's values. */
  common: (v: V) => Record<string, unknown>;
  /** Fields only an edit sends (e.g. active). */
  editOnly?: (v: V) => Record<string, unknown>;
}) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: o.listKey });
  return {
    refresh,
    save: async (v: V, row: Row | null): Promise<SaveResult<Row>> => {
      const common = o.common(v);
      const r = row
        ? await validateAndSend(o.updateBody, { version: row.version, ...common, ...o.editOnly?.(v) }, (b) =>
            api.patch<Row>(`/${o.path}/${row.id}`, b),
          )
        : await validateAndSend(o.createBody, { ...common, regionCode: v.regionCode }, (b) => api.post<Row>(`/${o.path}`, b));
      if (r.ok) await refresh();
      return r;
    },
  };
}
