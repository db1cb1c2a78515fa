/**
 * Excel import (office): pick ledger items or the project library, download the template, upload a .xlsx.
 * First a dry run — every row validated, each bad cell listed as 行 / 列 / 原因, nothing written — then the
 * real import, all or nothing, with a progress bar fed by the job, and what it created, updated, left unchanged.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Progress, Radio, Result, Space, Statistic, Steps, Table, Typography, Upload } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ImportJob, ImportKind, ImportReading, ImportRowError } from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import { startImport, templateUrl, useImportJob } from '../api/imports';

export default function ImportsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [kind, setKind] = useState<ImportKind>('ledger_items');
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState<ImportJob | null>(null);
  const [started, setStarted] = useState<ImportJob | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const polled = useImportJob(started && started.status !== 'done' && started.status !== 'invalid' ? started.id : null);
  const job = polled.data ?? started;

  const reset = () => {
    setDryRun(null);
    setStarted(null);
  };

  const check = async (f: File) => {
    setFile(f);
    reset();
    setBusy('check');
    try {
      setDryRun(await startImport(kind, f, true, t('import.failed')));
    } catch (e) {
      message.error(describeError(e));
    } finally {
      setBusy(null);
    }
  };

  const runImport = async () => {
    if (!file) return;
    setBusy('import');
    try {
      setStarted(await startImport(kind, file, false, t('import.failed')));
    } catch (e) {
      message.error(describeError(e));
    } finally {
      setBusy(null);
    }
  };

  const step = job ? (job.status === 'done' ? 3 : 2) : dryRun ? (dryRun.status === 'done' ? 2 : 1) : file ? 1 : 0;
  const running = job && (job.status === 'validating' || job.status === 'importing');

  return (
    <div className="kpc-page">
      <Card title={t('import.title')}>
        <Steps
          size="small"
          current={step}
          style={{ marginBottom: 20 }}
          items={[
            { title: t('import.step.choose') },
            { title: t('import.step.check') },
            { title: t('import.step.import') },
            { title: t('import.step.done') },
          ]}
        />
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Space wrap>
            <Radio.Group
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as ImportKind);
                setFile(null);
                reset();
              }}
              optionType="button"
              buttonStyle="solid"
              data-testid="import-kind"
              options={[
                { value: 'ledger_items', label: t('import.kind.ledger_items') },
                { value: 'projects', label: t('import.kind.projects') },
                { value: 'problems', label: t('import.kind.problems') },
              ]}
            />
            <Button icon={<DownloadOutlined />} href={templateUrl(kind)} data-testid="import-template">
              {t('import.template')}
            </Button>
          </Space>
          <Typography.Text type="secondary">{t(`import.hint.${kind}`)}</Typography.Text>
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            disabled={busy !== null || Boolean(running)}
            beforeUpload={(f) => {
              void check(f);
              return false;
            }}
            data-testid="import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{file ? file.name : t('import.drop')}</p>
            <p className="ant-upload-hint">{t('import.dropHint')}</p>
          </Upload.Dragger>

          {busy === 'check' && <Progress percent={50} status="active" showInfo={false} />}

          {dryRun && !started && <DryRunResult job={dryRun} onImport={runImport} importing={busy === 'import'} />}

          {job && (
            <div data-testid="import-job" data-status={job.status}>
              <Progress
                percent={Math.round(job.progress * 100)}
                status={
                  job.status === 'failed' || job.status === 'invalid' ? 'exception' : job.status === 'done' ? 'success' : 'active'
                }
                data-testid="import-progress"
              />
              <Typography.Text type="secondary">
                {t(`import.status.${job.status}`)} ·{' '}
                {t('import.rowsProcessed', { done: job.processedRows, total: job.totalRows })}
              </Typography.Text>
              {job.status === 'done' && (
                <Result
                  status="success"
                  title={t('import.doneTitle')}
                  subTitle={job.filename}
                  extra={<Counts job={job} />}
                  data-testid="import-done"
                />
              )}
              {(job.status === 'invalid' || job.status === 'failed') && <RowErrors job={job} />}
            </div>
          )}
        </Space>
      </Card>
    </div>
  );
}

function Counts({ job, planned }: { job: ImportJob; planned?: boolean }) {
  const { t } = useTranslation();
  const suffix = planned ? t('import.willBe') : '';
  return (
    <Space size={40} data-testid="import-counts">
      <Statistic title={suffix + t('import.created')} value={job.created} />
      <Statistic title={suffix + t('import.updated')} value={job.updated} />
      <Statistic title={suffix + t('import.unchanged')} value={job.unchanged} />
    </Space>
  );
}

/**
 * How an office's own sheet was read, before anything is written: the column mapping and every
 * interpreted cell (原文 → 读作), and the rows left out on purpose. Empty for our template.
 */
function Readings({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  if (job.readings.length === 0 && job.skipped.length === 0) return null;
  return (
    <div data-testid="import-readings" style={{ marginTop: 16 }}>
      {job.readings.length > 0 && (
        <>
          <Typography.Title level={5}>{t('import.readings', { count: job.readings.length })}</Typography.Title>
          <Table<ImportReading>
            rowKey={(r) => `${r.row}-${r.column}-${r.original}`}
            size="small"
            dataSource={job.readings}
            pagination={job.readings.length > 20 ? { pageSize: 20 } : false}
            scroll={{ x: 640 }}
            columns={[
              { title: t('import.col.row'), dataIndex: 'row', width: 70 },
              { title: t('import.col.column'), dataIndex: 'column', width: 160 },
              { title: t('import.col.original'), dataIndex: 'original', width: 200 },
              { title: t('import.col.reading'), dataIndex: 'reading' },
            ]}
          />
        </>
      )}
      {job.skipped.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="import-skipped">
          {t('import.skipped', { count: job.skipped.length })}
          {job.skipped.map((r) => `${t('import.col.row')} ${r.row}：${r.reason}`).join('；')}
        </Typography.Paragraph>
      )}
    </div>
  );
}

function RowErrors({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  return (
    <div data-testid="import-errors">
      <Alert
        type="error"
        showIcon
        style={{ margin: '8px 0' }}
        title={t('import.invalid', { count: job.errorCount })}
        description={
          job.errorCount > job.errors.length ? t('import.moreErrors', { shown: job.errors.length }) : t('import.nothingImported')
        }
      />
      <Table<ImportRowError>
        rowKey={(e) => `${e.row}-${e.column}-${e.reason}`}
        size="small"
        dataSource={job.errors}
        pagination={job.errors.length > 20 ? { pageSize: 20 } : false}
        onRow={(e) => ({ 'data-testid': `import-error-row-${e.row}` }) as object}
        columns={[
          { title: t('import.col.row'), dataIndex: 'row', width: 70 },
          { title: t('import.col.column'), dataIndex: 'column', width: 140, render: (v: string) => v || '—' },
          { title: t('import.col.reason'), dataIndex: 'reason' },
        ]}
      />
      <Readings job={job} />
    </div>
  );
}

function DryRunResult({ job, onImport, importing }: { job: ImportJob; onImport: () => void; importing: boolean }) {
  const { t } = useTranslation();
  if (job.status !== 'done') return <RowErrors job={job} />;
  const changes = job.created + job.updated;
  return (
    <div data-testid="import-dry-run" data-status={job.status}>
      <Alert
        type="success"
        showIcon
        title={t('import.valid', { total: job.totalRows })}
        description={changes === 0 ? t('import.noChanges') : t('import.validHint')}
        style={{ marginBottom: 12 }}
      />
      <Counts job={job} planned />
      <Readings job={job} />
      <div style={{ marginTop: 16 }}>
        <Button
          type="primary"
          icon={<CloudUploadOutlined />}
          onClick={onImport}
          loading={importing}
          disabled={changes === 0}
          data-testid="import-run"
        >
          {t('import.run')}
        </Button>
      </div>
    </div>
  );
}
