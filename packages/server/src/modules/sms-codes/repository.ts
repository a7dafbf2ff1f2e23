import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../audit/write.ts';
import type { SmsCodePurpose, SmsCodesTable } from '../../db/schema.ts';

/**
 * Holds the phone and purpose for the rest of the transaction: two requests for the same number at
 * once are counted one after the other (never both under the limit).
 */
export async function lockPhone(tx: Tx, phone: string, purpose: SmsCodePurpose) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`sms:${phone}:${purpose}`}, 0))`.execute(
    tx,
  );
}

/** The codes sent to a phone for a purpose since an instant: how many, the first and the last. */
export function sentSince(tx: Tx, phone: string, purpose: SmsCodePurpose, since: Date) {
  return tx
    .selectFrom('sms_codes')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.min('created_at').as('first'),
      eb.fn.max('created_at').as('last'),
    ])
    .where('phone', '=', phone)
    .where('purpose', '=', purpose)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
}

export async function insertCode(tx: Tx, values: Insertable<SmsCodesTable>): Promise<number> {
  const row = await tx
    .insertInto('sms_codes')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The latest code sent to a phone for a purpose, locked: the only one a check compares with (a new
 * code replaces the ones sent before it).
 */
export function latestCode(tx: Tx, phone: string, purpose: SmsCodePurpose) {
  return tx
    .selectFrom('sms_codes')
    .selectAll()
    .where('phone', '=', phone)
    .where('purpose', '=', purpose)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

export function getCode(tx: Tx, id: number) {
  return tx.selectFrom('sms_codes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function countTry(tx: Tx, id: number) {
  await tx
    .updateTable('sms_codes')
    .set((eb) => ({ tries: eb('tries', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function markUsed(tx: Tx, id: number, at: Date) {
  await tx.updateTable('sms_codes').set({ used_at: at }).where('id', '=', id).execute();
}
