/** Route guards: a session is needed; a forced password change comes first; some pages need a role. */
import { lazy, useEffect, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CurrentUser } from '@kpc/contracts';
import { setApiHandlers, setCsrfToken, describeError } from '../lib/api';
import { sessionQueryKey, useSession } from '../lib/session';
import { PageSpinner } from '../components/page-spinner';

const Forbidden = lazy(() => import('../components/status-pages').then((m) => ({ default: m.Forbidden })));
export const NotFound = lazy(() => import('../components/status-pages').then((m) => ({ default: m.NotFound })));

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
      <div style={{ padding: 48, textAlign: 'center' }}>
        <p>{describeError(error)}</p>
        <Button onClick={() => void refetch()}>{t('common.retry')}</Button>
      </div>
    );
  if (!data) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  if (data.user.mustChangePassword && location.pathname !== '/change-password') return <Navigate to="/change-password" replace />;
  return <Outlet />;
}

export function RequireRole({ allow, children }: { allow: (u: CurrentUser) => boolean; children: ReactNode }) {
  const { data } = useSession();
  if (!data || !allow(data.user)) return <Forbidden />;
  return <>{children}</>;
}
