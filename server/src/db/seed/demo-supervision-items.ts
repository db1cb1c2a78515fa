/**
 * Demo supervision items 督办事项 (issue 11): one per decision of the demo meetings (as the meetings
 * module makes them), in the link its decision's state implies — open: coordinating or tracking; done:
 * checking, accepted once verified or done over ten days ago, and bulletined when accepted before this
 * month — and four items of higher-level feedback 上级督导反馈: one overdue in tracking, one sent back
 * once, one awaiting checking, one just assigned.
 */
import { eq } from 'drizzle-orm';
import { addDays, shanghaiDate } from '@kpc/domain';
import type { SupervisionEventKind, SupervisionLink } from '@kpc/contracts';
import type { Tx } from '../client.js';
import type { Clock } from '../../lib/clock.js';
import { decisions, meetings, projects, supervisionItemEvents, supervisionItems, units, users } from '../schema/index.js';
import { UNIT1_SHORT } from './demo-data.js';

const REGION = '411104';
const cut = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s);

interface Step {
  kind: SupervisionEventKind;
  from: SupervisionLink | null;
  to: SupervisionLink;
  note: string | null;
  by: { id: number | null; name: string };
  at: Date;
}

export async function seedSupervisionItems(tx: Tx, clock: Clock): Promise<void> {
  const now = clock.now();
  const today = shanghaiDate(now);
  const month = today.slice(0, 7);
  const at = (date: string, hhmm: string) => {
    const t = new Date(`${date}T${hhmm}:00+08:00`);
    return t > now ? now : t;
  };
  const userRows = await tx
    .select({ id: users.id, username: users.username, name: users.displayName, unitId: users.unitId })
    .from(users);
  const supervisor = userRows.find((u) => u.username === 'supervisor')!;
  const bureau = { id: supervisor.id, name: supervisor.name };
  const unitUserOf = (unitId: number) => {
    const u = userRows.find((x) => x.unitId === unitId && x.username !== 'office' && x.username !== 'supervisor');
    return u ? { id: u.id, name: u.name } : { id: null, name: '责任单位' };
  };

  const rows = await tx
    .select({ d: decisions, meetingTitle: meetings.title })
    .from(decisions)
    .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
    .orderBy(decisions.id);

  let openSeen = 0;
  const items: { row: typeof supervisionItems.$inferInsert; steps: Step[] }[] = rows.map(({ d, meetingTitle }) => {
    const created = d.createdAt;
    const unit = unitUserOf(d.unitId);
    const steps: Step[] = [
      { kind: 'assigned', from: null, to: 'coordinating', note: `办理时限：${d.deadline}`, by: bureau, at: created },
    ];
    let link: SupervisionLink = 'coordinating';
    let acceptedAt: Date | null = null;
    let bulletinedAt: Date | null = null;
    const progressAt = new Date(Math.min(created.getTime() + 3 * 86_400_000, now.getTime()));
    // every other open decision has had progress reported; the rest wait in coordinating
    if (d.status === 'open' && openSeen++ % 2 === 1) {
      link = 'tracking';
      steps.push({
        kind: 'progress',
        from: 'coordinating',
        to: 'tracking',
        note: '已召开专题推进会，正在协调办理',
        by: unit,
        at: progressAt,
      });
    }
    if (d.status !== 'open' && d.doneOn) {
      steps.push({
        kind: 'progress',
        from: 'coordinating',
        to: 'tracking',
        note: '正在按议定事项推进',
        by: unit,
        at: progressAt,
      });
      const doneAt = at(d.doneOn, '17:00');
      steps.push({
        kind: 'submitted',
        from: 'tracking',
        to: 'checking',
        note: `议定事项已办结（${d.doneOn}）：${d.doneNote ?? ''}`,
        by: unit,
        at: doneAt < progressAt ? progressAt : doneAt,
      });
      link = 'checking';
    }
    // the bureau checks within days: a verified decision's item, or one done over ten days ago, is accepted
    const checkedAt =
      d.status === 'verified' && d.verifiedAt
        ? d.verifiedAt
        : d.status === 'done' && d.doneOn && d.doneOn <= addDays(today, -10)
          ? at(addDays(d.doneOn, 3), '10:30')
          : null;
    if (checkedAt) {
      acceptedAt = checkedAt;
      steps.push({ kind: 'accepted', from: 'checking', to: 'checking', note: '经核实已办结', by: bureau, at: checkedAt });
      const verifiedMonth = shanghaiDate(checkedAt).slice(0, 7);
      if (verifiedMonth < month) {
        link = 'bulletined';
        bulletinedAt = at(`${addDays(`${verifiedMonth}-28`, 5).slice(0, 7)}-02`, '10:00');
        if (bulletinedAt < checkedAt) bulletinedAt = checkedAt;
        steps.push({
          kind: 'bulletined',
          from: 'checking',
          to: 'bulletined',
          note: `${verifiedMonth.replace('-', '年')}月重点项目督查通报`,
          by: bureau,
          at: bulletinedAt,
        });
      }
    }
    return {
      row: {
        regionCode: REGION,
        projectId: d.projectId,
        source: 'decision',
        sourceId: d.id,
        title: cut(d.content),
        content: `${meetingTitle}议定：${d.content}`,
        unitId: d.unitId,
        ownerName: d.ownerName,
        ownerUserId: d.ownerUserId,
        deadline: d.deadline,
        link,
        acceptedAt,
        acceptedBy: acceptedAt ? supervisor.id : null,
        bulletinedAt,
        createdBy: supervisor.id,
        version: steps.length,
        createdAt: created,
        updatedAt: steps.at(-1)!.at,
      },
      steps,
    };
  });

  // higher-level feedback 上级督导反馈, on a project of 区工信局 and on units
  const unitRows = await tx.select({ id: units.id, shortName: units.shortName }).from(units);
  const uid = (s: string) => unitRows.find((u) => u.shortName === s)!.id;
  const unit1 = uid(UNIT1_SHORT);
  const [p1] = await tx
    .select({ id: projects.id, name: projects.name })
    .from(projects)
    .where(eq(projects.leadUnitId, unit1))
    .limit(1);
  const u1 = unitUserOf(unit1);
  const day = (n: number) => addDays(today, n);
  const feedback = [
    {
      issuedBy: '市委督查室',
      projectId: p1?.id ?? null,
      title: `${p1?.name ?? '重点项目'}设备安装进度滞后`,
      content: '市委督查室第三督导组实地督导反馈：项目主体设备安装进度滞后于计划，请责任单位倒排工期、限期整改，并报送整改情况。',
      unitId: unit1,
      ownerName: '李娜',
      deadline: day(-6),
      created: day(-20),
      link: 'tracking' as SupervisionLink,
      returnCount: 0,
      steps: (c: Date): Step[] => [
        { kind: 'assigned', from: null, to: 'coordinating', note: `责任人：李娜；办理时限：${day(-6)}`, by: bureau, at: c },
        {
          kind: 'progress',
          from: 'coordinating',
          to: 'tracking',
          note: '已约谈设备供应商，第二批设备预计下周到场',
          by: u1,
          at: at(day(-12), '16:30'),
        },
      ],
    },
    {
      issuedBy: '市政府督查室',
      projectId: null,
      title: '规范重点项目审批服务“容缺办理”流程',
      content: '市政府督查室专项督查反馈：部分重点项目审批事项容缺办理流程不清，请区发改委牵头梳理并印发操作规程。',
      unitId: uid('区发改委'),
      ownerName: null,
      deadline: day(20),
      created: day(-15),
      link: 'tracking' as SupervisionLink,
      returnCount: 1,
      steps: (c: Date): Step[] => [
        { kind: 'assigned', from: null, to: 'coordinating', note: `办理时限：${day(20)}`, by: bureau, at: c },
        {
          kind: 'progress',
          from: 'coordinating',
          to: 'tracking',
          note: '已起草操作规程初稿',
          by: unitUserOf(uid('区发改委')),
          at: at(day(-8), '10:00'),
        },
        {
          kind: 'submitted',
          from: 'tracking',
          to: 'checking',
          note: '操作规程已印发',
          by: unitUserOf(uid('区发改委')),
          at: at(day(-4), '11:00'),
        },
        {
          kind: 'returned',
          from: 'checking',
          to: 'tracking',
          note: '未附印发文件及执行情况，请补充后重新报送',
          by: bureau,
          at: at(day(-3), '15:00'),
        },
      ],
    },
    {
      issuedBy: '省重点项目督导组',
      projectId: null,
      title: '重点项目建设领域拖欠农民工工资问题排查',
      content: '省重点项目督导组反馈：请对全区在建重点项目开展拖欠农民工工资问题专项排查，建立台账、逐项销号。',
      unitId: uid('区住建局'),
      ownerName: null,
      deadline: day(2),
      created: day(-10),
      link: 'checking' as SupervisionLink,
      returnCount: 0,
      steps: (c: Date): Step[] => [
        { kind: 'assigned', from: null, to: 'coordinating', note: `办理时限：${day(2)}`, by: bureau, at: c },
        {
          kind: 'progress',
          from: 'coordinating',
          to: 'tracking',
          note: '已完成18个在建项目排查',
          by: unitUserOf(uid('区住建局')),
          at: at(day(-5), '17:00'),
        },
        {
          kind: 'submitted',
          from: 'tracking',
          to: 'checking',
          note: '排查完毕，问题台账已建立并全部销号',
          by: unitUserOf(uid('区住建局')),
          at: at(day(-1), '09:30'),
        },
      ],
    },
    {
      issuedBy: '省发展改革委重点项目稽察组',
      projectId: null,
      title: '重点项目入库信息与实际进度不符问题整改',
      content: '省重点项目稽察反馈：部分项目在省重点项目管理平台填报的形象进度与现场不符，请逐项核实更正。',
      unitId: uid('区发改委'),
      ownerName: null,
      deadline: day(25),
      created: day(-1),
      link: 'coordinating' as SupervisionLink,
      returnCount: 0,
      steps: (c: Date): Step[] => [
        { kind: 'assigned', from: null, to: 'coordinating', note: `办理时限：${day(25)}`, by: bureau, at: c },
      ],
    },
  ];
  for (const f of feedback) {
    const c = at(f.created, '09:00');
    const steps = f.steps(c);
    items.push({
      row: {
        regionCode: REGION,
        projectId: f.projectId,
        source: 'higher_feedback',
        sourceId: null,
        issuedBy: f.issuedBy,
        title: f.title,
        content: f.content,
        unitId: f.unitId,
        ownerName: f.ownerName,
        deadline: f.deadline,
        link: f.link,
        returnCount: f.returnCount,
        createdBy: supervisor.id,
        version: steps.length,
        createdAt: c,
        updatedAt: steps.at(-1)!.at,
      },
      steps,
    });
  }

  const ids = await tx
    .insert(supervisionItems)
    .values(items.map((x) => x.row))
    .returning({ id: supervisionItems.id });
  const events = items.flatMap((x, i) =>
    x.steps.map((s) => ({
      itemId: ids[i]!.id,
      kind: s.kind,
      fromLink: s.from,
      toLink: s.to,
      note: s.note,
      byUserId: s.by.id,
      byName: s.by.name,
      at: s.at,
    })),
  );
  for (let i = 0; i < events.length; i += 500) await tx.insert(supervisionItemEvents).values(events.slice(i, i + 500));
}
