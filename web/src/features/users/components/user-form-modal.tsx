/** Create or edit a user: roles, region, and the unit / leader / enterprise the account acts for. */
import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, Modal, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { customMessages, meetsPasswordPolicy, roleLabels, roles, type User } from '@kpc/contracts';
import { currentLocale, optionsOf } from '../../../lib/i18n';
import { describeError, isApiError } from '../../../lib/api';
import { applyFieldIssues } from '../../../lib/form-errors';
import { EnterpriseSelect, LeaderSelect, RegionSelect, UnitSelect } from '../../../components/reference-select';
import { useSaveUser, type UserFormValues } from '../api/users';
import { validatedValues } from '../../../lib/forms';

interface Props {
  /** undefined: closed; null: new user. */
  user: User | null | undefined;
  defaultRegion: string;
  onClose: () => void;
}

export function UserFormModal({ user, defaultRegion, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const { save, refresh } = useSaveUser();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    if (user === undefined) return;
    setFormError(null);
    form.resetFields();
    form.setFieldsValue(user ? { ...user } : { regionCode: defaultRegion, roles: [] });
  }, [user, defaultRegion, form]);

  const onOk = async () => {
    const values = await validatedValues(form);
    if (!values) return;
    setSaving(true);
    setFormError(null);
    try {
      const r = await save(values, user ?? null);
      if (!r.ok) {
        const rest = applyFieldIssues(form, r.issues);
        if (rest.length) setFormError(rest.map((i) => `${i.field}: ${i.message}`).join('；'));
        return;
      }
      message.success(t('common.saved'));
      onClose();
    } catch (e) {
      if (isApiError(e, 'VALIDATION_FAILED') && e.fieldIssues.length) {
        const rest = applyFieldIssues(form, e.fieldIssues);
        if (rest.length) setFormError(rest.map((i) => `${i.field}: ${i.message}`).join('；'));
      } else if (isApiError(e, 'PASSWORD_POLICY')) {
        form.setFields([{ name: 'password', errors: [describeError(e)] }]);
      } else if (isApiError(e, 'DUPLICATE')) {
        form.setFields([{ name: 'username', errors: [describeError(e)] }]);
      } else if (isApiError(e, 'VERSION_CONFLICT')) {
        message.warning(t('common.conflictReloaded'));
        void refresh();
        onClose();
      } else setFormError(describeError(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={user !== undefined}
      title={user ? t('admin.user.edit') : t('admin.user.create')}
      onCancel={onClose}
      onOk={() => void onOk()}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      forceRender
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
      <Form<UserFormValues> form={form} name="user" layout="vertical">
        <Form.Item name="username" label={t('admin.user.username')} required={!user}>
          <Input maxLength={64} disabled={!!user} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('admin.user.displayName')} required>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="roles" label={t('admin.user.roles')} required>
          <Select mode="multiple" options={optionsOf(roles, roleLabels)} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('admin.common.region')} required>
          <RegionSelect allowClear={false} />
        </Form.Item>
        <Form.Item name="unitId" label={t('admin.user.unit')}>
          <UnitSelect />
        </Form.Item>
        <Form.Item name="leaderId" label={t('admin.user.leader')}>
          <LeaderSelect />
        </Form.Item>
        <Form.Item name="enterpriseId" label={t('admin.user.enterprise')}>
          <EnterpriseSelect />
        </Form.Item>
        <Form.Item name="phone" label={t('admin.common.phone')}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        {!user && (
          <Form.Item
            name="password"
            label={t('admin.user.initialPassword')}
            required
            extra={`${customMessages.password_policy![currentLocale()]}；${t('admin.user.mustChangeHint')}`}
            rules={[
              {
                validator: (_, v: string | undefined) =>
                  !v || meetsPasswordPolicy(v)
                    ? Promise.resolve()
                    : Promise.reject(new Error(customMessages.password_policy![currentLocale()])),
              },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        {user && (
          <Form.Item name="disabled" label={t('admin.user.disabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
