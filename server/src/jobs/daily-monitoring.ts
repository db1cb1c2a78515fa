/**
 * 日监测 The daily monitoring job (06:00 Shanghai; period = the Shanghai date; issue 11, ADR 0010): rates
 * every subject (projects and supervision items) from its records as of the day, applies the
 * hysteresis of domain rag-history.ts to the spell in force, and writes the day's colour spells — all in
 * ONE transaction, so a run killed half-way leaves no subject with the failed day's colour. Only a
 * subject whose colour changed gets writes: its open spell is closed the day before and a new one opens.
 *
 * A rerun of the same day is idempotent: a spell opened that day by an earlier run is decided again from
 * the spell before it (dropped, and the spell before reopened, when the colour is that one's again).
 * At start the scheduler catches up the latest due day (`dueAt`) when it has no succeeded run.
 */
import { gte, lte, and, asc } from 'drizzle-orm';
import type { Rag } from '@kpc/contracts';
import { addDays, changesSpell, rateDay, shanghaiDate, type RagSpellState } from '@kpc/domain';
import type { Db, Executor, Tx } from '../db/client.js';
import { projects } from '../db/schema/index.js';
import { proposeEscalations } from '../modules/escalations/escalations.service.js';
import { supervisionItemColours } from '../modules/supervision/supervision-items.service.js';
import { coloursOf, dayShared } from '../modules/supervision/supervision.service.js';
import {
  openSpells,
  spellsEndingOn,
  writeDay,
  type DayWrites,
  type RagSubject,
  type RagSpellRow,
} from '../modules/supervision/rag-spells.repository.js';
import { loadSettings } from '../modules/settings/settings.service.js';
import type { Job } from './job.js';

/** A subject's colour computed from its records on the day, with the rules of its reasons (worst first). */
export interface ComputedColour {
  id: number;
  rag: Rag;
  /** A project's `RagRule`s; a supervision item's own rule ids (item_overdue, …). */
  rules: string[];
}

/** Rates every subject of a kind, batch by batch (each batch's spells are written before the next is rated). */
export interface Rater {
  subject: RagSubject;
  rate: (db: Executor, asOf: string) => AsyncIterable<ComputedColour[]>;
}

export interface SpellChange {
  subject: RagSubject;
  id: number;
  from: Rag | null;
  to: Rag;
  held: boolean;
}

/** Called in the day's transaction once every subject is rated (the escalation ladder goes here). */
export type AfterRating = (tx: Tx, day: string, changes: readonly SpellChange[]) => Promise<void>;

export const BATCH_SIZE = 5000;

/**
 * Projects by ascending id, `batchSize` at a time, each batch rated set-based by `coloursOf`. The next
 * batch is read while the caller writes this one (the database and Node work side by side).
 */
export const projectRater = (batchSize = BATCH_SIZE): Rater => ({
  subject: 'project',
  async *rate(db, asOf) {
    // the quota of every region's leaders ('' is every region) and the rule sets: read once for the day
    const shared = await dayShared(db, asOf, '');
    const load = async (after: number): Promise<{ last: number; colours: ComputedColour[] } | null> => {
      const ids = await db
        .select({ id: projects.id })
        .from(projects)
        .where(gte(projects.id, after + 1))
        .orderBy(asc(projects.id))
        .limit(batchSize);
      if (ids.length === 0) return null;
      const last = ids[ids.length - 1]!.id;
      const colours = await coloursOf(db, and(gte(projects.id, after + 1), lte(projects.id, last))!, asOf, '', undefined, shared);
      return {
        last,
        colours: colours.map((c) => ({ id: c.project.id, rag: c.result.rag, rules: c.result.reasons.map((r) => r.rule) })),
      };
    };
    let next = load(0);
    for (;;) {
      const cur = await next;
      if (!cur) return;
      next = load(cur.last);
      // a caller that stops early (a failed day) leaves the prefetch unread: not an unhandled rejection
      next.catch(() => undefined);
      yield cur.colours;
    }
  },
});

/** Supervision items 督办事项: few beside the projects, rated in one set-based statement. */
export const supervisionItemRater: Rater = {
  subject: 'supervision_item',
  async *rate(db, asOf) {
    const colours = await supervisionItemColours(db, asOf);
    if (colours.length) yield colours.map((c) => ({ id: c.id, rag: c.rag, rules: c.reasons.map((r) => r.rule) }));
  },
};

export const raters: Rater[] = [projectRater(), supervisionItemRater];
export const afterRating: AfterRating[] = [];

/** Test-only: called after each batch is written, inside the transaction (a throw fails the whole day). */
export const monitoringTestHooks: { afterBatch?: (subject: RagSubject, batch: number, tx: Tx) => Promise<void> } = {};

const stateOf = (s: RagSpellRow): RagSpellState => ({ rag: s.rag, held: s.held, fromDate: s.fromDate });

export interface MonitoringResult {
  day: string;
  projects: number;
  /** Subjects of other kinds rated, by kind. */
  others: Record<string, number>;
  changed: number;
  red: number;
  yellow: number;
  green: number;
  ms: number;
}

/** Rates `day` and writes its spells in one transaction. */
export async function monitorDay(
  db: Db,
  day: string,
  opts: { raters?: Rater[]; afterRating?: AfterRating[]; recoveryDays?: number } = {},
): Promise<MonitoringResult> {
  const started = Date.now();
  const recoveryDays = opts.recoveryDays ?? (await loadSettings(db)).ragRecoveryDays;
  const dayBefore = addDays(day, -1);
  const result: MonitoringResult = { day, projects: 0, others: {}, changed: 0, red: 0, yellow: 0, green: 0, ms: 0 };
  await db.transaction(async (tx) => {
    const changes: SpellChange[] = [];
    for (const rater of opts.raters ?? raters) {
      let batchNo = 0;
      // read through the pool (the rating's statements run in parallel); the spells are read and written in the transaction
      for await (const batch of rater.rate(db, day)) {
        const ids = batch.map((c) => c.id);
        const open = await openSpells(tx, rater.subject, ids);
        // an earlier run of this day opened these: decide again from the spell before
        const reopenable = ids.filter((id) => open.get(id)?.fromDate === day);
        const before = await spellsEndingOn(tx, rater.subject, reopenable, dayBefore);
        const w: DayWrites = { close: [], drop: [], reopen: [], update: [], insert: [] };
        for (const c of batch) {
          const cur = open.get(c.id);
          if (cur && cur.fromDate > day) continue; // a later day is rated already: history is not rewritten
          const sameDay = cur?.fromDate === day;
          const base = sameDay ? before.get(c.id) : cur;
          const rated = rateDay(base ? stateOf(base) : null, c.rag, day, recoveryDays);
          const rules = rated.held ? [...c.rules, 'recovering' as const] : c.rules;
          if (rater.subject === 'project') result[rated.rag]++;
          const changed = changesSpell(base ? stateOf(base) : null, rated);
          if (sameDay) {
            if (!changed) {
              w.drop.push(cur!.id);
              w.reopen.push(base!.id);
            } else if (cur!.rag !== rated.rag || cur!.held !== rated.held) {
              w.update.push({ id: cur!.id, rag: rated.rag, held: rated.held, rules });
            }
          } else if (changed) {
            if (cur) w.close.push(cur.id);
            w.insert.push({ subjectId: c.id, rag: rated.rag, held: rated.held, rules });
          }
          if (changed) {
            result.changed++;
            changes.push({ subject: rater.subject, id: c.id, from: base?.rag ?? null, to: rated.rag, held: rated.held });
          }
        }
        await writeDay(tx, rater.subject, day, dayBefore, w);
        if (rater.subject === 'project') result.projects += batch.length;
        else result.others[rater.subject] = (result.others[rater.subject] ?? 0) + batch.length;
        await monitoringTestHooks.afterBatch?.(rater.subject, batchNo++, tx);
      }
    }
    for (const hook of opts.afterRating ?? afterRating) await hook(tx, day, changes);
  });
  result.ms = Date.now() - started;
  return result;
}

/** The day a run covers: the period's date (a manual run's period is "<date>#manual-…"). */
const dayOfPeriod = (period: string) => period.slice(0, 10);

export const dailyMonitoring: Job = {
  name: 'daily-monitoring',
  pattern: '0 6 * * *',
  period: shanghaiDate,
  // today once 06:00 Shanghai has passed, else yesterday
  dueAt: (now) => shanghaiDate(new Date(now.getTime() - 6 * 3600_000)),
  run: async (ctx, _app, period) => {
    const day = dayOfPeriod(period);
    // the escalation ladder climbs in the day's transaction, as the job's system actor
    const escalate: AfterRating = async (tx) => {
      await proposeEscalations(tx, { ...ctx, db: tx }, day);
    };
    return { ...(await monitorDay(ctx.db, day, { afterRating: [...afterRating, escalate] })) };
  },
};
