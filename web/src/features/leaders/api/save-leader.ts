/** POST /leaders and PATCH /leaders/:id (with version); refreshes the shared leader list. */
import { useQueryClient } from '@tanstack/react-query';
import { createLeaderBody, updateLeaderBody, type Leader } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { referenceKeys } from '../../../lib/reference-data';
import { blankToNull, validateAndSend } from '../../../lib/save';

export interface LeaderFormValues {
  name?: string;
  title?: string;
  regionCode?: string;
  phone?: string | null;
  active?: boolean;
}

export function useSaveLeader() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: referenceKeys.leaders });
  return {
    refresh,
    save: async (v: LeaderFormValues, row: Leader | null) => {
      const common = { name: (v.name ?? '').trim(), title: (v.title ?? '').trim(), phone: blankToNull(v.phone) };
      const r = row
        ? await validateAndSend(updateLeaderBody, { version: row.version, ...common, active: v.active ?? true }, (b) =>
            api.patch<Leader>(`/leaders/${row.id}`, b),
          )
        : await validateAndSend(createLeaderBody, { ...common, regionCode: v.regionCode }, (b) =>
            api.post<Leader>('/leaders', b),
          );
      if (r.ok) await refresh();
      return r;
    },
  };
}
