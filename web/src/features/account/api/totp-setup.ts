/** POST /auth/totp/setup → a new secret (base32) and its otpauth:// URI, pending until confirmed. */
import { useMutation } from '@tanstack/react-query';
import type { TotpSetup } from '@kpc/contracts';
import { api } from '../../../lib/api';

export const useTotpSetup = () => useMutation({ mutationFn: () => api.post<TotpSetup>('/auth/totp/setup') });
