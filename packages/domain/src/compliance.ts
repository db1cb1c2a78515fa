/**
 * The weekly quota 周督查 (SPEC §2.4): every contracting leader and task-force head checks project
 * progress on site at least `siteChecks` times and solves at least `solvedOnSite` problems on site per
 * ISO week (Monday–Sunday, Asia/Shanghai; defaults 2 and 1, per region in the settings). A problem
 * solved on site counts for whoever solved it, in a site check or at an on-site office meeting.
 * Weeks are written `YYYY-Www` (ISO 8601: the week with the year's first Thursday is week 1, so
 * 2027-01-01, a Friday, lies in 2026-W53 and 2024-12-30 in 2025-W01).
 */
import type { AccessActor } from './access.js';
import { hasAnyRole } from './access.js';
import { addDays, shanghaiDate } from './dates.js';

/** `YYYY-Www`, e.g. 2026-W53. */
export type IsoWeek = string;

const WEEK_RE = /^(\d{4})-W(\d{2})$/;

/** ISO weekday of a calendar date, 1 = Monday … 7 = Sunday. */
const isoDow = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

const pad = (n: number) => String(n).padStart(2, '0');

/** The ISO week a calendar date ('YYYY-MM-DD') lies in. */
export function isoWeekOfDate(date: string): IsoWeek {
  // the week's Thursday decides its year
  const thursday = addDays(date, 4 - isoDow(date));
  const year = Number(thursday.slice(0, 4));
  const jan1 = `${year}-01-01`;
  const dayOfYear = Math.round((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${jan1}T00:00:00Z`)) / 86_400_000);
  return `${year}-W${pad(Math.floor(dayOfYear / 7) + 1)}`;
}

/** The ISO week (Asia/Shanghai) the instant `at` lies in. */
export function isoWeekOf(at: Date): IsoWeek {
  return isoWeekOfDate(shanghaiDate(at));
}

/** 52 or 53: a year has 53 ISO weeks when 28 December's week is its 53rd. */
export function isoWeeksInYear(year: number): number {
  return isoWeekOfDate(`${year}-12-28`).endsWith('53') ? 53 : 52;
}

/** The week's year and number, or null when the text is no ISO week (bad form, week 0, week 53 of a 52-week year). */
export function parseIsoWeek(week: string): { year: number; week: number } | null {
  const m = WEEK_RE.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const n = Number(m[2]);
  if (year < 1900 || year > 2999 || n < 1 || n > isoWeeksInYear(year)) return null;
  return { year, week: n };
}

export const isIsoWeek = (week: string) => parseIsoWeek(week) !== null;

export interface WeekBounds {
  week: IsoWeek;
  /** Monday and Sunday, Asia/Shanghai calendar dates. */
  monday: string;
  sunday: string;
  /** Monday 00:00 Asia/Shanghai (inclusive) to the next Monday 00:00 (exclusive). */
  start: Date;
  end: Date;
}

/** Monday to Sunday of an ISO week, as dates and as the instants that bound it in Asia/Shanghai. */
export function weekBounds(week: IsoWeek): WeekBounds {
  const p = parseIsoWeek(week);
  if (!p) throw new RangeError(`not an ISO week: ${week}`);
  // 4 January is always in week 1
  const jan4 = `${p.year}-01-04`;
  const monday = addDays(jan4, 1 - isoDow(jan4) + 7 * (p.week - 1));
  return {
    week,
    monday,
    sunday: addDays(monday, 6),
    start: new Date(`${monday}T00:00:00+08:00`),
    end: new Date(`${addDays(monday, 7)}T00:00:00+08:00`),
  };
}

/** The week `n` weeks after `week` (negative: before). */
export function addWeeks(week: IsoWeek, n: number): IsoWeek {
  return isoWeekOfDate(addDays(weekBounds(week).monday, 7 * n));
}

/** The `count` weeks ending with `to`, oldest first. */
export function weeksEndingWith(to: IsoWeek, count: number): IsoWeek[] {
  return [...Array(count).keys()].map((i) => addWeeks(to, i - count + 1));
}

// ── The rule ──

export type CompliancePersonType = 'leader' | 'task_force_head';

/** Someone the quota applies to: a contracting leader (by leaders.id) or a task-force head (by users.id). */
export interface QuotaPerson {
  personType: CompliancePersonType;
  personId: number;
  name: string;
}

/** A site check: counted for its leader, or for the account that logged it when that is a task-force head. */
export interface QuotaCheck {
  leaderId: number | null;
  userId: number | null;
  checkedAt: Date;
}

/** A problem solved on site, in a site check or at an on-site office meeting. */
export interface QuotaSolution {
  solvedByLeaderId: number | null;
  solvedByUserId: number | null;
  solvedAt: Date;
}

export interface Quota {
  siteChecks: number;
  solvedOnSite: number;
}

export interface ComplianceRow extends QuotaPerson {
  siteChecks: number;
  solvedOnSite: number;
  met: boolean;
}

/** Whether a record by (leaderId, userId) belongs to the person. */
function isOf(person: QuotaPerson, leaderId: number | null, userId: number | null): boolean {
  return person.personType === 'leader' ? leaderId === person.personId : leaderId === null && userId === person.personId;
}

export const quotaMet = (siteChecks: number, solvedOnSite: number, quota: Quota) =>
  siteChecks >= quota.siteChecks && solvedOnSite >= quota.solvedOnSite;

/**
 * The week's rows, one per person (also those with nothing), in ranking order: met first, then more
 * problems solved, more checks, then name. Only records whose instant lies in the week count; a
 * check or solution `until` a cut-off (exclusive) when given, so a week read on a past day counts
 * only what had happened by then.
 */
export function weeklyCompliance(
  week: IsoWeek,
  people: readonly QuotaPerson[],
  checks: readonly QuotaCheck[],
  solutions: readonly QuotaSolution[],
  quota: Quota,
  until?: Date,
): ComplianceRow[] {
  const { start, end } = weekBounds(week);
  const stop = until && until < end ? until : end;
  const inWeek = (at: Date) => at >= start && at < stop;
  const wChecks = checks.filter((c) => inWeek(c.checkedAt));
  const wSolved = solutions.filter((s) => inWeek(s.solvedAt));
  return people
    .map((p): ComplianceRow => {
      const siteChecks = wChecks.filter((c) => isOf(p, c.leaderId, c.userId)).length;
      const solvedOnSite = wSolved.filter((s) => isOf(p, s.solvedByLeaderId, s.solvedByUserId)).length;
      return { ...p, siteChecks, solvedOnSite, met: quotaMet(siteChecks, solvedOnSite, quota) };
    })
    .sort(
      (a, b) =>
        Number(b.met) - Number(a.met) ||
        b.solvedOnSite - a.solvedOnSite ||
        b.siteChecks - a.siteChecks ||
        a.name.localeCompare(b.name, 'zh-CN') ||
        a.personType.localeCompare(b.personType) ||
        a.personId - b.personId,
    );
}

/** Met / total as a fraction 0–1; null when nobody is listed. */
export const complianceRate = (met: number, total: number): number | null => (total === 0 ? null : met / total);

/**
 * Who reads the compliance table: the region's office, supervisor, viewer and admin, and leaders —
 * the whole region's table, as the article makes it a public ranking among leaders (晾晒). Units and
 * enterprises do not (403).
 */
export const canReadCompliance = (actor: Pick<AccessActor, 'roles'>) =>
  hasAnyRole(actor, 'office', 'supervisor', 'viewer', 'admin', 'leader');
