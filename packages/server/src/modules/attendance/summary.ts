import {
  businessDaysOf,
  summarizeAttendance,
  summarizeStoredAttendance,
  type AttendanceSummary,
  type IsoDate,
  type StoredSigns,
  type TermContext,
} from '@bianmin/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { loadTermContext } from '../cases/term-context.ts';
import {
  attendanceStart,
  classifyRange,
  countedDates,
  loadAttendanceData,
  loadStoredSigns,
  storedRefusal,
  type StaffPost,
} from './days.ts';

type Db = Kysely<Database>;

interface Year {
  ctx: TermContext;
  ids: number[];
  /** The dates of the year to count: [from, to]. */
  from: IsoDate;
  to: IsoDate;
  start: IsoDate | null;
}

/**
 * A way of summing a year for some staff of a center (yearAttendance, yearAttendanceByDay), made
 * from what they share — the calendar, the people, the dates to count, the result for everyone
 * (all zeros when the year has not begun) — and `count`, which sums one person's year.
 */
const summingYears =
  (count: (db: Db, centerId: number, y: Year) => Promise<(p: StaffPost) => AttendanceSummary>) =>
  async (
    db: Db,
    centerId: number,
    staffIds: readonly number[],
    year: number,
    today: IsoDate,
  ): Promise<Map<number, AttendanceSummary>> => {
    const ctx = await loadTermContext(db, centerId);
    if (!ctx.cal.years.includes(year))
      throw new AppError('CALENDAR_YEAR_MISSING', { details: { year } });
    const people =
      staffIds.length === 0
        ? []
        : await db
            .selectFrom('staff')
            .select(['id', 'in_post_from', 'in_post_to'])
            .where('center_id', '=', centerId)
            .where('id', 'in', [...staffIds])
            .execute();
    const from = `${String(year).padStart(4, '0')}-01-01`;
    const yearEnd = `${String(year).padStart(4, '0')}-12-31`;
    const to = today < yearEnd ? today : yearEnd;
    const result = new Map<number, AttendanceSummary>();
    if (to < from) {
      for (const p of people) result.set(p.id, summarizeAttendance([]));
      return result;
    }
    const start = await attendanceStart(db, centerId);
    const ids = people.map((p) => p.id);
    const summary = await count(db, centerId, { ctx, ids, from, to, start });
    for (const p of people) result.set(p.id, summary(p));
    return result;
  };

/**
 * A year's attendance of some staff of a center, for the year-end assessment.
 *
 * Counted days: from the latest of 1 January, the person's in-post date and the center's attendance
 * start (the date of its first stored sign event — days before the center used the system are not
 * absences) up to 31 December, or up to and including `today` when the year is the current one;
 * a year after `today` has no counted day. Days out of post are not counted. Each counted day is
 * classified as classifyDay classifies it, from the stored signs and approved leaves (see days.ts),
 * through the domain's path for stored rows (summarizeStoredAttendance: the working days only, on
 * day numbers, from the lean read of loadStoredSigns), which gives what `yearAttendanceByDay` gives
 * (property tests in the domain; the API tests and bench/evaluation.ts compare the two).
 *
 * Every requested id of a staff member of the center gets an entry (all zeros when nothing is
 * counted); ids of other centers' staff are left out. A year the center's calendar lacks is refused
 * with AppError('CALENDAR_YEAR_MISSING', details.year) — never guessed.
 */
export const yearAttendance = summingYears(async (db, centerId, y) => {
  const { ctx, from, to, start } = y;
  const data = await loadStoredSigns(db, centerId, y);
  const days = businessDaysOf(ctx.cal, ctx.tt, from, to);
  if (!days.ok) throw new Error(`bad attendance range ${from} … ${to}: ${days.code}`);
  const noSigns = new Map<number, StoredSigns>();
  return (p) => {
    const counted = countedDates(p, from, to, start);
    if (counted === null) return summarizeAttendance([]);
    const r = summarizeStoredAttendance(days.value, {
      ...counted,
      signs: data.signs.get(p.id) ?? noSigns,
      absences: data.absences.get(p.id) ?? [],
    });
    if (!r.ok) throw storedRefusal(r, p.id, String(r.details?.date));
    return r.value;
  };
});

/**
 * The same, the way the monthly view counts (and the year-end sheet counted before issue 12):
 * every date of every person through classifyDay (classifyRange, on the full read of
 * loadAttendanceData), then summarizeAttendance. Several times slower; kept as the reference that
 * `yearAttendance` is checked against.
 */
export const yearAttendanceByDay = summingYears(
  async (db, centerId, { ctx, ids, from, to, start }) => {
    const data = await loadAttendanceData(db, centerId, ids, from, to);
    return (p) => {
      const days = classifyRange(ctx, p, from, to, start, data);
      return summarizeAttendance(days.flatMap((d) => (d.day ? [d.day] : [])));
    };
  },
);
