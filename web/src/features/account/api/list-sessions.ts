/** GET /auth/sessions: the signed-in user's open sessions (the current one marked). */
import { useQuery } from '@tanstack/react-query';
import type { SessionList } from '@kpc/contracts';
import { api } from '../../../lib/api';

export const mySessionsKey = ['auth', 'sessions'] as const;

export const useMySessions = () => useQuery({ queryKey: mySessionsKey, queryFn: () => api.get<SessionList>('/auth/sessions') });
