import { EXTENSION_DECISIONS, EXTENSION_REQUEST_STATUSES } from '@bianmin/domain';
import { z } from 'zod';
import { id, isoDateTime, version } from './common.ts';

// ── 延期申请（issue 11; decision 0016） ─────────────────────────────────────────

export const extensionRequestStatus = z.enum(EXTENSION_REQUEST_STATUSES);
export const EXTENSION_REQUEST_STATUS_LABELS: Record<
  z.infer<typeof extensionRequestStatus>,
  string
> = {
  pending: '待审批',
  approved: '已批准',
  refused: '不批准',
  withdrawn: '已撤回',
};

/** A request as staff read it, with the case it is about and what approving it would give. */
export const extensionRequest = z.object({
  id: z.number(),
  centerId: z.number(),
  caseId: z.number(),
  receiptNo: z.string(),
  itemName: z.string().nullable(),
  subject: z.string(),
  applicantName: z.string(),
  /** The case's status now. */
  caseStatus: z.string(),
  /** Working days, or calendar days for a petition. */
  unit: z.enum(['working', 'calendar']),
  requestedByStaffId: z.number().nullable(),
  requestedByName: z.string(),
  days: z.number(),
  reason: z.string(),
  requestedAt: isoDateTime,
  status: extensionRequestStatus,
  decidedByName: z.string().nullable(),
  decidedAt: isoDateTime.nullable(),
  decisionReason: z.string(),
  /** The case's deadline now (after the extension, once approved). */
  deadlineAt: isoDateTime.nullable(),
  /** Waiting: the deadline an approval would give (judged at the request's instant); null if none. */
  newDeadlineAt: isoDateTime.nullable(),
  /** Waiting: why it cannot be approved now (an error code: the case closed, extended meanwhile). */
  blockedCode: z.string().nullable(),
  version: z.number(),
});
export type ExtensionRequest = z.infer<typeof extensionRequest>;

export const extensionRequestList = z.object({ items: z.array(extensionRequest) });
export type ExtensionRequestList = z.infer<typeof extensionRequestList>;

/** The director's list: waiting ones first; `all` adds the decided ones of the last 90 days. */
export const extensionRequestQuery = z.object({
  centerId: id.optional(),
  status: z.enum(['pending', 'all']).default('pending'),
});

/** A case's requests, and whether (and how far) its holder may ask now. */
export const caseExtensions = z.object({
  items: z.array(extensionRequest),
  /** The signed-in person holds the case in person (only he or she may ask). */
  mayRequest: z.boolean(),
  /** The signed-in person may decide requests (the approver permission). */
  mayDecide: z.boolean(),
  outlook: z.object({
    canRequest: z.boolean(),
    /** Why not (an error code), when the holder cannot ask now. */
    reasonCode: z.string().nullable(),
    maxDays: z.number().nullable(),
    unit: z.enum(['working', 'calendar']),
    deadlineAt: isoDateTime.nullable(),
    /** The deadline after each possible number of days. */
    previews: z.array(z.object({ days: z.number(), deadlineAt: isoDateTime })),
  }),
});
export type CaseExtensions = z.infer<typeof caseExtensions>;

export const createExtensionRequestBody = z.object({
  days: z.number().int().min(1).max(365),
  reason: z.string().max(1000),
});

export const decideExtensionBody = z.object({
  decision: z.enum(EXTENSION_DECISIONS),
  /** Required when refusing; optional when approving. */
  reason: z.string().max(1000).default(''),
  version,
});

export const withdrawExtensionBody = z.object({ version });

// ── 催办 ────────────────────────────────────────────────────────────────────

export const urgeBody = z.object({ note: z.string().trim().max(500).default('') });

/** How often a case was urged, by whom and when, latest first. */
export const caseUrges = z.object({
  count: z.number(),
  lastAt: isoDateTime.nullable(),
  items: z.array(z.object({ at: isoDateTime, byName: z.string(), note: z.string() })),
  /** The signed-in person may urge this case now. */
  mayUrge: z.boolean(),
});
export type CaseUrges = z.infer<typeof caseUrges>;

/** For the board: how often each listed case was urged. */
export const urgeCount = z.object({ caseId: z.number(), count: z.number(), lastAt: isoDateTime });
