/** POST /auth/login → { user, csrfToken }; the session cookie is set by the server. 401 TOTP_REQUIRED: send a code too. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginResponse } from '@kpc/contracts';
import { api, setCsrfToken } from '../../../lib/api';
import { rememberSession, sessionQueryKey } from '../../../lib/session';

export interface LoginInput {
  username: string;
  password: string;
  /** Asked for after the server answers 401 TOTP_REQUIRED. */
  totpCode?: string;
  /** Instead of totpCode: a one-time recovery code. */
  recoveryCode?: string;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginInput) => api.post<LoginResponse>('/auth/login', body, { quiet401: true }),
    onSuccess: (r) => {
      setCsrfToken(r.csrfToken);
      rememberSession(true);
      // a new user: nothing cached for the previous one may leak into the new session
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionQueryKey[0] });
      queryClient.setQueryData(sessionQueryKey, r);
    },
  });
}
