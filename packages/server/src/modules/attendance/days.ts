import {
  classifyDay,
  isInPost,
  shanghaiDateOf,
  type ApprovedAbsence,
  type DayAttendance,
  type IsoDate,
  type TermContext,
} from '@bianmin/domain';
import type { Kysely } from 'kysely';
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
  const absences = new Map<number, ApprovedAbsence[]>();
  if (staffIds.length === 0) return { signs, absences };
  const lo = new Date(shanghaiMidnight(from));
  const hi = new Date(shanghaiMidnight(addDays(to, 1)));
  const [signRows, leaveRows] = await Promise.all([
    db
      .selectFrom('sign_events')
      .select(['staff_id', 'day', 'kind', 'at', 'correction'])
      .where('center_id', '=', centerId)
      .where('staff_id', 'in', [...staffIds])
      .where('day', '>=', from)
      .where('day', '<=', to)
      .execute(),
    db
      .selectFrom('leave_requests')
      .select(['staff_id', 'kind', 'from_at', 'to_at'])
      .where('center_id', '=', centerId)
      .where('staff_id', 'in', [...staffIds])
      .where('status', '=', 'approved')
      .where('from_at', '<', hi)
      .where('to_at', '>', lo)
      .execute(),
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
  for (const l of leaveRows) {
    const list = absences.get(l.staff_id) ?? [];
    list.push({ from: l.from_at.getTime(), to: l.to_at.getTime(), kind: l.kind });
    absences.set(l.staff_id, list);
  }
  return { signs, absences };
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
    if (!r.ok) {
      if (r.code === 'CALENDAR_YEAR_MISSING')
        throw new AppError('CALENDAR_YEAR_MISSING', { details: { ...r.details } });
      throw new Error(`stored attendance of staff ${person.id} on ${date} is invalid: ${r.code}`);
    }
    out.push({ date, day: r.value, signs });
  }
  return out;
}

export const dayOfInstant = (ms: number): IsoDate => shanghaiDateOf(ms);
