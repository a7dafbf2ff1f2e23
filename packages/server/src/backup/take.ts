import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { currentHeads } from '../audit/anchor.ts';
import { KEY_FILE } from '../audit/key.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/connect.ts';
import { LOCK_FILE } from '../db/folder.ts';
import type { Database } from '../db/schema.ts';
import { APP_VERSION } from '../version.ts';
import {
  AUDIT,
  BACKUP_FORMAT,
  checkBackup,
  MANIFEST,
  PGDATA,
  PGDUMP,
  sha256Line,
  type BackupManifest,
} from './archive.ts';
import { TarWriter } from './tar.ts';

/** The file a PGlite server leaves in its data folder for `npm run backup` (src/backup/control.ts). */
export const CONTROL_FILE = 'bianmin-control.json';

/** What a backup says about the database at its moment, read on the same snapshot as the copy. */
export async function factsOf(db: Kysely<Database>) {
  const version = await sql<{ v: string }>`select version() as v`.execute(db);
  const migration = await sql<{
    name: string;
  }>`select name from kysely_migration order by name desc limit 1`.execute(db);
  const tables = await sql<{ t: string }>`
    select tablename as t from pg_tables where schemaname = 'public' order by tablename`.execute(
    db,
  );
  const counts: Record<string, number> = {};
  for (const { t } of tables.rows)
    counts[t] = Number(
      (await sql<{ n: string | number }>`select count(*) as n from ${sql.table(t)}`.execute(db))
        .rows[0]!.n,
    );
  return {
    server: version.rows[0]!.v,
    migration: migration.rows[0]?.name ?? '',
    counts,
    auditHeads: await currentHeads(db),
  };
}

/**
 * Every directory (with a trailing '/') and file under `dir`, as paths relative to it, parents
 * first, but not those `skip` names (relative too).
 */
async function filesUnder(dir: string, skip: (rel: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  const walk = async (at: string) => {
    for (const d of await readdir(at, { withFileTypes: true })) {
      const abs = join(at, d.name);
      const rel = relative(dir, abs).split(sep).join('/');
      if (skip(rel)) continue;
      if (d.isDirectory()) {
        out.push(`${rel}/`);
        await walk(abs);
      } else if (d.isFile()) out.push(rel);
    }
  };
  await walk(dir);
  return out;
}

/** `pg_dump -Fc` of the database at an exported snapshot, into `file`; the password by environment. */
function pgDump(url: string, snapshot: string, file: string): Promise<void> {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.env.BIANMIN_PG_DUMP || 'pg_dump',
      [
        '--format=custom',
        `--snapshot=${snapshot}`,
        '--no-owner',
        `--file=${file}`,
        `--dbname=${u.toString()}`,
      ],
      {
        env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) =>
      reject(
        new Error(
          (e as NodeJS.ErrnoException).code === 'ENOENT'
            ? '找不到 pg_dump：请安装与数据库同版本或更新的 PostgreSQL 客户端 / pg_dump not found: install the PostgreSQL client (same major version as the server or newer)'
            : e.message,
        ),
      ),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`pg_dump exit ${code}: ${stderr.trim().slice(-500)}`)),
    );
  });
}

/**
 * Takes one consistent backup into `path` while the server goes on serving, checks it by reading it
 * back, and only then gives it its name (written first as `path.part`, synced, renamed).
 *
 * - PGlite: between two queries — holding the one connection, so nothing runs meanwhile — a
 *   CHECKPOINT, the facts, then the data folder's files are copied. Requests wait for the copy
 *   (about a second per 100 MiB here; docs/perf.md).
 * - PostgreSQL: a repeatable-read transaction exports its snapshot; the facts are read in it and
 *   `pg_dump` dumps the same snapshot, so the counts in the manifest are the dump's own.
 */
export async function takeArchive(
  db: Db,
  config: Config,
  at: Date,
  path: string,
): Promise<{ manifest: BackupManifest; bytes: number; sha256: string }> {
  const part = `${path}.part`;
  const writer = await TarWriter.create(part, at.getTime());
  const dump = `${path}.pgdump.part`;
  try {
    let facts: Awaited<ReturnType<typeof factsOf>>;
    if (db.kind === 'pglite') {
      const dataDir = db.dataDir;
      if (!dataDir) throw new Error('an in-memory database has no folder to back up');
      const auditRel = relative(dataDir, config.auditDir).split(sep).join('/');
      const auditInside = !auditRel.startsWith('..') && auditRel !== '';
      // Not the server's own: its folder lock, its control file, PostgreSQL's pid file.
      const skip = (rel: string) =>
        [LOCK_FILE, CONTROL_FILE, 'postmaster.pid'].includes(rel) ||
        (auditInside && rel === auditRel);
      facts = await db.kysely.connection().execute(async (conn) => {
        await sql`checkpoint`.execute(conn);
        const f = await factsOf(conn);
        for (const rel of await filesUnder(dataDir, skip))
          if (rel.endsWith('/')) await writer.addDirectory(PGDATA + rel);
          else await writer.addFile(PGDATA + rel, join(dataDir, rel));
        return f;
      });
    } else {
      const url = db.url ?? config.databaseUrl;
      if (!url) throw new Error('PostgreSQL without DATABASE_URL');
      facts = await db.kysely
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (tx) => {
          const snap = await sql<{ s: string }>`select pg_export_snapshot() as s`.execute(tx);
          const f = await factsOf(tx);
          await pgDump(url, snap.rows[0]!.s, dump);
          return f;
        });
      await writer.addFile(PGDUMP, dump);
    }
    for (const name of [KEY_FILE, 'anchors.jsonl']) {
      const file = join(config.auditDir, name);
      if (existsSync(file)) await writer.addFile(AUDIT + name, file);
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      app: APP_VERSION,
      database: db.kind,
      ...facts,
      takenAt: at.toISOString(),
      entries: [...writer.entries],
    };
    await writer.addBuffer(MANIFEST, Buffer.from(JSON.stringify(manifest, null, 1)));
    const { bytes, sha256 } = await writer.finish();
    await checkBackup(part);
    await rename(part, path);
    await writeFile(`${path}.sha256`, sha256Line(sha256, path.split(sep).at(-1)!), { mode: 0o600 });
    return { manifest, bytes, sha256 };
  } catch (e) {
    await writer.abort();
    await rm(part, { force: true });
    throw e;
  } finally {
    await rm(dump, { force: true });
  }
}

/** Backup files of this installation in the folder: `bianmin-<db>-<YYYYMMDD>-<HHmmss>-<id>.tar`. */
export const BACKUP_NAME = /^bianmin-(pglite|postgres)-(\d{8})-(\d{6})-(\d+)\.tar$/;

/** The name of a backup taken at `at` (Beijing time in the name, for people). */
export function backupName(kind: Db['kind'], at: Date, id: number): string {
  const bj = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  const stamp = `${bj.slice(0, 10).replaceAll('-', '')}-${bj.slice(11, 19).replaceAll(':', '')}`;
  return `bianmin-${kind}-${stamp}-${id}.tar`;
}

/** When a backup was taken, from its name (by the server's clock, which tests and demos move). */
export function takenAtOfName(name: string): number | null {
  const m = BACKUP_NAME.exec(name.replace(/\.part$/, ''));
  if (!m) return null;
  const [d, t] = [m[2]!, m[3]!];
  return Date.parse(
    `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4)}+08:00`,
  );
}

/**
 * Removes the backups of the folder taken more than `keepDays` ago — never `keep`, the one just
 * taken — with their `.sha256`, and the pieces (`.part`) of backups that died a day ago or more.
 * Returns the names of the backups removed.
 */
export async function pruneBackups(dir: string, now: Date, keepDays: number, keep: string) {
  const removed: string[] = [];
  for (const name of await readdir(dir)) {
    const at = takenAtOfName(name);
    if (at === null || name === keep) continue;
    const file = join(dir, name);
    if (name.endsWith('.part')) {
      if (now.getTime() - at >= 86_400_000) await rm(file, { force: true });
    } else if (now.getTime() - at > keepDays * 86_400_000) {
      await rm(file, { force: true });
      await rm(`${file}.sha256`, { force: true });
      removed.push(name);
    }
  }
  return removed.sort();
}

/** The backups folder, made on first use and readable by the server's user only. */
export async function backupFolder(config: Config): Promise<string> {
  await mkdir(config.backup.dir, { recursive: true, mode: 0o700 });
  return config.backup.dir;
}
