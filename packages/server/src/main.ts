import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { openAuditTrail, type AuditTrail } from './audit/anchor.ts';
import { systemActor } from './audit/write.ts';
import { scheduledBackup } from './backup/service.ts';
import { CONTROL_FILE } from './backup/take.ts';
import { shiftedClock, systemClock } from './clock.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase, type Db } from './db/connect.ts';
import { withStartupLock } from './db/startup-lock.ts';
import { messageOf, mib, type DbEvent } from './db/trouble.ts';
import { seedDemoData } from './demo/index.ts';
import { sweepBookings } from './modules/appointments/sweep.ts';
import { smsProviderOf } from './modules/outbox/providers/index.ts';
import { sendDue } from './modules/outbox/service.ts';
import { TEMPLATE_KEYS } from './modules/outbox/templates.ts';
import { sweepOverdue } from './modules/violations/service.ts';
import { applyRetention } from './modules/retention/service.ts';
import { lastBackupSlot } from '@bianmin/domain';
import { sendDigests, sweepWarnings } from './modules/inbox/sweep.ts';
import { sweepTerms } from './modules/inbox/terms.ts';
import { checkPort, startupFailure } from './startup.ts';

const started = performance.now();
let config: Config | null = null;
let db: Db | null = null;
let app: FastifyInstance | null = null;
let trail: AuditTrail | null = null;

/**
 * Whatever stops the start: one line on stderr saying what is wrong and what to do, and an exit
 * code per kind (src/startup.ts, docs/operations.md). What was taken is given back first — the
 * folder lock, the connections — but never waited for long.
 */
async function failStart(e: unknown): Promise<never> {
  const { line, exitCode } = startupFailure(e, config);
  process.stderr.write(`${line}\n`);
  if (config && ['debug', 'trace'].includes(config.logLevel))
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  const release = (async () => {
    await app?.close();
    await trail?.stop();
    await db?.close();
  })().catch(() => undefined);
  await Promise.race([release, new Promise((r) => setTimeout(r, 5_000).unref())]);
  process.exit(exitCode);
}

function logDatabaseEvent(log: FastifyBaseLogger, e: DbEvent) {
  switch (e.kind) {
    case 'connection-lost':
      log.warn(
        { err: e.error },
        '数据库连接断开 / a database connection was lost: the next request opens a new one',
      );
      break;
    case 'disk-full':
      log.error(
        { freeMiB: mib(e.freeBytes), minFreeMiB: mib(e.minFreeBytes) },
        '磁盘空间不足，已暂停保存，查询照常 / disk nearly full: writes refused, reads go on, until space is freed',
      );
      break;
    case 'disk-ok':
      log.warn(
        { freeMiB: mib(e.freeBytes), minFreeMiB: mib(e.minFreeBytes) },
        '磁盘空间已恢复，恢复保存 / disk space is back: writes accepted again',
      );
      break;
  }
}

try {
  try {
    config = loadConfig();
  } catch (e) {
    throw e instanceof ConfigError ? e : new ConfigError(messageOf(e));
  }
  const cfg = config;
  /** Every rule reads this clock: the real one, or for tests and demos one moved by BIANMIN_CLOCK. */
  const clock = cfg.clockStart ? shiftedClock(cfg.clockStart) : systemClock;

  // The port first: a second server on a taken port stops here, before it touches any data.
  await checkPort(cfg.host, cfg.port);
  const opened = await openDatabase(
    cfg.databaseUrl
      ? {
          kind: 'postgres',
          url: cfg.databaseUrl,
          connectTimeoutMs: cfg.connectTimeoutSeconds * 1000,
        }
      : {
          kind: 'pglite',
          dataDir: cfg.dataDir,
          minFreeBytes: cfg.minFreeMiB * 2 ** 20,
          takeOverLockFrom: cfg.takeOverLockFrom,
        },
  );
  db = opened;
  // The statistics may read a replica: its lag of seconds does not change a month's figures.
  const replica = cfg.databaseReadUrl
    ? await openDatabase(
        {
          kind: 'postgres',
          url: cfg.databaseReadUrl,
          connectTimeoutMs: cfg.connectTimeoutSeconds * 1000,
        },
        { migrate: false },
      )
    : null;
  // PGlite: `npm run backup` cannot open the locked folder, so it asks this server, with a secret
  // only a user who can read the data folder knows (the control file, written once listening).
  const backupToken = opened.kind === 'pglite' ? randomBytes(32).toString('hex') : undefined;
  const server = await buildApp({
    db: opened,
    ...(replica ? { readDb: replica } : {}),
    config: cfg,
    clock,
    logger: { level: cfg.logLevel },
    ...(backupToken ? { backupToken } : {}),
  });
  app = server;
  opened.events.on((e) => logDatabaseEvent(server.log, e));
  const previous = opened.lockTakenOverFrom;
  if (previous && previous.host !== hostname())
    server.log.warn(
      { previous },
      `took over the data-folder lock of host ${previous.host} (BIANMIN_TAKE_OVER_LOCK_FROM); unset it now`,
    );
  if (cfg.clockStart)
    server.log.warn(
      { now: clock.now().toISOString() },
      'BIANMIN_CLOCK: the server runs on a moved clock (tests and demos only)',
    );

  // The audit key and anchors (decision 0004), before anything is written, then the demo — one
  // server at a time when several start together on one PostgreSQL database.
  const auditTrail = await withStartupLock(opened.kysely, opened.kind, async () => {
    const audit = await openAuditTrail(opened.kysely, clock, cfg.auditDir, (e) =>
      server.log.error({ err: e }, 'writing the audit anchors failed'),
    );
    trail = audit;
    if (audit.adopted.length > 0)
      server.log.warn(
        { chains: audit.adopted },
        'audit chains signed with the audit key from now on',
      );
    if (cfg.demo) {
      const seeded = await seedDemoData({
        db: opened.kysely,
        dbKind: opened.kind,
        clock,
        config: cfg,
      });
      if (seeded)
        server.log.info(seeded, 'demo centers, accounts, cases and settled half-years created');
    }
    return audit;
  });

  /**
   * Every minute (`BIANMIN_SWEEP_SECONDS`), overdue cases raise their violation candidates (限时办结
   * → 考核内容第六项), and bookings whose slot is over are recorded as no-shows, and tomorrow's
   * reminders queued.
   */
  const SWEEP_MS = cfg.sweepSeconds * 1000;
  const sweepDeps = { db: opened.kysely, dbKind: opened.kind, clock, config: cfg };
  // Each step counted on /metrics (runs, failures, last success): the alerts of docs/operations.md.
  const { job } = server.metrics;
  /** Cases turning yellow or red told to their holders, and the director's morning digest. */
  const sweepInbox = async () => {
    try {
      const { warned, digests } = await job('inbox', async () => ({
        warned: await sweepWarnings(sweepDeps),
        digests: await sendDigests(sweepDeps),
      }));
      if (warned + digests > 0)
        server.log.info({ warned, digests }, 'inbox: case warnings and digests delivered');
    } catch (e) {
      server.log.error({ err: e }, 'inbox sweep failed');
    }
  };
  // One sweep at a time in a server (a slow one is not joined by the next tick); shutdown waits for it.
  let sweeping: Promise<void> | null = null;
  const sweep = () => {
    sweeping ??= sweepOnce().finally(() => {
      sweeping = null;
    });
  };
  const sweepOnce = async () => {
    try {
      const raised = await job('overdue', () => sweepOverdue(sweepDeps));
      if (raised > 0) server.log.info({ raised }, 'overdue cases raised violation candidates');
    } catch (e) {
      server.log.error({ err: e }, 'overdue sweep failed');
    }
    await sweepInbox();
    try {
      const told = await job('terms', () => sweepTerms(sweepDeps));
      if (told.terms + told.announcements > 0)
        server.log.info(told, 'terms for deciding and late announcements told');
    } catch (e) {
      server.log.error({ err: e }, 'terms sweep failed');
    }
    try {
      const swept = await job('bookings', () => sweepBookings(sweepDeps));
      if (swept.noShows + swept.reminders > 0)
        server.log.info(swept, 'bookings: no-shows recorded, reminders queued');
    } catch (e) {
      server.log.error({ err: e }, 'booking sweep failed');
    }
  };
  const sweeper = setInterval(sweep, SWEEP_MS);
  // The inbox at once too: whoever signs in right after a start sees the lights already told.
  void sweepInbox();

  /**
   * Every 5 s (`BIANMIN_OUTBOX_SECONDS`), the text messages due go out through the gateway
   * (docs/notifications.md). One step at a time; shutdown waits for the step in flight (each send
   * has its own timeout).
   */
  const OUTBOX_MS = cfg.outboxSeconds * 1000;
  const sms = await smsProviderOf(cfg.sms, server.log);
  if (cfg.sms.provider === 'log')
    server.log.warn(
      '未配置短信网关：短信只记录，不发出 / no SMS gateway: messages are logged, not sent',
    );
  else {
    const unmapped = TEMPLATE_KEYS.filter((k) => !cfg.sms.templates[k]);
    if (unmapped.length > 0)
      server.log.warn(
        { templates: unmapped },
        'BIANMIN_SMS_TEMPLATES has no template id for these: such messages will fail',
      );
  }
  let sending: Promise<void> | null = null;
  const sendOutbox = () => {
    sending ??= (async () => {
      try {
        const done = await job('outbox', () => sendDue(sweepDeps, sms));
        if (done.sent + done.retried + done.failed > 0) server.log.info(done, 'outbox step');
      } catch (e) {
        server.log.error({ err: e }, 'sending text messages failed');
      } finally {
        sending = null;
      }
    })();
  };
  const sender = setInterval(sendOutbox, OUTBOX_MS);

  /**
   * The nightly work, at `BIANMIN_BACKUP_AT` (02:00 Beijing), checked with the sweeps: the backup
   * (docs/operations.md "Backups"; whichever server claims it first takes it, the others find it
   * taken), then the retention of personal data (docs/privacy.md; every server may run it, rows are
   * claimed with SKIP LOCKED). With backups off, the retention still runs at 02:00.
   */
  const since = clock.now();
  let retainedAt = since.getTime();
  let backingUp: Promise<void> | null = null;
  const backup = () => {
    backingUp ??= (async () => {
      try {
        if (cfg.backup.atMinute !== null) {
          const taken = await job('backup', () =>
            scheduledBackup({ db: opened, config: cfg, clock }, since, systemActor),
          );
          if (taken)
            server.log.info(
              { file: taken.file, bytes: taken.bytes, removed: taken.removed },
              '数据备份完成 / backup taken',
            );
        }
      } catch (e) {
        server.log.error({ err: e }, '数据备份失败 / the scheduled backup failed');
      }
      try {
        const now = clock.now().getTime();
        if (lastBackupSlot(now, cfg.backup.atMinute ?? 120) > retainedAt) {
          retainedAt = now; // once a night, failed or not: the log and /metrics say when it fails
          const done = await job('retention', () => applyRetention(sweepDeps));
          server.log.info(done, '个人信息保存期限：已到期的已隐去或删除 / retention applied');
        }
      } catch (e) {
        server.log.error({ err: e }, 'the retention job failed');
      } finally {
        backingUp = null;
      }
    })();
  };
  const backupTimer = setInterval(backup, SWEEP_MS);
  const controlFile = join(cfg.dataDir, CONTROL_FILE);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(sweeper);
    clearInterval(sender);
    clearInterval(backupTimer);
    server.log.info({ signal }, 'shutting down: finishing requests in flight');
    // Each step on its own: one that fails (anchors on a full disk) must not keep the database open.
    let clean = true;
    const steps: [string, () => Promise<unknown>][] = [
      ['requests in flight', () => server.close()],
      ['sweeps in flight', async () => sweeping],
      ['text messages in flight', async () => sending],
      ['backup in flight', async () => backingUp],
      ['backup control file', async () => backupToken && rmSync(controlFile, { force: true })],
      ['audit anchors', () => auditTrail.stop()],
      ['database', () => opened.close()],
      ['read replica', async () => replica?.close()],
    ];
    for (const [what, step] of steps) {
      try {
        await step();
      } catch (e) {
        clean = false;
        server.log.error({ err: e }, `shutdown: ${what} failed`);
      }
    }
    if (clean) server.log.info('database closed cleanly');
    process.exit(clean ? 0 : 1);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await server.listen({ host: cfg.host, port: cfg.port });
  if (backupToken) {
    const host = ['0.0.0.0', '::', ''].includes(cfg.host) ? '127.0.0.1' : cfg.host;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${cfg.port}`;
    writeFileSync(controlFile, JSON.stringify({ url, token: backupToken, pid: process.pid }), {
      mode: 0o600,
    });
  }
  void sweep();
  backup();
  server.log.info(
    {
      database: opened.kind,
      dataDir: opened.kind === 'pglite' ? cfg.dataDir : undefined,
      startupMs: Math.round(performance.now() - started),
      rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    },
    `便民服务中心系统已启动 http://${cfg.host}:${cfg.port}`,
  );
} catch (e) {
  await failStart(e);
}
