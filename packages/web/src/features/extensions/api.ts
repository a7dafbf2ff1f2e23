import type {
  CaseExtensions,
  CaseUrges,
  ExtensionRequest,
  ExtensionRequestList,
  createExtensionRequestBody,
  decideExtensionBody,
} from '@bianmin/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { scoped, type Body, type CenterQuery } from '../../api/client.ts';
import { useCenterQuery } from '../../api/queries.ts';
import { catalogKeys } from '../../api/catalog.ts';
import { useCenterScope } from '../../center/scope.ts';

export type { CaseExtensions, CaseUrges, ExtensionRequest };
export type CreateExtensionRequestBody = Body<typeof createExtensionRequestBody>;
export type DecideExtensionBody = Body<typeof decideExtensionBody>;

/** 延期申请 and 催办 (docs/cases.md). */
export const extensionsApi = {
  forCase: (scope: CenterQuery, caseId: number) =>
    scoped.get<CaseExtensions>(`/api/cases/${caseId}/extension-requests`, scope),
  one: (scope: CenterQuery, id: number) =>
    scoped.get<ExtensionRequest>(`/api/extension-requests/${id}`, scope),
  list: (scope: CenterQuery, status: 'pending' | 'all') =>
    scoped.get<ExtensionRequestList>('/api/extension-requests', scope, { status }),
  request: (scope: CenterQuery, caseId: number, body: CreateExtensionRequestBody) =>
    scoped.post<ExtensionRequest>(`/api/cases/${caseId}/extension-requests`, scope, body),
  decide: (scope: CenterQuery, id: number, body: DecideExtensionBody) =>
    scoped.post<ExtensionRequest>(`/api/extension-requests/${id}/decide`, scope, body),
  withdraw: (scope: CenterQuery, id: number, version: number) =>
    scoped.post<ExtensionRequest>(`/api/extension-requests/${id}/withdraw`, scope, { version }),
  urges: (scope: CenterQuery, caseId: number) =>
    scoped.get<CaseUrges>(`/api/cases/${caseId}/urges`, scope),
  urge: (scope: CenterQuery, caseId: number, note: string) =>
    scoped.post<CaseUrges>(`/api/cases/${caseId}/urge`, scope, { note }),
};

/**
 * Query keys, all under `['cases']`: a case command (which refetches everything under it) also
 * refreshes the requests and urges shown beside the case.
 */
export const extensionKeys = {
  all: ['cases', 'extensions'] as const,
  forCase: (centerId: number | null, caseId: number) =>
    ['cases', 'extensions', 'case', centerId, caseId] as const,
  one: (centerId: number | null, id: number) =>
    ['cases', 'extensions', 'one', centerId, id] as const,
  list: (centerId: number | null, status: string) =>
    ['cases', 'extensions', 'list', centerId, status] as const,
  urges: (centerId: number | null, caseId: number) => ['cases', 'urges', centerId, caseId] as const,
};

export const useCaseExtensionsQuery = (caseId: number) =>
  useCenterQuery(
    (centerId) => extensionKeys.forCase(centerId, caseId),
    (scope) => extensionsApi.forCase(scope, caseId),
  );

export const useExtensionRequestQuery = (id: number) =>
  useCenterQuery(
    (centerId) => extensionKeys.one(centerId, id),
    (scope) => extensionsApi.one(scope, id),
  );

export const useExtensionListQuery = (status: 'pending' | 'all') =>
  useCenterQuery(
    (centerId) => extensionKeys.list(centerId, status),
    (scope) => extensionsApi.list(scope, status),
    { refetchInterval: 60_000 },
  );

export const useCaseUrgesQuery = (caseId: number) =>
  useCenterQuery(
    (centerId) => extensionKeys.urges(centerId, caseId),
    (scope) => extensionsApi.urges(scope, caseId),
  );

/** After a request, a decision or an urge: the case pages, the lists and the board refetch. */
export function useRefreshAfterChange() {
  const queryClient = useQueryClient();
  const scope = useCenterScope();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['cases'] });
    void queryClient.invalidateQueries({ queryKey: catalogKeys.boardAll(scope.centerId) });
  };
}
