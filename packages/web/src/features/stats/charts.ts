/**
 * The options of the statistics' charts, from the API's figures: pure functions, so what a chart
 * shows can be tested without a canvas.
 */
import type { ChartOption } from './EChart.tsx';
import { t } from '../../locale/zh-CN.ts';

const L = t.stats;

export const COLORS = {
  onTime: '#389e0d',
  late: '#cf1322',
  count: '#1677ff',
  rate: '#d46b08',
  neutral: '#597ef7',
} as const;

/** "3月", and "2026年1月" for January (where the year changes). */
export function monthTick(month: string): string {
  const [y, m] = month.split('-');
  return m === '01' ? `${y}年1月` : `${String(Number(m))}月`;
}

const tooltipAxis = { trigger: 'axis', axisPointer: { type: 'shadow' } } as const;

/** The 12-month trend: completed cases as bars (right axis), the on-time rate as a line (left). */
export function trendOption(
  trend: readonly { month: string; closed: number; ratePercent: number | null }[],
  compact = false,
): ChartOption {
  return {
    color: [COLORS.rate, COLORS.count],
    tooltip: { trigger: 'axis' },
    legend: compact ? { top: 0, right: 0, itemWidth: 14, itemHeight: 8 } : { top: 0 },
    grid: { left: 8, right: 8, top: compact ? 28 : 36, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: trend.map((m) => monthTick(m.month)) },
    yAxis: [
      {
        type: 'value',
        name: compact ? '' : L.trend.axisRate,
        min: 0,
        max: 100,
        axisLabel: { formatter: '{value}%' },
      },
      {
        type: 'value',
        name: compact ? '' : L.trend.axisCount,
        minInterval: 1,
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: L.trend.rate,
        type: 'line',
        data: trend.map((m) => m.ratePercent),
        connectNulls: false,
        symbolSize: 7,
        label: compact ? { show: false } : { show: true, formatter: '{c}%', fontSize: 11 },
        z: 3,
      },
      {
        name: L.trend.closed,
        type: 'bar',
        yAxisIndex: 1,
        data: trend.map((m) => m.closed),
        barMaxWidth: 28,
        itemStyle: { opacity: compact ? 0.35 : 0.55 },
      },
    ],
  };
}

/** Rows of a group (window, item, person) as horizontal bars: on time and late, stacked. */
export function groupCountsOption(
  rows: readonly { name: string; onTime: number; late: number; ratePercent: number | null }[],
): ChartOption {
  const names = rows.map((r) => r.name);
  return {
    color: [COLORS.onTime, COLORS.late],
    tooltip: tooltipAxis,
    legend: { top: 0 },
    grid: { left: 8, right: 56, top: 32, bottom: 4, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: names, inverse: true },
    series: [
      {
        name: L.groups.onTime,
        type: 'bar',
        stack: 'closed',
        data: rows.map((r) => r.onTime),
        barMaxWidth: 22,
      },
      {
        name: L.groups.late,
        type: 'bar',
        stack: 'closed',
        data: rows.map((r) => r.late),
        barMaxWidth: 22,
        label: {
          show: true,
          position: 'right',
          // The rate at the end of each bar.
          formatter: (p: { dataIndex: number }) => L.rate(rows[p.dataIndex]?.ratePercent ?? null),
        },
      },
    ],
  };
}

/** Rows of a group as horizontal bars of their average working time, in hours. */
export function groupHoursOption(
  rows: readonly { name: string; avgWorkingMinutes: number | null }[],
): ChartOption {
  return {
    color: [COLORS.neutral],
    tooltip: { ...tooltipAxis, valueFormatter: (v) => `${String(v)} ${L.hoursUnit}` },
    grid: { left: 8, right: 56, top: 8, bottom: 4, containLabel: true },
    xAxis: { type: 'value', name: L.hoursUnit, nameLocation: 'middle', nameGap: 24 },
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true },
    series: [
      {
        name: L.groups.avg,
        type: 'bar',
        data: rows.map((r) =>
          r.avgWorkingMinutes === null ? null : Math.round(r.avgWorkingMinutes / 6) / 10,
        ),
        barMaxWidth: 22,
        label: { show: true, position: 'right', formatter: '{c}' },
      },
    ],
  };
}

/** The height that fits `rows` horizontal bars. */
export const barsHeight = (rows: number, extra = 48) => Math.max(140, rows * 34 + extra);

/** Simple counts as vertical bars (one colour each), with their values on top. */
export function countsOption(
  bars: readonly { name: string; value: number; color?: string }[],
): ChartOption {
  return {
    tooltip: tooltipAxis,
    grid: { left: 8, right: 8, top: 24, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: bars.map((b) => b.name), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        data: bars.map((b) => ({
          value: b.value,
          itemStyle: { color: b.color ?? COLORS.count },
        })),
        barMaxWidth: 36,
        label: { show: true, position: 'top' },
      },
    ],
  };
}

/** Shares as a ring (channels): the empty ones left out of the ring, kept in the legend order. */
export function ringOption(slices: readonly { name: string; value: number }[]): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 件（{d}%）' },
    legend: { orient: 'vertical', right: 0, top: 'middle' },
    series: [
      {
        type: 'pie',
        radius: ['45%', '72%'],
        center: ['38%', '50%'],
        data: slices.filter((s) => s.value > 0),
        label: { formatter: '{b} {c}' },
      },
    ],
  };
}
