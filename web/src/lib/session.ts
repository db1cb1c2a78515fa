/** The current session: who is logged in (GET /auth/me) and what their roles let them see. */
import { useQuery } from '@tanstack/react-query';
import type { CurrentUser, LoginResponse, Role } from '@kpc/contracts';
import { api, isApiError, setCsrfToken } from './api';

export const sessionQueryKey = ['auth', 'me'] as const;

/** The session, or null when not logged in. */
export async function fetchSession(): Promise<LoginResponse | null> {
  try {
    const r = await api.get<LoginResponse>('/auth/me', { quiet401: true });
    setCsrfToken(r.csrfToken);
    return r;
  } catch (e) {
    if (isApiError(e) && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function useSession() {
  return useQuery({ queryKey: sessionQueryKey, queryFn: fetchSession, staleTime: Infinity, retry: false });
}

/** The logged-in user; only for screens behind RequireAuth. */
export function useCurrentUser(): CurrentUser {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentUser outside RequireAuth');
  return data.user;
}

export const hasRole = (user: Pick<CurrentUser, 'roles'>, ...roles: Role[]): boolean => user.roles.some((r) => roles.includes(r));

/** Who may manage which reference data (mirrors the server's policy; the server decides). */
export const access = {
  users: (u: Pick<CurrentUser, 'roles'>) => hasRole(u, 'admin'),
  referenceData: (u: Pick<CurrentUser, 'roles'>) => hasRole(u, 'admin', 'office'),
  regions: (u: Pick<CurrentUser, 'roles'>) => hasRole(u, 'admin'),
  settings: (u: Pick<CurrentUser, 'roles'>) => hasRole(u, 'admin'),
  audit: (u: Pick<CurrentUser, 'roles'>) => hasRole(u, 'admin'),
  createProject: (u: Pick<CurrentUser, 'roles'>) => hasRole(u, 'admin', 'office'),
};
