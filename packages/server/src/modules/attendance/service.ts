import type {
  AttendanceDay,
  AttendanceMonth,
  AtPostList,
  TodayState,
  correctSignOutBody,
} from '@bianmin/contracts';
import {
  atPostNow,
  can,
  hoursOn,
  isInPost,
  isWorkingDay,
  shanghaiDateOf,
  summarizeAttendance,
  type ApprovedAbsence,
  type IsoDate,
  type PostState,
  type SignEvent,
} from '@bianmin/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { write, type Actor } from '../../audit/write.ts';
import type { Database } from '../../db/schema.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { loadTermContext } from '../cases/term-context.ts';
import { selfAndSupervised } from '../assessment/scope.ts';
import {
  addDays,
  attendanceStart,
  classifyRange,
  loadAttendanceData,
  shanghaiMidnight,
} from './days.ts';
import * as repo from './repository.ts';

type Db = Kysely<Database>;

/**
 * Signing in and out, a month's record, who is at the post, and the supervising leader's correction
 * of a missing sign-out. Decisions:
 * - Signs are always for the signed-in user's own staff record, at the server's clock; one sign-in
 *   and one sign-out per Shanghai date (a second one is refused, never overwrites), and no sign-out
 *   without a sign-in that day. The person must be in post that day.
 * - Signing on a non-working day (e.g. on duty at a weekend) is recorded but not classified: such a
 *   day counts neither for nor against anybody.
 * - Who may read a person's record: the person, the person's supervising leader (staff.supervisor_id,
 *   whatever the role), and holders of 'attendance.read' (director, assessment group) for the whole
 *   center. Others get "not found".
 * - A missing sign-out may be supplied only by the person's supervising leader (staff.supervisor_id),
 *   with a reason; it is stored as a correction (marked so everywhere) and audited.
 */

/**
 * Whose attendance a user may read: null = everyone of the center, for 'attendance.read' granted by
 * a role other than supervising leader (director, assessment group). A supervising leader's
 * 'attendance.read' covers the staff he or she supervises only. Everybody sees himself or herself
 * and the staff whose supervising leader (staff.supervisor_id) he or she is — the same person who
 * decides their leave, whatever the role.
 */
export async function attendanceScope(db: Db, user: SessionUser): Promise<number[] | null> {
  if (
    can(
      user.roles.filter((r) => r !== 'supervising_leader'),
      'attendance.read',
    )
  )
    return null;
  if (user.staffId === null) return [];
  return selfAndSupervised(db, user.staffId);
}

async function ownStaff(db: Db, user: SessionUser) {
  if (user.staffId === null) throw new AppError('NO_STAFF_FOR_ATTENDANCE');
  const s = await repo.staffWithWindow(db, user.staffId);
  if (!s || s.center_id !== user.centerId) throw new AppError('NO_STAFF_FOR_ATTENDANCE');
  return s;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

async function todayOf(db: Db, staff: repo.StaffWithWindow, now: Date): Promise<TodayState> {
  const ctx = await loadTermContext(db, staff.center_id);
  const date = shanghaiDateOf(now.getTime());
  // A year the calendar lacks does not stop anybody signing: the day is just not known yet.
  const working = isWorkingDay(ctx.cal, date);
  const hours = hoursOn(ctx.tt, date);
  const signs = await repo.signsOn(db, staff.id, date);
  const absences = await repo.approvedAbsences(db, [staff.id], now, now);
  const state = atPostNow(
    signs.map((s) => ({ at: s.at.getTime(), kind: s.kind })),
    absences.map((a) => a.absence),
    now.getTime(),
  );
  return {
    staffId: staff.id,
    staffName: staff.name,
    windowName: staff.window_name,
    date,
    workingDay: working.ok ? working.value : null,
    open: hours.ok ? hours.value.open : null,
    close: hours.ok ? hours.value.close : null,
    signIn: iso(signs.find((s) => s.kind === 'in')?.at),
    signOut: iso(signs.find((s) => s.kind === 'out')?.at),
    atPost: state.atPost,
    reason: state.reason,
    absence: state.atPost === false && state.reason === 'away' ? state.absence : null,
  };
}

export async function today(deps: Deps, user: SessionUser): Promise<TodayState> {
  const staff = await ownStaff(deps.db, user);
  return todayOf(deps.db, staff, deps.clock.now());
}

export async function sign(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  kind: 'in' | 'out',
): Promise<TodayState> {
  const staff = await ownStaff(deps.db, user);
  await write(deps.db, deps.clock, actor, async (tx, audit) => {
    const now = deps.clock.now();
    const date = shanghaiDateOf(now.getTime());
    const post = { inPostFrom: staff.in_post_from, inPostTo: staff.in_post_to };
    if (!isInPost(post, date)) throw new AppError('NOT_IN_POST');
    // Serialise the person's signs of the day: lock the staff row.
    await tx.selectFrom('staff').select('id').where('id', '=', staff.id).forUpdate().execute();
    const signs = await repo.signsOn(tx, staff.id, date);
    if (kind === 'in' && signs.some((s) => s.kind === 'in'))
      throw new AppError('ALREADY_SIGNED_IN');
    if (kind === 'out') {
      if (signs.some((s) => s.kind === 'out')) throw new AppError('ALREADY_SIGNED_OUT');
      if (!signs.some((s) => s.kind === 'in')) throw new AppError('NOT_SIGNED_IN');
    }
    const row = await repo.insertSign(tx, {
      center_id: staff.center_id,
      staff_id: staff.id,
      day: date,
      kind,
      at: now,
      window_id: staff.window_id,
      correction_reason: null,
      recorded_by_user_id: user.id,
      recorded_by_name: user.displayName,
      created_at: now,
    });
    await audit({
      centerId: staff.center_id,
      action: kind === 'in' ? 'attendance.sign_in' : 'attendance.sign_out',
      entityType: 'sign_event',
      entityId: row.id,
      before: null,
      after: row,
    });
  });
  return todayOf(deps.db, staff, deps.clock.now());
}

/** The first and last dates of a 'YYYY-MM' month. */
export function monthRange(month: string): { from: IsoDate; to: IsoDate } {
  const from = `${month}-01`;
  const next = addDays(`${month}-28`, 4).slice(0, 7);
  return { from, to: addDays(`${next}-01`, -1) };
}

async function monthOf(
  db: Db,
  staff: repo.StaffWithWindow,
  month: string,
  now: Date,
): Promise<AttendanceMonth> {
  const { from, to } = monthRange(month);
  const today = shanghaiDateOf(now.getTime());
  const ctx = await loadTermContext(db, staff.center_id);
  const last = to < today ? to : today;
  const start = await attendanceStart(db, staff.center_id);
  const data = await loadAttendanceData(db, staff.center_id, [staff.id], from, to);
  const classified = last < from ? [] : classifyRange(ctx, staff, from, last, start, data);
  const byDate = new Map(classified.map((c) => [c.date, c]));
  const todayHours = hoursOn(ctx.tt, today);
  const todayOver =
    todayHours.ok &&
    now.getTime() >=
      shanghaiMidnight(today) +
        (Number(todayHours.value.close.slice(0, 2)) * 60 +
          Number(todayHours.value.close.slice(3))) *
          60_000;
  const days: AttendanceDay[] = [];
  const counted = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const c = byDate.get(date);
    const signs = c?.signs ?? data.signs.get(`${staff.id}|${date}`);
    const working = isWorkingDay(ctx.cal, date);
    const base = {
      date,
      workingDay: working.ok ? working.value : null,
      signIn: signs?.signIn ? new Date(signs.signIn).toISOString() : null,
      signOut: signs?.signOut ? new Date(signs.signOut).toISOString() : null,
      signOutCorrected: signs?.signOutCorrected ?? false,
      late: false,
      leftEarly: false,
      lateMinutes: 0,
      earlyMinutes: 0,
      unexcusedMinutes: 0,
      excusedMinutes: 0,
    };
    if (!c?.day) {
      days.push({ ...base, state: 'not_counted' });
      continue;
    }
    if (date === today && !todayOver && c.day.workingDay) {
      days.push({ ...base, state: 'today' });
      continue;
    }
    counted.push(c.day);
    days.push({
      ...base,
      state: c.day.status,
      late: c.day.late,
      leftEarly: c.day.leftEarly,
      lateMinutes: c.day.lateMinutes,
      earlyMinutes: c.day.earlyMinutes,
      unexcusedMinutes: c.day.unexcusedMinutes,
      excusedMinutes: c.day.excusedMinutes,
    });
  }
  return {
    staffId: staff.id,
    staffName: staff.name,
    month,
    days,
    totals: summarizeAttendance(counted),
  };
}

export async function myMonth(deps: Deps, user: SessionUser, month: string) {
  const staff = await ownStaff(deps.db, user);
  return monthOf(deps.db, staff, month, deps.clock.now());
}

async function visibleStaff(db: Db, user: SessionUser, staffId: number) {
  const s = await repo.staffWithWindow(db, staffId);
  if (!s || s.center_id !== user.centerId) throw new AppError('NOT_FOUND');
  const scope = await attendanceScope(db, user);
  if (scope !== null && !scope.includes(staffId)) throw new AppError('NOT_FOUND');
  return s;
}

export async function staffMonth(deps: Deps, user: SessionUser, staffId: number, month: string) {
  const staff = await visibleStaff(deps.db, user, staffId);
  return monthOf(deps.db, staff, month, deps.clock.now());
}

/**
 * Whether each of some staff is at the post at `now` (signed in today, not signed out, not away on
 * approved leave or an outing), with the day's signs. Also used where a case is handed over.
 */
export async function postsNow(
  db: Db,
  staffIds: number[],
  now: Date,
): Promise<Map<number, { signs: SignEvent[]; state: PostState }>> {
  const date = shanghaiDateOf(now.getTime());
  const [signs, absences] = await Promise.all([
    repo.signsOfDay(db, staffIds, date),
    repo.approvedAbsences(db, staffIds, now, now),
  ]);
  return new Map(
    staffIds.map((id) => {
      const own: SignEvent[] = signs
        .filter((s) => s.staff_id === id)
        .map((s) => ({ at: s.at.getTime(), kind: s.kind }));
      const away: ApprovedAbsence[] = absences
        .filter((a) => a.staffId === id)
        .map((a) => a.absence);
      return [id, { signs: own, state: atPostNow(own, away, now.getTime()) }];
    }),
  );
}

/** Who is at the post now: the staff in post today whom the user may see. */
export async function atPost(deps: Deps, user: SessionUser, centerId: number): Promise<AtPostList> {
  const now = deps.clock.now();
  const date = shanghaiDateOf(now.getTime());
  const ctx = await loadTermContext(deps.db, centerId);
  const working = isWorkingDay(ctx.cal, date);
  const scope = await attendanceScope(deps.db, user);
  const people = (await repo.centerStaffWithWindow(deps.db, centerId)).filter(
    (s) =>
      isInPost({ inPostFrom: s.in_post_from, inPostTo: s.in_post_to }, date) &&
      (scope === null || scope.includes(s.id)),
  );
  const posts = await postsNow(
    deps.db,
    people.map((p) => p.id),
    now,
  );
  const rows = people.map((p) => {
    const { signs: own, state } = posts.get(p.id)!;
    const signIn = own.find((s) => s.kind === 'in')?.at;
    const signOut = own.find((s) => s.kind === 'out')?.at;
    return {
      staffId: p.id,
      staffNo: p.staff_no,
      staffName: p.name,
      position: p.position,
      windowName: p.window_name,
      atPost: state.atPost,
      reason: state.reason,
      absence: state.atPost === false && state.reason === 'away' ? state.absence : null,
      signIn: signIn === undefined ? null : new Date(signIn).toISOString(),
      signOut: signOut === undefined ? null : new Date(signOut).toISOString(),
    };
  });
  return { at: now.toISOString(), date, workingDay: working.ok ? working.value : null, rows };
}

/** The supervising leader supplies a missing sign-out, with a reason (a marked correction). */
export async function correctSignOut(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  staffId: number,
  body: z.infer<typeof correctSignOutBody>,
): Promise<AttendanceMonth> {
  const staff = await repo.staffWithWindow(deps.db, staffId);
  if (!staff || staff.center_id !== user.centerId) throw new AppError('NOT_FOUND');
  if (user.staffId === null || staff.supervisor_id !== user.staffId) {
    const scope = await attendanceScope(deps.db, user);
    if (scope !== null && !scope.includes(staffId)) throw new AppError('NOT_FOUND');
    throw new AppError('NOT_SUPERVISOR_OF_STAFF');
  }
  const at = new Date(body.at);
  await write(deps.db, deps.clock, actor, async (tx, audit) => {
    const now = deps.clock.now();
    if (shanghaiDateOf(at.getTime()) !== body.date)
      throw repo.attendanceFieldError('CORRECTION_NOT_ON_DATE', 'at');
    if (at.getTime() > now.getTime()) throw repo.attendanceFieldError('CORRECTION_IN_FUTURE', 'at');
    await tx.selectFrom('staff').select('id').where('id', '=', staffId).forUpdate().execute();
    const signs = await repo.signsOn(tx, staffId, body.date);
    const signIn = signs.find((s) => s.kind === 'in');
    if (signs.some((s) => s.kind === 'out')) throw new AppError('SIGN_OUT_NOT_MISSING');
    if (!signIn) throw new AppError('NOT_SIGNED_IN', { message: '该日没有签到记录，不能补签签退' });
    if (at.getTime() < signIn.at.getTime())
      throw repo.attendanceFieldError('CORRECTION_BEFORE_SIGN_IN', 'at');
    const row = await repo.insertSign(tx, {
      center_id: staff.center_id,
      staff_id: staffId,
      day: body.date,
      kind: 'out',
      at,
      window_id: staff.window_id,
      correction: true,
      correction_reason: body.reason,
      recorded_by_user_id: user.id,
      recorded_by_name: user.displayName,
      created_at: now,
    });
    await audit({
      centerId: staff.center_id,
      action: 'attendance.correct_sign_out',
      entityType: 'sign_event',
      entityId: row.id,
      before: null,
      after: row,
    });
  });
  return monthOf(deps.db, staff, body.date.slice(0, 7), deps.clock.now());
}
