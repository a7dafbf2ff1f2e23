import { z } from 'zod';
import { id, isoDate, isoDateTime, page, text, version } from './common.ts';

export const inspectionLevel = z.enum(['town', 'joint_check', 'county', 'city', 'province']);
export const findingLevel = z.enum([
  'town',
  'joint_check',
  'public_report',
  'county',
  'city',
  'province',
]);
export const assessmentItem = z.number().int().min(1).max(8);

export const findingInput = z.object({
  staffId: id,
  item: assessmentItem,
  description: text(1000),
  /** County and above: whether the finding was circulated (通报). */
  circulated: z.boolean().default(false),
  /** Serious: referred for discipline procedures. */
  serious: z.boolean().default(false),
});

export const createInspectionBody = z.object({
  level: inspectionLevel,
  inspectedOn: isoDate,
  inspectors: text(200),
  note: z.string().trim().max(1000).default(''),
  findings: z.array(findingInput).max(50).default([]),
});

export const evidenceRef = z.object({
  id: z.number(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  at: isoDateTime,
});

export const finding = z.object({
  id: z.number(),
  centerId: z.number(),
  staffId: z.number(),
  staffName: z.string(),
  source: z.enum(['inspection', 'overdue_case', 'public_report']),
  inspectionId: z.number().nullable(),
  violationCandidateId: z.number().nullable(),
  date: isoDate,
  level: findingLevel,
  circulated: z.boolean(),
  item: z.number(),
  description: z.string(),
  serious: z.boolean(),
  recordedByStaffId: z.number().nullable(),
  /** Counts for nothing: revoked on appeal, or voided (see `voided`). */
  revoked: z.boolean(),
  /** Voided by the group as entered by mistake, before anything was settled on it: who, when, why. */
  voided: z.object({ byName: z.string(), at: isoDateTime, reason: z.string() }).nullable(),
  evidence: z.array(evidenceRef),
  version: z.number(),
});
export type Finding = z.infer<typeof finding>;

export const inspection = z.object({
  id: z.number(),
  centerId: z.number(),
  level: inspectionLevel,
  inspectedOn: isoDate,
  inspectors: z.string(),
  note: z.string(),
  findings: z.array(finding),
  version: z.number(),
});
export type Inspection = z.infer<typeof inspection>;

export const findingQuery = page.extend({
  centerId: id.optional(),
  staffId: id.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const findingPage = z.object({ items: z.array(finding), total: z.number() });

export const evidenceParams = z.object({ id, name: z.string().trim().min(1).max(100) });
export const evidenceQuery = z.object({ name: z.string().trim().min(1).max(100) });

export const updateFindingBody = z.object({ version, serious: z.boolean() });

/** Voiding a finding entered by mistake (作废): by another member of the group, with reasons. */
export const voidFindingBody = z.object({ version, reason: text(1000) });

// ── 申诉 ────────────────────────────────────────────────────────────────────

export const appealOutcome = z.enum(['upheld', 'revoked', 'changed']);
export const appealSubject = z.enum(['finding', 'settlement', 'rating']);
const appealRating = z.enum(['优秀', '称职', '基本称职', '不称职']);
export const createAppealBody = z.object({
  /** What is appealed: a finding (the default), a line of an approved settlement, or a year's rating. */
  subject: appealSubject.default('finding'),
  /** finding: the finding; settlement: for a line about several findings, the one disputed. */
  findingId: id.optional(),
  /** settlement: the half-year of the approved settlement; rating: the year. */
  year: z.number().int().min(2000).max(2100).optional(),
  half: z.number().int().min(1).max(2).optional(),
  /** settlement: the line (0 = the first line of the settlement). */
  lineIndex: z.number().int().min(0).max(1000).optional(),
  reason: text(2000),
});
export const decideAppealBody = z.object({
  version,
  outcome: appealOutcome,
  reason: text(2000),
  /** For 'changed': the finding's new level and/or circulation. */
  change: z
    .object({ level: findingLevel.optional(), circulated: z.boolean().optional() })
    .optional(),
  /** For a rating appeal 'changed': the new rating. */
  rating: appealRating.optional(),
});
export const appeal = z.object({
  id: z.number(),
  centerId: z.number(),
  staffId: z.number(),
  staffName: z.string(),
  subject: appealSubject,
  findingId: z.number().nullable(),
  /** The finding concerned: the one appealed, or the one behind the settlement line appealed. */
  finding: finding.nullable(),
  /** settlement: the half-year; rating: the year. */
  year: z.number().nullable(),
  half: z.number().nullable(),
  lineIndex: z.number().nullable(),
  line: z.object({ kind: z.string(), amountFen: z.number(), text: z.string() }).nullable(),
  /** Whether the line appealed can be corrected (it is about a finding); otherwise only upheld. */
  correctable: z.boolean(),
  /** rating: the rating appealed, and the new one when changed. */
  rating: appealRating.nullable(),
  newRating: appealRating.nullable(),
  /** rating: who decided the rating appealed (must not decide the appeal). */
  ratedByStaffId: z.number().nullable(),
  reason: z.string(),
  filedAt: isoDateTime,
  deadlineOn: isoDate,
  /**
   * When the assessment group must have decided (处理期限, issue 11): the policy's
   * `appealDecisionWorkingDays` in force on the day of filing; null until counted.
   */
  decideDueAt: isoDateTime.nullable(),
  status: z.enum(['pending', 'upheld', 'revoked', 'changed']),
  change: z.unknown(),
  decidedByName: z.string().nullable(),
  decidedAt: isoDateTime.nullable(),
  decisionReason: z.string().nullable(),
  version: z.number(),
});
export type Appeal = z.infer<typeof appeal>;
export const appealQuery = page.extend({
  centerId: id.optional(),
  /** One outcome, or 'decided' for every decided appeal. */
  status: z.enum(['pending', 'decided', 'upheld', 'revoked', 'changed']).optional(),
  staffId: id.optional(),
});
export const appealPage = z.object({ items: z.array(appeal), total: z.number() });
