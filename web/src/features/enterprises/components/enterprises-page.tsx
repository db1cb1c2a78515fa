/** 项目业主企业: the investing enterprises of the user's region. */
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Enterprise } from '@kpc/contracts';
import { access, useCurrentUser } from '../../../lib/session';
import { useEnterprises } from '../../../lib/reference-data';
import { ReferenceAdminPage } from '../../../components/reference-admin-page';
import { RegionSelect } from '../../../components/reference-select';
import { useSaveEnterprise, type EnterpriseFormValues } from '../api/save-enterprise';

export default function EnterprisesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { data, isLoading, error } = useEnterprises();
  const { save, refresh } = useSaveEnterprise();
  return (
    <ReferenceAdminPage<Enterprise, EnterpriseFormValues>
      title={t('nav.enterprises')}
      formName="enterprise"
      rows={data?.items}
      loading={isLoading}
      error={error}
      canEdit={access.referenceData(user)}
      searchText={(e) => `${e.name} ${e.creditCode ?? ''}`}
      scrollX={600}
      columns={[
        { title: t('admin.enterprise.name'), dataIndex: 'name', width: 300 },
        { title: t('admin.enterprise.creditCode'), dataIndex: 'creditCode', width: 200 },
      ]}
      toFormValues={(e) => ({ ...e })}
      initialValues={{ regionCode: user.regionCode }}
      save={save}
      onConflict={() => void refresh()}
      fields={(row) => (
        <>
          <Form.Item name="name" label={t('admin.enterprise.name')} required>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="creditCode" label={t('admin.enterprise.creditCode')}>
            <Input maxLength={18} />
          </Form.Item>
          {!row && (
            <Form.Item name="regionCode" label={t('admin.common.region')} required>
              <RegionSelect allowClear={false} />
            </Form.Item>
          )}
        </>
      )}
    />
  );
}
