/** GET /projects/:id/investment?year= → plan, approved amount and cumulative by month, year to date, rate. */
import { useQuery } from '@tanstack/react-query';
import type { ProjectInvestment } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { investmentKeys } from './keys';

export function useProjectInvestment(projectId: number | undefined, year: number) {
  return useQuery({
    queryKey: investmentKeys.project(projectId ?? 0, year),
    queryFn: ({ signal }) => api.get<ProjectInvestment>(`/projects/${projectId}/investment`, { query: { year }, signal }),
    enabled: projectId !== undefined && projectId > 0,
  });
}
