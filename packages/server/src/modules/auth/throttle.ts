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
 * Guessing defence kept in the database (`login_throttle`), for sign-in and for the applicants' case
 * query. An attempt is counted as a failure *before* its secret is checked, in one transaction that
 * locks the records of its keys: so many attempts at once can never all read the same old count (the
 * lost updates of issue 9 C2), and no more of them reach the password check than the policy allows.
 * A success then clears the keys (sign-in) or takes its count back (case query).
 *
 * Answers the seconds to wait: 0 means the attempt is counted and may be checked.
 */
export async function countAttempt(
  db: Kysely<Database>,
  keys: ReadonlyMap<string, ThrottlePolicy>,
  now: Date,
): Promise<number> {
  const sorted = [...keys.keys()].sort();
  if (sorted.length === 0) return 0;
  return db.transaction().execute(async (tx) => {
    const rows = new Map(
      (await repo.lockThrottleRecords(tx, sorted, now)).map((r) => [r.key, r] as const),
    );
    const recordOf = (key: string): FailureRecord | undefined => {
      const r = rows.get(key);
      return r && r.failures > 0
        ? { failures: r.failures, lastFailureAt: r.last_failure_at.getTime() }
        : undefined;
    };
    let wait = 0;
    for (const key of sorted)
      wait = Math.max(wait, waitSeconds(keys.get(key)!, recordOf(key), now.getTime()));
    if (wait > 0) return wait;
    for (const key of sorted) {
      const next = recordFailure(keys.get(key)!, recordOf(key), now.getTime());
      await repo.saveThrottle(tx, key, next.failures, now);
    }
    return 0;
  });
}
