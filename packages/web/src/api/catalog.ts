import { keepPreviousData } from '@tanstack/react-query';
import type {
  Board,
  CaseSettings,
  createServiceItemBody,
  decideViolationBody,
  ServiceItem,
  updateCaseSettingsBody,
  updateServiceItemBody,
  ViolationCandidate,
  violationStatus,
} from '@bianmin/contracts';
import { request, scoped, type Body, type CenterQuery } from './client.ts';
import { useCenterQuery } from './queries.ts';

export type CreateServiceItemBody = Body<typeof createServiceItemBody>;
export type UpdateServiceItemBody = Body<typeof updateServiceItemBody>;
export type UpdateCaseSettingsBody = Body<typeof updateCaseSettingsBody>;
export type DecideViolationBody = Body<typeof decideViolationBody>;
export type ViolationStatus = Body<typeof violationStatus>;
export interface ViolationPage {
  items: ViolationCandidate[];
  total: number;
}
export interface ViolationListQuery extends CenterQuery {
  status: ViolationStatus;
  page: number;
  pageSize: number;
}

export type { Board, CaseSettings, ServiceItem, ViolationCandidate };

export const catalogApi = {
  serviceItems: {
    list: (scope: CenterQuery, includeInactive = false) =>
      scoped.get<ServiceItem[]>('/api/service-items', scope, {
        includeInactive: includeInactive ? 'true' : undefined,
      }),
    create: (scope: CenterQuery, body: CreateServiceItemBody) =>
      scoped.post<ServiceItem>('/api/service-items', scope, body),
    update: (scope: CenterQuery, id: number, body: UpdateServiceItemBody) =>
      scoped.patch<ServiceItem>(`/api/service-items/${id}`, scope, body),
  },

  caseSettings: {
    get: (scope: CenterQuery) => scoped.get<CaseSettings>('/api/case-settings', scope),
    update: (scope: CenterQuery, body: UpdateCaseSettingsBody) =>
      scoped.put<CaseSettings>('/api/case-settings', scope, body),
  },

  board: (scope: CenterQuery, month: string | undefined) =>
    scoped.get<Board>('/api/board', scope, { month }),

  violations: {
    list: (q: ViolationListQuery) => request<ViolationPage>('/api/violations', { query: { ...q } }),
    decide: (scope: CenterQuery, id: number, body: DecideViolationBody) =>
      scoped.post<ViolationCandidate>(`/api/violations/${id}/decide`, scope, body),
  },
};

/** Query keys of these pages; the first entry of each is what a mutation invalidates. */
export const catalogKeys = {
  serviceItemsAll: (centerId: number | null) => ['service-items', centerId] as const,
  serviceItems: (centerId: number | null, includeInactive: boolean) =>
    ['service-items', centerId, includeInactive] as const,
  caseSettings: (centerId: number | null) => ['case-settings', centerId] as const,
  boardAll: (centerId: number | null) => ['board', centerId] as const,
  board: (centerId: number | null, month: string | undefined) =>
    ['board', centerId, month ?? 'current'] as const,
  violationsAll: (centerId: number | null) => ['violations', centerId] as const,
  violations: (centerId: number | null, q: Omit<ViolationListQuery, keyof CenterQuery>) =>
    ['violations', centerId, q.status, q.page, q.pageSize] as const,
};

/**
 * The center's service items (服务事项), sorted by code as the server gives them. Without options:
 * the active items, which is what a clerk may accept a case for; the catalog page asks for all.
 */
export function useServiceItemsQuery({
  includeInactive = false,
  enabled = true,
}: { includeInactive?: boolean; enabled?: boolean } = {}) {
  return useCenterQuery(
    (centerId) => catalogKeys.serviceItems(centerId, includeInactive),
    (scope) => catalogApi.serviceItems.list(scope, includeInactive),
    { enabled },
  );
}

export function useCaseSettingsQuery(enabled = true) {
  return useCenterQuery(catalogKeys.caseSettings, catalogApi.caseSettings.get, { enabled });
}

/** The director's board for a month (`YYYY-MM`; this month when undefined), refreshed every minute. */
export function useBoardQuery(month: string | undefined) {
  return useCenterQuery(
    (centerId) => catalogKeys.board(centerId, month),
    (scope) => catalogApi.board(scope, month),
    { refetchInterval: 60_000, placeholderData: keepPreviousData },
  );
}

export function useViolationsQuery(q: Omit<ViolationListQuery, keyof CenterQuery>) {
  return useCenterQuery(
    (centerId) => catalogKeys.violations(centerId, q),
    (scope) => catalogApi.violations.list({ ...scope, ...q }),
  );
}
