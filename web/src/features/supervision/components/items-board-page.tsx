/**
 * 督办事项 board: the supervision items in scope by link — four columns (协调、跟踪、问效、通报) on a desktop,
 * the same groups stacked as cards on a phone, each card leading with its colour and deadline. A card
 * opens the item (drawer) with its timeline and the steps the user may take; `?item=<id>` opens one directly.
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Badge, Button, Card, Empty, Select, Skeleton, Space, Switch, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  supervisionLinkLabels,
  supervisionLinks,
  supervisionSourceLabels,
  supervisionSources,
  type SupervisionItem,
  type SupervisionSource,
} from '@kpc/contracts';
import { UnitSelect } from '../../../components/reference-select';
import { access, hasRole } from '../../../lib/access';
import { describeError } from '../../../lib/api';
import { labelOf } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { useSupervisionItems, type ItemsQuery } from '../api/items';
import { FeedbackModal } from './feedback-modal';
import { ItemDrawer } from './item-drawer';
import { ItemRagTag, deadlineText } from './item-rag-tag';
import './supervision.css';

function ItemCard({ item, onOpen }: { item: SupervisionItem; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className={`kpc-item-card kpc-rag-${item.rag}`}
      onClick={onOpen}
      data-testid="item-card"
      data-rag={item.rag}
      data-link={item.link}
    >
      <span className="kpc-item-card-head">
        <ItemRagTag rag={item.rag} reasons={item.reasons} />
        <span className={item.overdue ? 'kpc-item-overdue' : undefined}>{deadlineText(t, item)}</span>
      </span>
      <span className="kpc-item-card-title">{item.title}</span>
      <span className="kpc-item-card-meta">
        {item.unitName}
        {item.ownerName && ` · ${item.ownerName}`}
      </span>
      <span className="kpc-item-card-meta">
        {labelOf(supervisionSourceLabels, item.source)}
        {item.projectName && ` · ${item.projectName}`}
      </span>
    </button>
  );
}

export default function SupervisionItemsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [overdue, setOverdue] = useState(false);
  const [source, setSource] = useState<SupervisionSource | undefined>();
  const [unitId, setUnitId] = useState<number | undefined>();
  const [creating, setCreating] = useState(false);
  const query: ItemsQuery = {
    ...(overdue ? { overdue: 'true' as const } : {}),
    ...(source ? { source } : {}),
    ...(unitId ? { unitId } : {}),
  };
  const { data, isPending, error } = useSupervisionItems(query);
  const openId = params.get('item') ? Number(params.get('item')) : null;
  const open = (id: number | null) => {
    const next = new URLSearchParams(params);
    if (id === null) next.delete('item');
    else next.set('item', String(id));
    setParams(next, { replace: true });
  };
  return (
    <div className="kpc-page">
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('nav.supervisionItems')}
          </Typography.Title>
        }
        extra={
          access.createSupervisionItem(user) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="item-new-feedback">
              {t('supervisionItems.newFeedback')}
            </Button>
          )
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Space size={6}>
            <Switch checked={overdue} onChange={setOverdue} data-testid="item-filter-overdue" />
            {t('supervisionItems.onlyOverdue')}
          </Space>
          <Select<SupervisionSource>
            allowClear
            placeholder={t('supervisionItems.allSources')}
            style={{ minWidth: 160 }}
            value={source}
            onChange={setSource}
            options={supervisionSources.map((s) => ({ value: s, label: labelOf(supervisionSourceLabels, s) }))}
            data-testid="item-filter-source"
          />
          {!hasRole(user, 'unit') && (
            <UnitSelect
              placeholder={t('supervisionItems.allUnits')}
              style={{ minWidth: 200 }}
              value={unitId}
              onChange={(v) => setUnitId(v ?? undefined)}
              data-testid="item-filter-unit"
            />
          )}
        </Space>
        {error ? (
          <Alert type="error" showIcon title={describeError(error)} />
        ) : isPending || !data ? (
          <Skeleton active />
        ) : (
          <div className="kpc-items-board" data-testid="items-board">
            {supervisionLinks.map((link) => {
              const mine = data.items.filter((i) => i.link === link);
              return (
                <section key={link} className="kpc-items-column" data-testid={`items-column-${link}`}>
                  <header className="kpc-items-column-head">
                    <Typography.Text strong>{labelOf(supervisionLinkLabels, link)}</Typography.Text>
                    <Badge count={data.counts[link]} showZero color="#8c8c8c" />
                    <Typography.Text type="secondary" className="kpc-items-column-hint">
                      {t(`supervisionItems.linkHint.${link}`)}
                    </Typography.Text>
                  </header>
                  {mine.length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervisionItems.none')} />
                  ) : (
                    mine.map((i) => <ItemCard key={i.id} item={i} onOpen={() => open(i.id)} />)
                  )}
                </section>
              );
            })}
          </div>
        )}
      </Card>
      <ItemDrawer id={openId} onClose={() => open(null)} />
      <FeedbackModal open={creating} onClose={() => setCreating(false)} onCreated={(id) => open(id)} />
    </div>
  );
}
