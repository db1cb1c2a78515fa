/**
 * 群机器人: the DingTalk 钉钉 and WeCom 企业微信 group robots of the admin's region, each posting the
 * notifications of one unit or of one region. Add, edit (the secret is never shown back: left empty it is
 * kept), enable / disable, 发送测试消息, delete. A table on a wide screen, cards on a phone.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Grid,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { robotKindLabels, robotKinds, type Robot, type RobotKind } from '@kpc/contracts';
import { describeError, isApiError } from '../../../lib/api';
import { applyFieldIssues } from '../../../lib/form-errors';
import { labelOf } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { RegionSelect, UnitSelect } from '../../../components/reference-select';
import { useDeleteRobot, useRobots, useSaveRobot, useTestRobot } from '../api/robots';
import './notifications.css';

interface FormValues {
  kind: RobotKind;
  name: string;
  url: string;
  secret?: string;
  scope: 'unit' | 'region';
  unitId?: number;
  regionCode?: string;
  enabled: boolean;
}

export default function RobotsPage() {
  const { t } = useTranslation();
  const isPhone = !Grid.useBreakpoint().md;
  const { data, isPending, error } = useRobots();
  const [editing, setEditing] = useState<Robot | 'new' | null>(null);

  return (
    <div className="kpc-page">
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('nav.notificationRobots')}
          </Typography.Title>
        }
        extra={
          <Space>
            <Link to="/admin/notification-outbox">{t('nav.notificationOutbox')}</Link>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              aria-label={t('robots.add')}
              data-testid="robot-add"
            >
              <span className="kpc-hide-phone">{t('robots.add')}</span>
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('robots.intro')}</Typography.Paragraph>
        {error ? (
          <Alert type="error" showIcon title={describeError(error)} />
        ) : isPending ? (
          <Skeleton active />
        ) : data.items.length === 0 ? (
          <Empty description={t('robots.none')} />
        ) : isPhone ? (
          data.items.map((r) => (
            <Card key={r.id} size="small" className="kpc-robot-card" data-testid="robot-card">
              <Space wrap size={[6, 4]}>
                <Typography.Text strong>{r.name}</Typography.Text>
                <KindTag kind={r.kind} />
                {r.enabled ? <Tag color="green">{t('robots.enabled')}</Tag> : <Tag>{t('robots.disabled')}</Tag>}
              </Space>
              <div style={{ marginTop: 4 }}>{scopeText(r, t)}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                {r.url}
              </Typography.Text>
              <div style={{ marginTop: 8 }}>
                <RobotActions robot={r} onEdit={() => setEditing(r)} />
              </div>
            </Card>
          ))
        ) : (
          <Table<Robot>
            rowKey="id"
            size="middle"
            pagination={false}
            dataSource={data.items}
            columns={[
              {
                title: t('robots.name'),
                dataIndex: 'name',
                render: (v: string, r) => <span data-testid={`robot-${r.id}`}>{v}</span>,
              },
              { title: t('robots.kind'), dataIndex: 'kind', render: (k: RobotKind) => <KindTag kind={k} /> },
              { title: t('robots.scope'), key: 'scope', render: (_, r) => scopeText(r, t) },
              {
                title: t('robots.url'),
                dataIndex: 'url',
                ellipsis: true,
                render: (u: string, r) => (
                  <>
                    <Typography.Text type="secondary">{u}</Typography.Text>
                    {r.secretHint && <div style={{ fontSize: 12 }}>{t('robots.secretHint', { hint: r.secretHint })}</div>}
                  </>
                ),
              },
              {
                title: t('robots.status'),
                dataIndex: 'enabled',
                render: (on: boolean) =>
                  on ? <Tag color="green">{t('robots.enabled')}</Tag> : <Tag>{t('robots.disabled')}</Tag>,
              },
              {
                title: '',
                key: 'actions',
                width: 260,
                render: (_, r) => <RobotActions robot={r} onEdit={() => setEditing(r)} />,
              },
            ]}
          />
        )}
      </Card>
      {editing && <RobotModal robot={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

const KindTag = ({ kind }: { kind: RobotKind }) => (
  <Tag color={kind === 'dingtalk' ? 'blue' : 'green'} style={{ marginInlineEnd: 0 }}>
    {labelOf(robotKindLabels, kind)}
  </Tag>
);

const scopeText = (r: Robot, t: (k: string, o?: Record<string, unknown>) => string) =>
  r.scope === 'unit'
    ? t('robots.scopeUnit', { unit: r.unitName ?? r.unitId })
    : t('robots.scopeRegion', { region: r.regionCode });

function RobotActions({ robot, onEdit }: { robot: Robot; onEdit: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const test = useTestRobot();
  const remove = useDeleteRobot();
  return (
    <Space wrap size={4}>
      <Button
        size="small"
        icon={<SendOutlined />}
        loading={test.isPending}
        data-testid={`robot-test-${robot.id}`}
        onClick={() =>
          test.mutate(robot.id, {
            onSuccess: (r) =>
              r.ok ? message.success(t('robots.testOk')) : message.error(t('robots.testFailed', { error: r.error }), 8),
            onError: (e) => message.error(describeError(e)),
          })
        }
      >
        {t('robots.test')}
      </Button>
      <Button size="small" icon={<EditOutlined />} onClick={onEdit}>
        {t('common.edit')}
      </Button>
      <Popconfirm
        title={t('robots.deleteConfirm', { name: robot.name })}
        okText={t('common.delete')}
        cancelText={t('common.cancel')}
        onConfirm={() => remove.mutate(robot.id, { onError: (e) => message.error(describeError(e)) })}
      >
        <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
      </Popconfirm>
    </Space>
  );
}

function RobotModal({ robot, onClose }: { robot: Robot | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveRobot();
  const kind = Form.useWatch('kind', form);
  const scope = Form.useWatch('scope', form);

  const submit = async () => {
    const v = await form.validateFields();
    const target =
      v.scope === 'unit' ? { unitId: v.unitId ?? null, regionCode: null } : { unitId: null, regionCode: v.regionCode ?? null };
    const secret = v.kind === 'dingtalk' && v.secret?.trim() ? v.secret.trim() : undefined;
    try {
      await save.mutateAsync(
        robot
          ? {
              id: robot.id,
              body: {
                version: robot.version,
                name: v.name,
                ...(v.url !== robot.url ? { url: v.url } : {}),
                ...(secret ? { secret } : {}),
                ...target,
                enabled: v.enabled,
              },
            }
          : { id: null, body: { kind: v.kind, name: v.name, url: v.url, secret: secret ?? null, ...target, enabled: v.enabled } },
      );
      message.success(t('common.saved'));
      onClose();
    } catch (e) {
      if (isApiError(e) && e.fieldIssues.length > 0) applyFieldIssues(form, e.fieldIssues);
      else message.error(describeError(e));
    }
  };

  return (
    <Modal
      open
      title={robot ? t('robots.edit') : t('robots.add')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'robot-save' } as Record<string, string>}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={
          robot
            ? {
                kind: robot.kind,
                name: robot.name,
                url: robot.url,
                scope: robot.scope,
                unitId: robot.unitId ?? undefined,
                regionCode: robot.scope === 'region' ? robot.regionCode : undefined,
                enabled: robot.enabled,
              }
            : { kind: 'dingtalk', scope: 'region', regionCode: user.regionCode, enabled: true }
        }
      >
        <Form.Item name="kind" label={t('robots.kind')}>
          <Radio.Group
            disabled={robot !== null}
            options={robotKinds.map((k) => ({
              value: k,
              label: <span data-testid={`robot-kind-${k}`}>{labelOf(robotKindLabels, k)}</span>,
            }))}
            optionType="button"
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('robots.name')}
          rules={[{ required: true, whitespace: true, message: t('robots.nameRequired') }]}
        >
          <Input maxLength={100} data-testid="robot-name" />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('robots.url')}
          extra={kind === 'wecom' ? t('robots.urlHintWecom') : t('robots.urlHintDingtalk')}
          rules={[{ required: true, message: t('robots.urlRequired') }]}
        >
          <Input maxLength={1000} data-testid="robot-url" />
        </Form.Item>
        {kind === 'dingtalk' && (
          <Form.Item
            name="secret"
            label={t('robots.secret')}
            extra={robot?.secretHint ? t('robots.secretKeep', { hint: robot.secretHint }) : t('robots.secretHelp')}
          >
            <Input.Password maxLength={200} autoComplete="new-password" data-testid="robot-secret" />
          </Form.Item>
        )}
        <Form.Item name="scope" label={t('robots.scope')}>
          <Radio.Group
            options={[
              { value: 'region', label: t('robots.scopeRegionOption') },
              { value: 'unit', label: t('robots.scopeUnitOption') },
            ]}
          />
        </Form.Item>
        {scope === 'unit' ? (
          <Form.Item name="unitId" label={t('robots.unit')} rules={[{ required: true, message: t('robots.unitRequired') }]}>
            <UnitSelect />
          </Form.Item>
        ) : (
          <Form.Item
            name="regionCode"
            label={t('robots.region')}
            rules={[{ required: true, message: t('robots.regionRequired') }]}
          >
            <RegionSelect />
          </Form.Item>
        )}
        <Form.Item name="enabled" label={t('robots.status')} valuePropName="checked">
          <Switch checkedChildren={t('robots.enabled')} unCheckedChildren={t('robots.disabled')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
