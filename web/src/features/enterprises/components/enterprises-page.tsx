/** 项目业主企业: the investing enterprises of the user's region. */
import { useTranslation } from 'react-i18next';
import type { Enterprise } from '@kpc/contracts';
import { useEnterprises } from '../../../lib/reference-data';
import { RegionReferenceAdminPage } from '../../../components/reference-admin-page';
import { useSaveEnterprise, type EnterpriseFormValues } from '../api/save-enterprise';

export default function EnterprisesPage() {
  const { t } = useTranslation();
  return (
    <RegionReferenceAdminPage<Enterprise, EnterpriseFormValues>
      title={t('nav.enterprises')}
      formName="enterprise"
      list={useEnterprises()}
      saver={useSaveEnterprise()}
      searchText={(e) => `${e.name} ${e.creditCode ?? ''}`}
      scrollX={600}
      fields={[
        { name: 'name', label: t('admin.enterprise.name'), width: 300, maxLength: 200, required: true },
        { name: 'creditCode', label: t('admin.enterprise.creditCode'), width: 200, maxLength: 18 },
        'region',
      ]}
    />
  );
}
