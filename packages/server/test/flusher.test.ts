import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Db } from '../src/db/connect.ts';

/**
 * Decision 0012: PostgreSQL inside PGlite fsyncs like a server — every commit reaches the disk
 * before PGlite answers it. (bench/durability.ts measures the same from outside, with strace.)
 */
describe('durability of the PGlite data folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bianmin-fsync-'));
  let db: Db;
  beforeAll(async () => {
    const snapshot = readFileSync(inject('pgliteSnapshot'));
    db = await openDatabase({
      kind: 'pglite',
      dataDir: join(dir, 'data'),
      loadDataDir: new Blob([snapshot]),
    });
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs PostgreSQL with fsync on, the write-ahead log flushed by fsync', async () => {
    const r = await sql<{ fsync: string; method: string }>`
      select current_setting('fsync') as fsync, current_setting('wal_sync_method') as method`.execute(
      db.kysely,
    );
    expect(r.rows[0]).toEqual({ fsync: 'on', method: 'fsync' });
  });

  it('fsyncs the write-ahead log of each commit before the commit is answered', async () => {
    const stats = db.fsyncs!;
    for (let i = 0; i < 5; i++) {
      const before = stats.wal;
      await sql`insert into centers (code, name, region, created_at)
        values (${`fs${i}`}, '刷盘测试', '测试', '2026-03-02T01:00:00Z')`.execute(db.kysely);
      // Counted by the fsync PostgreSQL called through Emscripten, which ran fsync(2) on pg_wal.
      expect(stats.wal).toBeGreaterThan(before);
    }
    // A read commits nothing and syncs nothing.
    const before = stats.calls;
    await sql`select count(*) from centers`.execute(db.kysely);
    expect(stats.calls).toBe(before);
  });

  it('syncs the whole folder once after opening (what initdb wrote unsynced)', async () => {
    expect(await db.folderSync!.done).toBe('syncfs');
  });
});
