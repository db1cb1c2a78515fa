/**
 * 阶段变更申请: the office's queue of proposals waiting for it (and the decided ones), a unit's or an
 * enterprise's own. Cards at every width: a proposal is read, not compared across columns.
 */
import { useState } from 'react';
import { Alert, Card, Empty, Pagination, Segmented, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { stageProposalStatusLabels, stageProposalStatuses, type StageProposalStatus } from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import { labelOf } from '../../../lib/i18n';
import { useStageProposals } from '../api/stage-proposals';
import { StageProposalCard } from './stage-proposal-card';

export default function StageProposalsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<StageProposalStatus | 'all'>('proposed');
  const [page, setPage] = useState(1);
  const query = { status: status === 'all' ? undefined : status, page, pageSize: 20 };
  const { data, isPending, error } = useStageProposals(query);
  return (
    <div className="kpc-page">
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('nav.stageProposals')}
          </Typography.Title>
        }
      >
        <Segmented
          style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }}
          value={status}
          onChange={(v) => (setStatus(v as StageProposalStatus | 'all'), setPage(1))}
          options={[
            ...stageProposalStatuses.map((s) => ({ value: s, label: labelOf(stageProposalStatusLabels, s) })),
            { value: 'all', label: t('stageProposals.all') },
          ]}
          data-testid="stage-proposals-status"
        />
        {error ? (
          <Alert type="error" showIcon title={describeError(error)} />
        ) : isPending ? (
          <Skeleton active />
        ) : !data?.items.length ? (
          <Empty description={t('stageProposals.none')} />
        ) : (
          <>
            {data.items.map((p) => (
              <StageProposalCard key={p.id} p={p} showProject />
            ))}
            <Pagination current={page} pageSize={20} total={data.total} onChange={setPage} size="small" />
          </>
        )}
      </Card>
    </div>
  );
}
