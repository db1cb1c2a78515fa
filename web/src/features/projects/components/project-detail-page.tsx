/** One project: all fields grouped (basic, investment, dates, the "four ones"), its stage history and actions. */
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Popconfirm,
  Result,
  Row,
  Space,
  Steps,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { ArrowRightOutlined, DeleteOutlined, EditOutlined, RollbackOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { projectCategoryLabels, stageLabels, stages, taskForcePostLabels, type ProjectDetail } from '@kpc/contracts';
import { nextStage, stageIndex } from '@kpc/domain';
import { currentLocale, labelOf } from '../../../lib/i18n';
import { formatMoney } from '../../../lib/money';
import { describeError, isApiError } from '../../../lib/api';
import { nameMap, useUnits } from '../../../lib/reference-data';
import { LevelTag, StageTag } from '../../../components/project-tags';
import { PageSpinner } from '../../../components/page-spinner';
import { useProject } from '../api/get-project';
import { useDeleteProject } from '../api/delete-project';
import { StageChangeModal } from './stage-change-modal';

/** What other features show on the page; web/src/app/project-detail.tsx fills them in. */
export interface ProjectDetailParts {
  /** 台账 / 节点计划 / 甘特图, below the header. */
  workTabs?: (project: ProjectDetail) => ReactNode;
  /** Investment by month, below the figures and dates. */
  investment?: (project: ProjectDetail) => ReactNode;
  /** Tags beside the level and stage: the supervision colour 三色 with its reasons. */
  headerTags?: (project: ProjectDetail) => ReactNode;
  /** Stage proposals (阶段变更申请), at the top of the stage history. */
  stageProposals?: (project: ProjectDetail) => ReactNode;
  /** The escalation ladder's 问责记录 card (nothing when the project has none). */
  escalations?: (project: ProjectDetail) => ReactNode;
}

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

export default function ProjectDetailPage(parts: ProjectDetailParts) {
  const { t } = useTranslation();
  const params = useParams();
  const id = Number(params.id);
  const { data: project, error, isPending } = useProject(id);

  if (isPending) return <PageSpinner />;
  if (error || !project)
    return (
      <Result
        status={isApiError(error, 'NOT_FOUND') ? '404' : 'error'}
        title={describeError(error)}
        extra={<Link to="/projects">{t('project.backToList')}</Link>}
      />
    );
  return <ProjectDetailView project={project} parts={parts} />;
}

function ProjectDetailView({ project: p, parts }: { project: ProjectDetail; parts: ProjectDetailParts }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const locale = currentLocale();
  const units = nameMap(useUnits().data?.items);
  const remove = useDeleteProject();
  const [stageMode, setStageMode] = useState<'forward' | 'rollback' | null>(null);
  const next = nextStage(p.stage);
  const money = (v: number | null) => <span className="kpc-money">{formatMoney(v, locale)}</span>;
  const descProps = {
    bordered: true,
    size: 'small' as const,
    column: { xs: 1, sm: 1, md: 2, xl: 3 },
    styles: { label: { whiteSpace: 'nowrap' as const } },
  };

  const onDelete = () =>
    remove.mutate(
      { id: p.id, version: p.version },
      {
        onSuccess: () => {
          message.success(t('project.deleted'));
          navigate('/projects', { replace: true });
        },
        onError: (e) => message.error(describeError(e)),
      },
    );

  return (
    <div className="kpc-page">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Card>
          <Row gutter={[12, 12]} align="middle" justify="space-between">
            <Col flex="auto">
              <Typography.Text type="secondary">{p.code}</Typography.Text>
              <Typography.Title level={3} style={{ margin: '4px 0 8px' }} data-testid="project-detail-name">
                {p.name}
              </Typography.Title>
              <Space wrap size={4}>
                <LevelTag level={p.level} />
                <StageTag stage={p.stage} />
                {parts.headerTags?.(p)}
                <Tag>{labelOf(projectCategoryLabels, p.category)}</Tag>
                {p.tags.map((tag) => (
                  <Tag key={tag} color="processing">
                    {tag}
                  </Tag>
                ))}
              </Space>
            </Col>
            <Col>
              <Space wrap>
                {p.permissions.transition && next && (
                  <Button
                    type="primary"
                    icon={<ArrowRightOutlined />}
                    onClick={() => setStageMode('forward')}
                    data-testid="project-stage-next"
                  >
                    {t('project.stage.moveTo', { stage: labelOf(stageLabels, next) })}
                  </Button>
                )}
                {p.permissions.rollback && stageIndex(p.stage) > 0 && (
                  <Button
                    icon={<RollbackOutlined />}
                    onClick={() => setStageMode('rollback')}
                    data-testid="project-stage-rollback"
                  >
                    {t('project.stage.rollback')}
                  </Button>
                )}
                {p.permissions.edit && (
                  <Button icon={<EditOutlined />} onClick={() => navigate(`/projects/${p.id}/edit`)} data-testid="project-edit">
                    {t('common.edit')}
                  </Button>
                )}
                {p.permissions.delete && (
                  <Popconfirm title={t('project.deleteConfirm')} onConfirm={onDelete} okButtonProps={{ danger: true }}>
                    <Button danger icon={<DeleteOutlined />} loading={remove.isPending} data-testid="project-delete">
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            </Col>
          </Row>
          {/* dots with titles below stay one row even at phone width */}
          <div style={{ overflowX: 'auto', marginTop: 16 }}>
            <Steps
              type="dot"
              size="small"
              titlePlacement="vertical"
              responsive={false}
              current={stageIndex(p.stage)}
              style={{ minWidth: 480 }}
              items={stages.map((s) => ({ title: labelOf(stageLabels, s) }))}
            />
          </div>
        </Card>

        {parts.workTabs?.(p)}

        <Card title={t('project.section.basic')}>
          <Descriptions {...descProps}>
            <Descriptions.Item label={t('project.field.code')}>{p.code}</Descriptions.Item>
            <Descriptions.Item label={t('project.field.name')}>{p.name}</Descriptions.Item>
            <Descriptions.Item label={t('project.field.category')}>
              {labelOf(projectCategoryLabels, p.category)}
            </Descriptions.Item>
            <Descriptions.Item label={t('project.field.industryChain')}>{dash(p.industryChain)}</Descriptions.Item>
            <Descriptions.Item label={t('project.field.enterprise')}>{dash(p.enterpriseName)}</Descriptions.Item>
            <Descriptions.Item label={t('project.field.region')}>{dash(p.regionName ?? p.regionCode)}</Descriptions.Item>
            <Descriptions.Item label={t('project.field.location')}>{dash(p.location)}</Descriptions.Item>
            <Descriptions.Item label={t('project.field.coordinates')}>
              {p.lat !== null && p.lng !== null ? `${p.lat}, ${p.lng}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('project.field.contacts')}>
              {p.contacts.length === 0
                ? '—'
                : p.contacts.map((c, i) => (
                    <div key={i}>
                      {c.name}
                      {c.role ? `（${c.role}）` : ''} {c.phone ?? ''}
                    </div>
                  ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('project.field.description')} span={{ xs: 1, sm: 1, md: 2, xl: 3 }}>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{dash(p.description)}</Typography.Paragraph>
            </Descriptions.Item>
          </Descriptions>
        </Card>

        <Row gutter={[12, 12]}>
          <Col xs={24} lg={12}>
            <Card title={t('project.section.investment')} style={{ height: '100%' }}>
              <Descriptions {...descProps} column={1}>
                <Descriptions.Item label={t('project.field.totalInvestment')}>{money(p.totalInvestment)}</Descriptions.Item>
                <Descriptions.Item label={t('project.field.firstPhaseInvestment')}>
                  {money(p.firstPhaseInvestment)}
                </Descriptions.Item>
                <Descriptions.Item label={t('project.field.targetOutputValue')}>{money(p.targetOutputValue)}</Descriptions.Item>
                <Descriptions.Item label={t('project.field.targetTax')}>{money(p.targetTax)}</Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('project.section.dates')} style={{ height: '100%' }}>
              <Descriptions {...descProps} column={1}>
                <Descriptions.Item label={t('project.field.contractDate')}>{dash(p.contractDate)}</Descriptions.Item>
                <Descriptions.Item label={t('project.field.startDate')}>
                  {t('project.plannedActual', { planned: dash(p.plannedStartDate), actual: dash(p.actualStartDate) })}
                </Descriptions.Item>
                <Descriptions.Item label={t('project.field.completionDate')}>
                  {t('project.plannedActual', { planned: dash(p.plannedCompletionDate), actual: dash(p.actualCompletionDate) })}
                </Descriptions.Item>
                <Descriptions.Item label={t('project.field.commissioningDate')}>
                  {t('project.plannedActual', {
                    planned: dash(p.plannedCommissioningDate),
                    actual: dash(p.actualCommissioningDate),
                  })}
                </Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
        </Row>

        {parts.investment?.(p)}

        <Card title={t('project.section.responsibility')}>
          <Descriptions {...descProps}>
            <Descriptions.Item label={t('project.field.leader')}>{dash(p.leaderName)}</Descriptions.Item>
            <Descriptions.Item label={t('project.field.leadUnit')}>{dash(p.leadUnitName)}</Descriptions.Item>
            <Descriptions.Item label={t('project.field.cooperatingUnits')}>
              {p.cooperatingUnitIds.length === 0
                ? '—'
                : p.cooperatingUnitIds.map((u) => <Tag key={u}>{units.get(u) ?? `#${u}`}</Tag>)}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('project.field.taskForce')}
          </Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 800 }}
            dataSource={p.taskForce}
            columns={[
              { title: t('project.taskForce.name'), dataIndex: 'name', width: 120 },
              {
                title: t('project.taskForce.post'),
                dataIndex: 'post',
                width: 100,
                render: (v: ProjectDetail['taskForce'][number]['post']) => labelOf(taskForcePostLabels, v),
              },
              {
                title: t('project.taskForce.unit'),
                dataIndex: 'unitId',
                width: 180,
                render: (v: number | null) => (v ? (units.get(v) ?? `#${v}`) : '—'),
              },
              { title: t('project.taskForce.phone'), dataIndex: 'phone', width: 130, render: dash },
              { title: t('project.taskForce.duty'), dataIndex: 'duty', width: 270, render: dash },
            ]}
          />
        </Card>

        {parts.escalations?.(p)}

        <Card title={t('project.section.transitions')}>
          {parts.stageProposals?.(p)}
          {p.transitions.length === 0 ? (
            <Alert type="info" title={t('project.stage.none')} />
          ) : (
            <Timeline
              items={[...p.transitions].reverse().map((tr) => ({
                color: tr.isRollback ? 'red' : 'blue',
                content: (
                  <div>
                    <Space wrap size={4}>
                      <Typography.Text strong>{tr.onDate}</Typography.Text>
                      {tr.fromStage && <StageTag stage={tr.fromStage} />}
                      {tr.fromStage && <ArrowRightOutlined />}
                      <StageTag stage={tr.toStage} />
                      {tr.isRollback && <Tag color="red">{t('project.stage.rollbackTag')}</Tag>}
                    </Space>
                    <div>
                      <Typography.Text type="secondary">{t('project.stage.by', { name: tr.byUserName ?? '—' })}</Typography.Text>
                    </div>
                    {tr.reason && <div>{t('project.stage.reasonText', { reason: tr.reason })}</div>}
                  </div>
                ),
              }))}
            />
          )}
        </Card>
      </Space>
      <StageChangeModal project={p} mode={stageMode} onClose={() => setStageMode(null)} />
    </div>
  );
}
