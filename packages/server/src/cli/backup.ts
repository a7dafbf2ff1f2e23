/**
 * A backup now, while the server runs (issue 12; docs/operations.md "Backups"):
 *   npm run backup [-- DEST]
 * The backup goes to the backups folder (BIANMIN_BACKUP_DIR) like the nightly ones, is recorded in
 * the database, and is then copied to DEST when given (a folder, or a file name ending in .tar).
 * - PostgreSQL (DATABASE_URL): taken here, with pg_dump.
 * - PGlite, server running: the folder is locked, so the running server is asked for it, with the
 *   secret its control file in the data folder holds (only the server's user can read it).
 * - PGlite, server stopped: taken here from the folder, without migrating it (a backup before an
 *   upgrade must be of the old database).
 * Exit codes: 0 taken; 1 the backup failed; 2 a wrong setting or argument.
 */
import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { fileSha256, sha256Line } from '../backup/archive.ts';
import { backupNow, type BackupRecord } from '../backup/service.ts';
import { backupFolder, backupName, CONTROL_FILE, takeArchive } from '../backup/take.ts';
import { shiftedClock, systemClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { openDatabase, type Db } from '../db/connect.ts';
import { DataFolderLockedError } from '../db/lock.ts';
import { writeFile } from 'node:fs/promises';

function refuse(message: string, code = 2): never {
  console.error(`✘ ${message}`);
  process.exit(code);
}

let dest: string | undefined;
try {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length > 1) throw new Error('one destination at most');
  // Relative to where `npm run` was typed (npm runs the script in packages/server).
  dest = positionals[0] && resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]);
} catch (e) {
  refuse(`用法 usage: npm run backup [-- 目标文件夹或文件.tar] (${(e as Error).message})`);
}
const config = (() => {
  try {
    return loadConfig();
  } catch (e) {
    return refuse((e as Error).message);
  }
})();
const clock = config.clockStart ? shiftedClock(config.clockStart) : systemClock;
const actor = {
  userId: null,
  name: `npm run backup（${userInfo().username}）`,
  ip: null,
  requestId: null,
};

/** Asks the running PGlite server for a backup (the control file's address and secret). */
async function askServer(): Promise<BackupRecord> {
  const file = join(config.dataDir, CONTROL_FILE);
  if (!existsSync(file))
    refuse(
      `数据文件夹被另一进程占用，但没有找到运行中服务器的控制文件 ${file}。\n` +
        `  The folder is locked but no running server left ${CONTROL_FILE}: is it starting or stopping?`,
      1,
    );
  const { url, token } = JSON.parse(await readFile(file, 'utf8')) as { url: string; token: string };
  console.log(`服务器正在运行，由它备份 / the server is running: asking it (${url})`);
  const res = await fetch(`${url}/api/backups/command`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  }).catch((e: Error) =>
    refuse(`无法连接服务器 cannot reach the server at ${url}: ${e.message}`, 1),
  );
  const body = (await res.json()) as BackupRecord & {
    message?: string;
    details?: { error?: string };
  };
  if (!res.ok)
    refuse(`备份失败 backup failed: ${body.message ?? res.status} ${body.details?.error ?? ''}`, 1);
  return body;
}

/** Here, on a database this process opened (PostgreSQL, or a stopped server's folder). */
async function takeHere(db: Db): Promise<{ file: string; bytes: number; sha256: string }> {
  const table = await sql<{
    t: string | null;
  }>`select to_regclass('public.backups')::text as t`.execute(db.kysely);
  if (table.rows[0]?.t) {
    const r = await backupNow({ db, config, clock }, 'command', actor);
    return { file: r.file!, bytes: r.bytes!, sha256: r.sha256! };
  }
  // A database of a version before backups were recorded: taken as it is, not migrated.
  const at = clock.now();
  const name = backupName(db.kind, at, 0);
  const taken = await takeArchive(db, config, at, join(await backupFolder(config), name));
  return { file: name, bytes: taken.bytes, sha256: taken.sha256 };
}

let taken: { file: string; bytes: number; sha256: string };
if (!config.databaseUrl && !existsSync(join(config.dataDir, 'PG_VERSION')))
  refuse(
    `${config.dataDir} 不是便民系统的数据文件夹（没有数据库）/ holds no database: nothing backed up`,
  );
try {
  let db: Db | null = null;
  try {
    db = await openDatabase(
      config.databaseUrl
        ? { kind: 'postgres', url: config.databaseUrl, poolSize: 2 }
        : { kind: 'pglite', dataDir: config.dataDir },
      { migrate: false },
    );
  } catch (e) {
    if (!(e instanceof DataFolderLockedError)) throw e;
  }
  if (db) {
    try {
      taken = await takeHere(db);
    } finally {
      await db.close();
    }
  } else {
    const r = await askServer();
    taken = { file: r.file!, bytes: r.bytes!, sha256: r.sha256! };
  }
} catch (e) {
  refuse(`备份失败 backup failed: ${(e as Error).message}`, 1);
}

const source = join(config.backup.dir, taken.file);
console.log(`✔ 备份完成 backup taken: ${source} (${(taken.bytes / 2 ** 20).toFixed(1)} MiB)`);
console.log(`  SHA-256 ${taken.sha256}`);
if (dest) {
  const toFolder = !dest.endsWith('.tar') || (existsSync(dest) && (await stat(dest)).isDirectory());
  if (toFolder) await mkdir(dest, { recursive: true });
  const target = toFolder ? join(dest, taken.file) : dest;
  await copyFile(source, target);
  if ((await fileSha256(target)) !== taken.sha256)
    refuse(`复制后的文件校验不符 the copy at ${target} does not match: copy again`, 1);
  await writeFile(`${target}.sha256`, sha256Line(taken.sha256, basename(target)));
  console.log(`✔ 已复制到 copied to ${target} (checked)`);
}
process.exit(0);
