/**
 * Demo ledgers: every demo project gets 5–15 items over its lead and cooperating units, worded for its
 * stage focus (签约 → 落地, 开工 → 进度, 在建 → 竣工, 投产 → 达效), with the earlier stages' items already
 * done, deadlines around today and a few overdue. Deterministic for a given day.
 */
import { asc, inArray } from 'drizzle-orm';
import { addDays, shanghaiDate, stageFocus, type StageFocus } from '@kpc/domain';
import type { Stage } from '@kpc/contracts';
import type { Tx } from '../client.js';
import type { Clock } from '../../lib/clock.js';
import { ledgerItems, projects, projectUnits, taskForceMembers } from '../schema/index.js';

const work: Record<StageFocus, [content: string, measures: string][]> = {
  landing: [
    ['完成土地摘牌', '对接自然资源局，按期完成挂牌出让及成交确认'],
    ['办理建设用地规划许可证', '提前介入指导，实行并联审批'],
    ['办理建设工程规划许可证', '规划方案联审，一次性告知补正材料'],
    ['完成项目备案及环评批复', '帮办代办，专人跟踪审批进度'],
    ['完成施工图审查', '协调图审机构压缩审查时限'],
    ['办理施工许可证', '容缺受理，边办边补'],
    ['协调水电气暖接入', '组织供电、供水、燃气单位现场办公'],
    ['完成场地征迁及地上附着物清表', '乡镇包片，逐户做好群众工作'],
    ['签订项目投资合同补充协议', '明确投资强度、开工及达产时限'],
  ],
  progress: [
    ['完成场地平整及临建搭设', '倒排工期，每周调度一次'],
    ['桩基工程施工完成', '增加机械设备投入，实行两班倒作业'],
    ['主体结构施工至正负零', '加强现场协调，保障混凝土供应'],
    ['钢结构厂房吊装', '组织专业队伍进场，落实安全措施'],
    ['落实施工用电及临时道路', '供电公司专线保障'],
    ['协调渣土运输及夜间施工许可', '城管、交警联合保障'],
    ['落实用工及原材料保障', '人社部门组织用工对接'],
    ['争取专项债及上级资金支持', '梳理申报条件，按批次申报'],
  ],
  completion: [
    ['主体结构封顶', '挂图作战，按节点倒排工期'],
    ['完成二次结构及装饰装修', '多作业面交叉施工'],
    ['签订主要设备采购合同', '企业专人对接设备厂家'],
    ['设备进场安装', '提前完成设备基础施工'],
    ['室外管网及道路配套完成', '住建、城管部门协同推进'],
    ['完成消防验收', '提前组织预验收，及时整改问题'],
    ['完成规划核实及竣工验收备案', '联合验收，一次办结'],
    ['办理不动产权登记', '不动产登记中心开辟绿色通道'],
  ],
  target: [
    ['设备调试及试生产', '厂家技术人员驻场指导'],
    ['达产达效', '帮助企业拓展市场，稳定订单'],
    ['办理排污许可证', '生态环境部门上门指导'],
    ['纳入规模以上工业企业统计', '统计部门指导企业规范建账'],
    ['完成招工及岗前培训', '人社部门组织专场招聘会'],
    ['申报高新技术企业', '科技部门辅导申报材料'],
    ['产值税收按期纳统', '税务、统计部门联合服务'],
    ['实施技改提升项目', '争取技改专项资金支持'],
  ],
};
const focusOrder: StageFocus[] = ['landing', 'progress', 'completion', 'target'];

/** A small deterministic generator, seeded per project, so the demo is the same on every start. */
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

export async function seedLedgers(tx: Tx, clock: Clock): Promise<void> {
  const today = shanghaiDate(clock.now());
  const now = clock.now();
  const projectRows = await tx
    .select({ id: projects.id, code: projects.code, stage: projects.stage, leadUnitId: projects.leadUnitId })
    .from(projects)
    .orderBy(asc(projects.id));
  if (!projectRows.length) return;
  const ids = projectRows.map((p) => p.id);
  const coop = await tx.select().from(projectUnits).where(inArray(projectUnits.projectId, ids));
  const members = await tx.select().from(taskForceMembers).where(inArray(taskForceMembers.projectId, ids));
  const rows: (typeof ledgerItems.$inferInsert)[] = [];
  for (const p of projectRows) {
    const rand = rng(p.code);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
    const unitIds = [
      ...new Set([...(p.leadUnitId ? [p.leadUnitId] : []), ...coop.filter((c) => c.projectId === p.id).map((c) => c.unitId)]),
    ];
    if (!unitIds.length) continue;
    const focus = stageFocus(p.stage as Stage);
    const earlier = focusOrder.slice(0, focusOrder.indexOf(focus));
    // each group's items in a shuffled order, so a project never lists the same task twice
    const queue = new Map(focusOrder.map((f) => [f, [...work[f]].sort(() => rand() - 0.5)]));
    const available = [focus, ...earlier].reduce((s, f) => s + work[f].length, 0);
    const n = Math.min(5 + Math.floor(rand() * 11), available);
    for (let i = 0; i < n; i++) {
      // about a third of a later-stage project's items belong to stages already passed, and are done
      let past = earlier.length > 0 && i < Math.ceil(n / 3);
      if (!past && !queue.get(focus)!.length) past = true;
      const from = past ? earlier.filter((f) => queue.get(f)!.length) : [focus];
      const group = pick(from.length ? from : [focus]);
      const [content, measures] = queue.get(group)!.shift() ?? pick(work[group]);
      const unitId = unitIds[i % unitIds.length]!;
      const people = members.filter((m) => m.projectId === p.id && m.unitId === unitId);
      const owner = people.find((m) => m.post === 'liaison') ?? people[0] ?? null;
      let deadline: string;
      let status: (typeof ledgerItems.$inferInsert)['status'];
      let completedOn: string | null = null;
      const roll = rand();
      if (past) {
        deadline = addDays(today, -30 - Math.floor(rand() * 240));
        status = 'done';
        completedOn = addDays(deadline, -Math.floor(rand() * 20));
      } else {
        deadline = addDays(today, Math.floor(rand() * 150) - 45);
        if (deadline < today) {
          // mostly done on time; the rest are the overdue ones the dispatch meeting chases
          if (roll < 0.7) {
            status = 'done';
            completedOn = addDays(deadline, -Math.floor(rand() * 10));
          } else status = roll < 0.9 ? 'in_progress' : 'blocked';
        } else status = roll < 0.15 ? 'done' : roll < 0.65 ? 'in_progress' : 'not_started';
        if (status === 'done' && !completedOn) completedOn = addDays(today, -Math.floor(rand() * 10));
      }
      if (completedOn && completedOn > today) completedOn = today;
      rows.push({
        projectId: p.id,
        seq: i + 1,
        unitId,
        content,
        measures,
        deadline,
        ownerName: owner?.name ?? null,
        ownerUserId: owner?.userId ?? null,
        status,
        completedOn,
        evidenceNote:
          status === 'done' ? '已完成，佐证材料已归档' : status === 'blocked' ? '存在制约因素，已提请分包领导协调' : null,
        focus: group,
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 500) await tx.insert(ledgerItems).values(rows.slice(i, i + 500));
}
