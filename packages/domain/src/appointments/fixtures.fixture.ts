/** Test fixture (not exported from the package): the 2026 calendar and timetable, and time helpers. */
import { calendarOf, timetableOf } from '../calendar/arbitraries.fixture.ts';
import { CHINA_2026, SEASONS } from '../calendar/china-2026.fixture.ts';
import { parseHhMm, parseIsoDate, shanghaiInstantOfDay } from '../calendar/civil.ts';
import { DEFAULT_APPOINTMENT_POLICY, type AppointmentPolicy } from './policy.ts';
import type { SlotRequest } from './booking.ts';

/** 2026 only: 2027 is a year without a calendar. */
export const CAL = calendarOf(CHINA_2026);
/** Summer 08:00–18:00 from 05-01, winter 08:30–17:30 from 10-01. */
export const TT = timetableOf(SEASONS);
export const P: AppointmentPolicy = DEFAULT_APPOINTMENT_POLICY;

/** The instant of a Shanghai wall-clock time on a date. */
export const at = (date: string, hhmm: string): number =>
  shanghaiInstantOfDay(parseIsoDate(date)!, parseHhMm(hhmm)!);

/** A request for a slot on the 2026 calendar, online, with room and no suspension. */
export const request = (over: Partial<SlotRequest>): SlotRequest => ({
  cal: CAL,
  tt: TT,
  nowMs: at('2026-09-25', '10:00'),
  policy: P,
  date: '2026-09-28',
  start: '08:00',
  capacity: 2,
  taken: 0,
  channel: 'online',
  suspension: null,
  ...over,
});
