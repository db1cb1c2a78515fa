/** POST /leaders and PATCH /leaders/:id (with version); refreshes the shared leader list. */
import { createLeaderBody, updateLeaderBody, type Leader } from '@kpc/contracts';
import { referenceKeys } from '../../../lib/reference-data';
import { blankToNull, useSaveReference } from '../../../lib/save';

export interface LeaderFormValues {
  name?: string;
  title?: string;
  regionCode?: string;
  phone?: string | null;
  active?: boolean;
}

export const useSaveLeader = () =>
  useSaveReference<Leader, LeaderFormValues>({
    path: 'leaders',
    listKey: referenceKeys.leaders,
    createBody: createLeaderBody,
    updateBody: updateLeaderBody,
    common: (v) => ({ name: (v.name ?? '').trim(), title: (v.title ?? '').trim(), phone: blankToNull(v.phone) }),
    editOnly: (v) => ({ active: v.active ?? true }),
  });
