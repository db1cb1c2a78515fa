/**
 * 定时任务: the scheduled jobs (nightly backup, clean-up, audit archiving), one card each: the last run's
 * status and what it did first, then when it runs, the error of a failed run, 立即运行, and the recent runs.
 * The system administrator's whose region covers every account (the server answers 403 to others).
 */
import { Alert, App, Button, Card, Col, Empty, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { jobLabels, type JobRun, type JobView } from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import { addScreenStrings, labelOf } from '../../../lib/i18n';
import zhJobs from '../../../locales/zh-CN/jobs.json';
import enJobs from '../../../locales/en/jobs.json';
import { PageSpinner } from '../../../components/page-spinner';
import { useJobs } from '../api/list-jobs';
import { useRunJob } from '../api/run-job';
import { durationText, isManual, resultText, scheduleText } from './job-format';
import './jobs.css';

addScreenStrings({ 'zh-CN': zhJobs, en: enJobs });

const statusColors: Record<JobRun['status'], string> = { running: 'processing', succeeded: 'success', failed: 'error' };
const at = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—');

function RunStatusTag({ status, testId }: { status: JobRun['status']; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColors[status]} data-testid={testId} style={{ marginInlineEnd: 0 }}>
      {t(`jobs.status.${status}`)}
    </Tag>
  );
}

export default function JobsPage() {
  const { t } = useTranslation();
  const { data, isPending, error, refetch, isFetching } = useJobs();

  return (
    <div className="kpc-page">
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('nav.jobs')}
          </Typography.Title>
        }
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void refetch()} loading={isFetching && !isPending}>
            <span className="kpc-hide-phone">{t('jobs.refresh')}</span>
          </Button>
        }
        styles={{ body: { paddingTop: 12 } }}
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {t('jobs.intro')}
        </Typography.Paragraph>
        {isPending ? (
          <PageSpinner inline />
        ) : error ? (
          <Alert type="error" showIcon title={describeError(error)} data-testid="jobs-error" />
        ) : (
          <Row gutter={[12, 12]}>
            {data.items.map((job) => (
              <Col key={job.name} xs={24} lg={12} xxl={8}>
                <JobCard job={job} />
              </Col>
            ))}
          </Row>
        )}
      </Card>
    </div>
  );
}

function JobCard({ job }: { job: JobView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const run = useRunJob();
  const last = job.runs[0];
  const label = labelOf(jobLabels, job.name);
  const summary = last ? resultText(job.name, last.result, t) : null;

  const runNow = () =>
    run.mutate(job.name, {
      onSuccess: (r) => {
        if (r.outcome === 'succeeded') message.success(t('jobs.outcome.succeeded', { job: label }));
        else if (r.outcome === 'failed') message.error(t('jobs.outcome.failed', { job: label, error: r.run?.error ?? '' }), 6);
        else message.info(t(`jobs.outcome.${r.outcome}`, { job: label }));
      },
      onError: (e) => message.error(describeError(e)),
    });

  return (
    <Card
      className="kpc-job-card"
      data-testid={`job-${job.name}`}
      title={label}
      extra={
        last ? (
          <RunStatusTag status={last.status} testId={`job-${job.name}-status`} />
        ) : (
          <Tag data-testid={`job-${job.name}-status`}>{t('jobs.never')}</Tag>
        )
      }
      style={{ height: '100%' }}
    >
      {summary && (
        <div className="kpc-job-result" data-testid={`job-${job.name}-result`}>
          {summary}
        </div>
      )}
      {last?.status === 'failed' && last.error && (
        <Alert
          type="error"
          showIcon
          title={t('jobs.failedWith')}
          description={<span data-testid={`job-${job.name}-error`}>{last.error}</span>}
        />
      )}
      <dl className="kpc-job-facts">
        <dt>{t('jobs.lastRun')}</dt>
        <dd>
          {last ? (
            <>
              {at(last.startedAt)}
              {durationText(last, t) && ` · ${durationText(last, t)}`}
              {last.attempts > 1 && ` · ${t('jobs.attempts', { count: last.attempts })}`}
            </>
          ) : (
            t('jobs.never')
          )}
        </dd>
        <dt>{t('jobs.schedule')}</dt>
        <dd title={job.pattern}>{scheduleText(job.pattern, t)}</dd>
        <dt>{t('jobs.nextRun')}</dt>
        <dd data-testid={`job-${job.name}-next`}>{at(job.nextRunAt)}</dd>
      </dl>
      <Popconfirm
        title={t('jobs.runConfirm', { job: label })}
        description={t('jobs.runConfirmHint')}
        okText={t('jobs.runNow')}
        cancelText={t('common.cancel')}
        onConfirm={runNow}
        okButtonProps={{ 'data-testid': `job-${job.name}-run-ok` } as Record<string, string>}
      >
        <Button
          icon={<PlayCircleOutlined />}
          loading={run.isPending}
          disabled={last?.status === 'running'}
          data-testid={`job-${job.name}-run`}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('jobs.runNow')}
        </Button>
      </Popconfirm>
      <div>
        <Typography.Text strong>{t('jobs.recentRuns')}</Typography.Text>
        {job.runs.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('jobs.never')} style={{ margin: '8px 0' }} />
        ) : (
          <ul className="kpc-job-runs" data-testid={`job-${job.name}-runs`}>
            {job.runs.map((r) => (
              <li key={r.id}>
                <RunStatusTag status={r.status} />
                <span>{at(r.startedAt)}</span>
                <Space size={4}>
                  {durationText(r, t) && <Typography.Text type="secondary">{durationText(r, t)}</Typography.Text>}
                  {isManual(r) && <Tag style={{ marginInlineEnd: 0 }}>{t('jobs.manual')}</Tag>}
                  {r.attempts > 1 && (
                    <Typography.Text type="secondary">{t('jobs.attempts', { count: r.attempts })}</Typography.Text>
                  )}
                </Space>
                <span className="kpc-job-run-summary">
                  {r.status === 'failed' ? r.error : (resultText(job.name, r.result, t) ?? '')}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
