export {
  isIsoDate,
  shanghaiDateOf,
  shanghaiMonthBounds,
  weekdayOf,
  SHANGHAI_UTC_OFFSET_MS,
  MAX_YEAR as CALENDAR_MAX_YEAR,
  MIN_YEAR as CALENDAR_MIN_YEAR,
} from './civil.ts';
export {
  addWorkingDays,
  buildCalendar,
  dayKind,
  isWorkingDay,
  parseCalendarYear,
  workingDaysBetween,
  MAX_TERM_WORKING_DAYS,
  type CalendarYear,
  type CalendarYearRefusalCode,
  type DayKind,
  type TermEnd,
  type WorkingCalendar,
  type WorkingDayCount,
} from './working-calendar.ts';
export {
  buildTimetable,
  hoursOn,
  type BusinessHours,
  type Season,
  type Timetable,
  type TimetableRefusalCode,
} from './business-hours.ts';
export { openingDays, type OpeningDay } from './opening.ts';
export {
  addWorkingTime,
  calendarDaysDeadline,
  deadline,
  extendByPauses,
  immediateDeadline,
  mergePauses,
  warningLevel,
  workingMillisBetween,
  IMMEDIATE_TERM_MS,
  type Deadline,
  type ExtendedDeadline,
  type Pause,
  type WarningLevel,
  type WorkingTime,
} from './term.ts';
