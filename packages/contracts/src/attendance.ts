import { z } from 'zod';
import { id, isoDate, isoDateTime, version } from './common.ts';

/** 考勤、请假外出、在岗情况、值班表. */

export const dayStatus = z.enum([
  'not_working_day',
  'present',
  'late',
  'left_early',
  'late_and_left_early',
  'absent',
  'on_leave',
  'missing_sign_out',
  'missing_sign_in',
]);

/** 'not_counted': before the center used the system, out of post, or a future day; 'today': not over. */
export const dayState = z.enum([...dayStatus.options, 'not_counted', 'today']);

export const attendanceDay = z.object({
  date: isoDate,
  workingDay: z.boolean().nullable(),
  state: dayState,
  signIn: isoDateTime.nullable(),
  signOut: isoDateTime.nullable(),
  signOutCorrected: z.boolean(),
  late: z.boolean(),
  leftEarly: z.boolean(),
  lateMinutes: z.number(),
  earlyMinutes: z.number(),
  unexcusedMinutes: z.number(),
  excusedMinutes: z.number(),
});
export type AttendanceDay = z.infer<typeof attendanceDay>;

export const attendanceTotals = z.object({
  days: z.number(),
  workingDays: z.number(),
  present: z.number(),
  late: z.number(),
  leftEarly: z.number(),
  absent: z.number(),
  onLeave: z.number(),
  missingSignOut: z.number(),
  missingSignIn: z.number(),
  lateMinutes: z.number(),
  earlyMinutes: z.number(),
  unexcusedMinutes: z.number(),
});

export const attendanceMonth = z.object({
  staffId: z.number(),
  staffName: z.string(),
  month: z.string(),
  days: z.array(attendanceDay),
  totals: attendanceTotals,
});
export type AttendanceMonth = z.infer<typeof attendanceMonth>;

export const monthQuery = z.object({
  month: z.string().regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/, '月份应为 年-月，如 2026-03'),
});

export const postReason = z.enum(['signed_in', 'not_signed_in', 'signed_out', 'away']);
export const absenceKind = z.enum(['official_leave', 'personal_leave', 'outing']);

export const todayState = z.object({
  staffId: z.number(),
  staffName: z.string(),
  windowName: z.string().nullable(),
  date: isoDate,
  /** Null when the center's calendar lacks this year: the sign is still recorded. */
  workingDay: z.boolean().nullable(),
  open: z.string().nullable(),
  close: z.string().nullable(),
  signIn: isoDateTime.nullable(),
  signOut: isoDateTime.nullable(),
  atPost: z.boolean(),
  reason: postReason,
  absence: absenceKind.nullable(),
});
export type TodayState = z.infer<typeof todayState>;

export const atPostRow = z.object({
  staffId: z.number(),
  staffNo: z.string(),
  staffName: z.string(),
  position: z.string(),
  windowName: z.string().nullable(),
  atPost: z.boolean(),
  reason: postReason,
  absence: absenceKind.nullable(),
  signIn: isoDateTime.nullable(),
  signOut: isoDateTime.nullable(),
});
export const atPostList = z.object({
  at: isoDateTime,
  date: isoDate,
  workingDay: z.boolean().nullable(),
  rows: z.array(atPostRow),
});
export type AtPostList = z.infer<typeof atPostList>;

export const correctSignOutBody = z.object({
  date: isoDate,
  at: isoDateTime,
  reason: z.string().trim().min(1, '请填写补签理由').max(500),
});

// ── 请假外出 ──

export const leaveStatus = z.enum(['pending', 'approved', 'rejected', 'cancelled']);

export const createLeaveBody = z.object({
  kind: absenceKind,
  from: isoDateTime,
  to: isoDateTime,
  reason: z.string().trim().max(500),
});

export const leaveRequest = z.object({
  id: z.number(),
  centerId: z.number(),
  staffId: z.number(),
  staffName: z.string(),
  approverStaffId: z.number(),
  approverName: z.string(),
  kind: absenceKind,
  from: isoDateTime,
  to: isoDateTime,
  reason: z.string(),
  status: leaveStatus,
  requestedAt: isoDateTime,
  decidedByName: z.string().nullable(),
  decidedAt: isoDateTime.nullable(),
  decisionNote: z.string().nullable(),
  version: z.number(),
});
export type LeaveRequest = z.infer<typeof leaveRequest>;
export const leaveList = z.object({ items: z.array(leaveRequest) });

export const approveLeaveBody = z.object({
  version,
  note: z.string().trim().max(500).default(''),
});
export const rejectLeaveBody = z.object({
  version,
  note: z.string().trim().min(1, '请填写不同意的理由').max(500),
});
export const cancelLeaveBody = z.object({ version });

// ── 值班表 ──

export const dutyOfficer = z.object({ staffId: z.number(), name: z.string() });
export const dutyDay = z.object({
  date: isoDate,
  kind: z.enum(['workday', 'makeUpWorkday', 'weekend', 'holiday']),
  workingDay: z.boolean(),
  officers: z.array(dutyOfficer),
  note: z.string(),
  version: z.number(),
});
export type DutyDay = z.infer<typeof dutyDay>;
export const dutyMonth = z.object({ month: z.string(), days: z.array(dutyDay) });
export type DutyMonth = z.infer<typeof dutyMonth>;
export const dutyQuery = monthQuery.extend({ centerId: id.optional() });
export const dutyParams = z.object({ date: isoDate });
export const setDutyBody = z.object({
  centerId: id.optional(),
  staffIds: z.array(id).max(20),
  note: z.string().trim().max(200).default(''),
  version,
});
