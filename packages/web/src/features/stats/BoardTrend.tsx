import { lazy, Suspense } from 'react';
import { Link, useNavigate } from 'react-router';
import { Card, Skeleton } from 'antd';
import { LineChartOutlined } from '@ant-design/icons';
import { t } from '../../locale/zh-CN.ts';
import { useStatsTrendQuery } from './api.ts';
import { centerStatsLink } from './links.ts';
import './stats.css';

// ECharts comes with the chart, in its own chunk: the board itself does not carry it.
const TrendChart = lazy(() => import('./TrendChart.tsx'));

/**
 * The director's board: the on-time rate of the last 12 months, compact; a month opens 办件统计 of
 * that month, the link the whole page.
 */
export function BoardTrend() {
  const trend = useStatsTrendQuery();
  const navigate = useNavigate();
  const L = t.stats.trend;
  if (trend.isError) return null;
  return (
    <Card
      size="small"
      className="stats-board-trend"
      title={<h2 className="stats-card-title">{L.board}</h2>}
      extra={
        <Link to="/stats">
          <LineChartOutlined aria-hidden /> {L.boardMore}
        </Link>
      }
    >
      {trend.data ? (
        <Suspense fallback={<Skeleton active paragraph={{ rows: 3 }} title={false} />}>
          <TrendChart
            trend={trend.data.trend}
            onPick={(month) => void navigate(centerStatsLink(month))}
          />
        </Suspense>
      ) : (
        <Skeleton active paragraph={{ rows: 3 }} title={false} />
      )}
    </Card>
  );
}
