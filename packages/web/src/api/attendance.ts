import { useQuery } from '@tanstack/react-query';
import type {
  approveLeaveBody,
  AtPostList,
  AttendanceDay,
  AttendanceMonth,
  correctSignOutBody,
  createLeaveBody,
  DutyDay,
  DutyMonth,
  LeaveRequest,
  rejectLeaveBody,
  setDutyBody,
  TodayState,
} from '@bianmin/contracts';
import { request, scoped, type Body, type CenterQuery } from './client.ts';
import { useCenterQuery } from './queries.ts';

export type CreateLeaveBody = Body<typeof createLeaveBody>;
export type ApproveLeaveBody = Body<typeof approveLeaveBody>;
export type RejectLeaveBody = Body<typeof rejectLeaveBody>;
export type CorrectSignOutBody = Body<typeof correctSignOutBody>;
export type SetDutyBody = Omit<Body<typeof setDutyBody>, 'centerId'>;
export type AbsenceKind = LeaveRequest['kind'];
export type LeaveStatus = LeaveRequest['status'];
export type DayState = AttendanceDay['state'];
export type AtPostRow = AtPostList['rows'][number];
export type PostReason = AtPostRow['reason'];
export type DayKind = DutyDay['kind'];

export type {
  AtPostList,
  AttendanceDay,
  AttendanceMonth,
  DutyDay,
  DutyMonth,
  LeaveRequest,
  TodayState,
};

export const attendanceApi = {
  today: () => request<TodayState>('/api/attendance/today'),
  signIn: () => request<TodayState>('/api/attendance/sign-in', { method: 'POST' }),
  signOut: () => request<TodayState>('/api/attendance/sign-out', { method: 'POST' }),
  myMonth: (month: string) => request<AttendanceMonth>('/api/attendance/me', { query: { month } }),
  staffMonth: (staffId: number, month: string) =>
    request<AttendanceMonth>(`/api/attendance/staff/${staffId}`, { query: { month } }),
  correctSignOut: (staffId: number, body: CorrectSignOutBody) =>
    request<AttendanceMonth>(`/api/attendance/staff/${staffId}/sign-out-correction`, {
      method: 'POST',
      body,
    }),
  atPost: (scope: CenterQuery) => scoped.get<AtPostList>('/api/attendance/at-post', scope),
  leave: {
    create: (body: CreateLeaveBody) =>
      request<LeaveRequest>('/api/leave-requests', { method: 'POST', body }),
    mine: () => request<{ items: LeaveRequest[] }>('/api/leave-requests/mine'),
    toApprove: () => request<{ items: LeaveRequest[] }>('/api/leave-requests/to-approve'),
    approve: (id: number, body: ApproveLeaveBody) =>
      request<LeaveRequest>(`/api/leave-requests/${id}/approve`, { method: 'POST', body }),
    reject: (id: number, body: RejectLeaveBody) =>
      request<LeaveRequest>(`/api/leave-requests/${id}/reject`, { method: 'POST', body }),
    cancel: (id: number, version: number) =>
      request<LeaveRequest>(`/api/leave-requests/${id}/cancel`, {
        method: 'POST',
        body: { version },
      }),
  },
  duty: {
    month: (scope: CenterQuery, month: string) =>
      scoped.get<DutyMonth>('/api/duty', scope, { month }),
    set: (scope: CenterQuery, date: string, body: SetDutyBody) =>
      request<DutyDay>(`/api/duty/${date}`, { method: 'PUT', body: { ...body, ...scope } }),
  },
};

export const attendanceKeys = {
  all: ['attendance'] as const,
  today: ['attendance', 'today'] as const,
  myMonth: (month: string) => ['attendance', 'me', month] as const,
  staffMonth: (staffId: number, month: string) => ['attendance', 'staff', staffId, month] as const,
  atPost: (centerId: number | null) => ['attendance', 'at-post', centerId] as const,
  leave: ['leave-requests'] as const,
  mine: ['leave-requests', 'mine'] as const,
  toApprove: ['leave-requests', 'to-approve'] as const,
  duty: (centerId: number | null, month: string) => ['duty', centerId, month] as const,
};

export const useTodayQuery = (enabled = true) =>
  useQuery({ queryKey: attendanceKeys.today, queryFn: attendanceApi.today, enabled });

export const useMyMonthQuery = (month: string, enabled = true) =>
  useQuery({
    queryKey: attendanceKeys.myMonth(month),
    queryFn: () => attendanceApi.myMonth(month),
    enabled,
  });

export const useStaffMonthQuery = (staffId: number | null, month: string) =>
  useQuery({
    queryKey: attendanceKeys.staffMonth(staffId ?? 0, month),
    queryFn: () => attendanceApi.staffMonth(staffId!, month),
    enabled: staffId !== null,
  });

export const useAtPostQuery = () =>
  useCenterQuery(attendanceKeys.atPost, attendanceApi.atPost, { refetchInterval: 60_000 });

export const useMyLeaveQuery = (enabled = true) =>
  useQuery({ queryKey: attendanceKeys.mine, queryFn: attendanceApi.leave.mine, enabled });

export const useToApproveQuery = (enabled = true) =>
  useQuery({ queryKey: attendanceKeys.toApprove, queryFn: attendanceApi.leave.toApprove, enabled });

export const useDutyQuery = (month: string) =>
  useCenterQuery(
    (centerId) => attendanceKeys.duty(centerId, month),
    (scope) => attendanceApi.duty.month(scope, month),
  );
