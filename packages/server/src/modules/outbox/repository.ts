import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Tx } from '../../audit/write.ts';
import { pageOf } from '../../db/page.ts';
import type { Database, OutboxMessagesTable, OutboxState } from '../../db/schema.ts';

type Db = Kysely<Database> | Tx;
export type MessageRow = Selectable<OutboxMessagesTable>;

/** A new message; nothing when its dedupe key is already queued (answers its id, or undefined). */
export async function insertMessage(
  tx: Tx,
  values: Insertable<OutboxMessagesTable>,
): Promise<number | undefined> {
  const row = await tx
    .insertInto('outbox_messages')
    .values(values)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/**
 * Claims up to `batch` due pending messages for one worker: each gets a lease (its next attempt
 * moved to `leaseUntil`) and its attempt counted, in one short statement. Rows another worker holds
 * are skipped (`skip locked`), so several servers never claim the same message; a worker that dies
 * mid-send leaves its messages to be claimed again when the lease runs out.
 */
export function claimDue(db: Kysely<Database>, now: Date, leaseUntil: Date, batch: number) {
  return db
    .updateTable('outbox_messages')
    .set((eb) => ({ next_attempt_at: leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where(
      'id',
      'in',
      db
        .selectFrom('outbox_messages')
        .select('id')
        .where('state', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(batch)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

export function getMessage(db: Db, id: number, lock = false) {
  let q = db.selectFrom('outbox_messages').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function updateMessage(
  tx: Tx,
  id: number,
  values: Partial<{
    state: OutboxState;
    attempts: number;
    next_attempt_at: Date;
    last_error: string | null;
    provider: string;
    provider_message_id: string | null;
    sent_at: Date;
    params: string;
    body: string;
  }>,
) {
  await tx.updateTable('outbox_messages').set(values).where('id', '=', id).execute();
}

/** A center's messages, newest first. */
export async function listMessages(
  db: Kysely<Database>,
  centerId: number,
  q: { state?: OutboxState; page: number; pageSize: number },
) {
  let base = db.selectFrom('outbox_messages').selectAll().where('center_id', '=', centerId);
  if (q.state) base = base.where('state', '=', q.state);
  return pageOf(base, base.orderBy('created_at', 'desc').orderBy('id', 'desc'), q);
}
