/**
 * One stage proposal: from → to, the date, the evidence (note and files), who proposed it and how it was
 * decided; the office confirms (with an optional word) or returns it (with a reason), the proposer withdraws it.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Input, Space, Tag, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { stageProposalStatusLabels, type StageProposal } from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import { labelOf } from '../../../lib/i18n';
import { StageTag } from '../../../components/project-tags';
import { AttachmentList } from '../../../components/attachments/attachment-list';
import { stageProposalKeys, useStageProposalStep, type StageProposalStep } from '../api/stage-proposals';

const statusColor: Record<StageProposal['status'], string> = {
  proposed: 'gold',
  confirmed: 'green',
  returned: 'volcano',
  withdrawn: 'default',
};

export function StageProposalCard({ p, showProject = false }: { p: StageProposal; showProject?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const step = useStageProposalStep();
  const run = async (s: StageProposalStep) => {
    try {
      await step.mutateAsync(s);
      setNote('');
      message.success(t(`stageProposals.done.${s.kind}`));
    } catch (e) {
      message.error(describeError(e));
    }
  };
  const { confirm, return: mayReturn, withdraw, upload } = p.permissions;
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="stage-proposal-card">
      <Space wrap size={[8, 4]} style={{ marginBottom: 6 }}>
        <Tag color={statusColor[p.status]} data-testid="stage-proposal-status">
          {labelOf(stageProposalStatusLabels, p.status)}
        </Tag>
        <StageTag stage={p.fromStage} />
        <ArrowRightOutlined />
        <StageTag stage={p.toStage} />
        <Typography.Text strong>{p.onDate}</Typography.Text>
      </Space>
      {showProject && (
        <div>
          <Link to={`/projects/${p.projectId}`}>{p.projectName}</Link>{' '}
          <Typography.Text type="secondary">{p.projectCode}</Typography.Text>
        </div>
      )}
      {p.evidenceNote && (
        <Typography.Paragraph style={{ margin: '4px 0' }}>
          {t('stageProposals.evidence')}：{p.evidenceNote}
        </Typography.Paragraph>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('stageProposals.by', { name: p.proposedByName, at: p.proposedAt.slice(0, 10) })}
        {p.decidedByName && ` · ${t('stageProposals.decidedBy', { name: p.decidedByName, at: p.decidedAt?.slice(0, 10) })}`}
      </Typography.Text>
      {p.decisionNote && <div>{t('stageProposals.decisionNote', { note: p.decisionNote })}</div>}
      {(upload || p.attachmentCount > 0) && (
        <div style={{ marginTop: 8 }}>
          <AttachmentList
            owner="stage-proposals"
            ownerId={p.id}
            canUpload={upload}
            readOnly={!upload}
            labels={{ upload: t('stageProposals.upload'), none: t('stageProposals.noFiles') }}
            testId="stage-proposal-files"
            alsoInvalidate={[stageProposalKeys.all]}
          />
        </div>
      )}
      {(confirm || mayReturn) && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
          <Input.TextArea
            rows={2}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder={t('stageProposals.notePlaceholder')}
            data-testid="stage-proposal-note"
          />
          <Space wrap>
            <Button
              type="primary"
              loading={step.isPending}
              onClick={() => void run({ kind: 'confirm', id: p.id, version: p.version, note: note.trim() || null })}
              data-testid="stage-proposal-confirm"
            >
              {t('stageProposals.confirm')}
            </Button>
            <Button
              danger
              disabled={!note.trim()}
              loading={step.isPending}
              onClick={() => void run({ kind: 'return', id: p.id, version: p.version, note: note.trim() })}
              data-testid="stage-proposal-return"
            >
              {t('stageProposals.return')}
            </Button>
          </Space>
        </Space>
      )}
      {withdraw && (
        <div style={{ marginTop: 8 }}>
          <Button
            size="small"
            loading={step.isPending}
            onClick={() => void run({ kind: 'withdraw', id: p.id, version: p.version })}
            data-testid="stage-proposal-withdraw"
          >
            {t('stageProposals.withdraw')}
          </Button>
        </div>
      )}
    </Card>
  );
}
