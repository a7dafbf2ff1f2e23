import { z } from 'zod';
import { isoDate, isoDateTime, text, version } from './common.ts';

/** The structured part of a regulation version that the system enforces (绩效考核). */
export const policyFields = z.object({
  /** Yuan per person per month, whole fen: "300" or "300.00". */
  monthlyAmount: z
    .string()
    .trim()
    .regex(/^\d{1,6}(\.\d{1,2})?$/, '金额应为元，最多两位小数，如 300'),
  countyMonths: z.number().int().min(1).max(120),
  cityMonths: z.number().int().min(1).max(120),
  provinceMonths: z.number().int().min(1).max(120),
  provinceCapsRating: z.boolean(),
  appealTermWorkingDays: z.number().int().min(1).max(60),
  /**
   * Terms for deciding (处理期限, issue 11), in working days from the event; a version that does not
   * give one gets the default (DEFAULT_DECIDING_TERMS in the domain).
   */
  reportDecisionWorkingDays: z.number().int().min(1).max(60).default(15),
  appealDecisionWorkingDays: z.number().int().min(1).max(60).default(15),
  ratingContactWorkingDays: z.number().int().min(1).max(15).default(1),
  ratingFixWorkingDays: z.number().int().min(1).max(15).default(15),
});
export type PolicyFields = z.infer<typeof policyFields>;

const versionFields = {
  name: text(100),
  introduction: text(5000),
  content: text(50000),
  supplementary: text(5000),
  effectiveFrom: isoDate,
  policy: policyFields.nullable().default(null),
};

export const createRegulationBody = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .regex(/^[A-Za-z0-9_-]+$/, '只能使用字母、数字、下划线和短横线'),
  ...versionFields,
});
export const newVersionBody = z.object(versionFields);
export const updateVersionBody = z.object({
  name: text(100).optional(),
  introduction: text(5000).optional(),
  content: text(50000).optional(),
  supplementary: text(5000).optional(),
  effectiveFrom: isoDate.optional(),
  policy: policyFields.nullable().optional(),
  version,
});
export const consultBody = z.object({ version, until: isoDate });
export const commentBody = z.object({ comment: text(2000) });

export const regulationStatus = z.enum(['draft', 'consultation', 'signed', 'published']);

export const regulationVersion = z.object({
  id: z.number(),
  regulationId: z.number(),
  code: z.string(),
  seq: z.number(),
  name: z.string(),
  introduction: z.string(),
  content: z.string(),
  supplementary: z.string(),
  status: regulationStatus,
  consultationUntil: isoDate.nullable(),
  effectiveFrom: isoDate,
  policy: policyFields.nullable(),
  signedByName: z.string().nullable(),
  signedAt: isoDateTime.nullable(),
  publishedAt: isoDateTime.nullable(),
  comments: z.array(z.object({ authorName: z.string(), comment: z.string(), at: isoDateTime })),
  acknowledgements: z.number(),
  acknowledgedByMe: z.boolean(),
  /** Whether this version is the one in force today. */
  inForce: z.boolean(),
  version: z.number(),
});
export type RegulationVersion = z.infer<typeof regulationVersion>;

export const regulationSummary = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  versions: z.array(
    z.object({
      id: z.number(),
      seq: z.number(),
      status: regulationStatus,
      effectiveFrom: isoDate,
      inForce: z.boolean(),
      hasPolicy: z.boolean(),
    }),
  ),
});
export type RegulationSummary = z.infer<typeof regulationSummary>;
