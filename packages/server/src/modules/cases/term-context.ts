import {
  buildCalendar,
  buildTimetable,
  type CalendarYear,
  type TermContext,
} from '@bianmin/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { getSettings } from '../catalog/repository.ts';

/**
 * What counting a center's terms needs, read from the database: its working-day calendar (every
 * year it has), its timetable and its case policy. Read inside the caller's transaction so a term is
 * computed on the calendar that is stored with it.
 */
export async function loadTermContext(
  db: Kysely<Database>,
  centerId: number,
): Promise<TermContext> {
  const [years, days, seasons, settings] = await Promise.all([
    db.selectFrom('calendar_years').select('year').where('center_id', '=', centerId).execute(),
    db
      .selectFrom('calendar_days')
      .select(['year', 'day', 'kind'])
      .where('center_id', '=', centerId)
      .execute(),
    db
      .selectFrom('business_hours')
      .select(['season_from', 'open_at', 'close_at'])
      .where('center_id', '=', centerId)
      .execute(),
    getSettings(db, centerId),
  ]);
  const byYear = new Map<number, { holidays: string[]; workdays: string[] }>(
    years.map((y) => [y.year, { holidays: [], workdays: [] }]),
  );
  for (const d of days) {
    const entry = byYear.get(d.year);
    if (entry) (d.kind === 'holiday' ? entry.holidays : entry.workdays).push(d.day);
  }
  const calendarYears: CalendarYear[] = [...byYear].map(([year, v]) => ({ year, ...v }));
  const cal = buildCalendar(calendarYears);
  if (!cal.ok) throw new Error(`stored calendar of center ${centerId} is invalid: ${cal.code}`);
  const tt = buildTimetable(
    seasons.map((s) => ({ from: s.season_from, hours: { open: s.open_at, close: s.close_at } })),
  );
  if (!tt.ok) throw new Error(`stored timetable of center ${centerId} is invalid: ${tt.code}`);
  const { version: _, ...policy } = settings;
  return { cal: cal.value, tt: tt.value, policy };
}
