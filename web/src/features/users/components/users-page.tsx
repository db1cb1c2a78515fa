/** 用户管理: accounts of the admin's region — create, edit, disable, reset password, unlock. */
import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { customMessages, meetsPasswordPolicy, roleLabels, roles, type Role, type User } from '@kpc/contracts';
import { currentLocale, labelOf, optionsOf } from '../../../lib/i18n';
import { describeError } from '../../../lib/api';
import { useCurrentUser } from '../../../lib/session';
import { nameMap, useRegions, useUnits } from '../../../lib/reference-data';
import { useResetPassword, useSetUserDisabled, useUnlockUser, useUserList, type UserListQuery } from '../api/users';
import { UserFormModal } from './user-form-modal';
import { validatedValues } from '../../../lib/forms';

export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [query, setQuery] = useState<UserListQuery>({ page: 1, pageSize: 20 });
  const { data, isFetching } = useUserList(query);
  const units = nameMap(useUnits().data?.items);
  const regions = new Map((useRegions().data?.items ?? []).map((r) => [r.code, r.name]));
  const [editing, setEditing] = useState<User | null | undefined>(undefined);
  const [resetting, setResetting] = useState<User | null>(null);
  const setDisabled = useSetUserDisabled();
  const unlock = useUnlockUser();

  const onError = (e: unknown) => message.error(describeError(e));
  const isLocked = (u: User) => !!u.lockedUntil && new Date(u.lockedUntil).getTime() > Date.now();

  const columns: TableColumnsType<User> = [
    { title: t('admin.user.username'), dataIndex: 'username', width: 130, fixed: 'left' },
    { title: t('admin.user.displayName'), dataIndex: 'displayName', width: 120 },
    {
      title: t('admin.user.roles'),
      dataIndex: 'roles',
      width: 200,
      render: (rs: Role[]) => rs.map((r) => <Tag key={r}>{labelOf(roleLabels, r)}</Tag>),
    },
    { title: t('admin.common.region'), dataIndex: 'regionCode', width: 110, render: (c: string) => regions.get(c) ?? c },
    {
      title: t('admin.user.unit'),
      dataIndex: 'unitId',
      width: 180,
      ellipsis: true,
      render: (id: number | null) => (id ? (units.get(id) ?? `#${id}`) : '—'),
    },
    {
      title: t('admin.common.status'),
      key: 'status',
      width: 150,
      render: (_: unknown, u) => (
        <Space size={2} wrap>
          {u.disabled ? (
            <Tag color="default">{t('admin.user.status.disabled')}</Tag>
          ) : (
            <Tag color="green">{t('admin.user.status.enabled')}</Tag>
          )}
          {isLocked(u) && <Tag color="red">{t('admin.user.status.locked')}</Tag>}
          {u.mustChangePassword && <Tag color="orange">{t('admin.user.status.mustChange')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 300,
      render: (_: unknown, u) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => setEditing(u)}>
            {t('common.edit')}
          </Button>
          {u.id !== me.id && (
            <Popconfirm
              title={u.disabled ? t('admin.user.enableConfirm') : t('admin.user.disableConfirm')}
              onConfirm={() => setDisabled.mutate(u, { onError })}
            >
              <Button size="small" danger={!u.disabled}>
                {u.disabled ? t('admin.user.enable') : t('admin.user.disable')}
              </Button>
            </Popconfirm>
          )}
          <Button size="small" onClick={() => setResetting(u)}>
            {t('admin.user.resetPassword')}
          </Button>
          {isLocked(u) && (
            <Button
              size="small"
              onClick={() => unlock.mutate(u, { onSuccess: () => message.success(t('admin.user.unlocked')), onError })}
            >
              {t('admin.user.unlock')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div className="kpc-page">
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('nav.users')}
          </Typography.Title>
        }
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="user-new">
            {t('admin.user.create')}
          </Button>
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('admin.user.search')}
            onSearch={(q) => setQuery((p) => ({ ...p, q: q.trim() || undefined, page: 1 }))}
            style={{ width: 240, maxWidth: '100%' }}
          />
          <Select<Role>
            allowClear
            placeholder={t('admin.user.roles')}
            style={{ width: 160 }}
            options={optionsOf(roles, roleLabels)}
            onChange={(role) => setQuery((p) => ({ ...p, role, page: 1 }))}
          />
          <Select<'true' | 'false'>
            allowClear
            placeholder={t('admin.common.status')}
            style={{ width: 120 }}
            options={[
              { value: 'false', label: t('admin.user.status.enabled') },
              { value: 'true', label: t('admin.user.status.disabled') },
            ]}
            onChange={(disabled) => setQuery((p) => ({ ...p, disabled, page: 1 }))}
          />
        </Space>
        <Table<User>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items}
          loading={isFetching}
          scroll={{ x: 1200 }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            size: 'small',
            showTotal: (total) => t('common.totalCount', { count: total }),
            onChange: (page, pageSize) => setQuery((p) => ({ ...p, page, pageSize })),
          }}
        />
      </Card>
      <UserFormModal user={editing} defaultRegion={me.regionCode} onClose={() => setEditing(undefined)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </div>
  );
}

function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const reset = useResetPassword();
  const policy = customMessages.password_policy![currentLocale()];

  const onOk = async () => {
    const values = await validatedValues(form);
    if (!values || !user) return;
    const { password } = values;
    reset.mutate(
      { user, password },
      {
        onSuccess: () => {
          message.success(t('admin.user.passwordReset'));
          form.resetFields();
          onClose();
        },
        onError: (e) => form.setFields([{ name: 'password', errors: [describeError(e)] }]),
      },
    );
  };

  return (
    <Modal
      open={user !== null}
      title={t('admin.user.resetPasswordOf', { name: user?.displayName ?? '' })}
      onCancel={onClose}
      onOk={() => void onOk()}
      confirmLoading={reset.isPending}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      forceRender
    >
      <Form form={form} name="resetPassword" layout="vertical">
        <Form.Item
          name="password"
          label={t('admin.user.newPassword')}
          extra={`${policy}；${t('admin.user.mustChangeHint')}`}
          rules={[
            { required: true },
            {
              validator: (_, v: string | undefined) =>
                !v || meetsPasswordPolicy(v) ? Promise.resolve() : Promise.reject(new Error(policy)),
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
