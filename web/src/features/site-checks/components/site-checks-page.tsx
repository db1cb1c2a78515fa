/**
 * 实地检查 list: the checks the user may read (their own, their projects', the region's for the office), by
 * project, leader and dates; 登记实地检查 for those who may log one (a leader, a task-force head).
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, DatePicker, Select, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLeaders } from '../../../lib/reference-data';
import { useSiteCheckTargets, type SiteCheckListQuery } from '../api/site-checks';
import { SiteCheckList } from './site-check-list';

type Filters = Omit<SiteCheckListQuery, 'page' | 'pageSize'>;

export default function SiteChecksPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({});
  const targets = useSiteCheckTargets();
  const leaders = useLeaders().data?.items ?? [];
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <div className="kpc-page">
      <Card
        title={t('siteChecks.list.title')}
        extra={
          targets.data?.canCreate && (
            <Link to="/site-checks/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="site-check-new">
                {t('siteChecks.form.new')}
              </Button>
            </Link>
          )
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('siteChecks.field.leader')}
            style={{ width: 140 }}
            value={filters.leaderId}
            onChange={(leaderId?: number) => set({ leaderId })}
            options={leaders.map((l) => ({ value: l.id, label: l.name }))}
          />
          <DatePicker.RangePicker
            style={{ maxWidth: 260 }}
            onChange={(r: [Dayjs | null, Dayjs | null] | null) =>
              set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })
            }
          />
        </Space>
        <SiteCheckList filters={filters} />
      </Card>
    </div>
  );
}
