/**
 * 节点计划 tab: the project's nodes against the current baseline (latest start / finish), actual dates,
 * forecast and slip; recording actual dates; 倒排工期 — a target date previews the backward schedule
 * (an infeasible chain in red) and saving it makes a new baseline, the old ones kept and listed.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Form, Modal, Space, Table, Tag, Typography } from 'antd';
import { CalendarOutlined, SaveOutlined, ScheduleOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  calendarModeLabels,
  milestoneStatusLabels,
  type MilestoneNode,
  type ScheduleBaseline,
  type ScheduleResult,
} from '@kpc/contracts';
import { describeError, isApiError } from '../../../lib/api';
import { labelOf } from '../../../lib/i18n';
import { useBaselines, useProjectMilestones } from '../api/get-project-milestones';
import { useUpdateMilestone } from '../api/update-milestone';
import { useInstantiateTemplate, usePreviewBackward, useSaveBaseline } from '../api/schedule';

const dash = (v: string | null | undefined) => v ?? '—';
const statusColor = { not_started: 'default', in_progress: 'processing', done: 'success' } as const;

export function SlipText({ days }: { days: number | null }) {
  const { t } = useTranslation();
  if (days === null) return <>—</>;
  if (days > 0)
    return (
      <Typography.Text type="danger" strong>
        {t('milestone.slipLate', { days })}
      </Typography.Text>
    );
  if (days < 0) return <Typography.Text type="success">{t('milestone.slipEarly', { days: -days })}</Typography.Text>;
  return <>{t('milestone.onPlan')}</>;
}

export default function ProjectPlanTab({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, isPending, error } = useProjectMilestones(projectId);
  const baselines = useBaselines(projectId);
  const instantiate = useInstantiateTemplate(projectId);
  const [editing, setEditing] = useState<MilestoneNode | null>(null);

  if (isPending) return <Table loading columns={[]} />;
  if (error || !data) return <Empty description={describeError(error)} />;
  if (data.nodes.length === 0)
    return (
      <Empty description={t('milestone.none')}>
        {data.permissions.plan && (
          <Button
            type="primary"
            loading={instantiate.isPending}
            onClick={() => instantiate.mutate(undefined, { onError: (e) => message.error(describeError(e)) })}
          >
            {t('milestone.fromTemplate')}
          </Button>
        )}
      </Empty>
    );

  const names = new Map(data.nodes.map((n) => [n.key, n.name]));

  return (
    <div data-testid="project-plan">
      <Descriptions size="small" column={{ xs: 1, md: 4 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('milestone.baseline')}>
          {data.baseline
            ? t('milestone.baselineText', { number: data.baseline.number, date: data.baseline.targetDate })
            : t('milestone.noBaseline')}
        </Descriptions.Item>
        <Descriptions.Item label={t('milestone.calendarMode')}>
          {labelOf(calendarModeLabels, data.calendarMode)}
        </Descriptions.Item>
        <Descriptions.Item label={t('milestone.projectSlip')}>
          <SlipText days={data.slipDays} />
        </Descriptions.Item>
        <Descriptions.Item label={t('milestone.today')}>{data.today}</Descriptions.Item>
      </Descriptions>
      <Table<MilestoneNode>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 1150 }}
        dataSource={data.nodes}
        onRow={(n) =>
          ({
            'data-testid': `milestone-row-${n.key}`,
            'data-status': n.status,
            style: n.overdue ? { background: '#fff5f5' } : undefined,
          }) as object
        }
        columns={[
          {
            title: t('milestone.node'),
            dataIndex: 'name',
            width: 150,
            render: (v: string, n) => (
              <Space size={4}>
                <span>{v}</span>
                {n.overdue && <Tag color="red">{t('milestone.overdue')}</Tag>}
              </Space>
            ),
          },
          { title: t('milestone.duration'), dataIndex: 'durationDays', width: 70 },
          {
            title: t('milestone.predecessors'),
            dataIndex: 'predecessors',
            width: 150,
            render: (ps: MilestoneNode['predecessors']) =>
              ps.length === 0
                ? '—'
                : ps.map((p) => `${names.get(p.key) ?? p.key}${p.lagDays ? ` +${p.lagDays}` : ''}`).join('、'),
          },
          { title: t('milestone.latestStart'), dataIndex: 'latestStart', width: 105, render: dash },
          { title: t('milestone.latestFinish'), dataIndex: 'latestFinish', width: 105, render: dash },
          { title: t('milestone.actualStart'), dataIndex: 'actualStart', width: 105, render: dash },
          { title: t('milestone.actualFinish'), dataIndex: 'actualFinish', width: 105, render: dash },
          {
            title: t('milestone.forecastFinish'),
            dataIndex: 'forecastFinish',
            width: 105,
            render: (v: string | null, n) => (n.actualFinish ? '—' : dash(v)),
          },
          { title: t('milestone.slip'), dataIndex: 'slipDays', width: 95, render: (d: number | null) => <SlipText days={d} /> },
          {
            title: t('milestone.status'),
            dataIndex: 'status',
            width: 85,
            render: (s: MilestoneNode['status']) => <Tag color={statusColor[s]}>{labelOf(milestoneStatusLabels, s)}</Tag>,
          },
          ...(data.permissions.edit
            ? [
                {
                  title: t('common.actions'),
                  key: 'a',
                  width: 100,
                  render: (_: unknown, n: MilestoneNode) => (
                    <Button
                      type="link"
                      size="small"
                      icon={<CalendarOutlined />}
                      onClick={() => setEditing(n)}
                      data-testid={`milestone-record-${n.key}`}
                    >
                      {t('milestone.record')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {data.permissions.plan && <BackwardPanel projectId={projectId} current={data.baseline} />}
      <Card size="small" title={t('milestone.baselines')} style={{ marginTop: 16 }}>
        <Table<ScheduleBaseline>
          rowKey="id"
          size="small"
          pagination={false}
          loading={baselines.isPending}
          dataSource={baselines.data?.items ?? []}
          locale={{ emptyText: t('milestone.noBaseline') }}
          columns={[
            {
              title: t('milestone.baselineNumber'),
              dataIndex: 'number',
              width: 110,
              render: (v: number, b) => (
                <Space size={4}>
                  {t('milestone.baselineNo', { number: v })}
                  {b.isCurrent && <Tag color="blue">{t('milestone.current')}</Tag>}
                </Space>
              ),
            },
            { title: t('milestone.targetDate'), dataIndex: 'targetDate', width: 120 },
            {
              title: t('milestone.calendarMode'),
              dataIndex: 'calendarMode',
              width: 100,
              render: (m: ScheduleBaseline['calendarMode']) => labelOf(calendarModeLabels, m),
            },
            {
              title: t('milestone.createdBy'),
              dataIndex: 'createdByName',
              width: 120,
              render: (v: string | null) => v ?? t('milestone.system'),
            },
            {
              title: t('milestone.createdAt'),
              dataIndex: 'createdAt',
              render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
            },
          ]}
        />
      </Card>
      {/* keyed by node: a fresh form store per node, so its initial values are that node's */}
      <ActualDatesModal key={editing?.id ?? 'closed'} node={editing} onClose={() => setEditing(null)} />
    </div>
  );
}

function ActualDatesModal({ node, onClose }: { node: MilestoneNode | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ actualStart?: Dayjs | null; actualFinish?: Dayjs | null }>();
  const update = useUpdateMilestone();
  const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

  const submit = async () => {
    if (!node) return;
    const v = form.getFieldsValue();
    try {
      await update.mutateAsync({
        id: node.id,
        body: { version: node.version, actualStart: day(v.actualStart), actualFinish: day(v.actualFinish) },
      });
      message.success(t('common.saved'));
      onClose();
    } catch (e) {
      if (isApiError(e, 'VERSION_CONFLICT')) {
        // the list has been refetched (onSettled): reopen on the current node
        modal.warning({ title: t('ledger.conflict.title'), content: t('milestone.conflictBody') });
        onClose();
      } else message.error(describeError(e));
    }
  };

  return (
    <Modal
      open={node !== null}
      title={node ? t('milestone.recordTitle', { name: node.name }) : ''}
      onCancel={onClose}
      onOk={submit}
      okButtonProps={{ loading: update.isPending, 'data-testid': 'milestone-record-submit' }}
      destroyOnHidden
    >
      {node && (
        <Typography.Paragraph type="secondary">
          {t('milestone.planned', { start: dash(node.latestStart), finish: dash(node.latestFinish) })}
        </Typography.Paragraph>
      )}
      {/* initial values, not a setFieldsValue after the opening animation: that would overwrite what
          a quick user has already typed */}
      <Form
        form={form}
        layout="vertical"
        name="milestone"
        initialValues={{
          actualStart: node?.actualStart ? dayjs(node.actualStart) : null,
          actualFinish: node?.actualFinish ? dayjs(node.actualFinish) : null,
        }}
      >
        <Form.Item name="actualStart" label={t('milestone.actualStart')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          name="actualFinish"
          label={t('milestone.actualFinish')}
          dependencies={['actualStart']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v: Dayjs | null) => {
                const s = getFieldValue('actualStart') as Dayjs | null;
                return v && s && v.isBefore(s, 'day')
                  ? Promise.reject(new Error(t('milestone.finishBeforeStart')))
                  : Promise.resolve();
              },
            }),
          ]}
        >
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function BackwardPanel({ projectId, current }: { projectId: number; current: ScheduleBaseline | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [target, setTarget] = useState<Dayjs | null>(current ? dayjs(current.targetDate) : null);
  const preview = usePreviewBackward(projectId);
  const saveBaseline = useSaveBaseline(projectId);
  const result: ScheduleResult | undefined = preview.data;
  const date = target?.format('YYYY-MM-DD');

  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={
        <Space>
          <ScheduleOutlined />
          {t('milestone.backward.title')}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('milestone.targetDate')}</span>
        <DatePicker value={target} onChange={setTarget} data-testid="backward-target" />
        <Button
          disabled={!date}
          loading={preview.isPending}
          onClick={() => date && preview.mutate(date, { onError: (e) => message.error(describeError(e)) })}
          data-testid="backward-preview"
        >
          {t('milestone.backward.preview')}
        </Button>
        <Button
          type="primary"
          icon={<SaveOutlined />}
          disabled={!result || result.targetDate !== date}
          loading={saveBaseline.isPending}
          onClick={() =>
            date &&
            saveBaseline.mutate(date, {
              onSuccess: (r) => {
                message.success(t('milestone.backward.saved', { number: r.baseline.number }));
                preview.reset();
              },
              onError: (e) => message.error(describeError(e)),
            })
          }
          data-testid="backward-save"
        >
          {t('milestone.backward.save')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{t('milestone.backward.hint')}</Typography.Paragraph>
      {result && (
        <>
          {result.feasible ? (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 8 }}
              title={t('milestone.backward.feasible', { finish: result.finishDate, asOf: result.asOf })}
            />
          ) : (
            result.infeasibility && (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 8 }}
                data-testid="backward-infeasible"
                title={t('milestone.backward.infeasible', {
                  name: result.infeasibility.name,
                  start: result.infeasibility.latestStart,
                  days: result.infeasibility.shortByDays,
                })}
                description={t('milestone.backward.chain', {
                  chain: result.infeasibility.chain.map((c) => c.name).join(' → '),
                })}
              />
            )
          )}
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={result.nodes}
            onRow={(n) => ({ style: n.infeasible ? { background: '#fff1f0', color: '#cf1322' } : undefined })}
            columns={[
              {
                title: t('milestone.node'),
                dataIndex: 'name',
                render: (v: string, n) => (
                  <Space size={4}>
                    {v}
                    {n.infeasible && <Tag color="red">{t('milestone.backward.inChain')}</Tag>}
                  </Space>
                ),
              },
              { title: t('milestone.duration'), dataIndex: 'durationDays', width: 90 },
              { title: t('milestone.latestStart'), dataIndex: 'latestStart', width: 130 },
              { title: t('milestone.latestFinish'), dataIndex: 'latestFinish', width: 130 },
            ]}
          />
        </>
      )}
    </Card>
  );
}
