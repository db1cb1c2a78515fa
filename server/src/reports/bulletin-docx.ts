/**
 * 月督导通报: the monthly supervision bulletin as a GB/T 9704 document (reports/docx.ts) — 版头 with the
 * 发文字号, the opening paragraph with the figures, the colour situation and its changes, the red and
 * yellow lists with their reasons, the overdue decisions, problems and supervision items, the month's
 * escalation steps, what is required next, and the 版记 (抄送, 印发).
 */
import type { MonthlyBulletinContent, OverdueRecord } from '@kpc/contracts';
import { writeOfficialDocx, type DocBlock } from './docx.js';
import { cn, colourWord, frame, type ReportDocMeta } from './supervision-report-parts.js';
import { chineseDate } from './minutes-docx.js';

export const bulletinTitle = (c: MonthlyBulletinContent) =>
  `关于${Number(c.month.from.slice(0, 4))}年${Number(c.month.from.slice(5, 7))}月重点项目三色督办情况的通报`;

function overdueTable(list: readonly OverdueRecord[], what: string): DocBlock {
  return {
    kind: 'table',
    columns: [
      { header: '序号', chars: 2 },
      { header: '项目', chars: 7 },
      { header: what, chars: 11 },
      { header: '时限', chars: 5 },
      { header: '逾期天数', chars: 3 },
    ],
    rows: list.map((x, i) => [String(i + 1), x.projectName, x.label, chineseDate(x.deadline), String(x.daysOverdue)]),
  };
}

export function writeBulletinDocx(c: MonthlyBulletinContent, meta: ReportDocMeta): Promise<Buffer> {
  const blocks: DocBlock[] = [{ kind: 'paragraph', text: c.opening['zh-CN'] }];
  let n = 0;
  const total = c.colours.green + c.colours.yellow + c.colours.red;
  blocks.push({ kind: 'heading1', text: `${cn(++n)}、总体情况` });
  const worse = c.changes.list.filter(
    (x) => ['green', 'yellow', 'red'].indexOf(x.to) > ['green', 'yellow', 'red'].indexOf(x.from),
  );
  const better = c.changes.list.filter((x) => !worse.includes(x));
  blocks.push({
    kind: 'paragraph',
    text:
      `截至${chineseDate(c.asOf)}，全${c.regionName.slice(-1)}${total}个重点项目中，绿色${c.colours.green}个、黄色${c.colours.yellow}个、红色${c.colours.red}个。` +
      (worse.length
        ? `颜色转差的项目：${worse.map((x) => `${x.name}（${colourWord[x.from]}转${colourWord[x.to]}）`).join('、')}。`
        : '本月无颜色转差的项目。') +
      (better.length
        ? `颜色好转的项目：${better.map((x) => `${x.name}（${colourWord[x.from]}转${colourWord[x.to]}）`).join('、')}。`
        : ''),
  });
  for (const [rag, list] of [
    ['red', c.red],
    ['yellow', c.yellow],
  ] as const) {
    blocks.push({ kind: 'heading1', text: `${cn(++n)}、${colourWord[rag]}项目（${list.length}个）` });
    if (list.length)
      blocks.push({
        kind: 'table',
        columns: [
          { header: '序号', chars: 2 },
          { header: '项目名称', chars: 9 },
          { header: '主要原因', chars: 17 },
        ],
        rows: list.map((p, i) => [
          String(i + 1),
          p.name,
          [
            ...p.reasons.map((r) => r.message['zh-CN']),
            ...(p.overridden ? [`人工调整为${colourWord[rag]}：${p.overrideReason ?? ''}`] : []),
          ].join('\n') || '—',
        ]),
      });
    else blocks.push({ kind: 'paragraph', text: `本月无${colourWord[rag]}项目。` });
  }
  blocks.push({ kind: 'heading1', text: `${cn(++n)}、逾期事项` });
  let sub = 0;
  blocks.push({ kind: 'heading2', text: `（${cn(++sub)}）逾期未完成的议定事项（${c.overdueDecisions.length}项）。` });
  blocks.push(c.overdueDecisions.length ? overdueTable(c.overdueDecisions, '议定事项') : { kind: 'paragraph', text: '无。' });
  blocks.push({ kind: 'heading2', text: `（${cn(++sub)}）超期未解决的问题（${c.overdueProblems.length}个）。` });
  blocks.push(c.overdueProblems.length ? overdueTable(c.overdueProblems, '问题') : { kind: 'paragraph', text: '无。' });
  if (c.overdueSupervisionItems.length) {
    blocks.push({ kind: 'heading2', text: `（${cn(++sub)}）逾期督办事项（${c.overdueSupervisionItems.length}项）。` });
    blocks.push(overdueTable(c.overdueSupervisionItems, '督办事项'));
  }
  blocks.push({ kind: 'heading1', text: `${cn(++n)}、督办问责情况` });
  if (c.escalations.length)
    blocks.push({
      kind: 'table',
      columns: [
        { header: '序号', chars: 2 },
        { header: '措施', chars: 4 },
        { header: '对象', chars: 7 },
        { header: '事由', chars: 10 },
        { header: '日期', chars: 5 },
      ],
      rows: c.escalations.map((e, i) => [String(i + 1), e.step, e.subject, e.reason, chineseDate(e.date)]),
    });
  else blocks.push({ kind: 'paragraph', text: '本月无通报批评、问责和表态发言事项。' });
  blocks.push({ kind: 'heading1', text: `${cn(++n)}、下步要求` });
  blocks.push({
    kind: 'paragraph',
    text: '红色、黄色项目的责任单位和包联领导要对照通报所列原因逐项整改，逾期事项限期办结，整改情况纳入下月督导；连续红色的项目按督办问责程序办理。',
  });
  return writeOfficialDocx({
    ...frame(c.regionName, `${c.regionName}重点项目督查通报`, meta),
    title: bulletinTitle(c),
    blocks,
  });
}
