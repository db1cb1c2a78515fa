/** Status tag of a ledger item (one colour per status) and its deadline, red with 逾期 when overdue. */
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ledgerStatusLabels, type LedgerItem, type LedgerStatus } from '@kpc/contracts';
import { labelOf } from '../../../lib/i18n';

export const ledgerStatusColors: Record<LedgerStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  done: 'success',
  blocked: 'error',
};

export function LedgerStatusTag({ status }: { status: LedgerStatus }) {
  return (
    <Tag color={ledgerStatusColors[status]} data-status={status}>
      {labelOf(ledgerStatusLabels, status)}
    </Tag>
  );
}

export function Deadline({ item }: { item: Pick<LedgerItem, 'deadline' | 'overdue'> }) {
  const { t } = useTranslation();
  if (!item.overdue) return <span style={{ whiteSpace: 'nowrap' }}>{item.deadline}</span>;
  return (
    <span style={{ whiteSpace: 'nowrap' }} data-overdue="true">
      <Typography.Text type="danger" strong>
        {item.deadline}
      </Typography.Text>{' '}
      <Tag color="red">{t('ledger.overdue')}</Tag>
    </span>
  );
}
