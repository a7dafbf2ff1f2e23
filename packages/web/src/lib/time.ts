import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/zh-cn';
import { t } from '../locale/zh-CN.ts';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

/** Every center keeps Beijing time, whatever the clerk's computer is set to. */
export const CENTER_TIME_ZONE = 'Asia/Shanghai';

export const DATE_FORMAT = 'YYYY-MM-DD';
export const DATE_TIME_FORMAT = 'YYYY-MM-DD HH:mm';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * A span of wall-clock time in its two largest units, whole minutes at the least, in `words`:
 * `3 天 4 小时`, `5 小时 20 分钟`, `12 分钟`.
 */
export function formatSpan(
  ms: number,
  words: {
    days: (n: number) => string;
    hours: (n: number) => string;
    minutes: (n: number) => string;
  },
): string {
  const minutes = Math.max(0, Math.floor(ms / MINUTE));
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${words.days(days)} ${words.hours(hours)}` : words.days(days);
  if (hours > 0)
    return mins > 0 ? `${words.hours(hours)} ${words.minutes(mins)}` : words.hours(hours);
  return words.minutes(mins);
}

/** An ISO instant from the API in Beijing time, in `format`; an unreadable one as it came. */
export function formatInCenter(iso: string, format: string): string {
  const d = dayjs(iso);
  return d.isValid() ? d.tz(CENTER_TIME_ZONE).format(format) : iso;
}

/** An ISO instant from the API, shown in Beijing time as `YYYY-MM-DD HH:mm`. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? formatInCenter(iso, DATE_TIME_FORMAT) : t.common.none;
}

/** A calendar date (`YYYY-MM-DD`) from the API, shown as is. */
export function formatDate(isoDate: string | null | undefined): string {
  return isoDate ? isoDate : t.common.none;
}

/** A calendar date for a DatePicker. */
export function parseDate(isoDate: string | null | undefined): Dayjs | null {
  if (!isoDate) return null;
  const d = dayjs(isoDate);
  return d.isValid() ? d : null;
}

/** What the API takes for a calendar date. */
export function toIsoDate(d: Dayjs | null | undefined): string | null {
  return d ? d.format(DATE_FORMAT) : null;
}

/** Start of the picked calendar day in Beijing time, as an ISO instant with offset. */
export function startOfDayInCenter(d: Dayjs): string {
  return dayjs.tz(d.format(DATE_FORMAT), CENTER_TIME_ZONE).startOf('day').format();
}

/** Last millisecond of the picked calendar day in Beijing time, as an ISO instant with offset. */
export function endOfDayInCenter(d: Dayjs): string {
  return dayjs
    .tz(d.format(DATE_FORMAT), CENTER_TIME_ZONE)
    .endOf('day')
    .format('YYYY-MM-DDTHH:mm:ss.SSSZ');
}

/** How far the server's clock is ahead of this computer's (learned from every API answer). */
let serverOffsetMs = 0;

/**
 * Learn the server's time from an answer's header: the midpoint of the request is taken as the
 * moment the server wrote it. A clerk's computer set to the wrong time then counts right anyway.
 */
export function learnServerTime(serverIso: string | null, sentAt: number, receivedAt: number) {
  const server = serverIso ? Date.parse(serverIso) : Number.NaN;
  if (!Number.isNaN(server)) serverOffsetMs = server - (sentAt + receivedAt) / 2;
}

/** Now, as the server counts it (milliseconds since the epoch). */
export function nowMs(): number {
  return Date.now() + serverOffsetMs;
}

/** Now in Beijing, as the server counts it. */
export function nowInCenter(): Dayjs {
  return dayjs(nowMs()).tz(CENTER_TIME_ZONE);
}

/** Today in Beijing, for date defaults. */
export function todayInCenter(): Dayjs {
  return dayjs(nowInCenter().format(DATE_FORMAT));
}

export { dayjs };
export type { Dayjs };
