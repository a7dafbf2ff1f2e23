/**
 * Verify every audit chain of the database: `npm run audit:verify`. Exits 1 and names the first
 * broken entry of each broken chain. Uses DATABASE_URL or the PGlite data folder, like the server
 * (so stop a server that uses the same PGlite folder first).
 */
import { verifyChain } from '../audit/verify.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';

const config = loadConfig();
const db = await openDatabase(
  config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'pglite', dataDir: config.dataDir, flushSeconds: config.flushSeconds },
);
let broken = 0;
try {
  const chains = await db.kysely
    .selectFrom('audit_heads')
    .select('chain')
    .orderBy('chain')
    .execute();
  for (const { chain } of chains) {
    const r = await verifyChain(db.kysely, chain);
    if (r.ok) console.log(`✔ ${chain}: ${r.checked} 条记录完整 (intact)`);
    else {
      broken += 1;
      console.log(
        `✘ ${chain}: 第 ${r.firstBroken?.seq} 条 (id ${r.firstBroken?.id}) 起被篡改或缺失 — ${r.firstBroken?.reason}`,
      );
    }
  }
} finally {
  await db.close();
}
process.exit(broken === 0 ? 0 : 1);
