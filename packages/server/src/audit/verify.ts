import { auditHashPayload } from '@bianmin/domain';
import type { AuditVerification } from '@bianmin/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { GENESIS_HASH, sha256 } from './write.ts';

const BATCH = 1000;

/**
 * Walk one chain from its first entry: every entry must follow the previous one (seq without a gap,
 * prevHash equal to the previous hash) and its hash must match its content. The first entry that
 * fails is named. The chain head must match the last entry, so a removed tail is found too.
 */
export async function verifyChain(db: Kysely<Database>, chain: string): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  let checked = 0;
  let lastId = 0;
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
      const broken = (reason: 'hash' | 'link' | 'gap') => ({
        chain,
        ok: false,
        checked,
        firstBroken: { id: row.id, seq: row.seq, reason },
      });
      if (row.seq !== prevSeq + 1) return broken('gap');
      if (row.prev_hash !== prevHash) return broken('link');
      const hash = sha256(
        auditHashPayload({
          chain: row.chain,
          seq: row.seq,
          at: row.at.toISOString(),
          actorUserId: row.actor_user_id,
          actorName: row.actor_name,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          before: row.before,
          after: row.after,
          prevHash: row.prev_hash,
        }),
      );
      if (hash !== row.hash) return broken('hash');
      prevHash = row.hash;
      prevSeq = row.seq;
      lastId = row.id;
      checked += 1;
    }
    if (rows.length < BATCH) break;
  }
  const head = await db
    .selectFrom('audit_heads')
    .selectAll()
    .where('chain', '=', chain)
    .executeTakeFirst();
  if (head && (head.seq !== prevSeq || head.hash !== prevHash)) {
    return {
      chain,
      ok: false,
      checked,
      firstBroken: { id: lastId, seq: prevSeq + 1, reason: 'gap' },
    };
  }
  return { chain, ok: true, checked, firstBroken: null };
}
