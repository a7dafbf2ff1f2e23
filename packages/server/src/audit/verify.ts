import { auditHashPayload, mayFollow, type AuditEntryFields } from '@bianmin/domain';
import type { AuditVerification } from '@bianmin/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { AuditLogTable, Database } from '../db/schema.ts';
import type { Anchor } from './anchor.ts';
import { auditKey, type AuditKey } from './key.ts';
import { entryHash, GENESIS_HASH, sha256 } from './write.ts';

const BATCH = 1000;

type Row = Selectable<AuditLogTable>;
type Reason = NonNullable<AuditVerification['firstBroken']>['reason'];

/** What an entry's hash must be, by its version; null when it is signed by a key we do not hold. */
function expectedHash(row: Row, key: AuditKey | null): string | null {
  const fields: AuditEntryFields = {
    chain: row.chain,
    centerId: row.center_id,
    seq: row.seq,
    at: row.at.toISOString(),
    actorUserId: row.actor_user_id,
    actorName: row.actor_name,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    ip: row.ip,
    requestId: row.request_id,
    prevHash: row.prev_hash,
    keyId: row.key_id ?? null,
  };
  // A database not yet migrated to 0009 has no version column: all its entries are version 1,
  // whose hash covers only some of these fields (auditHashPayload picks them).
  if ((row.hash_version ?? 1) === 1) return sha256(auditHashPayload(fields));
  if (fields.keyId !== null && fields.keyId !== key?.id) return null;
  return entryHash(fields, fields.keyId === null ? null : key);
}

export interface VerifyOptions {
  /** The installation's key (default: the one this process signs with). */
  key?: AuditKey | null;
  /** Heads kept outside the database (decision 0004); those of other chains are ignored. */
  anchors?: readonly Anchor[];
}

/**
 * Walk one chain from its first entry: every entry must follow the previous one (seq without a gap,
 * prevHash equal to the previous hash, a hash version that never goes back and never leaves the key)
 * and its hash must match its content — an HMAC under the installation's key for signed entries. The
 * first entry that fails is named. The head must match the last entry, so a removed tail is found;
 * with a key the last entry must be signed, so a chain rewritten as plain hashes is found; and every
 * anchor kept outside the database must still be there with its hash, so a chain cut back to an
 * earlier state or recomputed is found too.
 */
export async function verifyChain(
  db: Kysely<Database>,
  chain: string,
  opts: VerifyOptions = {},
): Promise<AuditVerification> {
  const key = opts.key === undefined ? auditKey() : opts.key;
  const anchors = new Map<number, string>();
  for (const a of opts.anchors ?? []) if (a.chain === chain) anchors.set(a.seq, a.hash);

  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  let prev: { hashVersion: number; keyId: string | null } | null = null;
  let checked = 0;
  let lastId = 0;
  const result = (firstBroken: AuditVerification['firstBroken']): AuditVerification => ({
    chain,
    ok: firstBroken === null,
    checked,
    firstBroken,
    head: firstBroken === null && prevSeq > 0 ? { seq: prevSeq, hash: prevHash } : null,
  });
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('chain', '=', chain)
      .where('seq', '>', prevSeq)
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      const broken = (reason: Reason) => result({ id: row.id, seq: row.seq, reason });
      const version = { hashVersion: row.hash_version ?? 1, keyId: row.key_id ?? null };
      if (row.seq !== prevSeq + 1) return broken('gap');
      if (row.prev_hash !== prevHash) return broken('link');
      if (!mayFollow(prev, version)) return broken('key');
      const expected = expectedHash(row, key);
      if (expected === null) return broken('key');
      if (expected !== row.hash) return broken('hash');
      const anchored = anchors.get(row.seq);
      if (anchored !== undefined && anchored !== row.hash) return broken('anchor');
      prevHash = row.hash;
      prevSeq = row.seq;
      prev = version;
      lastId = row.id;
      checked += 1;
    }
    if (rows.length < BATCH) break;
  }
  const beyond = [...anchors.keys()].filter((seq) => seq > prevSeq);
  if (beyond.length > 0) return result({ id: lastId, seq: Math.min(...beyond), reason: 'anchor' });
  if (key && prev && prev.keyId === null)
    return result({ id: lastId, seq: prevSeq, reason: 'key' });
  const head = await db
    .selectFrom('audit_heads')
    .selectAll()
    .where('chain', '=', chain)
    .executeTakeFirst();
  if (head && (head.seq !== prevSeq || head.hash !== prevHash))
    return result({ id: lastId, seq: prevSeq + 1, reason: 'gap' });
  return result(null);
}
