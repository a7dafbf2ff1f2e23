import { buildApp } from './app.ts';
import { systemClock } from './clock.ts';
import { loadConfig } from './config.ts';
import { openDatabase, type Db } from './db/connect.ts';
import { DataFolderLockedError } from './db/lock.ts';
import { seedDemoAssessment } from './demo/assessment.ts';
import { seedDemoEvaluation } from './demo/evaluation.ts';
import { seedDemoReports } from './demo/reports.ts';
import { seedDemoCases } from './demo/cases.ts';
import { seedDemo } from './demo/seed.ts';
import { sweepOverdue } from './modules/violations/service.ts';

const started = performance.now();
const config = loadConfig();

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
  logger: { level: config.logLevel },
});
if (config.demo && (await seedDemo(db.kysely, systemClock))) {
  const deps = { db: db.kysely, dbKind: db.kind, clock: systemClock, config };
  const visits = await seedDemoCases(deps);
  const halfYears = await seedDemoAssessment(deps);
  // Public reports create findings, so they come after the settled half-years.
  await seedDemoReports(deps);
  // The 2025 ratings, decided on the year's facts (findings and reports included).
  await seedDemoEvaluation(deps);
  app.log.info(
    { visits, halfYears },
    'demo centers, accounts, cases and settled half-years created',
  );
}

/** Every minute, overdue cases raise their violation candidates (限时办结 → 考核内容第六项). */
const SWEEP_MS = 60_000;
const sweepDeps = { db: db.kysely, dbKind: db.kind, clock: systemClock, config };
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
