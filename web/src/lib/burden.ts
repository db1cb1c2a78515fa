/**
 * The burden measured 填报负担 (issue 12, ADR 0012): a form notes when it opened and which fields the user
 * changed from the values it was given (pre-filled values left alone count for nothing; a field typed and
 * then put back counts for nothing), and sends `burden: { fieldsTyped, seconds }` with the submission.
 * Nothing else is observed: no keystrokes, no text, no time outside the form. The server clamps the seconds.
 *
 * Use: `const burden = useBurden()`; `<Form onValuesChange={burden.onValuesChange}>`; tell it what the
 * form was pre-filled with (`burden.baseline(values)`, where the code calls setFieldsValue); send
 * `burden.measure()`; after a successful send, `burden.restart(values)`.
 */
import { useMemo } from 'react';
import type { BurdenInput } from '@kpc/contracts';

type Leaves = Map<string, string | null>;

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype);

/** Empty text, null and undefined are the same "nothing"; dates (dayjs) compare by their JSON form. */
const norm = (v: unknown): string | null => {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  return JSON.stringify(v);
};

/** The leaf values of a form's (partial) values by path: `problemsRaised.0.description`. */
function leaves(values: unknown, prefix = '', out: Leaves = new Map()): Leaves {
  if (isPlain(values)) {
    for (const [k, v] of Object.entries(values))
      if (v !== undefined || !Array.isArray(values)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out.set(prefix, norm(values));
  return out;
}

export interface BurdenCounter {
  onValuesChange: (changed: unknown, all?: unknown) => void;
  baseline: (values: unknown) => void;
  restart: (values?: unknown) => void;
  measure: () => BurdenInput;
}

export function createBurdenCounter(now: () => number = Date.now): BurdenCounter {
  let opened = now();
  const base: Leaves = new Map();
  const changed = new Set<string>();
  return {
    onValuesChange(values) {
      for (const [path, v] of leaves(values)) {
        if (v === (base.get(path) ?? null)) changed.delete(path);
        else changed.add(path);
      }
    },
    baseline(values) {
      for (const [path, v] of leaves(values)) {
        base.set(path, v);
        changed.delete(path);
      }
    },
    restart(values) {
      opened = now();
      changed.clear();
      if (values !== undefined) for (const [path, v] of leaves(values)) base.set(path, v);
    },
    measure: () => ({ fieldsTyped: changed.size, seconds: Math.max(0, Math.round((now() - opened) / 1000)) }),
  };
}

/** One counter for the life of the form's component (the time counts from when the form opened). */
export function useBurden(): BurdenCounter {
  return useMemo(() => createBurdenCounter(), []);
}
