import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import { prepareAuditKey, setAuditKey, type AuditKey } from './key.ts';
import { systemActor, write } from './write.ts';

/**
 * Anchors (decision 0004): a chain's head — its last seq and hash — kept outside the database. The
 * server appends the heads that moved to `anchors.jsonl` in the audit folder every few minutes, and
 * `audit:verify` prints them for the group leader to keep. A chain cut back to an earlier state, or
 * rewritten and recomputed by someone who controls the database, no longer holds its anchors.
 */
export interface Anchor {
  chain: string;
  seq: number;
  hash: string;
  /** When it was taken (for people; not checked). */
  at?: string;
}

export const ANCHOR_FILE = 'anchors.jsonl';
/** How often the server writes the heads that moved. */
export const ANCHOR_INTERVAL_MS = 5 * 60_000;

const isAnchor = (v: unknown): v is Anchor => {
  const a = v as Partial<Anchor> | null;
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof a.chain === 'string' &&
    Number.isSafeInteger(a.seq) &&
    (a.seq ?? 0) > 0 &&
    typeof a.hash === 'string' &&
    /^[0-9a-f]{64}$/.test(a.hash)
  );
};

/** One anchor per line, as the server and `audit:verify` write them. */
export const anchorLine = (a: Anchor) =>
  JSON.stringify({ chain: a.chain, seq: a.seq, hash: a.hash, ...(a.at ? { at: a.at } : {}) });

/** The anchors of a file (none when it does not exist); a line that is not an anchor is an error. */
export function readAnchors(file: string): Anchor[] {
  if (!existsSync(file)) return [];
  const anchors: Anchor[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        value = null;
      }
      if (!isAnchor(value))
        throw new Error(`${file}:${i + 1}: not an anchor (expected {"chain","seq","hash"})`);
      anchors.push(value);
    });
  return anchors;
}

/** Every chain's head, from the database. */
export async function currentHeads(db: Kysely<Database>): Promise<Anchor[]> {
  const rows = await db
    .selectFrom('audit_heads')
    .select(['chain', 'seq', 'hash'])
    .where('seq', '>', 0)
    .orderBy('chain')
    .execute();
  return rows.map((r) => ({ chain: r.chain, seq: r.seq, hash: r.hash }));
}

const centerOfChain = (chain: string): number | null =>
  chain === 'global' ? null : Number(chain.slice('center:'.length));

/**
 * Re-anchoring once (decision 0004): a chain whose last entry is not signed with `key` — written
 * before the installation had a key — gets one signed entry that says so. From then on the chain must
 * stay signed, and everything before it is covered by that entry's HMAC.
 */
export async function adoptAuditKey(
  db: Kysely<Database>,
  clock: Clock,
  key: AuditKey,
): Promise<string[]> {
  const adopted: string[] = [];
  for (const { chain } of await currentHeads(db)) {
    const last = await db
      .selectFrom('audit_log')
      .select(['seq', 'hash_version', 'key_id'])
      .where('chain', '=', chain)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!last || last.key_id === key.id) continue;
    await write(db, clock, systemActor, async (_tx, audit) => {
      await audit({
        centerId: centerOfChain(chain),
        action: 'audit.key_adopted',
        entityType: 'audit_chain',
        entityId: chain,
        before: { seq: last.seq, hashVersion: last.hash_version, keyId: last.key_id },
        after: { keyId: key.id },
      });
    });
    adopted.push(chain);
  }
  return adopted;
}

/** Append the heads that differ from the ones last written; returns those written. */
export async function writeAnchors(
  db: Kysely<Database>,
  clock: Clock,
  file: string,
  written: Map<string, number>,
): Promise<Anchor[]> {
  const at = clock.now().toISOString();
  const moved = (await currentHeads(db))
    .filter((h) => written.get(h.chain) !== h.seq)
    .map((h) => ({ ...h, at }));
  if (moved.length > 0) appendFileSync(file, moved.map((a) => `${anchorLine(a)}\n`).join(''));
  for (const a of moved) written.set(a.chain, a.seq);
  return moved;
}

export interface AuditTrail {
  readonly key: AuditKey;
  /** Chains that were signed with the key for the first time at this start. */
  readonly adopted: string[];
  /** Write the last anchors and stop the timer. */
  stop(): Promise<void>;
}

/**
 * At server start: take the installation's key from the audit folder (creating it on the first
 * start), sign with it from now on, re-anchor chains written without it, and write the heads to the
 * anchors file now and every ANCHOR_INTERVAL_MS. `onError` hears of a failed periodic write.
 */
export async function openAuditTrail(
  db: Kysely<Database>,
  clock: Clock,
  dir: string,
  onError: (e: unknown) => void,
): Promise<AuditTrail> {
  const key = await prepareAuditKey(db, dir);
  setAuditKey(key);
  const adopted = await adoptAuditKey(db, clock, key);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, ANCHOR_FILE);
  const written = new Map(readAnchors(file).map((a) => [a.chain, a.seq]));
  await writeAnchors(db, clock, file, written);
  const timer = setInterval(() => {
    writeAnchors(db, clock, file, written).catch(onError);
  }, ANCHOR_INTERVAL_MS);
  timer.unref();
  return {
    key,
    adopted,
    async stop() {
      clearInterval(timer);
      await writeAnchors(db, clock, file, written);
    },
  };
}
