import { buildApp } from './app.ts';
import { shiftedClock, systemClock } from './clock.ts';
import { loadConfig } from './config.ts';
import { openDatabase, type Db } from './db/connect.ts';
import { DataFolderLockedError } from './db/lock.ts';
import { seedDemoData } from './demo/index.ts';
import { sweepOverdue } from './modules/violations/service.ts';

const started = performance.now();
const config = loadConfig();
/** Every rule reads this clock: the real one, or for tests and demos one moved by BIANMIN_CLOCK. */
const clock = config.clockStart ? shiftedClock(config.clockStart) : systemClock;

let db: Db;
try {
  db = await openDatabase(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl }
      : { kind: 'pglite', dataDir: config.dataDir, flushSeconds: config.flushSeconds },
  );
} catch (e) {
  if (e instanceof DataFolderLockedError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(3);
  }
  throw e;
}

const app = await buildApp({
  db,
  config,
  clock,
  logger: { level: config.logLevel },
});
if (config.clockStart)
  app.log.warn(
    { now: clock.now().toISOString() },
    'BIANMIN_CLOCK: the server runs on a moved clock (tests and demos only)',
  );
if (config.demo) {
  const seeded = await seedDemoData({ db: db.kysely, dbKind: db.kind, clock, config });
  if (seeded) app.log.info(seeded, 'demo centers, accounts, cases and settled half-years created');
}

/** Every minute, overdue cases raise their violation candidates (限时办结 → 考核内容第六项). */
const SWEEP_MS = 60_000;
const sweepDeps = { db: db.kysely, dbKind: db.kind, clock, config };
async function sweep() {
  try {
    const raised = await sweepOverdue(sweepDeps);
    if (raised > 0) app.log.info({ raised }, 'overdue cases raised violation candidates');
  } catch (e) {
    app.log.error({ err: e }, 'overdue sweep failed');
  }
}
const sweeper = setInterval(() => void sweep(), SWEEP_MS);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  clearInterval(sweeper);
  app.log.info({ signal }, 'shutting down: finishing requests in flight');
  try {
    await app.close();
    await db.close();
    app.log.info('database closed cleanly');
    process.exit(0);
  } catch (e) {
    app.log.error({ err: e }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

await app.listen({ host: config.host, port: config.port });
void sweep();
app.log.info(
  {
    database: db.kind,
    dataDir: db.kind === 'pglite' ? config.dataDir : undefined,
    startupMs: Math.round(performance.now() - started),
    rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
  },
  `便民服务中心系统已启动 http://${config.host}:${config.port}`,
);
