/**
 * 周调度: the weekly dispatch as a GB/T 9704 document (reports/docx.ts) — 版头 with the 发文字号, the
 * district summary (colours and their changes, nodes finished, problems raised and solved, decisions
 * due), the table of every project's progress, the decisions due this week, and the 版记.
 */
import type { WeeklyDispatchContent } from '@kpc/contracts';
import { writeOfficialDocx, type DocBlock } from './docx.js';
import { chineseDate } from './minutes-docx.js';
import { cn, colourWithChange, frame, monthDay, type ReportDocMeta } from './supervision-report-parts.js';

export const dispatchTitle = (c: WeeklyDispatchContent, week: number) =>
  `${Number(c.dueWeek.from.slice(0, 4))}年第${week}周重点项目调度情况`;

export function writeDispatchDocx(c: WeeklyDispatchContent, week: number, meta: ReportDocMeta): Promise<Buffer> {
  const s = c.summary;
  const total = s.colours.green + s.colours.yellow + s.colours.red;
  let n = 0;
  const blocks: DocBlock[] = [
    {
      kind: 'paragraph',
      text: `现将上周（${monthDay(c.reviewed.from)}至${monthDay(c.reviewed.to)}）重点项目推进情况和本周（${monthDay(c.dueWeek.from)}至${monthDay(c.dueWeek.to)}）到期议定事项调度如下。`,
    },
    { kind: 'heading1', text: `${cn(++n)}、总体情况` },
    {
      kind: 'paragraph',
      text:
        `${c.regionName}${total}个重点项目中，绿色${s.colours.green}个、黄色${s.colours.yellow}个、红色${s.colours.red}个；上周颜色转差${s.changes.worse}个、好转${s.changes.better}个。` +
        `上周完成节点${s.milestonesFinished}个，新增问题${s.problemsNew}个、解决问题${s.problemsSolved}个；本周到期议定事项${s.decisionsDue}项。`,
    },
    { kind: 'heading1', text: `${cn(++n)}、项目推进情况` },
    {
      kind: 'table',
      columns: [
        { header: '序号', chars: 2 },
        { header: '项目名称', chars: 7 },
        { header: '颜色', chars: 3 },
        { header: '上周进展', chars: 9 },
        { header: '问题新增/解决', chars: 4 },
        { header: '本周到期', chars: 3 },
      ],
      rows: c.projects.map((p, i) => [
        String(i + 1),
        p.name,
        colourWithChange(p.rag, p.ragBefore),
        [
          ...(p.progressNote ? [p.progressNote] : []),
          ...p.milestonesFinished.map((m) => `完成「${m.label}」`),
          ...p.milestonesInProgress.map((m) => `推进「${m.label}」`),
        ].join('\n') || '—',
        `${p.problemsNew.length}/${p.problemsSolved.length}`,
        p.decisionsDue.length ? `${p.decisionsDue.length}项` : '—',
      ]),
    },
  ];
  const due = c.projects.flatMap((p) => p.decisionsDue.map((d) => ({ ...d, projectName: p.name })));
  blocks.push({ kind: 'heading1', text: `${cn(++n)}、本周到期议定事项（${due.length}项）` });
  if (due.length)
    blocks.push({
      kind: 'table',
      columns: [
        { header: '序号', chars: 2 },
        { header: '项目', chars: 7 },
        { header: '议定事项', chars: 13 },
        { header: '时限', chars: 6 },
      ],
      rows: due.map((d, i) => [String(i + 1), d.projectName, d.label, chineseDate(d.deadline)]),
    });
  else blocks.push({ kind: 'paragraph', text: '本周无到期议定事项。' });
  return writeOfficialDocx({
    ...frame(c.regionName, `${c.regionName}重点项目周调度`, meta),
    title: dispatchTitle(c, week),
    blocks,
  });
}
