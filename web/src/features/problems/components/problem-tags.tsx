/** A problem's status and its deadline as the lists show them (overdue in red). */
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { problemStatusLabels, type Problem, type ProblemStatus } from '@kpc/contracts';
import { labelOf } from '../../../lib/i18n';

export const statusColor: Record<ProblemStatus, string> = {
  open: 'blue',
  in_progress: 'gold',
  resolved: 'green',
  verified: 'cyan',
  escalated: 'volcano',
};

export function ProblemStatusTag({ status }: { status: ProblemStatus }) {
  return <Tag color={statusColor[status]}>{labelOf(problemStatusLabels, status)}</Tag>;
}

export function ProblemDeadline({ problem }: { problem: Problem }) {
  const { t } = useTranslation();
  if (!problem.deadline) return <Typography.Text type="secondary">{t('problems.noDeadline')}</Typography.Text>;
  return (
    <Typography.Text
      type={problem.overdue ? 'danger' : 'secondary'}
      data-testid={problem.overdue ? 'problem-overdue' : undefined}
    >
      {problem.deadline}
      {problem.overdue ? ` ${t('problems.overdue')}` : ''}
    </Typography.Text>
  );
}
