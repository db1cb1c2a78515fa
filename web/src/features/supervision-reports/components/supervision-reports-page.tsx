/**
 * 督办报告: the weekly dispatches 周调度 and monthly bulletins 月督导通报 of the region — a list by period,
 * the preview of the one chosen (its frozen figures and lists), and for the supervision bureau "draft now"
 * for a period, publish, and the .docx download for everyone who reads it. On a phone the list and the
 * preview stack, and the lists are cards with the key figure first.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Row, Segmented, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  supervisionReportKindLabels,
  supervisionReportKinds,
  supervisionReportStatusLabels,
  type SupervisionReportKind,
  type SupervisionReportSummary,
} from '@kpc/contracts';
import { addMonths, addWeeks, isoWeekOfDate, monthOfDate, shanghaiDate } from '@kpc/domain';
import { describeError } from '../../../lib/api';
import { useCurrentUser } from '../../../lib/session';
import { access } from '../../../lib/access';
import { labelOf } from '../../../lib/i18n';
import { useDraftReport, useReports } from '../api/reports';
import { ReportPreview } from './report-preview';
import { ColourCounts, periodLabel } from './report-parts';

/** The periods the bureau may draft: this week and the seven before; last month, this month and the five before. */
function periodChoices(kind: SupervisionReportKind): string[] {
  const day = shanghaiDate(new Date());
  if (kind === 'weekly_dispatch') {
    const week = isoWeekOfDate(day);
    return [...Array(8).keys()].map((i) => addWeeks(week, -i));
  }
  const month = monthOfDate(day);
  return [...Array(7).keys()].map((i) => addMonths(month, -i));
}

export default function SupervisionReportsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [kind, setKind] = useState<SupervisionReportKind>('monthly_bulletin');
  const [period, setPeriod] = useState<string | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const { data, isPending, error } = useReports(kind);
  const draft = useDraftReport();
  const bureau = access.draftSupervisionReports(user);
  const choices = periodChoices(kind);
  // the month's bulletin is drafted after it ends: last month is the default, this week's dispatch
  const draftPeriod = period ?? (kind === 'monthly_bulletin' ? choices[1]! : choices[0]!);
  const items = data?.items ?? [];
  const selected = items.find((r) => r.id === chosen)?.id ?? items[0]?.id ?? null;

  const onDraft = () =>
    draft.mutate(
      { kind, period: draftPeriod },
      {
        onSuccess: (r) => {
          message.success(t('reports.drafted', { period: r.period }));
          setChosen(r.id);
        },
        onError: (e) => message.error(describeError(e)),
      },
    );

  return (
    <div className="kpc-page">
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('nav.supervisionReports')}
          </Typography.Title>
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented
            value={kind}
            onChange={(v) => (setKind(v as SupervisionReportKind), setPeriod(null), setChosen(null))}
            options={supervisionReportKinds.map((k) => ({ value: k, label: labelOf(supervisionReportKindLabels, k) }))}
            data-testid="reports-kind"
          />
          {bureau && (
            <Space.Compact>
              <Select
                value={draftPeriod}
                onChange={setPeriod}
                options={choices.map((p) => ({ value: p, label: periodLabel(kind, p, t) }))}
                style={{ minWidth: 150 }}
                aria-label={t('reports.period')}
                data-testid="reports-period"
              />
              <Button type="primary" onClick={onDraft} loading={draft.isPending} data-testid="reports-draft">
                {t('reports.draftNow')}
              </Button>
            </Space.Compact>
          )}
        </Space>
        {error ? (
          <Alert type="error" showIcon title={describeError(error)} />
        ) : isPending ? (
          <Skeleton active />
        ) : !items.length ? (
          <Empty description={bureau ? t('reports.noneBureau') : t('reports.none')} />
        ) : (
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={6} xxl={5}>
              <Space direction="vertical" style={{ width: '100%' }} size={8}>
                {items.map((r) => (
                  <ReportListCard key={r.id} r={r} active={r.id === selected} onOpen={() => setChosen(r.id)} />
                ))}
              </Space>
            </Col>
            <Col xs={24} lg={18} xxl={19}>
              {selected !== null && <ReportPreview id={selected} bureau={bureau} />}
            </Col>
          </Row>
        )}
      </Card>
    </div>
  );
}

function ReportListCard({ r, active, onOpen }: { r: SupervisionReportSummary; active: boolean; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      hoverable
      onClick={onOpen}
      style={active ? { borderColor: '#1677ff' } : undefined}
      data-testid={`report-${r.kind}-${r.period}`}
    >
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Text strong>{periodLabel(r.kind, r.period, t)}</Typography.Text>
        <Tag color={r.status === 'published' ? 'green' : 'default'}>{labelOf(supervisionReportStatusLabels, r.status)}</Tag>
      </Space>
      <div style={{ marginTop: 4 }}>
        <ColourCounts counts={r.colours} compact />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {r.docNumber}
      </Typography.Text>
    </Card>
  );
}
