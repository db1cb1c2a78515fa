/**
 * The projects the user reports on: a unit's (lead or cooperating), an enterprise's own, all in the
 * region for the office. One page of 200 covers a district; the server still checks every report.
 */
import { useQuery } from '@tanstack/react-query';
import type { CurrentUser, Project } from '@kpc/contracts';
import { api, type Page } from '../../../lib/api';
import { access, hasRole } from '../../../lib/access';
import { investmentKeys } from './keys';

export function useReportableProjects(user: CurrentUser) {
  return useQuery({
    queryKey: investmentKeys.reportable(user.id),
    queryFn: async ({ signal }) => {
      const office = access.investmentApprovals(user);
      const unitId = !office && hasRole(user, 'unit') && user.unitId !== null ? user.unitId : undefined;
      const r = await api.get<Page<Project>>('/projects', { query: { unitId, pageSize: 200, sort: 'code' }, signal });
      if (office || unitId !== undefined) return r.items;
      return r.items.filter((p) => user.enterpriseId !== null && p.enterpriseId === user.enterpriseId);
    },
    staleTime: 5 * 60_000,
  });
}

export const projectLabel = (p: Pick<Project, 'code' | 'name'>) => `${p.name}（${p.code}）`;
