import {
  classifyDay,
  isInPost,
  shanghaiDateOf,
  type ApprovedAbsence,
  type DayAttendance,
  type DayRefusalCode,
  type IsoDate,
  type Refusal,
  type StoredSigns,
  type TermContext,
} from '@bianmin/domain';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';

type Db = Kysely<Database>;

const MS_PER_DAY = 86_400_000;

/** The ISO date n days after an ISO date (calendar arithmetic, no time zone involved). */
export function addDays(date: IsoDate, n: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The instant of 00:00 Asia/Shanghai on a date. */
export const shanghaiMidnight = (date: IsoDate): number => Date.parse(`${date}T00:00:00+08:00`);

/**
 * Classifying stored attendance. Rules fixed here (on top of classifyDay, domain/attendance/day.ts):
 *
 * - A day is counted for a person only when (a) the person is in post that day (staff
 *   in_post_from..in_post_to) and (b) it is on or after the center's attendance start: the date of
 *   the first sign event ever stored for the center. Before a center starts using the system there
 *   is nothing to read, so those days are "not counted" rather than "absent". A center with no sign
 *   event at all has no counted day.
 * - Every sign of a person on a date is read, corrections included (a correction is a sign-out
 *   supplied by the supervising leader; it counts like the person's own sign-out).
 * - Only approved leaves and outings excuse time; pending, rejected and cancelled ones do not.
 * - The grace is the domain default (0 minutes): a sign-in one millisecond after opening is late.
 */

export interface StaffPost {
  readonly id: number;
  readonly in_post_from: string;
  readonly in_post_to: string | null;
}

/** The center's attendance start date (first stored sign event), or null when none exists. */
export async function attendanceStart(db: Db, centerId: number): Promise<IsoDate | null> {
  const row = await db
    .selectFrom('sign_events')
    .select((eb) => eb.fn.min('day').as('first'))
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  return (row?.first as string | null | undefined) ?? null;
}

export interface SignsOfDay {
  signIn: number | null;
  signOut: number | null;
  signOutCorrected: boolean;
}

const key = (staffId: number, day: string) => `${staffId}|${day}`;

/** The approved leaves and outings of some staff overlapping [from, to] (dates), by person. */
async function approvedAbsences(
  db: Db,
  centerId: number,
  staffIds: readonly number[],
  from: IsoDate,
  to: IsoDate,
): Promise<Map<number, ApprovedAbsence[]>> {
  const absences = new Map<number, ApprovedAbsence[]>();
  if (staffIds.length === 0) return absences;
  const rows = await db
    .selectFrom('leave_requests')
    .select(['staff_id', 'kind', 'from_at', 'to_at'])
    .where('center_id', '=', centerId)
    .where('staff_id', 'in', [...staffIds])
    .where('status', '=', 'approved')
    .where('from_at', '<', new Date(shanghaiMidnight(addDays(to, 1))))
    .where('to_at', '>', new Date(shanghaiMidnight(from)))
    .execute();
  for (const l of rows) {
    const list = absences.get(l.staff_id) ?? [];
    list.push({ from: l.from_at.getTime(), to: l.to_at.getTime(), kind: l.kind });
    absences.set(l.staff_id, list);
  }
  return absences;
}

/** Stored signs and approved absences of some staff over [from, to] (dates), grouped for lookup. */
export async function loadAttendanceData(
  db: Db,
  centerId: number,
  staffIds: readonly number[],
  from: IsoDate,
  to: IsoDate,
): Promise<{
  signs: Map<string, SignsOfDay>;
  absences: Map<number, ApprovedAbsence[]>;
}> {
  const signs = new Map<string, SignsOfDay>();
  if (staffIds.length === 0) return { signs, absences: new Map() };
  const [signRows, absences] = await Promise.all([
    db
      .selectFrom('sign_events')
      .select(['staff_id', 'day', 'kind', 'at', 'correction'])
      .where('center_id', '=', centerId)
      .where('staff_id', 'in', [...staffIds])
      .where('day', '>=', from)
      .where('day', '<=', to)
      .execute(),
    approvedAbsences(db, centerId, staffIds, from, to),
  ]);
  for (const s of signRows) {
    const k = key(s.staff_id, s.day);
    const entry = signs.get(k) ?? { signIn: null, signOut: null, signOutCorrected: false };
    if (s.kind === 'in') entry.signIn = s.at.getTime();
    else {
      entry.signOut = s.at.getTime();
      entry.signOutCorrected = s.correction;
    }
    signs.set(k, entry);
  }
  return { signs, absences };
}

/**
 * The same signs and absences read lean, for many people at once (the year-end sheet): one row per
 * person, with the day numbers (days since 1970-01-01, as the domain counts) and the instants (epoch
 * ms, floored to the millisecond as the Date of the full read is) of its sign-ins and of its
 * sign-outs, as arrays in the order of the day — computed by the database: no Date and no date
 * string per sign, and few rows (PGlite hands rows over slowly: a year of 1,000 people's signs
 * row by row took it several seconds; docs/perf.md, issue 12).
 */
export async function loadStoredSigns(
  db: Db,
  centerId: number,
  { ids, from, to }: { ids: readonly number[]; from: IsoDate; to: IsoDate },
): Promise<{
  signs: Map<number, Map<number, StoredSigns>>;
  absences: Map<number, ApprovedAbsence[]>;
}> {
  const signs = new Map<number, Map<number, { signIn: number | null; signOut: number | null }>>();
  if (ids.length === 0) return { signs, absences: new Map() };
  // One sign of each kind per person and day (unique), so both arrays of a kind, ordered by the
  // day, pair up. The instant in float8 arithmetic, which PGlite computes several times faster
  // than numeric (extract): date_part's seconds (one rounding of the exact µs) to the nearest µs
  // — exact for instants before 2106 — then floored to the ms, integers far below 2^53. float8
  // also comes back as a number from both drivers (node-postgres gives an int8 array as strings).
  const byDay = (value: RawBuilder<number>, kind: 'in' | 'out') =>
    sql<number[] | null>`array_agg(${value} order by day) filter (where kind = ${kind})`;
  const dayNumber = sql<number>`day - date '1970-01-01'`;
  const epochMs = sql<number>`floor(round(date_part('epoch', at) * 1000000) / 1000)`;
  const [rows, absences] = await Promise.all([
    db
      .selectFrom('sign_events')
      .select([
        'staff_id',
        byDay(dayNumber, 'in').as('in_days'),
        byDay(epochMs, 'in').as('ins'),
        byDay(dayNumber, 'out').as('out_days'),
        byDay(epochMs, 'out').as('outs'),
      ])
      .where('center_id', '=', centerId)
      .where('staff_id', 'in', [...ids])
      .where('day', '>=', from)
      .where('day', '<=', to)
      .groupBy('staff_id')
      .execute(),
    approvedAbsences(db, centerId, ids, from, to),
  ]);
  for (const r of rows) {
    const mine = new Map<number, { signIn: number | null; signOut: number | null }>();
    const ins = r.ins ?? [];
    const outs = r.outs ?? [];
    (r.in_days ?? []).forEach((day, i) => mine.set(day, { signIn: ins[i]!, signOut: null }));
    (r.out_days ?? []).forEach((day, i) => {
      const entry = mine.get(day);
      if (entry) entry.signOut = outs[i]!;
      else mine.set(day, { signIn: null, signOut: outs[i]! });
    });
    signs.set(r.staff_id, mine);
  }
  return { signs, absences };
}

/**
 * The dates of [from, to] counted for a person (see the rules above): from the latest of `from`, the
 * attendance start and the in-post date, to the earliest of `to` and the out-of-post date; null when
 * none (no attendance start, or the range is empty).
 */
export function countedDates(
  person: StaffPost,
  from: IsoDate,
  to: IsoDate,
  start: IsoDate | null,
): { from: IsoDate; to: IsoDate } | null {
  if (start === null) return null;
  const first = [from, start, person.in_post_from].reduce((a, b) => (b > a ? b : a));
  const last = person.in_post_to !== null && person.in_post_to < to ? person.in_post_to : to;
  return first <= last ? { from: first, to: last } : null;
}

/** What stored attendance the domain refuses is thrown: a missing calendar year as such. */
export function storedRefusal(
  refusal: Refusal<DayRefusalCode>,
  staffId: number,
  date: IsoDate,
): Error {
  if (refusal.code === 'CALENDAR_YEAR_MISSING')
    return new AppError('CALENDAR_YEAR_MISSING', { details: { year: refusal.details?.year } });
  return new Error(`stored attendance of staff ${staffId} on ${date} is invalid: ${refusal.code}`);
}

export interface ClassifiedDay {
  readonly date: IsoDate;
  /** Null when the day is not counted (not in post, or before the center's attendance start). */
  readonly day: DayAttendance | null;
  readonly signs: SignsOfDay;
}

/** Every date of [from, to] for one person, classified (or not counted). */
export function classifyRange(
  ctx: Pick<TermContext, 'cal' | 'tt'>,
  person: StaffPost,
  from: IsoDate,
  to: IsoDate,
  start: IsoDate | null,
  data: Awaited<ReturnType<typeof loadAttendanceData>>,
): ClassifiedDay[] {
  const out: ClassifiedDay[] = [];
  const absences = data.absences.get(person.id) ?? [];
  const post = { inPostFrom: person.in_post_from, inPostTo: person.in_post_to };
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const signs = data.signs.get(key(person.id, date)) ?? {
      signIn: null,
      signOut: null,
      signOutCorrected: false,
    };
    if (start === null || date < start || !isInPost(post, date)) {
      out.push({ date, day: null, signs });
      continue;
    }
    const r = classifyDay({
      date,
      calendar: ctx.cal,
      timetable: ctx.tt,
      signIn: signs.signIn,
      signOut: signs.signOut,
      absences,
    });
    if (!r.ok) throw storedRefusal(r, person.id, date);
    out.push({ date, day: r.value, signs });
  }
  return out;
}

export const dayOfInstant = (ms: number): IsoDate => shanghaiDateOf(ms);
