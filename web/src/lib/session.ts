/** The current session: who is logged in (GET /auth/me). What their roles let them see is lib/access.ts. */
import { useQuery } from '@tanstack/react-query';
import type { CurrentUser, LoginResponse } from '@kpc/contracts';
import { api, isApiError, setCsrfToken } from './api';

export const sessionQueryKey = ['auth', 'me'] as const;

/**
 * Whether this browser logged in and has not logged out or been told 401 since. The session cookie is
 * httpOnly, so without this the app would have to ask GET /auth/me — and a visitor who never logged in
 * would see the browser log its 401 in the console of the login page.
 */
const SESSION_HINT = 'kpc.session.v1';

export function rememberSession(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(SESSION_HINT, '1');
    else localStorage.removeItem(SESSION_HINT);
  } catch {
    // storage refused (private mode): fetchSession then always asks
  }
}

function maySignedIn(): boolean {
  try {
    return localStorage.getItem(SESSION_HINT) === '1';
  } catch {
    return true;
  }
}

/** The session, or null when not logged in (not asked when this browser is known to be signed out). */
export async function fetchSession(): Promise<LoginResponse | null> {
  if (!maySignedIn()) {
    setCsrfToken(null);
    return null;
  }
  try {
    const r = await api.get<LoginResponse>('/auth/me', { quiet401: true });
    setCsrfToken(r.csrfToken);
    return r;
  } catch (e) {
    if (isApiError(e) && e.status === 401) {
      setCsrfToken(null);
      rememberSession(false);
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
