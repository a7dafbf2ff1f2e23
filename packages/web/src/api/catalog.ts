import { keepPreviousData, useQuery } from '@tanstack/react-query';
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
import { useCenterScope } from '../center/scope.ts';
import { request } from './client.ts';
import type { CenterQuery } from './endpoints.ts';

/** The shape a body schema accepts after parsing: what the console sends. */
type Body<S extends { _zod: { output: unknown } }> = S['_zod']['output'];

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
      request<ServiceItem[]>('/api/service-items', {
        query: { ...scope, includeInactive: includeInactive ? 'true' : undefined },
      }),
    create: (scope: CenterQuery, body: CreateServiceItemBody) =>
      request<ServiceItem>('/api/service-items', { method: 'POST', query: { ...scope }, body }),
    update: (scope: CenterQuery, id: number, body: UpdateServiceItemBody) =>
      request<ServiceItem>(`/api/service-items/${id}`, {
        method: 'PATCH',
        query: { ...scope },
        body,
      }),
  },

  caseSettings: {
    get: (scope: CenterQuery) =>
      request<CaseSettings>('/api/case-settings', { query: { ...scope } }),
    update: (scope: CenterQuery, body: UpdateCaseSettingsBody) =>
      request<CaseSettings>('/api/case-settings', { method: 'PUT', query: { ...scope }, body }),
  },

  board: (scope: CenterQuery, month: string | undefined) =>
    request<Board>('/api/board', { query: { ...scope, month } }),

  violations: {
    list: (q: ViolationListQuery) => request<ViolationPage>('/api/violations', { query: { ...q } }),
    decide: (scope: CenterQuery, id: number, body: DecideViolationBody) =>
      request<ViolationCandidate>(`/api/violations/${id}/decide`, {
        method: 'POST',
        query: { ...scope },
        body,
      }),
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
  violations: (centerId: number | null, q: ViolationListQuery) =>
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
  const scope = useCenterScope();
  return useQuery({
    queryKey: catalogKeys.serviceItems(scope.centerId, includeInactive),
    queryFn: () => catalogApi.serviceItems.list(scope.query, includeInactive),
    enabled: scope.ready && enabled,
  });
}

export function useCaseSettingsQuery(enabled = true) {
  const scope = useCenterScope();
  return useQuery({
    queryKey: catalogKeys.caseSettings(scope.centerId),
    queryFn: () => catalogApi.caseSettings.get(scope.query),
    enabled: scope.ready && enabled,
  });
}

/** The director's board for a month (`YYYY-MM`; this month when undefined), refreshed every minute. */
export function useBoardQuery(month: string | undefined) {
  const scope = useCenterScope();
  return useQuery({
    queryKey: catalogKeys.board(scope.centerId, month),
    queryFn: () => catalogApi.board(scope.query, month),
    enabled: scope.ready,
    refetchInterval: 60_000,
    placeholderData: keepPreviousData,
  });
}

export function useViolationsQuery(q: Omit<ViolationListQuery, keyof CenterQuery>) {
  const scope = useCenterScope();
  const query: ViolationListQuery = { ...scope.query, ...q };
  return useQuery({
    queryKey: catalogKeys.violations(scope.centerId, query),
    queryFn: () => catalogApi.violations.list(query),
    enabled: scope.ready,
  });
}
