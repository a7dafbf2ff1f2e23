import { t } from '../../locale/zh-CN.ts';
import { monthTick } from './charts.ts';

/** A month from the address ('YYYY-MM'), or null when it is not one. */
export function monthOfParam(v: string | null): string | null {
  return v !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(v) ? v : null;
}

/** The printable monthly report of a month (a county admin's center goes with it). */
export function reportPath(month: string, centerId: number | null): string {
  const q = new URLSearchParams({ month });
  if (centerId !== null) q.set('centerId', String(centerId));
  return `/stats/report?${q.toString()}`;
}

/** The 12 months in words, for screen readers: "4月 —；…；2月 75%（4 件）". */
export function trendSummary(
  trend: readonly { month: string; closed: number; ratePercent: number | null }[],
): string {
  return trend
    .map(
      (m) => `${monthTick(m.month)} ${t.stats.rate(m.ratePercent)}（${t.stats.count(m.closed)}）`,
    )
    .join('；');
}
