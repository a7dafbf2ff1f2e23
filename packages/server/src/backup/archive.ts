import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readTar, type TarEntry } from './tar.ts';

/**
 * What a backup holds (issue 12; docs/operations.md "Backups"): one tar file with the database —
 * the PGlite data folder's files under `pgdata/`, or PostgreSQL's `database.pgdump` (`pg_dump -Fc`)
 * — the audit key and anchors under `audit/`, and last `manifest.json`: what was taken, when, from
 * which version and migration, the row count of every table and every audit chain's head at that
 * moment, and the size and SHA-256 of every entry before it. A `.sha256` file beside it holds the
 * whole file's SHA-256 in `sha256sum` form.
 */
export const BACKUP_FORMAT = 'bianmin-backup/1';
export const MANIFEST = 'manifest.json';
export const PGDATA = 'pgdata/';
export const PGDUMP = 'database.pgdump';
export const AUDIT = 'audit/';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  app: string;
  database: 'pglite' | 'postgres';
  /** `select version()` of the database it was taken from. */
  server: string;
  /** The last migration applied. */
  migration: string;
  takenAt: string;
  counts: Record<string, number>;
  auditHeads: { chain: string; seq: number; hash: string }[];
  entries: TarEntry[];
}

/** Why a backup file cannot be used; the message says it in Chinese and English. */
export class BadBackup extends Error {}

const isManifest = (v: unknown): v is BackupManifest => {
  const m = v as Partial<BackupManifest> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.format === BACKUP_FORMAT &&
    (m.database === 'pglite' || m.database === 'postgres') &&
    typeof m.migration === 'string' &&
    typeof m.takenAt === 'string' &&
    typeof m.counts === 'object' &&
    Array.isArray(m.auditHeads) &&
    Array.isArray(m.entries)
  );
};

/**
 * Reads a backup through once and checks it whole: every entry is listed in the manifest with the
 * same size and SHA-256, none is missing, nothing follows the manifest. Returns the manifest.
 */
export async function checkBackup(file: string): Promise<BackupManifest> {
  let manifestText: Buffer[] | null = null;
  let entries: TarEntry[];
  try {
    entries = await readTar(file, async (name) => {
      if (name !== MANIFEST) return null;
      const parts: Buffer[] = [];
      manifestText = parts;
      return {
        write: async (chunk) => void parts.push(Buffer.from(chunk)),
        end: async () => undefined,
      };
    });
  } catch (e) {
    throw new BadBackup(
      `备份文件已损坏或不完整 / the backup file is damaged or incomplete: ${(e as Error).message}`,
    );
  }
  const last = entries.at(-1);
  if (!manifestText || last?.name !== MANIFEST)
    throw new BadBackup(
      '这不是便民系统的备份文件（没有清单）/ not a Bianmin backup (no manifest at its end)',
    );
  let manifest: unknown;
  try {
    manifest = JSON.parse(Buffer.concat(manifestText).toString('utf8'));
  } catch {
    manifest = null;
  }
  if (!isManifest(manifest))
    throw new BadBackup(
      '备份清单无法识别（格式或版本不对）/ the manifest is not one this version reads',
    );
  const listed = new Map(manifest.entries.map((e) => [e.name, e]));
  const found = entries.slice(0, -1);
  for (const e of found) {
    const want = listed.get(e.name);
    if (!want || want.bytes !== e.bytes || want.sha256 !== e.sha256)
      throw new BadBackup(
        `备份内容与清单不符：${e.name} / ${e.name} does not match the manifest (changed or damaged)`,
      );
    listed.delete(e.name);
  }
  if (listed.size > 0)
    throw new BadBackup(
      `备份缺少清单列出的文件：${[...listed.keys()].slice(0, 3).join('、')} / entries missing`,
    );
  return manifest;
}

/** The `sha256sum` line of a file. */
export const sha256Line = (sha256: string, name: string) => `${sha256}  ${name}\n`;

/** SHA-256 of a whole file, streamed. */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
