/** 人工调整: the supervisor shows another colour than the computed one, saying why and until when (≤ 180 days). */
import { useEffect } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ragLabels, rags, type Rag } from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import { labelOf } from '../../../lib/i18n';
import { validatedValues } from '../../../lib/forms';
import { useOverrideRag } from '../api/rag';

interface Values {
  rag: Rag;
  reason: string;
  until: Dayjs;
}

export function OverrideModal(props: { projectId: number; computed: Rag; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useOverrideRag(props.projectId);
  useEffect(() => {
    if (!props.open) return;
    save.reset();
    form.resetFields();
    form.setFieldsValue({ rag: props.computed === 'red' ? 'yellow' : props.computed, until: dayjs().add(14, 'day') });
    // reset only when the modal opens
  }, [props.open]);
  const onOk = async () => {
    const v = await validatedValues(form);
    if (!v) return;
    save.mutate(
      { kind: 'set', rag: v.rag, reason: v.reason.trim(), until: v.until.format('YYYY-MM-DD') },
      { onSuccess: props.onClose },
    );
  };
  return (
    <Modal
      open={props.open}
      title={t('supervision.override.title')}
      onCancel={props.onClose}
      onOk={() => void onOk()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'rag-override-ok' } as Record<string, string>}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {save.error && <Alert type="error" showIcon title={describeError(save.error)} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} name="rag-override" layout="vertical">
        <Form.Item label={t('supervision.override.computed')}>{labelOf(ragLabels, props.computed)}</Form.Item>
        <Form.Item name="rag" label={t('supervision.override.rag')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={rags.map((r) => ({ value: r, label: labelOf(ragLabels, r) }))}
            data-testid="rag-override-rag"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('supervision.override.reason')}
          rules={[{ required: true, whitespace: true, message: t('supervision.override.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="rag-override-reason" />
        </Form.Item>
        <Form.Item
          name="until"
          label={t('supervision.override.until')}
          extra={t('supervision.override.untilHint')}
          rules={[{ required: true }]}
        >
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(180, 'day'), 'day')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
