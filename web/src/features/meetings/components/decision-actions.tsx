/** The done (办结) and verify (核验) buttons of a decision, shown by its permissions; done asks for the day and how. */
import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Modal, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Decision } from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import { useMarkDecisionDone, useVerifyDecision } from '../api/decisions';

export function DecisionActions({ decision }: { decision: Decision }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ doneOn: Dayjs; note: string }>();
  const done = useMarkDecisionDone();
  const verify = useVerifyDecision();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await done.mutateAsync({
        id: decision.id,
        body: { version: decision.version, doneOn: v.doneOn.format('YYYY-MM-DD'), note: v.note },
      });
      setOpen(false);
      message.success(t('meetings.decision.doneSaved'));
    } catch (e) {
      message.error(describeError(e));
    }
  };
  return (
    <Space size={4}>
      {decision.permissions.done && (
        <Button size="small" onClick={() => setOpen(true)} data-testid={`decision-done-${decision.id}`}>
          {t('meetings.decision.markDone')}
        </Button>
      )}
      {decision.permissions.verify && (
        <Button
          size="small"
          loading={verify.isPending}
          onClick={() =>
            verify
              .mutateAsync({ id: decision.id, version: decision.version })
              .then(() => message.success(t('meetings.decision.verified')))
              .catch((e: unknown) => message.error(describeError(e)))
          }
        >
          {t('meetings.decision.verify')}
        </Button>
      )}
      <Modal
        open={open}
        title={t('meetings.decision.markDone')}
        onCancel={() => setOpen(false)}
        onOk={submit}
        confirmLoading={done.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ doneOn: dayjs() }}>
          <Form.Item name="doneOn" label={t('meetings.decision.doneOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label={t('meetings.decision.doneNote')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
