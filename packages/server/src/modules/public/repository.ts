import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * The query code of a receipt number, and nothing else: the lookup is the same narrow query whether
 * or not the number exists (the rest of the case is read only once the code is right).
 */
export const findQueryCode = (db: Kysely<Database>, receiptNo: string) =>
  db
    .selectFrom('cases')
    .select(['id', 'query_code'])
    .where('receipt_no', '=', receiptNo)
    .executeTakeFirst();
