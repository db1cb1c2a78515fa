/**
 * The preview of one report: what the .docx will say — for a bulletin the opening paragraph, the colour
 * counts and changes, the red and yellow lists with their reasons, the overdue records and the month's
 * escalation steps; for a dispatch the district summary and every project's week. Tables on a desk,
 * cards on a phone (the colour and the project first).
 */
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Grid,
  List,
  Popconfirm,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TFunction } from 'i18next';
import { DownloadOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  supervisionReportStatusLabels,
  type BulletinProject,
  type DispatchProject,
  type MonthlyBulletinContent,
  type OverdueRecord,
  type WeeklyDispatchContent,
} from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import { labelOf } from '../../../lib/i18n';
import { reportDocxUrl, usePublishReport, useReport } from '../api/reports';
import { ColourCounts, RagTag, periodLabel } from './report-parts';

export function ReportPreview({ id, bureau }: { id: number; bureau: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { data: r, isPending, error } = useReport(id);
  const publish = usePublishReport();
  if (error) return <Alert type="error" showIcon title={describeError(error)} />;
  if (isPending || !r) return <Skeleton active />;
  const onPublish = () =>
    publish.mutate(
      { id: r.id, version: r.version },
      { onSuccess: () => message.success(t('reports.publishedOk')), onError: (e) => message.error(describeError(e)) },
    );
  const en = i18n.language === 'en';
  return (
    <Card
      size="small"
      data-testid="report-preview"
      title={
        <Space wrap>
          <span>{periodLabel(r.kind, r.period, t)}</span>
          <Tag color={r.status === 'published' ? 'green' : 'default'} data-testid="report-status">
            {labelOf(supervisionReportStatusLabels, r.status)}
          </Tag>
        </Space>
      }
      extra={
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={reportDocxUrl(r.id)} data-testid="report-docx">
            {t('reports.docx')}
          </Button>
          {bureau && r.status === 'draft' && (
            <Popconfirm
              title={t('reports.publishConfirm')}
              onConfirm={onPublish}
              okButtonProps={{ 'data-testid': 'report-publish-ok' }}
            >
              <Button type="primary" icon={<SendOutlined />} loading={publish.isPending} data-testid="report-publish">
                {t('reports.publish')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'no', label: t('reports.docNumber'), children: r.docNumber },
          { key: 'by', label: t('reports.draftedBy'), children: `${r.draftedBy} · ${r.draftedAt.slice(0, 10)}` },
          { key: 'asOf', label: t('reports.asOf'), children: r.content.asOf },
          ...(r.publishedAt
            ? [
                {
                  key: 'pub',
                  label: t('reports.publishedBy'),
                  children: `${r.publishedBy ?? ''} · ${r.publishedAt.slice(0, 10)}`,
                },
              ]
            : []),
        ]}
      />
      {r.content.kind === 'monthly_bulletin' ? <BulletinBody c={r.content} en={en} /> : <DispatchBody c={r.content} />}
    </Card>
  );
}

const Section = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <div style={{ marginTop: 16 }}>
    <Typography.Title level={5}>{title}</Typography.Title>
    {children}
  </div>
);

function BulletinBody({ c, en }: { c: MonthlyBulletinContent; en: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph style={{ marginTop: 12 }} data-testid="report-opening">
        {c.opening[en ? 'en' : 'zh-CN']}
      </Typography.Paragraph>
      <ColourCounts counts={c.colours} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('reports.changes', { worse: c.changes.worse, better: c.changes.better })}
        {c.changes.list.map((x) => (
          <span key={x.projectId} style={{ marginInlineStart: 8 }}>
            {x.name} <RagTag rag={x.to} before={x.from} />
          </span>
        ))}
      </Typography.Paragraph>
      <Section title={t('reports.redList', { count: c.red.length })}>
        <ColourList list={c.red} en={en} testId="report-red" />
      </Section>
      <Section title={t('reports.yellowList', { count: c.yellow.length })}>
        <ColourList list={c.yellow} en={en} testId="report-yellow" />
      </Section>
      <Section title={t('reports.overdueDecisions', { count: c.overdueDecisions.length })}>
        <OverdueList list={c.overdueDecisions} />
      </Section>
      <Section title={t('reports.overdueProblems', { count: c.overdueProblems.length })}>
        <OverdueList list={c.overdueProblems} />
      </Section>
      {c.overdueSupervisionItems.length > 0 && (
        <Section title={t('reports.overdueItems', { count: c.overdueSupervisionItems.length })}>
          <OverdueList list={c.overdueSupervisionItems} />
        </Section>
      )}
      <Section title={t('reports.escalations', { count: c.escalations.length })}>
        {c.escalations.length ? (
          <List
            size="small"
            dataSource={c.escalations}
            renderItem={(e) => (
              <List.Item>
                <Tag>{e.step}</Tag> {e.subject}：{e.reason}（{e.date}）
              </List.Item>
            )}
          />
        ) : (
          <Typography.Text type="secondary">{t('reports.noEscalations')}</Typography.Text>
        )}
      </Section>
    </>
  );
}

function reasonsOf(p: BulletinProject, en: boolean, t: TFunction): string[] {
  return [
    ...p.reasons.map((x) => x.message[en ? 'en' : 'zh-CN']),
    ...(p.overridden ? [t('reports.overridden', { reason: p.overrideReason ?? '' })] : []),
  ];
}

function ColourList({ list, en, testId }: { list: BulletinProject[]; en: boolean; testId: string }) {
  const { t } = useTranslation();
  const phone = !Grid.useBreakpoint().md;
  if (!list.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.noneInList')} />;
  if (phone)
    return (
      <div data-testid={testId}>
        {list.map((p) => (
          <Card key={p.projectId} size="small" style={{ marginBottom: 8 }}>
            <Space>
              <RagTag rag={p.rag} />
              <Typography.Text strong>{p.name}</Typography.Text>
            </Space>
            <ul style={{ margin: '6px 0 0', paddingInlineStart: 18 }}>
              {reasonsOf(p, en, t).map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          </Card>
        ))}
      </div>
    );
  return (
    <Table
      data-testid={testId}
      size="small"
      rowKey="projectId"
      pagination={false}
      dataSource={list}
      columns={[
        { title: '#', width: 48, render: (_v, _p, i) => i + 1 },
        { title: t('reports.project'), dataIndex: 'name', width: 260 },
        {
          title: t('reports.reasons'),
          render: (_v, p: BulletinProject) => (
            <div>
              {reasonsOf(p, en, t).map((m, i) => (
                <div key={i}>{m}</div>
              ))}
            </div>
          ),
        },
      ]}
    />
  );
}

function OverdueList({ list }: { list: OverdueRecord[] }) {
  const { t } = useTranslation();
  const phone = !Grid.useBreakpoint().md;
  if (!list.length) return <Typography.Text type="secondary">{t('reports.noneInList')}</Typography.Text>;
  if (phone)
    return (
      <List
        size="small"
        dataSource={list}
        renderItem={(x) => (
          <List.Item>
            <div>
              <Typography.Text type="danger" strong>
                {t('reports.daysOverdue', { count: x.daysOverdue })}
              </Typography.Text>{' '}
              {x.projectName}
              <div>{x.label}</div>
            </div>
          </List.Item>
        )}
      />
    );
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={list}
      columns={[
        { title: t('reports.project'), dataIndex: 'projectName', width: 220 },
        { title: t('reports.item'), dataIndex: 'label' },
        { title: t('reports.deadline'), dataIndex: 'deadline', width: 110 },
        { title: t('reports.overdueDays'), dataIndex: 'daysOverdue', width: 90, align: 'right' },
      ]}
    />
  );
}

function DispatchBody({ c }: { c: WeeklyDispatchContent }) {
  const { t } = useTranslation();
  const phone = !Grid.useBreakpoint().md;
  const s = c.summary;
  const progress = (p: DispatchProject) => [
    ...(p.progressNote ? [p.progressNote] : []),
    ...p.milestonesFinished.map((m) => t('reports.nodeFinished', { name: m.label, date: m.date.slice(5) })),
    ...p.milestonesInProgress.map((m) => t('reports.nodeInProgress', { name: m.label })),
  ];
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('reports.windows', { from: c.reviewed.from, to: c.reviewed.to, dueFrom: c.dueWeek.from, dueTo: c.dueWeek.to })}
      </Typography.Paragraph>
      <ColourCounts counts={s.colours} />
      <Space wrap size={24} style={{ marginTop: 12 }} data-testid="dispatch-summary">
        <Statistic title={t('reports.worse')} value={s.changes.worse} />
        <Statistic title={t('reports.better')} value={s.changes.better} />
        <Statistic title={t('reports.nodesFinished')} value={s.milestonesFinished} />
        <Statistic title={t('reports.problemsNew')} value={s.problemsNew} />
        <Statistic title={t('reports.problemsSolved')} value={s.problemsSolved} />
        <Statistic title={t('reports.decisionsDue')} value={s.decisionsDue} />
      </Space>
      <Section title={t('reports.projects', { count: c.projects.length })}>
        {phone ? (
          c.projects.map((p) => (
            <Card key={p.projectId} size="small" style={{ marginBottom: 8 }}>
              <Space wrap>
                <RagTag rag={p.rag} before={p.ragBefore} />
                <Typography.Text strong>{p.name}</Typography.Text>
              </Space>
              <div style={{ marginTop: 4 }}>
                {progress(p).map((l, i) => (
                  <div key={i}>{l}</div>
                ))}
              </div>
              <Typography.Text type="secondary">
                {t('reports.problemLine', {
                  raised: p.problemsNew.length,
                  solved: p.problemsSolved.length,
                  due: p.decisionsDue.length,
                })}
              </Typography.Text>
            </Card>
          ))
        ) : (
          <Table
            size="small"
            rowKey="projectId"
            pagination={false}
            dataSource={c.projects}
            columns={[
              { title: t('reports.project'), dataIndex: 'name', width: 170 },
              {
                title: t('reports.colour'),
                width: 110,
                render: (_v, p: DispatchProject) => <RagTag rag={p.rag} before={p.ragBefore} />,
              },
              {
                title: t('reports.progress'),
                render: (_v, p: DispatchProject) => (
                  <div>
                    {progress(p).map((l, i) => (
                      <div key={i}>{l}</div>
                    ))}
                  </div>
                ),
              },
              {
                title: t('reports.problems'),
                width: 130,
                render: (_v, p: DispatchProject) =>
                  t('reports.problemCell', { raised: p.problemsNew.length, solved: p.problemsSolved.length }),
              },
              {
                title: t('reports.dueThisWeek'),
                width: 200,
                render: (_v, p: DispatchProject) =>
                  p.decisionsDue.map((d) => (
                    <div key={d.id}>
                      {d.label}（{d.deadline.slice(5)}）
                    </div>
                  )),
              },
            ]}
          />
        )}
      </Section>
    </>
  );
}
