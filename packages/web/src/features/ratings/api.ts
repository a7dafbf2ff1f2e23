import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  MyRatings,
  RatingList,
  RatingSettingsView,
  SatisfactionRating,
} from '@bianmin/contracts';
import type { SatisfactionLevel } from '@bianmin/domain';
import { request, scoped, type CenterQuery } from '../../api/client.ts';
import { useCenterQuery } from '../../api/queries.ts';

export type { MyRatings, RatingList, RatingSettingsView, SatisfactionRating };

/** How the center's list is filtered (GET /api/ratings). */
export interface RatingListQuery {
  month?: string;
  level?: SatisfactionLevel;
  bad?: 'true';
  followUp?: 'open' | 'overdue';
  contest?: 'pending';
  page: number;
  pageSize: number;
}

const post = (path: string, body: object) =>
  request<SatisfactionRating>(path, { method: 'POST', body });

export const ratingsApi = {
  list: (scope: CenterQuery, q: RatingListQuery) =>
    scoped.get<RatingList>('/api/ratings', scope, { ...q }),
  mine: () => request<MyRatings>('/api/ratings/mine'),
  ofCase: (caseId: number) => request<SatisfactionRating | null>(`/api/cases/${caseId}/rating`),
  enter: (caseId: number, body: { level: string; reasons: string[]; text: string }) =>
    post(`/api/cases/${caseId}/rating`, body),
  assign: (id: number, body: { version: number; staffId: number }) =>
    post(`/api/ratings/${id}/follow-up/assign`, body),
  contact: (id: number, body: { version: number; contactedAt?: string; note: string }) =>
    post(`/api/ratings/${id}/follow-up/contact`, body),
  reply: (id: number, body: { version: number; rectification: string; reply: string }) =>
    post(`/api/ratings/${id}/follow-up/reply`, body),
  close: (id: number, body: { version: number }) =>
    post(`/api/ratings/${id}/follow-up/close`, body),
  contest: (id: number, body: { reason: string }) => post(`/api/ratings/${id}/contest`, body),
  decide: (id: number, body: { version: number; decision: string; reason: string }) =>
    post(`/api/ratings/${id}/contest/decide`, body),
  settings: (scope: CenterQuery) => scoped.get<RatingSettingsView>('/api/rating-settings', scope),
  updateSettings: (scope: CenterQuery, body: { windowDays: number; version: number }) =>
    scoped.put<RatingSettingsView>('/api/rating-settings', scope, body),
};

/** Every change may move the lists, the director's board and the case's own rating. */
export const ratingKeys = {
  all: ['ratings'] as const,
  list: (centerId: number | null, q: RatingListQuery) => ['ratings', 'list', centerId, q] as const,
  mine: ['ratings', 'mine'] as const,
  ofCase: (caseId: number) => ['ratings', 'case', caseId] as const,
  settings: (centerId: number | null) => ['ratings', 'settings', centerId] as const,
};

export function useRatingsQuery(q: RatingListQuery, enabled = true) {
  return useCenterQuery(
    (centerId) => ratingKeys.list(centerId, q),
    (scope) => ratingsApi.list(scope, q),
    { placeholderData: keepPreviousData, refetchInterval: 60_000, enabled },
  );
}

export const useMyRatingsQuery = () =>
  useQuery({ queryKey: ratingKeys.mine, queryFn: ratingsApi.mine });

export const useCaseRatingQuery = (caseId: number) =>
  useQuery({ queryKey: ratingKeys.ofCase(caseId), queryFn: () => ratingsApi.ofCase(caseId) });

export function useRatingSettingsQuery(enabled = true) {
  return useCenterQuery(ratingKeys.settings, ratingsApi.settings, { enabled });
}
