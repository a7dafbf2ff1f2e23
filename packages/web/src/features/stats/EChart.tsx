import { useEffect, useRef } from 'react';
// Only the parts the statistics draw: the console's other pages never load ECharts (it is in the
// chunks of /stats and of the board's trend, which load it lazily).
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import type {
  GridComponentOption,
  LegendComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>;

/** What a click on a bar, a point or a slice tells: its index in the data, and its series. */
export interface ChartClick {
  dataIndex: number;
  seriesIndex: number;
  /** The category or slice name. */
  name: string;
}

/**
 * One chart: drawn on a canvas that follows its box's size (the window, the sidebar folding), with
 * a text label for screen readers (the same figures are in the tables and tiles beside it). A click
 * on a bar or slice calls `onClick` (the page opens the list behind it).
 */
export default function EChart({
  option,
  label,
  height = 280,
  onClick,
}: {
  option: ChartOption;
  label: string;
  height?: number;
  onClick?: (e: ChartClick) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const click = useRef(onClick);
  useEffect(() => {
    click.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) =>
      click.current?.({ dataIndex: p.dataIndex, seriesIndex: p.seriesIndex ?? 0, name: p.name }),
    );
    const resized = new ResizeObserver(() => c.resize());
    resized.observe(el);
    return () => {
      resized.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const el = box.current;
    // The canvas draws in the console's own font (Chinese glyphs included).
    const fontFamily = el ? getComputedStyle(el).fontFamily : 'sans-serif';
    chart.current?.setOption(
      { textStyle: { fontFamily }, animationDuration: 300, ...option },
      { notMerge: true },
    );
  }, [option]);

  return (
    <div
      ref={box}
      className={`stats-chart${onClick ? ' stats-chart--clickable' : ''}`}
      role="img"
      aria-label={label}
      style={{ height }}
    />
  );
}
