import type {
  decideEvaluationBody,
  EvaluationSheet,
  PersonEvaluation,
  RatingValue,
} from '@bianmin/contracts';
import { scoped, type Body, type CenterQuery } from './client.ts';
import { useCenterQuery } from './queries.ts';

export type DecideEvaluationBody = Body<typeof decideEvaluationBody>;
export type { EvaluationSheet, PersonEvaluation, RatingValue };

/** The civil-service scale, best first. */
export const RATING_VALUES: readonly RatingValue[] = ['优秀', '称职', '基本称职', '不称职'];

const base = (year: number) => `/api/evaluations/${year}`;

export const evaluationsApi = {
  sheet: (scope: CenterQuery, year: number) => scoped.get<EvaluationSheet>(base(year), scope),
  person: (scope: CenterQuery, year: number, staffId: number) =>
    scoped.get<PersonEvaluation>(`${base(year)}/staff/${staffId}`, scope),
  decide: (scope: CenterQuery, year: number, staffId: number, body: DecideEvaluationBody) =>
    scoped.post<PersonEvaluation>(`${base(year)}/staff/${staffId}/decide`, scope, body),
};

/**
 * Query keys: under `['assessment']` so that any assessment change (a finding revoked on appeal, a
 * rating appeal decided) refreshes the evaluations too.
 */
export const evaluationKeys = {
  sheet: (centerId: number | null, year: number) =>
    ['assessment', 'evaluations', centerId, year] as const,
  person: (centerId: number | null, year: number, staffId: number) =>
    ['assessment', 'evaluation', centerId, year, staffId] as const,
};

export function useEvaluationSheetQuery(year: number) {
  return useCenterQuery(
    (centerId) => evaluationKeys.sheet(centerId, year),
    (scope) => evaluationsApi.sheet(scope, year),
  );
}

/** One person's evaluation of a year; held back while `staffId` is null. */
export function usePersonEvaluationQuery(year: number, staffId: number | null) {
  return useCenterQuery(
    (centerId) => evaluationKeys.person(centerId, year, staffId ?? 0),
    (scope) => evaluationsApi.person(scope, year, staffId!),
    { enabled: staffId !== null, retry: false },
  );
}
