import { keepPreviousData } from '@tanstack/react-query';
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
  HandOverTargets,
  Light,
  Notice,
  NoticeContent,
  NoticeRef,
  pauseBody,
  PublicCaseStatus,
  recordOutcomeBody,
  resumeBody,
  returnBody,
  ServiceItem,
  submitBody,
  supplementBody,
  Workbench,
  CaseKindFilter,
} from '@bianmin/contracts';
import type { CaseStatus, Channel } from '@bianmin/domain';
import { catalogApi } from './catalog.ts';
import { buildUrl, request, scoped, type Body, type CenterQuery } from './client.ts';
import { useCenterQuery } from './queries.ts';
import { staffHref } from '../lib/paths.ts';

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
export type RecordOutcomeBody = Body<typeof recordOutcomeBody>;
export type CompleteBody = Body<typeof completeBody>;
export type CorrectNoticeBody = Body<typeof correctNoticeBody>;

export type {
  CaseDetail,
  CasePage,
  CaseSummary,
  HandOverTargets,
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
  /** The lists behind 办件统计 (docs/statistics.md). */
  closedMonth?: string;
  receivedMonth?: string;
  holderStaffId?: number;
  onTime?: 'true' | 'false';
  channel?: Channel;
  kind?: CaseKindFilter;
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
  'record-outcome': RecordOutcomeBody;
  complete: CompleteBody;
}
export type CaseCommandName = keyof CaseCommandBodies;

export const casesApi = {
  workbench: (scope: CenterQuery) => scoped.get<Workbench>('/api/workbench', scope),

  list: ({ mine, ...rest }: CaseListQuery) =>
    request<CasePage>('/api/cases', {
      query: { ...rest, mine: mine ? 'true' : undefined },
    }),
  get: (scope: CenterQuery, id: number) => scoped.get<CaseDetail>(`/api/cases/${id}`, scope),
  create: (scope: CenterQuery, body: CreateCaseBody) =>
    scoped.post<CaseDetail>('/api/cases', scope, body),
  command: <C extends CaseCommandName>(
    scope: CenterQuery,
    id: number,
    command: C,
    body: CaseCommandBodies[C],
  ) => scoped.post<CaseDetail>(`/api/cases/${id}/${command}`, scope, body),
  /** Whom the case can go to: the item's windows first, with who is at the post. */
  handOverTargets: (scope: CenterQuery, caseId: number) =>
    scoped.get<HandOverTargets>(`/api/cases/${caseId}/hand-over-targets`, scope),
  /** The same before a visitor is registered, for the item chosen at the window. */
  intakeTargets: (scope: CenterQuery, itemId: number | null) =>
    scoped.get<HandOverTargets>('/api/hand-over-targets', scope, {
      itemId: itemId ?? undefined,
    }),
  reveal: (scope: CenterQuery, id: number, field: 'idNumber' | 'phone') =>
    scoped.post<{ value: string | null }>(`/api/cases/${id}/reveal`, scope, { field }),

  notice: (scope: CenterQuery, id: number) => scoped.get<Notice>(`/api/notices/${id}`, scope),
  correctNotice: (scope: CenterQuery, id: number, body: CorrectNoticeBody) =>
    scoped.post<Notice>(`/api/notices/${id}/correct`, scope, body),
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
  list: (centerId: number | null, q: Omit<CaseListQuery, keyof CenterQuery>) =>
    ['cases', 'list', centerId, q] as const,
  detail: (centerId: number | null, id: number) => ['cases', 'detail', centerId, id] as const,
  targets: (centerId: number | null, caseId: number | null, itemId: number | null) =>
    ['cases', 'targets', centerId, caseId, itemId] as const,
  notice: (centerId: number | null, id: number) => ['cases', 'notice', centerId, id] as const,
};

/** Where a notice is printed: its own page, without the console around it. */
export const noticePrintPath = (id: number) => staffHref(`/notices/${id}/print`);

/**
 * The catalog's active items, for the intake form and the accept form. Cached apart from the catalog
 * page's list: a case command refreshes it (it is under `['cases']`), and it keeps five minutes.
 */
export function useServiceItemsQuery(enabled = true) {
  return useCenterQuery(caseKeys.serviceItems, (scope) => catalogApi.serviceItems.list(scope), {
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** The clerk's workbench; refreshed every minute so a colleague's hand-over shows up. */
export function useWorkbenchQuery() {
  return useCenterQuery(caseKeys.workbench, casesApi.workbench, { refetchInterval: 60_000 });
}

export function useCaseListQuery(q: Omit<CaseListQuery, keyof CenterQuery>) {
  return useCenterQuery(
    (centerId) => caseKeys.list(centerId, q),
    (scope) => casesApi.list({ ...q, ...scope }),
    { placeholderData: keepPreviousData },
  );
}

export function useCaseQuery(id: number) {
  return useCenterQuery(
    (centerId) => caseKeys.detail(centerId, id),
    (scope) => casesApi.get(scope, id),
    { enabled: Number.isSafeInteger(id) && id > 0 },
  );
}

/**
 * Whom a case (or, at the window, a visitor for an item) can be handed over to, from the server:
 * the item's windows first, each person with whether at the post now. Fresh each time the form opens.
 */
export function useHandOverTargetsQuery(target: { caseId: number } | { itemId: number | null }) {
  const caseId = 'caseId' in target ? target.caseId : null;
  const itemId = 'itemId' in target ? target.itemId : null;
  return useCenterQuery(
    (centerId) => caseKeys.targets(centerId, caseId, itemId),
    (scope) =>
      caseId !== null
        ? casesApi.handOverTargets(scope, caseId)
        : casesApi.intakeTargets(scope, itemId),
    { staleTime: 0 },
  );
}
