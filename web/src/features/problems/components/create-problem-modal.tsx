/** Raising a problem: project, category, description, responsible unit, coordinating leader, deadline. */
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  problemCategories,
  problemCategoryLabels,
  problemSourceLabels,
  problemSources,
  type CreateProblemBody,
  type ProblemCategory,
  type ProblemSource,
} from '@kpc/contracts';
import { api, describeError, type Page } from '../../../lib/api';
import { hasRole } from '../../../lib/access';
import { optionsOf } from '../../../lib/i18n';
import { useLeaders, useUnits } from '../../../lib/reference-data';
import { useCurrentUser } from '../../../lib/session';
import { useCreateProblem } from '../api/save-problem';

interface Values {
  projectId: number;
  category: ProblemCategory;
  source?: ProblemSource;
  description: string;
  unitId?: number;
  leaderId?: number;
  deadline?: dayjs.Dayjs;
}

export function CreateProblemModal({ open, projectId, onClose }: { open: boolean; projectId?: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const isUnit = hasRole(user, 'unit') && !hasRole(user, 'office', 'admin', 'supervisor', 'leader');
  const [form] = Form.useForm<Values>();
  const create = useCreateProblem();
  const units = useUnits().data?.items ?? [];
  const leaders = useLeaders().data?.items ?? [];
  const projects = useQuery({
    queryKey: ['problems', 'project-options'],
    queryFn: ({ signal }) =>
      api.get<Page<{ id: number; name: string; code: string }>>('/projects', { query: { pageSize: 200 }, signal }),
    enabled: open && !projectId,
  });

  async function submit() {
    const v = await form.validateFields();
    const body: CreateProblemBody = {
      projectId: projectId ?? v.projectId,
      category: v.category,
      source: isUnit ? 'unit_report' : v.source,
      description: v.description,
      unitId: isUnit ? user.unitId : (v.unitId ?? null),
      leaderId: v.leaderId ?? null,
      deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
    };
    try {
      await create.mutateAsync(body);
      message.success(t('problems.created'));
      form.resetFields();
      onClose();
    } catch (e) {
      message.error(describeError(e));
    }
  }

  const required = [{ required: true, message: t('problems.required') }];
  return (
    <Modal
      open={open}
      title={t('problems.new')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
      okText={t('common.save')}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ category: 'land', source: 'unit_report' }}
        data-testid="problem-create-form"
      >
        {!projectId && (
          <Form.Item name="projectId" label={t('problems.field.project')} rules={required}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="category" label={t('problems.field.category')} rules={required}>
          <Select options={optionsOf(problemCategories, problemCategoryLabels)} />
        </Form.Item>
        {!isUnit && (
          <Form.Item name="source" label={t('problems.field.source')}>
            <Select options={optionsOf(problemSources, problemSourceLabels)} />
          </Form.Item>
        )}
        <Form.Item
          name="description"
          label={t('problems.field.description')}
          rules={[{ required: true, whitespace: true, message: t('problems.required') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
        </Form.Item>
        {!isUnit && (
          <Form.Item name="unitId" label={t('problems.field.unit')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={units.map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="leaderId" label={t('problems.field.leader')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={leaders.map((l) => ({ value: l.id, label: l.name }))}
          />
        </Form.Item>
        <Form.Item name="deadline" label={t('problems.field.deadline')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
