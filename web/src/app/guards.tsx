/** Route guards: a session is needed; a forced password change comes first; some pages need a role. */
import { useEffect, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CurrentUser } from '@kpc/contracts';
import { setApiHandlers, setCsrfToken, describeError } from '../lib/api';
import { sessionQueryKey, useSession } from '../lib/session';
import { PageSpinner } from '../components/page-spinner';

export function loginPath(returnTo: string): string {
  return returnTo && returnTo !== '/' ? `/login?returnTo=${encodeURIComponent(returnTo)}` : '/login';
}

/** Lets lib/api send the user to login (401) or to the password change (403 PASSWORD_CHANGE_REQUIRED). */
export function ApiRedirects() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  useEffect(() => {
    setApiHandlers({
      onUnauthenticated: () => {
        const here = window.location.pathname + window.location.search;
        setCsrfToken(null);
        queryClient.setQueryData(sessionQueryKey, null);
        if (!window.location.pathname.startsWith('/login')) navigate(loginPath(here), { replace: true });
      },
      onPasswordChangeRequired: () => {
        void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
        navigate('/change-password', { replace: true });
      },
    });
    return () => setApiHandlers({});
  }, [navigate, queryClient]);
  return null;
}

export function RequireAuth() {
  const { t } = useTranslation();
  const { data, isPending, error, refetch } = useSession();
  const location = useLocation();
  if (isPending) return <PageSpinner />;
  if (error)
    return (
      <Result
        status="warning"
        title={describeError(error)}
        extra={<Button onClick={() => void refetch()}>{t('common.retry')}</Button>}
      />
    );
  if (!data) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  if (data.user.mustChangePassword && location.pathname !== '/change-password')
    return <Navigate to="/change-password" replace />;
  return <Outlet />;
}

export function RequireRole({ allow, children }: { allow: (u: CurrentUser) => boolean; children: ReactNode }) {
  const { data } = useSession();
  if (!data || !allow(data.user)) return <Forbidden />;
  return <>{children}</>;
}

export function Forbidden() {
  const { t } = useTranslation();
  return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
}

export function NotFound() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('common.notFound')}
      extra={
        <Button type="primary" onClick={() => navigate('/projects')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}
