/**
 * A small ECharts wrapper. It registers only the chart types and components the app draws (bar, line,
 * gauge, funnel; grid, tooltip, legend; canvas; no mark lines: the Gantt registers its own), so a page
 * that renders a chart pulls in about a fifth of ECharts. Import it only from lazily loaded pages or sections: the chart code then
 * loads with them and never with the login screen or the list pages (SPEC §3 web budgets).
 */
import { useEffect, useRef, type CSSProperties } from 'react';
import { init, use, type ComposeOption, type ECharts, type ECElementEvent } from 'echarts/core';
import { BarChart, FunnelChart, GaugeChart, LineChart } from 'echarts/charts';
import type { BarSeriesOption, FunnelSeriesOption, GaugeSeriesOption, LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GaugeChart, FunnelChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GaugeSeriesOption
  | FunnelSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
>;

export type ChartClick = Pick<ECElementEvent, 'seriesIndex' | 'seriesName' | 'dataIndex' | 'name' | 'value' | 'data'>;

/** The palette every chart shares, so a level or a rate has one colour on every screen. */
export const chartColors = {
  primary: '#1f5fbf',
  plan: '#9aa9c2',
  done: '#1f5fbf',
  good: '#2f9e44',
  warn: '#f08c00',
  bad: '#e03131',
  teal: '#0c8599',
  purple: '#7048e8',
  series: ['#1f5fbf', '#2f9e44', '#f08c00', '#0c8599', '#7048e8', '#e03131'],
};

export interface ChartProps {
  option: ChartOption;
  height?: number | string;
  onClick?: (e: ChartClick) => void;
  style?: CSSProperties;
  /** Accessible name of the chart (canvas has no text of its own). */
  ariaLabel?: string;
  testId?: string;
}

export function Chart({ option, height = 300, onClick, style, ariaLabel, testId }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const c = init(el.current!, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (e) => click.current?.(e as ECElementEvent));
    // follow the card's width (sider collapse, phone rotation), not only window resizes
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current!);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={el}
      role="img"
      aria-label={ariaLabel}
      data-testid={testId}
      style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined, ...style }}
    />
  );
}

export default Chart;
