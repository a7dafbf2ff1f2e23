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
  updateStaffBody,
  updateUserBody,
  updateWindowBody,
  updateWindowUnitBody,
  User,
  WindowUnit,
} from '@bianmin/contracts';
import { request } from './client.ts';

/** The shape a body schema accepts after parsing: what the console sends. */
type Body<S extends { _zod: { output: unknown } }> = S['_zod']['output'];

export type LoginBody = Body<typeof loginBody>;
export type ChangePasswordBody = Body<typeof changePasswordBody>;
export type CreateCenterBody = Body<typeof createCenterBody>;
export type UpdateCenterBody = Body<typeof updateCenterBody>;
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

/** `?centerId=` for a county admin's chosen center; empty for everyone bound to one center. */
export interface CenterQuery {
  centerId?: number;
}

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
  },

  windowUnits: {
    list: (scope: CenterQuery) =>
      request<WindowUnit[]>('/api/window-units', { query: { ...scope } }),
    create: (scope: CenterQuery, body: CreateWindowUnitBody) =>
      request<WindowUnit>('/api/window-units', { method: 'POST', query: { ...scope }, body }),
    update: (scope: CenterQuery, id: number, body: UpdateWindowUnitBody) =>
      request<WindowUnit>(`/api/window-units/${id}`, {
        method: 'PATCH',
        query: { ...scope },
        body,
      }),
  },

  windows: {
    list: (scope: CenterQuery) => request<ServiceWindow[]>('/api/windows', { query: { ...scope } }),
    create: (scope: CenterQuery, body: CreateWindowBody) =>
      request<ServiceWindow>('/api/windows', { method: 'POST', query: { ...scope }, body }),
    update: (scope: CenterQuery, id: number, body: UpdateWindowBody) =>
      request<ServiceWindow>(`/api/windows/${id}`, { method: 'PATCH', query: { ...scope }, body }),
  },

  staff: {
    list: ({ includeLeft, ...rest }: StaffListQuery) =>
      request<Staff[]>('/api/staff', {
        query: { ...rest, includeLeft: includeLeft ? 'true' : undefined },
      }),
    create: (scope: CenterQuery, body: CreateStaffBody) =>
      request<Staff>('/api/staff', { method: 'POST', query: { ...scope }, body }),
    update: (scope: CenterQuery, id: number, body: UpdateStaffBody) =>
      request<Staff>(`/api/staff/${id}`, { method: 'PATCH', query: { ...scope }, body }),
  },

  users: {
    list: (scope: CenterQuery) => request<User[]>('/api/users', { query: { ...scope } }),
    create: (scope: CenterQuery, body: CreateUserBody) =>
      request<User>('/api/users', { method: 'POST', query: { ...scope }, body }),
    update: (scope: CenterQuery, id: number, body: UpdateUserBody) =>
      request<User>(`/api/users/${id}`, { method: 'PATCH', query: { ...scope }, body }),
    disable: (scope: CenterQuery, id: number, version: number) =>
      request<User>(`/api/users/${id}/disable`, {
        method: 'POST',
        query: { ...scope },
        body: { version },
      }),
    enable: (scope: CenterQuery, id: number, version: number) =>
      request<User>(`/api/users/${id}/enable`, {
        method: 'POST',
        query: { ...scope },
        body: { version },
      }),
    resetPassword: (scope: CenterQuery, id: number, body: ResetPasswordBody) =>
      request<User>(`/api/users/${id}/reset-password`, {
        method: 'POST',
        query: { ...scope },
        body,
      }),
  },

  calendar: {
    overview: (scope: CenterQuery) =>
      request<CalendarOverview>('/api/calendar', { query: { ...scope } }),
    year: (scope: CenterQuery, year: number) =>
      request<CalendarYearView>(`/api/calendar/${year}`, { query: { ...scope } }),
    setYear: (scope: CenterQuery, year: number, body: SetCalendarYearBody) =>
      request<CalendarYearView>(`/api/calendar/${year}`, {
        method: 'PUT',
        query: { ...scope },
        body,
      }),
    setHours: (scope: CenterQuery, body: SetBusinessHoursBody) =>
      request<Season[]>('/api/calendar-hours', { method: 'PUT', query: { ...scope }, body }),
  },

  audit: {
    list: (q: AuditListQuery) => request<AuditPage>('/api/audit', { query: { ...q } }),
    verify: (scope: CenterQuery) =>
      request<AuditVerification>('/api/audit/verify', { query: { ...scope } }),
    actors: (scope: CenterQuery) =>
      request<AuditActor[]>('/api/audit/actors', { query: { ...scope } }),
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
