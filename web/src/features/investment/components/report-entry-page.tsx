/**
 * 投资填报: a unit's monthly completed-investment report, made for a phone. One project, one month
 * (last month by default), the amount in 万元 (converted exactly to integer yuan), a short note; save a
 * draft or submit. What the system knows is filled in (SPEC §2.9): the project from the link, last
 * month's approved figure and the year's plan as hints, and the month's report already on file.
 * Site photos are optional and come after the buttons, so a phone's first screen still ends with 提交.
 * No signal on site: a new report that gets no answer is kept on the phone (lib/offline-queue.ts) with its
 * Idempotency-Key and sent by itself once the connection is back, never twice; the form shows what waits.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import './investment.css';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { reportStatusLabels, type CreateInvestmentReportBody, type InvestmentReport, type ReportStatus } from '@kpc/contracts';
import { describeError, isNetworkError, newIdempotencyKey } from '../../../lib/api';
import { enqueue, flushQueue, useQueuedPosts } from '../../../lib/offline-queue';
import { currentLocale, labelOf } from '../../../lib/i18n';
import { formatMoney, wanInputPattern, wanInputToYuan, yuanToWanInput } from '../../../lib/money';
import { access } from '../../../lib/access';
import { useCurrentUser } from '../../../lib/session';
import { useBurden } from '../../../lib/burden';
import { useInvestmentReports } from '../api/list-reports';
import { createReport, createReportPath } from '../api/create-report';
import { updateReport } from '../api/update-report';
import { submitReport, submitReportPath } from '../api/submit-report';
import { invalidateInvestment } from '../api/invalidate';
import { investmentKeys } from '../api/keys';
import { useProjectInvestment } from '../api/get-project-investment';
import { projectLabel, useReportableProjects } from '../api/reportable-projects';
import { AttachmentList } from '../../../components/attachments/attachment-list';

interface Values {
  projectId?: number;
  month?: Dayjs;
  amountWan?: string;
  progressNote?: string;
}

export const statusColors: Record<ReportStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  returned: 'error',
  superseded: 'default',
};

export function ReportStatusTag({ status }: { status: ReportStatus }) {
  return <Tag color={statusColors[status]}>{labelOf(reportStatusLabels, status)}</Tag>;
}

const lastMonth = () => dayjs().subtract(1, 'month').startOf('month');

/** The offline queue's tag of a project's month, so the form knows what waits on this phone. */
const queueTag = (projectId: number, year: number, month: number) => `investment-report:${projectId}:${year}-${month}`;

/** One submission's Idempotency-Keys: the same while the same report is sent again, fresh for another. */
interface Submission {
  signature: string;
  createKey: string;
  submitKey: string;
}

export default function ReportEntryPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const locale = currentLocale();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [correcting, setCorrecting] = useState(false);
  const submission = useRef<Submission | null>(null);
  const queued = useQueuedPosts(user.id);
  const [sendingQueue, setSendingQueue] = useState(false);
  // fields typed and seconds, sent with the submit (填报负担, issue 12)
  const burden = useBurden();

  const projects = useReportableProjects(user);
  const paramProject = Number(params.get('projectId')) || undefined;
  const paramMonth = params.get('month');
  const initialMonth = paramMonth && /^\d{4}-\d{2}$/.test(paramMonth) ? dayjs(`${paramMonth}-01`) : lastMonth();
  // the month the form opened on is pre-filled (once: the link follows the month the user picks)
  useEffect(() => burden.baseline({ month: initialMonth }), []);

  const projectId = Form.useWatch('projectId', form) as number | undefined;
  const month = (Form.useWatch('month', form) as Dayjs | undefined) ?? initialMonth;
  const year = month.year();
  const monthNo = month.month() + 1;

  // the month's reports on the user's projects, to start on the first project not yet reported
  const unitId = !access.investmentApprovals(user) && user.unitId !== null ? user.unitId : undefined;
  const monthReports = useInvestmentReports({ unitId, year, month: monthNo, pageSize: 200 });
  useEffect(() => {
    if (form.getFieldValue('projectId') || !projects.data || !monthReports.data) return;
    const reported = new Set(monthReports.data.items.map((r) => r.projectId));
    const pick =
      projects.data.find((p) => p.id === paramProject) ?? projects.data.find((p) => !reported.has(p.id)) ?? projects.data[0];
    if (pick) {
      form.setFieldValue('projectId', pick.id);
      burden.baseline({ projectId: pick.id });
    }
  }, [projects.data, monthReports.data, paramProject, form, burden]);

  const reports = useInvestmentReports({ projectId, year, month: monthNo, pageSize: 20 }, { enabled: projectId !== undefined });
  const series = useProjectInvestment(projectId, year);

  const onFile = reports.data?.items ?? [];
  const open = onFile.find((r) => r.status === 'draft' || r.status === 'returned');
  const waiting = onFile.find((r) => r.status === 'submitted');
  const approved = onFile.find((r) => r.status === 'approved');
  const queuedHere = projectId !== undefined && queued.some((q) => q.tag === queueTag(projectId, year, monthNo));
  const editable = queuedHere ? undefined : (open ?? (waiting || (approved && !correcting) ? undefined : null));
  // null: a new report may be started; undefined: the month's report is with the office or approved, or waits on this phone

  // the form shows the month's open report; else, read-only, the report as stored and sent (waiting or
  // approved), so a submit leaves what was sent on the screen; a correction or a new month starts empty
  const shown = open ?? (correcting ? undefined : (waiting ?? approved));
  const openKey = shown ? `${shown.id}:${shown.version}` : `new:${projectId}:${year}-${monthNo}`;
  useEffect(() => {
    const prefilled = {
      amountWan: shown ? yuanToWanInput(shown.amount) : undefined,
      progressNote: shown?.progressNote ?? undefined,
    };
    form.setFieldsValue(prefilled);
    burden.baseline(prefilled);
    // keyed on the report's id and version (and the project and month), so typing is never overwritten by a re-render
  }, [openKey, form]);

  useEffect(() => setCorrecting(false), [projectId, year, monthNo]);

  const prev = monthNo > 1 ? series.data?.months.find((m) => m.month === monthNo - 1) : undefined;
  const money = (v: number | null | undefined) => formatMoney(v, locale);

  const send = async (mode: 'save' | 'submit') => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const amount = wanInputToYuan(v.amountWan);
    if (amount === null || Number.isNaN(amount) || !v.projectId) return;
    const note = v.progressNote?.trim() ? v.progressNote.trim() : null;
    const body: CreateInvestmentReportBody = {
      projectId: v.projectId,
      year,
      month: monthNo,
      amount,
      progressNote: note,
      ...(correcting && approved ? { correctsId: approved.id } : {}),
    };
    // the same report sent again (after an error) keeps its keys; the server answers a key it has seen from its record
    const signature = JSON.stringify([open?.id ?? null, open?.version ?? null, body]);
    if (submission.current?.signature !== signature)
      submission.current = { signature, createKey: newIdempotencyKey(), submitKey: newIdempotencyKey() };
    const keys = submission.current;
    setBusy(mode);
    try {
      const r: InvestmentReport = open
        ? await updateReport(open.id, { version: open.version, amount, progressNote: note })
        : await createReport(body, { idempotencyKey: keys.createKey });
      if (mode === 'submit') await submitReport(r.id, r.version, { idempotencyKey: keys.submitKey, burden: burden.measure() });
      message.success(mode === 'submit' ? t('investment.entry.submitted') : t('investment.entry.saved'));
      submission.current = null;
      setCorrecting(false);
      if (mode === 'submit') burden.restart(form.getFieldsValue());
    } catch (e) {
      if (!open && isNetworkError(e)) queueReport(body, mode, keys);
      else message.error(describeError(e));
    } finally {
      setBusy(null);
      await invalidateInvestment(queryClient);
    }
  };

  /** No answer to a new report (no signal, or the answer lost): keep it on the phone, with its keys, for later. */
  const queueReport = (body: CreateInvestmentReportBody, mode: 'save' | 'submit', keys: Submission) => {
    const project = projects.data?.find((p) => p.id === body.projectId);
    try {
      enqueue({
        key: keys.createKey,
        userId: user.id,
        label: [
          project ? projectLabel(project) : `#${body.projectId}`,
          t('investment.monthOf', { year: body.year, month: body.month }),
          money(body.amount),
        ].join(' · '),
        tag: queueTag(body.projectId, body.year, body.month),
        path: createReportPath,
        body,
        ...(mode === 'submit'
          ? { then: { path: submitReportPath, key: keys.submitKey, body: { burden: burden.measure() } } }
          : {}),
      });
      submission.current = null;
      if (mode === 'submit') burden.restart(form.getFieldsValue());
      message.warning(t('offline.queued'), 6);
    } catch (qe) {
      message.error(t('offline.queueFailed', { reason: (qe as Error).message }));
    }
  };

  const sendQueued = async () => {
    setSendingQueue(true);
    try {
      await flushQueue(user.id);
    } finally {
      setSendingQueue(false);
    }
  };

  const projectOptions = useMemo(
    () => (projects.data ?? []).map((p) => ({ value: p.id, label: projectLabel(p) })),
    [projects.data],
  );

  return (
    <div className="kpc-page" style={{ maxWidth: 720 }}>
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('investment.entry.title')}
          </Typography.Title>
        }
        styles={{ body: { paddingTop: 12 } }}
      >
        {projects.error && <Alert type="error" showIcon title={describeError(projects.error)} style={{ marginBottom: 12 }} />}
        {queued.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="entry-queued"
            title={<span data-testid="entry-queued-count">{t('offline.pending', { count: queued.length })}</span>}
            description={
              <>
                <ul className="kpc-queued-list">
                  {queued.map((q) => (
                    <li key={q.key}>{q.label}</li>
                  ))}
                </ul>
                <Typography.Text type="secondary">{t('offline.pendingHint')}</Typography.Text>
                <Button
                  block
                  style={{ marginTop: 8 }}
                  loading={sendingQueue}
                  onClick={() => void sendQueued()}
                  data-testid="entry-queued-send"
                >
                  {t('offline.sendNow')}
                </Button>
              </>
            }
          />
        )}
        {projects.data && projects.data.length === 0 && (
          <Alert type="info" showIcon title={t('investment.entry.noProjects')} style={{ marginBottom: 12 }} />
        )}
        <Form<Values>
          form={form}
          className="kpc-entry-form"
          layout="vertical"
          size="large"
          requiredMark={false}
          initialValues={{ month: initialMonth }}
          onValuesChange={(changed: Values) => {
            burden.onValuesChange(changed);
            if (changed.projectId || changed.month)
              setParams(
                (p) => {
                  const n = new URLSearchParams(p);
                  const v = form.getFieldsValue();
                  if (v.projectId) n.set('projectId', String(v.projectId));
                  if (v.month) n.set('month', v.month.format('YYYY-MM'));
                  return n;
                },
                { replace: true },
              );
          }}
        >
          <Form.Item
            name="projectId"
            label={t('investment.field.project')}
            rules={[{ required: true, message: t('investment.entry.pickProject') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={projectOptions}
              loading={projects.isPending}
              placeholder={t('investment.entry.pickProject')}
              data-testid="entry-project"
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item name="month" label={t('investment.field.month')} rules={[{ required: true }]}>
            <DatePicker
              picker="month"
              allowClear={false}
              inputReadOnly
              disabledDate={(d) => d.isAfter(dayjs(), 'month')}
              style={{ width: '100%' }}
              data-testid="entry-month"
            />
          </Form.Item>

          {projectId !== undefined && (
            <Descriptions
              size="small"
              column={1}
              bordered
              style={{ marginBottom: 16 }}
              styles={{ label: { width: '40%', whiteSpace: 'nowrap' } }}
              items={[
                {
                  key: 'plan',
                  label: t('investment.entry.plan', { year }),
                  children: <span className="kpc-money">{money(series.data?.plannedAmount)}</span>,
                },
                {
                  key: 'ytd',
                  label: t('investment.entry.yearToDate'),
                  children: (
                    <span className="kpc-money">
                      {money(series.data?.yearToDate)}
                      {series.data?.completionRate != null && ` · ${(series.data.completionRate * 100).toFixed(1)}%`}
                    </span>
                  ),
                },
              ]}
            />
          )}

          {queuedHere ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('offline.pendingHere')}
              data-testid="entry-queued-here"
            />
          ) : (
            <MonthStatus open={open} waiting={waiting} approved={approved} money={money} />
          )}

          {approved && !open && !waiting && !correcting && !queuedHere && (
            <Button block onClick={() => setCorrecting(true)} style={{ marginBottom: 16 }} data-testid="entry-correct">
              {t('investment.entry.correct')}
            </Button>
          )}

          <fieldset
            disabled={editable === undefined || (open !== undefined && !open.permissions.edit)}
            style={{ border: 0, padding: 0, margin: 0 }}
          >
            <Form.Item
              name="amountWan"
              label={t('investment.field.amountWan')}
              extra={
                prev && prev.amount > 0 ? t('investment.entry.previousHint', { value: yuanToWanInput(prev.amount) }) : undefined
              }
              rules={[
                { required: true, message: t('investment.entry.amountRequired') },
                {
                  validator: (_r, v: string | undefined) =>
                    !v || wanInputPattern.test(v.trim().replace(/,/g, ''))
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('investment.entry.amountInvalid'))),
                },
              ]}
            >
              <Input
                inputMode="decimal"
                autoComplete="off"
                suffix={t('investment.unit.wan')}
                placeholder={prev && prev.amount > 0 ? yuanToWanInput(prev.amount) : '0.00'}
                data-testid="entry-amount"
                disabled={editable === undefined}
              />
            </Form.Item>
            <Form.Item name="progressNote" label={t('investment.field.progressNote')} rules={[{ max: 2000 }]}>
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 8 }}
                placeholder={t('investment.entry.notePlaceholder')}
                data-testid="entry-note"
                disabled={editable === undefined}
              />
            </Form.Item>
          </fieldset>
          <div className="kpc-entry-actions">
            <Button
              size="large"
              onClick={() => void send('save')}
              loading={busy === 'save'}
              disabled={editable === undefined || busy !== null}
              data-testid="entry-save"
            >
              {t('investment.entry.saveDraft')}
            </Button>
            <Button
              size="large"
              type="primary"
              onClick={() => void send('submit')}
              loading={busy === 'submit'}
              disabled={editable === undefined || busy !== null}
              data-testid="entry-submit"
            >
              {t('investment.entry.submit')}
            </Button>
          </div>
        </Form>
        <ReportPhotos report={open ?? (correcting ? undefined : (waiting ?? approved))} />
      </Card>
      <ReturnedList
        onPick={(r) =>
          form.setFieldsValue({ projectId: r.projectId, month: dayjs(`${r.year}-${String(r.month).padStart(2, '0')}-01`) })
        }
      />
    </div>
  );
}

/**
 * 现场照片: optional (SPEC §2.9, never needed to submit), added once the report exists and while it is
 * open or waiting for review; accept="image/*" lets a phone offer its camera.
 */
function ReportPhotos({ report }: { report?: InvestmentReport }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <section className="kpc-entry-photos" data-testid="entry-photos-section">
      <Typography.Text strong>{t('investment.photos.title')}</Typography.Text>
      {report ? (
        <AttachmentList
          owner="investment-reports"
          ownerId={report.id}
          canUpload={report.status !== 'approved' && report.status !== 'superseded' && access.investmentReport(user)}
          display="photos"
          accept="image/*"
          labels={{ upload: t('investment.photos.upload'), hint: t('investment.photos.hint'), none: t('investment.photos.none') }}
          testId="entry-photos"
          alsoInvalidate={[investmentKeys.reportLists()]}
        />
      ) : (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
          {t('investment.photos.afterSave')}
        </Typography.Paragraph>
      )}
    </section>
  );
}

function MonthStatus({
  open,
  waiting,
  approved,
  money,
}: {
  open?: InvestmentReport;
  waiting?: InvestmentReport;
  approved?: InvestmentReport;
  money: (v: number) => string;
}) {
  const { t } = useTranslation();
  const r = open ?? waiting ?? approved;
  if (!r) return null;
  const type =
    r.status === 'returned' ? 'error' : r.status === 'approved' ? 'success' : r.status === 'submitted' ? 'info' : 'warning';
  return (
    <Alert
      type={type}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="entry-status"
      title={
        <Space wrap size={4}>
          <ReportStatusTag status={r.status} />
          <span>{t(`investment.entry.status.${r.status}`, { amount: money(r.amount) })}</span>
        </Space>
      }
      description={
        r.status === 'returned' && r.returnReason ? (
          <span data-testid="entry-return-reason">{t('investment.entry.returnReason', { reason: r.returnReason })}</span>
        ) : approved && open && open.correctsId === approved.id ? (
          t('investment.entry.correcting', { amount: money(approved.amount) })
        ) : undefined
      }
    />
  );
}

/** Returned reports waiting for the user, so nothing sent back is forgotten. */
function ReturnedList({ onPick }: { onPick: (r: InvestmentReport) => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const unitId = user.roles.includes('unit') && user.unitId !== null ? user.unitId : undefined;
  const { data } = useInvestmentReports({ status: 'returned', unitId, pageSize: 20 });
  if (!data || data.items.length === 0) return null;
  return (
    <Card size="small" title={t('investment.entry.returnedTitle', { count: data.total })} style={{ marginTop: 12 }}>
      {data.items.map((r) => (
        <button key={r.id} type="button" className="kpc-returned-item" onClick={() => onPick(r)}>
          <span>
            {r.projectName} · {t('investment.monthOf', { year: r.year, month: r.month })}
          </span>
          <Typography.Text type="danger" style={{ fontSize: 13 }}>
            {r.returnReason}
          </Typography.Text>
        </button>
      ))}
    </Card>
  );
}
