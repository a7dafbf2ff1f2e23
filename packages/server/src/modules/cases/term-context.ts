import {
  buildCalendar,
  buildTimetable,
  type CalendarYear,
  type TermContext,
} from '@bianmin/domain';
import { sql, type Kysely, type Selectable } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { BusinessHoursTable, CaseSettingsTable, Database } from '../../db/schema.ts';
import { caseSettingsOf } from '../catalog/repository.ts';

/** What the term context is made of, as stored. */
interface TermFacts {
  years: { year: number }[];
  days: { year: number; day: string; kind: 'holiday' | 'workday' }[];
  seasons: Selectable<BusinessHoursTable>[];
  settings: Selectable<CaseSettingsTable> | null;
}

/**
 * What counting a center's terms needs, as one column of a statement: its working-day calendar
 * (every year it has), its timetable and its case policy, as the text of one JSON object (see
 * `termContextOf`).
 */
export function termFactsColumn(db: Kysely<Database>, centerId: number) {
  const facts = sql<string>`json_build_object(${sql.lit('years')}, ${jsonArrayFrom(
    db.selectFrom('calendar_years').select('year').where('center_id', '=', centerId),
  )}, ${sql.lit('days')}, ${jsonArrayFrom(
    db
      .selectFrom('calendar_days')
      .select(['year', 'day', 'kind'])
      .where('center_id', '=', centerId),
  )}, ${sql.lit('seasons')}, ${jsonArrayFrom(
    db
      .selectFrom('business_hours')
      .select(['season_from', 'open_at', 'close_at'])
      .where('center_id', '=', centerId),
  )}, ${sql.lit('settings')}, ${jsonObjectFrom(
    db.selectFrom('case_settings').selectAll().where('center_id', '=', centerId),
  )})::text`;
  return facts.as('term_facts');
}

/**
 * What counting a center's terms needs, read from the database: its working-day calendar, its
 * timetable and its case policy. Read inside the caller's transaction so a term is computed on the
 * calendar that is stored with it; one statement for all of it.
 */
export async function loadTermContext(
  db: Kysely<Database>,
  centerId: number,
): Promise<TermContext> {
  const row = await db.selectNoFrom(termFactsColumn(db, centerId)).executeTakeFirstOrThrow();
  return termContextOf(centerId, row.term_facts);
}

/**
 * The last context built for each center, with the stored facts it was built from: while they
 * read the same, so does the context (building it from 280 calendar days takes a while). The
 * facts are read anew every time; only the building is spared.
 */
const built = new Map<number, { facts: string; ctx: TermContext }>();

/** The term context of a center from the facts `termFactsColumn` read. */
export function termContextOf(centerId: number, facts: string): TermContext {
  const last = built.get(centerId);
  if (last?.facts === facts) return last.ctx;
  const ctx = build(centerId, JSON.parse(facts) as TermFacts);
  built.set(centerId, { facts, ctx });
  return ctx;
}

function build(centerId: number, { years, days, seasons, settings }: TermFacts): TermContext {
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
  const { version: _, ...policy } = caseSettingsOf(settings);
  return { cal: cal.value, tt: tt.value, policy };
}
