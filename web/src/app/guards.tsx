/** Route guards: a session is needed; a forced password change comes first, then a required TOTP enrolment; some pages need a role. */
import { lazy, useEffect, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CurrentUser } from '@kpc/contracts';
import { setApiHandlers, setCsrfToken, describeError } from '../lib/api';
import { rememberSession, sessionQueryKey, useSession } from '../lib/session';
import { PageSpinner } from '../components/page-spinner';

const Forbidden = lazy(() => import('../components/status-pages').then((m) => ({ default: m.Forbidden })));
export const NotFound = lazy(() => import('../components/status-pages').then((m) => ({ default: m.NotFound })));

/** Where a user whose role requires TOTP enrols (the account security page). */
export const TOTP_ENROLMENT_PATH = '/account/security';

export function loginPath(returnTo: string): string {
  return returnTo && returnTo !== '/' ? `/login?returnTo=${encodeURIComponent(returnTo)}` : '/login';
}

/** Lets lib/api send the user to login (401), to the password change or to the TOTP enrolment (403). */
export function ApiRedirects() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  useEffect(() => {
    setApiHandlers({
      onUnauthenticated: () => {
        const here = window.location.pathname + window.location.search;
        setCsrfToken(null);
        rememberSession(false);
        queryClient.setQueryData(sessionQueryKey, null);
        if (!window.location.pathname.startsWith('/login')) navigate(loginPath(here), { replace: true });
      },
      onPasswordChangeRequired: () => {
        void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
        navigate('/change-password', { replace: true });
      },
      onTotpEnrolmentRequired: () => {
        void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
        if (window.location.pathname !== TOTP_ENROLMENT_PATH) navigate(TOTP_ENROLMENT_PATH, { replace: true });
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
  if (!data.user.mustChangePassword && data.user.totpEnrolmentRequired && location.pathname !== TOTP_ENROLMENT_PATH)
    return <Navigate to={TOTP_ENROLMENT_PATH} replace />;
  return <Outlet />;
}

export function RequireRole({ allow, children }: { allow: (u: CurrentUser) => boolean; children: ReactNode }) {
  const { data } = useSession();
  if (!data || !allow(data.user)) return <Forbidden />;
  return <>{children}</>;
}
