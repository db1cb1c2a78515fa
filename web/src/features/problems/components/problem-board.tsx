/** The board by status: five columns (open, in progress, resolved, verified, escalated), each with its count and its cards. */
import { Badge, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { problemStatusLabels, type Problem, type ProblemStatus } from '@kpc/contracts';
import { labelOf } from '../../../lib/i18n';
import { useProblemBoard, useProblemList, type ProblemFilters } from '../api/list-problems';
import { ProblemCard } from './problem-card';
import { statusColor } from './problem-tags';

export const boardColumns: ProblemStatus[] = ['open', 'in_progress', 'resolved', 'verified', 'escalated'];

function Column({
  status,
  filters,
  count,
  onOpen,
}: {
  status: ProblemStatus;
  filters: ProblemFilters;
  count: number;
  onOpen: (p: Problem) => void;
}) {
  const { t } = useTranslation();
  const { data } = useProblemList({ ...filters, status, page: 1, pageSize: 50 });
  const items = data?.items ?? [];
  return (
    <div className="kpc-problem-column" data-testid={`problem-column-${status}`}>
      <div className="kpc-problem-column-head">
        <Typography.Text strong>{labelOf(problemStatusLabels, status)}</Typography.Text>
        <Badge count={count} showZero color={statusColor[status]} overflowCount={9999} />
      </div>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('problems.none')} />
      ) : (
        items.map((p) => <ProblemCard key={p.id} problem={p} onOpen={() => onOpen(p)} />)
      )}
      {count > items.length && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('problems.more', { count: count - items.length })}
        </Typography.Text>
      )}
    </div>
  );
}

export function ProblemBoardView({ filters, onOpen }: { filters: Omit<ProblemFilters, 'status'>; onOpen: (p: Problem) => void }) {
  const { data } = useProblemBoard(filters);
  return (
    <div className="kpc-problem-board" data-testid="problem-board">
      {boardColumns.map((s) => (
        <Column key={s} status={s} filters={filters} count={data?.counts[s] ?? 0} onOpen={onOpen} />
      ))}
    </div>
  );
}
