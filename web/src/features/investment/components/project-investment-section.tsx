/**
 * A project's investment on its detail page: monthly approved amounts (bars), the cumulative actual
 * against the annual plan (lines), the plan editor for the office, and the way to report a month.
 * Loaded lazily by the detail page, so the chart code comes only with it.
 */
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Space, Statistic, Typography } from 'antd';
import { EditOutlined, FormOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { reportStatusLabels, type ProjectDetail, type ProjectInvestment } from '@kpc/contracts';
import { describeError, isApiError } from '../../../lib/api';
import { currentLocale, labelOf } from '../../../lib/i18n';
import { formatMoney, wanInputPattern, wanInputToYuan, yuanToWanInput } from '../../../lib/money';
import { access } from '../../../lib/access';
import { useCurrentUser } from '../../../lib/session';
import { Chart, chartColors, type ChartOption } from '../../../components/chart';
import { useProjectInvestment } from '../api/get-project-investment';
import { usePutPlan } from '../api/put-plan';
import './investment.css';

const wanValue = (yuan: number) => Number(yuanToWanInput(yuan) || '0');

function historyOption(d: ProjectInvestment, t: (k: string, o?: Record<string, unknown>) => string): ChartOption {
  const through = d.asOf.startsWith(String(d.year)) ? Number(d.asOf.slice(5, 7)) : d.asOf < `${d.year}` ? 0 : 12;
  const months = d.months.map((m) => t('investment.history.monthLabel', { month: m.month }));
  const unit = t('investment.unit.wan');
  return {
    grid: { left: 8, right: 12, top: 40, bottom: 4, containLabel: true },
    legend: { top: 0, itemWidth: 14, itemHeight: 10 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => (v === null || v === undefined ? '—' : `${Number(v).toLocaleString('en-US')} ${unit}`),
    },
    xAxis: { type: 'category', data: months, axisTick: { show: false } },
    yAxis: { type: 'value', name: unit, splitLine: { lineStyle: { color: '#edf0f5' } } },
    series: [
      {
        type: 'bar',
        name: t('investment.history.monthly'),
        barMaxWidth: 22,
        itemStyle: { color: '#8fb3e8', borderRadius: [3, 3, 0, 0] },
        data: d.months.map((m) => (m.month <= through ? wanValue(m.amount) : null)),
      },
      {
        type: 'line',
        name: t('investment.history.cumulative'),
        symbolSize: 7,
        lineStyle: { width: 3 },
        itemStyle: { color: chartColors.primary },
        data: d.months.map((m) => (m.month <= through ? wanValue(m.cumulative) : null)),
      },
      ...(d.plannedAmount !== null
        ? [
            {
              type: 'line' as const,
              name: t('investment.history.plan'),
              symbol: 'none',
              lineStyle: { width: 2, type: 'dashed' as const },
              itemStyle: { color: chartColors.warn },
              data: d.months.map(() => wanValue(d.plannedAmount!)),
            },
          ]
        : []),
    ],
  };
}

export default function ProjectInvestmentSection({ project }: { project: ProjectDetail }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const locale = currentLocale();
  const [year, setYear] = useState(() => dayjs().year());
  const [editing, setEditing] = useState(false);
  const { data, error, isPending } = useProjectInvestment(project.id, year);
  const option = useMemo(
    () => (data ? historyOption(data, t) : null),
    // labels follow the language
    [data, t, i18n.language],
  );
  const pending = data?.months.filter((m) => m.pendingStatus !== null) ?? [];

  return (
    <Card
      title={t('investment.history.title')}
      data-testid="project-investment"
      extra={
        <Space wrap>
          <DatePicker
            picker="year"
            allowClear={false}
            value={dayjs(`${year}-01-01`)}
            onChange={(d) => d && setYear(d.year())}
            style={{ width: 100 }}
            aria-label={t('investment.history.year')}
          />
          {access.reportInvestmentOn(user, project) && (
            <Link to={`/investment/report?projectId=${project.id}`}>
              <Button type="primary" icon={<FormOutlined />} data-testid="project-report-investment">
                {t('investment.entry.fromProject')}
              </Button>
            </Link>
          )}
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={describeError(error)} />}
      {isPending && <div style={{ height: 300 }} />}
      {data && (
        <>
          <div className="kpc-history-figures">
            <Statistic
              title={
                <Space size={4}>
                  {t('investment.history.plan')}
                  {access.planInvestmentOn(user, project) && (
                    <Button
                      type="link"
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setEditing(true)}
                      data-testid="plan-edit"
                      aria-label={t('investment.plan.edit')}
                    />
                  )}
                </Space>
              }
              value={formatMoney(data.plannedAmount, locale)}
            />
            <Statistic title={t('investment.history.yearToDate')} value={formatMoney(data.yearToDate, locale)} />
            <Statistic
              title={t('investment.history.rate')}
              value={data.completionRate === null ? '—' : `${(data.completionRate * 100).toFixed(1)}%`}
            />
          </div>
          {option && <Chart option={option} height={300} ariaLabel={t('investment.history.title')} />}
          {pending.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              {t('investment.history.pending', {
                list: pending
                  .map(
                    (m) =>
                      `${t('investment.history.monthLabel', { month: m.month })} ${labelOf(reportStatusLabels, m.pendingStatus!)}`,
                  )
                  .join('、'),
              })}
            </Typography.Paragraph>
          )}
          <PlanModal project={project} data={data} open={editing} onClose={() => setEditing(false)} />
        </>
      )}
    </Card>
  );
}

function PlanModal({
  project,
  data,
  open,
  onClose,
}: {
  project: ProjectDetail;
  data: ProjectInvestment;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ plannedWan: string }>();
  const put = usePutPlan(project.id);
  return (
    <Modal
      open={open}
      title={t('investment.plan.title', { year: data.year })}
      okText={t('common.save')}
      confirmLoading={put.isPending}
      onCancel={onClose}
      destroyOnHidden
      afterOpenChange={(o) => o && form.setFieldsValue({ plannedWan: yuanToWanInput(data.plannedAmount) })}
      onOk={async () => {
        const { plannedWan } = await form.validateFields();
        const plannedAmount = wanInputToYuan(plannedWan);
        if (plannedAmount === null || Number.isNaN(plannedAmount)) return;
        put.mutate(
          { year: data.year, body: { plannedAmount, ...(data.planVersion !== null ? { version: data.planVersion } : {}) } },
          {
            onSuccess: () => {
              message.success(t('common.saved'));
              onClose();
            },
            onError: (e) => message.error(isApiError(e, 'VERSION_CONFLICT') ? t('common.conflictReloaded') : describeError(e)),
          },
        );
      }}
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="plannedWan"
          label={t('investment.plan.amount')}
          rules={[
            { required: true, message: t('investment.entry.amountRequired') },
            {
              validator: (_r, v: string | undefined) =>
                !v || wanInputPattern.test(v.trim().replace(/,/g, ''))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('investment.entry.amountInvalid'))),
            },
          ]}
        >
          <Input inputMode="decimal" suffix={t('investment.unit.wan')} data-testid="plan-amount" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
