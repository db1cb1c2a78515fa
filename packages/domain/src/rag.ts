/**
 * Supervision colours 三色督办 (SPEC §2.5, issue 11): a project's colour computed from its records, with
 * every reason naming its rule, the measured value, the threshold and the records behind it. Pure: the
 * facts come in already loaded, time comes in as `asOf`.
 *
 * The rules are data (`RagRuleSet`), so a region's rule set can later be stored, versioned and previewed;
 * `defaultRagRules` holds the defaults, drawn from the practice of district supervision bureaus:
 *
 * | rule | yellow | red |
 * | --- | --- | --- |
 * | milestone_slip | a node not finished yet forecast to finish > 0 days after its baseline | > 30 days, or > 20 % of the node's duration once the slip is over 14 days (a short node's week is not red) |
 * | investment_behind | the annual plan's completed share behind the year's elapsed share (时序进度) by > 10 points | > 25 points |
 * | ledger_overdue | ≥ 1 item past its deadline (recurring items never are) | ≥ 3, or any > 30 days overdue |
 * | decision_overdue | ≥ 1 open meeting decision past its deadline | ≥ 3, or any > 30 days overdue |
 * | stage_deadline_missed | — | signed but not started by the planned start date; started but not completed by the planned completion date |
 * | problem_overdue | ≥ 1 open problem past its deadline | any > 30 days overdue |
 * | leader_quota_shortfall | the contracting leader missed last week's site-check quota | — |
 * | supervision_overdue | ≥ 1 supervision item 督办事项 not accepted past its deadline (not from a decision: decision_overdue counts those) | ≥ 3, or any > 30 days overdue |
 *
 * The project's colour is the worst reason's; a green project has no reasons.
 *
 * Left out for now: the hysteresis of the issue ("a project red for missing a month's target stays red
 * until it catches up, then yellow before green"). It needs the colour of the days before, i.e. the colour
 * history the daily job will write (ADR 0010); `ragFor` rates one day from that day's records only.
 */
import type { DecisionStatus, LedgerStatus, ProblemStatus, Rag, RagRule, Stage } from '@kpc/contracts';
import { ragRules } from '@kpc/contracts';
import { daysBetween, yearElapsedShare } from './dates.js';
import { isLedgerItemOverdue } from './ledger.js';
import { isDecisionOverdue } from './meetings.js';
import { isProblemOverdue } from './problems.js';

// ---- the rule set --------------------------------------------------------------------------------

/** Overdue records: yellow from `yellowCount` items, red from `redCount` items or any more than `redDays` overdue. */
export interface OverdueThresholds {
  yellowCount: number;
  /** null: the count alone never makes it red. */
  redCount: number | null;
  redDays: number;
}

export interface RagRuleSet {
  /** Slip in calendar days of a node's forecast finish against its baseline finish. */
  milestone_slip: { yellowDays: number; redDays: number; redShareOfDuration: number; redShareMinDays: number };
  /** Percentage points the plan's completed share lags the year's elapsed share. */
  investment_behind: { yellowPoints: number; redPoints: number };
  ledger_overdue: OverdueThresholds;
  decision_overdue: OverdueThresholds;
  /** Days past the planned start / completion date allowed before it counts (red). */
  stage_deadline_missed: { graceDays: number };
  problem_overdue: OverdueThresholds;
  /** The colour a missed quota of last week gives. */
  leader_quota_shortfall: { rag: Exclude<Rag, 'green'> };
  /** Optional in a stored set: one saved before this rule existed reads the default. */
  supervision_overdue: OverdueThresholds;
}

export const defaultRagRules: RagRuleSet = {
  milestone_slip: { yellowDays: 0, redDays: 30, redShareOfDuration: 0.2, redShareMinDays: 14 },
  investment_behind: { yellowPoints: 10, redPoints: 25 },
  ledger_overdue: { yellowCount: 1, redCount: 3, redDays: 30 },
  decision_overdue: { yellowCount: 1, redCount: 3, redDays: 30 },
  stage_deadline_missed: { graceDays: 0 },
  problem_overdue: { yellowCount: 1, redCount: null, redDays: 30 },
  leader_quota_shortfall: { rag: 'yellow' },
  supervision_overdue: { yellowCount: 1, redCount: 3, redDays: 30 },
};

// ---- the facts -----------------------------------------------------------------------------------

export interface RagProjectFacts {
  id: number;
  code: string;
  name: string;
  stage: Stage;
  contractDate: string | null;
  plannedStartDate: string | null;
  actualStartDate: string | null;
  plannedCompletionDate: string | null;
  actualCompletionDate: string | null;
}

export interface RagFacts {
  project: RagProjectFacts;
  /**
   * Nodes with their slip from schedule.ts `trackMilestones` (null without a baseline). A finished node
   * counts no more: its lateness lives on in its successors' forecasts, not in the node itself.
   */
  milestones: readonly { id: number; name: string; durationDays: number; slipDays: number | null; finished?: boolean }[];
  /** asOf's year: the annual plan and the approved investment through asOf's month (yuan); null without a plan. */
  investment: { annualPlan: number; completed: number } | null;
  ledgerItems: readonly { id: number; label: string; status: LedgerStatus; deadline: string | null }[];
  decisions: readonly { id: number; label: string; status: DecisionStatus; deadline: string }[];
  problems: readonly { id: number; label: string; status: ProblemStatus; deadline: string | null }[];
  /** The contracting leader's figures of the week before asOf's, when they fell short of the quota. */
  leaderShortfall: {
    leaderId: number;
    name: string;
    week: string;
    siteChecks: number;
    solvedOnSite: number;
    quota: { siteChecks: number; solvedOnSite: number };
  } | null;
  /**
   * The project's supervision items 督办事项 not accepted yet (supervision-items.ts), except those from a
   * meeting decision, whose lateness decision_overdue already counts. Absent: none.
   */
  supervisionItems?: readonly { id: number; label: string; deadline: string }[];
}

// ---- the result ----------------------------------------------------------------------------------

export type RagEntity = 'project' | 'milestone' | 'ledger_item' | 'decision' | 'problem' | 'leader' | 'supervision_item';
export interface RagRecordRef {
  entity: RagEntity;
  id: number;
  label: string;
}
export interface RagText {
  'zh-CN': string;
  en: string;
}
export interface RagReasonResult {
  rule: RagRule;
  rag: Exclude<Rag, 'green'>;
  message: RagText;
  value: number;
  threshold: number;
  records: RagRecordRef[];
}
export interface RagResult {
  rag: Rag;
  reasons: RagReasonResult[];
}

const rank: Record<Rag, number> = { green: 0, yellow: 1, red: 2 };
export const worseRag = (a: Rag, b: Rag): Rag => (rank[a] >= rank[b] ? a : b);
export const ragRank = (r: Rag): number => rank[r];

// ---- the rules -----------------------------------------------------------------------------------

function milestoneSlip(f: RagFacts, r: RagRuleSet['milestone_slip']): RagReasonResult | null {
  const colourOf = (m: RagFacts['milestones'][number]): Rag => {
    const s = m.slipDays;
    if (m.finished || s === null || s <= r.yellowDays) return 'green';
    if (s > r.redDays) return 'red';
    if (m.durationDays > 0 && s > r.redShareMinDays && s > r.redShareOfDuration * m.durationDays) return 'red';
    return 'yellow';
  };
  const late = f.milestones
    .map((m) => ({ m, rag: colourOf(m) }))
    .filter((x) => x.rag !== 'green')
    .sort((a, b) => rank[b.rag] - rank[a.rag] || b.m.slipDays! - a.m.slipDays! || a.m.id - b.m.id);
  if (!late.length) return null;
  const worst = late[0]!;
  const rag = worst.rag as Exclude<Rag, 'green'>;
  const days = worst.m.slipDays!;
  const threshold =
    rag === 'red'
      ? Math.min(r.redDays, Math.max(r.redShareMinDays, Math.floor(r.redShareOfDuration * worst.m.durationDays)))
      : r.yellowDays;
  const pct = worst.m.durationDays > 0 ? Math.round((days / worst.m.durationDays) * 100) : null;
  return {
    rule: 'milestone_slip',
    rag,
    value: days,
    threshold,
    message: {
      'zh-CN': `${late.length} 个节点滞后，最严重的「${worst.m.name}」预计比计划晚 ${days} 天完成${pct === null ? '' : `（占工期 ${pct}%）`}`,
      en: `${late.length} milestone${late.length > 1 ? 's' : ''} behind; the worst, "${worst.m.name}", is forecast to finish ${days} day${days > 1 ? 's' : ''} late${pct === null ? '' : ` (${pct} % of its duration)`}`,
    },
    records: late.map((x) => ({ entity: 'milestone', id: x.m.id, label: x.m.name })),
  };
}

function investmentBehind(f: RagFacts, r: RagRuleSet['investment_behind'], asOf: string): RagReasonResult | null {
  const inv = f.investment;
  if (!inv || inv.annualPlan <= 0) return null;
  const timeShare = yearElapsedShare(asOf) * 100;
  const doneShare = Math.min(100, (inv.completed / inv.annualPlan) * 100);
  const behind = Math.round((timeShare - doneShare) * 10) / 10;
  const rag: Rag = behind > r.redPoints ? 'red' : behind > r.yellowPoints ? 'yellow' : 'green';
  if (rag === 'green') return null;
  const t = Math.round(timeShare);
  const d = Math.round(doneShare);
  return {
    rule: 'investment_behind',
    rag,
    value: behind,
    threshold: rag === 'red' ? r.redPoints : r.yellowPoints,
    message: {
      'zh-CN': `年度投资完成 ${d}%，时序进度 ${t}%，落后 ${behind} 个百分点（超过 ${rag === 'red' ? r.redPoints : r.yellowPoints} 个百分点）`,
      en: `${d} % of the annual investment plan done with ${t} % of the year gone: ${behind} points behind (more than ${rag === 'red' ? r.redPoints : r.yellowPoints})`,
    },
    records: [{ entity: 'project', id: f.project.id, label: f.project.name }],
  };
}

interface OverdueRecord {
  id: number;
  label: string;
  days: number;
}

function overdueReason(
  rule: 'ledger_overdue' | 'decision_overdue' | 'problem_overdue' | 'supervision_overdue',
  entity: RagEntity,
  items: OverdueRecord[],
  r: OverdueThresholds,
  what: { zh: string; en: string },
): RagReasonResult | null {
  if (!items.length || items.length < r.yellowCount) return null;
  const sorted = [...items].sort((a, b) => b.days - a.days || a.id - b.id);
  const maxDays = sorted[0]!.days;
  const byCount = r.redCount !== null && items.length >= r.redCount;
  const byDays = maxDays > r.redDays;
  const rag = byCount || byDays ? 'red' : 'yellow';
  const n = items.length;
  let value: number;
  let threshold: number;
  let zh: string;
  let en: string;
  if (rag === 'red' && byDays) {
    value = maxDays;
    threshold = r.redDays;
    zh = `${n} 项${what.zh}逾期，最长的「${sorted[0]!.label}」已逾期 ${maxDays} 天（超过 ${r.redDays} 天）`;
    en = `${n} ${what.en} overdue; the longest, "${sorted[0]!.label}", by ${maxDays} days (more than ${r.redDays})`;
  } else {
    value = n;
    threshold = rag === 'red' ? r.redCount! : r.yellowCount;
    zh = `${n} 项${what.zh}逾期${rag === 'red' ? `（达到 ${threshold} 项）` : ''}，最长的「${sorted[0]!.label}」已逾期 ${maxDays} 天`;
    en = `${n} ${what.en} overdue${rag === 'red' ? ` (${threshold} or more)` : ''}; the longest, "${sorted[0]!.label}", by ${maxDays} day${maxDays > 1 ? 's' : ''}`;
  }
  return {
    rule,
    rag,
    value,
    threshold,
    message: { 'zh-CN': zh, en },
    records: sorted.map((x) => ({ entity, id: x.id, label: x.label })),
  };
}

const NOT_STARTED: readonly Stage[] = ['planned', 'signed'];
const NOT_COMPLETED: readonly Stage[] = ['started', 'building'];

function stageDeadlineMissed(f: RagFacts, r: RagRuleSet['stage_deadline_missed'], asOf: string): RagReasonResult | null {
  const p = f.project;
  const misses: { zh: string; en: string; days: number }[] = [];
  const signed = p.contractDate !== null || p.stage === 'signed';
  if (signed && NOT_STARTED.includes(p.stage) && !p.actualStartDate && p.plannedStartDate) {
    const days = daysBetween(p.plannedStartDate, asOf);
    if (days > r.graceDays)
      misses.push({
        days,
        zh: `已签约未开工：计划 ${p.plannedStartDate} 开工，已过 ${days} 天`,
        en: `Signed but not started: planned to start on ${p.plannedStartDate}, ${days} days ago`,
      });
  }
  if (NOT_COMPLETED.includes(p.stage) && !p.actualCompletionDate && p.plannedCompletionDate) {
    const days = daysBetween(p.plannedCompletionDate, asOf);
    if (days > r.graceDays)
      misses.push({
        days,
        zh: `已开工未竣工：计划 ${p.plannedCompletionDate} 竣工，已过 ${days} 天`,
        en: `Started but not completed: planned completion on ${p.plannedCompletionDate}, ${days} days ago`,
      });
  }
  if (!misses.length) return null;
  return {
    rule: 'stage_deadline_missed',
    rag: 'red',
    value: Math.max(...misses.map((m) => m.days)),
    threshold: r.graceDays,
    message: { 'zh-CN': misses.map((m) => m.zh).join('；'), en: misses.map((m) => m.en).join('; ') },
    records: [{ entity: 'project', id: p.id, label: p.name }],
  };
}

function leaderQuota(f: RagFacts, r: RagRuleSet['leader_quota_shortfall']): RagReasonResult | null {
  const s = f.leaderShortfall;
  if (!s) return null;
  // the figure that fell short: the site checks, or else the problems solved on site
  const checksShort = s.siteChecks < s.quota.siteChecks;
  return {
    rule: 'leader_quota_shortfall',
    rag: r.rag,
    value: checksShort ? s.siteChecks : s.solvedOnSite,
    threshold: checksShort ? s.quota.siteChecks : s.quota.solvedOnSite,
    message: {
      'zh-CN': `包联领导${s.name}上周（${s.week}）督查 ${s.siteChecks} 次、现场解决问题 ${s.solvedOnSite} 个，未达到每周 ${s.quota.siteChecks} 次、${s.quota.solvedOnSite} 个的要求`,
      en: `Contracting leader ${s.name} made ${s.siteChecks} site check${s.siteChecks === 1 ? '' : 's'} and solved ${s.solvedOnSite} problem${s.solvedOnSite === 1 ? '' : 's'} on site last week (${s.week}), short of the weekly ${s.quota.siteChecks} and ${s.quota.solvedOnSite}`,
    },
    records: [{ entity: 'leader', id: s.leaderId, label: s.name }],
  };
}

/**
 * The project's colour on `asOf` from its facts under `rules`: the worst reason's colour, green without
 * reasons. Reasons come worst first, then in the order of `ragRules`.
 */
export function ragFor(facts: RagFacts, rules: RagRuleSet, asOf: string): RagResult {
  const overdueDays = (deadline: string) => daysBetween(deadline, asOf);
  const reasons = [
    milestoneSlip(facts, rules.milestone_slip),
    investmentBehind(facts, rules.investment_behind, asOf),
    overdueReason(
      'ledger_overdue',
      'ledger_item',
      facts.ledgerItems
        .filter((i) => isLedgerItemOverdue(i, asOf))
        .map((i) => ({ id: i.id, label: i.label, days: overdueDays(i.deadline!) })),
      rules.ledger_overdue,
      { zh: '台账事项', en: 'ledger items' },
    ),
    overdueReason(
      'decision_overdue',
      'decision',
      facts.decisions
        .filter((d) => isDecisionOverdue(d, asOf))
        .map((d) => ({ id: d.id, label: d.label, days: overdueDays(d.deadline) })),
      rules.decision_overdue,
      { zh: '议定事项', en: 'meeting decisions' },
    ),
    stageDeadlineMissed(facts, rules.stage_deadline_missed, asOf),
    overdueReason(
      'problem_overdue',
      'problem',
      facts.problems
        .filter((p) => isProblemOverdue(p, asOf))
        .map((p) => ({ id: p.id, label: p.label, days: overdueDays(p.deadline!) })),
      rules.problem_overdue,
      { zh: '问题', en: 'problems' },
    ),
    leaderQuota(facts, rules.leader_quota_shortfall),
    overdueReason(
      'supervision_overdue',
      'supervision_item',
      (facts.supervisionItems ?? [])
        .filter((i) => i.deadline < asOf)
        .map((i) => ({ id: i.id, label: i.label, days: overdueDays(i.deadline) })),
      rules.supervision_overdue,
      { zh: '督办事项', en: 'supervision items' },
    ),
  ].filter((x): x is RagReasonResult => x !== null);
  reasons.sort((a, b) => rank[b.rag] - rank[a.rag] || ragRules.indexOf(a.rule) - ragRules.indexOf(b.rule));
  return { rag: reasons.reduce<Rag>((c, x) => worseRag(c, x.rag), 'green'), reasons };
}
