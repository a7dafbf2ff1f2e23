import { formatSpan, MINUTE } from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';

const D = t.board.duration;

/**
 * A span of wall-clock time as a director reads it: the two largest units, `3 天 4 小时`,
 * `5 小时 20 分钟`, `12 分钟`; under a minute `不到 1 分钟`.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < MINUTE) return D.lessThanMinute;
  return formatSpan(ms, D);
}

/** How long past its deadline a case is at `now` (ISO instants); null when it is not. */
export function overdueBy(deadlineIso: string | null, nowIso: string): string | null {
  if (!deadlineIso) return null;
  const late = Date.parse(nowIso) - Date.parse(deadlineIso);
  return Number.isFinite(late) && late > 0 ? formatDuration(late) : null;
}

/** `2026-03` → `2026 年 3 月` */
export function monthLabel(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? t.board.monthLabel(Number(m[1]), Number(m[2])) : month;
}

/** An on-time share (0–1) as a whole percentage for a progress bar; null stays null. */
export function ratePercent(rate: number | null): number | null {
  if (rate === null || !Number.isFinite(rate)) return null;
  return Math.round(Math.min(1, Math.max(0, rate)) * 1000) / 10;
}
