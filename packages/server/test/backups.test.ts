import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { KEY_FILE } from '../src/audit/key.ts';
import { BadBackup, checkBackup } from '../src/backup/archive.ts';
import { restoreBackup, TargetNotEmpty } from '../src/backup/restore.ts';
import { scheduledBackup } from '../src/backup/service.ts';
import { systemActor } from '../src/audit/write.ts';
import { openDatabase, type Db, type DatabaseKind } from '../src/db/connect.ts';
import { DATABASES } from './db.ts';
import { databaseUrl } from './global-setup.ts';
import { testApp, type TestApp } from './app.ts';
import { call, freePort, startServer, waitHealthy } from './server-process.ts';

/**
 * Backups and the restore drill (issue 12; docs/operations.md "Backups", "The restore drill"): a
 * backup taken while the app serves, restored into a new folder or database, proven by the
 * manifest's counts and audit heads and by audit:verify — on both databases.
 */

const admin = () => new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });

/** An empty PostgreSQL database of its own, dropped at the end of the file. */
const made: string[] = [];
async function emptyPostgres(template?: string): Promise<string> {
  const name = `bianmin_bk_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  const c = admin();
  await c.connect();
  await c.query(`create database "${name}"${template ? ` template "${template}"` : ''}`);
  await c.end();
  made.push(name);
  return databaseUrl(process.env.TEST_DATABASE_URL!, name);
}
afterAll(async () => {
  if (made.length === 0) return;
  const c = admin();
  await c.connect();
  for (const name of made) await c.query(`drop database if exists "${name}" with (force)`);
  await c.end();
});

const folders: string[] = [];
const tempDir = (what: string) => {
  const dir = mkdtempSync(join(tmpdir(), `bianmin-${what}-`));
  folders.push(dir);
  return dir;
};
afterAll(() => folders.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The database a backup is taken from: a PGlite folder (a backup copies files) or a PostgreSQL database. */
async function sourceDatabase(kind: DatabaseKind) {
  if (kind === 'pglite') {
    const dataDir = join(tempDir('source'), 'data');
    const snapshot = readFileSync(inject('pgliteSnapshot'));
    const db = await openDatabase({ kind: 'pglite', dataDir, loadDataDir: new Blob([snapshot]) });
    return { db, config: { dataDir, databaseUrl: null } };
  }
  const url = await emptyPostgres(inject('postgresTemplate')!);
  const db = await openDatabase({ kind: 'postgres', url, poolSize: 5 });
  return { db, config: { databaseUrl: url } };
}

/** A new place to restore into, with its own audit folder. */
async function newTarget(kind: DatabaseKind) {
  const auditDir = join(tempDir('restored-audit'), 'audit');
  return kind === 'pglite'
    ? ({ kind, dataDir: join(tempDir('restored'), 'data'), auditDir } as const)
    : ({ kind, url: await emptyPostgres(), auditDir } as const);
}

const countOf = async (db: Db, table: 'cases' | 'audit_log' | 'staff') =>
  Number(
    (
      await db.kysely
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.each(DATABASES)('backups on %s', (kind) => {
  let t: TestApp;
  let backupDir: string;
  let county: string;

  beforeAll(async () => {
    const source = await sourceDatabase(kind);
    backupDir = tempDir('backups');
    t = await testApp(source.db, {
      config: { ...source.config, backup: { dir: backupDir, atMinute: 120, keepDays: 2 } },
      now: new Date('2026-12-07T09:30:00+08:00'),
    });
    // The installation's key, as a server keeps it: the backup must carry it for audit:verify.
    writeFileSync(join(t.config.auditDir, KEY_FILE), Buffer.alloc(32, 7).toString('hex'));
    county = await t.login('county');
  });
  afterAll(async () => t.close());

  it('the restore drill: a backup while serving, restored into a new place, proven', async () => {
    const before = await t.call(county, 'GET', '/api/backups');
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ database: kind, at: '02:00', keepDays: 2, items: [] });
    expect(before.json().status).toMatchObject({
      standing: 'ok',
      scheduled: true,
      lastSuccessAt: null,
    });

    const res = await t.call(county, 'POST', '/api/backups');
    expect(res.statusCode).toBe(200);
    const record = res.json();
    expect(record).toMatchObject({ trigger: 'console', state: 'succeeded', error: null });
    const file = join(backupDir, record.file);
    expect(record.file).toMatch(/^bianmin-(pglite|postgres)-20261207-093000-\d+\.tar$/);
    // The .sha256 beside it, in sha256sum's form.
    expect(readFileSync(`${file}.sha256`, 'utf8')).toBe(`${record.sha256}  ${record.file}\n`);
    expect(record.counts.staff).toBe(await countOf(t.db, 'staff'));
    expect(record.counts.staff).toBeGreaterThan(0);

    // Audited, and shown on the health page and the list.
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'actor_name', 'after'])
      .where('entity_type', '=', 'backup')
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'backup.succeeded',
        actor_name: expect.stringContaining('county'),
      }),
    ]);
    const health = (await t.app.inject({ method: 'GET', url: '/api/health' })).json();
    expect(health.backup).toMatchObject({
      standing: 'ok',
      lastSuccessAt: record.startedAt,
      ageSeconds: 0,
    });

    // The backup's own audit entry came after it: the restored trail ends one entry earlier.
    const auditAtBackup = record.counts.audit_log as number;
    expect(await countOf(t.db, 'audit_log')).toBe(auditAtBackup + 1);
    const target = await newTarget(kind);
    const { manifest, verifyOutput } = await restoreBackup(file, target);
    expect(manifest).toMatchObject({ database: kind, migration: record.migration });
    expect(verifyOutput).toContain('条记录完整 (intact)');
    expect(verifyOutput).not.toContain('✘');
    const restored = await openDatabase(
      target.kind === 'pglite'
        ? { kind: 'pglite', dataDir: target.dataDir }
        : { kind: 'postgres', url: target.url, poolSize: 1 },
      { migrate: false },
    );
    try {
      expect(await countOf(restored, 'audit_log')).toBe(auditAtBackup);
      expect(await countOf(restored, 'staff')).toBe(await countOf(t.db, 'staff'));
      expect(await countOf(restored, 'cases')).toBe(await countOf(t.db, 'cases'));
    } finally {
      await restored.close();
    }
    expect(readFileSync(join(target.auditDir, KEY_FILE), 'utf8')).toBe(
      Buffer.alloc(32, 7).toString('hex'),
    );
  });

  it('refuses a damaged backup before writing anything, and a target that is not empty', async () => {
    const { file } = (await t.call(county, 'POST', '/api/backups')).json();
    const good = join(backupDir, file);
    // One byte changed in the middle of the file.
    const bad = join(tempDir('damaged'), 'damaged.tar');
    writeFileSync(bad, readFileSync(good));
    const fh = await open(bad, 'r+');
    const { size } = await fh.stat();
    const b = Buffer.alloc(1);
    await fh.read(b, 0, 1, Math.floor(size / 2));
    b[0] = b[0]! ^ 0xff;
    await fh.write(b, 0, 1, Math.floor(size / 2));
    await fh.close();
    await expect(checkBackup(bad)).rejects.toBeInstanceOf(BadBackup);
    const target = await newTarget(kind);
    await expect(restoreBackup(bad, target)).rejects.toBeInstanceOf(BadBackup);
    if (target.kind === 'pglite') expect(existsSync(target.dataDir)).toBe(false);
    expect(existsSync(target.auditDir)).toBe(false);

    // A file cut short.
    const cut = join(tempDir('cut'), 'cut.tar');
    writeFileSync(cut, readFileSync(good).subarray(0, 100_000));
    await expect(checkBackup(cut)).rejects.toThrow(/cut short|damaged|incomplete/);

    // Not empty: a folder with a file in it, a database with a table, an audit folder in use.
    const full = await newTarget(kind);
    if (full.kind === 'pglite') {
      writeFileSync(join(tempDir('x'), 'a'), 'x');
      const dir = tempDir('occupied');
      writeFileSync(join(dir, 'keep-me.txt'), 'precious');
      await expect(restoreBackup(good, { ...full, dataDir: dir })).rejects.toBeInstanceOf(
        TargetNotEmpty,
      );
      expect(readdirSync(dir)).toEqual(['keep-me.txt']);
    } else {
      const c = new pg.Client({ connectionString: full.url });
      await c.connect();
      await c.query('create table keep_me (x int)');
      await c.end();
      await expect(restoreBackup(good, full)).rejects.toBeInstanceOf(TargetNotEmpty);
    }
    await expect(
      restoreBackup(good, { ...(await newTarget(kind)), auditDir: t.config.auditDir }),
    ).rejects.toBeInstanceOf(TargetNotEmpty);
    // A backup of the other database is refused with what it needs.
    const other = kind === 'pglite' ? 'postgres' : 'pglite';
    if (DATABASES.includes(other))
      await expect(restoreBackup(good, await newTarget(other))).rejects.toBeInstanceOf(BadBackup);
  });

  it('the nightly backup runs once for several servers, and old ones are removed', async () => {
    const deps = { db: t.db, config: t.config, clock: t.clock };
    const since = new Date('2026-12-07T09:00:00+08:00');
    // Not due before 02:00 the next night.
    expect(await scheduledBackup(deps, since, systemActor)).toBeNull();
    const files = () =>
      readdirSync(backupDir)
        .filter((f) => f.endsWith('.tar'))
        .sort();
    const taken: string[] = [];
    for (let night = 1; night <= 4; night++) {
      t.clock.advance(24 * 3_600_000);
      // Two servers deciding at the same moment: one takes it.
      const [a, b] = await Promise.all([
        scheduledBackup(deps, since, systemActor),
        scheduledBackup(deps, since, systemActor),
      ]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      const record = (a ?? b)!;
      expect(record).toMatchObject({ trigger: 'schedule', state: 'succeeded' });
      taken.push(record.file!);
      // And not again until the next night.
      expect(await scheduledBackup(deps, since, systemActor)).toBeNull();
    }
    // Kept for two days: the last three nights' (the one of two days ago to the minute is kept).
    expect(files()).toEqual(taken.slice(-3).sort());
    const rows = await t.db.kysely
      .selectFrom('backups')
      .select(['trigger', 'removed'])
      .where('trigger', '=', 'schedule')
      .orderBy('id')
      .execute();
    expect(rows).toHaveLength(4);
    // The first night removed the console's backups of the day before yesterday… none yet; the
    // fourth removed the first night's and the console's.
    expect(rows.flatMap((r) => r.removed)).toEqual(
      expect.arrayContaining([taken[0], expect.stringMatching(/-20261207-093000-/)]),
    );
  });

  it('refuses the wrong people and the wrong token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/backups' })).statusCode).toBe(401);
    const director = await t.login('director');
    expect((await t.call(director, 'GET', '/api/backups')).statusCode).toBe(403);
    expect((await t.call(director, 'POST', '/api/backups')).statusCode).toBe(403);
    // No control token in this app: the command route is not there.
    const cmd = await t.app.inject({
      method: 'POST',
      url: '/api/backups/command',
      payload: { token: 'guess' },
    });
    expect(cmd.statusCode).toBe(404);
  });
});

describe.runIf(DATABASES.includes('pglite'))(
  'npm run backup beside a running PGlite server',
  () => {
    it('asks the server, copies the backup to the destination, and a wrong token is refused', async () => {
      const dataDir = join(tempDir('served'), 'data');
      const port = await freePort();
      const server = startServer(
        { BIANMIN_DATA_DIR: dataDir, BIANMIN_BACKUP_DIR: join(dataDir, '..', 'backups') },
        port,
      );
      try {
        await waitHealthy(server);
        const control = JSON.parse(readFileSync(join(dataDir, 'bianmin-control.json'), 'utf8'));
        expect(control).toMatchObject({ url: `http://127.0.0.1:${port}` });
        const wrong = await call(port, 'POST', '/api/backups/command', {
          body: { token: 'x'.repeat(64) },
        });
        expect(wrong?.status).toBe(401);

        const dest = tempDir('usb');
        const cli = await new Promise<{ code: number | null; out: string }>((done) => {
          const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/backup.ts', dest], {
            cwd: resolve(import.meta.dirname, '..'),
            env: {
              ...process.env,
              BIANMIN_DATA_DIR: dataDir,
              BIANMIN_BACKUP_DIR: join(dataDir, '..', 'backups'),
            },
          });
          let out = '';
          child.stdout.on('data', (d: Buffer) => (out += d.toString()));
          child.stderr.on('data', (d: Buffer) => (out += d.toString()));
          child.on('close', (code) => done({ code, out }));
        });
        expect(cli.out).toContain('the server is running');
        expect(cli.code).toBe(0);
        const copied = readdirSync(dest).filter((f) => f.endsWith('.tar'));
        expect(copied).toHaveLength(1);
        const manifest = await checkBackup(join(dest, copied[0]!));
        expect(manifest.database).toBe('pglite');
        // The demo center, with its cases, is in it.
        expect(manifest.counts.cases).toBeGreaterThan(0);
        // The server served on: health still answers, and the backup is on its list.
        expect((await call(port, 'GET', '/api/health'))?.body).toMatchObject({ status: 'ok' });
      } finally {
        await server.stop();
      }
      // Gone with the server: nobody can ask a stopped one.
      expect(existsSync(join(dataDir, 'bianmin-control.json'))).toBe(false);
    });
  },
);
