/**
 * Restore a backup into a new place, and prove it (issue 12; docs/operations.md "Restoring"):
 *   npm run restore -- FILE [--data-dir DIR | --database-url URL] [--audit-dir DIR]
 * Into a new or empty PGlite folder (BIANMIN_DATA_DIR, or --data-dir) or an empty PostgreSQL database
 * (DATABASE_URL, or --database-url); the audit key and anchors into a new audit folder (--audit-dir
 * or BIANMIN_AUDIT_DIR; for PGlite by default inside the new data folder). It never overwrites: a
 * folder that is not empty, a database with tables, an audit folder that is not empty are refused. After restoring, every table's row count and every audit chain's head are compared
 * with the backup's manifest, and `audit:verify` runs on the restored copy.
 * Exit codes: 0 restored and verified; 1 the backup is damaged, or the check failed; 2 a wrong
 * setting or argument, or a target that is not empty.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileSha256 } from '../backup/archive.ts';
import { restoreBackup, TargetNotEmpty } from '../backup/restore.ts';
import { loadConfig } from '../config.ts';

function refuse(message: string, code = 2): never {
  console.error(`✘ ${message}`);
  process.exit(code);
}

let file: string;
let args: { 'data-dir'?: string; 'database-url'?: string; 'audit-dir'?: string };
try {
  const parsed = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      'audit-dir': { type: 'string' },
    },
  });
  if (parsed.positionals.length !== 1) throw new Error('name one backup file');
  args = parsed.values;
  if (args['data-dir'] && args['database-url'])
    throw new Error('--data-dir or --database-url, not both');
  const cwd = process.env.INIT_CWD ?? process.cwd();
  file = resolve(cwd, parsed.positionals[0]!);
  if (args['data-dir']) args['data-dir'] = resolve(cwd, args['data-dir']);
  if (args['audit-dir']) args['audit-dir'] = resolve(cwd, args['audit-dir']);
} catch (e) {
  refuse(
    `用法 usage: npm run restore -- 备份文件.tar [--data-dir 新文件夹 | --database-url postgres://…] (${(e as Error).message})`,
  );
}
if (!existsSync(file)) refuse(`找不到备份文件 backup file not found: ${file}`);

const env: NodeJS.ProcessEnv = { ...process.env };
if (args['data-dir']) {
  env.BIANMIN_DATA_DIR = args['data-dir'];
  delete env.DATABASE_URL;
}
if (args['database-url']) env.DATABASE_URL = args['database-url'];
if (args['audit-dir']) env.BIANMIN_AUDIT_DIR = args['audit-dir'];
const config = (() => {
  try {
    return loadConfig(env);
  } catch (e) {
    return refuse((e as Error).message);
  }
})();

// The whole file against the SHA-256 written beside it, when it came along.
if (existsSync(`${file}.sha256`)) {
  const want = readFileSync(`${file}.sha256`, 'utf8').split(/\s/)[0];
  if ((await fileSha256(file)) !== want)
    refuse(`备份文件与其 .sha256 不符（传输中损坏？）/ ${file} does not match its .sha256`, 1);
  console.log('✔ 整个文件的 SHA-256 相符 (the whole file matches its .sha256)');
}

const target = config.databaseUrl
  ? ({ kind: 'postgres', url: config.databaseUrl, auditDir: config.auditDir } as const)
  : ({ kind: 'pglite', dataDir: config.dataDir, auditDir: config.auditDir } as const);
const where = target.kind === 'pglite' ? target.dataDir : 'DATABASE_URL';
console.log(`恢复 ${file} → ${where}（审计密钥 → ${config.auditDir}）`);
try {
  const { manifest, verifyOutput } = await restoreBackup(file, target);
  process.stdout.write(verifyOutput);
  const rows = Object.values(manifest.counts).reduce((a, b) => a + b, 0);
  console.log(
    `✔ 已恢复并核对 restored and checked: 备份于 ${manifest.takenAt}, ${Object.keys(manifest.counts).length} 张表 ${rows} 行, ` +
      `迁移 ${manifest.migration}, ${manifest.auditHeads.length} 条审计链完整`,
  );
  console.log(
    target.kind === 'pglite'
      ? `  启动 start it: BIANMIN_DATA_DIR=${target.dataDir} npm start`
      : '  启动 start it with this DATABASE_URL and BIANMIN_AUDIT_DIR',
  );
} catch (e) {
  refuse(`恢复失败 restore failed: ${(e as Error).message}`, e instanceof TargetNotEmpty ? 2 : 1);
}
process.exit(0);
