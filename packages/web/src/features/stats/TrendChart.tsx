import { useMemo } from 'react';
import { t } from '../../locale/zh-CN.ts';
import type { StatsTrend } from './api.ts';
import { trendOption } from './charts.ts';
import EChart from './EChart.tsx';
import { trendSummary } from './format.ts';

/** The compact 12-month on-time chart of the director's board (loaded lazily, with ECharts). */
export default function TrendChart({
  trend,
  onPick,
}: {
  trend: StatsTrend['trend'];
  onPick: (month: string) => void;
}) {
  const option = useMemo(() => trendOption(trend, true), [trend]);
  return (
    <EChart
      label={t.stats.trend.summary(trendSummary(trend))}
      option={option}
      height={170}
      onClick={(e) => {
        const m = trend[e.dataIndex];
        if (m) onPick(m.month);
      }}
    />
  );
}
