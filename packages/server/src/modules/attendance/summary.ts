import { summarizeAttendance, type AttendanceSummary, type IsoDate } from '@bianmin/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { loadTermContext } from '../cases/term-context.ts';
import { attendanceStart, classifyRange, loadAttendanceData } from './days.ts';

/**
 * A year's attendance of some staff of a center, for the year-end assessment.
 *
 * Counted days: from the latest of 1 January, the person's in-post date and the center's attendance
 * start (the date of its first stored sign event — days before the center used the system are not
 * absences) up to 31 December, or up to and including `today` when the year is the current one;
 * a year after `today` has no counted day. Days out of post are not counted. Each counted day is
 * classified with classifyDay from the stored signs and approved leaves (see days.ts).
 *
 * Every requested id of a staff member of the center gets an entry (all zeros when nothing is
 * counted); ids of other centers' staff are left out. A year the center's calendar lacks is refused
 * with AppError('CALENDAR_YEAR_MISSING', details.year) — never guessed.
 */
export async function yearAttendance(
  db: Kysely<Database>,
  centerId: number,
  staffIds: readonly number[],
  year: number,
  today: IsoDate,
): Promise<Map<number, AttendanceSummary>> {
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
  const data = await loadAttendanceData(
    db,
    centerId,
    people.map((p) => p.id),
    from,
    to,
  );
  for (const p of people) {
    const days = classifyRange(ctx, p, from, to, start, data);
    result.set(p.id, summarizeAttendance(days.flatMap((d) => (d.day ? [d.day] : []))));
  }
  return result;
}
