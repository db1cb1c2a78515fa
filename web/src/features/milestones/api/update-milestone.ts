/** PATCH /milestones/:id { version, actualStart?, actualFinish? } → the node; stale → 409. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MilestoneNode, UpdateMilestoneBody } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { ganttKeyRoot, milestoneKeys } from './keys';

export function useUpdateMilestone() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UpdateMilestoneBody }) => api.patch<MilestoneNode>(`/milestones/${id}`, body),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: milestoneKeys.all });
      await queryClient.invalidateQueries({ queryKey: ganttKeyRoot });
    },
  });
}
