import { hoursOn, isWorkingDay, shanghaiDateOf, type IsoDate } from '@bianmin/domain';
import type { Audit, Tx } from '../audit/write.ts';
import { addDays, shanghaiMidnight } from '../modules/attendance/days.ts';
import { loadTermContext } from '../modules/cases/term-context.ts';

const WINDOW_STAFF = ['W001', 'W002', 'W003', 'W004', 'W005', 'W006', 'W007', 'W008', 'W009'];
const DAYS_BACK = 5;
const MIN = 60_000;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/**
 * The demo center's attendance, relative to `at` (the seeding day, not signed itself): the window
 * staff signed in and out over the last five working days — 刘洋 (W003) late yesterday, 徐丹 (W006)
 * late three working days ago, 马兰 (W007) absent two working days ago, 杨帆 (W005) forgot to sign
 * out four working days ago, 黄秀英 (W004) on an approved outing yesterday afternoon —, a pending
 * personal leave of 陈刚 (W002) on the next working day awaiting the supervising leader 钱志强, and
 * the duty roster of the weekends and holidays of the next 31 days. Years the calendar lacks are
 * skipped (no sign is made up for a day whose status is unknown).
 */
export async function seedDemoAttendance(tx: Tx, audit: Audit, at: Date): Promise<void> {
  const center = await tx
    .selectFrom('centers')
    .select('id')
    .where('code', '=', 'qingshi')
    .executeTakeFirst();
  if (!center) return;
  const centerId = center.id;
  const staff = await tx
    .selectFrom('staff')
    .select(['id', 'staff_no', 'name', 'window_id', 'supervisor_id'])
    .where('center_id', '=', centerId)
    .execute();
  const byNo = new Map(staff.map((s) => [s.staff_no, s]));
  const { cal, tt } = await loadTermContext(tx, centerId);
  const today = shanghaiDateOf(at.getTime());
  const worked = (date: IsoDate): boolean | undefined => {
    const w = isWorkingDay(cal, date);
    return w.ok ? w.value : undefined;
  };
  const instant = (date: IsoDate, hhmm: string, plusMinutes = 0) =>
    new Date(shanghaiMidnight(date) + (minutesOf(hhmm) + plusMinutes) * MIN);

  // The last working days before today, most recent first.
  const past: IsoDate[] = [];
  for (let d = addDays(today, -1), guard = 0; past.length < DAYS_BACK && guard < 40; guard += 1) {
    const w = worked(d);
    if (w === undefined) break;
    if (w) past.push(d);
    d = addDays(d, -1);
  }
  const signs: {
    center_id: number;
    staff_id: number;
    day: string;
    kind: 'in' | 'out';
    at: Date;
    window_id: number | null;
    recorded_by_user_id: null;
    recorded_by_name: string;
    created_at: Date;
  }[] = [];
  for (const [back, date] of past.entries()) {
    const hours = hoursOn(tt, date);
    if (!hours.ok) continue;
    for (const [i, no] of WINDOW_STAFF.entries()) {
      const s = byNo.get(no);
      if (!s) continue;
      if (no === 'W007' && back === 1) continue; // absent
      let inOffset = -(5 + ((i * 7 + back * 3) % 20)); // 5–24 minutes early
      if (no === 'W003' && back === 0) inOffset = 12;
      if (no === 'W006' && back === 2) inOffset = 25;
      const common = {
        center_id: centerId,
        staff_id: s.id,
        day: date,
        window_id: s.window_id,
        recorded_by_user_id: null,
        recorded_by_name: s.name,
      };
      const signIn = instant(date, hours.value.open, inOffset);
      signs.push({ ...common, kind: 'in', at: signIn, created_at: signIn });
      if (no === 'W005' && back === 3) continue; // forgot to sign out
      const signOut = instant(date, hours.value.close, 2 + ((i * 5 + back) % 15));
      signs.push({ ...common, kind: 'out', at: signOut, created_at: signOut });
    }
  }
  if (signs.length) {
    const rows = await tx.insertInto('sign_events').values(signs).returning('id').execute();
    await audit({
      centerId,
      action: 'attendance.demo_import',
      entityType: 'sign_event',
      entityId: rows[0]!.id,
      before: null,
      after: { count: rows.length, from: past[past.length - 1], to: past[0] },
    });
  }

  const leave = async (
    no: string,
    kind: 'official_leave' | 'personal_leave' | 'outing',
    from: Date,
    to: Date,
    reason: string,
    approved: boolean,
  ) => {
    const s = byNo.get(no);
    const approver = s?.supervisor_id ? staff.find((x) => x.id === s.supervisor_id) : undefined;
    if (!s || !approver) return;
    const row = await tx
      .insertInto('leave_requests')
      .values({
        center_id: centerId,
        staff_id: s.id,
        approver_staff_id: approver.id,
        kind,
        from_at: from,
        to_at: to,
        reason,
        // Asked an hour before it starts, or now for one still to come: never in the future.
        requested_at: new Date(Math.min(from.getTime() - 60 * MIN, at.getTime())),
        ...(approved
          ? {
              status: 'approved' as const,
              decided_by_name: approver.name,
              decided_at: new Date(Math.min(from.getTime() - 30 * MIN, at.getTime())),
              decision_note: '同意，注意安排好窗口顶岗',
              version: 1,
            }
          : {}),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      centerId,
      action: 'leave.create',
      entityType: 'leave_request',
      entityId: row.id,
      before: null,
      after: row,
    });
  };
  const yesterday = past[0];
  if (yesterday) {
    await leave(
      'W004',
      'outing',
      instant(yesterday, '14:00'),
      instant(yesterday, '15:30'),
      '到村里核实土地流转合同',
      true,
    );
  }
  let next = addDays(today, 1);
  for (let guard = 0; worked(next) === false && guard < 20; guard += 1) next = addDays(next, 1);
  const nextHours = worked(next) ? hoursOn(tt, next) : undefined;
  if (nextHours?.ok)
    await leave(
      'W002',
      'personal_leave',
      instant(next, nextHours.value.open),
      instant(next, nextHours.value.close),
      '孩子学校家长会',
      false,
    );

  // Duty roster: every weekend or holiday of the next 31 days, two officers in turn.
  const rota = ['C004', 'W001', 'C002', 'W003', 'W006', 'W008']
    .map((no) => byNo.get(no))
    .filter((s) => s !== undefined);
  let turn = 0;
  for (let d = 1; d <= 31 && rota.length >= 2; d += 1) {
    const date = addDays(today, d);
    if (worked(date) !== false) continue;
    const officers = [rota[turn % rota.length]!, rota[(turn + 1) % rota.length]!];
    turn += 2;
    await tx
      .insertInto('duty_days')
      .values({ center_id: centerId, day: date, updated_at: at, version: 1 })
      .execute();
    await tx
      .insertInto('duty_officers')
      .values(officers.map((o, seq) => ({ center_id: centerId, day: date, staff_id: o.id, seq })))
      .execute();
    await audit({
      centerId,
      action: 'duty.update',
      entityType: 'duty_day',
      entityId: date,
      before: null,
      after: { date, staffIds: officers.map((o) => o.id), note: '', version: 1 },
    });
  }
}
