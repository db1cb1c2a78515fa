/**
 * 投资审核: the office's queue of submitted monthly reports. Approve, or return with a reason; the row
 * leaves the queue at once (optimistic) and comes back with the error if the server refuses. A row shows
 * the count of its site photos and opens them.
 */
import { useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Grid,
  Input,
  List,
  Modal,
  Popover,
  Space,
  Table,
  Tag,
  Typography,
  type ButtonProps,
  type TableColumnsType,
} from 'antd';
import { CheckOutlined, PaperClipOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { InvestmentReport, Project } from '@kpc/contracts';
import { api, describeError, type Page } from '../../../lib/api';
import { yuanToWanInput } from '../../../lib/money';
import { useInvestmentReports } from '../api/list-reports';
import { investmentKeys, type ReportListQuery } from '../api/keys';
import { approveReport } from '../api/approve-report';
import { returnReport } from '../api/return-report';
import { invalidateInvestment } from '../api/invalidate';
import { AttachmentList } from '../../../components/attachments/attachment-list';

const PAGE_SIZE = 50;

/** 万元 with up to four decimals, grouped, never rounded away (1 元 precision). */
export function wan(yuan: number): string {
  const [whole = '0', frac] = yuanToWanInput(yuan).split('.');
  const grouped = BigInt(whole).toLocaleString('en-US');
  return frac ? `${grouped}.${frac.padEnd(2, '0')}` : `${grouped}.00`;
}

type Action = { kind: 'approve' } | { kind: 'return'; reason: string };

export default function ApprovalsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const query: ReportListQuery = { status: 'submitted', page, pageSize: PAGE_SIZE };
  const { data, error, isFetching } = useInvestmentReports(query);
  const [returning, setReturning] = useState<InvestmentReport | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  // at phone width one card per report, the amount first; the table's nine columns would scroll sideways
  const isPhone = !Grid.useBreakpoint().md;

  const ids = (data?.items ?? []).map((r) => r.projectId);
  const projects = useQuery({
    queryKey: ['projects', 'list', { ids: ids.join(','), purpose: 'approvals' }],
    queryFn: ({ signal }) =>
      api.get<Page<Project>>('/projects', { query: { ids: [...new Set(ids)].join(','), pageSize: 200 }, signal }),
    enabled: ids.length > 0,
  });
  const unitOf = new Map((projects.data?.items ?? []).map((p) => [p.id, p.leadUnitName]));

  const act = useMutation({
    mutationFn: ({ report, action }: { report: InvestmentReport; action: Action }) =>
      action.kind === 'approve'
        ? approveReport(report.id, report.version)
        : returnReport(report.id, report.version, action.reason),
    onMutate: async ({ report }) => {
      const key = investmentKeys.reports(query);
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<Page<InvestmentReport>>(key);
      if (before)
        queryClient.setQueryData<Page<InvestmentReport>>(key, {
          items: before.items.filter((r) => r.id !== report.id),
          total: Math.max(0, before.total - 1),
        });
      return { key, before };
    },
    onError: (e, _v, ctx) => {
      if (ctx?.before) queryClient.setQueryData(ctx.key, ctx.before);
      message.error(describeError(e));
    },
    onSuccess: (r) =>
      message.success(
        r.status === 'approved'
          ? t('investment.approvals.approved', { project: r.projectName })
          : t('investment.approvals.returned', { project: r.projectName }),
      ),
    onSettled: () => invalidateInvestment(queryClient),
  });

  const pagination = {
    current: page,
    pageSize: PAGE_SIZE,
    total: data?.total ?? 0,
    hideOnSinglePage: true,
    onChange: setPage,
    size: 'small' as const,
  };

  const actions = (r: InvestmentReport) => (
    <Space>
      <Button
        type="primary"
        size="small"
        icon={<CheckOutlined />}
        disabled={!r.permissions.review}
        onClick={() => act.mutate({ report: r, action: { kind: 'approve' } })}
        data-testid={`approve-${r.id}`}
      >
        {t('investment.approvals.approve')}
      </Button>
      <Button
        size="small"
        danger
        icon={<RollbackOutlined />}
        disabled={!r.permissions.review}
        onClick={() => {
          form.resetFields();
          setReturning(r);
        }}
        data-testid={`return-${r.id}`}
      >
        {t('investment.approvals.return')}
      </Button>
    </Space>
  );

  const columns: TableColumnsType<InvestmentReport> = [
    {
      title: t('investment.field.project'),
      key: 'project',
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/projects/${r.projectId}`}>{r.projectName}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.projectCode}
            {r.correctsId !== null && (
              <Tag color="orange" style={{ marginLeft: 6 }}>
                {t('investment.approvals.correction')}
              </Tag>
            )}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('investment.field.unit'),
      key: 'unit',
      width: 150,
      ellipsis: true,
      render: (_: unknown, r) => unitOf.get(r.projectId) ?? '—',
    },
    {
      title: t('investment.field.month'),
      key: 'month',
      width: 100,
      render: (_: unknown, r) => t('investment.monthOf', { year: r.year, month: r.month }),
    },
    {
      title: t('investment.approvals.amount'),
      dataIndex: 'amount',
      key: 'amount',
      width: 130,
      align: 'right',
      render: (v: number) => <span className="kpc-money">{wan(v)}</span>,
    },
    {
      title: t('investment.field.progressNote'),
      dataIndex: 'progressNote',
      key: 'note',
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('investment.approvals.photos'),
      key: 'photos',
      width: 80,
      align: 'center',
      render: (_: unknown, r) => <PhotosCell report={r} />,
    },
    {
      title: t('investment.approvals.submittedBy'),
      key: 'by',
      width: 170,
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={0}>
          <span>{r.createdByName ?? '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.submittedAt ? dayjs(r.submittedAt).format('YYYY-MM-DD HH:mm') : '—'}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      // room for both buttons in English too (Approve / Return)
      width: 204,
      fixed: 'right',
      render: (_: unknown, r) => actions(r),
    },
  ];

  return (
    <div className="kpc-page">
      <Card
        title={
          <Space>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('investment.approvals.title')}
            </Typography.Title>
            {data && <Typography.Text type="secondary">{t('common.totalCount', { count: data.total })}</Typography.Text>}
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={describeError(error)} style={{ marginBottom: 12 }} />}
        {isPhone ? (
          <List<InvestmentReport>
            loading={isFetching && !data}
            dataSource={data?.items ?? []}
            locale={{ emptyText: t('investment.approvals.empty') }}
            pagination={data && data.total > PAGE_SIZE ? { ...pagination, align: 'center' } : false}
            renderItem={(r) => (
              <List.Item style={{ display: 'block', padding: '12px 0' }} data-testid={`approval-row-${r.projectCode}-${r.month}`}>
                <div style={{ display: 'flex', alignItems: 'baseline', gap: 8 }}>
                  <Typography.Text strong style={{ fontSize: 20 }} className="kpc-money">
                    {wan(r.amount)}
                  </Typography.Text>
                  <Typography.Text type="secondary">{t('investment.unit.wan')}</Typography.Text>
                  <Typography.Text type="secondary" style={{ marginLeft: 'auto' }}>
                    {t('investment.monthOf', { year: r.year, month: r.month })}
                  </Typography.Text>
                </div>
                <div style={{ marginTop: 2 }}>
                  <Link to={`/projects/${r.projectId}`}>{r.projectName}</Link>
                  {r.correctsId !== null && (
                    <Tag color="orange" style={{ marginLeft: 6 }}>
                      {t('investment.approvals.correction')}
                    </Tag>
                  )}
                </div>
                <Typography.Paragraph
                  type={r.progressNote ? undefined : 'secondary'}
                  ellipsis={{ rows: 3, expandable: true, symbol: t('common.more') }}
                  style={{ margin: '4px 0', overflowWrap: 'anywhere' }}
                >
                  {r.progressNote ?? '—'}
                </Typography.Paragraph>
                <Space wrap size={[8, 4]} style={{ fontSize: 13 }}>
                  {r.attachmentCount === 0 ? (
                    <Typography.Text type="secondary">{t('investment.approvals.photos')} 0</Typography.Text>
                  ) : (
                    <span>
                      {t('investment.approvals.photos')} <PhotosCell report={r} />
                    </span>
                  )}
                  <Typography.Text type="secondary">{unitOf.get(r.projectId) ?? '—'}</Typography.Text>
                  <Typography.Text type="secondary">
                    {r.createdByName ?? '—'} {r.submittedAt ? dayjs(r.submittedAt).format('MM-DD HH:mm') : ''}
                  </Typography.Text>
                </Space>
                <div style={{ marginTop: 8 }}>{actions(r)}</div>
              </List.Item>
            )}
          />
        ) : (
          <Table<InvestmentReport>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data?.items}
            loading={isFetching && !data}
            scroll={{ x: 1150 }}
            locale={{ emptyText: t('investment.approvals.empty') }}
            onRow={(r) => ({ 'data-testid': `approval-row-${r.projectCode}-${r.month}` }) as HTMLAttributes<HTMLElement>}
            pagination={pagination}
          />
        )}
      </Card>
      <Modal
        open={returning !== null}
        title={t('investment.approvals.returnTitle', { project: returning?.projectName ?? '' })}
        okText={t('investment.approvals.return')}
        okButtonProps={{ danger: true, 'data-testid': 'return-confirm' } as ButtonProps}
        onCancel={() => setReturning(null)}
        onOk={async () => {
          const { reason } = await form.validateFields();
          const report = returning!;
          setReturning(null);
          act.mutate({ report, action: { kind: 'return', reason: reason.trim() } });
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label={t('investment.approvals.reason')}
            rules={[{ required: true, whitespace: true, message: t('investment.approvals.reasonRequired') }, { max: 500 }]}
          >
            <Input.TextArea autoSize={{ minRows: 3 }} data-testid="return-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

/**
 * The report's site photos: a paperclip with the count the report carries; the thumbnails (click to
 * enlarge, the name downloads) are fetched only when the paperclip is opened.
 */
function PhotosCell({ report }: { report: InvestmentReport }) {
  const { t } = useTranslation();
  if (report.attachmentCount === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Popover
      trigger="click"
      placement="left"
      title={t('investment.photos.reviewTitle')}
      content={
        <div style={{ maxWidth: 340 }}>
          <AttachmentList
            owner="investment-reports"
            ownerId={report.id}
            canUpload={false}
            readOnly
            display="photos"
            labels={{ upload: '', none: t('investment.photos.none') }}
            testId={`approval-photos-${report.id}`}
          />
        </div>
      }
    >
      <Button
        type="link"
        size="small"
        icon={<PaperClipOutlined />}
        aria-label={t('attachments.count', { count: report.attachmentCount })}
        data-testid={`approval-photos-button-${report.id}`}
      >
        {report.attachmentCount}
      </Button>
    </Popover>
  );
}
