/**
 * One supervision item: its colour and why, what it is and who owes it by when, the evidence files, the
 * timeline of every step (dated, by whom), and the steps this user may take now — the server's `actions`:
 * the unit reports progress and submits, the bureau accepts or sends back with a reason, either adds a note.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  App,
  Button,
  Collapse,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  supervisionEventKindLabels,
  supervisionLinkLabels,
  supervisionSourceLabels,
  type SupervisionItemDetail,
  type SupervisionStepBody,
} from '@kpc/contracts';
import { AttachmentList } from '../../../components/attachments/attachment-list';
import { UnitSelect } from '../../../components/reference-select';
import { describeError } from '../../../lib/api';
import { labelOf } from '../../../lib/i18n';
import { itemKeys, useSupervisionItem, useSupervisionStep, useUpdateSupervisionItem } from '../api/items';
import { ItemRagReasons, ItemRagTag, deadlineText } from './item-rag-tag';

type StepAction = SupervisionStepBody['action'];
const stepOrder: StepAction[] = ['progress', 'submit', 'accept', 'return', 'note'];
/** Steps whose note may be left empty. */
const noteOptional: StepAction[] = ['accept'];

const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }).replace(/:\d\d$/, '');

function Steps({ item }: { item: SupervisionItemDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const step = useSupervisionStep(item.id);
  const actions = stepOrder.filter((a) => item.actions.includes(a));
  if (!actions.length) return null;
  const run = async (action: StepAction) => {
    const text = note.trim();
    if (!text && !noteOptional.includes(action)) {
      message.warning(t(`supervisionItems.noteRequired.${action}`));
      return;
    }
    try {
      await step.mutateAsync({ action, version: item.version, note: text || undefined } as SupervisionStepBody);
      setNote('');
      message.success(t(`supervisionItems.done.${action}`));
    } catch (e) {
      message.error(describeError(e));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="item-steps">
      <Input.TextArea
        rows={3}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t(
          actions.includes('return') ? 'supervisionItems.notePlaceholder.bureau' : 'supervisionItems.notePlaceholder.unit',
        )}
        data-testid="item-step-text"
      />
      <Space wrap>
        {actions.map((a) => (
          <Button
            key={a}
            type={a === 'submit' || a === 'accept' ? 'primary' : 'default'}
            danger={a === 'return'}
            loading={step.isPending && step.variables?.action === a}
            onClick={() => run(a)}
            data-testid={`item-step-${a}`}
          >
            {t(`supervisionItems.action.${a}`)}
          </Button>
        ))}
      </Space>
    </Space>
  );
}

/** 调整交办: the bureau moves the unit, the person or the deadline before the item is accepted. */
function Reassign({ item }: { item: SupervisionItemDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const update = useUpdateSupervisionItem(item.id);
  const [form] = Form.useForm<{ unitId: number; ownerName?: string; deadline: Dayjs }>();
  const save = async (v: { unitId: number; ownerName?: string; deadline: Dayjs }) => {
    try {
      await update.mutateAsync({
        version: item.version,
        unitId: v.unitId,
        ownerName: v.ownerName?.trim() || null,
        deadline: v.deadline.format('YYYY-MM-DD'),
      });
      message.success(t('supervisionItems.reassigned'));
    } catch (e) {
      message.error(describeError(e));
    }
  };
  return (
    <Collapse
      size="small"
      items={[
        {
          key: 'assign',
          label: t('supervisionItems.action.assign'),
          children: (
            <Form
              form={form}
              layout="vertical"
              onFinish={save}
              initialValues={{ unitId: item.unitId, ownerName: item.ownerName ?? '', deadline: dayjs(item.deadline) }}
            >
              <Form.Item name="unitId" label={t('supervisionItems.field.unit')} rules={[{ required: true }]}>
                <UnitSelect allowClear={false} />
              </Form.Item>
              <Form.Item name="ownerName" label={t('supervisionItems.field.owner')}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="deadline" label={t('supervisionItems.field.deadline')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
              <Button htmlType="submit" loading={update.isPending} data-testid="item-reassign-save">
                {t('supervisionItems.saveAssign')}
              </Button>
            </Form>
          ),
        },
      ]}
      data-testid="item-reassign"
    />
  );
}

export function ItemDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { data: item, isPending, error } = useSupervisionItem(id);
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size="large"
      styles={{ wrapper: { maxWidth: '100vw' } }}
      title={item?.title ?? t('nav.supervisionItems')}
      data-testid="item-drawer"
    >
      {error ? (
        <Alert type="error" showIcon title={describeError(error)} />
      ) : isPending || !item ? (
        <Skeleton active />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Space wrap>
            <ItemRagTag rag={item.rag} reasons={item.reasons} />
            <Tag data-testid="item-link">{labelOf(supervisionLinkLabels, item.link)}</Tag>
            <Typography.Text strong={item.overdue} type={item.overdue ? 'danger' : undefined}>
              {deadlineText(t, item)}
            </Typography.Text>
          </Space>
          {item.rag !== 'green' && <ItemRagReasons reasons={item.reasons} />}
          <Descriptions size="small" column={1} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label={t('supervisionItems.field.source')}>
              {labelOf(supervisionSourceLabels, item.source)}
              {item.issuedBy && `（${item.issuedBy}）`}
            </Descriptions.Item>
            <Descriptions.Item label={t('supervisionItems.field.unit')}>{item.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('supervisionItems.field.owner')}>{item.ownerName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('supervisionItems.field.deadline')}>{item.deadline}</Descriptions.Item>
            {item.projectId && (
              <Descriptions.Item label={t('supervisionItems.field.project')}>
                <Link to={`/projects/${item.projectId}`}>{item.projectName}</Link>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('supervisionItems.field.content')}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{item.content}</span>
            </Descriptions.Item>
          </Descriptions>
          <Steps key={item.version} item={item} />
          {item.actions.includes('assign') && <Reassign key={`assign-${item.version}`} item={item} />}
          <div>
            <Typography.Title level={5}>{t('supervisionItems.evidence')}</Typography.Title>
            <AttachmentList
              owner="supervision/items"
              ownerId={item.id}
              canUpload={item.actions.includes('progress') || item.actions.includes('submit')}
              readOnly={!item.actions.includes('progress')}
              labels={{ upload: t('supervisionItems.upload'), none: t('supervisionItems.noFiles') }}
              testId="item-files"
              alsoInvalidate={[itemKeys.all]}
            />
          </div>
          <div>
            <Typography.Title level={5}>{t('supervisionItems.timeline')}</Typography.Title>
            <Timeline
              data-testid="item-timeline"
              items={item.events.map((e) => ({
                color: e.kind === 'returned' ? 'red' : e.kind === 'accepted' || e.kind === 'bulletined' ? 'green' : 'blue',
                content: (
                  <div data-testid="item-event" data-kind={e.kind}>
                    <Typography.Text strong>{labelOf(supervisionEventKindLabels, e.kind)}</Typography.Text>{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {when(e.at)} · {e.by}
                    </Typography.Text>
                    {e.note && <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>}
                  </div>
                ),
              }))}
            />
          </div>
        </Space>
      )}
    </Drawer>
  );
}
