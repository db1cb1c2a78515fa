/**
 * Records a new meeting: kind, series (weekly) or site project (on-site), title, day and time, place, chair.
 * A weekly meeting shows the proposed agenda for its day — projects with overdue milestones, ledger items,
 * decisions and problems, each with its reasons — all ticked; the office unticks what not to discuss.
 */
import { useEffect, useState } from 'react';
import { App, Checkbox, DatePicker, Empty, Form, Input, List, Modal, Select, Space, Tag, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { agendaReasonLabels, meetingKindLabels, meetingKinds, type MeetingKind } from '@kpc/contracts';
import { describeError, isApiError } from '../../../lib/api';
import { applyFieldIssues } from '../../../lib/form-errors';
import { labelOf, optionsOf } from '../../../lib/i18n';
import { useLeaders } from '../../../lib/reference-data';
import { useAgendaProposal } from '../api/agenda-proposal';
import { useProjectOptions } from '../api/get-meeting';
import { useMeetingSeries } from '../api/list-meetings';
import { useCreateMeeting } from '../api/save-meeting';

interface Values {
  kind: MeetingKind;
  seriesId?: number;
  siteProjectId?: number;
  title: string;
  date: Dayjs;
  time: Dayjs;
  place?: string;
  chairLeaderId?: number;
}

export function NewMeetingModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'weekly';
  const date = (Form.useWatch('date', form) as Dayjs | undefined) ?? dayjs();
  const asOf = date.format('YYYY-MM-DD');
  const series = useMeetingSeries().data ?? [];
  const leaders = useLeaders().data?.items ?? [];
  const projects = useProjectOptions().data?.items ?? [];
  const proposal = useAgendaProposal(asOf, kind === 'weekly');
  const [unticked, setUnticked] = useState<Set<number>>(new Set());
  useEffect(() => setUnticked(new Set()), [asOf]);
  const create = useCreateMeeting();

  const submit = async () => {
    const v = await form.validateFields();
    const agenda =
      kind === 'weekly'
        ? (proposal.data?.items ?? [])
            .filter((i) => !unticked.has(i.projectId))
            .map((i) => ({ projectId: i.projectId, reasons: i.reasons.map((r) => r.reason) }))
        : v.siteProjectId
          ? [{ projectId: v.siteProjectId, reasons: [] }]
          : [];
    try {
      const m = await create.mutateAsync({
        kind: v.kind,
        seriesId: v.kind === 'weekly' ? (v.seriesId ?? null) : null,
        siteProjectId: v.kind === 'onsite_office' ? (v.siteProjectId ?? null) : null,
        title: v.title,
        date: v.date.format('YYYY-MM-DD'),
        time: v.time.format('HH:mm'),
        place: v.place || null,
        chairLeaderId: v.chairLeaderId ?? null,
        agenda,
      });
      message.success(t('meetings.created'));
      onCreated(m.id);
    } catch (e) {
      if (isApiError(e) && e.fieldIssues.length && applyFieldIssues(form, e.fieldIssues).length === 0) return;
      message.error(describeError(e));
    }
  };

  return (
    <Modal
      open
      width={720}
      title={t('meetings.new')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'meeting-create-ok' } as Record<string, string>}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'weekly', date: dayjs(), time: dayjs('09:00', 'HH:mm') }}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.seriesId) {
            const s = series.find((x) => x.id === changed.seriesId);
            if (s)
              form.setFieldsValue({ title: `${s.name}（第${s.heldCount + 1}期）`, chairLeaderId: s.chairLeaderId ?? undefined });
          }
        }}
      >
        <Form.Item name="kind" label={t('meetings.field.kind')} rules={[{ required: true }]}>
          <Select options={optionsOf(meetingKinds, meetingKindLabels)} data-testid="meeting-kind" />
        </Form.Item>
        {kind === 'weekly' && (
          <Form.Item name="seriesId" label={t('meetings.field.series')} rules={[{ required: true }]}>
            <Select options={series.map((s) => ({ value: s.id, label: s.name }))} data-testid="meeting-series" />
          </Form.Item>
        )}
        {kind === 'onsite_office' && (
          <Form.Item name="siteProjectId" label={t('meetings.field.siteProject')} rules={[{ required: true }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={projects.map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('meetings.field.title')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} data-testid="meeting-title" />
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
        </Space>
        <Form.Item name="place" label={t('meetings.field.place')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
      {kind === 'weekly' && (
        <>
          <Typography.Title level={5}>{t('meetings.proposal.title', { date: asOf })}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('meetings.proposal.hint')}</Typography.Paragraph>
          <List
            size="small"
            bordered
            loading={proposal.isFetching}
            style={{ maxHeight: 280, overflowY: 'auto' }}
            locale={{ emptyText: <Empty description={t('meetings.proposal.empty')} /> }}
            dataSource={proposal.data?.items ?? []}
            renderItem={(i) => (
              <List.Item data-testid="proposal-item">
                <Checkbox
                  checked={!unticked.has(i.projectId)}
                  onChange={(e) =>
                    setUnticked((s) => {
                      const n = new Set(s);
                      if (e.target.checked) n.delete(i.projectId);
                      else n.add(i.projectId);
                      return n;
                    })
                  }
                >
                  {i.projectName}
                </Checkbox>
                <Space wrap size={4}>
                  {i.reasons.map((r) => (
                    <Tag key={r.reason} color="warning">
                      {labelOf(agendaReasonLabels, r.reason)} {r.count}
                    </Tag>
                  ))}
                </Space>
              </List.Item>
            )}
          />
        </>
      )}
    </Modal>
  );
}
