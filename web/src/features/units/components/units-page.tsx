/** 责任单位: responsible units of the user's region. */
import { Form, Input, Switch, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@kpc/contracts';
import { access, useCurrentUser } from '../../../lib/session';
import { useUnits } from '../../../lib/reference-data';
import { ReferenceAdminPage } from '../../../components/reference-admin-page';
import { RegionSelect } from '../../../components/reference-select';
import { useSaveUnit, type UnitFormValues } from '../api/save-unit';

export default function UnitsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { data, isLoading, error } = useUnits();
  const { save, refresh } = useSaveUnit();
  return (
    <ReferenceAdminPage<Unit, UnitFormValues>
      title={t('nav.units')}
      formName="unit"
      rows={data?.items}
      loading={isLoading}
      error={error}
      canEdit={access.referenceData(user)}
      searchText={(u) => `${u.name} ${u.shortName ?? ''} ${u.contactName ?? ''}`}
      columns={[
        { title: t('admin.unit.name'), dataIndex: 'name', width: 240 },
        { title: t('admin.unit.shortName'), dataIndex: 'shortName', width: 120 },
        { title: t('admin.unit.contactName'), dataIndex: 'contactName', width: 110 },
        { title: t('admin.unit.contactPhone'), dataIndex: 'contactPhone', width: 140 },
        {
          title: t('admin.common.status'),
          dataIndex: 'active',
          width: 90,
          render: (a: boolean) =>
            a ? <Tag color="green">{t('admin.common.active')}</Tag> : <Tag>{t('admin.common.inactive')}</Tag>,
        },
      ]}
      toFormValues={(u) => ({ ...u })}
      initialValues={{ regionCode: user.regionCode, active: true }}
      save={save}
      onConflict={() => void refresh()}
      fields={(row) => (
        <>
          <Form.Item name="name" label={t('admin.unit.name')} required>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="shortName" label={t('admin.unit.shortName')}>
            <Input maxLength={50} />
          </Form.Item>
          {!row && (
            <Form.Item name="regionCode" label={t('admin.common.region')} required>
              <RegionSelect allowClear={false} />
            </Form.Item>
          )}
          <Form.Item name="contactName" label={t('admin.unit.contactName')}>
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('admin.unit.contactPhone')}>
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
          {row && (
            <Form.Item name="active" label={t('admin.common.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </>
      )}
    />
  );
}
