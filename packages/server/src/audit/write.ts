import { createHash } from 'node:crypto';
import {
  auditHashPayloadV2,
  canonicalJson,
  CanonicalText,
  CURRENT_AUDIT_HASH_VERSION,
  type AuditEntryFields,
} from '@bianmin/domain';
import type { Insertable, Kysely, QueryCreator, Transaction } from 'kysely';
import type { Clock } from '../clock.ts';
import type { AuditLogTable, Database } from '../db/schema.ts';
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

/** A value as stored, in canonical JSON; null for none. */
function canonicalOrNull(value: unknown): CanonicalText | null {
  const stored = asStored(value);
  return stored === null ? null : new CanonicalText(canonicalJson(stored));
}

/** A chain's head as this transaction leaves it: locked at its first entry, written at the end. */
interface Head {
  seq: number;
  hash: string;
}

/**
 * The head of `chain`, created at the genesis if the chain is new, and locked until commit: the
 * entries of one chain are numbered one after the other across all transactions.
 */
async function lockHead(tx: Tx, chain: string): Promise<Head> {
  return tx
    .insertInto('audit_heads')
    .values({ chain, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) =>
      oc.column('chain').doUpdateSet((eb) => ({ seq: eb.ref('audit_heads.seq') })),
    )
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
}

/**
 * One entry, chained to the head of its chain: its row for `audit_log`. The first entry of a chain
 * in a transaction locks and reads the head; the next ones follow it in memory (the head stays
 * locked), and `write` stores the new head of each chain once, before commit.
 */
async function entryRow(
  tx: Tx,
  heads: Map<string, Head>,
  actor: Actor,
  at: Date,
  record: AuditRecord,
): Promise<Insertable<AuditLogTable>> {
  const chain = chainOf(record.centerId);
  const head = heads.get(chain) ?? (await lockHead(tx, chain));
  const seq = head.seq + 1;
  // Written once: stored as it is and hashed as part of the entry.
  const before = canonicalOrNull(record.before);
  const after = canonicalOrNull(record.after);
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
  heads.set(chain, { seq, hash });
  return {
    chain,
    center_id: record.centerId,
    seq,
    at: entry.at,
    actor_user_id: actor.userId,
    actor_name: actor.name,
    action: record.action,
    entity_type: record.entityType,
    entity_id: entry.entityId,
    before: before?.text ?? null,
    after: after?.text ?? null,
    ip: actor.ip,
    request_id: actor.requestId,
    prev_hash: head.hash,
    hash,
    hash_version: CURRENT_AUDIT_HASH_VERSION,
    key_id: entry.keyId,
  };
}

/**
 * The new head of each chain the transaction wrote to, once, before commit; the entries still
 * queued go in with the first of them, in the same statement.
 */
async function storeHeads(
  tx: Tx,
  heads: Map<string, Head>,
  queued: Insertable<AuditLogTable>[],
): Promise<void> {
  let entries = queued;
  for (const [chain, { seq, hash }] of heads) {
    const update = (q: QueryCreator<Database>) =>
      q.updateTable('audit_heads').set({ seq, hash }).where('chain', '=', chain);
    await (
      entries.length === 0
        ? update(tx)
        : update(tx.with('entries', (q) => q.insertInto('audit_log').values(entries)))
    ).execute();
    entries = [];
  }
}

export interface WriteOptions {
  /**
   * Keep the audit entries in memory and store them all in one statement before commit, instead of
   * one statement each as they come: for a write that reads none of them back before it ends (or
   * calls `flush` first). The chain's head is locked at the first entry all the same.
   */
  batchAudit?: boolean;
}

/**
 * The one write path. Every change of state runs inside `fn`, in one transaction with the audit
 * entries it records: either the change and its audit entries are both stored, or neither is.
 * `fn` gets the transaction's instant from the clock (the audit entries carry it too), and `flush`
 * to store the entries kept back so far (`batchAudit`).
 */
export async function write<T>(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  fn: (tx: Tx, audit: Audit, at: Date, flush: () => Promise<void>) => Promise<T>,
  opts: WriteOptions = {},
): Promise<T> {
  return db.transaction().execute(async (tx) => {
    const at = clock.now();
    const heads = new Map<string, Head>();
    const queued: Insertable<AuditLogTable>[] = [];
    // One entry at a time: each follows the one before in its chain.
    let last: Promise<void> = Promise.resolve();
    const audit: Audit = (record) =>
      (last = last.then(async () => {
        const row = await entryRow(tx, heads, actor, at, record);
        if (opts.batchAudit) queued.push(row);
        else await tx.insertInto('audit_log').values(row).execute();
      }));
    const flush = async () => {
      await last;
      if (queued.length > 0) await tx.insertInto('audit_log').values(queued.splice(0)).execute();
    };
    const result = await fn(tx, audit, at, flush);
    await last;
    if (heads.size === 0)
      throw new Error('write(): a change of state must record at least one audit entry');
    await storeHeads(tx, heads, queued);
    return result;
  });
}
