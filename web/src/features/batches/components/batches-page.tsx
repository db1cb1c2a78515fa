/**
 * 三个一批: the periods with their signing, starting and commissioning lists and each list's rate as
 * of a date (fulfilment, commissioning, target attainment). Every rate opens its list in the project
 * library; the office creates periods and sets the lists.
 */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Grid,
  Input,
  List,
  Modal,
  Select,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { batchListLabels, type BatchList, type CohortRate, type PeriodRates, type Project } from '@kpc/contracts';
import { api, describeError, isApiError, type Page } from '../../../lib/api';
import { labelOf } from '../../../lib/i18n';
import { access } from '../../../lib/access';
import { useCurrentUser } from '../../../lib/session';
import { usePeriodRates } from '../api/get-rates';
import { usePeriods } from '../api/list-periods';
import { useCreatePeriod } from '../api/create-period';
import { usePutPeriodList } from '../api/put-period-list';

/** Each list and the rate measured on it. */
const listRate: Record<BatchList, 'fulfilment' | 'commissioning' | 'targetAttainment'> = {
  signing: 'fulfilment',
  starting: 'commissioning',
  commissioning: 'targetAttainment',
};
const lists: BatchList[] = ['signing', 'starting', 'commissioning'];

const pct = (r: number | null) => (r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);

export default function BatchesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const mayEdit = access.editBatches(user);
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const rates = usePeriodRates(asOf);
  const periods = usePeriods();
  const versions = new Map((periods.data ?? []).map((p) => [p.id, p.version]));
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<{ period: PeriodRates; list: BatchList } | null>(null);
  // at phone width a card per period with its three lists stacked, and the controls under the title
  const isPhone = !Grid.useBreakpoint().md;

  const open = (ids: readonly number[]) => ids.length > 0 && navigate(`/projects?ids=${ids.join(',')}`);

  const cell = (r: PeriodRates, list: BatchList) => {
    const c: CohortRate = r[listRate[list]];
    return (
      <Space orientation="vertical" size={0}>
        <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => open(c.listProjectIds)}>
          {t('batches.listSize', { count: c.denominator })}
        </Button>
        <span className="kpc-money">
          {t(`dashboard.batches.${listRate[list]}`)} <b>{pct(c.rate)}</b>{' '}
          <Typography.Text type="secondary">
            {c.numerator}/{c.denominator}
          </Typography.Text>
        </span>
        {mayEdit && (
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            style={{ padding: 0, height: 'auto' }}
            onClick={() => setEditing({ period: r, list })}
            data-testid={`batch-edit-${r.period.seq}-${list}`}
          >
            {t('batches.editList')}
          </Button>
        )}
      </Space>
    );
  };

  const controls = (
    <Space wrap>
      <DatePicker
        allowClear
        value={asOf ? dayjs(asOf) : null}
        placeholder={rates.data?.asOf}
        onChange={(d) => setAsOf(d ? d.format('YYYY-MM-DD') : undefined)}
        prefix={<span style={{ color: '#8c98ab' }}>{t('dashboard.asOfShort')}</span>}
        style={{ width: 180 }}
      />
      {mayEdit && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="batch-new">
          {t('batches.new')}
        </Button>
      )}
    </Space>
  );

  const columns: TableColumnsType<PeriodRates> = [
    {
      title: t('dashboard.batches.period'),
      key: 'period',
      width: 200,
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={0}>
          <b>{r.period.name}</b>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.period.startDate} ~ {r.period.endDate}
          </Typography.Text>
        </Space>
      ),
    },
    ...lists.map((list) => ({
      title: labelOf(batchListLabels, list),
      key: list,
      render: (_: unknown, r: PeriodRates) => cell(r, list),
    })),
  ];

  return (
    <div className="kpc-page">
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('batches.title')}
          </Typography.Title>
        }
        extra={isPhone ? undefined : controls}
      >
        {isPhone && <div style={{ marginBottom: 12 }}>{controls}</div>}
        <Typography.Paragraph type="secondary">{t('dashboard.chart.batchesHint')}</Typography.Paragraph>
        {rates.error && <Alert type="error" showIcon title={describeError(rates.error)} style={{ marginBottom: 12 }} />}
        {isPhone ? (
          <List<PeriodRates>
            loading={rates.isFetching}
            dataSource={rates.data?.periods ?? []}
            locale={{ emptyText: t('dashboard.batches.none') }}
            renderItem={(r) => (
              <List.Item style={{ display: 'block' }} data-testid={`batch-card-${r.period.seq}`}>
                <b>{r.period.name}</b>
                <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
                  {r.period.startDate} ~ {r.period.endDate}
                </Typography.Text>
                {lists.map((list) => (
                  <div key={list} style={{ display: 'flex', gap: 12, marginTop: 8 }}>
                    <Typography.Text type="secondary" style={{ width: 72, flex: 'none' }}>
                      {labelOf(batchListLabels, list)}
                    </Typography.Text>
                    {cell(r, list)}
                  </div>
                ))}
              </List.Item>
            )}
          />
        ) : (
          <Table<PeriodRates>
            rowKey={(r) => r.period.id}
            size="middle"
            columns={columns}
            dataSource={rates.data?.periods}
            loading={rates.isFetching}
            pagination={false}
            scroll={{ x: 760 }}
            locale={{ emptyText: t('dashboard.batches.none') }}
          />
        )}
      </Card>
      <CreatePeriodModal open={creating} onClose={() => setCreating(false)} />
      {editing && (
        <ListModal
          period={editing.period}
          list={editing.list}
          version={versions.get(editing.period.period.id)}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}

function CreatePeriodModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; range: [Dayjs, Dayjs] }>();
  const create = useCreatePeriod();
  return (
    <Modal
      open={open}
      title={t('batches.new')}
      okText={t('common.create')}
      confirmLoading={create.isPending}
      onCancel={onClose}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        create.mutate(
          { name: v.name.trim(), startDate: v.range[0].format('YYYY-MM-DD'), endDate: v.range[1].format('YYYY-MM-DD') },
          {
            onSuccess: () => {
              message.success(t('common.saved'));
              onClose();
            },
            onError: (e) => message.error(describeError(e)),
          },
        );
      }}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="name" label={t('batches.field.name')} rules={[{ required: true, whitespace: true }, { max: 50 }]}>
          <Input placeholder={t('batches.field.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="range" label={t('batches.field.range')} rules={[{ required: true }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ListModal({
  period,
  list,
  version,
  onClose,
}: {
  period: PeriodRates;
  list: BatchList;
  version: number | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const current = period[listRate[list]].listProjectIds;
  const [ids, setIds] = useState<number[]>(current);
  const put = usePutPeriodList();
  const projects = useQuery({
    queryKey: ['projects', 'list', { pageSize: 200, purpose: 'batches' }],
    queryFn: ({ signal }) => api.get<Page<Project>>('/projects', { query: { pageSize: 200 }, signal }),
  });
  return (
    <Modal
      open
      title={`${period.period.name} · ${labelOf(batchListLabels, list)}`}
      okText={t('common.save')}
      okButtonProps={{ disabled: version === undefined }}
      confirmLoading={put.isPending}
      onCancel={onClose}
      onOk={() =>
        put.mutate(
          { id: period.period.id, list, version: version!, projectIds: ids },
          {
            onSuccess: () => {
              message.success(t('common.saved'));
              onClose();
            },
            onError: (e) => message.error(isApiError(e, 'VERSION_CONFLICT') ? t('common.conflictReloaded') : describeError(e)),
          },
        )
      }
    >
      <Select
        mode="multiple"
        style={{ width: '100%' }}
        value={ids}
        onChange={setIds}
        loading={projects.isPending}
        showSearch={{ optionFilterProp: 'label' }}
        options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.code}）` }))}
        placeholder={t('batches.pickProjects')}
      />
    </Modal>
  );
}
