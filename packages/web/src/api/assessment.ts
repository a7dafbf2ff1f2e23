import { keepPreviousData } from '@tanstack/react-query';
import type {
  Appeal,
  appealOutcome,
  consultBody,
  createAppealBody,
  createInspectionBody,
  createRegulationBody,
  decideAppealBody,
  Finding,
  findingLevel,
  Inspection,
  inspectionLevel,
  newVersionBody,
  PersonSettlement,
  PolicyFields,
  RegulationSummary,
  RegulationVersion,
  SettlementSheet,
  updateVersionBody,
  voidFindingBody,
} from '@bianmin/contracts';
import { fetchFile, request, scoped, uploadFile, type Body, type CenterQuery } from './client.ts';
import { useCenterQuery } from './queries.ts';

export type CreateInspectionBody = Body<typeof createInspectionBody>;
export type FindingInput = CreateInspectionBody['findings'][number];
export type InspectionLevel = Body<typeof inspectionLevel>;
export type FindingLevel = Body<typeof findingLevel>;
export type CreateAppealBody = Body<typeof createAppealBody>;
export type DecideAppealBody = Body<typeof decideAppealBody>;
export type AppealOutcome = Body<typeof appealOutcome>;
export type AppealStatus = Appeal['status'];
export type CreateRegulationBody = Body<typeof createRegulationBody>;
export type NewVersionBody = Body<typeof newVersionBody>;
export type UpdateVersionBody = Body<typeof updateVersionBody>;
export type ConsultBody = Body<typeof consultBody>;
export type VoidFindingBody = Body<typeof voidFindingBody>;
export type SettlementLine = PersonSettlement['lines'][number];
export type LineKind = SettlementLine['kind'];
export type RegulationStatus = RegulationVersion['status'];

export type {
  Appeal,
  Finding,
  Inspection,
  PersonSettlement,
  PolicyFields,
  RegulationSummary,
  RegulationVersion,
  SettlementSheet,
};

/** A half-year: 1 the first (上半年, January–June), 2 the second (下半年). */
export interface HalfYear {
  year: number;
  half: 1 | 2;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface FindingListQuery {
  staffId?: number;
  year?: number;
  page: number;
  pageSize: number;
}

export interface AppealListQuery {
  status?: AppealStatus;
  page: number;
  pageSize: number;
}

/** The types of file the server takes as evidence (it checks the bytes as well). */
export const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];
export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;

const half = (h: HalfYear) => `/api/settlements/${h.year}/${h.half}`;

export const assessmentApi = {
  inspections: {
    list: (scope: CenterQuery) => scoped.get<Inspection[]>('/api/inspections', scope),
    create: (scope: CenterQuery, body: CreateInspectionBody) =>
      scoped.post<Inspection>('/api/inspections', scope, body),
  },

  findings: {
    list: (scope: CenterQuery, q: FindingListQuery) =>
      scoped.get<Page<Finding>>('/api/findings', scope, { ...q }),
    /** Adds a photo or scan to a finding: the file's own bytes, declared with its type. */
    addEvidence: (findingId: number, file: Blob, name: string, type: EvidenceType) =>
      uploadFile<Finding>(`/api/findings/${findingId}/evidence`, file, type, { name }),
    /** Voids a finding entered by mistake (another member of the group, with reasons). */
    void: (findingId: number, body: VoidFindingBody) =>
      request<Finding>(`/api/findings/${findingId}/void`, { method: 'POST', body }),
  },

  /** Where an evidence file is downloaded (the browser sends the session cookie). */
  evidenceUrl: (id: number) => `/api/evidence/${id}`,

  settlements: {
    sheet: (scope: CenterQuery, h: HalfYear) => scoped.get<SettlementSheet>(half(h), scope),
    approve: (scope: CenterQuery, h: HalfYear) =>
      scoped.post<SettlementSheet>(`${half(h)}/approve`, scope),
    exportFile: (scope: CenterQuery, h: HalfYear) => fetchFile(`${half(h)}/export`, { ...scope }),
    person: (scope: CenterQuery, h: HalfYear, staffId: number) =>
      scoped.get<PersonSettlement>(`${half(h)}/staff/${staffId}`, scope),
  },

  appeals: {
    list: (scope: CenterQuery, q: AppealListQuery) =>
      scoped.get<Page<Appeal>>('/api/appeals', scope, { ...q }),
    file: (body: CreateAppealBody) => request<Appeal>('/api/appeals', { method: 'POST', body }),
    decide: (id: number, body: DecideAppealBody) =>
      request<Appeal>(`/api/appeals/${id}/decide`, { method: 'POST', body }),
  },

  regulations: {
    list: (scope: CenterQuery) => scoped.get<RegulationSummary[]>('/api/regulations', scope),
    version: (id: number) => request<RegulationVersion>(`/api/regulation-versions/${id}`),
    create: (scope: CenterQuery, body: CreateRegulationBody) =>
      scoped.post<RegulationVersion>('/api/regulations', scope, body),
    newVersion: (regulationId: number, body: NewVersionBody) =>
      request<RegulationVersion>(`/api/regulations/${regulationId}/versions`, {
        method: 'POST',
        body,
      }),
    update: (id: number, body: UpdateVersionBody) =>
      request<RegulationVersion>(`/api/regulation-versions/${id}`, { method: 'PATCH', body }),
    consult: (id: number, body: ConsultBody) =>
      request<RegulationVersion>(`/api/regulation-versions/${id}/consult`, {
        method: 'POST',
        body,
      }),
    comment: (id: number, comment: string) =>
      request<RegulationVersion>(`/api/regulation-versions/${id}/comments`, {
        method: 'POST',
        body: { comment },
      }),
    sign: (id: number, version: number) =>
      request<RegulationVersion>(`/api/regulation-versions/${id}/sign`, {
        method: 'POST',
        body: { version },
      }),
    publish: (id: number, version: number) =>
      request<RegulationVersion>(`/api/regulation-versions/${id}/publish`, {
        method: 'POST',
        body: { version },
      }),
    acknowledge: (id: number) =>
      request<RegulationVersion>(`/api/regulation-versions/${id}/acknowledge`, {
        method: 'POST',
      }),
  },
};

/**
 * Query keys of the assessment pages. Everything under `['assessment']` (inspections, findings,
 * appeals, money) goes stale after any change there; the regulations keep their own.
 */
export const assessmentKeys = {
  all: ['assessment'] as const,
  inspections: (centerId: number | null) => ['assessment', 'inspections', centerId] as const,
  findings: (centerId: number | null, q: FindingListQuery) =>
    ['assessment', 'findings', centerId, q] as const,
  appeals: (centerId: number | null, q: AppealListQuery) =>
    ['assessment', 'appeals', centerId, q] as const,
  sheet: (centerId: number | null, h: HalfYear) =>
    ['assessment', 'sheet', centerId, h.year, h.half] as const,
  person: (centerId: number | null, h: HalfYear, staffId: number) =>
    ['assessment', 'person', centerId, h.year, h.half, staffId] as const,
  regulationsAll: ['regulations'] as const,
  regulations: (centerId: number | null) => ['regulations', 'list', centerId] as const,
  version: (centerId: number | null, id: number) =>
    ['regulations', 'version', centerId, id] as const,
};

export function useInspectionsQuery() {
  return useCenterQuery(assessmentKeys.inspections, assessmentApi.inspections.list);
}

export function useFindingsQuery(q: FindingListQuery, enabled = true) {
  return useCenterQuery(
    (centerId) => assessmentKeys.findings(centerId, q),
    (scope) => assessmentApi.findings.list(scope, q),
    { enabled },
  );
}

export function useAppealsQuery(q: AppealListQuery, enabled = true) {
  return useCenterQuery(
    (centerId) => assessmentKeys.appeals(centerId, q),
    (scope) => assessmentApi.appeals.list(scope, q),
    { enabled, placeholderData: keepPreviousData },
  );
}

export function useSettlementSheetQuery(h: HalfYear) {
  return useCenterQuery(
    (centerId) => assessmentKeys.sheet(centerId, h),
    (scope) => assessmentApi.settlements.sheet(scope, h),
  );
}

/** One person's money for a half-year; held back while `staffId` is null. */
export function usePersonSettlementQuery(h: HalfYear, staffId: number | null) {
  return useCenterQuery(
    (centerId) => assessmentKeys.person(centerId, h, staffId ?? 0),
    (scope) => assessmentApi.settlements.person(scope, h, staffId!),
    { enabled: staffId !== null },
  );
}

export function useRegulationsQuery() {
  return useCenterQuery(assessmentKeys.regulations, assessmentApi.regulations.list);
}

/** One regulation version; held back while `id` is null. */
export function useRegulationVersionQuery(id: number | null) {
  return useCenterQuery(
    (centerId) => assessmentKeys.version(centerId, id ?? 0),
    () => assessmentApi.regulations.version(id!),
    { enabled: id !== null },
  );
}

/**
 * The assessment standard in force today (amounts, months, appeal term): from the published
 * regulation version in force that carries one; null while loading or when there is none.
 */
export function useInForcePolicy(): PolicyFields | null {
  const list = useRegulationsQuery();
  const id =
    list.data?.flatMap((r) => r.versions).find((v) => v.inForce && v.hasPolicy)?.id ?? null;
  return useRegulationVersionQuery(id).data?.policy ?? null;
}
