/**
 * Demo meetings, site checks, problems and leader instructions of 召陵区 (SPEC §2.4, the article's
 * "周例会 + 现场办公"): 共召开重点项目建设周例会和现场办公会 61 次，解决问题 113 个. Deterministic for a
 * given day and laid relative to it, the way demo.ts lays the investment figures:
 *
 * - **This year** means what the dashboard counts: 1 January of the load date's year up to the load
 *   date (both Asia/Shanghai calendar dates). Nothing from the article's reporting period is counted
 *   across the turn of the year: a meeting or a problem dated last year never counts.
 * - **The reporting period** is the last 12 ISO weeks up to today, clipped to 1 January. The four
 *   weekly series meet in it (项目建设 Monday, 要素保障 Tuesday, 招商引资 Wednesday, 重点工作 Thursday:
 *   at most 12 × 4 = 48), and on-site office meetings 现场办公会 fill it up to exactly
 *   {@link MEETINGS_HELD} held meetings, spread evenly over its days. Early in the year the period is
 *   short: on 10 February it runs from 1 January (41 days, 23 weekly meetings and 38 on-site ones, about
 *   one a day — 24 leaders hold them at their projects). **On 1 January** the period is that one day,
 *   so all 61 meetings and all 113 solved problems fall on it, as the investment demo's 17 signings all
 *   fall on 1 January then; a held meeting is never later than the moment the demo is loaded.
 *   Three weekly meetings of last December are held last year and do not count; two are planned ahead.
 * - **Site checks** cover the last 12 ISO weeks (not clipped: the heat map reaches into last year).
 *   The quota (≥ 2 checks and ≥ 1 problem solved on site per ISO week) is met by
 *   {@link QUOTA_MET_BY_WEEK}[w] of the 24 contracting leaders w weeks back: most of them in the last
 *   three complete weeks (14, 13, 13 of 24), fewer before, as the quota took hold. Not all weeks can have a
 *   majority: 24 leaders × 12 weeks at one problem each would be 288 problems solved on site, far
 *   beyond the article's 113 for a whole year (a load date in December has all 12 weeks in the year).
 *   The others check twice without solving anything, once, or not at all. A problem solved at an
 *   on-site office meeting counts for its chair, who is always a leader already meeting the quota that
 *   week, so the met counts stay as listed. No task-force head has an account of their own (leader1
 *   heads their projects' task forces), so only leaders are in the table.
 * - **Problems**: those solved on site in this year's checks and meetings, plus as many solved off site
 *   (at weekly meetings, by the units) spread over [1 January, today], make exactly
 *   {@link PROBLEMS_SOLVED} resolved or verified with `resolvedOn` in this year; some more were
 *   resolved last year; 30 are still open, in progress, escalated or overdue, across all categories.
 * - Decisions 议定事项 of every held meeting fall due after it: most past ones done or verified, some
 *   open past their deadline (overdue). Leader instructions with and without replies, some overdue.
 */
import { addDays, daysBetween, shanghaiDate } from '@kpc/domain';
import type { DecisionStatus, InstructionStatus, ProblemCategory, ProblemSource, ProblemStatus, Stage } from '@kpc/contracts';
import type { Tx } from '../client.js';
import type { Clock } from '../../lib/clock.js';
import {
  decisions,
  instructionReplies,
  instructions,
  leaders,
  meetingAgendaItems,
  meetings,
  meetingSeries,
  problems,
  projects,
  siteChecks,
  units,
  users,
} from '../schema/index.js';
import { demoLeaders, LEADER1_INDEX } from './demo-data.js';

/** The article's figures: meetings held and problems solved this year, on a fresh start. */
/**
 * Projects whose meeting decisions are all done by their deadline: with nothing else late they are the
 * demo's green projects on the colour map (issue 11), beside the yellow and red ones.
 */
export const WELL_RUN = new Set(['ZL-2026-008', 'ZL-2026-014', 'ZL-2026-017', 'ZL-2026-032']);
export const MEETINGS_HELD = 61;
export const PROBLEMS_SOLVED = 113;
/** Weeks of site checks, and the length of the meetings' reporting period. */
export const WINDOW_WEEKS = 12;
/** Leaders (of 24) meeting the weekly quota w ISO weeks back (0 = this week, 1 = the last complete week). */
export const QUOTA_MET_BY_WEEK = [12, 14, 13, 13, 10, 8, 7, 5, 4, 3, 2, 1] as const;
const LEADERS = 24;

/** The four weekly series: name, chair (index into demoLeaders), weekday (1 = Monday), time, room. */
export const demoSeries: readonly { name: string; chair: number; weekday: number; time: string; place: string }[] = [
  { name: '项目建设周例会', chair: 1, weekday: 1, time: '08:30', place: '区政府三楼第一会议室' },
  { name: '要素保障周例会', chair: 5, weekday: 2, time: '15:00', place: '区政府三楼第二会议室' },
  { name: '招商引资周例会', chair: 11, weekday: 3, time: '15:00', place: '区商务局五楼会议室' },
  { name: '重点工作周例会', chair: 0, weekday: 4, time: '08:30', place: '区委常委会议室' },
];

/** A small deterministic generator (as demo-ledger.ts), seeded by a fixed string: same texts on every load. */
function rng(seed: string) {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return (h >>> 0) / 4294967296;
  };
}
const hash = (s: string) => Math.floor(rng(s)() * 1_000_000);

/** ISO weekday, 1 = Monday … 7 = Sunday. */
const isoDow = (d: string) => ((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
/** The Monday of the ISO week `d` lies in. */
export const isoMonday = (d: string) => addDays(d, 1 - isoDow(d));

// ── The calendar: dates only, so it can be checked for every day of a year without a database ──

export interface DemoCheck {
  leader: number;
  /** ISO weeks back from this week. */
  week: number;
  date: string;
  slot: number;
  solves: boolean;
}
export interface DemoCalendar {
  yearStart: string;
  windowStart: string;
  weekly: { series: number; date: string; n: number }[];
  onsite: { date: string; k: number; chair: number; solves: boolean }[];
  lastYear: { series: number; date: string }[];
  planned: { series: number | null; date: string }[];
  checks: DemoCheck[];
  /** Leaders meeting the quota per week back (by their checks). */
  metByWeek: number[][];
  /** resolvedOn of the problems solved off site this year. */
  solvedOffSite: string[];
}

/** Leaders in a week's order: the first QUOTA_MET_BY_WEEK[w] meet the quota. */
function weekOrder(week: number): number[] {
  return [...Array(LEADERS).keys()].sort((a, b) => hash(`q${week}-${a}`) - hash(`q${week}-${b}`) || a - b);
}

export function demoCalendar(today: string): DemoCalendar {
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const monday = isoMonday(today);
  const firstMonday = addDays(monday, -7 * (WINDOW_WEEKS - 1));
  const windowStart = firstMonday > yearStart ? firstMonday : yearStart;

  const weekly: DemoCalendar['weekly'] = [];
  const seq = [0, 0, 0, 0];
  for (let w = WINDOW_WEEKS - 1; w >= 0; w--)
    demoSeries.forEach((s, i) => {
      const date = addDays(monday, -7 * w + s.weekday - 1);
      if (date >= windowStart && date <= today) weekly.push({ series: i, date, n: ++seq[i]! });
    });

  // site checks: met leaders check 2 or 3 times and solve one problem in their first check
  const checks: DemoCheck[] = [];
  const metByWeek: number[][] = [];
  for (let w = 0; w < WINDOW_WEEKS; w++) {
    const mon = addDays(monday, -7 * w);
    const order = weekOrder(w);
    const met = order.slice(0, QUOTA_MET_BY_WEEK[w]);
    metByWeek.push(met);
    order.forEach((leader, rank) => {
      const h = hash(`c${w}-${leader}`);
      let days: number[];
      let solves = false;
      if (rank < QUOTA_MET_BY_WEEK[w]!) {
        days = h % 2 ? [0, 2, 4] : [1, 3];
        solves = true;
      } else days = [[1, 4], [2], [], [3]][h % 4]!; // twice without solving, once, not at all
      days.forEach((d, slot) => {
        const date = addDays(mon, d);
        if (date <= today) checks.push({ leader, week: w, date, slot, solves: solves && slot === 0 });
      });
    });
  }

  const n = MEETINGS_HELD - weekly.length;
  const span = daysBetween(windowStart, today) + 1;
  const onsite = [...Array(n).keys()].map((k) => {
    const date = addDays(windowStart, Math.floor(((k + 0.5) * span) / n));
    const met = metByWeek[daysBetween(date, monday) > 0 ? Math.ceil(daysBetween(date, monday) / 7) : 0]!;
    return { date, k, chair: met[k % met.length]!, solves: k % 2 === 0 };
  });

  const onSiteThisYear =
    checks.filter((c) => c.solves && c.date >= yearStart).length + onsite.filter((m) => m.solves && m.date >= yearStart).length;
  const offSite = PROBLEMS_SOLVED - onSiteThisYear;
  if (offSite < 5) throw new Error(`demo data: ${onSiteThisYear} problems solved on site this year leaves too few others`);
  const yearSpan = daysBetween(yearStart, today) + 1;
  const solvedOffSite = [...Array(offSite).keys()].map((i) => addDays(yearStart, Math.floor(((i + 0.5) * yearSpan) / offSite)));

  return {
    yearStart,
    windowStart,
    weekly,
    onsite,
    lastYear: [0, 1, 2].map((i) => ({ series: i % 4, date: addDays(yearStart, -1 - 7 * i) })),
    planned: [
      { series: 0, date: addDays(monday, 7) },
      { series: null, date: addDays(monday, 9) },
    ],
    checks,
    metByWeek,
    solvedOffSite,
  };
}

// ── Texts ──

/** What comes up, by category: [description, how it was solved]. Land, funding and planning most often, as the article says. */
const problemTexts: Record<ProblemCategory, [string, string][]> = {
  land: [
    ['项目用地土地征收组卷报批未完成，影响挂牌出让', '区自然资源局专人对接市局，完成组卷报批并发布挂牌公告'],
    ['二期用地新增建设用地计划指标不足', '按照“有限指标保重点”原则，从全区指标中优先调剂保障到位'],
    ['地块涉及少量永久基本农田，用地预审受阻', '结合国土空间规划核实处置，调整地块边界后通过预审'],
    ['土地出让价款分期缴纳方案未明确', '财政、自然资源部门联合研究，明确分两期缴纳并签订补充协议'],
    ['设施农用地备案材料不全，备案进度滞后', '乡镇帮办代办，补齐村民代表会议纪要后完成备案'],
    ['项目红线外临时堆场用地未落实', '协调相邻村组临时租用土地，签订复垦承诺书'],
  ],
  funding: [
    ['项目资本金到位不足，银行授信审批进度慢', '召开银企对接会，协调农发行完成项目授信并首笔放款'],
    ['专项债券资金拨付滞后，影响工程进度款支付', '区财政局开辟绿色通道，专项债券资金三日内拨付到位'],
    ['企业流动资金紧张，设备采购款存在缺口', '协调“科技贷”“税融通”贷款，缓解设备采购资金压力'],
    ['中央预算内投资申报材料不齐全', '区发改委帮办，补充可研批复及资金申请报告后按期申报'],
    ['工程款结算审核周期长，施工单位垫资压力大', '财政评审中心压缩审核时限，先行拨付进度款的八成'],
  ],
  planning: [
    ['规划设计方案容积率与控规指标不符', '召开规委会专题会，审议通过规划方案调整'],
    ['厂区出入口与规划道路衔接未明确', '自然资源、交通部门现场踏勘，明确出入口位置及开口宽度'],
    ['项目红线内有规划道路穿越，需优化路网', '优化片区路网规划，调整规划道路走向，完成规划公示'],
    ['建设工程规划许可证办理所需总平面图需修改', '设计单位现场驻点修改，规划部门一次性告知后当日审核通过'],
  ],
  permit: [
    ['施工图审查未完成，施工许可无法办理', '实行容缺受理，先行核发施工许可，承诺期内补齐图审'],
    ['消防设计审查意见整改未闭合', '住建部门组织专家现场指导，整改后通过消防设计审查'],
    ['节能审查手续办理缓慢', '发改部门提前介入，并联办理节能审查，五个工作日内出具意见'],
    ['项目备案信息变更需重新办理', '在线变更备案，当日办结'],
  ],
  utilities: [
    ['施工临时用电容量不足，需新装变压器', '供电公司开辟专线，新装800千伏安箱式变压器并送电'],
    ['天然气管道接入点距离远，配套费未明确', '燃气公司优化接入方案，明确配套费标准并开工铺设'],
    ['供水管网未接入项目红线，影响试生产', '区水利局协调供水公司敷设DN300管道，按期通水'],
    ['35千伏专线架设路径涉及多个村组', '乡镇逐村协调，确定架设路径并完成杆塔基础施工'],
  ],
  demolition: [
    ['地块内3户群众房屋尚未搬迁，影响场地平整', '镇村干部包户做工作，完成签约腾房并拆除'],
    ['高压线迁改涉及多方，迁改方案未确定', '召开专题协调会，明确迁改方案和费用分担，启动施工'],
    ['地上附着物清表补偿标准有争议', '乡镇会同农业农村部门复核清点，按标准兑付补偿款'],
    ['坟墓迁移工作推进缓慢', '村组干部逐户走访，完成迁移并兑付补偿'],
  ],
  environment: [
    ['环评报告需补充大气环境影响预测', '生态环境分局上门指导，补充预测章节后受理审批'],
    ['施工扬尘治理不达标，被上级督导通报', '落实“六个百分之百”措施，整改后通过复查'],
    ['排污总量指标未落实', '通过区域内削减替代调剂总量指标'],
  ],
  other: [
    ['施工用工短缺，熟练技术工人不足', '人社部门组织专场招聘会，解决用工120人'],
    ['渣土运输车辆通行证办理难', '城管、交警联合服务，当日办理通行证'],
    ['周边群众反映夜间施工噪音', '调整施工时段，设置隔音围挡，做好群众解释工作'],
  ],
};
const categoryWeights: [ProblemCategory, number][] = [
  ['land', 24],
  ['funding', 21],
  ['planning', 16],
  ['permit', 10],
  ['utilities', 9],
  ['demolition', 8],
  ['environment', 7],
  ['other', 5],
];
/** 100 slots by weight, dealt with a stride coprime to 100: any 100 problems in a row have exactly the weights. */
const categoryDeck = categoryWeights.flatMap(([c, w]) => Array<ProblemCategory>(w).fill(c));
/** The unit usually responsible for a category; null: the project's lead unit. */
const categoryUnit: Record<ProblemCategory, string | null> = {
  land: '区自然资源局',
  funding: '区财政局',
  planning: '区自然资源局',
  permit: '区住建局',
  utilities: '区发改委',
  demolition: null,
  environment: '区生态环境分局',
  other: null,
};

const agendaNotes = [
  '汇报项目建设进度，对照任务清单逐项过堂，研究制约因素',
  '研究项目用地、资金、用电等要素保障问题',
  '通报签约项目履约情况，推动早开工、早投产',
  '通报项目台账、议定事项及上级督导反馈问题落实情况',
];
const stageNotes: Partial<Record<Stage, string>> = {
  signed: '已签约，正在办理用地及前期手续',
  started: '已开工，场地平整及桩基施工',
  building: '主体结构施工，按倒排工期推进',
  completed: '竣工验收及设备调试',
  producing: '试生产，配套工程收尾',
  at_target: '已达产达效，谋划技改扩能',
};
const decisionTexts: [content: string, unit: string | null][] = [
  ['10日内完成项目用地组卷报批，确保按期摘牌', '区自然资源局'],
  ['本月底前拨付专项债券资金，保障工程进度款', '区财政局'],
  ['一周内完成施工图审查并核发施工许可证', '区住建局'],
  ['协调供电公司完成施工临时用电增容', '区发改委'],
  ['完成剩余户征迁签约，按期交付净地', null],
  ['指导企业完善环评报告，尽快报批', '区生态环境分局'],
  ['跟进企业二期投资协议签订，明确开工时限', '区商务局'],
  ['倒排工期，增加作业面和施工人员，确保节点目标', null],
  ['对议定事项落实情况跟踪督办，每周通报', '区督查局'],
  ['规委会专题研究规划方案调整事项', '区自然资源局'],
];
const findings = [
  '现场施工有序，作业人员约120人，机械设备12台',
  '主体结构施工正常，安全文明施工措施落实到位',
  '场地平整基本完成，临建已搭设',
  '设备基础施工中，部分设备已到场',
  '现场扬尘防治措施需加强，已要求整改',
  '施工进度滞后于计划节点，要求增加作业班组',
  '配套道路及管网施工中',
];
const instructionTexts = [
  '请加快推进，确保按节点完成，办理结果报我。',
  '要素保障要跟着项目走，请专题研究，一周内拿出解决方案。',
  '此事已拖延较久，请督查局跟踪督办，逾期严肃问责。',
  '请主动对接上级部门，争取政策和资金支持。',
  '请现场办公解决，不能影响项目开工。',
  '请牵头单位会同相关部门研究，本周内回复。',
];

// ── Inserting the records ──

export async function seedMeetings(tx: Tx, clock: Clock): Promise<void> {
  const now = clock.now();
  const today = shanghaiDate(now);
  const cal = demoCalendar(today);
  const rand = rng('meetings');

  /** hh:mm in Asia/Shanghai on `date`, held by now: never later than now, never before the day began. */
  const held = (date: string, hhmm: string, k = 0): Date => {
    if (date > today) return now;
    const t = new Date(`${date}T${hhmm}:00+08:00`);
    if (t <= now) return t;
    return new Date(Math.max(new Date(`${date}T00:00:00+08:00`).getTime(), now.getTime() - 60_000 * (1 + (k % 60))));
  };
  const ahead = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);

  const REGION = '411104';
  const leaderRows = await tx.select({ id: leaders.id, name: leaders.name }).from(leaders);
  const leaderByName = new Map(leaderRows.map((l) => [l.name, l.id]));
  const lid = (i: number) => leaderByName.get(demoLeaders[i]![0])!;
  const leaderIndex = new Map(demoLeaders.map(([name], i) => [leaderByName.get(name)!, i]));
  const unitRows = await tx.select({ id: units.id, shortName: units.shortName }).from(units);
  const unitId = new Map(unitRows.map((u) => [u.shortName!, u.id]));
  const userRows = await tx.select({ id: users.id, username: users.username, unitId: users.unitId }).from(users);
  const uidOf = (name: string) => userRows.find((u) => u.username === name)?.id ?? null;
  const officeId = uidOf('office');
  const supervisorId = uidOf('supervisor');
  const leader1User = uidOf('leader1');
  const unitUser = new Map<number, number>();
  for (const u of userRows)
    if (u.unitId !== null && !unitUser.has(u.unitId) && u.username !== 'office' && u.username !== 'supervisor')
      unitUser.set(u.unitId, u.id);
  unitUser.set(unitId.get('区工信局')!, uidOf('unit1')!);
  const projectRows = (
    await tx
      .select({
        id: projects.id,
        code: projects.code,
        name: projects.name,
        stage: projects.stage,
        leaderId: projects.leaderId,
        leadUnitId: projects.leadUnitId,
        location: projects.location,
        lat: projects.lat,
        lng: projects.lng,
      })
      .from(projects)
  ).sort((a, b) => a.id - b.id);
  const projectsOf = (leader: number) => projectRows.filter((p) => p.leaderId === lid(leader));
  const byStage = (...s: Stage[]) => projectRows.filter((p) => s.includes(p.stage));
  const seriesProjects = [
    byStage('started', 'building', 'completed'),
    byStage('signed', 'started', 'building'),
    byStage('signed', 'started', 'planned'),
    projectRows,
  ];

  // Series
  const seriesRows = await tx
    .insert(meetingSeries)
    .values(
      demoSeries.map((s, i) => ({
        regionCode: REGION,
        name: s.name,
        chairLeaderId: lid(s.chair),
        sortOrder: i + 1,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning({ id: meetingSeries.id });

  // Meetings: weekly and on-site, held (this year and last December) and planned
  type Laid = {
    kind: 'weekly' | 'onsite_office';
    series: number | null;
    date: string;
    time: string;
    held: boolean;
    title: string;
    chair: number;
    projects: typeof projectRows;
    solves?: boolean;
  };
  const laid: Laid[] = [];
  const weeklyOf = (series: number, date: string, n: number | null, isHeld: boolean): Laid => {
    const s = demoSeries[series]!;
    const list = seriesProjects[series]!.length ? seriesProjects[series]! : projectRows;
    const start = hash(`${series}-${date}`) % list.length;
    const chosen = [0, 1, 2].map((j) => list[(start + j * 5) % list.length]!).filter((p, i, a) => a.indexOf(p) === i);
    const y = Number(date.slice(0, 4));
    return {
      kind: 'weekly',
      series,
      date,
      time: s.time,
      held: isHeld,
      title: n === null ? `${y}年${s.name}（${date.slice(5).replace('-', '月')}日）` : `${y}年第${n}次${s.name}`,
      chair: s.chair,
      projects: chosen,
    };
  };
  for (const m of cal.lastYear) laid.push(weeklyOf(m.series, m.date, null, true));
  for (const m of cal.weekly) laid.push(weeklyOf(m.series, m.date, m.n, true));
  for (const m of cal.onsite) {
    const own = projectsOf(m.chair);
    const p = own[m.k % own.length]!;
    laid.push({
      kind: 'onsite_office',
      series: null,
      date: m.date,
      time: m.k % 2 ? '15:30' : '10:00',
      held: true,
      title: `${p.name}现场办公会`,
      chair: m.chair,
      projects: [p],
      solves: m.solves,
    });
  }
  for (const m of cal.planned) {
    if (m.series !== null) laid.push(weeklyOf(m.series, m.date, null, false));
    else {
      const p = projectRows[hash(m.date) % projectRows.length]!;
      laid.push({
        kind: 'onsite_office',
        series: null,
        date: m.date,
        time: '10:00',
        held: false,
        title: `${p.name}现场办公会`,
        chair: leaderIndex.get(p.leaderId!) ?? 0,
        projects: [p],
      });
    }
  }
  laid.sort((a, b) => (a.date + a.time).localeCompare(b.date + b.time));

  const meetingRows = await tx
    .insert(meetings)
    .values(
      laid.map((m, i) => {
        const startsAt = m.held ? held(m.date, m.time, i) : ahead(m.date, m.time);
        const names = m.projects.map((p) => p.name).join('、');
        const unitIds = [...new Set([...m.projects.map((p) => p.leadUnitId!), unitId.get('区发改委')!, unitId.get('区督查局')!])];
        return {
          regionCode: REGION,
          kind: m.kind,
          seriesId: m.series === null ? null : seriesRows[m.series]!.id,
          title: m.title,
          status: m.held ? ('held' as const) : ('planned' as const),
          startsAt,
          place:
            m.kind === 'weekly'
              ? demoSeries[m.series!]!.place
              : `${m.projects[0]!.name}项目现场（${m.projects[0]!.location ?? ''}）`,
          siteProjectId: m.kind === 'onsite_office' ? m.projects[0]!.id : null,
          chairLeaderId: lid(m.chair),
          attendeeLeaderIds: [...new Set([lid(m.chair), ...m.projects.map((p) => p.leaderId!)])],
          attendeeUnitIds: unitIds,
          attendeePeople: m.kind === 'onsite_office' ? ['项目业主单位负责人', '施工单位项目经理'] : [],
          minutes: m.held
            ? m.kind === 'weekly'
              ? `会议听取了${names}进展情况汇报，逐项过堂任务清单，研究解决了项目推进中的土地、资金、规划等问题，明确了责任单位和完成时限。`
              : `会议在项目现场召开，查看了${names}建设情况，现场研究解决了项目推进中的困难和问题，明确了责任单位和完成时限。`
            : null,
          createdBy: officeId,
          createdAt: m.held ? startsAt : now,
          updatedAt: m.held ? startsAt : now,
        };
      }),
    )
    .returning({ id: meetings.id });
  const meetingId = laid.map((_, i) => meetingRows[i]!.id);

  await tx.insert(meetingAgendaItems).values(
    laid.flatMap((m, i) =>
      m.projects.map((p, j) => ({
        meetingId: meetingId[i]!,
        projectId: p.id,
        reasons: ['manual' as const],
        notes: `${stageNotes[p.stage] ?? '前期手续办理中'}；${agendaNotes[m.series ?? 0]}`,
        sortOrder: j + 1,
      })),
    ),
  );

  // Decisions of held meetings: one or two each, due one to four weeks later
  const decisionRows: (typeof decisions.$inferInsert)[] = [];
  laid.forEach((m, i) => {
    if (!m.held) return;
    const count = m.kind === 'weekly' ? 2 : 1 + (i % 2);
    for (let j = 0; j < count; j++) {
      const p = m.projects[j % m.projects.length]!;
      const [content, unit] = decisionTexts[hash(`d${i}-${j}`) % decisionTexts.length]!;
      const deadline = addDays(m.date, 7 + (hash(`dl${i}-${j}`) % 22));
      const r = rand();
      let status: DecisionStatus = 'open';
      if (deadline < today) status = r < 0.45 ? 'verified' : r < 0.8 || WELL_RUN.has(p.code) ? 'done' : 'open';
      else if (r < 0.25) status = 'done';
      const doneOn = status === 'open' ? null : minDate(addDays(deadline, -2 - (hash(`do${i}`) % 5)), today, m.date);
      const uId = unit ? unitId.get(unit)! : p.leadUnitId!;
      decisionRows.push({
        meetingId: meetingId[i]!,
        projectId: p.id,
        content: `${p.name}：${content}`,
        unitId: uId,
        ownerName: null,
        ownerUserId: unitUser.get(uId) ?? null,
        deadline,
        status,
        doneOn,
        doneNote: doneOn ? '已按期完成，佐证材料已报区项目办' : null,
        verifiedBy: status === 'verified' ? supervisorId : null,
        verifiedAt: status === 'verified' ? held(minDate(addDays(doneOn!, 2), today, doneOn!), '16:00') : null,
        createdAt: held(m.date, m.time),
        updatedAt: doneOn ? held(doneOn, '17:00') : held(m.date, m.time),
      });
    }
  });
  const decisionIds = await tx.insert(decisions).values(decisionRows).returning({
    id: decisions.id,
    status: decisions.status,
    deadline: decisions.deadline,
    projectId: decisions.projectId,
    unitId: decisions.unitId,
  });

  // Site checks
  const checkRows = cal.checks.map((c, i) => {
    const own = projectsOf(c.leader);
    const p = own[(c.week + c.slot) % own.length]!;
    const h = hash(`loc${i}`);
    const located = h % 12 > 1;
    const far = h % 17 === 0;
    const dLat = ((h % 7) - 3) * 0.0006 + (far ? 0.014 : 0);
    const dLng = (((h >> 3) % 7) - 3) * 0.0007;
    const lat = p.lat === null ? null : p.lat + dLat;
    const lng = p.lng === null ? null : p.lng + dLng;
    const distance =
      located && p.lat !== null && p.lng !== null
        ? Math.round(Math.hypot(dLat * 111_320, dLng * 111_320 * Math.cos((p.lat * Math.PI) / 180)))
        : null;
    return {
      c,
      project: p,
      row: {
        projectId: p.id,
        leaderId: lid(c.leader),
        userId: c.leader === LEADER1_INDEX ? leader1User : null,
        checkerName: demoLeaders[c.leader]![0],
        checkedAt: held(c.date, ['09:30', '14:30', '10:30'][c.slot]!, i),
        locationStatus: located ? ('ok' as const) : h % 12 === 0 ? ('denied' as const) : ('unavailable' as const),
        lat: located ? lat : null,
        lng: located ? lng : null,
        accuracyM: located ? 8 + (h % 40) : null,
        distanceM: distance,
        findings: findings[h % findings.length]!,
        createdAt: held(c.date, '18:00'),
        updatedAt: held(c.date, '18:00'),
      },
    };
  });
  const checkIds: number[] = [];
  for (let i = 0; i < checkRows.length; i += 500) {
    const ids = await tx
      .insert(siteChecks)
      .values(checkRows.slice(i, i + 500).map((r) => r.row))
      .returning({ id: siteChecks.id });
    checkIds.push(...ids.map((r) => r.id));
  }

  // Problems
  const used = new Map<ProblemCategory, number>();
  const category = (k: number): ProblemCategory => categoryDeck[(k * 37) % categoryDeck.length]!;
  const text = (c: ProblemCategory) => {
    const list = problemTexts[c];
    const n = used.get(c) ?? 0;
    used.set(c, n + 1);
    return list[n % list.length]!;
  };
  const unitFor = (c: ProblemCategory, p: (typeof projectRows)[number]) =>
    categoryUnit[c] ? unitId.get(categoryUnit[c])! : p.leadUnitId!;
  const problemRows: (typeof problems.$inferInsert)[] = [];
  let k = 0;
  const solvedRow = (
    p: (typeof projectRows)[number],
    source: ProblemSource,
    raisedOn: string,
    resolvedOn: string,
    extra: Partial<typeof problems.$inferInsert>,
  ) => {
    const c = category(k++);
    const [description, resolution] = text(c);
    const verified = resolvedOn <= addDays(today, -7) && rand() < 0.6;
    const status: ProblemStatus = verified ? 'verified' : 'resolved';
    const raisedAt = held(raisedOn, '09:00');
    problemRows.push({
      projectId: p.id,
      category: c,
      source,
      description,
      raisedOn,
      raisedBy: officeId,
      raisedByName: '项目办 张敏',
      unitId: unitFor(c, p),
      leaderId: p.leaderId,
      deadline: addDays(raisedOn, 15),
      status,
      resolution,
      resolvedOn,
      resolvedBy: officeId,
      verifiedBy: verified ? (k % 2 ? supervisorId : officeId) : null,
      verifiedAt: verified ? held(addDays(resolvedOn, 3), '16:00') : null,
      createdBy: officeId,
      createdAt: raisedAt,
      updatedAt: verified ? held(addDays(resolvedOn, 3), '16:00') : held(resolvedOn, '17:00'),
      ...extra,
    });
  };
  // solved on site in a check
  checkRows.forEach(({ c, project, row }, i) => {
    if (!c.solves) return;
    const user = c.leader === LEADER1_INDEX ? leader1User : null;
    const fromCheck = i % 3 !== 0;
    solvedRow(project, fromCheck ? 'site_check' : 'unit_report', fromCheck ? c.date : addDays(c.date, -6), c.date, {
      raisedInSiteCheckId: fromCheck ? checkIds[i]! : null,
      raisedBy: fromCheck ? user : (unitUser.get(project.leadUnitId!) ?? officeId),
      raisedByName: fromCheck ? row.checkerName : '牵头单位联络员',
      resolvedBy: user ?? officeId,
      solvedOnSite: true,
      solvedByLeaderId: row.leaderId,
      solvedByUserId: user,
      solvedInSiteCheckId: checkIds[i]!,
      solvedAt: row.checkedAt,
    });
  });
  // solved on site at an on-site office meeting, for its chair
  laid.forEach((m, i) => {
    if (m.kind !== 'onsite_office' || !m.held || !m.solves) return;
    const at = held(m.date, m.time, i);
    solvedRow(m.projects[0]!, 'meeting', m.date, m.date, {
      raisedInMeetingId: meetingId[i]!,
      solvedOnSite: true,
      solvedByLeaderId: lid(m.chair),
      solvedByUserId: m.chair === LEADER1_INDEX ? leader1User : null,
      solvedInMeetingId: meetingId[i]!,
      solvedAt: at,
    });
  });
  // solved off site this year: at weekly meetings' follow-up or by the units
  const heldWeekly = laid.map((m, i) => ({ m, id: meetingId[i]! })).filter((x) => x.m.held && x.m.kind === 'weekly');
  const sources: ProblemSource[] = ['meeting', 'unit_report', 'superior_feedback', 'meeting', 'unit_report'];
  cal.solvedOffSite.forEach((resolvedOn, i) => {
    const p = projectRows[(i * 7) % projectRows.length]!;
    let source = sources[i % sources.length]!;
    const at = [...heldWeekly].reverse().find((x) => x.m.date <= resolvedOn);
    if (source === 'meeting' && !at) source = 'unit_report';
    const raisedOn = source === 'meeting' ? at!.m.date : addDays(resolvedOn, -(3 + (i % 20)));
    solvedRow(p, source, raisedOn, resolvedOn, {
      raisedInMeetingId: source === 'meeting' ? at!.id : null,
      raisedByName:
        source === 'superior_feedback' ? '市重点项目督导组' : source === 'unit_report' ? '牵头单位联络员' : '项目办 张敏',
      resolvedBy: unitUser.get(unitFor('other', p)) ?? officeId,
    });
  });
  // resolved last year: never counted this year
  for (let i = 0; i < 6; i++) {
    const p = projectRows[(i * 5 + 2) % projectRows.length]!;
    const resolvedOn = addDays(cal.yearStart, -3 - 9 * i);
    solvedRow(p, i % 2 ? 'meeting' : 'unit_report', addDays(resolvedOn, -12), resolvedOn, {});
  }
  // still open: open, in progress, escalated, some past their deadline
  const openStates: [ProblemStatus, number][] = [
    ['open', 20],
    ['open', -6],
    ['in_progress', 25],
    ['in_progress', -10],
    ['escalated', 10],
    ['open', 12],
  ];
  const recentChecks = checkRows.map((r, i) => ({ ...r, id: checkIds[i]! })).filter((r) => r.c.week <= 1 && !r.c.solves);
  for (let i = 0; i < 30; i++) {
    const [status, due] = openStates[i % openStates.length]!;
    const c = i < categoryWeights.length ? categoryWeights[i]![0] : category(k++);
    const [description] = text(c);
    const check = i % 4 === 0 ? recentChecks[i % Math.max(1, recentChecks.length)] : undefined;
    const p = check?.project ?? projectRows[(i * 11 + 3) % projectRows.length]!;
    const deadline = addDays(today, due + (i % 5));
    const raisedOn = check ? check.c.date : minDate(addDays(deadline, -20 - (i % 15)), today, '0000-01-01');
    const source: ProblemSource = check ? 'site_check' : (['meeting', 'unit_report', 'superior_feedback'] as const)[i % 3]!;
    const meeting = source === 'meeting' ? [...heldWeekly].reverse().find((x) => x.m.date <= raisedOn) : undefined;
    problemRows.push({
      projectId: p.id,
      category: c,
      source: source === 'meeting' && !meeting ? 'unit_report' : source,
      description,
      raisedInMeetingId: meeting?.id ?? null,
      raisedInSiteCheckId: check?.id ?? null,
      raisedBy: check ? (check.c.leader === LEADER1_INDEX ? leader1User : null) : officeId,
      raisedByName: check ? check.row.checkerName : source === 'superior_feedback' ? '市重点项目督导组' : '项目办 张敏',
      raisedOn,
      unitId: unitFor(c, p),
      leaderId: p.leaderId,
      deadline,
      status,
      escalatedToLeaderId: status === 'escalated' ? lid(i % 2) : null,
      escalatedAt: status === 'escalated' ? held(minDate(addDays(raisedOn, 5), today, raisedOn), '11:00') : null,
      escalationReason: status === 'escalated' ? '涉及多个部门，分包领导协调未果，提请主要领导研究' : null,
      createdBy: officeId,
      createdAt: held(raisedOn, '09:00'),
      updatedAt: held(raisedOn, '09:00'),
    });
  }
  const problemIds: { id: number; projectId: number; unitId: number | null; status: string }[] = [];
  for (let i = 0; i < problemRows.length; i += 500)
    problemIds.push(
      ...(await tx
        .insert(problems)
        .values(problemRows.slice(i, i + 500))
        .returning({ id: problems.id, projectId: problems.projectId, unitId: problems.unitId, status: problems.status })),
    );
  const solvedThisYear = problemRows.filter(
    (p) => (p.status === 'resolved' || p.status === 'verified') && p.resolvedOn! >= cal.yearStart && p.resolvedOn! <= today,
  ).length;
  if (solvedThisYear !== PROBLEMS_SOLVED) throw new Error(`demo data: ${solvedThisYear} problems solved this year`);

  // Leader instructions on projects, open problems and overdue decisions
  const openProblems = problemIds.filter((p) => p.status !== 'resolved' && p.status !== 'verified');
  const openDecisions = decisionIds.filter((d) => d.status === 'open' && d.deadline < today);
  const plans: { status: InstructionStatus; ago: number; due: number; reply?: 'pending' | 'accepted' | 'returned' }[] = [
    { status: 'open', ago: 2, due: 5 },
    { status: 'open', ago: 4, due: 3 },
    { status: 'open', ago: 20, due: -10 },
    { status: 'open', ago: 15, due: -3 },
    { status: 'open', ago: 30, due: -18 },
    { status: 'replied', ago: 6, due: 2, reply: 'pending' },
    { status: 'replied', ago: 9, due: -1, reply: 'pending' },
    { status: 'replied', ago: 3, due: 4, reply: 'pending' },
    { status: 'accepted', ago: 25, due: -15, reply: 'accepted' },
    { status: 'accepted', ago: 40, due: -30, reply: 'accepted' },
    { status: 'accepted', ago: 12, due: -4, reply: 'accepted' },
    { status: 'returned', ago: 14, due: -2, reply: 'returned' },
    { status: 'returned', ago: 8, due: 3, reply: 'returned' },
  ];
  const instructionRows = plans.map((pl, i) => {
    const issuedOn = addDays(today, -pl.ago);
    let subjectType: 'project' | 'problem' | 'decision' = 'project';
    let subjectId: number;
    let projectId: number;
    let uId: number;
    if (i % 3 === 1 && openProblems.length) {
      const pr = openProblems[i % openProblems.length]!;
      subjectType = 'problem';
      subjectId = pr.id;
      projectId = pr.projectId;
      uId = pr.unitId!;
    } else if (i % 3 === 2 && openDecisions.length) {
      const d = openDecisions[i % openDecisions.length]!;
      subjectType = 'decision';
      subjectId = d.id;
      projectId = d.projectId!;
      uId = d.unitId;
    } else {
      const p = projectRows[(i * 3 + 1) % projectRows.length]!;
      subjectId = p.id;
      projectId = p.id;
      uId = p.leadUnitId!;
    }
    const leader =
      i % 4 === 0 ? 0 : i % 4 === 1 ? 1 : (leaderIndex.get(projectRows.find((p) => p.id === projectId)!.leaderId!) ?? 1);
    const issuedAt = held(issuedOn, '11:00');
    return {
      pl,
      row: {
        projectId,
        regionCode: REGION,
        subjectType,
        subjectId,
        leaderId: lid(leader),
        text: instructionTexts[i % instructionTexts.length]!,
        unitId: uId,
        replyDeadline: addDays(today, pl.due),
        status: pl.status,
        issuedAt,
        closedAt: pl.status === 'accepted' ? held(minDate(addDays(issuedOn, 5), today, issuedOn), '17:00') : null,
        createdBy: officeId,
        createdAt: issuedAt,
        updatedAt: issuedAt,
      },
    };
  });
  const instIds = await tx
    .insert(instructions)
    .values(instructionRows.map((r) => r.row))
    .returning({ id: instructions.id });
  const replies: (typeof instructionReplies.$inferInsert)[] = [];
  instructionRows.forEach(({ pl, row }, i) => {
    if (!pl.reply) return;
    const repliedOn = minDate(addDays(today, -pl.ago + 2), today, addDays(today, -pl.ago));
    replies.push({
      instructionId: instIds[i]!.id,
      text: '已按领导批示要求专题研究，明确专人负责，相关工作正在推进，预计本周内办结。',
      byUserId: unitUser.get(row.unitId) ?? officeId,
      at: held(repliedOn, '16:30'),
      outcome: pl.reply,
      outcomeNote:
        pl.reply === 'returned' ? '回复内容不具体，请明确完成时限和责任人后重新报送' : pl.reply === 'accepted' ? '同意' : null,
      outcomeBy: pl.reply === 'pending' ? null : officeId,
      outcomeAt: pl.reply === 'pending' ? null : held(minDate(addDays(repliedOn, 1), today, repliedOn), '10:00'),
    });
  });
  if (replies.length) await tx.insert(instructionReplies).values(replies);
}

/** The earliest of `date` and `max`, but not before `min`. */
function minDate(date: string, max: string, min: string): string {
  const d = date < max ? date : max;
  return d < min ? min : d;
}
