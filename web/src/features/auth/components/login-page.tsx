/** Login: username and password; returns to the page the user came from. No charts, no tables in this chunk. */
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../lib/api';
import { useSession } from '../../../lib/session';
import { useLogin, type LoginInput } from '../api/login';
import { AuthCard } from './auth-card';

/** Only same-site paths: a returnTo must never send the user to another origin. '/' picks the role's home page. */
function safeReturnTo(v: string | null): string {
  return v && v.startsWith('/') && !v.startsWith('//') && !v.startsWith('/login') ? v : '/';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const login = useLogin();
  const returnTo = safeReturnTo(params.get('returnTo'));

  if (session.data && !login.isPending) return <Navigate to={returnTo} replace />;

  const onFinish = (values: LoginInput) =>
    login.mutate(values, {
      onSuccess: (r) => navigate(r.user.mustChangePassword ? '/change-password' : returnTo, { replace: true }),
    });

  return (
    <AuthCard title={t('auth.login.title')}>
      <Form<LoginInput> name="login" layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
        {login.error && <Alert type="error" showIcon title={describeError(login.error)} style={{ marginBottom: 16 }} />}
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
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
          {t('auth.login.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
