/**
 * Canonical JSON: object keys sorted, no spaces, undefined dropped. The audit hash chain hashes this
 * form, so an entry read back from jsonb (which reorders keys) hashes the same as when written.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
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

/** The fields of an audit entry that its hash covers, in the one order the chain uses. */
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

/** What changed between two snapshots of a record: the keys whose values differ. */
export function changedKeys(before: unknown, after: unknown): string[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  return [...keys].filter((k) => canonicalJson(b[k]) !== canonicalJson(a[k])).sort();
}
