import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openDatabase } from '../db/connect.ts';
import { AUDIT, BadBackup, checkBackup, PGDATA, PGDUMP, type BackupManifest } from './archive.ts';
import { readTar } from './tar.ts';
import { factsOf } from './take.ts';

/** Where a backup is restored to: always somewhere new (an empty folder or an empty database). */
export type RestoreTarget =
  | { kind: 'pglite'; dataDir: string; auditDir: string }
  | { kind: 'postgres'; url: string; auditDir: string };

export interface RestoreResult {
  manifest: BackupManifest;
  /** audit:verify's output, as printed. */
  verifyOutput: string;
}

/** The target is not new: restoring would overwrite something. */
export class TargetNotEmpty extends Error {}

const SERVER_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/** A name inside the archive as a path under `root`, refusing anything that would leave it. */
function inside(root: string, rel: string): string {
  const path = resolve(root, rel);
  if (rel === '' || rel.includes('\0') || !path.startsWith(resolve(root) + sep))
    throw new BadBackup(`备份中有非法路径 / an entry's path leaves its folder: ${rel}`);
  return path;
}

/** A folder that does not exist or holds nothing: the only kind a restore writes into. */
async function isNew(dir: string): Promise<boolean> {
  return !existsSync(dir) || (await readdir(dir)).length === 0;
}

/** Copies the entries of the backup that `route` maps to a file (null: not this entry). */
async function extract(file: string, route: (name: string) => string | null) {
  await readTar(file, async (name) => {
    const path = route(name);
    if (path === null) return null;
    if (name.endsWith('/')) {
      await mkdir(path, { recursive: true, mode: 0o700 });
      return null;
    }
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const fh: FileHandle = await open(path, 'wx', 0o600);
    let written = 0;
    return {
      write: async (chunk) => {
        await fh.write(chunk, 0, chunk.length, written);
        written += chunk.length;
      },
      end: async () => {
        await fh.sync();
        await fh.close();
      },
    };
  });
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string) {
  return new Promise<{ code: number; output: string }>((done, fail) => {
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? 1, output }));
  });
}

/** PostgreSQL: `pg_restore` of the dump into the (empty) database; the password by environment. */
async function pgRestore(url: string, dump: string) {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  const r = await run(
    process.env.BIANMIN_PG_RESTORE || 'pg_restore',
    ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${u.toString()}`, dump],
    env,
  ).catch((e: NodeJS.ErrnoException) => {
    throw new Error(
      e.code === 'ENOENT'
        ? '找不到 pg_restore：请安装 PostgreSQL 客户端 / pg_restore not found: install the PostgreSQL client'
        : e.message,
    );
  });
  if (r.code !== 0) throw new Error(`pg_restore exit ${r.code}: ${r.output.trim().slice(-800)}`);
}

/**
 * Restores a backup into a new PGlite folder or an empty PostgreSQL database, then proves it: the
 * restored database has every table's row count and every audit chain's head the manifest recorded,
 * and `audit:verify` — run as a person would, on the restored copy with its key — passes.
 * Refuses a damaged backup (before anything is written), and a target or audit folder that is not
 * empty.
 */
export async function restoreBackup(file: string, target: RestoreTarget): Promise<RestoreResult> {
  const manifest = await checkBackup(file);
  if (manifest.database !== target.kind)
    throw new BadBackup(
      manifest.database === 'pglite'
        ? '这是内置数据库（PGlite）的备份，只能恢复到新的数据文件夹（不设 DATABASE_URL）/ a PGlite backup restores into a data folder, not PostgreSQL'
        : '这是 PostgreSQL 的备份，只能恢复到 PostgreSQL 数据库（设 DATABASE_URL）/ a PostgreSQL backup restores into a PostgreSQL database',
    );
  // The copy's own audit folder: the anchors of a running installation are ahead of any backup,
  // and audit:verify would rightly call the restored chains cut back.
  if (!(await isNew(target.auditDir)))
    throw new TargetNotEmpty(
      `审计文件夹 ${target.auditDir} 不是空的，未恢复。请为恢复的数据指定新的审计文件夹（--audit-dir）。\n` +
        `  the audit folder ${target.auditDir} is not empty: nothing restored. Give the copy a new one (--audit-dir).`,
    );
  if (target.kind === 'pglite') {
    const dir = resolve(target.dataDir);
    if (!(await isNew(dir)))
      throw new TargetNotEmpty(
        `${dir} 不是空文件夹，未恢复（恢复只写入新的或空的文件夹）。\n` +
          `  ${dir} is not empty: nothing restored (a restore only writes into a new or empty folder).`,
      );
  } else {
    const probe = await openDatabase(
      { kind: 'postgres', url: target.url, poolSize: 1 },
      { migrate: false },
    );
    try {
      const t = await sql<{ n: number }>`
        select count(*)::int as n from pg_tables where schemaname = 'public'`.execute(probe.kysely);
      if (t.rows[0]!.n > 0)
        throw new TargetNotEmpty(
          `目标数据库已有数据表，未恢复（恢复只写入新建的空数据库）。\n` +
            `  the target database has tables: nothing restored (create an empty database first).`,
        );
    } finally {
      await probe.close();
    }
  }
  try {
    return await restoreInto(file, manifest, target);
  } catch (e) {
    // What was written is of no use and in the way of the next try: the folders were empty before.
    if (target.kind === 'pglite') await rm(target.dataDir, { recursive: true, force: true });
    await rm(target.auditDir, { recursive: true, force: true });
    if (target.kind === 'postgres')
      (e as Error).message +=
        '\n  目标数据库中留有部分恢复的数据：请删除并重建这个数据库后再试 / drop and create the database again before the next try';
    throw e;
  }
}

async function restoreInto(
  file: string,
  manifest: BackupManifest,
  target: RestoreTarget,
): Promise<RestoreResult> {
  const auditEntry = (name: string) =>
    name.startsWith(AUDIT) ? inside(target.auditDir, name.slice(AUDIT.length)) : null;
  if (target.kind === 'pglite') {
    const dir = resolve(target.dataDir);
    await extract(file, (name) =>
      name.startsWith(PGDATA) ? inside(dir, name.slice(PGDATA.length)) : auditEntry(name),
    );
  } else {
    const dump = join(tmpdir(), `bianmin-restore-${process.pid}-${Date.now()}.pgdump`);
    try {
      await extract(file, (name) => (name === PGDUMP ? dump : auditEntry(name)));
      await pgRestore(target.url, dump);
    } finally {
      await rm(dump, { force: true });
    }
  }

  // The restored copy must be the backup's moment: every count and every chain head.
  const restored = await openDatabase(
    target.kind === 'pglite'
      ? { kind: 'pglite', dataDir: target.dataDir }
      : { kind: 'postgres', url: target.url, poolSize: 1 },
    { migrate: false },
  );
  try {
    const facts = await factsOf(restored.kysely);
    const wrong = Object.entries(manifest.counts)
      .filter(([t, n]) => facts.counts[t] !== n)
      .map(([t, n]) => `${t} ${facts.counts[t] ?? '—'} ≠ ${n}`);
    if (facts.migration !== manifest.migration) wrong.push(`migration ${facts.migration}`);
    if (JSON.stringify(facts.auditHeads) !== JSON.stringify(manifest.auditHeads))
      wrong.push('audit heads');
    if (wrong.length > 0)
      throw new Error(
        `恢复后的数据与备份清单不符，请勿使用 / the restored copy differs from the manifest: ${wrong.join('; ')}`,
      );
  } finally {
    await restored.close();
  }

  const env: NodeJS.ProcessEnv = { ...process.env, BIANMIN_AUDIT_DIR: target.auditDir };
  delete env.DATABASE_URL;
  delete env.DATABASE_READ_URL;
  if (target.kind === 'pglite') env.BIANMIN_DATA_DIR = target.dataDir;
  else env.DATABASE_URL = target.url;
  const verify = await run(
    process.execPath,
    ['--import', 'tsx', 'src/cli/verify-audit.ts'],
    env,
    SERVER_DIR,
  );
  if (verify.code !== 0)
    throw new Error(
      `恢复后的审计记录校验未通过，请勿使用 / audit:verify failed on the restored copy (exit ${verify.code}):\n${verify.output}`,
    );
  return { manifest, verifyOutput: verify.output };
}
