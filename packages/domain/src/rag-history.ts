/**
 * Colour history 颜色历史 (issue 11, ADR 0010): the colour a subject is rated on a day from the colour its
 * records give that day (`ragFor`) and the spell in force — the hysteresis of the issue, "no green the
 * day after red". Pure: the spell and the day come in.
 *
 * - computed red → red;
 * - from red, any computed colour but red starts a *held* yellow (恢复观察期), whatever the records say;
 * - a held yellow stays held (a computed yellow does not end it) until it has lasted `recoveryDays` days
 *   with the computed colour never red since, then a computed green turns it green;
 * - a plain yellow or green follows the computed colour at once.
 *
 * Ordering the states green < yellow < held (oldest first) < red, the step is monotone in both the state
 * and the computed colour, so more lateness is never greener (the property test checks it).
 */
import type { Rag } from '@kpc/contracts';
import { addDays, daysBetween } from './dates.js';

/** The spell in force: its colour, whether it is a held yellow, and its first day. */
export interface RagSpellState {
  rag: Rag;
  held: boolean;
  fromDate: string;
}

export interface RatedColour {
  rag: Rag;
  held: boolean;
}

/** The rated colour on `day` (after the spell's days) from the computed colour of that day. */
export function rateDay(spell: RagSpellState | null, computed: Rag, day: string, recoveryDays: number): RatedColour {
  if (computed === 'red') return { rag: 'red', held: false };
  if (!spell) return { rag: computed, held: false };
  if (spell.rag === 'red') return { rag: 'yellow', held: true };
  if (spell.held) {
    const recovered = daysBetween(spell.fromDate, day) >= recoveryDays;
    return recovered && computed === 'green' ? { rag: 'green', held: false } : { rag: 'yellow', held: true };
  }
  return { rag: computed, held: false };
}

/** Whether the rated colour is a new spell (a change of colour or of held), so the day writes rows. */
export const changesSpell = (spell: RagSpellState | null, rated: RatedColour): boolean =>
  !spell || spell.rag !== rated.rag || spell.held !== rated.held;

/** The last day of a held yellow's observation period: the day before a computed green may show green. */
export const recoveryEnds = (heldFrom: string, recoveryDays: number): string => addDays(heldFrom, recoveryDays - 1);

/** Rates consecutive days from no spell: the colours shown, one per computed colour. */
export function rateDays(computed: readonly Rag[], firstDay: string, recoveryDays: number): RatedColour[] {
  let spell: RagSpellState | null = null;
  return computed.map((c, i) => {
    const day = addDays(firstDay, i);
    const rated = rateDay(spell, c, day, recoveryDays);
    if (changesSpell(spell, rated)) spell = { ...rated, fromDate: day };
    return rated;
  });
}
