import type { ErrorCode } from '@bianmin/contracts';
import type { ApprovedAbsence, IsoDate } from '@bianmin/domain';
import type { Insertable, Kysely } from 'kysely';
import type { Database, SignEventsTable } from '../../db/schema.ts';
import { fieldError, type AppError } from '../../http/errors.ts';

type Db = Kysely<Database>;

/** Chinese names of this area's input fields (for error messages naming the field). */
export const ATTENDANCE_LABELS: Readonly<Record<string, string>> = {
  at: '签退时间',
  date: '日期',
  from: '开始时间',
  to: '结束时间',
  reason: '事由',
  kind: '类型',
  note: '意见',
  staffIds: '值班人员',
  approverStaffId: '审批人',
};

/** A refusal naming one field of this area, in Chinese. */
export const attendanceFieldError = (code: ErrorCode, field: string): AppError =>
  fieldError(code, field, ATTENDANCE_LABELS);

const staffQuery = (db: Db) =>
  db
    .selectFrom('staff as s')
    .leftJoin('windows as w', 'w.id', 's.window_id')
    .select([
      's.id',
      's.center_id',
      's.staff_no',
      's.name',
      's.position',
      's.window_id',
      's.supervisor_id',
      's.in_post_from',
      's.in_post_to',
      'w.name as window_name',
      'w.number as window_number',
    ]);

export type StaffWithWindow = NonNullable<Awaited<ReturnType<typeof staffWithWindow>>>;

export function staffWithWindow(db: Db, staffId: number) {
  return staffQuery(db).where('s.id', '=', staffId).executeTakeFirst();
}

export function centerStaffWithWindow(db: Db, centerId: number) {
  return staffQuery(db).where('s.center_id', '=', centerId).orderBy('s.staff_no').execute();
}

export function signsOn(db: Db, staffId: number, day: IsoDate) {
  return db
    .selectFrom('sign_events')
    .select(['id', 'kind', 'at', 'correction'])
    .where('staff_id', '=', staffId)
    .where('day', '=', day)
    .execute();
}

export function signsOfDay(db: Db, staffIds: number[], day: IsoDate) {
  if (staffIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('sign_events')
    .select(['staff_id', 'kind', 'at'])
    .where('staff_id', 'in', staffIds)
    .where('day', '=', day)
    .execute();
}

export async function insertSign(
  db: Db,
  values: Omit<Insertable<SignEventsTable>, 'id'>,
): Promise<{ id: number; staffId: number; day: string; kind: string; at: string }> {
  const row = await db
    .insertInto('sign_events')
    .values(values)
    .returning(['id', 'staff_id', 'day', 'kind', 'at', 'correction', 'correction_reason'])
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    staffId: row.staff_id,
    day: row.day,
    kind: row.kind,
    at: row.at.toISOString(),
    ...(row.correction ? { correction: true, reason: row.correction_reason } : {}),
  };
}

/** Approved leaves and outings of some staff overlapping [from, to]. */
export async function approvedAbsences(
  db: Db,
  staffIds: number[],
  from: Date,
  to: Date,
): Promise<{ staffId: number; absence: ApprovedAbsence }[]> {
  if (staffIds.length === 0) return [];
  const rows = await db
    .selectFrom('leave_requests')
    .select(['staff_id', 'kind', 'from_at', 'to_at'])
    .where('staff_id', 'in', staffIds)
    .where('status', '=', 'approved')
    .where('from_at', '<=', to)
    .where('to_at', '>', from)
    .execute();
  return rows.map((r) => ({
    staffId: r.staff_id,
    absence: { from: r.from_at.getTime(), to: r.to_at.getTime(), kind: r.kind },
  }));
}
