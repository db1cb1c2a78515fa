/** 项目库: the project list with URL-held filters, sortable columns and server paging. */
import type { HTMLAttributes } from 'react';
import { Alert, Button, Card, Grid, List, Space, Table, Typography, type TableColumnsType, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { projectCategoryLabels, type Project, type projectSortFields } from '@kpc/contracts';
import { currentLocale, labelOf } from '../../../lib/i18n';
import { formatMoney } from '../../../lib/money';
import { describeError } from '../../../lib/api';
import { access } from '../../../lib/access';
import { useCurrentUser } from '../../../lib/session';
import { LevelTag, StageTag } from '../../../components/project-tags';
import { useProjectList } from '../api/list-projects';
import { ProjectFilters } from './project-filters';
import { useProjectFilters } from './use-project-filters';
import { ExportProjectsButton } from './export-button';

type SortField = (typeof projectSortFields)[number];

export default function ProjectListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const { query, update, reset } = useProjectFilters();
  const { data, isFetching, error } = useProjectList(query);
  const locale = currentLocale();
  // at phone width a card per project (name and total investment first); the ten columns would scroll sideways
  const isPhone = !Grid.useBreakpoint().md;

  const sortOrderOf = (field: SortField) => (query.sort === field ? (query.order === 'desc' ? 'descend' : 'ascend') : undefined);

  const columns: TableColumnsType<Project> = [
    {
      title: t('project.field.code'),
      dataIndex: 'code',
      key: 'code',
      width: 120,
      sorter: true,
      sortOrder: sortOrderOf('code') ?? (query.sort ? undefined : 'ascend'),
      fixed: 'left',
    },
    {
      title: t('project.field.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrderOf('name'),
      render: (name: string, p) => <Link to={`/projects/${p.id}`}>{name}</Link>,
    },
    {
      title: t('project.field.level'),
      dataIndex: 'level',
      key: 'level',
      width: 90,
      sorter: true,
      sortOrder: sortOrderOf('level'),
      render: (_: unknown, p) => <LevelTag level={p.level} />,
    },
    {
      title: t('project.field.stage'),
      dataIndex: 'stage',
      key: 'stage',
      width: locale === 'en' ? 150 : 90,
      sorter: true,
      sortOrder: sortOrderOf('stage'),
      render: (_: unknown, p) => <StageTag stage={p.stage} />,
    },
    {
      title: t('project.field.category'),
      dataIndex: 'category',
      key: 'category',
      width: 90,
      render: (_: unknown, p) => labelOf(projectCategoryLabels, p.category),
    },
    {
      title: t('project.field.totalInvestment'),
      dataIndex: 'totalInvestment',
      key: 'totalInvestment',
      width: 120,
      align: 'right',
      sorter: true,
      sortOrder: sortOrderOf('totalInvestment'),
      render: (v: number) => <span className="kpc-money">{formatMoney(v, locale)}</span>,
    },
    { title: t('project.field.leader'), dataIndex: 'leaderName', key: 'leaderName', width: locale === 'en' ? 110 : 90 },
    { title: t('project.field.leadUnit'), dataIndex: 'leadUnitName', key: 'leadUnitName', width: 150, ellipsis: true },
    { title: t('project.field.region'), dataIndex: 'regionName', key: 'regionName', width: 130, ellipsis: true },
    {
      title: t('project.field.contractDate'),
      dataIndex: 'contractDate',
      key: 'contractDate',
      width: 110,
      sorter: true,
      sortOrder: sortOrderOf('contractDate'),
      render: (v: string | null) => v ?? '—',
    },
  ];

  const onTableChange: TableProps<Project>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = s?.order ? (s.columnKey as SortField) : undefined;
      update({ sort: field, order: field ? (s!.order === 'descend' ? 'desc' : 'asc') : undefined });
    } else if (extra.action === 'paginate') {
      update({ page: pagination.current, pageSize: pagination.pageSize === 20 ? undefined : pagination.pageSize });
    }
  };

  return (
    <div className="kpc-page">
      <Card
        title={
          <Space>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('nav.projects')}
            </Typography.Title>
            {data && (
              <Typography.Text type="secondary" className="kpc-hide-phone">
                {t('common.totalCount', { count: data.total })}
              </Typography.Text>
            )}
          </Space>
        }
        extra={
          <Space wrap>
            <ExportProjectsButton filters={query} />
            {access.createProject(user) && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/projects/new')} data-testid="project-new">
                {t('project.new')}
              </Button>
            )}
          </Space>
        }
      >
        <ProjectFilters query={query} onChange={update} onReset={reset} />
        {error && <Alert type="error" showIcon title={describeError(error)} style={{ marginBottom: 12 }} />}
        {isPhone ? (
          <List<Project>
            loading={isFetching}
            dataSource={data?.items ?? []}
            pagination={{
              current: query.page,
              pageSize: query.pageSize,
              total: data?.total ?? 0,
              align: 'center',
              size: 'small',
              showTotal: (total) => t('common.totalCount', { count: total }),
              onChange: (page, pageSize) => update({ page, pageSize: pageSize === 20 ? undefined : pageSize }),
            }}
            renderItem={(p) => (
              <List.Item style={{ display: 'block' }} data-testid={`project-row-${p.code}`}>
                <div style={{ display: 'flex', alignItems: 'baseline', gap: 8 }}>
                  <Link to={`/projects/${p.id}`} style={{ fontWeight: 600, overflowWrap: 'anywhere', flex: 1 }}>
                    {p.name}
                  </Link>
                  <span className="kpc-money" style={{ fontWeight: 600 }}>
                    {formatMoney(p.totalInvestment, locale)}
                  </span>
                </div>
                <Space wrap size={[6, 4]} style={{ marginTop: 4, fontSize: 13 }}>
                  <LevelTag level={p.level} />
                  <StageTag stage={p.stage} />
                  <Typography.Text type="secondary">{p.code}</Typography.Text>
                  <Typography.Text type="secondary">{p.leadUnitName}</Typography.Text>
                  {p.leaderName && <Typography.Text type="secondary">{p.leaderName}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        ) : (
          <Table<Project>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data?.items}
            loading={isFetching}
            scroll={{ x: 1150 }}
            onChange={onTableChange}
            onRow={(p) =>
              ({
                'data-testid': `project-row-${p.code}`,
                onDoubleClick: () => navigate(`/projects/${p.id}`),
              }) as HTMLAttributes<HTMLElement>
            }
            pagination={{
              current: query.page,
              pageSize: query.pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t('common.totalCount', { count: total }),
              size: 'small',
            }}
          />
        )}
      </Card>
    </div>
  );
}
