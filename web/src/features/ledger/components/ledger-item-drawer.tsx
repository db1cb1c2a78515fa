/**
 * Add or edit a ledger item in a drawer; once saved, its evidence can be uploaded below the form. An item
 * has a deadline or is recurring 长期事项 (the switch, whose label toggles it too, hides the date); its
 * latest progress note 进展情况 is shown with the day it was written.
 */
import { useEffect, useState } from 'react';
import { App, Button, DatePicker, Divider, Drawer, Form, Input, Select, Space, Switch, Typography } from 'antd';
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
import { useBurden } from '../../../lib/burden';
import { useCreateLedgerItem } from '../api/save-ledger-item';
import { useLedgerSave } from './use-ledger-save';
import { progressNoteDay } from './ledger-tags';
import { ledgerKeys } from '../api/keys';
import { AttachmentList } from '../../../components/attachments/attachment-list';
import { SuperviseButton } from '../../../components/supervise-button';

interface Values {
  focus?: StageFocusKey;
  unitId?: number;
  content?: string;
  measures?: string;
  deadline?: Dayjs;
  recurring?: boolean;
  ownerName?: string;
  status?: LedgerStatus;
  completedOn?: Dayjs;
  evidenceNote?: string;
  progressNote?: string;
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
  deadline: i.deadline ? dayjs(i.deadline) : undefined,
  recurring: i.recurring,
  ownerName: i.ownerName ?? '',
  status: i.status,
  completedOn: i.completedOn ? dayjs(i.completedOn) : undefined,
  evidenceNote: i.evidenceNote ?? '',
  progressNote: i.progressNote ?? '',
});

export function LedgerItemDrawer({ projectId, item, unitOptions, defaultUnitId, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateLedgerItem(projectId);
  const { save, saving } = useLedgerSave();
  // fields changed and seconds, sent with an edit (填报负担, issue 12)
  const burden = useBurden();
  // after "add", the drawer stays open on the new item so evidence can be attached
  const [current, setCurrent] = useState<LedgerItem | null>(null);
  const status = Form.useWatch('status', form);
  const recurring = Form.useWatch('recurring', form) === true;
  const open = item !== undefined;
  const editing = current ?? item ?? null;
  const mayEdit = editing === null || editing.permissions.edit;
  /** The progress note is a progress report: it may be open to someone who may not edit the rest. */
  const mayReport = editing === null || editing.permissions.reportProgress;
  const readOnly = !mayEdit && !mayReport;
  /** An enterprise reports progress on an item but does not reassign or complete it (ADR 0009). */
  const mayComplete = editing === null || editing.permissions.complete;

  useEffect(() => {
    if (!open) return;
    setCurrent(null);
    form.resetFields();
    const prefilled = item ? toValues(item) : { status: 'not_started' as const, unitId: defaultUnitId, recurring: false };
    form.setFieldsValue(prefilled);
    burden.restart(prefilled);
  }, [open, item, form, defaultUnitId, burden]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body = {
      focus: v.focus,
      unitId: v.unitId,
      content: v.content?.trim(),
      measures: blankToNull(v.measures),
      // a recurring item has no deadline: the date picker's value is dropped, not sent
      recurring: v.recurring === true,
      deadline: v.recurring ? null : (v.deadline?.format('YYYY-MM-DD') ?? null),
      ownerName: blankToNull(v.ownerName),
      status: v.status,
      completedOn: v.status === 'done' ? (v.completedOn?.format('YYYY-MM-DD') ?? shanghaiToday()) : null,
      evidenceNote: blankToNull(v.evidenceNote),
      progressNote: blankToNull(v.progressNote),
    };
    const checked = validateWith(createLedgerItemBody, body);
    if (!checked.ok) {
      applyFieldIssues(form, checked.issues);
      return;
    }
    if (editing) {
      // someone who may only report progress sends only the progress note
      const patch = {
        ...(mayEdit ? checked.data : { progressNote: checked.data.progressNote }),
        burden: burden.measure(),
      };
      const saved = await save(editing, patch, (fresh) => {
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
        burden.restart(toValues(saved));
      }
      return;
    }
    try {
      const created = await create.mutateAsync(checked.data);
      message.success(t('ledger.created'));
      setCurrent(created);
      form.setFieldsValue(toValues(created));
      burden.restart(toValues(created));
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
        <Space>
          {/* 列入督办: the bureau's, who may not edit the item */}
          {editing && (
            <SuperviseButton
              source="ledger_item"
              sourceId={editing.id}
              needsDeadline={editing.recurring}
              testId="ledger-supervise"
            />
          )}
          {!readOnly && (
            <>
              <Button onClick={onClose}>{t('common.cancel')}</Button>
              <Button type="primary" onClick={submit} loading={saving || create.isPending} data-testid="ledger-form-submit">
                {t('common.save')}
              </Button>
            </>
          )}
        </Space>
      }
    >
      <Form form={form} layout="vertical" name="ledger" disabled={!mayEdit} requiredMark onValuesChange={burden.onValuesChange}>
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
          <Form.Item label={t('ledger.field.deadline')} required={!recurring} style={{ flex: 1 }}>
            <Form.Item name="deadline" noStyle rules={[{ required: !recurring, message: t('ledger.deadlineOrRecurring') }]}>
              <DatePicker style={{ width: '100%', display: recurring ? 'none' : undefined }} data-testid="ledger-form-deadline" />
            </Form.Item>
            <div style={{ marginTop: recurring ? 0 : 6 }}>
              {/* the text is part of the label: clicking it toggles the switch */}
              <label className="kpc-switch-label">
                <Form.Item name="recurring" valuePropName="checked" noStyle>
                  <Switch size="small" data-testid="ledger-form-recurring" />
                </Form.Item>
                <span>{t('ledger.field.recurring')}</span>
              </label>
              {recurring && (
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
                  {t('ledger.recurringHint')}
                </Typography.Paragraph>
              )}
            </div>
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
        <Form.Item
          name="progressNote"
          label={t('ledger.field.progressNote')}
          extra={
            editing && progressNoteDay(editing) ? t('ledger.progress.lastAt', { date: progressNoteDay(editing) }) : undefined
          }
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={2000}
            disabled={!mayReport}
            placeholder={t('ledger.progress.placeholder')}
            data-testid="ledger-form-progress"
          />
        </Form.Item>
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
