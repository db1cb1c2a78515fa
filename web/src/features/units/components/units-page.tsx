/** 责任单位: responsible units of the user's region. */
import { useTranslation } from 'react-i18next';
import type { Unit } from '@kpc/contracts';
import { useUnits } from '../../../lib/reference-data';
import { RegionReferenceAdminPage } from '../../../components/reference-admin-page';
import { useSaveUnit, type UnitFormValues } from '../api/save-unit';

export default function UnitsPage() {
  const { t } = useTranslation();
  return (
    <RegionReferenceAdminPage<Unit, UnitFormValues>
      title={t('nav.units')}
      formName="unit"
      list={useUnits()}
      saver={useSaveUnit()}
      searchText={(u) => `${u.name} ${u.shortName ?? ''} ${u.contactName ?? ''}`}
      hasActive
      fields={[
        { name: 'name', label: t('admin.unit.name'), width: 240, maxLength: 100, required: true },
        { name: 'shortName', label: t('admin.unit.shortName'), width: 120, maxLength: 50 },
        'region',
        { name: 'contactName', label: t('admin.unit.contactName'), width: 110, maxLength: 64 },
        { name: 'contactPhone', label: t('admin.unit.contactPhone'), width: 140, maxLength: 20, tel: true },
      ]}
    />
  );
}
