/** POST /jobs/:name/run: runs a job now (its own period, so the scheduled run still happens) → the outcome and the run. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { JobName, RunJobResult } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { jobKeys } from './keys';

export function useRunJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: JobName) => api.post<RunJobResult>(`/jobs/${name}/run`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: jobKeys.list }),
  });
}
