import { keepPreviousData } from '@tanstack/react-query';
import type {
  CalloutList,
  CalloutRow,
  createCalloutBody,
  createVisitBody,
  VisitRow,
  VisitStatusValue,
} from '@bianmin/contracts';
import { request, scoped, type Body, type CenterQuery } from '../../api/client.ts';
import { useCenterQuery } from '../../api/queries.ts';

export type CreateVisitBody = Body<typeof createVisitBody>;
export type CreateCalloutBody = Body<typeof createCalloutBody>;
export type { CalloutList, CalloutRow, VisitRow, VisitStatusValue };

export interface VisitListQuery {
  status?: VisitStatusValue;
  /** Asked for in this month (办件统计). */
  month?: string | undefined;
  q?: string;
  page: number;
  pageSize: number;
}

type Ref = Pick<VisitRow, 'id' | 'version'>;
const post = <T>(path: string, body: object) => request<T>(path, { method: 'POST', body });

export const visitsApi = {
  list: (scope: CenterQuery, q: VisitListQuery) =>
    scoped.get<{ items: VisitRow[]; total: number }>('/api/visits', scope, { ...q }),
  create: (scope: CenterQuery, body: CreateVisitBody) =>
    scoped.post<VisitRow>('/api/visits', scope, body),
  schedule: (v: Ref & { status: VisitStatusValue }, body: { date: string; staffIds: number[] }) =>
    post<VisitRow>(`/api/visits/${v.id}/${v.status === 'scheduled' ? 'reschedule' : 'schedule'}`, {
      version: v.version,
      ...body,
    }),
  record: (
    v: Ref,
    body: { arrivedAt: string; visitorIds: number[]; outcome: string; receiptNo: string },
  ) => post<VisitRow>(`/api/visits/${v.id}/record`, { version: v.version, ...body }),
  cancel: (v: Ref, reason: string) =>
    post<VisitRow>(`/api/visits/${v.id}/cancel`, { version: v.version, reason }),
};

export const calloutsApi = {
  list: (scope: CenterQuery) =>
    scoped.get<CalloutList>('/api/callouts', scope, { page: 1, pageSize: 100 }),
  review: (scope: CenterQuery) => scoped.get<CalloutList>('/api/callouts/review', scope),
  create: (scope: CenterQuery, body: CreateCalloutBody) =>
    scoped.post<CalloutList>('/api/callouts', scope, body),
  arrive: (c: Pick<CalloutRow, 'id' | 'version'>, arrivedAt: string) =>
    post<CalloutRow>(`/api/callouts/${c.id}/arrival`, { version: c.version, arrivedAt }),
  settings: (scope: CenterQuery) =>
    scoped.get<{ responseMinutes: number; version: number }>('/api/callout-settings', scope),
  updateSettings: (scope: CenterQuery, body: { responseMinutes: number; version: number }) =>
    scoped.put<{ responseMinutes: number; version: number }>('/api/callout-settings', scope, body),
};

export const visitKeys = {
  all: ['visits'] as const,
  list: (centerId: number | null, q: VisitListQuery) => ['visits', 'list', centerId, q] as const,
};
export const calloutKeys = {
  all: ['callouts'] as const,
  list: (centerId: number | null) => ['callouts', 'list', centerId] as const,
  review: (centerId: number | null) => ['callouts', 'review', centerId] as const,
  settings: (centerId: number | null) => ['callouts', 'settings', centerId] as const,
};

export function useVisitsQuery(q: VisitListQuery) {
  return useCenterQuery(
    (centerId) => visitKeys.list(centerId, q),
    (scope) => visitsApi.list(scope, q),
    { placeholderData: keepPreviousData, refetchInterval: 60_000 },
  );
}

export const useCalloutsQuery = () => useCenterQuery(calloutKeys.list, calloutsApi.list);
export const useCalloutReviewQuery = (enabled = true) =>
  useCenterQuery(calloutKeys.review, calloutsApi.review, { enabled });
export const useCalloutSettingsQuery = () =>
  useCenterQuery(calloutKeys.settings, calloutsApi.settings);
