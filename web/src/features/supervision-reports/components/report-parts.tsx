/** Small pieces of the report screens: colour counts, a colour tag with its change. */
import { Space, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { ragLabels, type Rag, type SupervisionReportKind } from '@kpc/contracts';
import { labelOf } from '../../../lib/i18n';

export const ragTagColor: Record<Rag, string> = { red: 'red', yellow: 'gold', green: 'green' };

export function RagTag({ rag, before }: { rag: Rag; before?: Rag | null }) {
  return (
    <Tag color={ragTagColor[rag]} data-testid={`rag-tag-${rag}`}>
      {before && before !== rag ? `${labelOf(ragLabels, before)} → ` : ''}
      {labelOf(ragLabels, rag)}
    </Tag>
  );
}

export function ColourCounts({ counts, compact }: { counts: Record<Rag, number>; compact?: boolean }) {
  return (
    <Space size={compact ? 4 : 8} wrap>
      {(['red', 'yellow', 'green'] as const).map((r) => (
        <Tag key={r} color={ragTagColor[r]} style={compact ? { marginInlineEnd: 0 } : undefined}>
          {labelOf(ragLabels, r)} {counts[r]}
        </Tag>
      ))}
    </Space>
  );
}

/** 2026年第49周 / 2026年12月 (and the English). */
export function periodLabel(kind: SupervisionReportKind, period: string, t: TFunction): string {
  return kind === 'weekly_dispatch'
    ? t('reports.weekLabel', { year: period.slice(0, 4), week: Number(period.slice(6)) })
    : t('reports.monthLabel', { year: period.slice(0, 4), month: Number(period.slice(5, 7)) });
}
