import { createHash } from 'node:crypto';
import {
  auditHashPayloadV2,
  canonicalJson,
  CURRENT_AUDIT_HASH_VERSION,
  type AuditEntryFields,
} from '@bianmin/domain';
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { auditKey, hmac, type AuditKey } from './key.ts';

/** Who does something: a signed-in user, or the system itself (userId null). */
export interface Actor {
  userId: number | null;
  name: string;
  ip: string | null;
  requestId: string | null;
}

export const systemActor: Actor = { userId: null, name: '系统', ip: null, requestId: null };

export interface AuditRecord {
  centerId: number | null;
  action: string;
  entityType: string;
  entityId: string | number;
  before: unknown;
  after: unknown;
}

export type Tx = Transaction<Database>;
export type Audit = (record: AuditRecord) => Promise<void>;

export const GENESIS_HASH = '0'.repeat(64);
export const chainOf = (centerId: number | null) =>
  centerId === null ? 'global' : `center:${centerId}`;
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The hash of a version-2 entry: an HMAC under the audit key that signs it, else a SHA-256. */
export const entryHash = (entry: AuditEntryFields, key: AuditKey | null): string =>
  key ? hmac(key, auditHashPayloadV2(entry)) : sha256(auditHashPayloadV2(entry));

/** A JSON round trip: what is hashed is exactly what jsonb will give back. */
const asStored = (value: unknown): unknown =>
  value === undefined || value === null ? null : (JSON.parse(JSON.stringify(value)) as unknown);

async function append(tx: Tx, actor: Actor, at: Date, record: AuditRecord): Promise<void> {
  const chain = chainOf(record.centerId);
  await tx
    .insertInto('audit_heads')
    .values({ chain, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.column('chain').doNothing())
    .execute();
  const head = await tx
    .selectFrom('audit_heads')
    .select(['seq', 'hash'])
    .where('chain', '=', chain)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const seq = head.seq + 1;
  const before = asStored(record.before);
  const after = asStored(record.after);
  const key = auditKey();
  const entry = {
    chain,
    centerId: record.centerId,
    seq,
    at: at.toISOString(),
    actorUserId: actor.userId,
    actorName: actor.name,
    action: record.action,
    entityType: record.entityType,
    entityId: String(record.entityId),
    before,
    after,
    ip: actor.ip,
    requestId: actor.requestId,
    prevHash: head.hash,
    keyId: key?.id ?? null,
  };
  const hash = entryHash(entry, key);
  await tx
    .insertInto('audit_log')
    .values({
      chain,
      center_id: record.centerId,
      seq,
      at: entry.at,
      actor_user_id: actor.userId,
      actor_name: actor.name,
      action: record.action,
      entity_type: record.entityType,
      entity_id: entry.entityId,
      before: before === null ? null : canonicalJson(before),
      after: after === null ? null : canonicalJson(after),
      ip: actor.ip,
      request_id: actor.requestId,
      prev_hash: head.hash,
      hash,
      hash_version: CURRENT_AUDIT_HASH_VERSION,
      key_id: entry.keyId,
    })
    .execute();
  await tx.updateTable('audit_heads').set({ seq, hash }).where('chain', '=', chain).execute();
}

/**
 * The one write path. Every change of state runs inside `fn`, in one transaction with the audit
 * entries it records: either the change and its audit entries are both stored, or neither is.
 * `fn` gets the transaction's instant from the clock (the audit entries carry it too).
 */
export async function write<T>(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  fn: (tx: Tx, audit: Audit, at: Date) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (tx) => {
    const at = clock.now();
    let recorded = 0;
    const result = await fn(
      tx,
      async (record) => {
        recorded += 1;
        await append(tx, actor, at, record);
      },
      at,
    );
    if (recorded === 0)
      throw new Error('write(): a change of state must record at least one audit entry');
    return result;
  });
}
