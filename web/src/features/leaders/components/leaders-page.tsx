/** 分包领导: contracting leaders of the user's region. */
import { Form, Input, Switch, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Leader } from '@kpc/contracts';
import { access, useCurrentUser } from '../../../lib/session';
import { useLeaders } from '../../../lib/reference-data';
import { ReferenceAdminPage } from '../../../components/reference-admin-page';
import { RegionSelect } from '../../../components/reference-select';
import { useSaveLeader, type LeaderFormValues } from '../api/save-leader';

export default function LeadersPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { data, isLoading, error } = useLeaders();
  const { save, refresh } = useSaveLeader();
  return (
    <ReferenceAdminPage<Leader, LeaderFormValues>
      title={t('nav.leaders')}
      formName="leader"
      rows={data?.items}
      loading={isLoading}
      error={error}
      canEdit={access.referenceData(user)}
      searchText={(l) => `${l.name} ${l.title}`}
      columns={[
        { title: t('admin.leader.name'), dataIndex: 'name', width: 120 },
        { title: t('admin.leader.title'), dataIndex: 'title', width: 260 },
        { title: t('admin.common.phone'), dataIndex: 'phone', width: 140 },
        {
          title: t('admin.common.status'),
          dataIndex: 'active',
          width: 90,
          render: (a: boolean) =>
            a ? <Tag color="green">{t('admin.common.active')}</Tag> : <Tag>{t('admin.common.inactive')}</Tag>,
        },
      ]}
      toFormValues={(l) => ({ ...l })}
      initialValues={{ regionCode: user.regionCode, active: true }}
      save={save}
      onConflict={() => void refresh()}
      fields={(row) => (
        <>
          <Form.Item name="name" label={t('admin.leader.name')} required>
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="title" label={t('admin.leader.title')}>
            <Input maxLength={100} />
          </Form.Item>
          {!row && (
            <Form.Item name="regionCode" label={t('admin.common.region')} required>
              <RegionSelect allowClear={false} />
            </Form.Item>
          )}
          <Form.Item name="phone" label={t('admin.common.phone')}>
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
