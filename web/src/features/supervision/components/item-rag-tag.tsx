/** A supervision item's colour that opens its reasons, and its deadline in words (逾期 / 剩余天数). */
import { List, Popover, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  ragLabels,
  supervisionItemRagRuleLabels,
  type Rag,
  type SupervisionItem,
  type SupervisionItemReason,
} from '@kpc/contracts';
import { labelOf } from '../../../lib/i18n';
import { ragColor } from './rag-badge';

export function ItemRagReasons({ reasons }: { reasons: SupervisionItemReason[] }) {
  const { t } = useTranslation();
  if (reasons.length === 0) return <Typography.Text type="secondary">{t('supervisionItems.allGreen')}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={reasons}
      data-testid="item-reasons"
      renderItem={(r) => (
        <List.Item data-testid="item-reason">
          <span>
            <Tag color={ragColor[r.rag]}>{labelOf(supervisionItemRagRuleLabels, r.rule)}</Tag>
            {r.message}
          </span>
        </List.Item>
      )}
    />
  );
}

export function ItemRagTag({ rag, reasons }: { rag: Rag; reasons: SupervisionItemReason[] }) {
  const { t } = useTranslation();
  return (
    <Popover
      trigger="hover"
      title={t(`supervision.why.${rag}`)}
      content={
        <div style={{ maxWidth: 'min(360px, 86vw)' }}>
          <ItemRagReasons reasons={reasons} />
        </div>
      }
    >
      <Tag color={ragColor[rag]} data-testid="item-rag" data-rag={rag} style={{ marginInlineEnd: 0 }}>
        {labelOf(ragLabels, rag).replace(/（.*）|\s*\(.*\)/, '')}
      </Tag>
    </Popover>
  );
}

/** "时限 07-30 · 剩 3 天" / "逾期 4 天" / "已验收": the figure a phone card leads with. */
export function deadlineText(
  t: TFunction,
  item: Pick<SupervisionItem, 'deadline' | 'overdue' | 'reasons' | 'acceptedAt' | 'link'>,
) {
  if (item.link === 'bulletined') return t('supervisionItems.deadline.bulletined', { date: item.deadline });
  if (item.acceptedAt) return t('supervisionItems.deadline.accepted', { date: item.deadline });
  const late = item.reasons.find((r) => r.rule === 'item_overdue');
  if (late) return t('supervisionItems.deadline.overdue', { date: item.deadline, count: late.value });
  return t('supervisionItems.deadline.due', { date: item.deadline });
}
