/** Add or edit a ledger item in a drawer; once saved, its evidence can be uploaded below the form. */
import { useEffect, useState } from 'react';
import { App, Button, DatePicker, Divider, Drawer, Form, Input, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  createLedgerItemBody,
  ledgerStatusLabels,
  ledgerStatuses,
  stageFocusLabels,
  stageFocuses,
  type LedgerItem,
  type LedgerStatus,
  type StageFocusKey,
} from '@kpc/contracts';
import { describeError, isApiError } from '../../../lib/api';
import { applyFieldIssues, validateWith } from '../../../lib/form-errors';
import { optionsOf } from '../../../lib/i18n';
import { isAfterShanghaiToday, shanghaiToday } from '../../../lib/dates';
import { blankToNull } from '../../../lib/save';
import { useCreateLedgerItem } from '../api/save-ledger-item';
import { useLedgerSave } from './use-ledger-save';
import { ledgerKeys } from '../api/keys';
import { AttachmentList } from '../../../components/attachments/attachment-list';

interface Values {
  focus?: StageFocusKey;
  unitId?: number;
  content?: string;
  measures?: string;
  deadline?: Dayjs;
  ownerName?: string;
  status?: LedgerStatus;
  completedOn?: Dayjs;
  evidenceNote?: string;
}

interface Props {
  projectId: number;
  /** undefined: closed; null: a new item; else the item to edit. */
  item: LedgerItem | null | undefined;
  unitOptions: { value: number; label: string }[];
  defaultUnitId?: number;
  onClose: () => void;
}

const toValues = (i: LedgerItem): Values => ({
  focus: i.focus,
  unitId: i.unitId,
  content: i.content,
  measures: i.measures ?? '',
  deadline: dayjs(i.deadline),
  ownerName: i.ownerName ?? '',
  status: i.status,
  completedOn: i.completedOn ? dayjs(i.completedOn) : undefined,
  evidenceNote: i.evidenceNote ?? '',
});

export function LedgerItemDrawer({ projectId, item, unitOptions, defaultUnitId, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateLedgerItem(projectId);
  const { save, saving } = useLedgerSave();
  // after "add", the drawer stays open on the new item so evidence can be attached
  const [current, setCurrent] = useState<LedgerItem | null>(null);
  const status = Form.useWatch('status', form);
  const open = item !== undefined;
  const editing = current ?? item ?? null;
  const readOnly = editing !== null && !editing.permissions.edit;
  /** An enterprise reports progress on an item but does not reassign or complete it (ADR 0009). */
  const mayComplete = editing === null || editing.permissions.complete;

  useEffect(() => {
    if (!open) return;
    setCurrent(null);
    form.resetFields();
    form.setFieldsValue(item ? toValues(item) : { status: 'not_started', unitId: defaultUnitId });
  }, [open, item, form, defaultUnitId]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body = {
      focus: v.focus,
      unitId: v.unitId,
      content: v.content?.trim(),
      measures: blankToNull(v.measures),
      deadline: v.deadline?.format('YYYY-MM-DD'),
      ownerName: blankToNull(v.ownerName),
      status: v.status,
      completedOn: v.status === 'done' ? (v.completedOn?.format('YYYY-MM-DD') ?? shanghaiToday()) : null,
      evidenceNote: blankToNull(v.evidenceNote),
    };
    const checked = validateWith(createLedgerItemBody, body);
    if (!checked.ok) {
      applyFieldIssues(form, checked.issues);
      return;
    }
    if (editing) {
      const saved = await save(editing, checked.data, (fresh) => {
        if (fresh) {
          setCurrent(fresh);
          form.setFieldsValue(toValues(fresh));
        }
      });
      if (saved) {
        message.success(t('common.saved'));
        setCurrent(saved);
        // the form shows what the server stored (its completion date, trimmed text), not what was typed
        form.setFieldsValue(toValues(saved));
      }
      return;
    }
    try {
      const created = await create.mutateAsync(checked.data);
      message.success(t('ledger.created'));
      setCurrent(created);
      form.setFieldsValue(toValues(created));
    } catch (e) {
      if (isApiError(e, 'VALIDATION_FAILED')) applyFieldIssues(form, e.fieldIssues);
      message.error(describeError(e));
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={560}
      title={editing ? t('ledger.editTitle', { seq: editing.seq }) : t('ledger.addTitle')}
      destroyOnHidden
      extra={
        !readOnly && (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" onClick={submit} loading={saving || create.isPending} data-testid="ledger-form-submit">
              {t('common.save')}
            </Button>
          </Space>
        )
      }
    >
      <Form form={form} layout="vertical" name="ledger" disabled={readOnly} requiredMark>
        <Space.Compact block style={{ gap: 12, display: 'flex' }}>
          <Form.Item name="focus" label={t('ledger.field.focus')} style={{ flex: 1 }} tooltip={t('ledger.field.focusHint')}>
            <Select allowClear options={optionsOf(stageFocuses, stageFocusLabels)} />
          </Form.Item>
          <Form.Item name="unitId" label={t('ledger.field.unit')} rules={[{ required: true }]} style={{ flex: 2 }}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={unitOptions} disabled={!mayComplete} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="content" label={t('ledger.field.content')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
        </Form.Item>
        <Form.Item name="measures" label={t('ledger.field.measures')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        <Space.Compact block style={{ gap: 12, display: 'flex' }}>
          <Form.Item name="deadline" label={t('ledger.field.deadline')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="ownerName" label={t('ledger.field.owner')} style={{ flex: 1 }}>
            <Input maxLength={64} />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block style={{ gap: 12, display: 'flex' }}>
          <Form.Item name="status" label={t('ledger.field.status')} style={{ flex: 1 }}>
            <Select
              options={optionsOf(ledgerStatuses, ledgerStatusLabels).map((o) => ({
                ...o,
                disabled: !mayComplete && o.value === 'done',
              }))}
              disabled={!mayComplete && editing?.status === 'done'}
              data-testid="ledger-form-status"
            />
          </Form.Item>
          <Form.Item
            name="completedOn"
            label={t('ledger.field.completedOn')}
            style={{ flex: 1 }}
            hidden={status !== 'done'}
            tooltip={t('ledger.field.completedOnHint')}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={isAfterShanghaiToday} disabled={!mayComplete} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="evidenceNote" label={t('ledger.field.evidenceNote')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </Form>
      <Divider titlePlacement="start">{t('ledger.evidence.title')}</Divider>
      {editing ? (
        <AttachmentList
          owner="ledger-items"
          ownerId={editing.id}
          canUpload={editing.permissions.upload}
          labels={{ upload: t('ledger.evidence.upload'), hint: t('ledger.evidence.hint'), none: t('ledger.evidence.none') }}
          testId="ledger-evidence"
          alsoInvalidate={[ledgerKeys.all]}
        />
      ) : (
        <Typography.Text type="secondary">{t('ledger.evidence.afterSave')}</Typography.Text>
      )}
    </Drawer>
  );
}
