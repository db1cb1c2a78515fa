/** GET /jobs: every scheduled job with its pattern, next run and latest runs (newest first). */
import { useQuery } from '@tanstack/react-query';
import type { JobList } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { jobKeys } from './keys';

export const useJobs = () =>
  useQuery({
    queryKey: jobKeys.list,
    queryFn: ({ signal }) => api.get<JobList>('/jobs', { signal }),
    // a run in progress finishes by itself: look again while one shows as running
    refetchInterval: (q) => (q.state.data?.items.some((j) => j.runs[0]?.status === 'running') ? 3_000 : false),
  });
