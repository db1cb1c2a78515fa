/**
 * Excel import (office): pick ledger items or the project library, download the template, upload a .xlsx.
 * First a dry run — every row validated, each bad cell listed as 行 / 列 / 原因, nothing written. An
 * office's own sheet then shows the mapping step: each column (header, a sample value) with the field it
 * is read into, which the user corrects (or ignores the column) — each change re-runs the dry run — and
 * may save as the office's template (本单位模板, applied by itself to the next sheet with the same
 * headers). The preview lists every reading (原文 → 读作) and skipped row; then the real import, all or
 * nothing, with a progress bar fed by the job, and what it created, updated, left unchanged.
 * Phone: the columns and readings are cards, nothing scrolls sideways.
 */
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Grid,
  Input,
  List,
  Modal,
  Popconfirm,
  Progress,
  Radio,
  Result,
  Select,
  Space,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { CloudUploadOutlined, DeleteOutlined, DownloadOutlined, InboxOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ImportHeader, ImportHeaderColumn, ImportJob, ImportKind, ImportReading, ImportRowError } from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import {
  deleteImportMapping,
  saveImportMapping,
  startImport,
  templateUrl,
  useImportJob,
  useImportMappings,
  type MappingOverrides,
} from '../api/imports';

const IGNORE = '__ignore';

export default function ImportsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [kind, setKind] = useState<ImportKind>('ledger_items');
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState<ImportJob | null>(null);
  const [started, setStarted] = useState<ImportJob | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  /** The user's corrections of the proposed column mapping, sent with every run. */
  const [overrides, setOverrides] = useState<MappingOverrides>({});
  const isPhone = !Grid.useBreakpoint().md;
  const polled = useImportJob(started && started.status !== 'done' && started.status !== 'invalid' ? started.id : null);
  const job = polled.data ?? started;

  const reset = () => {
    setDryRun(null);
    setStarted(null);
  };

  const check = async (f: File, mapping: MappingOverrides = {}) => {
    setFile(f);
    setOverrides(mapping);
    setStarted(null);
    setBusy('check');
    try {
      setDryRun(await startImport(kind, f, true, t('import.failed'), mapping));
    } catch (e) {
      message.error(describeError(e));
    } finally {
      setBusy(null);
    }
  };

  /** One column's field changed: a field already on another column leaves it (that column is ignored). */
  const remap = (header: ImportHeader, column: number, field: string | null) => {
    if (!file) return;
    const next: MappingOverrides = { ...overrides, [String(column)]: field };
    if (field) for (const c of header.columns) if (c.column !== column && c.field === field) next[String(c.column)] = null;
    void check(file, next);
  };

  const runImport = async () => {
    if (!file) return;
    setBusy('import');
    try {
      setStarted(await startImport(kind, file, false, t('import.failed'), overrides));
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
              reset();
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

          {dryRun?.header && !started && (
            <MappingStep
              job={dryRun}
              header={dryRun.header}
              kind={kind}
              isPhone={isPhone}
              busy={busy !== null}
              onChange={(column, field) => remap(dryRun.header!, column, field)}
              onSaved={() => file && void check(file)}
            />
          )}
          {dryRun && !started && (
            <DryRunResult job={dryRun} onImport={runImport} importing={busy === 'import'} isPhone={isPhone} />
          )}
          <SavedMappings kind={kind} />

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
function Readings({ job: all, isPhone }: { job: ImportJob; isPhone?: boolean }) {
  const { t } = useTranslation();
  // the column mapping is the mapping step's table: the preview lists the cells
  const headerRow = all.header?.rows[1];
  const job = headerRow
    ? { ...all, readings: all.readings.filter((r) => !(r.row === headerRow && r.original === r.column)) }
    : all;
  if (job.readings.length === 0 && job.skipped.length === 0) return null;
  return (
    <div data-testid="import-readings" style={{ marginTop: 16 }}>
      {job.readings.length > 0 && isPhone && (
        <>
          <Typography.Title level={5}>{t('import.readings', { count: job.readings.length })}</Typography.Title>
          <List<ImportReading>
            size="small"
            dataSource={job.readings}
            pagination={job.readings.length > 10 ? { pageSize: 10, size: 'small', simple: true } : false}
            renderItem={(r) => (
              <List.Item data-testid="import-reading" style={{ display: 'block' }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('import.col.row')} {r.row} · {r.column}
                </Typography.Text>
                <div style={{ overflowWrap: 'anywhere' }}>
                  <Typography.Text>{r.original}</Typography.Text>
                  <Typography.Text type="secondary"> → </Typography.Text>
                  <Typography.Text strong>{r.reading}</Typography.Text>
                </div>
              </List.Item>
            )}
          />
        </>
      )}
      {job.readings.length > 0 && !isPhone && (
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
        <div style={{ marginTop: 12 }} data-testid="import-skipped">
          <Typography.Text type="secondary">{t('import.skipped', { count: job.skipped.length })}</Typography.Text>
          <div style={{ marginTop: 4 }}>
            {job.skipped.map((r) => (
              <Tag key={r.row} data-testid={`import-skipped-${r.row}`} style={{ marginBottom: 4, whiteSpace: 'normal' }}>
                {t('import.col.row')} {r.row}：{r.reason}
              </Tag>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}

function RowErrors({ job, isPhone }: { job: ImportJob; isPhone?: boolean }) {
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
      {isPhone ? (
        <List<ImportRowError>
          size="small"
          dataSource={job.errors}
          renderItem={(e) => (
            <List.Item data-testid={`import-error-row-${e.row}`} style={{ display: 'block' }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('import.col.row')} {e.row} · {e.column || '—'}
              </Typography.Text>
              <div style={{ overflowWrap: 'anywhere' }}>{e.reason}</div>
            </List.Item>
          )}
        />
      ) : (
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
      )}
      <Readings job={job} isPhone={isPhone} />
    </div>
  );
}

function DryRunResult({
  job,
  onImport,
  importing,
  isPhone,
}: {
  job: ImportJob;
  onImport: () => void;
  importing: boolean;
  isPhone: boolean;
}) {
  const { t } = useTranslation();
  if (job.status !== 'done') return <RowErrors job={job} isPhone={isPhone} />;
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
      <Readings job={job} isPhone={isPhone} />
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

/**
 * The mapping step: each column of the sheet's header band, a sample value and the field it is read
 * into (忽略此列 to leave it out), with how that was decided; saving it as the office's template.
 */
function MappingStep({
  job,
  header,
  kind,
  isPhone,
  busy,
  onChange,
  onSaved,
}: {
  job: ImportJob;
  header: ImportHeader;
  kind: ImportKind;
  isPhone: boolean;
  busy: boolean;
  onChange: (column: number, field: string | null) => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const options = [
    ...header.fields.map((f) => ({
      value: f.key,
      label: f.required
        ? `${f.label}${t('import.mapping.required')}`
        : f.oneOf
          ? `${f.label}${t('import.mapping.oneOf')}`
          : f.label,
    })),
    { value: IGNORE, label: t('import.mapping.ignore') },
  ];
  const mapped = new Set(header.columns.map((c) => c.field).filter(Boolean));
  // a required field without a column, or a group (项目名称 / 项目编号) none of whose fields has one
  const labelOf = (k: string) => header.fields.find((f) => f.key === k)?.label ?? k;
  const missing = [
    ...new Set(
      header.fields
        .filter((f) => !mapped.has(f.key) && (f.required || (f.oneOf && !f.oneOf.some((k) => mapped.has(k)))))
        .map((f) => [f.key, ...(f.oneOf ?? [])].sort().map(labelOf).join(t('import.mapping.or'))),
    ),
  ];
  const select = (c: ImportHeaderColumn) => (
    <Select
      value={c.field ?? IGNORE}
      options={options}
      disabled={busy}
      style={{ width: '100%', minWidth: 140 }}
      onChange={(v: string) => onChange(c.column, v === IGNORE ? null : v)}
      data-testid={`mapping-select-${c.letter}`}
      aria-label={t('import.mapping.fieldOf', { column: c.letter })}
    />
  );
  const source = (c: ImportHeaderColumn) => (
    <Tag color={{ detected: 'blue', saved: 'green', user: 'orange', none: 'default' }[c.source]}>
      {t(`import.mapping.source.${c.source}`)}
    </Tag>
  );
  const save = async () => {
    setSaving(true);
    try {
      await saveImportMapping({
        kind,
        name: name.trim(),
        headerSignature: header.signature,
        columns: Object.fromEntries(header.columns.map((c) => [String(c.column), c.field])),
      });
      message.success(t('import.mapping.saved', { name: name.trim() }));
      setNaming(false);
      onSaved();
    } catch (e) {
      message.error(describeError(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card
      size="small"
      data-testid="import-mapping"
      title={t('import.mapping.title', { from: header.rows[0], to: header.rows[1] })}
      extra={
        !isPhone && (
          <Button icon={<SaveOutlined />} onClick={() => setNaming(true)} disabled={busy} data-testid="mapping-save">
            {t('import.mapping.save')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('import.mapping.hint')}
      </Typography.Paragraph>
      {job.savedMapping && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('import.mapping.applied', { name: job.savedMapping.name })}
          data-testid="mapping-applied"
        />
      )}
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('import.mapping.missing', { fields: missing.join('、') })}
        />
      )}
      {isPhone ? (
        <List<ImportHeaderColumn>
          size="small"
          dataSource={header.columns}
          renderItem={(c) => (
            <List.Item data-testid={`mapping-row-${c.letter}`} style={{ display: 'block' }}>
              <Space size={4} wrap style={{ marginBottom: 4 }}>
                <Typography.Text strong>
                  {c.letter} · {c.header}
                </Typography.Text>
                {source(c)}
              </Space>
              {c.sample && (
                <Typography.Paragraph type="secondary" ellipsis style={{ marginBottom: 4, fontSize: 12 }}>
                  {t('import.mapping.sample')}：{c.sample}
                </Typography.Paragraph>
              )}
              {select(c)}
            </List.Item>
          )}
        />
      ) : (
        <Table<ImportHeaderColumn>
          rowKey="column"
          size="small"
          dataSource={header.columns}
          pagination={false}
          onRow={(c) => ({ 'data-testid': `mapping-row-${c.letter}` }) as object}
          columns={[
            { title: t('import.mapping.column'), dataIndex: 'letter', width: 60 },
            { title: t('import.mapping.header'), dataIndex: 'header', width: 200 },
            {
              title: t('import.mapping.sample'),
              dataIndex: 'sample',
              ellipsis: true,
              render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text>,
            },
            { title: t('import.mapping.field'), key: 'field', width: 220, render: (_, c) => select(c) },
            { title: t('import.mapping.how'), key: 'source', width: 130, render: (_, c) => source(c) },
          ]}
        />
      )}
      {isPhone && (
        <Button
          block
          icon={<SaveOutlined />}
          onClick={() => setNaming(true)}
          disabled={busy}
          style={{ marginTop: 8 }}
          data-testid="mapping-save"
        >
          {t('import.mapping.save')}
        </Button>
      )}
      <Modal
        open={naming}
        title={t('import.mapping.save')}
        onCancel={() => setNaming(false)}
        onOk={() => void save()}
        okButtonProps={{ disabled: !name.trim(), loading: saving, id: 'mapping-save-ok' }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('import.mapping.saveHint')}</Typography.Paragraph>
        <Input
          value={name}
          maxLength={60}
          placeholder={t('import.mapping.namePlaceholder')}
          onChange={(e) => setName(e.target.value)}
          onPressEnter={() => name.trim() && void save()}
          data-testid="mapping-name"
        />
      </Modal>
    </Card>
  );
}

/** The office's saved templates for this kind, to see which exist and delete one. */
function SavedMappings({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useImportMappings(kind, true);
  if (!list.data?.length) return null;
  return (
    <div data-testid="import-saved-mappings">
      <Typography.Text type="secondary">{t('import.mapping.savedList')}</Typography.Text>
      <div style={{ marginTop: 4 }}>
        {list.data.map((m) => (
          <Tag key={m.id} style={{ marginBottom: 4, whiteSpace: 'normal' }}>
            {m.name}
            <Popconfirm
              title={t('import.mapping.deleteConfirm', { name: m.name })}
              onConfirm={() => deleteImportMapping(m).catch((e: unknown) => message.error(describeError(e)))}
            >
              <DeleteOutlined style={{ marginLeft: 6, cursor: 'pointer' }} aria-label={t('import.mapping.delete')} />
            </Popconfirm>
          </Tag>
        ))}
      </div>
    </div>
  );
}
