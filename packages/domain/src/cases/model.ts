/**
 * Cases (办件) under time limits (限时办结, DOMAIN.md §1) with first-inquiry responsibility
 * (首问负责, §2): the vocabulary shared by the state machine, the terms and the notices.
 *
 * Instants are epoch milliseconds; civil dates are Asia/Shanghai.
 */

/** How the request reached the center. */
export const CHANNELS = ['window', 'phone', 'letter', 'email', 'online', 'door'] as const;
export type Channel = (typeof CHANNELS)[number];

export const APPLICANT_TYPES = ['person', 'enterprise'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

/** The four sub-kinds of an accepted case (受理件). */
export const ACCEPTED_KINDS = ['immediate', 'promised', 'petition', 'reported'] as const;
export type AcceptedKind = (typeof ACCEPTED_KINDS)[number];

/**
 * Where a case stands.
 * - received: recorded, not yet classified (handed over, or sent to the business section);
 * - answered: an inquiry (咨询件), answered — closed;
 * - awaiting_materials: a supplement notice (补充件) was issued; the clock has not started;
 * - returned: returned (退回件) with written reasons — closed;
 * - in_progress: accepted (受理件), the clock runs;
 * - paused: accepted, the clock stopped for time that does not count;
 * - with_authority: a reported case (上报件) submitted to the higher authority, the clock runs;
 * - completed: done, with its result — closed.
 */
export const CASE_STATUSES = [
  'received',
  'answered',
  'awaiting_materials',
  'returned',
  'in_progress',
  'paused',
  'with_authority',
  'completed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses in which the case is still someone's work. */
export const OPEN_STATUSES: readonly CaseStatus[] = [
  'received',
  'awaiting_materials',
  'in_progress',
  'paused',
  'with_authority',
];
/** Statuses in which the term runs (or is paused). */
export const RUNNING_STATUSES: readonly CaseStatus[] = ['in_progress', 'paused', 'with_authority'];

export const isOpen = (status: CaseStatus) => OPEN_STATUSES.includes(status);

/** Time that does not count (行政许可法 第四十五条): hearing, testing, expert review, the applicant. */
export const PAUSE_REASONS = ['hearing', 'testing', 'expert_review', 'awaiting_applicant'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** How a visitor was handed over (首问负责): taken to the window, or settled by phone. */
export const HANDOVER_METHODS = ['escorted', 'phone'] as const;
export type HandoverMethod = (typeof HANDOVER_METHODS)[number];

/** The notices (通知书) a case can carry. */
export const NOTICE_TYPES = [
  'inquiry',
  'supplement',
  'returned',
  'immediate',
  'promised',
  'petition',
  'reported',
  'extension',
] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

/** Who holds a case now: a staff member at a window, or the business section (联办件). */
export interface Holder {
  readonly staffId: number | null;
  readonly windowId: number | null;
  readonly businessSection: boolean;
}

export interface Handover {
  readonly at: number;
  /** Who handed the case over: the holder, or the director acting for the holder. */
  readonly byStaffId: number | null;
  readonly fromStaffId: number | null;
  readonly fromWindowId: number | null;
  readonly to: Holder;
  readonly method: HandoverMethod;
  readonly note: string;
}

export interface PauseRecord {
  readonly from: number;
  /** null while the pause lasts. */
  readonly to: number | null;
  readonly reason: PauseReason;
  readonly note: string;
}

/** The one extension a term may get (行政许可法 第四十二条), approved by a named leader. */
export interface Extension {
  /** When it was granted. */
  readonly at: number;
  readonly days: number;
  readonly approverName: string;
  readonly reason: string;
  /** When the holder asked for it, if by a request (延期申请): the instant it was judged at. */
  readonly requestedAt?: number;
}

/** What the higher authority decided on a reported case (上报件). */
export const AUTHORITY_RESULTS = ['approved', 'refused', 'other'] as const;
export type AuthorityResult = (typeof AUTHORITY_RESULTS)[number];

export interface AuthorityOutcome {
  /** When the window recorded it. */
  readonly at: number;
  readonly result: AuthorityResult;
  readonly note: string;
}

/** A reported case's submission to the higher authority (上报件). */
export interface Submission {
  readonly at: number;
  readonly authority: string;
  /** The higher authority's own due date (Asia/Shanghai date). */
  readonly dueDate: string;
  /** The authority's answer, recorded before the case may be completed; null while awaited. */
  readonly outcome: AuthorityOutcome | null;
}

/**
 * The decision whether to accept a petition (信访工作条例: within 15 days of receipt, in writing):
 * accepted (the case is accepted as a petition) or not (returned with a written notice).
 */
export interface PetitionDecision {
  readonly at: number;
  readonly accepted: boolean;
}

/** Numbers a center may set (all have the defaults of DOMAIN.md §1). */
export interface CasePolicy {
  /** A running case turns yellow once this share of its term is used (1–99). */
  readonly yellowAtPercent: number;
  /** Petition handling term in calendar days (信访工作条例: 60). */
  readonly petitionDays: number;
  /** Longest petition extension in calendar days (30). */
  readonly petitionExtensionMaxDays: number;
  /** Longest extension of a working-day term (行政许可法 第四十二条: 10). */
  readonly extensionMaxWorkingDays: number;
  /** A supplement notice is due within this many working days of receipt (行政许可法 第三十二条: 5). */
  readonly supplementWithinWorkingDays: number;
  /** Whether to accept a petition is decided within this many calendar days of receipt (15). */
  readonly petitionDecisionDays: number;
  /** An urgent case (急事急办) gets at most this share of the catalog's term (10–90 %; 50). */
  readonly urgentTermPercent: number;
}

export const DEFAULT_CASE_POLICY: CasePolicy = {
  yellowAtPercent: 80,
  petitionDays: 60,
  petitionExtensionMaxDays: 30,
  extensionMaxWorkingDays: 10,
  supplementWithinWorkingDays: 5,
  petitionDecisionDays: 15,
  urgentTermPercent: 50,
};

/** What the catalog (服务事项目录) says about an item's kind and term. */
export interface CatalogTerm {
  readonly defaultKind: AcceptedKind;
  /** The promised term: working days, or calendar days for a petition; null when none is set. */
  readonly promisedDays: number | null;
  /** The statutory term, for reference (the catalog keeps the promise within it). */
  readonly legalDays: number | null;
}

/** A case as the rules see it. */
export interface CaseState {
  readonly status: CaseStatus;
  readonly acceptedKind: AcceptedKind | null;
  readonly receivedAt: number;
  readonly firstResponderStaffId: number | null;
  readonly holder: Holder;
  readonly handovers: readonly Handover[];
  /** When the (first) supplement notice was issued, if any. */
  readonly supplementAt: number | null;
  /** When a clerk accepted the case. */
  readonly acceptedAt: number | null;
  /** When the legal term started: the acceptance, or the day of receipt under art. 32. */
  readonly clockStartAt: number | null;
  /** True when the term runs from receipt because no supplement notice came in time (art. 32). */
  readonly deemedAccepted: boolean;
  /** Term in working days (promised, reported) or calendar days (petition); null for immediate. */
  readonly termDays: number | null;
  /** The catalog's term at acceptance, before urgency shortened it; null for immediate. */
  readonly standardTermDays: number | null;
  readonly urgent: boolean;
  /** A petition matter (the item's kind): whether to accept it is decided within the policy's days. */
  readonly petition: boolean;
  readonly petitionDecision: PetitionDecision | null;
  readonly extension: Extension | null;
  readonly pauses: readonly PauseRecord[];
  readonly submission: Submission | null;
  readonly closedAt: number | null;
}
