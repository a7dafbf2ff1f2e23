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

/** An ISO instant from the API, shown in Beijing time as `YYYY-MM-DD HH:mm`. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return t.common.none;
  const d = dayjs(iso);
  return d.isValid() ? d.tz(CENTER_TIME_ZONE).format(DATE_TIME_FORMAT) : iso;
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

/** Today in Beijing, for date defaults. */
export function todayInCenter(): Dayjs {
  return dayjs(dayjs().tz(CENTER_TIME_ZONE).format(DATE_FORMAT));
}

export { dayjs };
export type { Dayjs };
