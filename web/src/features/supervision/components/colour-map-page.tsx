/**
 * 三色督办: the district's projects by colour — the counts, then a tile per project, red first, each naming
 * its worst reason, or the map view (projects at their coordinates); a tile or a point opens the reasons
 * with the records behind them. One column of tiles on a phone.
 */
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Col, Drawer, Empty, Row, Segmented, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ragLabels, type Rag, type RagMap } from '@kpc/contracts';
import { describeError } from '../../../lib/api';
import { labelOf } from '../../../lib/i18n';
import { useRagMap } from '../api/rag';
import { RagReasons } from './rag-reasons';
import './supervision.css';

type Item = RagMap['items'][number];

const ColourScatterMap = lazy(() => import('./colour-scatter-map'));

const statColor: Record<Rag, string> = { red: '#cf1322', yellow: '#d48806', green: '#389e0d' };

export default function ColourMapPage() {
  const { t } = useTranslation();
  const { data, isPending, error } = useRagMap();
  const [only, setOnly] = useState<Rag | 'all'>('all');
  const [open, setOpen] = useState<Item | null>(null);
  const [view, setView] = useState<'tiles' | 'map'>('tiles');
  const items = (data?.items ?? []).filter((i) => only === 'all' || i.rag === only);
  return (
    <div className="kpc-page">
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('nav.supervision')}
          </Typography.Title>
        }
      >
        {data && (
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
            {t('supervision.asOf', { date: data.asOf })}
          </Typography.Paragraph>
        )}
        {error ? (
          <Alert type="error" showIcon title={describeError(error)} />
        ) : isPending || !data ? (
          <Skeleton active />
        ) : (
          <>
            <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
              {(['red', 'yellow', 'green'] as const).map((r) => (
                <Col xs={8} key={r}>
                  <Card
                    size="small"
                    hoverable
                    onClick={() => setOnly(only === r ? 'all' : r)}
                    className={only === r ? 'kpc-rag-stat-on' : undefined}
                    data-testid={`rag-count-${r}`}
                  >
                    <Statistic
                      title={labelOf(ragLabels, r)}
                      value={data.counts[r]}
                      styles={{ content: { color: statColor[r] } }}
                    />
                  </Card>
                </Col>
              ))}
            </Row>
            <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center', marginBottom: 12 }}>
              <Segmented<'tiles' | 'map'>
                value={view}
                onChange={setView}
                options={[
                  { value: 'tiles', label: t('supervision.view.tiles') },
                  { value: 'map', label: t('supervision.view.map') },
                ]}
                data-testid="rag-view"
              />
              {only !== 'all' && (
                <Button size="small" onClick={() => setOnly('all')} data-testid="rag-show-all">
                  {t('supervision.showAll', { colour: labelOf(ragLabels, only) })}
                </Button>
              )}
            </div>
            {items.length === 0 ? (
              <Empty description={t('supervision.none')} />
            ) : view === 'map' ? (
              <>
                <Suspense fallback={<Skeleton active />}>
                  <ColourScatterMap items={items} onOpen={setOpen} />
                </Suspense>
                {items.some((i) => i.lat === null || i.lng === null) && (
                  <Typography.Text type="secondary">
                    {t('supervision.view.unplaced', { count: items.filter((i) => i.lat === null || i.lng === null).length })}
                  </Typography.Text>
                )}
              </>
            ) : (
              <div className="kpc-rag-grid" data-testid="rag-grid">
                {items.map((i) => (
                  <button
                    type="button"
                    key={i.projectId}
                    className={`kpc-rag-tile kpc-rag-${i.rag}`}
                    onClick={() => setOpen(i)}
                    data-testid="rag-tile"
                    data-rag={i.rag}
                  >
                    <span className="kpc-rag-tile-name">{i.name}</span>
                    <span className="kpc-rag-tile-code">
                      {i.code}
                      {i.overridden && ` · ${t('supervision.override.tag', { computed: labelOf(ragLabels, i.computedRag) })}`}
                    </span>
                    <span className="kpc-rag-tile-why">
                      {i.reasons[0]?.message ?? t('supervision.allGreen')}
                      {i.reasons.length > 1 && ` ${t('supervision.andMore', { count: i.reasons.length - 1 })}`}
                    </span>
                  </button>
                ))}
              </div>
            )}
          </>
        )}
      </Card>
      <Drawer
        open={open !== null}
        onClose={() => setOpen(null)}
        title={open?.name}
        size="large"
        styles={{ wrapper: { maxWidth: '100vw' } }}
        extra={open && <Link to={`/projects/${open.projectId}`}>{t('supervision.openProject')}</Link>}
        data-testid="rag-drawer"
      >
        {open && (
          <>
            <Typography.Paragraph>
              <Typography.Text strong style={{ color: statColor[open.rag] }}>
                {labelOf(ragLabels, open.rag)}
              </Typography.Text>{' '}
              <Typography.Text type="secondary">{t(`supervision.why.${open.rag}`)}</Typography.Text>
            </Typography.Paragraph>
            <RagReasons projectId={open.projectId} reasons={open.reasons} />
          </>
        )}
      </Drawer>
    </div>
  );
}
