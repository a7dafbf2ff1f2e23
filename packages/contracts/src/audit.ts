import { z } from 'zod';
import { id, isoDateTime, page } from './common.ts';

export const auditEntry = z.object({
  id: z.number(),
  centerId: z.number().nullable(),
  seq: z.number(),
  at: isoDateTime,
  actorUserId: z.number().nullable(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  changed: z.array(z.string()),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditQuery = page.extend({
  centerId: id.optional(),
  actorUserId: id.optional(),
  action: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(32).optional(),
  entityId: z.string().trim().max(64).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const auditPage = z.object({ items: z.array(auditEntry), total: z.number() });
export type AuditPage = z.infer<typeof auditPage>;

/**
 * Why a chain fails: an entry's content does not match its hash, its link to the previous one is
 * wrong, a seq is missing, it is signed with no key or another key than the installation's (or a
 * signed chain goes on unsigned), or a head kept outside the database (an anchor) is no longer there.
 */
export const auditVerification = z.object({
  chain: z.string(),
  ok: z.boolean(),
  checked: z.number(),
  firstBroken: z
    .object({
      id: z.number(),
      seq: z.number(),
      reason: z.enum(['hash', 'link', 'gap', 'key', 'anchor']),
    })
    .nullable(),
  /** The last entry of an intact chain: what the group leader keeps as an anchor. */
  head: z.object({ seq: z.number(), hash: z.string() }).nullable(),
});
export type AuditVerification = z.infer<typeof auditVerification>;

/** Everyone who appears in a center's audit trail (for the 操作人 filter). */
export const auditActor = z.object({ userId: z.number(), name: z.string() });
export type AuditActor = z.infer<typeof auditActor>;
