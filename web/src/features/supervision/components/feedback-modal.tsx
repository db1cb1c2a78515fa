/**
 * 上级督导反馈: the bureau types in feedback from a higher level (who sent it, what, the responsible unit,
 * the person and the deadline; a project when it concerns one) — it becomes a supervision item in 协调.
 */
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Project } from '@kpc/contracts';
import { UnitSelect } from '../../../components/reference-select';
import { api, describeError, isApiError, type Page } from '../../../lib/api';
import { applyFieldIssues } from '../../../lib/form-errors';
import { useCreateSupervisionItem } from '../api/items';

interface Values {
  issuedBy: string;
  title: string;
  content: string;
  unitId: number;
  projectId?: number;
  ownerName?: string;
  deadline: Dayjs;
}

export function FeedbackModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateSupervisionItem();
  const projects = useQuery({
    queryKey: ['projects', 'pick', 200],
    queryFn: ({ signal }) => api.get<Page<Project>>('/projects', { query: { pageSize: 200 }, signal }),
    enabled: open,
  });
  const submit = async (v: Values) => {
    try {
      const item = await create.mutateAsync({
        source: 'higher_feedback',
        issuedBy: v.issuedBy,
        title: v.title,
        content: v.content,
        unitId: v.unitId,
        projectId: v.projectId ?? null,
        ownerName: v.ownerName?.trim() || null,
        deadline: v.deadline.format('YYYY-MM-DD'),
      });
      message.success(t('supervisionItems.created'));
      form.resetFields();
      onClose();
      onCreated(item.id);
    } catch (e) {
      if (!isApiError(e) || !e.fieldIssues.length || applyFieldIssues(form, e.fieldIssues).length)
        message.error(describeError(e));
    }
  };
  const required = { required: true, whitespace: true, message: t('supervisionItems.required') };
  return (
    <Modal
      open={open}
      title={t('supervisionItems.newFeedback')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('supervisionItems.create')}
      confirmLoading={create.isPending}
      destroyOnHidden
      data-testid="feedback-modal"
    >
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item name="issuedBy" label={t('supervisionItems.field.issuedBy')} rules={[required]}>
          <Input maxLength={100} placeholder="市委督查室" data-testid="feedback-issued-by" />
        </Form.Item>
        <Form.Item name="title" label={t('supervisionItems.field.title')} rules={[required]}>
          <Input maxLength={200} data-testid="feedback-title" />
        </Form.Item>
        <Form.Item name="content" label={t('supervisionItems.field.content')} rules={[required]}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="feedback-content" />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t('supervisionItems.field.unit')}
          rules={[{ required: true, message: t('supervisionItems.required') }]}
        >
          <UnitSelect data-testid="feedback-unit" />
        </Form.Item>
        <Form.Item name="projectId" label={t('supervisionItems.field.projectOptional')}>
          <Select<number>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={projects.isPending}
            options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.code}）` }))}
            data-testid="feedback-project"
          />
        </Form.Item>
        <Form.Item name="ownerName" label={t('supervisionItems.field.owner')}>
          <Input maxLength={50} data-testid="feedback-owner" />
        </Form.Item>
        <Form.Item
          name="deadline"
          label={t('supervisionItems.field.deadline')}
          rules={[{ required: true, message: t('supervisionItems.required') }]}
        >
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            data-testid="feedback-deadline"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
