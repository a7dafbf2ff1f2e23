import type { CalendarYearView } from '@bianmin/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

export interface Season {
  from: string;
  open: string;
  close: string;
}

export async function listYears(db: Db, centerId: number) {
  const rows = await db
    .selectFrom('calendar_years as y')
    .leftJoin('calendar_days as d', (j) =>
      j.onRef('d.center_id', '=', 'y.center_id').onRef('d.year', '=', 'y.year'),
    )
    .select((eb) => [
      'y.year',
      'y.source',
      'y.version',
      eb.fn.count<number>('d.day').filterWhere('d.kind', '=', 'holiday').as('holidays'),
      eb.fn.count<number>('d.day').filterWhere('d.kind', '=', 'workday').as('workdays'),
    ])
    .where('y.center_id', '=', centerId)
    .groupBy(['y.year', 'y.source', 'y.version'])
    .orderBy('y.year')
    .execute();
  return rows.map((r) => ({ ...r, holidays: Number(r.holidays), workdays: Number(r.workdays) }));
}

export async function getYear(
  db: Db,
  centerId: number,
  year: number,
  lock = false,
): Promise<CalendarYearView | undefined> {
  const q = db
    .selectFrom('calendar_years')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('year', '=', year);
  const head = await (lock ? q.forUpdate() : q).executeTakeFirst();
  if (!head) return undefined;
  const days = await db
    .selectFrom('calendar_days')
    .select(['day', 'kind', 'name'])
    .where('center_id', '=', centerId)
    .where('year', '=', year)
    .orderBy('day')
    .execute();
  const of = (kind: 'holiday' | 'workday') =>
    days.filter((d) => d.kind === kind).map((d) => ({ date: d.day, name: d.name }));
  return {
    year,
    source: head.source,
    holidays: of('holiday'),
    workdays: of('workday'),
    version: head.version,
    updatedAt: head.updated_at.toISOString(),
  };
}

/** Replace one year's days; the year row keeps its version counter. */
export async function putYear(
  db: Db,
  centerId: number,
  year: number,
  source: string,
  at: Date,
  days: { holidays: { date: string; name: string }[]; workdays: { date: string; name: string }[] },
) {
  await db
    .insertInto('calendar_years')
    .values({ center_id: centerId, year, source, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['center_id', 'year']).doUpdateSet((eb) => ({
        source,
        updated_at: at,
        version: eb('calendar_years.version', '+', 1),
      })),
    )
    .execute();
  await db
    .deleteFrom('calendar_days')
    .where('center_id', '=', centerId)
    .where('year', '=', year)
    .execute();
  const rows = [
    ...days.holidays.map((d) => ({
      center_id: centerId,
      year,
      day: d.date,
      kind: 'holiday' as const,
      name: d.name,
    })),
    ...days.workdays.map((d) => ({
      center_id: centerId,
      year,
      day: d.date,
      kind: 'workday' as const,
      name: d.name,
    })),
  ];
  if (rows.length > 0) await db.insertInto('calendar_days').values(rows).execute();
}

export async function getSeasons(db: Db, centerId: number): Promise<Season[]> {
  const rows = await db
    .selectFrom('business_hours')
    .select(['season_from as from', 'open_at as open', 'close_at as close'])
    .where('center_id', '=', centerId)
    .orderBy('season_from')
    .execute();
  return rows;
}

export async function putSeasons(db: Db, centerId: number, seasons: Season[]) {
  await db.deleteFrom('business_hours').where('center_id', '=', centerId).execute();
  await db
    .insertInto('business_hours')
    .values(
      seasons.map((s) => ({
        center_id: centerId,
        season_from: s.from,
        open_at: s.open,
        close_at: s.close,
      })),
    )
    .execute();
}
