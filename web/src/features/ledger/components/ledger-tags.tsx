/**
 * Status tag of a ledger item (one colour per status), its deadline (red with 逾期 when overdue, a 长期 tag
 * for a recurring item, which has none) and its latest progress note 进展情况 with the day it was written,
 * with the open problems 存在问题 of its project raised for its unit (a link to the project's problems).
 */
import { Link } from 'react-router';
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
/** 存在问题 N: the open problems of the item's project raised for its unit, linking to the project's problems. */
export function OpenProblems({ item }: { item: Pick<LedgerItem, 'openProblems' | 'projectId' | 'id'> }) {
  const { t } = useTranslation();
  if (!item.openProblems) return null;
  return (
    <Link to={`/projects/${item.projectId}?tab=problems`} onClick={(e) => e.stopPropagation()}>
      <Tag color="volcano" data-testid={`ledger-problems-${item.id}`} style={{ marginTop: 2 }}>
        {t('ledger.openProblems', { count: item.openProblems })}
      </Tag>
    </Link>
  );
}

export function ProgressNote({
  item,
}: {
  item: Pick<LedgerItem, 'progressNote' | 'progressNoteAt' | 'id' | 'openProblems' | 'projectId'>;
}) {
  const { t } = useTranslation();
  if (!item.progressNote)
    return (
      <div style={{ minWidth: 0 }}>
        <Typography.Text type="secondary" data-testid={`ledger-progress-${item.id}`}>
          {t('ledger.progress.none')}
        </Typography.Text>
        <OpenProblems item={item} />
      </div>
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
      <div>
        <OpenProblems item={item} />
      </div>
    </div>
  );
}
