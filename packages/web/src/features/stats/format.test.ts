import { describe, expect, it } from 'vitest';
import { t } from '../../locale/zh-CN.ts';
import { groupCountsOption, monthTick, trendOption } from './charts.ts';
import { monthOfParam, reportPath, trendSummary } from './format.ts';
import { closedCasesLink, receivedCasesLink, reportsLink } from './links.ts';

describe('the statistics page’s words and links', () => {
  it('reads a month from the address, and nothing else', () => {
    expect(monthOfParam('2026-02')).toBe('2026-02');
    expect(monthOfParam('2026-13')).toBeNull();
    expect(monthOfParam('2026-2')).toBeNull();
    expect(monthOfParam(null)).toBeNull();
  });

  it('shows working minutes as minutes under an hour, else hours with one decimal', () => {
    expect(t.stats.hours(null)).toBe('—');
    expect(t.stats.hours(20)).toBe('20 分钟');
    expect(t.stats.hours(60)).toBe('1.0 小时');
    expect(t.stats.hours(1535)).toBe('25.6 小时');
  });

  it('opens the lists each figure counts', () => {
    expect(closedCasesLink('2026-02')).toBe('/cases?status=completed&closedMonth=2026-02');
    expect(closedCasesLink('2026-02', { windowId: 3, onTime: false })).toBe(
      '/cases?status=completed&closedMonth=2026-02&windowId=3&onTime=false',
    );
    expect(closedCasesLink('2026-02', { holderStaffId: null })).toBe(
      '/cases?status=completed&closedMonth=2026-02',
    );
    expect(receivedCasesLink('2026-02', { kind: 'accepted' })).toBe(
      '/cases?status=all&receivedMonth=2026-02&kind=accepted',
    );
    expect(reportsLink('2026-02', { overdue: true })).toBe('/reports?month=2026-02&overdue=true');
    expect(reportPath('2026-02', 4)).toBe('/stats/report?month=2026-02&centerId=4');
  });

  it('draws the trend with a gap where a month had nothing completed', () => {
    const trend = [
      { month: '2025-12', closed: 0, ratePercent: null },
      { month: '2026-01', closed: 2, ratePercent: 50 },
    ];
    const o = trendOption(trend) as { series: { data: unknown[] }[]; xAxis: { data: string[] } };
    expect(o.xAxis.data).toEqual(['12月', '2026年1月']);
    expect(o.series[0]!.data).toEqual([null, 50]);
    expect(o.series[1]!.data).toEqual([0, 2]);
    expect(monthTick('2026-03')).toBe('3月');
    expect(trendSummary(trend)).toBe('12月 —（0 件）；2026年1月 50%（2 件）');
  });

  it('stacks on time and late per row', () => {
    const o = groupCountsOption([
      { name: '民政救助窗口', onTime: 2, late: 1, ratePercent: 66.7 },
    ]) as {
      series: { data: number[]; stack: string }[];
    };
    expect(o.series.map((s) => [s.stack, s.data])).toEqual([
      ['closed', [2]],
      ['closed', [1]],
    ]);
  });
});
