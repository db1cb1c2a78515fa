/**
 * 周督查: the weekly quota of every contracting leader and task-force head of the region — site checks
 * x/2 and problems solved on site y/1 (the region's settings) in an ISO week, met or not, ranked —
 * and a 12-week heat map per person. The week lives in the URL (`?week=YYYY-Www`). On a phone the
 * table is cards, the figures first.
 */
import { lazy, Suspense } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Card, DatePicker, Grid, List, Space, Statistic, Table, Tag, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ComplianceRowView } from '@kpc/contracts';
import { addWeeks, isIsoWeek, isoWeekOf, isoWeekOfDate, weekBounds } from '@kpc/domain';
import { describeError } from '../../../lib/api';
import { addScreenStrings } from '../../../lib/i18n';
import zhCompliance from '../../../locales/zh-CN/compliance.json';
import enCompliance from '../../../locales/en/compliance.json';
import { PageSpinner } from '../../../components/page-spinner';
import { useComplianceHeatmap, useWeeklyCompliance } from '../api/get-compliance';
import './compliance.css';

// a screen few open brings its own strings, out of the app shell
addScreenStrings({ 'zh-CN': zhCompliance, en: enCompliance });

const HeatmapChart = lazy(() => import('./compliance-heatmap').then((m) => ({ default: m.ComplianceHeatmapChart })));

function MetTag({ met }: { met: boolean }) {
  const { t } = useTranslation();
  return <Tag color={met ? 'success' : 'error'}>{t(met ? 'compliance.met' : 'compliance.notMet')}</Tag>;
}

/** "x/2", red when short of the quota. */
function Figure({ value, required, testId }: { value: number; required: number; testId?: string }) {
  return (
    <span className={value >= required ? 'kpc-quota-ok' : 'kpc-quota-short'} data-testid={testId}>
      {value}
      <span className="kpc-quota-of">/{required}</span>
    </span>
  );
}

export default function CompliancePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const weekParam = params.get('week');
  const week = weekParam && isIsoWeek(weekParam) ? weekParam : undefined;
  const { data, error, isPending, isFetching } = useWeeklyCompliance(week);
  const heat = useComplianceHeatmap(week);
  const phone = !Grid.useBreakpoint().md;

  const go = (w: string | undefined) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (w) next.set('week', w);
      else next.delete('week');
      return next;
    });

  if (isPending) return <PageSpinner />;
  if (!data)
    return (
      <div className="kpc-page">
        <Alert type="error" showIcon title={describeError(error)} />
      </div>
    );

  const q = data.quota;
  const typeLabel = (r: ComplianceRowView) => t(`compliance.type.${r.personType}`);
  const rate = data.total ? Math.round((data.metCount / data.total) * 100) : null;
  const picker = (
    <Space size={4} wrap>
      <Button icon={<LeftOutlined />} aria-label={t('compliance.prevWeek')} onClick={() => go(addWeeks(data.week, -1))} />
      <DatePicker
        picker="week"
        allowClear={false}
        value={dayjs(weekBounds(data.week).monday)}
        format={() => data.week}
        onChange={(d) => d && go(isoWeekOfDate(d.format('YYYY-MM-DD')))}
        aria-label={t('compliance.week')}
        style={{ width: 130 }}
        data-testid="compliance-week"
      />
      <Button icon={<RightOutlined />} aria-label={t('compliance.nextWeek')} onClick={() => go(addWeeks(data.week, 1))} />
      {data.week !== isoWeekOf(new Date()) && <Button onClick={() => go(undefined)}>{t('compliance.thisWeek')}</Button>}
    </Space>
  );

  return (
    <div className="kpc-page kpc-compliance" data-testid="compliance-page">
      <Card
        title={
          <Space orientation="vertical" size={0}>
            <span>{t('compliance.title')}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }} data-testid="compliance-range">
              {t('compliance.range', { week: data.week, monday: data.monday, sunday: data.sunday })}
            </Typography.Text>
          </Space>
        }
        extra={phone ? undefined : picker}
      >
        {phone && <div style={{ marginBottom: 12 }}>{picker}</div>}
        <Space wrap size={24} style={{ marginBottom: 12 }}>
          <Statistic
            title={t('compliance.rate')}
            value={rate ?? '—'}
            suffix={rate === null ? undefined : '%'}
            data-testid="compliance-rate"
          />
          <Statistic
            title={t('compliance.metCount')}
            value={data.metCount}
            suffix={`/ ${data.total}`}
            data-testid="compliance-met"
          />
        </Space>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('compliance.rule', { checks: q.siteChecks, solved: q.solvedOnSite })}
        </Typography.Paragraph>
        {error && <Alert type="warning" showIcon title={describeError(error)} style={{ marginBottom: 12 }} />}
        {phone ? (
          <List<ComplianceRowView>
            loading={isFetching}
            dataSource={data.rows}
            data-testid="compliance-cards"
            renderItem={(r) => (
              <List.Item className="kpc-quota-card" data-testid="compliance-row">
                <div className="kpc-quota-card-figures">
                  <span className="kpc-quota-card-label">{t('compliance.col.checks')}</span>
                  <Figure value={r.siteChecks} required={q.siteChecks} />
                  <span className="kpc-quota-card-label">{t('compliance.col.solved')}</span>
                  <Figure value={r.solvedOnSite} required={q.solvedOnSite} />
                  <MetTag met={r.met} />
                </div>
                <div className="kpc-quota-card-name">
                  <Typography.Text strong>{r.name}</Typography.Text>
                  <Typography.Text type="secondary">{typeLabel(r)}</Typography.Text>
                </div>
              </List.Item>
            )}
          />
        ) : (
          <Table<ComplianceRowView>
            rowKey={(r) => `${r.personType}:${r.personId}`}
            size="small"
            loading={isFetching}
            dataSource={data.rows}
            pagination={false}
            onRow={() => ({ 'data-testid': 'compliance-row' }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: '#', key: 'rank', width: 48, render: (_: unknown, _r, i) => i + 1 },
              { title: t('compliance.col.name'), dataIndex: 'name' },
              { title: t('compliance.col.type'), key: 'type', width: 130, render: (_: unknown, r) => typeLabel(r) },
              {
                title: t('compliance.col.checks'),
                dataIndex: 'siteChecks',
                width: 120,
                render: (v: number) => <Figure value={v} required={q.siteChecks} />,
              },
              {
                title: t('compliance.col.solved'),
                dataIndex: 'solvedOnSite',
                width: 140,
                render: (v: number) => <Figure value={v} required={q.solvedOnSite} />,
              },
              { title: t('compliance.col.met'), dataIndex: 'met', width: 100, render: (m: boolean) => <MetTag met={m} /> },
            ]}
          />
        )}
      </Card>
      <Card
        title={t('compliance.heatmap')}
        style={{ marginTop: 12 }}
        extra={phone ? undefined : <Typography.Text type="secondary">{t('compliance.heatmapHint')}</Typography.Text>}
        styles={{ body: { padding: phone ? 8 : 16 } }}
      >
        {heat.data ? (
          <Suspense fallback={<PageSpinner />}>
            <HeatmapChart data={heat.data} phone={phone} />
          </Suspense>
        ) : heat.error ? (
          <Alert type="error" showIcon title={describeError(heat.error)} />
        ) : (
          <PageSpinner />
        )}
      </Card>
    </div>
  );
}
