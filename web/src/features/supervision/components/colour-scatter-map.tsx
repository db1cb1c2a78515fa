/**
 * The colour map's map view 地图: each project with coordinates at its longitude and latitude, in its
 * colour; a point opens its reasons. No base map (nothing is fetched from outside the deployment): the
 * district's shape shows through its projects; the wall-screen issue adds the full map. Loaded only when
 * the map view is chosen, with just the ECharts parts it draws.
 */
import { useEffect, useRef } from 'react';
import { init, use, type ECharts } from 'echarts/core';
import { ScatterChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { Rag, RagMap } from '@kpc/contracts';

use([ScatterChart, GridComponent, TooltipComponent, CanvasRenderer]);

type Item = RagMap['items'][number];
const colourOf: Record<Rag, string> = { red: '#e03131', yellow: '#f08c00', green: '#2f9e44' };

export default function ColourScatterMap({ items, onOpen }: { items: Item[]; onOpen: (i: Item) => void }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const placed = items.filter((i) => i.lat !== null && i.lng !== null);
  useEffect(() => {
    if (!el.current) return;
    const c = init(el.current);
    chart.current = c;
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.setOption(
      {
        grid: { left: 48, right: 16, top: 16, bottom: 32 },
        tooltip: { trigger: 'item', formatter: (p: { dataIndex: number }) => placed[p.dataIndex]?.name ?? '' },
        xAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => `${v.toFixed(2)}°E` } },
        yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => `${v.toFixed(2)}°N` } },
        series: [
          {
            type: 'scatter',
            symbolSize: 16,
            data: placed.map((i) => ({ value: [i.lng, i.lat], itemStyle: { color: colourOf[i.rag], opacity: 0.85 } })),
          },
        ],
      },
      true,
    );
    c.off('click');
    c.on('click', (e) => {
      const i = placed[e.dataIndex];
      if (i) onOpen(i);
    });
  }, [placed, onOpen]);
  return <div ref={el} className="kpc-rag-map" data-testid="rag-map" data-points={placed.length} />;
}
