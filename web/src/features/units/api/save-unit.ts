/** POST /units and PATCH /units/:id (with version); refreshes the shared unit list. */
import { useQueryClient } from '@tanstack/react-query';
import { createUnitBody, updateUnitBody, type Unit } from '@kpc/contracts';
import { api } from '../../../lib/api';
import { referenceKeys } from '../../../lib/reference-data';
import { blankToNull, validateAndSend } from '../../../lib/save';

export interface UnitFormValues {
  name?: string;
  shortName?: string | null;
  regionCode?: string;
  contactName?: string | null;
  contactPhone?: string | null;
  active?: boolean;
}

export function useSaveUnit() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: referenceKeys.units });
  return {
    refresh,
    save: async (v: UnitFormValues, row: Unit | null) => {
      const common = {
        name: (v.name ?? '').trim(),
        shortName: blankToNull(v.shortName),
        contactName: blankToNull(v.contactName),
        contactPhone: blankToNull(v.contactPhone),
      };
      const r = row
        ? await validateAndSend(updateUnitBody, { version: row.version, ...common, active: v.active ?? true }, (b) =>
            api.patch<Unit>(`/units/${row.id}`, b),
          )
        : await validateAndSend(createUnitBody, { ...common, regionCode: v.regionCode }, (b) => api.post<Unit>('/units', b));
      if (r.ok) await refresh();
      return r;
    },
  };
}
