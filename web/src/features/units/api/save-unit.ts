/** POST /units and PATCH /units/:id (with version); refreshes the shared unit list. */
import { createUnitBody, updateUnitBody, type Unit } from '@kpc/contracts';
import { referenceKeys } from '../../../lib/reference-data';
import { blankToNull, useSaveReference } from '../../../lib/save';

export interface UnitFormValues {
  name?: string;
  shortName?: string | null;
  regionCode?: string;
  contactName?: string | null;
  contactPhone?: string | null;
  active?: boolean;
}

export const useSaveUnit = () =>
  useSaveReference<Unit, UnitFormValues>({
    path: 'units',
    listKey: referenceKeys.units,
    createBody: createUnitBody,
    updateBody: updateUnitBody,
    common: (v) => ({
      name: (v.name ?? '').trim(),
      shortName: blankToNull(v.shortName),
      contactName: blankToNull(v.contactName),
      contactPhone: blankToNull(v.contactPhone),
    }),
    editOnly: (v) => ({ active: v.active ?? true }),
  });
