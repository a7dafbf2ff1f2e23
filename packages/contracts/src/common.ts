import { z } from 'zod';

export const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const idParams = z.object({ id });
/** Center scope: county admins name the center; everyone else works in their own. */
export const centerScope = z.object({ centerId: id.optional() });
export const version = z.number().int().nonnegative();
export const isoDate = z.iso.date();
export const isoDateTime = z.iso.datetime({ offset: true });
export const text = (max: number) => z.string().trim().min(1).max(max);

export const fieldError = z.object({
  field: z.string(),
  code: z.string(),
  message: z.string(),
});
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(fieldError).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
  requestId: z.string(),
});
export type ErrorBody = z.infer<typeof errorBody>;

export const page = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
