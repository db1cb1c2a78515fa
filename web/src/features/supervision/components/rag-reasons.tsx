/**
 * "Why is this red?" 为何标红: each reason with its rule, the plain-words message, what was measured against
 * which threshold, and the records behind it as links to where they can be fixed.
 */
import { Link } from 'react-router';
import { Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ragRuleLabels, type RagReason, type RagRecord } from '@kpc/contracts';
import { labelOf } from '../../../lib/i18n';
import { ragColor } from './rag-badge';

/** Where a record behind a reason is dealt with. */
function recordLink(projectId: number, r: RagRecord): string {
  switch (r.entity) {
    case 'project':
      return `/projects/${r.id}`;
    case 'milestone':
      return `/projects/${projectId}?tab=plan`;
    case 'ledger_item':
      return `/projects/${projectId}?tab=ledger`;
    case 'decision':
      return `/decisions?projectId=${projectId}`;
    case 'problem':
      return `/projects/${projectId}?tab=problems`;
    case 'leader':
      return '/compliance';
    case 'supervision_item':
      return `/supervision/items?item=${r.id}`;
  }
}

export function RagReasons({ projectId, reasons }: { projectId: number; reasons: RagReason[] }) {
  const { t } = useTranslation();
  if (reasons.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervision.allGreen')} />;
  return (
    <List
      size="small"
      dataSource={reasons}
      data-testid="rag-reasons"
      renderItem={(r) => (
        <List.Item data-testid="rag-reason">
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            <Space wrap size={4}>
              <Tag color={ragColor[r.rag]}>{labelOf(ragRuleLabels, r.rule)}</Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('supervision.measured', { value: r.value, threshold: r.threshold })}
              </Typography.Text>
            </Space>
            <Typography.Text>{r.message}</Typography.Text>
            {r.records.length > 0 && (
              <Space wrap size={[8, 0]}>
                {r.records.slice(0, 8).map((rec) => (
                  <Link key={`${rec.entity}-${rec.id}`} to={recordLink(projectId, rec)} data-testid="rag-record">
                    {rec.label}
                  </Link>
                ))}
                {r.records.length > 8 && (
                  <Typography.Text type="secondary">
                    {t('supervision.moreRecords', { count: r.records.length - 8 })}
                  </Typography.Text>
                )}
              </Space>
            )}
          </Space>
        </List.Item>
      )}
    />
  );
}
