/**
 * 列入督办: the supervision bureau puts a ledger item or a leader instruction under supervision — it becomes a
 * supervision item 督办事项 with the record's text, unit and deadline (a recurring ledger item needs one given).
 * Once per record: a second press says it already is. Shown to the bureau only (the server decides again).
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, DatePicker, Popconfirm } from 'antd';
import { FlagOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { access } from '../lib/access';
import { api, describeError, isApiError } from '../lib/api';
import { useCurrentUser } from '../lib/session';

interface Props {
  source: 'ledger_item' | 'leader_instruction';
  sourceId: number;
  /** The record has no deadline of its own (a recurring ledger item): ask for one. */
  needsDeadline?: boolean;
  testId?: string;
}

export function SuperviseButton({ source, sourceId, needsDeadline = false, testId = 'supervise-button' }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [deadline, setDeadline] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  if (!access.createSupervisionItem(user)) return null;
  const run = async () => {
    setBusy(true);
    try {
      const item = await api.post<{ id: number }>('/supervision/items', {
        source,
        sourceId,
        ...(deadline ? { deadline: deadline.format('YYYY-MM-DD') } : {}),
      });
      message.success(
        <span>
          {t('supervisionItems.supervised')}{' '}
          <Link to={`/supervision/items?item=${item.id}`}>{t('supervisionItems.openItem')}</Link>
        </span>,
      );
    } catch (e) {
      if (isApiError(e, 'DUPLICATE')) message.info(t('supervisionItems.supervised'));
      else message.error(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  const button = (
    <Button size="small" icon={<FlagOutlined />} loading={busy} onClick={needsDeadline ? undefined : run} data-testid={testId}>
      {t('supervisionItems.supervise')}
    </Button>
  );
  if (!needsDeadline) return button;
  return (
    <Popconfirm
      title={t('supervisionItems.superviseDeadline')}
      description={<DatePicker value={deadline} onChange={setDeadline} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />}
      okButtonProps={{ disabled: !deadline }}
      onConfirm={run}
    >
      {button}
    </Popconfirm>
  );
}
