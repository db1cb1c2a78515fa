/** The current session: who is logged in (GET /auth/me). What their roles let them see is lib/access.ts. */
import { useQuery } from '@tanstack/react-query';
import type { CurrentUser, LoginResponse } from '@kpc/contracts';
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

let lastUser: CurrentUser | null = null;

/**
 * The logged-in user; only for screens behind RequireAuth. During logout the session turns null a
 * moment before RequireAuth redirects, so screens still mounted then get the last user, not a crash.
 */
export function useCurrentUser(): CurrentUser {
  const { data } = useSession();
  if (data) lastUser = data.user;
  if (!lastUser) throw new Error('useCurrentUser outside RequireAuth');
  return lastUser;
}
