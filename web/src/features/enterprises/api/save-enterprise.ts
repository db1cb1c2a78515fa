/** POST /enterprises and PATCH /enterprises/:id (with version); refreshes the shared enterprise list. */
import { useQueryClient } from '@tanstack/react-query';
import { createEnterpriseBody, updateEnterpriseBody, type Enterprise } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { referenceKeys } from '../../../lib/reference-data';
import { blankToNull, validateAndSend } from '../../../lib/save';

export interface EnterpriseFormValues {
  name?: string;
  creditCode?: string | null;
  regionCode?: string;
}

export function useSaveEnterprise() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: referenceKeys.enterprises });
  return {
    refresh,
    save: async (v: EnterpriseFormValues, row: Enterprise | null) => {
      const common = { name: (v.name ?? '').trim(), creditCode: blankToNull(v.creditCode) };
      const r = row
        ? await validateAndSend(updateEnterpriseBody, { version: row.version, ...common }, (b) =>
            api.patch<Enterprise>(`/enterprises/${row.id}`, b),
          )
        : await validateAndSend(createEnterpriseBody, { ...common, regionCode: v.regionCode }, (b) =>
            api.post<Enterprise>('/enterprises', b),
          );
      if (r.ok) await refresh();
      return r;
    },
  };
}
