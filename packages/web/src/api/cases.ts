import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  acceptBody,
  answerBody,
  CaseDetail,
  CasePage,
  CaseSummary,
  completeBody,
  correctNoticeBody,
  createCaseBody,
  expediteBody,
  extendBody,
  handOverBody,
  Light,
  Notice,
  NoticeContent,
  NoticeRef,
  pauseBody,
  PublicCaseStatus,
  resumeBody,
  returnBody,
  ServiceItem,
  submitBody,
  supplementBody,
  Workbench,
} from '@bianmin/contracts';
import type { CaseStatus } from '@bianmin/domain';
import { useCenterScope } from '../center/scope.ts';
import { buildUrl, request } from './client.ts';
import type { CenterQuery } from './endpoints.ts';

/** The shape a body schema accepts after parsing: what the console sends. */
type Body<S extends { _zod: { output: unknown } }> = S['_zod']['output'];

export type CreateCaseBody = Body<typeof createCaseBody>;
export type IntakeAction = NonNullable<CreateCaseBody['then']>;
export type HandOverBody = Body<typeof handOverBody>;
export type AnswerBody = Body<typeof answerBody>;
export type SupplementBody = Body<typeof supplementBody>;
export type ReturnBody = Body<typeof returnBody>;
export type AcceptBody = Body<typeof acceptBody>;
export type PauseBody = Body<typeof pauseBody>;
export type ResumeBody = Body<typeof resumeBody>;
export type ExtendBody = Body<typeof extendBody>;
export type ExpediteBody = Body<typeof expediteBody>;
export type SubmitBody = Body<typeof submitBody>;
export type CompleteBody = Body<typeof completeBody>;
export type CorrectNoticeBody = Body<typeof correctNoticeBody>;

export type {
  CaseDetail,
  CasePage,
  CaseSummary,
  Light,
  Notice,
  NoticeContent,
  NoticeRef,
  PublicCaseStatus,
  ServiceItem,
  Workbench,
};

/** What the case list can be filtered by (GET /api/cases). */
export interface CaseListQuery extends CenterQuery {
  status?: 'open' | 'closed' | CaseStatus;
  mine?: boolean;
  windowId?: number;
  itemId?: number;
  light?: Light;
  q?: string;
  page: number;
  pageSize: number;
}

/** The commands on one case, by the path segment of their endpoint. */
export interface CaseCommandBodies {
  'hand-over': HandOverBody;
  answer: AnswerBody;
  supplement: SupplementBody;
  return: ReturnBody;
  accept: AcceptBody;
  pause: PauseBody;
  resume: ResumeBody;
  extend: ExtendBody;
  expedite: ExpediteBody;
  submit: SubmitBody;
  complete: CompleteBody;
}
export type CaseCommandName = keyof CaseCommandBodies;

export const casesApi = {
  serviceItems: (scope: CenterQuery) =>
    request<ServiceItem[]>('/api/service-items', { query: { ...scope } }),

  workbench: (scope: CenterQuery) => request<Workbench>('/api/workbench', { query: { ...scope } }),

  list: ({ mine, ...rest }: CaseListQuery) =>
    request<CasePage>('/api/cases', {
      query: { ...rest, mine: mine ? 'true' : undefined },
    }),
  get: (scope: CenterQuery, id: number) =>
    request<CaseDetail>(`/api/cases/${id}`, { query: { ...scope } }),
  create: (scope: CenterQuery, body: CreateCaseBody) =>
    request<CaseDetail>('/api/cases', { method: 'POST', query: { ...scope }, body }),
  command: <C extends CaseCommandName>(
    scope: CenterQuery,
    id: number,
    command: C,
    body: CaseCommandBodies[C],
  ) =>
    request<CaseDetail>(`/api/cases/${id}/${command}`, {
      method: 'POST',
      query: { ...scope },
      body,
    }),
  reveal: (scope: CenterQuery, id: number, field: 'idNumber' | 'phone') =>
    request<{ value: string | null }>(`/api/cases/${id}/reveal`, {
      method: 'POST',
      query: { ...scope },
      body: { field },
    }),

  notice: (scope: CenterQuery, id: number) =>
    request<Notice>(`/api/notices/${id}`, { query: { ...scope } }),
  correctNotice: (scope: CenterQuery, id: number, body: CorrectNoticeBody) =>
    request<Notice>(`/api/notices/${id}/correct`, { method: 'POST', query: { ...scope }, body }),
  noticePdfUrl: (scope: CenterQuery, id: number) =>
    buildUrl(`/api/notices/${id}/pdf`, { ...scope }),

  publicStatus: (receiptNo: string, queryCode: string) =>
    request<PublicCaseStatus>('/api/public/case-status', {
      query: { receiptNo, queryCode },
      skipAuthRedirect: true,
    }),
};

/** Query keys of the case pages; everything under `['cases']` goes stale after a command. */
export const caseKeys = {
  all: ['cases'] as const,
  serviceItems: (centerId: number | null) => ['cases', 'service-items', centerId] as const,
  workbench: (centerId: number | null) => ['cases', 'workbench', centerId] as const,
  lists: (centerId: number | null) => ['cases', 'list', centerId] as const,
  list: (centerId: number | null, q: CaseListQuery) => ['cases', 'list', centerId, q] as const,
  detail: (centerId: number | null, id: number) => ['cases', 'detail', centerId, id] as const,
  notice: (centerId: number | null, id: number) => ['cases', 'notice', centerId, id] as const,
};

/** Where a notice is printed: its own page, without the console around it. */
export const noticePrintPath = (id: number) => `/notices/${id}/print`;

/** The catalog's items, for the intake form. */
export function useServiceItemsQuery(enabled = true) {
  const scope = useCenterScope();
  return useQuery({
    queryKey: caseKeys.serviceItems(scope.centerId),
    queryFn: () => casesApi.serviceItems(scope.query),
    enabled: scope.ready && enabled,
    staleTime: 5 * 60_000,
  });
}

/** The clerk's workbench; refreshed every minute so a colleague's hand-over shows up. */
export function useWorkbenchQuery() {
  const scope = useCenterScope();
  return useQuery({
    queryKey: caseKeys.workbench(scope.centerId),
    queryFn: () => casesApi.workbench(scope.query),
    enabled: scope.ready,
    refetchInterval: 60_000,
  });
}

export function useCaseListQuery(q: Omit<CaseListQuery, 'centerId'>) {
  const scope = useCenterScope();
  const query = { ...q, ...scope.query };
  return useQuery({
    queryKey: caseKeys.list(scope.centerId, query),
    queryFn: () => casesApi.list(query),
    enabled: scope.ready,
    placeholderData: keepPreviousData,
  });
}

export function useCaseQuery(id: number) {
  const scope = useCenterScope();
  return useQuery({
    queryKey: caseKeys.detail(scope.centerId, id),
    queryFn: () => casesApi.get(scope.query, id),
    enabled: scope.ready && Number.isSafeInteger(id) && id > 0,
  });
}
