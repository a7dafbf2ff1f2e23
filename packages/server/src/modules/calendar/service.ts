import type { CalendarOverview, CalendarYearView, NamedDay } from '@bianmin/contracts';
import { buildTimetable, parseCalendarYear, shanghaiDateOf } from '@bianmin/domain';
import { write, type Actor, type Audit, type Tx } from '../../audit/write.ts';
import type { Deps } from '../../http/context.ts';
import { AppError, asErrorCode, fieldError } from '../../http/errors.ts';
import { DEFAULT_SEASONS, officialYear, SEEDED_YEARS } from './official.ts';
import * as repo from './repository.ts';
import { recomputeDeadlines } from '../cases/service.ts';

/** The calendar of a center, and the years it still lacks (this year and next). */
export async function overview(deps: Deps, centerId: number): Promise<CalendarOverview> {
  const years = await repo.listYears(deps.db, centerId);
  const thisYear = Number(shanghaiDateOf(deps.clock.now().getTime()).slice(0, 4));
  const have = new Set(years.map((y) => y.year));
  return {
    years,
    missingYears: [thisYear, thisYear + 1].filter((y) => !have.has(y)),
    seasons: await repo.getSeasons(deps.db, centerId),
  };
}

export async function getYear(
  deps: Deps,
  centerId: number,
  year: number,
): Promise<CalendarYearView> {
  const found = await repo.getYear(deps.db, centerId, year);
  if (!found) throw new AppError('NOT_FOUND');
  return found;
}

/** Every day of a year must pass the domain's checks (one refusal names the list and the date). */
function checkYear(year: number, holidays: NamedDay[], workdays: NamedDay[]) {
  const parsed = parseCalendarYear(
    year,
    holidays.map((d) => d.date),
    workdays.map((d) => d.date),
  );
  if (!parsed.ok) {
    const index = parsed.details?.index;
    const field =
      parsed.field && typeof index === 'number'
        ? `${parsed.field}.${index}.date`
        : (parsed.field ?? 'year');
    throw fieldError(asErrorCode(parsed.code), field);
  }
}

async function storeYear(
  tx: Tx,
  audit: Audit,
  at: Date,
  centerId: number,
  year: number,
  source: string,
  days: { holidays: NamedDay[]; workdays: NamedDay[] },
) {
  const before = (await repo.getYear(tx, centerId, year, true)) ?? null;
  await repo.putYear(tx, centerId, year, source, at, days);
  const after = await repo.getYear(tx, centerId, year);
  await audit({
    centerId,
    action: 'calendar.year_set',
    entityType: 'calendar_year',
    entityId: year,
    before,
    after,
  });
  await recomputeDeadlines(tx, audit, centerId, at);
  return { before, after: after! };
}

/** Enter or replace one year (as published by the State Council); optimistic on `version`. */
export function setYear(
  deps: Deps,
  actor: Actor,
  centerId: number,
  year: number,
  body: { holidays: NamedDay[]; workdays: NamedDay[]; version: number | null },
): Promise<CalendarYearView> {
  checkYear(year, body.holidays, body.workdays);
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const current = await repo.getYear(tx, centerId, year, true);
    if ((current?.version ?? null) !== body.version) {
      throw new AppError('VERSION_CONFLICT', {
        details: { currentVersion: current?.version ?? null },
      });
    }
    const { after } = await storeYear(tx, audit, deps.clock.now(), centerId, year, 'manual', body);
    return after;
  });
}

export function setSeasons(deps: Deps, actor: Actor, centerId: number, seasons: repo.Season[]) {
  const built = buildTimetable(
    seasons.map((s) => ({ from: s.from, hours: { open: s.open, close: s.close } })),
  );
  if (!built.ok) {
    const index = built.details?.index;
    throw fieldError(
      asErrorCode(built.code),
      typeof index === 'number' ? `seasons.${index}.${built.field}` : 'seasons',
    );
  }
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const before = await repo.getSeasons(tx, centerId);
    await repo.putSeasons(tx, centerId, seasons);
    const after = await repo.getSeasons(tx, centerId);
    await audit({
      centerId,
      action: 'calendar.hours_set',
      entityType: 'business_hours',
      entityId: centerId,
      before,
      after,
    });
    await recomputeDeadlines(tx, audit, centerId, deps.clock.now());
    return after;
  });
}

/** A new center starts with the official years 2023–2026 and a summer/winter timetable. */
export async function seedCenterCalendar(tx: Tx, audit: Audit, at: Date, centerId: number) {
  for (const year of SEEDED_YEARS) {
    const official = officialYear(year);
    if (official) await storeYear(tx, audit, at, centerId, year, 'chinese-days', official);
  }
  await repo.putSeasons(tx, centerId, DEFAULT_SEASONS);
  await audit({
    centerId,
    action: 'calendar.hours_set',
    entityType: 'business_hours',
    entityId: centerId,
    before: [],
    after: DEFAULT_SEASONS,
  });
}
