/** A unit or the enterprise proposes the project's next stage: the date it was reached and what shows it; files after. */
import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { stageLabels, type ProjectDetail, type StageProposal } from '@kpc/contracts';
import { nextStage } from '@kpc/domain';
import { describeError } from '../../../lib/api';
import { labelOf } from '../../../lib/i18n';
import { validatedValues } from '../../../lib/forms';
import { AttachmentList } from '../../../components/attachments/attachment-list';
import { stageProposalKeys, useProposeStage } from '../api/stage-proposals';

interface Values {
  onDate: Dayjs;
  evidenceNote: string;
}

export function ProposeStageModal({ project, open, onClose }: { project: ProjectDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const propose = useProposeStage(project.id);
  const [made, setMade] = useState<StageProposal | null>(null);
  const next = nextStage(project.stage);
  const lastDate = project.transitions.at(-1)?.onDate;

  useEffect(() => {
    if (!open) return;
    propose.reset();
    setMade(null);
    form.resetFields();
    form.setFieldsValue({ onDate: dayjs() });
    // reset only when the modal opens
  }, [open]);

  const onOk = async () => {
    if (made) return onClose();
    const v = await validatedValues(form);
    if (!v || !next) return;
    propose.mutate(
      { toStage: next, onDate: v.onDate.format('YYYY-MM-DD'), evidenceNote: v.evidenceNote.trim() },
      { onSuccess: setMade },
    );
  };

  return (
    <Modal
      open={open}
      title={t('stageProposals.propose', { stage: next ? labelOf(stageLabels, next) : '' })}
      onCancel={onClose}
      onOk={() => void onOk()}
      okText={made ? t('stageProposals.finish') : t('stageProposals.submit')}
      okButtonProps={{ 'data-testid': 'stage-proposal-submit' } as Record<string, string>}
      cancelButtonProps={made ? { style: { display: 'none' } } : undefined}
      confirmLoading={propose.isPending}
      destroyOnHidden
    >
      {propose.error && <Alert type="error" showIcon title={describeError(propose.error)} style={{ marginBottom: 12 }} />}
      {made ? (
        <>
          <Alert type="success" showIcon title={t('stageProposals.sent')} style={{ marginBottom: 12 }} />
          <AttachmentList
            owner="stage-proposals"
            ownerId={made.id}
            canUpload
            labels={{
              upload: t('stageProposals.upload'),
              hint: t('stageProposals.uploadHint'),
              none: t('stageProposals.noFiles'),
            }}
            testId="stage-proposal-new-files"
            alsoInvalidate={[stageProposalKeys.all]}
          />
        </>
      ) : (
        <Form<Values> form={form} name="stage-proposal" layout="vertical">
          <Form.Item label={t('stageProposals.toStage')}>{next ? labelOf(stageLabels, next) : '—'}</Form.Item>
          <Form.Item name="onDate" label={t('stageProposals.onDate')} rules={[{ required: true }]}>
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(dayjs(), 'day') || (!!lastDate && d.isBefore(dayjs(lastDate), 'day'))}
            />
          </Form.Item>
          <Form.Item
            name="evidenceNote"
            label={t('stageProposals.evidence')}
            extra={t('stageProposals.evidenceHint')}
            rules={[{ required: true, whitespace: true, message: t('stageProposals.evidenceRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} showCount data-testid="stage-proposal-evidence" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
