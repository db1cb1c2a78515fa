/** 审计日志: who changed what and when; each row expands to the before/after records. */
import { useState } from 'react';
import { Alert, Card, Col, DatePicker, Input, Row, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { AuditEntry } from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import { useAuditChain } from '../api/audit-chain';
import { useAuditList, type AuditQuery } from '../api/list-audit';

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <pre
      style={{ margin: 0, maxHeight: 360, overflow: 'auto', fontSize: 12, background: '#f6f8fa', padding: 8, borderRadius: 4 }}
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

const actionColors: Record<string, string> = { create: 'green', update: 'blue', delete: 'red', login_failed: 'orange' };

/** Codes the server writes; each has a label in admin.json (an unknown code shows as it is). */
const auditActions = [
  'create',
  'update',
  'delete',
  'login',
  'login_failed',
  'logout',
  'session_end',
  'password_change',
  'reset_password',
  'unlock',
  'totp_enable',
  'totp_disable',
  'import',
  'submit',
  'approve',
  'return',
  'edit',
  'supersede',
  'update_list',
  'stage_transition',
  'stage_rollback',
  'archive',
];
const auditEntities = [
  'project',
  'ledger_item',
  'milestone',
  'milestones',
  'milestone_template',
  'schedule_baseline',
  'investment_report',
  'annual_plan',
  'period',
  'attachment',
  'import',
  'unit',
  'leader',
  'enterprise',
  'region',
  'user',
  'session',
  'settings',
  'audit_log',
];

export default function AuditPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState<AuditQuery>({ page: 1, pageSize: 20 });
  const chain = useAuditChain();
  const { data, isFetching, error } = useAuditList(query);
  const patch = (p: Partial<AuditQuery>) => setQuery((q) => ({ ...q, ...p, page: 1 }));
  const actionLabel = (a: string) => t(`admin.audit.actions.${a}`, { defaultValue: a });
  const entityLabel = (e: string) => t(`admin.audit.entities.${e}`, { defaultValue: e });

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('admin.audit.at'), dataIndex: 'at', width: 170, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
    { title: t('admin.audit.user'), dataIndex: 'username', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t('admin.audit.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: t('admin.audit.action'),
      dataIndex: 'action',
      width: 120,
      render: (a: string) => (
        <Tag color={actionColors[a]} title={a}>
          {actionLabel(a)}
        </Tag>
      ),
    },
    { title: t('admin.audit.entity'), dataIndex: 'entity', width: 120, render: (e: string) => entityLabel(e) },
    { title: t('admin.audit.entityId'), dataIndex: 'entityId', width: 90, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <div className="kpc-page">
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('nav.audit')}
          </Typography.Title>
        }
      >
        <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
          <Col xs={24} sm={12} md={6}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: '100%' }}
              placeholder={t('admin.audit.entity')}
              value={query.entity}
              onChange={(v?: string) => patch({ entity: v })}
              options={auditEntities.map((e) => ({ value: e, label: entityLabel(e) }))}
            />
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: '100%' }}
              placeholder={t('admin.audit.action')}
              value={query.action}
              onChange={(v?: string) => patch({ action: v })}
              options={auditActions.map((a) => ({ value: a, label: actionLabel(a) }))}
            />
          </Col>
          <Col xs={24} sm={12} md={4}>
            <Input.Search
              allowClear
              placeholder={t('admin.audit.userId')}
              inputMode="numeric"
              onSearch={(v) => patch({ userId: /^\d+$/.test(v.trim()) ? Number(v.trim()) : undefined })}
            />
          </Col>
          <Col xs={24} sm={12} md={8}>
            <DatePicker.RangePicker
              style={{ width: '100%' }}
              onChange={(r) =>
                patch({ from: r?.[0]?.format('YYYY-MM-DD') ?? undefined, to: r?.[1]?.format('YYYY-MM-DD') ?? undefined })
              }
            />
          </Col>
        </Row>
        {error ? <Alert type="error" showIcon title={describeError(error)} style={{ marginBottom: 12 }} /> : null}
        {chain.data ? (
          <Alert
            data-testid="audit-chain"
            type={chain.data.ok ? 'success' : 'error'}
            showIcon
            style={{ marginBottom: 12 }}
            title={
              chain.data.ok
                ? t('admin.audit.chainOk', { checked: chain.data.checked, archived: chain.data.archived })
                : t('admin.audit.chainBroken', { message: chain.data.firstBreak?.message ?? '' })
            }
          />
        ) : null}
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data?.items}
          loading={isFetching}
          scroll={{ x: 760 }}
          expandable={{
            rowExpandable: (r) => r.before != null || r.after != null,
            expandedRowRender: (r) => (
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Typography.Text strong>{t('admin.audit.before')}</Typography.Text>
                  <Json value={r.before} />
                </Col>
                <Col xs={24} md={12}>
                  <Typography.Text strong>{t('admin.audit.after')}</Typography.Text>
                  <Json value={r.after} />
                </Col>
              </Row>
            ),
          }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            size: 'small',
            showTotal: (total) => t('common.totalCount', { count: total }),
            onChange: (page, pageSize) => setQuery((q) => ({ ...q, page, pageSize })),
          }}
        />
      </Card>
    </div>
  );
}
