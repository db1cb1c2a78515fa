/**
 * Site checks as cards on a phone (the project and the distance first) and as a table on a desktop; the
 * distance is shown, and flagged in red beyond the region's setting. A click opens the check with its photos.
 */
import { useState } from 'react';
import { Card, Descriptions, Drawer, Grid, List, Space, Table, Tag, Typography } from 'antd';
import { CameraOutlined, EnvironmentOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { locationStatusLabels, problemCategoryLabels, type SiteCheck } from '@kpc/contracts';
import { AttachmentList } from '../../../components/attachments/attachment-list';
import { labelOf } from '../../../lib/i18n';
import { siteCheckKeys, useSiteCheck, useSiteChecks, type SiteCheckListQuery } from '../api/site-checks';
import './site-checks.css';

const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });

export function DistanceTag({ check: c }: { check: SiteCheck }) {
  const { t } = useTranslation();
  if (c.locationStatus !== 'ok')
    return (
      <Tag color={c.locationStatus === 'denied' ? 'orange' : undefined} data-testid="site-check-distance">
        {labelOf(locationStatusLabels, c.locationStatus)}
      </Tag>
    );
  if (c.distanceM === null)
    return (
      <Tag icon={<EnvironmentOutlined />} data-testid="site-check-distance">
        {t('siteChecks.location.located')}
      </Tag>
    );
  return (
    <Tag
      color={c.flagged ? 'red' : 'green'}
      icon={c.flagged ? <WarningOutlined /> : <EnvironmentOutlined />}
      data-testid="site-check-distance"
      data-flagged={c.flagged}
    >
      {c.flagged ? t('siteChecks.location.flagged', { m: c.distanceM }) : t('siteChecks.location.distance', { m: c.distanceM })}
    </Tag>
  );
}

function SiteCheckCard({ check: c, onOpen }: { check: SiteCheck; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      hoverable
      onClick={onOpen}
      style={{ marginBottom: 8, borderLeft: c.flagged ? '3px solid #ff4d4f' : undefined }}
      data-testid="site-check-card"
    >
      <div className="kpc-site-check-card-head">
        <Typography.Text strong ellipsis style={{ minWidth: 0 }}>
          {c.projectName}
        </Typography.Text>
        <DistanceTag check={c} />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {when(c.checkedAt)} · {c.checkerName}
      </Typography.Text>
      {c.findings && (
        <Typography.Paragraph style={{ margin: '4px 0 0' }} ellipsis={{ rows: 2 }}>
          {c.findings}
        </Typography.Paragraph>
      )}
      <Space size={12} style={{ fontSize: 12, marginTop: 4 }}>
        <Typography.Text type="secondary">{t('siteChecks.list.raisedN', { count: c.problemsRaised.length })}</Typography.Text>
        <Typography.Text type={c.problemsSolved.length ? 'success' : 'secondary'}>
          {t('siteChecks.list.solvedN', { count: c.problemsSolved.length })}
        </Typography.Text>
        {c.photoCount > 0 && (
          <Typography.Text type="secondary">
            <CameraOutlined /> {c.photoCount}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}

export function SiteCheckDrawer({ id, onClose }: { id: number | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { data: c } = useSiteCheck(id);
  return (
    <Drawer
      open={id !== undefined}
      onClose={onClose}
      size={640}
      styles={{ wrapper: { maxWidth: '100vw' } }}
      title={c ? c.projectName : t('siteChecks.title')}
      destroyOnHidden
    >
      {c && (
        <div data-testid="site-check-detail">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('siteChecks.field.checkedAt')}>{when(c.checkedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('siteChecks.field.checker')}>{c.checkerName}</Descriptions.Item>
            <Descriptions.Item label={t('siteChecks.field.location')}>
              <DistanceTag check={c} />
              {c.accuracyM !== null && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('siteChecks.location.accuracy', { m: Math.round(c.accuracyM) })}
                </Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('siteChecks.field.findings')}>{c.findings ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('siteChecks.field.solved')}
          </Typography.Title>
          <List
            size="small"
            dataSource={c.problemsSolved}
            locale={{ emptyText: '—' }}
            renderItem={(p) => (
              <List.Item data-testid="site-check-solved-item">
                <div>
                  <div>{p.description}</div>
                  <Typography.Text type="success" style={{ fontSize: 12 }}>
                    {p.resolution}
                  </Typography.Text>
                </div>
              </List.Item>
            )}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('siteChecks.field.raised')}
          </Typography.Title>
          <List
            size="small"
            dataSource={c.problemsRaised}
            locale={{ emptyText: '—' }}
            renderItem={(p) => (
              <List.Item>
                <Space>
                  <Tag>{labelOf(problemCategoryLabels, p.category)}</Tag>
                  {p.description}
                </Space>
              </List.Item>
            )}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('siteChecks.field.photos')}
          </Typography.Title>
          <AttachmentList
            owner="site-checks"
            ownerId={c.id}
            canUpload={c.permissions.upload}
            display="photos"
            accept="image/*"
            labels={{ upload: t('siteChecks.field.addPhoto'), none: t('siteChecks.list.noPhotos') }}
            testId="site-check-photos"
            alsoInvalidate={[siteCheckKeys.all]}
          />
        </div>
      )}
    </Drawer>
  );
}

export function SiteCheckList({ filters }: { filters: Omit<SiteCheckListQuery, 'page' | 'pageSize'> }) {
  const { t } = useTranslation();
  const isPhone = !Grid.useBreakpoint().md;
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState<number | undefined>(undefined);
  const list = useSiteChecks({ ...filters, ...page });
  const items = list.data?.items ?? [];
  const pagination = {
    current: page.page,
    pageSize: page.pageSize,
    total: list.data?.total ?? 0,
    size: isPhone ? ('small' as const) : undefined,
    showTotal: (n: number) => t('common.totalCount', { count: n }),
    onChange: (p: number, s: number) => setPage({ page: p, pageSize: s }),
  };

  return (
    <>
      {isPhone ? (
        <List
          loading={list.isPending}
          dataSource={items}
          pagination={pagination}
          renderItem={(c) => <SiteCheckCard key={c.id} check={c} onOpen={() => setOpen(c.id)} />}
          data-testid="site-check-list"
        />
      ) : (
        <Table<SiteCheck>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          dataSource={items}
          pagination={pagination}
          onRow={(c) =>
            ({ onClick: () => setOpen(c.id), style: { cursor: 'pointer' }, 'data-testid': 'site-check-row' }) as never
          }
          data-testid="site-check-list"
          columns={[
            { key: 'at', title: t('siteChecks.field.checkedAt'), width: 150, render: (_, c) => when(c.checkedAt) },
            {
              key: 'project',
              title: t('siteChecks.field.project'),
              render: (_, c) => (
                <div>
                  <div>{c.projectName}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.projectCode}
                  </Typography.Text>
                </div>
              ),
            },
            { key: 'checker', title: t('siteChecks.field.checker'), width: 90, dataIndex: 'checkerName' },
            { key: 'distance', title: t('siteChecks.field.distance'), width: 150, render: (_, c) => <DistanceTag check={c} /> },
            {
              key: 'findings',
              title: t('siteChecks.field.findings'),
              ellipsis: true,
              render: (_, c) => c.findings ?? '—',
            },
            {
              key: 'problems',
              title: t('siteChecks.list.problems'),
              width: 130,
              render: (_, c) =>
                c.problemsRaised.length || c.problemsSolved.length ? (
                  <Space size={4} wrap>
                    {c.problemsRaised.length > 0 && <Tag>{t('siteChecks.list.raisedN', { count: c.problemsRaised.length })}</Tag>}
                    {c.problemsSolved.length > 0 && (
                      <Tag color="green">{t('siteChecks.list.solvedN', { count: c.problemsSolved.length })}</Tag>
                    )}
                  </Space>
                ) : (
                  '—'
                ),
            },
            {
              key: 'photos',
              title: <CameraOutlined />,
              width: 56,
              align: 'center',
              render: (_, c) => (c.photoCount ? c.photoCount : ''),
            },
          ]}
        />
      )}
      <SiteCheckDrawer id={open} onClose={() => setOpen(undefined)} />
    </>
  );
}
