/**
 * 更新进展: the latest progress note 进展情况 of one item, in a small dialog — the report a unit or an
 * enterprise makes most often, without opening the whole item. Saved with the item's version (409 → reload).
 */
import { useEffect } from 'react';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LedgerItem } from '@kpc/contracts';
import { blankToNull } from '../../../lib/save';
import { useBurden } from '../../../lib/burden';
import { progressNoteDay } from './ledger-tags';
import { useLedgerSave } from './use-ledger-save';

export function ProgressNoteModal({ item, onClose }: { item: LedgerItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ progressNote?: string }>();
  const { save, saving } = useLedgerSave();
  const burden = useBurden();

  useEffect(() => {
    if (!item) return;
    form.setFieldsValue({ progressNote: item.progressNote ?? '' });
    burden.restart({ progressNote: item.progressNote ?? '' });
  }, [item, form, burden]);

  const submit = async () => {
    if (!item) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const saved = await save(item, { progressNote: blankToNull(v.progressNote), burden: burden.measure() }, () => onClose());
    if (saved) {
      message.success(t('ledger.progress.saved'));
      onClose();
    }
  };

  const day = item ? progressNoteDay(item) : null;
  return (
    <Modal
      open={item !== null}
      title={t('ledger.progress.title')}
      onCancel={onClose}
      onOk={submit}
      okText={t('common.save')}
      okButtonProps={{ loading: saving, 'data-testid': 'ledger-progress-save' }}
      destroyOnHidden
    >
      {item && (
        <>
          <Typography.Paragraph strong style={{ marginBottom: 8 }}>
            {item.seq}. {item.content}
          </Typography.Paragraph>
          <Form form={form} layout="vertical" name="ledger-progress" onValuesChange={burden.onValuesChange}>
            <Form.Item
              name="progressNote"
              label={t('ledger.field.progressNote')}
              extra={day ? t('ledger.progress.lastAt', { date: day }) : undefined}
            >
              <Input.TextArea
                autoSize={{ minRows: 3, maxRows: 8 }}
                maxLength={2000}
                placeholder={t('ledger.progress.placeholder')}
                data-testid="ledger-progress-input"
              />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
