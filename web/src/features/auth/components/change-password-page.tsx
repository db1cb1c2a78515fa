/** Forced (first login, admin reset) or voluntary password change. */
import { Alert, App, Button, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { customMessages, meetsPasswordPolicy } from '@kpc/contracts';
import { currentLocale } from '../../../lib/i18n';
import { describeError, isApiError } from '../../../lib/api';
import { useCurrentUser } from '../../../lib/session';
import { useChangePassword } from '../api/change-password';
import { useLogout } from '../api/logout';
import { AuthCard } from './auth-card';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function ChangePasswordPage() {
  return (
    <App>
      <ChangePassword />
    </App>
  );
}

function ChangePassword() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const change = useChangePassword();
  const logout = useLogout();
  const [form] = Form.useForm<Values>();

  const onFinish = (v: Values) =>
    change.mutate(
      { currentPassword: v.currentPassword, newPassword: v.newPassword },
      {
        onSuccess: () => {
          message.success(t('auth.password.changed'));
          navigate('/', { replace: true });
        },
        onError: (e) => {
          if (isApiError(e, 'WRONG_PASSWORD')) form.setFields([{ name: 'currentPassword', errors: [describeError(e)] }]);
          else if (isApiError(e, 'PASSWORD_POLICY')) form.setFields([{ name: 'newPassword', errors: [describeError(e)] }]);
        },
      },
    );

  const formError = change.error && !isApiError(change.error, 'WRONG_PASSWORD') && !isApiError(change.error, 'PASSWORD_POLICY');

  return (
    <AuthCard title={t('auth.password.title')}>
      {user.mustChangePassword && (
        <Alert type="warning" showIcon title={t('auth.password.forced')} style={{ marginBottom: 16 }} />
      )}
      {formError && <Alert type="error" showIcon title={describeError(change.error)} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} name="password" layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item name="currentPassword" label={t('auth.password.current')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.password.new')}
          extra={customMessages.password_policy![currentLocale()]}
          rules={[
            { required: true },
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
        <Form.Item
          name="confirm"
          label={t('auth.password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                !v || v === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('auth.password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={change.isPending}>
          {t('auth.password.submit')}
        </Button>
        <Button
          type="link"
          block
          style={{ marginTop: 8 }}
          onClick={() =>
            user.mustChangePassword
              ? logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })
              : navigate(-1)
          }
        >
          {user.mustChangePassword ? t('auth.logout') : t('common.cancel')}
        </Button>
      </Form>
    </AuthCard>
  );
}
