import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareAuditKey, setAuditKey } from '../src/audit/key.ts';
import { openDatabase } from '../src/db/connect.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { TestClock } from './app.ts';
import { databaseUrl } from './global-setup.ts';

const root = resolve(import.meta.dirname, '../../..');
const cli = resolve(root, 'packages/server/src/cli/verify-audit.ts');

/** `npm run audit:verify` as an operator runs it: its own process, its exit code and output. */
function verifyAudit(
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number | null; out: string }> {
  const base = { ...process.env };
  for (const name of Object.keys(base))
    if (name.startsWith('BIANMIN_') || name === 'DATABASE_URL') delete base[name];
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', cli, ...args],
      { cwd: root, env: { ...base, ...env }, timeout: 120_000 },
      (error, stdout, stderr) =>
        done({
          code: error ? (typeof error.code === 'number' ? error.code : null) : 0,
          out: stdout + stderr,
        }),
    );
  });
}

// Each test runs the command up to three times on a demo folder (a year of history since issue 11):
// give it the time the command itself is given, not Vitest's 30 s default.
describe('audit:verify on the command line (PGlite folders)', { timeout: 120_000 }, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'bianmin-verify-'));
  const dataDir = join(tmp, 'data');
  const auditDir = join(tmp, 'audit');
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  beforeAll(async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir });
    try {
      setAuditKey(await prepareAuditKey(db.kysely, auditDir));
      await seedDemo(db.kysely, new TestClock());
    } finally {
      await db.close();
      setAuditKey(null);
    }
  });

  it('refuses a folder that does not exist, and does not create it', async () => {
    const missing = join(tmp, 'no-such-folder');
    const r = await verifyAudit({ BIANMIN_DATA_DIR: missing, BIANMIN_AUDIT_DIR: auditDir });
    expect(r.code).toBe(2);
    expect(r.out).toContain('holds no database: nothing verified');
    expect(existsSync(missing)).toBe(false);
  });

  it('refuses an empty database and leaves it as it was (no migration)', async () => {
    const empty = join(tmp, 'empty');
    const fresh = new PGlite({ dataDir: empty });
    await fresh.waitReady;
    await fresh.close();
    const r = await verifyAudit({ BIANMIN_DATA_DIR: empty, BIANMIN_AUDIT_DIR: auditDir });
    expect(r.code).toBe(2);
    expect(r.out).toContain('has no audit trail');
    const again = new PGlite({ dataDir: empty });
    const tables = await again.query<{ n: number }>(
      `select count(*)::int as n from pg_tables where schemaname = 'public'`,
    );
    await again.close();
    expect(tables.rows[0]!.n).toBe(0);
  });

  it('verifies an intact trail with its key, prints the heads to keep, and then finds a rewind with them', async () => {
    const ok = await verifyAudit({ BIANMIN_DATA_DIR: dataDir, BIANMIN_AUDIT_DIR: auditDir });
    expect(ok.out).toMatch(/✔ center:1: \d+ 条记录完整/);
    expect(ok.code).toBe(0);
    const heads = ok.out.split('\n').filter((l) => l.startsWith('{"chain"'));
    expect(heads.map((l) => (JSON.parse(l) as { chain: string }).chain)).toContain('center:1');
    const kept = join(tmp, 'kept-heads.jsonl');
    writeFileSync(kept, `${heads.join('\n')}\n`);

    // Someone with the folder cuts center:1 back by one entry and resets its head.
    const db = await openDatabase({ kind: 'pglite', dataDir }, { migrate: false });
    try {
      const [last, before] = await db.kysely
        .selectFrom('audit_log')
        .select(['seq', 'hash'])
        .where('chain', '=', 'center:1')
        .orderBy('seq', 'desc')
        .limit(2)
        .execute();
      await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db.kysely);
      await sql`delete from audit_log where chain = 'center:1' and seq = ${last!.seq}`.execute(
        db.kysely,
      );
      await sql`update audit_heads set seq = ${before!.seq}, hash = ${before!.hash} where chain = 'center:1'`.execute(
        db.kysely,
      );
    } finally {
      await db.close();
    }
    // The chain alone looks whole; the heads the group leader kept do not.
    expect(
      (await verifyAudit({ BIANMIN_DATA_DIR: dataDir, BIANMIN_AUDIT_DIR: auditDir })).code,
    ).toBe(0);
    const caught = await verifyAudit({ BIANMIN_DATA_DIR: dataDir, BIANMIN_AUDIT_DIR: auditDir }, [
      '--anchors',
      kept,
    ]);
    expect(caught.code).toBe(1);
    expect(caught.out).toMatch(/✘ center:1: .* anchor/);
  });

  it('cannot check signed entries without the key, and says so', async () => {
    const r = await verifyAudit({
      BIANMIN_DATA_DIR: dataDir,
      BIANMIN_AUDIT_DIR: join(tmp, 'no-key-here'),
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain('No audit key found');
    expect(r.out).toMatch(/✘ center:1: .* key/);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('audit:verify on PostgreSQL', () => {
  const url = process.env.TEST_DATABASE_URL!;
  const name = `bianmin_verify_empty_${process.pid}`;
  const admin = () => new pg.Client({ connectionString: url });
  beforeAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`drop database if exists "${name}"`);
    await c.query(`create database "${name}"`);
    await c.end();
  });
  afterAll(async () => {
    const c = admin();
    await c.connect();
    await c.query(`drop database if exists "${name}" with (force)`);
    await c.end();
  });

  it('refuses an empty database and does not migrate it', async () => {
    const target = databaseUrl(url, name);
    const r = await verifyAudit({ DATABASE_URL: target, BIANMIN_AUDIT_DIR: tmpdir() });
    expect(r.code).toBe(2);
    expect(r.out).toContain('has no audit trail');
    const c = new pg.Client({ connectionString: target });
    await c.connect();
    const tables = await c.query<{ n: number }>(
      `select count(*)::int as n from pg_tables where schemaname = 'public'`,
    );
    await c.end();
    expect(tables.rows[0]!.n).toBe(0);
  });
});
