/**
 * 周报 of one project and week, phone first: sections as cards, pre-filled from the records; the user ticks
 * or types only what changed (counted — the fields typed go with the send for the burden counters), or
 * taps "本周无变化". The send is kept on the phone first (lib/offline-queue.ts `submitOrQueue`, with an
 * Idempotency-Key) and sent at once; with no signal it waits and is sent once when the network returns.
 */
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Input, Select, Space, Tag, Typography, Upload, type UploadFile } from 'antd';
import { CameraOutlined, CheckOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  problemCategories,
  problemCategoryLabels,
  ragLabels,
  reportStatusLabels,
  type ProblemCategory,
  type SendWeeklyUpdateBody,
} from '@kpc/contracts';
import { describeError, newIdempotencyKey } from '../../../lib/api';
import { labelOf, optionsOf } from '../../../lib/i18n';
import { formatMoney, wanInputToYuan } from '../../../lib/money';
import { shanghaiToday } from '../../../lib/dates';
import { keepFile, keptFileId } from '../../../lib/offline-files';
import { submitOrQueue, useQueuedPosts } from '../../../lib/offline-queue';
import { useCurrentUser } from '../../../lib/session';
import { PageSpinner } from '../../../components/page-spinner';
import { useWeeklyUpdateForm, weeklyUpdatePath, weeklyUpdatePhotosPath, weeklyUpdateQueueTag } from '../api/weekly-updates';
import './weekly-updates.css';

interface ItemChange {
  done?: boolean;
  doneOn?: string;
  progressNote?: string;
}
interface NodeChange {
  actualStart?: string;
  actualFinish?: string;
}
interface ProblemChange {
  progressNote?: string;
  resolved?: boolean;
  resolution?: string;
}

/** Seconds from opening to sending, clamped to a working hour (a form left open overnight is not an hour's work). */
const clampSeconds = (ms: number) => Math.min(3600, Math.max(0, Math.round(ms / 1000)));

export default function WeeklyUpdatePage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const projectId = Number(id);
  const [search] = useSearchParams();
  const week = search.get('week') ?? undefined;
  const user = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { data: form, isPending, error } = useWeeklyUpdateForm(projectId, week);
  const openedAt = useRef(Date.now());
  const [items, setItems] = useState<Record<number, ItemChange>>({});
  const [nodes, setNodes] = useState<Record<number, NodeChange>>({});
  const [problems, setProblems] = useState<Record<number, ProblemChange>>({});
  const [amount, setAmount] = useState('');
  const [raised, setRaised] = useState<{ category?: ProblemCategory; description: string }[]>([]);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const [busy, setBusy] = useState(false);
  const queued = useQueuedPosts(user.id).filter((q) => form && q.tag === weeklyUpdateQueueTag(projectId, form.week));
  const today = shanghaiToday();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';

  const body = useMemo((): SendWeeklyUpdateBody | null => {
    if (!form) return null;
    const b: SendWeeklyUpdateBody = {};
    const ledger = form.ledgerItems
      .map((i) => {
        const c = items[i.id];
        if (!c) return null;
        const out: NonNullable<SendWeeklyUpdateBody['ledgerItems']>[number] = { id: i.id, version: i.version };
        if (c.done) out.doneOn = c.doneOn || today;
        if (c.progressNote?.trim()) out.progressNote = c.progressNote.trim();
        return out.doneOn || out.progressNote ? out : null;
      })
      .filter((x) => x !== null);
    if (ledger.length) b.ledgerItems = ledger;
    const ns = form.nodes
      .map((n) => {
        const c = nodes[n.id];
        if (!c || (!c.actualStart && !c.actualFinish)) return null;
        return {
          id: n.id,
          version: n.version,
          ...(c.actualStart ? { actualStart: c.actualStart } : {}),
          ...(c.actualFinish ? { actualFinish: c.actualFinish } : {}),
        };
      })
      .filter((x) => x !== null);
    if (ns.length) b.nodes = ns;
    const yuan = wanInputToYuan(amount);
    if (form.investment && yuan !== null && !Number.isNaN(yuan))
      b.investment = { year: form.investment.year, month: form.investment.month, amount: yuan };
    const ps = form.problems
      .map((p) => {
        const c = problems[p.id];
        if (!c) return null;
        const out: NonNullable<SendWeeklyUpdateBody['problems']>[number] = { id: p.id, version: p.version };
        if (c.progressNote?.trim()) out.progressNote = c.progressNote.trim();
        if (c.resolved && c.resolution?.trim()) out.resolution = c.resolution.trim();
        return out.progressNote || out.resolution ? out : null;
      })
      .filter((x) => x !== null);
    if (ps.length) b.problems = ps;
    const np = raised.filter((r) => r.category && r.description.trim());
    if (np.length) b.newProblems = np.map((r) => ({ category: r.category!, description: r.description.trim() }));
    if (note.trim()) b.note = note.trim();
    return b;
  }, [form, items, nodes, problems, amount, raised, note, today]);

  /** Fields the user typed or changed (a tick and its date count once each; what was left pre-filled counts nothing). */
  const fieldsTyped = useMemo(() => {
    if (!body) return 0;
    return (
      (body.ledgerItems ?? []).reduce((n, i) => n + (i.doneOn ? 1 : 0) + (i.progressNote ? 1 : 0), 0) +
      (body.nodes ?? []).reduce((n, x) => n + (x.actualStart ? 1 : 0) + (x.actualFinish ? 1 : 0), 0) +
      (body.investment ? 1 : 0) +
      (body.problems ?? []).reduce((n, p) => n + (p.progressNote ? 1 : 0) + (p.resolution ? 2 : 0), 0) +
      (body.newProblems?.length ?? 0) * 2 +
      (body.note ? 1 : 0)
    );
  }, [body]);

  if (isPending) return <PageSpinner />;
  if (!form)
    return (
      <div className="kpc-page kpc-weekly">
        <Alert type="error" showIcon title={describeError(error)} />
      </div>
    );

  const send = async (unchanged: boolean) => {
    const payload: SendWeeklyUpdateBody = {
      ...(unchanged ? { unchanged: true } : body!),
      ...(form.sent ? { version: form.sent.version } : {}),
      burden: { fieldsTyped: unchanged ? 0 : fieldsTyped, seconds: clampSeconds(Date.now() - openedAt.current) },
    };
    setBusy(true);
    try {
      const key = newIdempotencyKey();
      // the photos first, on the phone: they survive a closed tab and a lost signal, and go after the update
      const ids: string[] = [];
      for (const [i, f] of photos.entries()) {
        if (!f.originFileObj) continue;
        const id = keptFileId(key, i);
        await keepFile(id, { blob: f.originFileObj, name: f.name });
        ids.push(id);
      }
      const outcome = await submitOrQueue({
        key,
        userId: user.id,
        label: t('weekly.form.label', { name: form.projectName, week: form.week }),
        tag: weeklyUpdateQueueTag(projectId, form.week),
        path: weeklyUpdatePath(projectId, form.week),
        body: payload,
        ...(ids.length ? { files: { path: weeklyUpdatePhotosPath, ids } } : {}),
      });
      if (!outcome) message.warning(t('weekly.form.queued'), 6);
      else if (outcome.kind === 'sent') {
        message.success(t('weekly.form.sent'));
        await queryClient.invalidateQueries();
        navigate('/weekly-updates');
      } else message.error(describeError(outcome.error), 8);
    } catch (e) {
      message.error(t('offline.queueFailed', { reason: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  const dateInput = (value: string | undefined, onChange: (v: string) => void, testId: string, label: string) => (
    <Input
      type="date"
      size="middle"
      max={today}
      value={value ?? ''}
      aria-label={label}
      data-testid={testId}
      onChange={(e) => onChange(e.target.value)}
    />
  );

  return (
    <div className="kpc-page kpc-weekly" data-testid="weekly-form">
      <Card size="small" className="kpc-weekly-card">
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('weekly.form.title')} · {form.projectName}
          </Typography.Title>
          <Space wrap>
            <Typography.Text type="secondary">{t('weekly.form.week', { week: form.week, asOf: form.asOf })}</Typography.Text>
            <Tag
              color={{ green: 'green', yellow: 'gold', red: 'red' }[form.rag.rag]}
              data-testid="weekly-rag"
              data-rag={form.rag.rag}
            >
              {labelOf(ragLabels, form.rag.rag)}
            </Tag>
          </Space>
          {form.rag.reasons.slice(0, 3).map((r) => (
            <Typography.Text key={r.rule} type="secondary">
              · {r.message}
            </Typography.Text>
          ))}
          {form.sent && (
            <Alert
              type="success"
              showIcon
              title={t('weekly.form.sentAt', { at: new Date(form.sent.sentAt).toLocaleString(locale), by: form.sent.sentByName })}
            />
          )}
          {queued.length > 0 && <Alert type="warning" showIcon title={t('weekly.form.pending')} data-testid="weekly-queued" />}
          <Button
            block
            size="large"
            icon={<CheckOutlined />}
            disabled={busy || fieldsTyped > 0}
            onClick={() => void send(true)}
            data-testid="weekly-unchanged"
          >
            {t('weekly.form.unchanged')}
          </Button>
        </Space>
      </Card>

      <Card size="small" className="kpc-weekly-card" title={t('weekly.form.ledger')}>
        {form.ledgerItems.length === 0 && <Typography.Text type="secondary">{t('weekly.form.ledgerNone')}</Typography.Text>}
        {form.ledgerItems.map((i) => {
          const c = items[i.id] ?? {};
          const set = (v: ItemChange) => setItems((s) => ({ ...s, [i.id]: { ...s[i.id], ...v } }));
          return (
            <div className="kpc-weekly-row" key={i.id} data-testid={`weekly-ledger-${i.id}`}>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap size={4}>
                  {i.overdue ? (
                    <Tag color="red">{t('weekly.form.overdue')}</Tag>
                  ) : (
                    <Tag>{t('weekly.form.due', { date: i.deadline })}</Tag>
                  )}
                  <Typography.Text strong>{i.content}</Typography.Text>
                </Space>
                {i.unitName && <Typography.Text type="secondary">{i.unitName}</Typography.Text>}
                {i.canComplete && (
                  <Space wrap>
                    <Checkbox
                      checked={!!c.done}
                      onChange={(e) => set({ done: e.target.checked, doneOn: c.doneOn ?? today })}
                      data-testid={`weekly-ledger-done-${i.id}`}
                    >
                      {t('weekly.form.done')}
                    </Checkbox>
                    {c.done &&
                      dateInput(
                        c.doneOn ?? today,
                        (v) => set({ doneOn: v }),
                        `weekly-ledger-date-${i.id}`,
                        t('weekly.form.doneOn'),
                      )}
                  </Space>
                )}
                <Input
                  placeholder={i.progressNote ?? t('weekly.form.progress')}
                  value={c.progressNote ?? ''}
                  maxLength={500}
                  onChange={(e) => set({ progressNote: e.target.value })}
                  data-testid={`weekly-ledger-note-${i.id}`}
                />
              </Space>
            </div>
          );
        })}
      </Card>

      <Card size="small" className="kpc-weekly-card" title={t('weekly.form.nodes')}>
        {form.nodes.length === 0 && <Typography.Text type="secondary">{t('weekly.form.nodesNone')}</Typography.Text>}
        {form.nodes.map((n) => {
          const c = nodes[n.id] ?? {};
          const set = (v: NodeChange) => setNodes((s) => ({ ...s, [n.id]: { ...s[n.id], ...v } }));
          return (
            <div className="kpc-weekly-row" key={n.id} data-testid={`weekly-node-${n.id}`}>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Typography.Text strong>{n.name}</Typography.Text>
                {(n.latestStart || n.latestFinish) && (
                  <Typography.Text type="secondary">
                    {t('weekly.form.plan', { start: n.latestStart ?? '—', finish: n.latestFinish ?? '—' })}
                  </Typography.Text>
                )}
                {n.actualStart ? (
                  <Space wrap>
                    <Typography.Text>
                      {t('weekly.form.actualStart')} {n.actualStart}
                    </Typography.Text>
                    <span>{t('weekly.form.actualFinish')}</span>
                    {dateInput(
                      c.actualFinish,
                      (v) => set({ actualFinish: v }),
                      `weekly-node-finish-${n.id}`,
                      t('weekly.form.actualFinish'),
                    )}
                  </Space>
                ) : (
                  <Space wrap>
                    <span>{t('weekly.form.actualStart')}</span>
                    {dateInput(
                      c.actualStart,
                      (v) => set({ actualStart: v }),
                      `weekly-node-start-${n.id}`,
                      t('weekly.form.actualStart'),
                    )}
                  </Space>
                )}
              </Space>
            </div>
          );
        })}
      </Card>

      {form.investment ? (
        <Card size="small" className="kpc-weekly-card" title={t('weekly.form.investment', { month: form.investment.month })}>
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Input
              inputMode="decimal"
              addonBefore={t('weekly.form.amountWan')}
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              status={Number.isNaN(wanInputToYuan(amount)) ? 'error' : undefined}
              data-testid="weekly-amount"
            />
            <Typography.Text type="secondary">{t('weekly.form.investmentHint')}</Typography.Text>
            <Typography.Text type="secondary">
              {t('weekly.form.yearApproved', { amount: formatMoney(form.investment.yearApproved, locale) })}
            </Typography.Text>
          </Space>
        </Card>
      ) : (
        form.investmentReport && (
          <Alert
            className="kpc-weekly-card"
            type="info"
            showIcon
            title={t('weekly.form.investmentReported', {
              month: Number(form.asOf.slice(5, 7)),
              status: labelOf(reportStatusLabels, form.investmentReport.status),
            })}
          />
        )
      )}

      <Card size="small" className="kpc-weekly-card" title={t('weekly.form.problems')}>
        {form.problems.length === 0 && <Typography.Text type="secondary">{t('weekly.form.problemsNone')}</Typography.Text>}
        {form.problems.map((p) => {
          const c = problems[p.id] ?? {};
          const set = (v: ProblemChange) => setProblems((s) => ({ ...s, [p.id]: { ...s[p.id], ...v } }));
          return (
            <div className="kpc-weekly-row" key={p.id} data-testid={`weekly-problem-${p.id}`}>
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap size={4}>
                  <Tag>{labelOf(problemCategoryLabels, p.category)}</Tag>
                  <Typography.Text strong>{p.description}</Typography.Text>
                </Space>
                <Input
                  placeholder={p.progressNote ?? t('weekly.form.problemNote')}
                  value={c.progressNote ?? ''}
                  onChange={(e) => set({ progressNote: e.target.value })}
                />
                <Checkbox checked={!!c.resolved} onChange={(e) => set({ resolved: e.target.checked })}>
                  {t('weekly.form.resolved')}
                </Checkbox>
                {c.resolved && (
                  <Input
                    placeholder={t('weekly.form.resolution')}
                    value={c.resolution ?? ''}
                    onChange={(e) => set({ resolution: e.target.value })}
                  />
                )}
              </Space>
            </div>
          );
        })}
      </Card>

      <Card size="small" className="kpc-weekly-card" title={t('weekly.form.newProblems')}>
        {raised.map((r, i) => (
          <div className="kpc-weekly-row" key={i}>
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Space.Compact style={{ width: '100%' }}>
                <Select
                  style={{ width: 140 }}
                  placeholder={t('weekly.form.category')}
                  value={r.category}
                  options={optionsOf(problemCategories, problemCategoryLabels)}
                  onChange={(v: ProblemCategory) => setRaised((s) => s.map((x, j) => (j === i ? { ...x, category: v } : x)))}
                  data-testid={`weekly-new-category-${i}`}
                />
                <Button
                  icon={<DeleteOutlined />}
                  onClick={() => setRaised((s) => s.filter((_, j) => j !== i))}
                  aria-label="delete"
                />
              </Space.Compact>
              <Input
                placeholder={t('weekly.form.description')}
                value={r.description}
                maxLength={1000}
                onChange={(e) => setRaised((s) => s.map((x, j) => (j === i ? { ...x, description: e.target.value } : x)))}
                data-testid={`weekly-new-description-${i}`}
              />
            </Space>
          </div>
        ))}
        <Button
          type="dashed"
          block
          icon={<PlusOutlined />}
          onClick={() => setRaised((s) => [...s, { description: '' }])}
          data-testid="weekly-add-problem"
        >
          {t('weekly.form.addProblem')}
        </Button>
      </Card>

      <Card size="small" className="kpc-weekly-card" title={t('weekly.form.note')}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2000}
          placeholder={form.sent?.note ?? t('weekly.form.notePlaceholder')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="weekly-note"
        />
        <Upload
          listType="picture-card"
          accept="image/*"
          multiple
          fileList={photos}
          beforeUpload={() => false}
          onChange={({ fileList }) => setPhotos(fileList)}
          data-testid="weekly-photos"
          style={{ marginTop: 8 }}
        >
          {photos.length < 9 && (
            <div>
              <CameraOutlined />
              <div style={{ marginTop: 4, fontSize: 12 }}>{t('weekly.form.addPhoto')}</div>
            </div>
          )}
        </Upload>
      </Card>

      <div className="kpc-weekly-send">
        <Space direction="vertical" style={{ width: '100%' }} size={4}>
          <Typography.Text type="secondary" data-testid="weekly-count">
            {fieldsTyped > 0 ? t('weekly.form.changes', { count: fieldsTyped }) : t('weekly.form.nothing')}
          </Typography.Text>
          <Button
            type="primary"
            size="large"
            block
            loading={busy}
            disabled={fieldsTyped === 0}
            onClick={() => void send(false)}
            data-testid="weekly-send"
          >
            {t('weekly.form.send')}
          </Button>
          <Link to="/weekly-updates">{t('weekly.list.title')}</Link>
        </Space>
      </div>
    </div>
  );
}

/** The project page's way in: a button to the week's update, for those who send it. */
export function WeeklyUpdateLink({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  return (
    <Link to={`/weekly-updates/${projectId}`} data-testid="project-weekly-update">
      <Button size="small" type="primary" ghost>
        {t('weekly.form.fromProject')}
      </Button>
    </Link>
  );
}
