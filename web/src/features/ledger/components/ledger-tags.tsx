/**
 * Status tag of a ledger item (one colour per status), its deadline (red with 逾期 when overdue, a 长期 tag
 * for a recurring item, which has none) and its latest progress note 进展情况 with the day it was written.
 */
import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ledgerStatusLabels, type LedgerItem, type LedgerStatus } from '@kpc/contracts';
import { shanghaiDate } from '@kpc/domain';
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

export function Deadline({ item }: { item: Pick<LedgerItem, 'deadline' | 'overdue' | 'recurring'> }) {
  const { t } = useTranslation();
  // recurring items are judged by their progress notes, never by a date: never red
  if (item.recurring || item.deadline === null)
    return (
      <Tooltip title={t('ledger.recurringHint')}>
        <Tag color="purple" data-recurring="true" style={{ marginInlineEnd: 0 }}>
          {t('ledger.recurringTag')}
        </Tag>
      </Tooltip>
    );
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

/** The day (Asia/Shanghai) a progress note was written. */
export const progressNoteDay = (item: Pick<LedgerItem, 'progressNoteAt'>) =>
  item.progressNoteAt ? shanghaiDate(new Date(item.progressNoteAt)) : null;

/** 进展情况 and its date, two lines at most (the whole note in the tooltip); a dash without one. */
export function ProgressNote({ item }: { item: Pick<LedgerItem, 'progressNote' | 'progressNoteAt' | 'id'> }) {
  const { t } = useTranslation();
  if (!item.progressNote)
    return (
      <Typography.Text type="secondary" data-testid={`ledger-progress-${item.id}`}>
        {t('ledger.progress.none')}
      </Typography.Text>
    );
  const day = progressNoteDay(item);
  return (
    <div data-testid={`ledger-progress-${item.id}`} style={{ minWidth: 0 }}>
      <Typography.Paragraph ellipsis={{ rows: 2, tooltip: item.progressNote }} style={{ marginBottom: 0 }}>
        {item.progressNote}
      </Typography.Paragraph>
      {day && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('ledger.progress.at', { date: day })}
        </Typography.Text>
      )}
    </div>
  );
}
