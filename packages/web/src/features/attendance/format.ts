import {
  dayjs,
  formatInCenter,
  todayInCenter,
  CENTER_TIME_ZONE,
  type Dayjs,
} from '../../lib/time.ts';

/** The month of today in Beijing, 'YYYY-MM'. */
export const thisMonth = () => todayInCenter().format('YYYY-MM');

/**
 * An instant picked on a DatePicker, read as Beijing wall-clock time whatever the zone of the
 * clerk's computer: "14:00" means 14:00 at the center.
 */
export function toCenterInstant(d: Dayjs): string {
  return dayjs.tz(d.format('YYYY-MM-DD HH:mm'), CENTER_TIME_ZONE).format();
}

/** A leave's [from, to) in Beijing time; the date once when both ends fall on the same day. */
export function formatRange(from: string, to: string): string {
  const a = formatInCenter(from, 'YYYY-MM-DD HH:mm');
  const b = formatInCenter(to, 'YYYY-MM-DD HH:mm');
  return a.slice(0, 10) === b.slice(0, 10) ? `${a} – ${b.slice(11)}` : `${a} – ${b}`;
}
