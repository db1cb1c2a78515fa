/**
 * The Gantt chart: ECharts from 'echarts/core' with only the custom series and the components it uses
 * (SPEC §3: this chunk loads only on pages that show a Gantt). Week / month / quarter / all buttons move
 * the time window; the row slider and the mouse wheel scroll through the projects. A project's chart
 * may also carry its ledger items (a second group of rows), counted in a line under the scale buttons.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Segmented, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { init, use, type EChartsType } from 'echarts/core';
import { CustomChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { ledgerStatusLabels, type Gantt } from '@kpc/contracts';
import { labelOf } from '../../../lib/i18n';
import { buildGanttModel, ganttColors, zoomWindow, type GanttRef, type ZoomScale } from './gantt-option';
import { behindCounts } from './gantt-focus';

use([CustomChart, GridComponent, DataZoomComponent, TooltipComponent, LegendComponent, MarkLineComponent, CanvasRenderer]);

interface Props {
  gantt: Gantt;
  /** Project header rows (portfolio); a single project's chart shows only its nodes. */
  projectRows: boolean;
  height: number;
  onOpenProject?: (projectId: number) => void;
  initialScale?: ZoomScale;
}

const ROW_PX = 26;
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function GanttChart({ gantt, projectRows, height, onOpenProject, initialScale = 'quarter' }: Props) {
  const { t, i18n } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const [scale, setScale] = useState<ZoomScale>(initialScale);
  const scaleRef = useRef(scale);
  scaleRef.current = scale;
  const openRef = useRef(onOpenProject);
  openRef.current = onOpenProject;

  const model = useMemo(() => {
    const dash = (v: string | null | undefined) => v ?? '—';
    const tooltip = (ref: GanttRef) => {
      const head = `<b>${esc(ref.projectName)}</b>`;
      if (ref.item) {
        const i = ref.item;
        const mark = i.overdue ? ` <span style="color:${ganttColors.late}">● ${t('gantt.ledger.overdue')}</span>` : '';
        return [
          `${head}<br/>${t('gantt.ledgerGroup')} ${i.seq}：${esc(i.content)}${mark}`,
          `${t('gantt.ledger.unit')}：${esc(dash(i.unitName))}`,
          `${t('gantt.ledger.owner')}：${esc(dash(i.ownerName))}`,
          `${t('gantt.ledger.status')}：${labelOf(ledgerStatusLabels, i.status)}`,
          i.planFinish === null
            ? `${t('gantt.plan')}：${t('gantt.ledger.since', { date: i.planStart })} · ${t('gantt.ledger.recurring')}`
            : `${t('gantt.plan')}：${i.planStart} ~ ${i.planFinish}`,
          `${t('gantt.ledger.completedOn')}：${dash(i.completedOn)}`,
        ].join('<br/>');
      }
      if (!ref.bar) return `${head}<br/>${t('gantt.slip')}：${ref.slipDays ?? '—'}`;
      const b = ref.bar;
      const slip =
        b.slipDays === null
          ? '—'
          : b.slipDays > 0
            ? t('gantt.slipLate', { days: b.slipDays })
            : t('gantt.slipDays', { days: b.slipDays });
      const lateMark = b.late ? ` <span style="color:${ganttColors.late}">● ${t('gantt.late')}</span>` : '';
      return [
        `${head}<br/>${esc(b.name)}${lateMark}`,
        `${t('gantt.baseline')}：${dash(b.planStart)} ~ ${dash(b.planFinish)}`,
        `${t('gantt.plan')}：${b.forecastStart} ~ ${b.forecastFinish}`,
        `${t('gantt.actual')}：${dash(b.actualStart)} ~ ${dash(b.actualFinish)}`,
        `${t('gantt.slip')}：${slip}`,
      ].join('<br/>');
    };
    return buildGanttModel(
      gantt,
      {
        baseline: t('gantt.baseline'),
        plan: t('gantt.plan'),
        actual: t('gantt.actual'),
        late: t('gantt.late'),
        today: t('gantt.today'),
        nodeGroup: t('gantt.nodeGroup'),
        ledgerGroup: t('gantt.ledgerGroup'),
        ledgerDone: t('gantt.ledgerDone'),
        recurring: t('gantt.ledger.recurringLegend'),
        recurringTag: t('gantt.ledger.recurringTag'),
        tooltip,
      },
      { projectRows, visibleRows: Math.max(5, Math.floor((height - 100) / ROW_PX)) },
    );
    // the language changes the labels
  }, [gantt, projectRows, height, t, i18n.language]);

  const modelRef = useRef(model);
  modelRef.current = model;

  useEffect(() => {
    if (!el.current) return;
    const c = init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el.current);
    c.on('click', (params) => {
      const p = params as { componentType?: string; value?: unknown; dataIndex?: number };
      const open = openRef.current;
      if (!open) return;
      if (p.componentType === 'series' && Array.isArray(p.value)) {
        const ref = modelRef.current?.refs[p.value[4] as number];
        if (ref) open(ref.projectId);
      } else if (p.componentType === 'yAxis' && typeof p.dataIndex === 'number') {
        const ref = modelRef.current?.refs[p.dataIndex];
        if (ref) open(ref.projectId);
      }
    });
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const [startValue, endValue] = zoomWindow(scaleRef.current, model);
    const option = withTimeWindow(model.option, startValue, endValue);
    c.setOption(option, { notMerge: true, lazyUpdate: false });
  }, [model]);

  // what the canvas shows, also as attributes (for tests and assistive tools that cannot read a canvas)
  const doneCount = gantt.projects.reduce((n, p) => n + p.nodes.filter((b) => b.status === 'done').length, 0);
  const lateCount = gantt.projects.reduce((n, p) => n + p.nodes.filter((b) => b.late).length, 0);
  const behind = behindCounts(gantt);
  const ledgerItems = gantt.projects.some((p) => p.ledgerItems) ? gantt.projects.flatMap((p) => p.ledgerItems ?? []) : null;
  const ledgerDone = ledgerItems?.filter((i) => i.status === 'done').length ?? 0;
  const ledgerOverdue = ledgerItems?.filter((i) => i.overdue).length ?? 0;
  const ledgerRecurring = ledgerItems?.filter((i) => i.recurring).length ?? 0;

  const onScale = (s: ZoomScale) => {
    setScale(s);
    const [startValue, endValue] = zoomWindow(s, model);
    chart.current?.dispatchAction({ type: 'dataZoom', dataZoomIndex: 0, startValue, endValue });
  };

  return (
    <div>
      <Space wrap style={{ marginBottom: 8, justifyContent: 'space-between', width: '100%' }}>
        <Segmented<ZoomScale>
          value={scale}
          onChange={onScale}
          data-testid="gantt-scale"
          options={[
            { value: 'week', label: t('gantt.scale.week') },
            { value: 'month', label: t('gantt.scale.month') },
            { value: 'quarter', label: t('gantt.scale.quarter') },
            { value: 'all', label: t('gantt.scale.all') },
          ]}
        />
        <Typography.Text
          type="secondary"
          data-testid="gantt-summary"
          data-overdue-now={behind.overdueNow}
          data-finished-late={behind.finishedLate}
        >
          {t('gantt.summary', {
            projects: gantt.projects.length,
            nodes: gantt.nodeCount,
            overdueNow: behind.overdueNow,
            finishedLate: behind.finishedLate,
          })}
        </Typography.Text>
      </Space>
      {ledgerItems && (
        <Typography.Paragraph
          type="secondary"
          style={{ marginBottom: 4 }}
          data-testid="gantt-ledger-summary"
          data-items={ledgerItems.length}
          data-done={ledgerDone}
          data-overdue={ledgerOverdue}
          data-recurring={ledgerRecurring}
        >
          {t('gantt.ledgerSummary', { items: ledgerItems.length, done: ledgerDone, overdue: ledgerOverdue })}
          {ledgerRecurring > 0 && t('gantt.ledgerRecurring', { count: ledgerRecurring })}
        </Typography.Paragraph>
      )}
      <div
        ref={el}
        style={{ width: '100%', height }}
        data-testid="gantt-chart"
        data-rows={model.rowCount}
        data-done={doneCount}
        data-late={lateCount}
      />
    </div>
  );
}

/** The option with the time window of the current zoom scale on the x slider and its inside twin. */
function withTimeWindow(option: ReturnType<typeof buildGanttModel>['option'], startValue: number, endValue: number) {
  const zooms = (option.dataZoom as object[]).map((z, i) => (i < 2 ? { ...z, startValue, endValue } : z));
  return { ...option, dataZoom: zooms };
}
