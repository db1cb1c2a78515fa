/**
 * One step of the escalation ladder: the step and its status first (the key figure on a phone), the
 * project, why, the evidence (red since, weeks), who proposed and decided it and when; for a proposed step
 * the supervisor confirms it or dismisses it with a reason.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Input, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { shanghaiDate } from '@kpc/domain';
import { escalationStatusLabels, escalationStepLabels, type Escalation } from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import { labelOf } from '../../../lib/i18n';
import { useDecideEscalation, type EscalationDecision } from '../api/escalations';

const stepColor: Record<Escalation['step'], string> = {
  warning: 'gold',
  bulletin: 'orange',
  accountability: 'red',
  statement: 'magenta',
};
const statusColor: Record<Escalation['status'], string> = { proposed: 'processing', confirmed: 'success', dismissed: 'default' };

/** The Asia/Shanghai date of an instant: a step confirmed at 03:00 北京时间 is dated that day, not the day before (UTC). */
const day = (iso: string | null) => (iso ? shanghaiDate(new Date(iso)) : '');

export function EscalationCard({
  e,
  showProject = false,
  mayDecide = false,
}: {
  e: Escalation;
  showProject?: boolean;
  mayDecide?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const decide = useDecideEscalation();
  const run = async (d: EscalationDecision) => {
    try {
      await decide.mutateAsync(d);
      setReason('');
      message.success(t(`escalations.done.${d.kind}`));
    } catch (err) {
      message.error(describeError(err));
    }
  };
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="escalation-card" data-step={e.step} data-status={e.status}>
      <Space wrap size={[8, 4]} style={{ marginBottom: 6 }}>
        <Tag color={stepColor[e.step]} style={{ fontSize: 14 }} data-testid="escalation-step">
          {labelOf(escalationStepLabels, e.step)}
        </Tag>
        <Tag color={statusColor[e.status]} data-testid="escalation-status">
          {labelOf(escalationStatusLabels, e.status)}
        </Tag>
        {e.status === 'confirmed' && (
          <Typography.Text strong data-testid="escalation-date">
            {day(e.decidedAt)}
          </Typography.Text>
        )}
      </Space>
      {showProject && (
        <div>
          <Link to={`/projects/${e.projectId}`}>{e.projectName}</Link>{' '}
          <Typography.Text type="secondary">{e.projectCode}</Typography.Text>
          {e.unitName && <Typography.Text type="secondary"> · {e.unitName}</Typography.Text>}
        </div>
      )}
      <Typography.Paragraph style={{ margin: '4px 0' }}>{e.reason}</Typography.Paragraph>
      {e.evidence && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {t('escalations.evidence', { since: e.evidence.since, weeks: e.evidence.weeks })}
        </Typography.Text>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('escalations.proposedBy', { name: e.proposedBy, at: day(e.proposedAt) })}
        {e.decidedBy &&
          e.status !== 'proposed' &&
          ` · ${t(`escalations.decidedBy.${e.status}`, { name: e.decidedBy, at: day(e.decidedAt) })}`}
      </Typography.Text>
      {e.dismissalReason && <div>{t('escalations.dismissalReason', { reason: e.dismissalReason })}</div>}
      {e.step === 'statement' && e.doneAt && (
        <div data-testid="escalation-statement-done">
          {t('escalations.statementDone', { meeting: e.meetingTitle ?? '', at: day(e.doneAt) })}
        </div>
      )}
      {mayDecide && e.status === 'proposed' && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
          <Input.TextArea
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(ev) => setReason(ev.target.value)}
            placeholder={t('escalations.dismissPlaceholder')}
            data-testid="escalation-reason"
          />
          <Space wrap>
            <Button
              type="primary"
              loading={decide.isPending}
              onClick={() => void run({ kind: 'confirm', id: e.id, version: e.version })}
              data-testid="escalation-confirm"
            >
              {t('escalations.confirm')}
            </Button>
            <Button
              danger
              disabled={!reason.trim()}
              loading={decide.isPending}
              onClick={() => void run({ kind: 'dismiss', id: e.id, version: e.version, reason: reason.trim() })}
              data-testid="escalation-dismiss"
            >
              {t('escalations.dismiss')}
            </Button>
          </Space>
        </Space>
      )}
    </Card>
  );
}
