import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CenterStats, CountyStats, StatsTrend } from '@bianmin/contracts';
import { fetchFile, request, scoped, type CenterQuery } from '../../api/client.ts';
import { useCenterQuery } from '../../api/queries.ts';

export type { CenterStats, CountyStats, StatsTrend };

/** 办件统计 (GET /api/stats…): a center's month, the board's trend, the county's comparison. */
export const statsApi = {
  center: (scope: CenterQuery, month: string) =>
    scoped.get<CenterStats>('/api/stats', scope, { month }),
  trend: (scope: CenterQuery) => scoped.get<StatsTrend>('/api/stats/trend', scope),
  county: (month: string) => request<CountyStats>('/api/stats/county', { query: { month } }),
  exportCenter: (scope: CenterQuery, month: string) =>
    fetchFile('/api/stats/export', { ...scope, month }),
  exportCounty: (month: string) => fetchFile('/api/stats/county/export', { month }),
};

export const statsKeys = {
  center: (centerId: number | null, month: string) => ['stats', 'center', centerId, month] as const,
  trend: (centerId: number | null) => ['stats', 'trend', centerId] as const,
  county: (month: string) => ['stats', 'county', month] as const,
};

export function useCenterStatsQuery(month: string) {
  return useCenterQuery(
    (centerId) => statsKeys.center(centerId, month),
    (scope) => statsApi.center(scope, month),
    { placeholderData: keepPreviousData },
  );
}

export function useStatsTrendQuery() {
  return useCenterQuery(statsKeys.trend, statsApi.trend);
}

export function useCountyStatsQuery(month: string) {
  return useQuery({
    queryKey: statsKeys.county(month),
    queryFn: () => statsApi.county(month),
    placeholderData: keepPreviousData,
  });
}
