import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * The installation's audit key (decision 0004): every new audit entry is an HMAC-SHA256 under it, so
 * someone who can rewrite the database but cannot read this file cannot recompute the chain. It lives
 * outside the database, in the audit folder (`BIANMIN_AUDIT_DIR`), next to the anchors.
 */
export interface AuditKey {
  /** A public fingerprint stored with each entry it signs (never the key itself). */
  readonly id: string;
  readonly secret: Buffer;
}

export const KEY_FILE = 'audit.key';
const KEY_BYTES = 32;

export function auditKeyOf(secret: Buffer): AuditKey {
  const id = createHash('sha256').update('bianmin audit key id:').update(secret).digest('hex');
  return { id: id.slice(0, 16), secret };
}

export const hmac = (key: AuditKey, text: string) =>
  createHmac('sha256', key.secret).update(text).digest('hex');

/**
 * The key this process signs with: one per installation, set once at start-up (main.ts, the command
 * line tools, the test harness). Without one, entries get a plain SHA-256 over every column.
 */
let signing: AuditKey | null = null;
export function setAuditKey(key: AuditKey | null): void {
  signing = key;
}
export const auditKey = (): AuditKey | null => signing;

export class AuditKeyError extends Error {}

/** The key kept in `dir`, or null when there is none; a damaged file is an error, never replaced. */
export function readAuditKey(dir: string): AuditKey | null {
  const file = join(dir, KEY_FILE);
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(text))
    throw new AuditKeyError(
      `审计密钥文件已损坏 (the audit key file is damaged): ${file}. Restore it from a backup; do not delete it.`,
    );
  return auditKeyOf(Buffer.from(text, 'hex'));
}

/**
 * The key for a server start: the one in `dir`, or a new one (readable by this user only) when the
 * database has never been signed with a key. A database signed before whose key file is missing is
 * refused: a new key would make its whole trail unverifiable, so the old file must be restored.
 */
export async function prepareAuditKey(db: Kysely<Database>, dir: string): Promise<AuditKey> {
  const existing = readAuditKey(dir);
  if (existing) return existing;
  const signed = await db
    .selectFrom('audit_log')
    .select('key_id')
    .where('key_id', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  if (signed)
    throw new AuditKeyError(
      `审计密钥文件不见了 (the audit key file is missing): ${join(dir, KEY_FILE)}. ` +
        `The audit trail is signed with key ${signed.key_id}; restore that file from a backup ` +
        `(or point BIANMIN_AUDIT_DIR to the folder that holds it) and start again.`,
    );
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(KEY_BYTES);
  // Written whole to a file of its own, then linked into place: another server of the same
  // installation starting at the same moment sees either no key or a complete one, never half.
  const temp = join(dir, `${KEY_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
  writeFileSync(temp, `${secret.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temp, join(dir, KEY_FILE));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const other = readAuditKey(dir);
    if (other) return other;
    throw e;
  } finally {
    unlinkSync(temp);
  }
  return auditKeyOf(secret);
}
