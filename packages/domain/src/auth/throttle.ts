/**
 * Login throttling (OWASP "device cookie" scheme, simplified).
 *
 * Failures are counted under three keys. A client that once logged in to an account holds a
 * device token for it; its failures count only against that device, so an attacker hammering an
 * account from elsewhere can never lock the real user out of a browser they have used before.
 * Untrusted clients are throttled per account+IP, per IP, and per account (the last one catches a
 * distributed guess at one account).
 */
export interface ThrottlePolicy {
  /** Failures allowed under a key before waits begin. */
  readonly freeFailures: number;
  /** The first wait in seconds; it doubles with every further failure. */
  readonly baseWaitSeconds: number;
  readonly maxWaitSeconds: number;
  /** Failures older than this are forgotten. */
  readonly windowSeconds: number;
}

export const THROTTLE_POLICIES = {
  device: { freeFailures: 10, baseWaitSeconds: 1, maxWaitSeconds: 60, windowSeconds: 900 },
  accountIp: { freeFailures: 5, baseWaitSeconds: 2, maxWaitSeconds: 900, windowSeconds: 900 },
  ip: { freeFailures: 30, baseWaitSeconds: 2, maxWaitSeconds: 900, windowSeconds: 900 },
  account: { freeFailures: 20, baseWaitSeconds: 5, maxWaitSeconds: 900, windowSeconds: 3600 },
} as const satisfies Record<string, ThrottlePolicy>;
export type ThrottleScope = keyof typeof THROTTLE_POLICIES;

/**
 * Wrong query codes on the applicants' case query (no account), counted per address and never per
 * receipt number: a receipt is never locked, so nobody can lock an applicant out of his or her case
 * (receipt numbers are sequential), while one address guessing codes soon waits up to an hour.
 */
export const QUERY_CODE_POLICY: ThrottlePolicy = {
  freeFailures: 10,
  baseWaitSeconds: 60,
  maxWaitSeconds: 3600,
  windowSeconds: 3600,
};

export interface FailureRecord {
  readonly failures: number;
  /** Epoch milliseconds of the last failure. */
  readonly lastFailureAt: number;
}

/** Seconds the client must still wait under one key before another attempt is even checked. */
export function waitSeconds(
  policy: ThrottlePolicy,
  record: FailureRecord | undefined,
  nowMs: number,
): number {
  if (!record) return 0;
  const sinceLast = (nowMs - record.lastFailureAt) / 1000;
  if (sinceLast >= policy.windowSeconds) return 0;
  const over = record.failures - policy.freeFailures;
  if (over < 0) return 0;
  const wait = Math.min(policy.maxWaitSeconds, policy.baseWaitSeconds * 2 ** Math.min(over, 20));
  return Math.max(0, Math.ceil(wait - sinceLast));
}

/** The failure count after one more failure (the window restarts when it has run out). */
export function recordFailure(
  policy: ThrottlePolicy,
  record: FailureRecord | undefined,
  nowMs: number,
): FailureRecord {
  const fresh = !record || (nowMs - record.lastFailureAt) / 1000 >= policy.windowSeconds;
  return { failures: fresh ? 1 : record.failures + 1, lastFailureAt: nowMs };
}

/** Which keys apply to an attempt: a trusted device is judged only by its own record. */
export function scopesFor(trustedDevice: boolean): readonly ThrottleScope[] {
  return trustedDevice ? ['device'] : ['accountIp', 'ip', 'account'];
}
