/**
 * 上报报表: the month's table for the city or province, generated from the records in a template of the
 * settings — month and template pickers, a preview, the .xlsx download. On a phone each project is a
 * card with its year-to-date figure first.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, App, Button, Card, DatePicker, Grid, List, Select, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { UpwardReport } from '@kpc/contracts';
import { toWan } from '@kpc/domain';
import { describeError } from '../../../lib/api';
import { PageSpinner } from '../../../components/page-spinner';
import { downloadUpwardReport, useUpwardReport } from '../api/upward-report';

type Cell = string | number | null;
type Column = UpwardReport['columns'][number];

function formatCell(c: Column, v: Cell, wan: boolean): string {
  if (v === null) return '—';
  if (c.kind === 'money' && typeof v === 'number') return wan ? toWan(v).toFixed(2) : v.toLocaleString('zh-CN');
  if (c.kind === 'rate' && typeof v === 'number') return `${(v * 100).toFixed(1)}%`;
  return String(v);
}

export default function UpwardReportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? undefined;
  const template = params.get('template') ?? undefined;
  const { data, error, isPending, isFetching } = useUpwardReport({ month, template });
  const [downloading, setDownloading] = useState(false);
  const phone = !Grid.useBreakpoint().md;

  const set = (key: string, value: string | undefined) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });

  if (isPending) return <PageSpinner />;
  if (!data)
    return (
      <div className="kpc-page">
        <Alert type="error" showIcon title={describeError(error)} />
      </div>
    );

  const wan = data.template.moneyUnit === 'wan';
  const unit = t(wan ? 'upward.unitWan' : 'upward.unitYuan');
  const at = (field: string) => data.columns.findIndex((c) => c.field === field);
  const nameAt = at('name');
  const keyAt = [at('yearToDate'), at('monthCompleted'), at('totalInvestment')].find((i) => i >= 0) ?? -1;
  const rateAt = at('completionRate');

  const download = async () => {
    setDownloading(true);
    try {
      await downloadUpwardReport({ month: data.month, template: data.template.id });
    } catch (e) {
      void message.error(describeError(e));
    } finally {
      setDownloading(false);
    }
  };

  const controls = (
    <Space wrap size={8}>
      <DatePicker
        picker="month"
        allowClear={false}
        value={dayjs(`${data.month}-01`)}
        format="YYYY-MM"
        disabledDate={(d) => d.isAfter(dayjs(), 'month')}
        onChange={(d) => d && set('month', d.format('YYYY-MM'))}
        aria-label={t('upward.month')}
        data-testid="upward-month"
        style={{ width: 120 }}
      />
      <Select
        value={data.template.id}
        options={data.templates.map((x) => ({ value: x.id, label: x.name }))}
        onChange={(v: string) => set('template', v)}
        aria-label={t('upward.template')}
        data-testid="upward-template"
        style={{ minWidth: 220 }}
      />
      <Button
        type="primary"
        icon={<DownloadOutlined />}
        loading={downloading}
        onClick={() => void download()}
        data-testid="upward-download"
      >
        {t('upward.download')}
      </Button>
    </Space>
  );

  const rest = data.columns.map((c, i) => ({ c, i })).filter(({ c, i }) => i !== nameAt && i !== keyAt && c.kind !== 'index');

  return (
    <div className="kpc-page" data-testid="upward-report-page">
      <Card
        title={
          <Space orientation="vertical" size={0}>
            <span>{t('nav.upwardReports')}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }} data-testid="upward-caption">
              {t('upward.caption', {
                region: data.regionName,
                name: data.template.name,
                month: data.month,
                asOf: data.asOf,
                count: data.rows.length,
                unit,
              })}
            </Typography.Text>
          </Space>
        }
        extra={phone ? undefined : controls}
      >
        {phone && <div style={{ marginBottom: 12 }}>{controls}</div>}
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('upward.hint')}
        </Typography.Paragraph>
        {error && <Alert type="warning" showIcon title={describeError(error)} style={{ marginBottom: 12 }} />}
        {phone ? (
          <List
            loading={isFetching}
            dataSource={data.rows}
            data-testid="upward-cards"
            footer={
              keyAt >= 0 && (
                <Typography.Text strong data-testid="upward-total">
                  {t('upward.total')}：{data.columns[keyAt]!.header}{' '}
                  {formatCell(data.columns[keyAt]!, data.totals[keyAt] ?? null, wan)} {unit}
                </Typography.Text>
              )
            }
            renderItem={(r) => (
              <List.Item data-testid="upward-row" style={{ display: 'block' }}>
                {keyAt >= 0 && (
                  <div style={{ display: 'flex', alignItems: 'baseline', gap: 8 }}>
                    <Typography.Text style={{ fontSize: 20, fontWeight: 600 }}>
                      {formatCell(data.columns[keyAt]!, r.values[keyAt] ?? null, wan)}
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      {unit} · {data.columns[keyAt]!.header}
                      {rateAt >= 0 && ` · ${formatCell(data.columns[rateAt]!, r.values[rateAt] ?? null, wan)}`}
                    </Typography.Text>
                  </div>
                )}
                {nameAt >= 0 && <Typography.Text strong>{String(r.values[nameAt] ?? '')}</Typography.Text>}
                <div
                  style={{
                    fontSize: 12,
                    color: 'rgba(0,0,0,0.55)',
                    marginTop: 4,
                    display: 'flex',
                    flexWrap: 'wrap',
                    columnGap: 12,
                  }}
                >
                  {rest
                    .filter(({ c, i }) => i !== rateAt && c.field !== 'openProblems' && c.field !== 'imageProgress')
                    .map(({ c, i }) => (
                      <span
                        key={c.field + i}
                        style={{ whiteSpace: 'nowrap', maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis' }}
                      >
                        {c.header}：{formatCell(c, r.values[i] ?? null, wan)}
                      </span>
                    ))}
                </div>
                {rest
                  .filter(({ c }) => c.field === 'imageProgress' || c.field === 'openProblems')
                  .map(({ c, i }) => (
                    <div key={c.field} style={{ fontSize: 12, marginTop: 4, whiteSpace: 'pre-line' }}>
                      <Typography.Text type="secondary">{c.header}：</Typography.Text>
                      {formatCell(c, r.values[i] ?? null, wan)}
                    </div>
                  ))}
              </List.Item>
            )}
          />
        ) : (
          <Table
            rowKey="projectId"
            size="small"
            bordered
            loading={isFetching}
            dataSource={data.rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            onRow={() => ({ 'data-testid': 'upward-row' }) as React.HTMLAttributes<HTMLElement>}
            columns={data.columns.map((c, i) => ({
              key: `${i}`,
              title: c.kind === 'money' ? `${c.header}（${unit}）` : c.header,
              align: c.kind === 'money' || c.kind === 'rate' ? ('right' as const) : undefined,
              width: c.kind === 'index' ? 56 : c.field === 'openProblems' || c.field === 'imageProgress' ? 240 : undefined,
              render: (_: unknown, r: UpwardReport['rows'][number]) => (
                <span style={{ whiteSpace: c.kind === 'text' ? 'pre-line' : 'nowrap' }}>
                  {formatCell(c, r.values[i] ?? null, wan)}
                </span>
              ),
            }))}
            summary={() => (
              <Table.Summary.Row data-testid="upward-totals">
                {data.columns.map((c, i) => (
                  <Table.Summary.Cell key={i} index={i} align={c.kind === 'money' || c.kind === 'rate' ? 'right' : undefined}>
                    <strong>{data.totals[i] === null ? '' : formatCell(c, data.totals[i] ?? null, wan)}</strong>
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            )}
          />
        )}
      </Card>
    </div>
  );
}
