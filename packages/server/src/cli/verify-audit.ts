/**
 * Verify every audit chain of the database (decision 0004):
 *   npm run audit:verify [-- --anchors <file> …]
 * Uses DATABASE_URL or the PGlite data folder, like the server (stop a server that uses the same
 * PGlite folder first), the audit key of BIANMIN_AUDIT_DIR, the anchors the server wrote there, and
 * any anchor files the group leader kept (--anchors). It opens the database as it is — never creates,
 * initialises or migrates it — and refuses a folder or database that holds no audit trail.
 * Exit codes: 0 every chain intact; 1 a chain is broken; 2 nothing to verify or a wrong setting;
 * 3 the PGlite folder is in use.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { ANCHOR_FILE, anchorLine, readAnchors, type Anchor } from '../audit/anchor.ts';
import { KEY_FILE, readAuditKey } from '../audit/key.ts';
import { verifyChain } from '../audit/verify.ts';
import { shiftedClock, systemClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { openDatabase, type Db } from '../db/connect.ts';
import { DataFolderLockedError } from '../db/lock.ts';

function refuse(message: string, code = 2): never {
  console.error(`✘ ${message}`);
  process.exit(code);
}

let args: { anchors?: string[] };
try {
  args = parseArgs({ options: { anchors: { type: 'string', multiple: true } } }).values;
} catch (e) {
  refuse(`用法 usage: npm run audit:verify [-- --anchors <file> …] (${(e as Error).message})`);
}
const config = loadConfig();

const where = config.databaseUrl
  ? `DATABASE_URL ${new URL(config.databaseUrl).pathname.slice(1) || '(no database name)'}`
  : `BIANMIN_DATA_DIR ${config.dataDir}`;
// Opening PGlite on a folder that is not one would create a new, empty database there.
if (!config.databaseUrl && !existsSync(join(config.dataDir, 'PG_VERSION')))
  refuse(
    `${config.dataDir} 不是便民系统的数据文件夹（没有数据库），未作校验。请检查 BIANMIN_DATA_DIR。\n` +
      `  ${config.dataDir} holds no database: nothing verified. Check BIANMIN_DATA_DIR.`,
  );

let anchors: Anchor[];
try {
  anchors = [
    ...readAnchors(join(config.auditDir, ANCHOR_FILE)),
    ...(args.anchors ?? []).flatMap((given) => {
      // Relative to where `npm run` was typed (npm runs the script in packages/server).
      const file = resolve(process.env.INIT_CWD ?? process.cwd(), given);
      if (!existsSync(file)) refuse(`找不到链头文件 anchor file not found: ${file}`);
      return readAnchors(file);
    }),
  ];
} catch (e) {
  refuse(`链头文件有误 bad anchor file: ${(e as Error).message}`);
}
const key = (() => {
  try {
    return readAuditKey(config.auditDir);
  } catch (e) {
    return refuse((e as Error).message);
  }
})();

let db: Db;
try {
  db = await openDatabase(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl, poolSize: 1 }
      : { kind: 'pglite', dataDir: config.dataDir },
    { migrate: false },
  );
} catch (e) {
  if (e instanceof DataFolderLockedError) refuse(e.message, 3);
  refuse(`无法打开数据库 cannot open ${where}: ${(e as Error).message}`);
}

/** Nothing to verify: said once, after the database is closed. */
class NothingToVerify extends Error {}

const clock = config.clockStart ? shiftedClock(config.clockStart) : systemClock;
let broken = 0;
try {
  const table = await sql<{
    t: string | null;
  }>`select to_regclass('public.audit_log')::text as t`.execute(db.kysely);
  if (!table.rows[0]?.t)
    throw new NothingToVerify(
      `${where} 中没有审计记录表：这不是便民系统的数据库，或系统从未在其上启动过。未作校验。\n` +
        `  ${where} has no audit trail (not a Bianmin database, or never started): nothing verified.`,
    );
  const chains = (
    await db.kysely
      .selectFrom('audit_heads')
      .select('chain')
      .union(db.kysely.selectFrom('audit_log').select('chain').distinct())
      .orderBy('chain')
      .execute()
  ).map((r) => r.chain);
  if (chains.length === 0)
    throw new NothingToVerify(
      `${where} 中没有任何审计记录，未作校验：是否用错了数据库？\n` +
        `  ${where} holds no audit entries: nothing verified. Is it the right database?`,
    );
  if (!key)
    console.log(
      `! 没有找到审计密钥 ${join(config.auditDir, KEY_FILE)}：签名的记录无法校验（设置 BIANMIN_AUDIT_DIR）。\n` +
        `  No audit key found: signed entries cannot be checked (set BIANMIN_AUDIT_DIR).`,
    );
  const heads: Anchor[] = [];
  for (const chain of chains) {
    const r = await verifyChain(db.kysely, chain, { key, anchors });
    if (r.ok) {
      console.log(`✔ ${chain}: ${r.checked} 条记录完整 (intact)`);
      if (r.head) heads.push({ chain, ...r.head, at: clock.now().toISOString() });
    } else {
      broken += 1;
      console.log(
        `✘ ${chain}: 第 ${r.firstBroken?.seq} 条 (id ${r.firstBroken?.id}) 起被篡改或缺失 — ${r.firstBroken?.reason}`,
      );
    }
  }
  console.log(`  校验了 ${anchors.length} 个链头 (anchors checked)`);
  if (heads.length > 0) {
    console.log(
      '\n请考核小组组长保存以下链头（存入文件，下次用 --anchors 文件 校验）\n' +
        'Keep these heads (save them to a file; check later with --anchors <file>):',
    );
    for (const h of heads) console.log(anchorLine(h));
  }
} catch (e) {
  await db.close().catch(() => undefined);
  refuse(
    e instanceof NothingToVerify
      ? e.message
      : `无法读取数据库 cannot read ${where}: ${(e as Error).message}`,
  );
}
await db.close();
process.exit(broken === 0 ? 0 : 1);
