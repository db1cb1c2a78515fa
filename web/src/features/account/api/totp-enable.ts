/** POST /auth/totp/enable { code } → the recovery codes, shown once; the session then reports TOTP on. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TotpEnabled } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { sessionQueryKey } from '../../../lib/session';

export function useTotpEnable() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<TotpEnabled>('/auth/totp/enable', { code }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
  });
}
