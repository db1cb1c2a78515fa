/**
 * 会议纪要: a meeting's minutes as a GB/T 9704 document (reports/docx.ts): title, time, place, chair,
 * attendees, the minutes text, what was discussed per project, then the decisions table.
 */
import { writeOfficialDocx, type DocBlock } from './docx.js';

export interface MinutesInput {
  title: string;
  /** e.g. 2026年7月16日 09:30 */
  when: string;
  place: string | null;
  chair: string | null;
  attendees: string[];
  minutes: string | null;
  agenda: { projectName: string; notes: string | null }[];
  decisions: { content: string; unitName: string; ownerName: string | null; deadline: string }[];
  problemsRaised: { projectName: string; description: string }[];
  problemsSolved: { projectName: string; description: string; resolution: string | null }[];
}

const CN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cn = (n: number) => (n <= 10 ? CN_NUMERALS[n - 1]! : String(n));

/** 2026-07-31 → 2026年7月31日 */
export const chineseDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export function writeMinutesDocx(m: MinutesInput): Promise<Buffer> {
  const blocks: DocBlock[] = [
    { kind: 'field', label: '时间', value: m.when },
    { kind: 'field', label: '地点', value: m.place ?? '—' },
    { kind: 'field', label: '主持', value: m.chair ?? '—' },
    { kind: 'field', label: '参会人员', value: m.attendees.length ? m.attendees.join('、') : '—' },
  ];
  if (m.minutes) blocks.push({ kind: 'paragraph', text: m.minutes });
  let section = 0;
  if (m.agenda.length) {
    blocks.push({ kind: 'heading1', text: `${cn(++section)}、研究项目` });
    m.agenda.forEach((a, i) =>
      blocks.push({ kind: 'heading2', text: `（${cn(i + 1)}）${a.projectName}。`, body: a.notes ?? '' }),
    );
  }
  if (m.problemsSolved.length || m.problemsRaised.length) {
    blocks.push({ kind: 'heading1', text: `${cn(++section)}、协调解决问题` });
    for (const p of m.problemsSolved)
      blocks.push({ kind: 'paragraph', text: `${p.projectName}：${p.description}（已现场解决：${p.resolution ?? ''}）` });
    for (const p of m.problemsRaised) blocks.push({ kind: 'paragraph', text: `${p.projectName}：${p.description}（待解决）` });
  }
  blocks.push({ kind: 'heading1', text: `${cn(++section)}、议定事项` });
  if (m.decisions.length)
    blocks.push({
      kind: 'table',
      columns: [
        { header: '序号', chars: 2 },
        { header: '议定事项', chars: 12 },
        { header: '责任单位', chars: 6 },
        { header: '责任人', chars: 3 },
        { header: '完成时限', chars: 5 },
      ],
      rows: m.decisions.map((d, i) => [String(i + 1), d.content, d.unitName, d.ownerName ?? '', chineseDate(d.deadline)]),
    });
  else blocks.push({ kind: 'paragraph', text: '本次会议无议定事项。' });
  return writeOfficialDocx({ title: m.title, subtitle: '会议纪要', blocks });
}
