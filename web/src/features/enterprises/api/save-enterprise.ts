/** POST /enterprises and PATCH /enterprises/:id (with version); refreshes the shared enterprise list. */
import { createEnterpriseBody, updateEnterpriseBody, type Enterprise } from '@kpc/contracts';
import { referenceKeys } from '../../../lib/reference-data';
import { blankToNull, useSaveReference } from '../../../lib/save';

export interface EnterpriseFormValues {
  name?: string;
  creditCode?: string | null;
  regionCode?: string;
}

export const useSaveEnterprise = () =>
  useSaveReference<Enterprise, EnterpriseFormValues>({
    path: 'enterprises',
    listKey: referenceKeys.enterprises,
    createBody: createEnterpriseBody,
    updateBody: updateEnterpriseBody,
    common: (v) => ({ name: (v.name ?? '').trim(), creditCode: blankToNull(v.creditCode) }),
  });
