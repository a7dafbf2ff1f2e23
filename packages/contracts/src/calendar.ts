import { z } from 'zod';
import { isoDateTime } from './common.ts';

export const calendarYearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

const namedDay = z.object({
  date: z.string().trim().max(10),
  name: z.string().trim().max(20).default(''),
});
export type NamedDay = z.infer<typeof namedDay>;

export const calendarYear = z.object({
  year: z.number(),
  source: z.string(),
  holidays: z.array(z.object({ date: z.string(), name: z.string() })),
  workdays: z.array(z.object({ date: z.string(), name: z.string() })),
  version: z.number(),
  updatedAt: isoDateTime,
});
export type CalendarYearView = z.infer<typeof calendarYear>;

/** Replace one year: every statutory day off and every make-up workday, with the version read. */
export const setCalendarYearBody = z.object({
  holidays: z.array(namedDay).max(60),
  workdays: z.array(namedDay).max(30),
  /** null when the year is entered for the first time. */
  version: z.number().int().nonnegative().nullable(),
});

const hhmm = z.string().regex(/^\d{2}:\d{2}$/, '时间应为 时:分，如 08:30');
export const season = z.object({
  from: z.string().regex(/^\d{2}-\d{2}$/, '起始日期应为 月-日，如 05-01'),
  open: hhmm,
  close: hhmm,
});
export const setBusinessHoursBody = z.object({ seasons: z.array(season).min(1).max(6) });

export const calendarOverview = z.object({
  years: z.array(
    z.object({
      year: z.number(),
      source: z.string(),
      holidays: z.number(),
      workdays: z.number(),
      version: z.number(),
    }),
  ),
  /** The current and next year when the calendar lacks them: deadlines into them are provisional. */
  missingYears: z.array(z.number()),
  seasons: z.array(season),
});
export type CalendarOverview = z.infer<typeof calendarOverview>;
