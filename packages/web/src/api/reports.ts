import { keepPreviousData } from '@tanstack/react-query';
import type {
  createReferralBody,
  createReportBody,
  decideReportBody,
  PublicReport,
  Referral,
  referralOutcomeBody,
  replyReportBody,
} from '@bianmin/contracts';
import { request, scoped, type Body, type CenterQuery } from './client.ts';
import { useCenterQuery } from './queries.ts';

export type CreateReportBody = Body<typeof createReportBody>;
export type DecideReportBody = Body<typeof decideReportBody>;
export type ReplyReportBody = Body<typeof replyReportBody>;
export type CreateReferralBody = Body<typeof createReferralBody>;
export type ReferralOutcomeBody = Body<typeof referralOutcomeBody>;
export type ReportStage = PublicReport['stage'];
export type ReportChannel = PublicReport['channel'];
export type ReplyMethod = NonNullable<PublicReport['reply']>['replyMethod'];
export type { PublicReport, Referral };

export interface ReportListQuery {
  stage?: ReportStage;
  /** Received in this month; only the overdue (办件统计). */
  month?: string;
  overdue?: 'true';
  page: number;
  pageSize: number;
}

export const reportsApi = {
  list: (scope: CenterQuery, q: ReportListQuery) =>
    scoped.get<{ items: PublicReport[]; total: number }>('/api/reports', scope, { ...q }),
  register: (scope: CenterQuery, body: CreateReportBody) =>
    scoped.post<PublicReport>('/api/reports', scope, body),
  /** The reporter in full: every call is written to the audit trail. */
  reveal: (id: number) =>
    request<{ reporterName: string; reporterContact: string }>(`/api/reports/${id}/reveal`, {
      method: 'POST',
    }),
  decide: (id: number, body: DecideReportBody) =>
    request<PublicReport>(`/api/reports/${id}/decide`, { method: 'POST', body }),
  reply: (id: number, body: ReplyReportBody) =>
    request<PublicReport>(`/api/reports/${id}/reply`, { method: 'POST', body }),
  referrals: {
    list: (scope: CenterQuery) => scoped.get<Referral[]>('/api/referrals', scope),
    create: (body: CreateReferralBody) =>
      request<Referral>('/api/referrals', { method: 'POST', body }),
    outcome: (id: number, body: ReferralOutcomeBody) =>
      request<Referral>(`/api/referrals/${id}/outcome`, { method: 'POST', body }),
  },
};

/** Reports under `['reports']`; referrals under the assessment keys (they change findings' view). */
export const reportKeys = {
  all: ['reports'] as const,
  list: (centerId: number | null, q: ReportListQuery) => ['reports', 'list', centerId, q] as const,
  referralsAll: ['assessment', 'referrals'] as const,
  referrals: (centerId: number | null) => ['assessment', 'referrals', centerId] as const,
};

export function useReportsQuery(q: ReportListQuery) {
  return useCenterQuery(
    (centerId) => reportKeys.list(centerId, q),
    (scope) => reportsApi.list(scope, q),
    { placeholderData: keepPreviousData },
  );
}

export function useReferralsQuery(enabled = true) {
  return useCenterQuery(reportKeys.referrals, reportsApi.referrals.list, { enabled });
}
