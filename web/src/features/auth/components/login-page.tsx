/**
 * Login: username and password, then — when the server answers TOTP_REQUIRED — the authenticator's
 * code (or a recovery code); returns to the page the user came from. No charts, no tables in this chunk.
 */
import { useState } from 'react';
import { Alert, Button, Form } from 'antd';
// antd's Input index brings TextArea, Search and OTP along (~4 KB gzip) that the login form never shows (SPEC §3)
import Input from 'antd/es/input/Input';
import Password from 'antd/es/input/Password';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { describeError, isApiError } from '../../../lib/api';
import { useSession } from '../../../lib/session';
import { useLogin, type LoginInput } from '../api/login';
import { AuthCard } from './auth-card';

/** Only same-site paths: a returnTo must never send the user to another origin. '/' picks the role's home page. */
function safeReturnTo(v: string | null): string {
  return v && v.startsWith('/') && !v.startsWith('//') && !v.startsWith('/login') ? v : '/';
}

/** Which second factor the form asks for once the server wants one. */
type SecondFactor = 'none' | 'totp' | 'recovery';

export default function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const login = useLogin();
  const [form] = Form.useForm<LoginInput>();
  const [factor, setFactor] = useState<SecondFactor>('none');
  const returnTo = safeReturnTo(params.get('returnTo'));

  if (session.data && !login.isPending) return <Navigate to={returnTo} replace />;

  const onFinish = (values: LoginInput) =>
    login.mutate(
      {
        username: values.username,
        password: values.password,
        totpCode: factor === 'totp' ? values.totpCode?.trim() : undefined,
        recoveryCode: factor === 'recovery' ? values.recoveryCode?.trim() : undefined,
      },
      {
        onSuccess: (r) => navigate(r.user.mustChangePassword ? '/change-password' : returnTo, { replace: true }),
        onError: (e) => {
          if (isApiError(e, 'TOTP_REQUIRED') && factor === 'none') setFactor('totp');
          if (isApiError(e, 'TOTP_INVALID')) form.setFieldsValue({ totpCode: '', recoveryCode: '' });
        },
      },
    );

  // the first TOTP_REQUIRED is not an error: the code field appears with its own hint
  const showError = login.error && !(isApiError(login.error, 'TOTP_REQUIRED') && factor !== 'none');

  return (
    <AuthCard title={t('auth.login.title')}>
      <Form<LoginInput> form={form} name="login" layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
        {showError && <Alert type="error" showIcon title={describeError(login.error)} style={{ marginBottom: 16 }} />}
        <Form.Item
          name="username"
          label={t('auth.login.username')}
          rules={[{ required: true, whitespace: true, message: t('auth.login.usernameRequired') }]}
        >
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.login.password')}
          rules={[{ required: true, message: t('auth.login.passwordRequired') }]}
        >
          <Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        {factor === 'totp' && (
          <Form.Item
            name="totpCode"
            label={t('auth.login.totpCode')}
            extra={t('auth.login.totpHint')}
            rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('auth.login.totpRequired') }]}
          >
            <Input
              prefix={<SafetyOutlined />}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={8}
              autoFocus
              data-testid="login-totp"
            />
          </Form.Item>
        )}
        {factor === 'recovery' && (
          <Form.Item
            name="recoveryCode"
            label={t('auth.login.recoveryCode')}
            rules={[{ required: true, whitespace: true, message: t('auth.login.recoveryRequired') }]}
          >
            <Input prefix={<SafetyOutlined />} autoComplete="off" autoFocus data-testid="login-recovery" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
          {t('auth.login.submit')}
        </Button>
        {factor !== 'none' && (
          <Button
            type="link"
            block
            style={{ marginTop: 8 }}
            onClick={() => setFactor(factor === 'totp' ? 'recovery' : 'totp')}
            data-testid="login-switch-factor"
          >
            {factor === 'totp' ? t('auth.login.useRecovery') : t('auth.login.useTotp')}
          </Button>
        )}
      </Form>
    </AuthCard>
  );
}
