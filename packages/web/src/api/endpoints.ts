import type {
  AuditEntry,
  AuditActor,
  AuditPage,
  AuditVerification,
  CalendarOverview,
  CalendarYearView,
  Center,
  changePasswordBody,
  createCenterBody,
  createStaffBody,
  createUserBody,
  createWindowBody,
  createWindowUnitBody,
  Health,
  loginBody,
  Me,
  resetPasswordBody,
  ServiceWindow,
  setBusinessHoursBody,
  setCalendarYearBody,
  Staff,
  updateCenterBody,
  updateCenterContactBody,
  updateStaffBody,
  updateUserBody,
  updateWindowBody,
  updateWindowUnitBody,
  User,
  WindowUnit,
} from '@bianmin/contracts';
import { request, scoped, type Body, type CenterQuery } from './client.ts';

export type LoginBody = Body<typeof loginBody>;
export type ChangePasswordBody = Body<typeof changePasswordBody>;
export type CreateCenterBody = Body<typeof createCenterBody>;
export type UpdateCenterBody = Body<typeof updateCenterBody>;
export type UpdateCenterContactBody = Body<typeof updateCenterContactBody>;
export type CreateWindowUnitBody = Body<typeof createWindowUnitBody>;
export type UpdateWindowUnitBody = Body<typeof updateWindowUnitBody>;
export type CreateWindowBody = Body<typeof createWindowBody>;
export type UpdateWindowBody = Body<typeof updateWindowBody>;
export type CreateStaffBody = Body<typeof createStaffBody>;
export type UpdateStaffBody = Body<typeof updateStaffBody>;
export type CreateUserBody = Body<typeof createUserBody>;
export type UpdateUserBody = Body<typeof updateUserBody>;
export type ResetPasswordBody = Body<typeof resetPasswordBody>;
export type SetCalendarYearBody = Body<typeof setCalendarYearBody>;
export type SetBusinessHoursBody = Body<typeof setBusinessHoursBody>;
export type Season = SetBusinessHoursBody['seasons'][number];

export interface StaffListQuery extends CenterQuery {
  q?: string;
  includeLeft?: boolean;
}

export interface AuditListQuery extends CenterQuery {
  page: number;
  pageSize: number;
  actorUserId?: number;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
}

export type {
  AuditEntry,
  AuditPage,
  AuditVerification,
  CalendarOverview,
  CalendarYearView,
  Center,
  Health,
  Me,
  ServiceWindow,
  Staff,
  User,
  WindowUnit,
};

export const api = {
  health: () => request<Health>('/api/health'),

  auth: {
    login: (body: LoginBody) =>
      request<Me>('/api/auth/login', { method: 'POST', body, skipAuthRedirect: true }),
    logout: () => request<void>('/api/auth/logout', { method: 'POST', skipAuthRedirect: true }),
    me: () => request<Me>('/api/auth/me', { skipAuthRedirect: true }),
    changePassword: (body: ChangePasswordBody) =>
      request<void>('/api/auth/password', { method: 'POST', body }),
  },

  centers: {
    list: () => request<Center[]>('/api/centers'),
    create: (body: CreateCenterBody) => request<Center>('/api/centers', { method: 'POST', body }),
    update: (id: number, body: UpdateCenterBody) =>
      request<Center>(`/api/centers/${id}`, { method: 'PATCH', body }),
    /** A center's address and service phone (its own admin may change them, not its name). */
    updateContact: (id: number, body: UpdateCenterContactBody) =>
      request<Center>(`/api/centers/${id}/contact`, { method: 'PATCH', body }),
  },

  windowUnits: {
    list: (scope: CenterQuery) => scoped.get<WindowUnit[]>('/api/window-units', scope),
    create: (scope: CenterQuery, body: CreateWindowUnitBody) =>
      scoped.post<WindowUnit>('/api/window-units', scope, body),
    update: (scope: CenterQuery, id: number, body: UpdateWindowUnitBody) =>
      scoped.patch<WindowUnit>(`/api/window-units/${id}`, scope, body),
  },

  windows: {
    list: (scope: CenterQuery) => scoped.get<ServiceWindow[]>('/api/windows', scope),
    create: (scope: CenterQuery, body: CreateWindowBody) =>
      scoped.post<ServiceWindow>('/api/windows', scope, body),
    update: (scope: CenterQuery, id: number, body: UpdateWindowBody) =>
      scoped.patch<ServiceWindow>(`/api/windows/${id}`, scope, body),
  },

  staff: {
    list: ({ includeLeft, ...rest }: StaffListQuery) =>
      request<Staff[]>('/api/staff', {
        query: { ...rest, includeLeft: includeLeft ? 'true' : undefined },
      }),
    create: (scope: CenterQuery, body: CreateStaffBody) =>
      scoped.post<Staff>('/api/staff', scope, body),
    update: (scope: CenterQuery, id: number, body: UpdateStaffBody) =>
      scoped.patch<Staff>(`/api/staff/${id}`, scope, body),
  },

  users: {
    list: (scope: CenterQuery) => scoped.get<User[]>('/api/users', scope),
    create: (scope: CenterQuery, body: CreateUserBody) =>
      scoped.post<User>('/api/users', scope, body),
    update: (scope: CenterQuery, id: number, body: UpdateUserBody) =>
      scoped.patch<User>(`/api/users/${id}`, scope, body),
    disable: (scope: CenterQuery, id: number, version: number) =>
      scoped.post<User>(`/api/users/${id}/disable`, scope, { version }),
    enable: (scope: CenterQuery, id: number, version: number) =>
      scoped.post<User>(`/api/users/${id}/enable`, scope, { version }),
    resetPassword: (scope: CenterQuery, id: number, body: ResetPasswordBody) =>
      scoped.post<User>(`/api/users/${id}/reset-password`, scope, body),
  },

  calendar: {
    overview: (scope: CenterQuery) => scoped.get<CalendarOverview>('/api/calendar', scope),
    year: (scope: CenterQuery, year: number) =>
      scoped.get<CalendarYearView>(`/api/calendar/${year}`, scope),
    setYear: (scope: CenterQuery, year: number, body: SetCalendarYearBody) =>
      scoped.put<CalendarYearView>(`/api/calendar/${year}`, scope, body),
    setHours: (scope: CenterQuery, body: SetBusinessHoursBody) =>
      scoped.put<Season[]>('/api/calendar-hours', scope, body),
  },

  audit: {
    list: (q: AuditListQuery) => request<AuditPage>('/api/audit', { query: { ...q } }),
    verify: (scope: CenterQuery) => scoped.get<AuditVerification>('/api/audit/verify', scope),
    actors: (scope: CenterQuery) => scoped.get<AuditActor[]>('/api/audit/actors', scope),
  },
};

/** Query keys, one place, so mutations invalidate exactly what they change. */
export const keys = {
  me: ['auth', 'me'] as const,
  health: ['health'] as const,
  centers: ['centers'] as const,
  windowUnits: (centerId: number | null) => ['window-units', centerId] as const,
  windows: (centerId: number | null) => ['windows', centerId] as const,
  staffAll: (centerId: number | null) => ['staff', centerId] as const,
  staff: (centerId: number | null, q: string, includeLeft: boolean) =>
    ['staff', centerId, q, includeLeft] as const,
  users: (centerId: number | null) => ['users', centerId] as const,
  calendar: (centerId: number | null) => ['calendar', centerId] as const,
  calendarYear: (centerId: number | null, year: number) => ['calendar', centerId, year] as const,
  audit: (centerId: number | null, q: AuditListQuery) => ['audit', centerId, q] as const,
  auditActors: (centerId: number | null) => ['audit', 'actors', centerId] as const,
};
