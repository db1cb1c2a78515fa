/** POST /auth/logout, then forget everything cached for this user. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../../lib/api';
import { rememberSession, sessionQueryKey } from '../../../lib/session';

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/auth/logout', {}, { quiet401: true }).catch(() => ({ ok: true as const })),
    onSettled: () => {
      setCsrfToken(null);
      rememberSession(false);
      queryClient.clear();
      queryClient.setQueryData(sessionQueryKey, null);
    },
  });
}
