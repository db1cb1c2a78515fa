/**
 * 填报负担: how much the platform asks of the people who type into it (issue 12, ADR 0012) — fields typed
 * or changed and minutes spent on the entry screens, per project per week, per unit (or person, or
 * project), the weekly trend against the target line (settings burdenTargetFields / burdenTargetMinutes).
 * The figures describe the product's cost, never the units' performance: they feed no colour or
 * evaluation. The span and grouping live in the URL. On a phone the rows are cards, the key figure first.
 */
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Card, DatePicker, Grid, List, Segmented, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { burdenGroupByLabels, burdenGroupBys, type BurdenGroupBy, type BurdenRow } from '@kpc/contracts';
import { perProjectWeek } from '@kpc/domain';
import { describeError } from '../../../lib/api';
import { addScreenStrings, optionsOf } from '../../../lib/i18n';
import { shanghaiToday } from '../../../lib/dates';
import { Chart, chartColors, type ChartOption } from '../../../components/chart';
import { PageSpinner } from '../../../components/page-spinner';
import zhBurden from '../../../locales/zh-CN/burden.json';
import enBurden from '../../../locales/en/burden.json';
import { useBurdenReport } from '../api/get-burden';
import './burden.css';

addScreenStrings({ 'zh-CN': zhBurden, en: enBurden });

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const one = (n: number | null | undefined) => (n == null ? '—' : n.toFixed(1));

/** Fields and minutes per project per week of a row or a week. */
const per = (f: { fieldsTyped: number; seconds: number; projectWeeks: number }) => perProjectWeek(f);

export default function BurdenPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const phone = !Grid.useBreakpoint().md;
  const today = shanghaiToday();
  // the last 8 weeks by default, Monday of the first to today
  const defaultFrom = dayjs(today)
    .subtract(7, 'week')
    .subtract((dayjs(today).day() + 6) % 7, 'day')
    .format('YYYY-MM-DD');
  const from = DATE.test(params.get('from') ?? '') ? params.get('from')! : defaultFrom;
  const to = DATE.test(params.get('to') ?? '') ? params.get('to')! : today;
  const groupParam = params.get('groupBy') as BurdenGroupBy | null;
  const groupBy: BurdenGroupBy = groupParam && burdenGroupBys.includes(groupParam) ? groupParam : 'unit';
  const { data, error, isPending, isFetching } = useBurdenReport(from, to, groupBy);

  const set = (patch: Record<string, string>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) next.set(k, v);
      return next;
    });

  const option = useMemo<ChartOption | null>(() => {
    if (!data) return null;
    const weeks = data.trend.map((w) => w.week.slice(5));
    const p = data.trend.map(per);
    // the two targets at different heights (⅔ and ½ of their axes), so their lines never lie on each other
    const fieldsMax = Math.max(Math.ceil(data.target.fields * 1.5), ...p.map((x) => Math.ceil(x?.fields ?? 0)));
    const minutesMax = Math.max(data.target.minutes * 2, ...p.map((x) => Math.ceil(x?.minutes ?? 0)));
    return {
      color: [chartColors.primary, chartColors.teal, chartColors.warn, chartColors.purple],
      tooltip: { trigger: 'axis' },
      legend: phone ? { bottom: 0, itemWidth: 14, textStyle: { fontSize: 11 } } : { top: 0 },
      grid: phone ? { left: 32, right: 32, top: 28, bottom: 64 } : { left: 40, right: 40, top: 44, bottom: 28 },
      xAxis: { type: 'category', data: weeks },
      yAxis: [
        { type: 'value', name: t('burden.axis.fields'), minInterval: 1, max: fieldsMax },
        { type: 'value', name: t('burden.axis.minutes'), max: minutesMax, splitLine: { show: false } },
      ],
      series: [
        { name: t('burden.series.fields'), type: 'bar', data: p.map((x) => (x ? +x.fields.toFixed(1) : 0)) },
        { name: t('burden.series.minutes'), type: 'line', yAxisIndex: 1, data: p.map((x) => (x ? +x.minutes.toFixed(1) : 0)) },
        {
          name: t('burden.series.targetFields'),
          type: 'line',
          symbol: 'none',
          lineStyle: { type: 'dashed' },
          data: weeks.map(() => data.target.fields),
        },
        {
          name: t('burden.series.targetMinutes'),
          type: 'line',
          yAxisIndex: 1,
          symbol: 'none',
          lineStyle: { type: 'dotted' },
          data: weeks.map(() => data.target.minutes),
        },
      ],
    };
  }, [data, t, phone]);

  if (isPending) return <PageSpinner />;
  if (!data)
    return (
      <div className="kpc-page">
        <Alert type="error" showIcon title={describeError(error)} />
      </div>
    );

  const total = data.trend.reduce(
    (a, w) => ({
      submissions: a.submissions + w.submissions,
      fieldsTyped: a.fieldsTyped + w.fieldsTyped,
      seconds: a.seconds + w.seconds,
      projectWeeks: a.projectWeeks + w.projectWeeks,
    }),
    { submissions: 0, fieldsTyped: 0, seconds: 0, projectWeeks: 0 },
  );
  const avg = per(total);
  /** Above the target, per figure: marked for the admin (never a colour of the unit). */
  // compared as shown (one decimal), so a 3.0 is never marked above a target of 3
  const shown = (n: number | undefined) => Math.round((n ?? 0) * 10) / 10;
  const overFields = (r: BurdenRow) => shown(per(r)?.fields) > data.target.fields;
  const overMinutes = (r: BurdenRow) => shown(per(r)?.minutes) > data.target.minutes;
  const mark = (over: boolean) => (over ? 'kpc-burden-over' : undefined);

  const controls = (
    <Space wrap size={8}>
      <DatePicker.RangePicker
        allowClear={false}
        value={[dayjs(from), dayjs(to)]}
        onChange={(v) => {
          const [a, b] = (v ?? []) as [Dayjs | null, Dayjs | null];
          if (a && b) set({ from: a.format('YYYY-MM-DD'), to: b.format('YYYY-MM-DD') });
        }}
        data-testid="burden-range"
      />
      <Segmented
        value={groupBy}
        options={optionsOf(burdenGroupBys, burdenGroupByLabels)}
        onChange={(v) => set({ groupBy: String(v) })}
        data-testid="burden-group"
      />
    </Space>
  );

  return (
    <div className="kpc-page kpc-burden" data-testid="burden-page">
      <Card
        title={
          <Space orientation="vertical" size={0}>
            <span>{t('burden.title')}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
              {t('burden.subtitle')}
            </Typography.Text>
          </Space>
        }
        extra={phone ? undefined : controls}
      >
        {phone && <div style={{ marginBottom: 12 }}>{controls}</div>}
        {error && <Alert type="warning" showIcon title={describeError(error)} style={{ marginBottom: 12 }} />}
        <Space wrap size={phone ? 16 : 32} style={{ marginBottom: 8 }}>
          <Statistic
            title={t('burden.stat.fields')}
            value={one(avg?.fields)}
            suffix={t('burden.ofTarget', { target: data.target.fields })}
            data-testid="burden-avg-fields"
          />
          <Statistic
            title={t('burden.stat.minutes')}
            value={one(avg?.minutes)}
            suffix={t('burden.ofTarget', { target: data.target.minutes })}
            data-testid="burden-avg-minutes"
          />
          <Statistic title={t('burden.stat.submissions')} value={total.submissions} data-testid="burden-submissions" />
        </Space>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('burden.rule')}
        </Typography.Paragraph>
        {option && <Chart option={option} height={phone ? 240 : 300} ariaLabel={t('burden.trend')} testId="burden-trend" />}
      </Card>
      <Card title={t(`burden.rowsBy.${groupBy}`)} style={{ marginTop: 12 }} styles={{ body: { padding: phone ? 8 : 16 } }}>
        {phone ? (
          <List<BurdenRow>
            loading={isFetching}
            dataSource={data.rows}
            locale={{ emptyText: t('burden.empty') }}
            data-testid="burden-cards"
            renderItem={(r) => {
              const p = per(r);
              return (
                <List.Item className="kpc-burden-card" data-testid="burden-row" data-key={r.key}>
                  <div className="kpc-burden-card-figures">
                    <span className={mark(overFields(r))}>{one(p?.fields)}</span>
                    <span className="kpc-burden-card-label">{t('burden.col.perFields')}</span>
                    <span className={mark(overMinutes(r))}>{one(p?.minutes)}</span>
                    <span className="kpc-burden-card-label">{t('burden.col.perMinutes')}</span>
                  </div>
                  <div className="kpc-burden-card-name">
                    <Typography.Text strong>{r.label}</Typography.Text>
                    <Typography.Text type="secondary">
                      <span data-testid="burden-fields">{r.fieldsTyped}</span> {t('burden.col.fields')}
                      {' · '}
                      {t('burden.totals', { minutes: one(r.seconds / 60), count: r.submissions, weeks: r.projectWeeks })}
                    </Typography.Text>
                  </div>
                </List.Item>
              );
            }}
          />
        ) : (
          <Table<BurdenRow>
            rowKey="key"
            size="small"
            loading={isFetching}
            dataSource={data.rows}
            pagination={data.rows.length > 50 ? { pageSize: 50 } : false}
            locale={{ emptyText: t('burden.empty') }}
            onRow={(r) => ({ 'data-testid': 'burden-row', 'data-key': r.key }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t(`burden.col.${groupBy}`), dataIndex: 'label' },
              { title: t('burden.col.submissions'), dataIndex: 'submissions', width: 100, align: 'right' },
              {
                title: t('burden.col.fields'),
                dataIndex: 'fieldsTyped',
                width: 110,
                align: 'right',
                render: (v: number) => <span data-testid="burden-fields">{v}</span>,
              },
              {
                title: t('burden.col.minutes'),
                dataIndex: 'seconds',
                width: 110,
                align: 'right',
                render: (s: number) => one(s / 60),
              },
              { title: t('burden.col.projectWeeks'), dataIndex: 'projectWeeks', width: 110, align: 'right' },
              {
                title: t('burden.col.perFields'),
                key: 'perFields',
                width: 150,
                align: 'right',
                render: (_: unknown, r) => <span className={mark(overFields(r))}>{one(per(r)?.fields)}</span>,
              },
              {
                title: t('burden.col.perMinutes'),
                key: 'perMinutes',
                width: 150,
                align: 'right',
                render: (_: unknown, r) => <span className={mark(overMinutes(r))}>{one(per(r)?.minutes)}</span>,
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
