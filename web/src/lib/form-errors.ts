/**
 * Puts validation problems onto antd form fields: from the contracts' zod schema before sending,
 * and from the server's VALIDATION_FAILED details ([{ field: 'taskForce.0.name', message }]) after.
 */
import type { FormInstance } from 'antd';
import type { z } from 'zod';
import { fieldIssues, type FieldIssue } from '@kpc/contracts';
import { currentLocale } from './i18n';

type NamePath = (string | number)[];

const toNamePath = (field: string): NamePath =>
  field
    .split('.')
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));

/**
 * Marks each issue on its field; issues whose field the form does not show are returned
 * so the caller can show them elsewhere (e.g. in an alert).
 */
export function applyFieldIssues(
  form: FormInstance,
  issues: readonly FieldIssue[],
  fieldMap: Record<string, string> = {},
): FieldIssue[] {
  const byField = new Map<string, string[]>();
  const unplaced: FieldIssue[] = [];
  const registered = new Set(
    form
      .getFieldsError()
      .map((f) => f.name.join('.'))
      .filter(Boolean),
  );
  for (const issue of issues) {
    const mapped = fieldMap[issue.field] ?? issue.field;
    // the field itself ("taskForce.0.name"), else the closest field the form shows ("cooperatingUnitIds.3" → the select)
    const parts = mapped.split('.');
    let field: string | undefined;
    for (let n = parts.length; n > 0 && !field; n--) {
      const candidate = parts.slice(0, n).join('.');
      if (registered.has(candidate)) field = candidate;
    }
    if (field) byField.set(field, [...(byField.get(field) ?? []), issue.message]);
    else unplaced.push(issue);
  }
  form.setFields([...byField].map(([field, errors]) => ({ name: toNamePath(field), errors })));
  const first = [...byField.keys()][0];
  if (first) form.scrollToField(toNamePath(first), { block: 'center' });
  return unplaced;
}

/** Parses with a contracts schema; on failure returns localised field issues instead of throwing. */
export function validateWith<S extends z.ZodType>(
  schema: S,
  body: unknown,
): { ok: true; data: z.infer<S> } | { ok: false; issues: FieldIssue[] } {
  const r = schema.safeParse(body);
  if (r.success) return { ok: true, data: r.data };
  const locale = currentLocale();
  // an empty select or field reads "required", not "expected one of: industry / …"
  const required = locale === 'en' ? 'Required' : '必填';
  return {
    ok: false,
    issues: r.error.issues.flatMap((issue) =>
      issue.input === undefined && issue.code !== 'unrecognized_keys'
        ? [{ field: issue.path.map(String).join('.'), message: required }]
        : fieldIssues([issue], locale),
    ),
  };
}
