/**
 * One meeting: the record (time, place, chair, attendees, status, minutes), the agenda per project with what
 * was discussed, the decisions table (the office adds and edits; the unit marks done; office/supervisor
 * verify), problems raised and solved in it, and the minutes .docx. Others read it.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Grid,
  Input,
  List,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  agendaReasonLabels,
  meetingKindLabels,
  meetingStatusLabels,
  meetingStatuses,
  problemCategories,
  problemCategoryLabels,
  type AgendaReason,
  type Decision,
  type Meeting,
  type MeetingStatus,
  type ProblemCategory,
} from '@kpc/contracts';
import { describeError, isApiError } from '../../../lib/api';
import { applyFieldIssues } from '../../../lib/form-errors';
import { labelOf, optionsOf } from '../../../lib/i18n';
import { useLeaders, useUnits } from '../../../lib/reference-data';
import { useCreateDecision, useDeleteDecision, useUpdateDecision } from '../api/decisions';
import { minutesUrl, useMeeting, useProjectOptions, useSolvableProblems } from '../api/get-meeting';
import { useRaiseProblems, useSolveProblems, useUpdateMeeting } from '../api/save-meeting';
import { DecisionActions } from './decision-actions';
import { DecisionStateTag } from './decision-tags';

interface RecordValues {
  title: string;
  date: Dayjs;
  time: Dayjs;
  place?: string | null;
  chairLeaderId?: number | null;
  attendeeLeaderIds: number[];
  attendeeUnitIds: number[];
  attendeePeople: string[];
  status: MeetingStatus;
  minutes?: string | null;
  agenda: { projectId: number; reasons: AgendaReason[]; notes?: string | null }[];
}

const overdueRow = { background: '#fff1f0' };

/** Parts of other features the app puts in (a review meeting's 表态发言). */
export interface MeetingPageParts {
  statements?: (meeting: Meeting) => ReactNode;
}

export default function MeetingPage(parts: MeetingPageParts = {}) {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const { data: meeting, error } = useMeeting(id);
  if (error) return <Typography.Paragraph type="danger">{describeError(error)}</Typography.Paragraph>;
  if (!meeting) return <Card loading />;
  return (
    <div className="kpc-page">
      <Card
        title={meeting.title}
        extra={
          <Button icon={<DownloadOutlined />} href={minutesUrl(meeting.id)} data-testid="meeting-minutes">
            {t('meetings.minutesDocx')}
          </Button>
        }
      >
        <Space wrap size={[8, 4]} style={{ marginBottom: 12 }}>
          <Tag>{meeting.seriesName ?? labelOf(meetingKindLabels, meeting.kind)}</Tag>
          <Tag color={meeting.status === 'held' ? 'success' : 'default'}>{labelOf(meetingStatusLabels, meeting.status)}</Tag>
          <Typography.Text type="secondary">
            {meeting.date} {meeting.time}
          </Typography.Text>
        </Space>
        {meeting.permissions.edit ? <MeetingForm meeting={meeting} /> : <MeetingView meeting={meeting} />}
      </Card>
      <DecisionsCard meeting={meeting} />
      <ProblemsCard meeting={meeting} />
      {parts.statements?.(meeting)}
    </div>
  );
}

function MeetingView({ meeting: m }: { meeting: Meeting }) {
  const { t } = useTranslation();
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('meetings.field.place')}>{m.place ?? m.siteProjectName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.field.chair')}>{m.chairLeaderName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.field.attendees')} span={2}>
          {[...m.attendeeLeaders.map((l) => l.name), ...m.attendeeUnits.map((u) => u.name), ...m.attendeePeople].join('、') ||
            '—'}
        </Descriptions.Item>
      </Descriptions>
      {m.minutes && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.minutes}</Typography.Paragraph>}
      <Typography.Title level={5}>{t('meetings.field.agenda')}</Typography.Title>
      <List
        size="small"
        dataSource={m.agenda}
        locale={{ emptyText: t('meetings.agenda.empty') }}
        renderItem={(a) => (
          <List.Item style={{ display: 'block' }}>
            <Link to={`/projects/${a.projectId}`}>{a.projectName}</Link>{' '}
            {a.reasons.map((r) => (
              <Tag key={r} color="warning">
                {labelOf(agendaReasonLabels, r)}
              </Tag>
            ))}
            {a.notes && <div style={{ whiteSpace: 'pre-wrap' }}>{a.notes}</div>}
          </List.Item>
        )}
      />
    </>
  );
}

function MeetingForm({ meeting: m }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordValues>();
  const leaders = useLeaders().data?.items ?? [];
  const units = useUnits().data?.items ?? [];
  const projects = useProjectOptions().data?.items ?? [];
  const update = useUpdateMeeting(m.id);
  const [adding, setAdding] = useState<number | undefined>(undefined);
  const toValues = (x: Meeting): RecordValues => ({
    title: x.title,
    date: dayjs(x.date),
    time: dayjs(x.time, 'HH:mm'),
    place: x.place,
    chairLeaderId: x.chairLeaderId,
    attendeeLeaderIds: x.attendeeLeaders.map((l) => l.id),
    attendeeUnitIds: x.attendeeUnits.map((u) => u.id),
    attendeePeople: x.attendeePeople,
    status: x.status,
    minutes: x.minutes,
    agenda: x.agenda.map((a) => ({ projectId: a.projectId, reasons: a.reasons, notes: a.notes })),
  });
  // a save (or another user's, via a refetch) moves the version: show the record as stored
  useEffect(() => form.setFieldsValue(toValues(m)), [m.version]);
  // preserve: the agenda's projectId and reasons have no field of their own, only the notes do
  const agenda = (Form.useWatch('agenda', { form, preserve: true }) as RecordValues['agenda'] | undefined) ?? [];
  const nameOf = (projectId: number) =>
    m.agenda.find((a) => a.projectId === projectId)?.projectName ?? projects.find((p) => p.id === projectId)?.name ?? '';

  const save = async () => {
    await form.validateFields();
    const v = form.getFieldsValue(true) as RecordValues;
    try {
      await update.mutateAsync({
        version: m.version,
        title: v.title,
        date: v.date.format('YYYY-MM-DD'),
        time: v.time.format('HH:mm'),
        place: v.place || null,
        chairLeaderId: v.chairLeaderId ?? null,
        attendeeLeaderIds: v.attendeeLeaderIds,
        attendeeUnitIds: v.attendeeUnitIds,
        attendeePeople: v.attendeePeople.map((p) => p.trim()).filter(Boolean),
        status: v.status,
        minutes: v.minutes || null,
        agenda: v.agenda.map((a) => ({ projectId: a.projectId, reasons: a.reasons, notes: a.notes || null })),
      });
      message.success(t('common.saved'));
    } catch (e) {
      if (isApiError(e, 'VERSION_CONFLICT')) message.warning(t('meetings.conflict'));
      else if (isApiError(e) && e.fieldIssues.length && applyFieldIssues(form, e.fieldIssues).length === 0) return;
      else message.error(describeError(e));
    }
  };

  return (
    <Form<RecordValues> form={form} layout="vertical" initialValues={toValues(m)}>
      <Form.Item name="title" label={t('meetings.field.title')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="date" label={t('meetings.field.date')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="time" label={t('meetings.field.time')} rules={[{ required: true }]}>
          <TimePicker format="HH:mm" minuteStep={5} />
        </Form.Item>
        <Form.Item name="chairLeaderId" label={t('meetings.field.chair')}>
          <Select allowClear style={{ width: 160 }} options={leaders.map((l) => ({ value: l.id, label: l.name }))} />
        </Form.Item>
        <Form.Item name="status" label={t('meetings.field.status')}>
          <Select style={{ width: 120 }} options={optionsOf(meetingStatuses, meetingStatusLabels)} data-testid="meeting-status" />
        </Form.Item>
      </Space>
      <Form.Item name="place" label={t('meetings.field.place')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="attendeeLeaderIds" label={t('meetings.field.attendeeLeaders')}>
        <Select mode="multiple" optionFilterProp="label" options={leaders.map((l) => ({ value: l.id, label: l.name }))} />
      </Form.Item>
      <Form.Item name="attendeeUnitIds" label={t('meetings.field.attendeeUnits')}>
        <Select mode="multiple" optionFilterProp="label" options={units.map((u) => ({ value: u.id, label: u.name }))} />
      </Form.Item>
      <Form.Item name="attendeePeople" label={t('meetings.field.attendeePeople')}>
        <Select mode="tags" tokenSeparators={['、', ',', '，']} open={false} />
      </Form.Item>
      <Form.Item name="minutes" label={t('meetings.field.minutes')}>
        <Input.TextArea rows={4} maxLength={20000} data-testid="meeting-minutes-text" />
      </Form.Item>
      <Typography.Title level={5}>{t('meetings.field.agenda')}</Typography.Title>
      <Form.List name="agenda">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => {
              const item = agenda[f.name];
              return (
                <Card key={f.key} size="small" style={{ marginBottom: 8 }}>
                  <Space wrap size={[8, 4]} style={{ marginBottom: 4 }}>
                    <Typography.Text strong>{item ? nameOf(item.projectId) : ''}</Typography.Text>
                    {(item?.reasons ?? []).map((r) => (
                      <Tag key={r} color="warning">
                        {labelOf(agendaReasonLabels, r)}
                      </Tag>
                    ))}
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                  </Space>
                  <Form.Item name={[f.name, 'notes']} noStyle>
                    <Input.TextArea rows={2} maxLength={4000} placeholder={t('meetings.agenda.notes')} />
                  </Form.Item>
                </Card>
              );
            })}
            <Space wrap>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('meetings.agenda.add')}
                style={{ width: 240 }}
                value={adding}
                onChange={(v: number) => setAdding(v)}
                options={projects
                  .filter((p) => !agenda.some((a) => a.projectId === p.id))
                  .map((p) => ({ value: p.id, label: p.name }))}
              />
              <Button
                icon={<PlusOutlined />}
                disabled={!adding}
                onClick={() => {
                  add({ projectId: adding, reasons: ['manual'], notes: null });
                  setAdding(undefined);
                }}
              >
                {t('common.add')}
              </Button>
            </Space>
          </>
        )}
      </Form.List>
      <div style={{ marginTop: 16 }}>
        <Button type="primary" onClick={save} loading={update.isPending} data-testid="meeting-save">
          {t('common.save')}
        </Button>
      </div>
    </Form>
  );
}

interface DecisionValues {
  content: string;
  projectId?: number | null;
  unitId: number;
  ownerName?: string | null;
  deadline: Dayjs;
}

function DecisionsCard({ meeting: m }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const isPhone = !Grid.useBreakpoint().md;
  const units = useUnits().data?.items ?? [];
  const [editing, setEditing] = useState<Decision | 'new' | null>(null);
  const [form] = Form.useForm<DecisionValues>();
  const create = useCreateDecision(m.id);
  const update = useUpdateDecision();
  const remove = useDeleteDecision();
  const open = (d: Decision | 'new') => {
    setEditing(d);
    form.setFieldsValue(
      d === 'new'
        ? { content: '', projectId: null, ownerName: null, deadline: dayjs().add(14, 'day') }
        : { content: d.content, projectId: d.projectId, unitId: d.unitId, ownerName: d.ownerName, deadline: dayjs(d.deadline) },
    );
  };
  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      content: v.content,
      projectId: v.projectId ?? null,
      unitId: v.unitId,
      ownerName: v.ownerName || null,
      deadline: v.deadline.format('YYYY-MM-DD'),
    };
    try {
      if (editing === 'new') await create.mutateAsync(body);
      else if (editing) await update.mutateAsync({ id: editing.id, body: { ...body, version: editing.version } });
      setEditing(null);
      message.success(t('common.saved'));
    } catch (e) {
      message.error(isApiError(e, 'VERSION_CONFLICT') ? t('meetings.conflict') : describeError(e));
    }
  };
  const actions = (d: Decision) => (
    <Space size={4}>
      {d.permissions.edit && (
        <Button size="small" type="link" icon={<EditOutlined />} onClick={() => open(d)} aria-label={t('common.edit')} />
      )}
      {d.permissions.edit && (
        <Button
          size="small"
          type="link"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('common.delete')}
          onClick={() =>
            modal.confirm({
              title: t('meetings.decision.deleteConfirm'),
              onOk: () =>
                remove.mutateAsync({ id: d.id, version: d.version }).catch((e: unknown) => message.error(describeError(e))),
            })
          }
        />
      )}
      <DecisionActions decision={d} />
    </Space>
  );
  return (
    <Card
      title={t('meetings.decisionsTitle')}
      style={{ marginTop: 16 }}
      extra={
        m.permissions.edit && (
          <Button icon={<PlusOutlined />} onClick={() => open('new')} data-testid="decision-add">
            {t('meetings.decision.add')}
          </Button>
        )
      }
    >
      {isPhone ? (
        <List<Decision>
          size="small"
          dataSource={m.decisions}
          locale={{ emptyText: t('meetings.decision.empty') }}
          renderItem={(d) => (
            <List.Item style={{ display: 'block', ...(d.overdue ? overdueRow : {}) }} data-testid="decision-card">
              <Typography.Text strong>{d.content}</Typography.Text>
              <Space wrap size={[8, 4]} style={{ marginTop: 4, fontSize: 13 }}>
                {d.projectName && <Typography.Text type="secondary">{d.projectName}</Typography.Text>}
                <Typography.Text type="secondary">{d.unitName ?? '—'}</Typography.Text>
                {d.ownerName && <Typography.Text type="secondary">{d.ownerName}</Typography.Text>}
                <Typography.Text type={d.overdue ? 'danger' : 'secondary'}>{d.deadline}</Typography.Text>
                <DecisionStateTag state={d.state} />
              </Space>
              <div>{actions(d)}</div>
            </List.Item>
          )}
        />
      ) : (
        <Table<Decision>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={m.decisions}
          locale={{ emptyText: t('meetings.decision.empty') }}
          onRow={(d) => ({ style: d.overdue ? overdueRow : undefined })}
          columns={[
            { title: '#', key: 'n', width: 40, render: (_: unknown, _d, i) => i + 1 },
            { title: t('meetings.decision.content'), dataIndex: 'content' },
            {
              title: t('meetings.decision.project'),
              dataIndex: 'projectName',
              width: 170,
              render: (v: string | null) => v ?? '—',
            },
            { title: t('meetings.decision.unit'), dataIndex: 'unitName', width: 140 },
            { title: t('meetings.decision.owner'), dataIndex: 'ownerName', width: 90, render: (v: string | null) => v ?? '—' },
            {
              title: t('meetings.decision.deadline'),
              dataIndex: 'deadline',
              width: 110,
              render: (v: string, d) => <Typography.Text type={d.overdue ? 'danger' : undefined}>{v}</Typography.Text>,
            },
            {
              title: t('meetings.decision.state'),
              dataIndex: 'state',
              width: 90,
              render: (s: Decision['state']) => <DecisionStateTag state={s} />,
            },
            { title: t('common.actions'), key: 'a', width: 200, render: (_: unknown, d) => actions(d) },
          ]}
        />
      )}
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('meetings.decision.add') : t('meetings.decision.edit')}
        onCancel={() => setEditing(null)}
        onOk={submit}
        confirmLoading={create.isPending || update.isPending}
        okButtonProps={{ 'data-testid': 'decision-ok' } as Record<string, string>}
        forceRender
      >
        <Form<DecisionValues> form={form} layout="vertical">
          <Form.Item name="content" label={t('meetings.decision.content')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="decision-content" />
          </Form.Item>
          <Form.Item name="projectId" label={t('meetings.decision.project')}>
            <Select allowClear options={m.agenda.map((a) => ({ value: a.projectId, label: a.projectName }))} />
          </Form.Item>
          <Form.Item name="unitId" label={t('meetings.decision.unit')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={units.map((u) => ({ value: u.id, label: u.name }))}
              data-testid="decision-unit"
            />
          </Form.Item>
          <Space wrap>
            <Form.Item name="ownerName" label={t('meetings.decision.owner')}>
              <Input maxLength={64} />
            </Form.Item>
            <Form.Item name="deadline" label={t('meetings.decision.deadline')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}

interface RaiseValues {
  projectId: number;
  category: ProblemCategory;
  description: string;
  unitId?: number;
  deadline?: Dayjs;
}

function ProblemsCard({ meeting: m }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const units = useUnits().data?.items ?? [];
  const [raising, setRaising] = useState(false);
  const [solving, setSolving] = useState(false);
  const [raiseForm] = Form.useForm<RaiseValues>();
  const [solveForm] = Form.useForm<{ ids: number[]; leaderId: number; resolution: string }>();
  const solvable = useSolvableProblems(m.id, solving);
  const raise = useRaiseProblems(m.id);
  const solve = useSolveProblems(m.id);
  const projectOptions = [
    ...m.agenda.map((a) => ({ value: a.projectId, label: a.projectName })),
    ...(m.siteProjectId && !m.agenda.some((a) => a.projectId === m.siteProjectId)
      ? [{ value: m.siteProjectId, label: m.siteProjectName ?? '' }]
      : []),
  ];
  const leaderOptions = [
    ...(m.chairLeaderId ? [{ value: m.chairLeaderId, label: m.chairLeaderName ?? '' }] : []),
    ...m.attendeeLeaders.filter((l) => l.id !== m.chairLeaderId).map((l) => ({ value: l.id, label: l.name })),
  ];
  const submitRaise = async () => {
    const v = await raiseForm.validateFields();
    try {
      await raise.mutateAsync({
        problems: [
          {
            projectId: v.projectId,
            category: v.category,
            description: v.description,
            unitId: v.unitId ?? null,
            deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
          },
        ],
      });
      setRaising(false);
      raiseForm.resetFields();
    } catch (e) {
      message.error(describeError(e));
    }
  };
  const submitSolve = async () => {
    const v = await solveForm.validateFields();
    const rows = (solvable.data ?? []).filter((p) => v.ids.includes(p.id));
    try {
      await solve.mutateAsync({
        solvedByLeaderId: v.leaderId,
        problems: rows.map((p) => ({ id: p.id, version: p.version, resolution: v.resolution })),
      });
      setSolving(false);
      solveForm.resetFields();
    } catch (e) {
      message.error(describeError(e));
    }
  };
  const line = (p: Meeting['problemsRaised'][number]) => (
    <List.Item style={{ display: 'block' }}>
      <Space wrap size={[8, 4]}>
        <Tag>{labelOf(problemCategoryLabels, p.category)}</Tag>
        <Typography.Text>{p.description}</Typography.Text>
        <Typography.Text type="secondary">{p.projectName}</Typography.Text>
        {p.solvedByLeaderName && (
          <Typography.Text type="success">
            {p.solvedByLeaderName}：{p.resolution}
          </Typography.Text>
        )}
      </Space>
    </List.Item>
  );
  return (
    <Card title={t('meetings.problems.title')} style={{ marginTop: 16 }}>
      <Space wrap style={{ marginBottom: 8 }}>
        {m.permissions.edit && (
          <Button icon={<PlusOutlined />} onClick={() => setRaising(true)} disabled={!projectOptions.length}>
            {t('meetings.problems.raise')}
          </Button>
        )}
        {m.permissions.edit && (
          <Button onClick={() => setSolving(true)} disabled={!projectOptions.length || !leaderOptions.length}>
            {t('meetings.problems.solve')}
          </Button>
        )}
      </Space>
      <Typography.Title level={5}>{t('meetings.problems.raised')}</Typography.Title>
      <List size="small" dataSource={m.problemsRaised} renderItem={line} locale={{ emptyText: '—' }} />
      <Typography.Title level={5}>{t('meetings.problems.solved')}</Typography.Title>
      <List size="small" dataSource={m.problemsSolved} renderItem={line} locale={{ emptyText: '—' }} />
      <Modal
        open={raising}
        title={t('meetings.problems.raise')}
        onCancel={() => setRaising(false)}
        onOk={submitRaise}
        forceRender
      >
        <Form<RaiseValues> form={raiseForm} layout="vertical">
          <Form.Item name="projectId" label={t('meetings.decision.project')} rules={[{ required: true }]}>
            <Select options={projectOptions} />
          </Form.Item>
          <Form.Item name="category" label={t('meetings.problems.category')} rules={[{ required: true }]}>
            <Select options={optionsOf(problemCategories, problemCategoryLabels)} />
          </Form.Item>
          <Form.Item name="description" label={t('meetings.problems.description')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="unitId" label={t('meetings.decision.unit')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={units.map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
          <Form.Item name="deadline" label={t('meetings.decision.deadline')}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={solving}
        title={t('meetings.problems.solve')}
        onCancel={() => setSolving(false)}
        onOk={submitSolve}
        forceRender
      >
        <Form form={solveForm} layout="vertical">
          <Form.Item name="ids" label={t('meetings.problems.which')} rules={[{ required: true }]}>
            {solvable.data?.length ? (
              <Checkbox.Group
                style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                options={solvable.data.map((p) => ({ value: p.id, label: `${p.projectName}：${p.description}` }))}
              />
            ) : (
              <Empty description={t('meetings.problems.none')} />
            )}
          </Form.Item>
          <Form.Item name="leaderId" label={t('meetings.problems.solvedBy')} rules={[{ required: true }]}>
            <Select options={leaderOptions} />
          </Form.Item>
          <Form.Item name="resolution" label={t('meetings.problems.resolution')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
