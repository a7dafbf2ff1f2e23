import {
  CENTER_TIME_ZONE,
  dayjs,
  formatDateTime,
  formatInCenter,
  nowInCenter,
  type Dayjs,
} from '../../lib/time.ts';
import { t } from '../../locale/zh-CN.ts';
import type { CalloutRow, VisitRow } from './api.ts';

/** What a visit offers now: schedule a requested one, move or record a scheduled one, cancel both. */
export function visitActions(v: Pick<VisitRow, 'status'>) {
  return {
    schedule: v.status === 'requested',
    reschedule: v.status === 'scheduled',
    record: v.status === 'scheduled',
    cancel: v.status === 'requested' || v.status === 'scheduled',
  };
}
export type VisitActions = ReturnType<typeof visitActions>;

/** A wall-clock time picked in the console, read as Beijing time (whatever the computer's zone). */
export const beijingInstant = (d: Dayjs): string =>
  dayjs.tz(d.format('YYYY-MM-DD HH:mm'), CENTER_TIME_ZONE).toISOString();

/** Now in Beijing, as a picker value (its wall-clock time). */
export const beijingNowForPicker = (): Dayjs => dayjs(nowInCenter().format('YYYY-MM-DD HH:mm'));

/** '2026-03-04' → '3月4日'. */
export function shortDate(date: string): string {
  const [, m, d] = date.split('-').map(Number);
  return `${m}月${d}日`;
}

/**
 * What the inspection form's finding starts from for an unanswered or late call-out: the day and its
 * kind, the matter, when the person was told and by when they should have come, what happened.
 */
export function calloutFindingText(c: CalloutRow): string {
  // Times alone when all are on the call-out's day; dates too when the notice came the day before.
  const times = [c.notifiedAt, c.respondBy, c.arrivedAt].filter((x): x is string => x !== null);
  const oneDay = times.every((iso) => formatInCenter(iso, 'YYYY-MM-DD') === c.date);
  const sameDay = (iso: string) => (oneDay ? formatInCenter(iso, 'HH:mm') : formatDateTime(iso));
  return t.calloutReview.findingText({
    date: c.date,
    dayKind: t.callouts.dayKinds[c.dayKind] ?? c.dayKind,
    matter: c.matter,
    staffName: c.staffName,
    notified: sameDay(c.notifiedAt),
    respondBy: sameDay(c.respondBy),
    arrived: c.arrivedAt ? sameDay(c.arrivedAt) : null,
    state: t.callouts.states[c.state] ?? c.state,
    note: c.note,
  });
}
