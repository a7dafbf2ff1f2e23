import {
  recordFailure,
  waitSeconds,
  type FailureRecord,
  type ThrottlePolicy,
} from '@bianmin/domain';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import * as repo from './repository.ts';

/**
 * Guessing defence kept in the database (`login_throttle`), for sign-in, rating links and the
 * applicants' case query. For sign-in and rating links an attempt is counted as a failure *before*
 * its secret is checked, in one transaction that locks the records of its keys: so many attempts at
 * once can never all read the same old count (the lost updates of issue 9 C2), and no more of them
 * reach the password check than the policy allows. A success then clears the keys (sign-in) or takes
 * its count back (rating link). The case query counts only failures (`countFailure`, public/service.ts).
 *
 * Answers the seconds to wait: 0 means the attempt is counted and may be checked.
 */
export async function countAttempt(
  db: Kysely<Database>,
  keys: ReadonlyMap<string, ThrottlePolicy>,
  now: Date,
): Promise<number> {
  return withRecords(db, keys, now, async (records, save) => {
    let wait = 0;
    for (const [key, policy] of keys)
      wait = Math.max(wait, waitSeconds(policy, records(key), now.getTime()));
    if (wait === 0) await save();
    return wait;
  });
}

/**
 * One failure more under each key, for an attempt already checked and found wrong (the case query,
 * which judges an attempt on the failures it read: `waitBefore`). Counted in one transaction that
 * locks the records, so failures at once are all counted.
 */
export async function countFailure(
  db: Kysely<Database>,
  keys: ReadonlyMap<string, ThrottlePolicy>,
  now: Date,
): Promise<void> {
  await withRecords(db, keys, now, (_, save) => save());
}

/** The seconds to wait under `policy`, from the failures and last failure a statement read. */
export function waitBefore(
  policy: ThrottlePolicy,
  stored: { failures: number | null; last_failure_at: Date | null },
  now: Date,
): number {
  return waitSeconds(policy, recordOf(stored.failures, stored.last_failure_at), now.getTime());
}

/** A stored record as the policy reads it: none until a failure is counted. */
const recordOf = (
  failures: number | null,
  lastFailureAt: Date | null,
): FailureRecord | undefined =>
  failures !== null && failures > 0 && lastFailureAt !== null
    ? { failures, lastFailureAt: lastFailureAt.getTime() }
    : undefined;

/**
 * `fn` with the records of `keys` locked until commit (created when new): `records` reads each as
 * it stood, `save` counts one failure more under every key.
 */
async function withRecords<T>(
  db: Kysely<Database>,
  keys: ReadonlyMap<string, ThrottlePolicy>,
  now: Date,
  fn: (
    records: (key: string) => FailureRecord | undefined,
    save: () => Promise<void>,
  ) => Promise<T>,
): Promise<T> {
  // Always locked in the same order, so two attempts never wait for each other's records.
  const sorted = [...keys.keys()].sort();
  if (sorted.length === 0)
    return fn(
      () => undefined,
      () => Promise.resolve(),
    );
  return db.transaction().execute(async (tx) => {
    const rows = new Map(
      (await repo.lockThrottleRecords(tx, sorted, now)).map((r) => [r.key, r] as const),
    );
    const records = (key: string) => {
      const r = rows.get(key);
      return r && recordOf(r.failures, r.last_failure_at);
    };
    return fn(records, async () => {
      for (const key of sorted) {
        const next = recordFailure(keys.get(key)!, records(key), now.getTime());
        await repo.saveThrottle(tx, key, next.failures, now);
      }
    });
  });
}
