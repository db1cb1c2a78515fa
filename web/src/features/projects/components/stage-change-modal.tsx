/** Moves a project to its next stage, or (office/admin) back to an earlier one with a required reason. */
import { useEffect } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { stageLabels, stages, type ProjectDetail, type Stage } from '@kpc/contracts';
import { nextStage, stageIndex } from '@kpc/domain';
import { labelOf } from '../../../lib/i18n';
import { describeError } from '../../../lib/api';
import { useTransitionProject } from '../api/transition-project';
import { validatedValues } from '../../../lib/forms';

interface Props {
  project: ProjectDetail;
  mode: 'forward' | 'rollback' | null;
  onClose: () => void;
}

interface Values {
  toStage: Stage;
  onDate: Dayjs;
  reason?: string;
}

export function StageChangeModal({ project, mode, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const transition = useTransitionProject(project.id);
  const next = nextStage(project.stage);
  const earlier = stages.filter((s) => stageIndex(s) < stageIndex(project.stage));
  const lastDate = project.transitions.at(-1)?.onDate;

  useEffect(() => {
    if (!mode) return;
    transition.reset();
    form.resetFields();
    form.setFieldsValue({
      toStage: mode === 'forward' ? (next ?? undefined) : earlier.at(-1),
      onDate: dayjs(),
      reason: undefined,
    });
    // reset only when the modal opens, not on every render of the project
  }, [mode]);

  const onOk = async () => {
    const v = await validatedValues(form);
    if (!v) return;
    transition.mutate(
      {
        version: project.version,
        toStage: v.toStage,
        onDate: v.onDate.format('YYYY-MM-DD'),
        reason: v.reason?.trim() || undefined,
      },
      { onSuccess: onClose },
    );
  };

  return (
    <Modal
      open={mode !== null}
      title={mode === 'rollback' ? t('project.stage.rollback') : t('project.stage.change')}
      onCancel={onClose}
      onOk={() => void onOk()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={transition.isPending}
      destroyOnHidden
    >
      {transition.error && <Alert type="error" showIcon title={describeError(transition.error)} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} name="transition" layout="vertical">
        <Form.Item label={t('project.stage.current')}>{labelOf(stageLabels, project.stage)}</Form.Item>
        <Form.Item name="toStage" label={t('project.stage.to')} rules={[{ required: true }]}>
          {mode === 'forward' ? (
            <Select disabled options={next ? [{ value: next, label: labelOf(stageLabels, next) }] : []} />
          ) : (
            <Select options={earlier.map((s) => ({ value: s, label: labelOf(stageLabels, s) }))} />
          )}
        </Form.Item>
        <Form.Item name="onDate" label={t('project.stage.onDate')} rules={[{ required: true }]}>
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(), 'day') || (!!lastDate && d.isBefore(dayjs(lastDate), 'day'))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('project.stage.reason')}
          rules={mode === 'rollback' ? [{ required: true, whitespace: true, message: t('project.stage.reasonRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
