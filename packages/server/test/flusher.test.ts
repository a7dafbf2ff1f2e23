import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connect.ts';

describe('the fsync flusher of the PGlite data folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bianmin-flush-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('syncs the files a commit changed, and nothing when nothing changed', async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir: dir, flushSeconds: 0 });
    try {
      const flusher = db.flusher!;
      const all = await flusher.flush(); // the first pass syncs the whole new folder
      expect(all).toBeGreaterThan(100);
      expect(await flusher.flush()).toBe(0);
      await sql`insert into centers (code, name, region, created_at)
        values ('f1', '刷盘测试', '测试', '2026-03-02T01:00:00Z')`.execute(db.kysely);
      await sql`checkpoint`.execute(db.kysely);
      const synced = await flusher.flush();
      expect(synced).toBeGreaterThan(0);
      expect(synced).toBeLessThan(all / 2);
      expect(flusher.stats.passes).toBe(3);
    } finally {
      await db.close();
    }
  }, 60_000);
});
