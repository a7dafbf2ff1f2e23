/**
 * A value already written as canonical JSON (`canonicalJson`'s own output), taken as it is: a value
 * stored and hashed both is written once.
 */
export class CanonicalText {
  constructor(readonly text: string) {}
}

/**
 * Canonical JSON: object keys sorted, no spaces, undefined dropped. The audit hash chain hashes this
 * form, so an entry read back from jsonb (which reorders keys) hashes the same as when written.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof CanonicalText) return value.text;
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}

/**
 * Hash versions of an audit entry (decision 0004). Version 1, the first, left out the center, the
 * address and the request id; entries written with it keep verifying as they were. Version 2 covers
 * every column but the surrogate `id`, including the id of the key that signed it (null: a plain
 * SHA-256, written only where no audit key is configured).
 */
export const AUDIT_HASH_VERSIONS = [1, 2] as const;
export type AuditHashVersion = (typeof AUDIT_HASH_VERSIONS)[number];
export const CURRENT_AUDIT_HASH_VERSION: AuditHashVersion = 2;

/** The fields of an audit entry that a version-1 hash covers, in the one order the chain used. */
export interface AuditHashInput {
  readonly chain: string;
  readonly seq: number;
  readonly at: string;
  readonly actorUserId: number | null;
  readonly actorName: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly prevHash: string;
}

/** Version 1: what the first entries of every chain were hashed over (kept for old entries). */
export function auditHashPayload(e: AuditHashInput): string {
  return canonicalJson({
    chain: e.chain,
    seq: e.seq,
    at: e.at,
    actorUserId: e.actorUserId,
    actorName: e.actorName,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before,
    after: e.after,
    prevHash: e.prevHash,
  });
}

/** Every stored column of an entry but its surrogate `id`: what a version-2 hash covers. */
export interface AuditEntryFields extends AuditHashInput {
  readonly centerId: number | null;
  readonly ip: string | null;
  readonly requestId: string | null;
  /** The id of the key that signs the entry (an HMAC), or null for a plain SHA-256. */
  readonly keyId: string | null;
}

/** Version 2: every column, the version itself and the signing key's id included. */
export function auditHashPayloadV2(e: AuditEntryFields): string {
  return canonicalJson({
    v: 2,
    chain: e.chain,
    centerId: e.centerId,
    seq: e.seq,
    at: e.at,
    actorUserId: e.actorUserId,
    actorName: e.actorName,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before,
    after: e.after,
    ip: e.ip,
    requestId: e.requestId,
    prevHash: e.prevHash,
    keyId: e.keyId,
  });
}

/**
 * Whether an entry may follow the previous one of its chain: versions never go back, and once a
 * chain is signed with a key every later entry is signed with one. (Otherwise someone without the
 * key could rewrite the tail of a chain as plain hashes and recompute it.)
 */
export function mayFollow(
  prev: { hashVersion: number; keyId: string | null } | null,
  next: { hashVersion: number; keyId: string | null },
): boolean {
  if (prev === null) return true;
  if (next.hashVersion < prev.hashVersion) return false;
  return prev.keyId === null || next.keyId !== null;
}

/** What changed between two snapshots of a record: the keys whose values differ. */
export function changedKeys(before: unknown, after: unknown): string[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  return [...keys].filter((k) => canonicalJson(b[k]) !== canonicalJson(a[k])).sort();
}
