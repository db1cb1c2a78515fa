/**
 * 督查工作台: what waits for the supervision bureau — 待确认的问责建议 (proposed escalation steps, confirmed
 * or dismissed here), 逾期事项 (overdue decisions, problems and ledger items, most overdue first) and
 * 待核验 (supervision items in checking). Desktop: the overdue records as a table; phone: cards with the
 * days overdue first.
 */
import { Link } from 'react-router';
import { Alert, Badge, Card, Empty, Grid, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WorkbenchOverdue } from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import { PageSpinner } from '../../../components/page-spinner';
import { useWorkbench } from '../api/escalations';
import { EscalationCard } from './escalation-card';

function SectionTitle({ text, count, testId }: { text: string; count: number; testId: string }) {
  return (
    <Space>
      <span>{text}</span>
      <Badge count={count} showZero color={count ? '#cf1322' : '#bfbfbf'} data-testid={testId} />
    </Space>
  );
}

const kindColor: Record<WorkbenchOverdue['kind'], string> = { decision: 'blue', problem: 'volcano', ledger_item: 'purple' };

export default function WorkbenchPage() {
  const { t } = useTranslation();
  const isPhone = !Grid.useBreakpoint().md;
  const { data, isPending, error } = useWorkbench();
  if (isPending) return <PageSpinner />;
  if (error || !data)
    return (
      <div className="kpc-page">
        <Alert type="error" showIcon title={describeError(error)} />
      </div>
    );
  const kind = (k: WorkbenchOverdue['kind']) => <Tag color={kindColor[k]}>{t(`workbench.kind.${k}`)}</Tag>;
  const project = (o: WorkbenchOverdue) => <Link to={`/projects/${o.projectId}`}>{o.projectName}</Link>;
  return (
    <div className="kpc-page" data-testid="workbench-page">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('nav.workbench')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('workbench.asOf', { date: data.asOf })}</Typography.Paragraph>

      <Card
        title={<SectionTitle text={t('workbench.proposed')} count={data.counts.proposed} testId="workbench-proposed-count" />}
        style={{ marginBottom: 16 }}
        data-testid="workbench-proposed"
      >
        {data.proposed.length === 0 ? (
          <Empty description={t('workbench.noneProposed')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          data.proposed.map((e) => <EscalationCard key={e.id} e={e} showProject mayDecide />)
        )}
      </Card>

      <Card
        title={<SectionTitle text={t('workbench.overdue')} count={data.counts.overdue} testId="workbench-overdue-count" />}
        style={{ marginBottom: 16 }}
        data-testid="workbench-overdue"
      >
        {data.overdue.length === 0 ? (
          <Empty description={t('workbench.noneOverdue')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : isPhone ? (
          data.overdue.map((o) => (
            <Card size="small" key={`${o.kind}-${o.id}`} style={{ marginBottom: 8 }} data-testid="workbench-overdue-card">
              <Space size={8} wrap>
                <Typography.Text strong type="danger" style={{ fontSize: 18 }}>
                  {t('workbench.daysOverdue', { count: o.daysOverdue })}
                </Typography.Text>
                {kind(o.kind)}
              </Space>
              <div>{o.label}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {project(o)} · {t('workbench.deadline', { date: o.deadline })}
              </Typography.Text>
            </Card>
          ))
        ) : (
          <Table<WorkbenchOverdue>
            rowKey={(o) => `${o.kind}-${o.id}`}
            size="small"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={data.overdue}
            columns={[
              {
                title: t('workbench.col.days'),
                dataIndex: 'daysOverdue',
                width: 100,
                render: (v: number) => (
                  <Typography.Text strong type="danger">
                    {t('workbench.daysOverdue', { count: v })}
                  </Typography.Text>
                ),
              },
              { title: t('workbench.col.kind'), dataIndex: 'kind', width: 110, render: kind },
              { title: t('workbench.col.label'), dataIndex: 'label' },
              { title: t('workbench.col.project'), dataIndex: 'projectName', width: 260, render: (_: string, o) => project(o) },
              { title: t('workbench.col.deadline'), dataIndex: 'deadline', width: 120 },
            ]}
          />
        )}
      </Card>

      <Card
        title={<SectionTitle text={t('workbench.toVerify')} count={data.counts.toVerify} testId="workbench-to-verify-count" />}
        data-testid="workbench-to-verify"
      >
        {data.toVerify.length === 0 ? (
          <Empty description={t('workbench.noneToVerify')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          data.toVerify.map((v) => (
            <Card size="small" key={v.id} style={{ marginBottom: 8 }}>
              <div>{v.label}</div>
              {v.projectId && <Link to={`/projects/${v.projectId}`}>{v.projectName}</Link>}
            </Card>
          ))
        )}
      </Card>
    </div>
  );
}
