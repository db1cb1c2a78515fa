/**
 * The demo data set itself (see index.ts): 召陵区 as the source article describes it. Deterministic
 * for a given day, and laid relative to today so the figures hold whenever it is loaded:
 * - 17 projects ≥ 1 亿元 signed in [1 January, today] (the T* projects; all others were signed in
 *   earlier years or are below 1 亿元);
 * - approved reports of this year, months 1 … L with L = the last finished month (or January while it
 *   is January), sum to exactly 7,655,000,000 yuan over the provincial + municipal projects, against
 *   plans of 10,330,000,000 (74.1 %); the latest month's pending or returned reports do not count;
 * - four 91-day "three batches" periods, the last ending today, whose rates rise (demo-data.ts).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { addDays, shanghaiDate } from '@kpc/domain';
import { stages } from '@kpc/contracts';
import type { Tx } from '../client.js';
import type { Clock } from '../../lib/clock.js';
import {
  annualPlans,
  batchEntries,
  enterprises,
  investmentReports,
  leaders,
  periods,
  projectUnits,
  projects,
  regions,
  stageTransitions,
  taskForceMembers,
  units,
  users,
} from '../schema/index.js';
import { hashPassword } from '../../lib/password.js';
import { divisionChildren, divisionWithAncestors } from './regions.js';
import { seedLedgers } from './demo-ledger.js';
import { refreshInvestmentTotals } from '../../modules/investment/investment.totals.js';
import { seedMilestones } from './demo-milestones.js';
import { seedMeetings } from './demo-meetings.js';
import { seedEscalations } from './demo-escalations.js';
import { seedSupervisionItems } from './demo-supervision-items.js';
import { seedBurden } from './demo-burden.js';
import { seedWeeklyUpdates } from './demo-weekly-updates.js';
import {
  CORRECTED_PROJECT,
  demoBatches,
  demoLeaders,
  demoProjects,
  demoUnits,
  ENTERPRISE1,
  LEADER1_INDEX,
  PM_COMPLETED_TARGET,
  PM_PLAN_TARGET,
  UNIT1_SHORT,
  type Anchor,
  type DemoProject,
} from './demo-data.js';

const REGION = '411104';
const WAN = 10_000;
const PERIOD_DAYS = 91;

const surnames = '刘李张王陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁宋谢韩唐冯董萧程曹袁邓许傅沈曾彭吕';
const givenNames = [
  '洋',
  '娜',
  '伟',
  '敏',
  '静',
  '磊',
  '强',
  '军',
  '勇',
  '艳',
  '杰',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '志强',
  '晓东',
  '丽华',
  '海燕',
  '国平',
  '文静',
  '宏亮',
];
const personName = (n: number) => surnames[n % surnames.length]! + givenNames[(n * 7 + 3) % givenNames.length]!;
const phone = (n: number) => `1383950${String(1000 + ((n * 37) % 9000)).padStart(4, '0')}`;

/** Periods 1–4: consecutive 91-day ranges, period 4 ending today. */
export function demoPeriods(today: string): { start: string; end: string }[] {
  return [1, 2, 3, 4].map((i) => {
    const end = addDays(today, -(4 - i) * PERIOD_DAYS);
    return { start: addDays(end, -(PERIOD_DAYS - 1)), end };
  });
}

function dateOf(a: Anchor, today: string, yearStart: string, elapsed: number, ps: { start: string }[]): string {
  if ('y' in a) return addDays(yearStart, Math.floor(a.y * elapsed));
  if ('p' in a) return addDays(ps[a.p - 1]!.start, Math.floor(a.f * (PERIOD_DAYS - 1)));
  return addDays(today, -a.ago);
}

/** Splits `total` into integer parts proportional to `weights`; the last part takes the remainder. */
function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  parts[parts.length - 1]! += total - parts.reduce((s, p) => s + p, 0);
  return parts;
}

/** 10:00 in Asia/Shanghai on `date`, but never later than now. */
function at(date: string, now: Date): Date {
  const t = new Date(`${date}T02:00:00Z`);
  return t > now ? new Date(now.getTime() - 3_600_000) : t;
}

const monthStart = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-01`;
const monthOf = (d: string) => Number(d.slice(5, 7));

const notes: Record<string, string> = {
  started: '场地平整、临建及桩基施工',
  building: '主体结构施工，按倒排工期推进',
  completed: '竣工验收及设备调试',
  producing: '设备安装及试生产，配套工程收尾',
  at_target: '技改及配套设施完善',
};

export async function seedDemo(tx: Tx, clock: Clock): Promise<void> {
  const now = clock.now();
  const today = shanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const month = monthOf(today);
  const yearStart = `${year}-01-01`;
  const elapsed = Math.round((Date.parse(today) - Date.parse(yearStart)) / 86_400_000);
  const ps = demoPeriods(today);
  /** The last month with reports: the last finished month, or January while it is January. */
  const lastMonth = Math.max(1, month - 1);

  // Regions, units, leaders, enterprises
  await tx.insert(regions).values([...divisionWithAncestors(REGION), ...divisionChildren(REGION)]);
  const unitRows = await tx
    .insert(units)
    .values(
      demoUnits.map(([name, shortName], i) => ({
        name,
        shortName,
        regionCode: REGION,
        contactName: personName(i + 40),
        contactPhone: `0395-${3100000 + i * 1117}`,
      })),
    )
    .returning({ id: units.id, shortName: units.shortName });
  const unitId = new Map(unitRows.map((u) => [u.shortName!, u.id]));
  const leaderRows = await tx
    .insert(leaders)
    .values(demoLeaders.map(([name, title], i) => ({ name, title, regionCode: REGION, phone: phone(i + 100) })))
    .returning({ id: leaders.id, name: leaders.name });
  const leaderId = new Map(leaderRows.map((l) => [l.name, l.id]));
  const enterpriseNames = [...new Set(demoProjects.map((p) => p.enterprise))];
  const enterpriseRows = await tx
    .insert(enterprises)
    .values(enterpriseNames.map((name) => ({ name, regionCode: REGION })))
    .returning({ id: enterprises.id, name: enterprises.name });
  const enterpriseId = new Map(enterpriseRows.map((e) => [e.name, e.id]));
  const uid = (short: string) => {
    const id = unitId.get(short);
    if (id === undefined) throw new Error(`demo data: unknown unit ${short}`);
    return id;
  };

  // Demo accounts: hashed once, password Demo@2026, no forced change.
  const hash = await hashPassword('Demo@2026');
  const leader1 = demoLeaders[LEADER1_INDEX]!;
  const account = (username: string, displayName: string, roles: string[], extra: Partial<typeof users.$inferInsert> = {}) => ({
    username,
    displayName,
    passwordHash: hash,
    roles,
    regionCode: REGION,
    mustChangePassword: false,
    passwordChangedAt: now,
    ...extra,
  });
  const userRows = await tx
    .insert(users)
    .values([
      account('admin', '系统管理员', ['admin']),
      account('security', '安全管理员', ['security_admin']),
      account('auditor', '审计管理员', ['audit_admin']),
      account('office', '项目办 张敏', ['office'], { unitId: uid('区发改委'), phone: phone(1) }),
      account('supervisor', '督查局 王磊', ['supervisor'], { unitId: uid('区督查局'), phone: phone(2) }),
      account('leader1', leader1[0], ['leader'], { leaderId: leaderId.get(leader1[0])!, phone: phone(LEADER1_INDEX + 100) }),
      account('unit1', '工信局 李娜', ['unit'], { unitId: uid(UNIT1_SHORT), phone: phone(4) }),
      account('enterprise1', '纽盾装备 赵强', ['enterprise'], { enterpriseId: enterpriseId.get(ENTERPRISE1)!, phone: phone(5) }),
      account('viewer', '大屏展示', ['viewer']),
    ])
    .returning({ id: users.id, username: users.username });
  const userId = new Map(userRows.map((u) => [u.username, u.id]));
  const officeId = userId.get('office')!;
  // Every other responsible unit has a liaison account that files its reports. They cannot log in
  // (an unusable random password, change forced) until an admin resets it: only the nine demo
  // accounts above carry the demo password.
  const locked = await hashPassword(randomBytes(24).toString('base64'));
  const liaisonRows = await tx
    .insert(users)
    .values(
      unitRows
        .filter((u) => u.shortName !== UNIT1_SHORT)
        .map((u, i) => ({
          username: `liaison${String(i + 2).padStart(2, '0')}`,
          displayName: `${u.shortName!.replace(/^区/, '')} 联络员`,
          passwordHash: locked,
          roles: ['unit'],
          regionCode: REGION,
          unitId: u.id,
          mustChangePassword: true,
        })),
    )
    .returning({ id: users.id, unitId: users.unitId });
  const liaisonOf = new Map(liaisonRows.map((u) => [u.unitId!, u.id]));

  // Projects, with their dated stage path
  const laid = demoProjects.map((p) => {
    const dates = p.path.map((a) => dateOf(a, today, yearStart, elapsed, ps));
    dates.forEach((d, i) => {
      if (d > today || (i > 0 && d < dates[i - 1]!)) throw new Error(`demo data: dates of ${p.key} out of order`);
    });
    return { p, dates, stage: stages[dates.length]! };
  });
  const projectRows = await tx
    .insert(projects)
    .values(
      laid.map(({ p, dates, stage }, i) => {
        const [signed, started, , completed, producing] = dates;
        const plannedStart = started
          ? addDays(started, -7) < signed!
            ? signed!
            : addDays(started, -7)
          : addDays(today, 15 + (i % 4) * 10);
        const plannedCompletion = completed ?? addDays(plannedStart, p.category === 'industry' ? 540 : 420);
        const seed = i * 7919;
        const industrial = p.category === 'industry' || p.category === 'agriculture';
        return {
          code: `ZL-${year}-${String(i + 1).padStart(3, '0')}`,
          name: p.name,
          level: p.level,
          category: p.category,
          industryChain: p.chain,
          enterpriseId: enterpriseId.get(p.enterprise)!,
          regionCode: p.town,
          location: p.location,
          // around 召陵区 (≈ 33.56 N, 114.09 E), within a few kilometres
          lat: Math.round((33.56 + ((seed % 101) - 50) / 1000) * 1e5) / 1e5,
          lng: Math.round((114.09 + ((seed % 127) - 63) / 1000) * 1e5) / 1e5,
          totalInvestment: p.total,
          firstPhaseInvestment: p.firstPhase,
          contractDate: signed!,
          plannedStartDate: plannedStart,
          actualStartDate: started ?? null,
          plannedCompletionDate: plannedCompletion,
          actualCompletionDate: completed ?? null,
          plannedCommissioningDate: addDays(plannedCompletion, 60),
          actualCommissioningDate: producing ?? null,
          targetOutputValue: industrial ? Math.round((p.total * 1.6) / WAN) * WAN : null,
          targetTax: industrial ? Math.round((p.total * 0.08) / WAN) * WAN : null,
          contacts: [{ name: personName(seed + 5), phone: phone(seed + 5), role: '企业联系人' }],
          tags: [],
          stage,
          leaderId: leaderId.get(demoLeaders[p.leader]![0])!,
          leadUnitId: uid(p.lead),
          description: p.description,
        };
      }),
    )
    .returning({ id: projects.id, name: projects.name });
  const projectIdByName = new Map(projectRows.map((r) => [r.name, r.id]));
  const pid = (p: DemoProject) => projectIdByName.get(p.name)!;
  const byKey = new Map(demoProjects.map((p) => [p.key, p]));

  const coopRows = demoProjects.flatMap((p) => p.coop.map((u) => ({ projectId: pid(p), unitId: uid(u) })));
  await tx.insert(projectUnits).values(coopRows);

  // Task forces: the contracting leader heads it, the lead unit deputises and liaises, then cooperating units and the enterprise.
  const tfRows = demoProjects.flatMap((p, i) => {
    const [lname, ltitle] = demoLeaders[p.leader]!;
    const n = i * 5;
    const rows: (typeof taskForceMembers.$inferInsert)[] = [
      {
        projectId: pid(p),
        name: lname,
        post: 'head',
        userId: p.leader === LEADER1_INDEX ? userId.get('leader1')! : null,
        phone: phone(p.leader + 100),
        duty: `${ltitle}，分包领导，统筹协调`,
      },
      {
        projectId: pid(p),
        name: personName(n + 1),
        post: 'deputy_head',
        unitId: uid(p.lead),
        phone: phone(n + 1),
        duty: '牵头单位负责人，组织推进',
      },
      p.lead === UNIT1_SHORT
        ? {
            projectId: pid(p),
            name: '李娜',
            post: 'liaison',
            unitId: uid(p.lead),
            userId: userId.get('unit1')!,
            phone: phone(4),
            duty: '台账报送及日常联络',
          }
        : {
            projectId: pid(p),
            name: personName(n + 2),
            post: 'liaison',
            unitId: uid(p.lead),
            phone: phone(n + 2),
            duty: '台账报送及日常联络',
          },
      ...p.coop.map((u, k) => ({
        projectId: pid(p),
        name: personName(n + 3 + k),
        post: 'member' as const,
        unitId: uid(u),
        phone: phone(n + 3 + k),
        duty: '配合单位，负责本单位事项',
      })),
    ];
    if (rows.length < 6)
      rows.push(
        p.enterprise === ENTERPRISE1
          ? {
              projectId: pid(p),
              name: '赵强',
              post: 'member',
              userId: userId.get('enterprise1')!,
              phone: phone(5),
              duty: '企业联系人',
            }
          : { projectId: pid(p), name: personName(n + 9), post: 'member', phone: phone(n + 9), duty: '企业联系人' },
      );
    return rows;
  });
  await tx.insert(taskForceMembers).values(tfRows);

  await tx.insert(stageTransitions).values(
    laid.flatMap(({ p, dates }) =>
      dates.map((onDate, i) => ({
        projectId: pid(p),
        fromStage: stages[i]!,
        toStage: stages[i + 1]!,
        onDate,
        byUserId: officeId,
        createdAt: at(onDate, now),
      })),
    ),
  );

  // Annual plans (every project) and monthly reports of this year.
  const pmPlan = demoProjects.filter((p) => p.level !== 'district').reduce((s, p) => s + p.plan * WAN, 0);
  if (pmPlan !== PM_PLAN_TARGET) throw new Error(`demo data: provincial + municipal plans sum to ${pmPlan}`);
  await tx.insert(annualPlans).values(demoProjects.map((p) => ({ projectId: pid(p), year, plannedAmount: p.plan * WAN })));

  /** Months with reports: from the month the project started (January if earlier) to lastMonth. */
  const reportMonths = laid.map(({ p, dates }) => {
    const started = dates[1];
    const first = !started || started > today ? 13 : started < yearStart ? 1 : monthOf(started);
    const all: number[] = [];
    for (let m = first; m <= lastMonth; m++) all.push(m);
    const approved = p.pending ? all.slice(0, -1) : all;
    return { p, stage: laid.find((l) => l.p === p)!.stage, all, approved };
  });
  // Provincial + municipal projects with approved months share the exact total, by plan × pace.
  const carriers = reportMonths.filter((r) => r.p.level !== 'district' && r.approved.length > 0);
  const carrierShares = split(
    PM_COMPLETED_TARGET / WAN,
    carriers.map((r) => r.p.plan * (r.p.pace ?? 1) * 100),
  );
  const ytd = new Map(carriers.map((r, i) => [r.p.key, carrierShares[i]!]));
  for (const r of reportMonths)
    if (r.p.level === 'district' && r.approved.length > 0) ytd.set(r.p.key, Math.floor(r.p.plan * 0.6 * (r.p.pace ?? 1)));

  // who files a project's reports: its owner's account where it has one, else its lead unit's liaison
  const reporter = (p: DemoProject) =>
    p.enterprise === ENTERPRISE1
      ? userId.get('enterprise1')!
      : p.lead === UNIT1_SHORT
        ? userId.get('unit1')!
        : (liaisonOf.get(uid(p.lead)) ?? officeId);
  const reportRows: (typeof investmentReports.$inferInsert)[] = [];
  const corrected = { projectId: 0, month: 0 };
  const correctedKey = carriers.some((r) => r.p.key === CORRECTED_PROJECT) ? CORRECTED_PROJECT : carriers[0]?.p.key;
  for (const r of reportMonths) {
    const p = r.p;
    const by = reporter(p);
    const note = notes[r.stage] ?? '前期手续办理';
    const amounts = r.approved.length
      ? split(
          ytd.get(p.key)!,
          r.approved.map((_, k) => k + 2),
        )
      : [];
    r.approved.forEach((m, k) => {
      const submitted = at(addDays(monthStart(m === 12 ? year + 1 : year, (m % 12) + 1), 4), now);
      const reviewed = at(addDays(monthStart(m === 12 ? year + 1 : year, (m % 12) + 1), 7), now);
      const amount = amounts[k]! * WAN;
      const row = {
        projectId: pid(p),
        year,
        month: m,
        amount,
        progressNote: `${m}月：${note}`,
        status: 'approved' as const,
        createdBy: by,
        submittedBy: by,
        submittedAt: submitted,
        reviewedBy: officeId,
        reviewedAt: reviewed,
      };
      if (p.key === correctedKey && k === 0) {
        // First reported with a mistake (1,200,000 yuan too much), approved, then corrected.
        corrected.projectId = pid(p);
        corrected.month = m;
        reportRows.push({ ...row, amount: amount + 1_200_000, status: 'superseded' });
        reportRows.push({
          ...row,
          progressNote: `${m}月：更正，扣除重复统计的设备款120万元`,
          reviewedAt: new Date(reviewed.getTime() + 86_400_000),
        });
      } else reportRows.push(row);
    });
    if (p.pending && r.all.length > 0) {
      const m = r.all[r.all.length - 1]!;
      const base = Math.max(1, Math.round((p.plan * 0.08) / 10)) * 10;
      reportRows.push({
        projectId: pid(p),
        year,
        month: m,
        amount: base * WAN,
        progressNote: `${m}月：${note}`,
        status: p.pending,
        createdBy: by,
        submittedBy: by,
        submittedAt: at(addDays(monthStart(m === 12 ? year + 1 : year, (m % 12) + 1), 3), now),
        ...(p.pending === 'returned'
          ? {
              reviewedBy: officeId,
              reviewedAt: at(addDays(monthStart(m === 12 ? year + 1 : year, (m % 12) + 1), 5), now),
              returnReason: '佐证材料不全，请补充发票及监理月报后重新报送',
            }
          : {}),
      });
    }
  }
  const inserted = await tx.insert(investmentReports).values(reportRows).returning({
    id: investmentReports.id,
    projectId: investmentReports.projectId,
    month: investmentReports.month,
    status: investmentReports.status,
  });
  if (corrected.projectId) {
    const mine = inserted.filter((r) => r.projectId === corrected.projectId && r.month === corrected.month);
    const old = mine.find((r) => r.status === 'superseded')!;
    const fresh = mine.find((r) => r.status === 'approved')!;
    await tx.execute(sql`update investment_reports set superseded_by_id = ${fresh.id} where id = ${old.id}`);
    await tx.execute(sql`update investment_reports set corrects_id = ${old.id} where id = ${fresh.id}`);
  }

  // "Three batches": four periods and their lists.
  const periodRows = await tx
    .insert(periods)
    .values(ps.map((r, i) => ({ regionCode: REGION, seq: i + 1, name: `第${i + 1}期`, startDate: r.start, endDate: r.end })))
    .returning({ id: periods.id, seq: periods.seq });
  const periodId = new Map(periodRows.map((r) => [r.seq, r.id]));
  await tx
    .insert(batchEntries)
    .values(
      demoBatches.flatMap((b, i) =>
        (['signing', 'starting', 'commissioning'] as const).flatMap((list) =>
          b[list].map((key) => ({ periodId: periodId.get(i + 1)!, projectId: pid(byKey.get(key)!), list })),
        ),
      ),
    );
  await refreshInvestmentTotals(tx);
  await seedLedgers(tx, clock);
  await seedMilestones(tx, clock);
  await seedMeetings(tx, clock);
  await seedBurden(tx, clock, REGION);
  await seedWeeklyUpdates(tx, clock);
  await seedSupervisionItems(tx, clock);
  await seedEscalations(tx, clock, REGION);
}
