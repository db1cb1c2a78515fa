/** 分包领导: contracting leaders of the user's region. */
import { useTranslation } from 'react-i18next';
import type { Leader } from '@kpc/contracts';
import { useLeaders } from '../../../lib/reference-data';
import { RegionReferenceAdminPage } from '../../../components/reference-admin-page';
import { useSaveLeader, type LeaderFormValues } from '../api/save-leader';

export default function LeadersPage() {
  const { t } = useTranslation();
  return (
    <RegionReferenceAdminPage<Leader, LeaderFormValues>
      title={t('nav.leaders')}
      formName="leader"
      list={useLeaders()}
      saver={useSaveLeader()}
      searchText={(l) => `${l.name} ${l.title}`}
      hasActive
      fields={[
        { name: 'name', label: t('admin.leader.name'), width: 120, maxLength: 64, required: true },
        { name: 'title', label: t('admin.leader.title'), width: 260, maxLength: 100 },
        'region',
        { name: 'phone', label: t('admin.common.phone'), width: 140, maxLength: 20, tel: true },
      ]}
    />
  );
}
