import type { PortalDayHours } from '@bianmin/contracts';
import { P } from './strings.ts';

/** Beijing keeps +08:00 all year (no summer time), so the wall clock is a fixed shift of UTC. */
const BEIJING_MS = 8 * 3600_000;

/** "HH:mm" in Beijing at the instant `ms`. */
export const beijingTime = (ms: number) => new Date(ms + BEIJING_MS).toISOString().slice(11, 16);

/** "YYYY-MM-DD" in Beijing at the instant `ms`. */
export const beijingDate = (ms: number) => new Date(ms + BEIJING_MS).toISOString().slice(0, 10);

/** A day's opening in words: "08:30–17:30 办公", "调休上班 08:30–17:30 办公", "法定节假日休息". */
export function hoursText(h: PortalDayHours): string {
  if (!h.open) return h.kind ? P.hours.kind[h.kind] || P.hours.closed : P.hours.closed;
  const kind = h.kind ? P.hours.kind[h.kind] : '';
  return [kind, P.hours.open(h)].filter(Boolean).join(' ');
}

/** Whether the center is open at `nowMs` (its date must be `h.date`). */
export function openAt(h: PortalDayHours, nowMs: number): boolean {
  if (!h.open || !h.openAt || !h.closeAt || beijingDate(nowMs) !== h.date) return false;
  const t = beijingTime(nowMs);
  return t >= h.openAt && t < h.closeAt;
}
