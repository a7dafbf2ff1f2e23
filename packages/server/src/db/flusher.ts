import { execFile } from 'node:child_process';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * PGlite never calls fsync: what it writes sits in the operating system's page cache until the
 * kernel writes it back (by default up to ~35 s later on Linux). A process crash loses nothing that
 * was acknowledged, but a power loss could. The flusher bounds that window: every `intervalMs` it
 * fsyncs each file of the data folder that changed since its last pass, then the folders.
 * See docs/operations.md ("Durability of the embedded database").
 */
export interface Flusher {
  /** Flush now; resolves with how many files were synced. */
  flush(): Promise<number>;
  stop(): Promise<void>;
  readonly stats: { passes: number; filesSynced: number; lastPassMs: number; maxPassMs: number };
}

async function walk(dir: string, files: string[], dirs: string[]): Promise<void> {
  dirs.push(dir);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, files, dirs);
    else if (entry.isFile()) files.push(path);
  }
}

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** syncfs(2) of the file system holding `dir`, through coreutils' `sync -f`; false if unavailable. */
function syncFileSystem(dir: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('sync', ['-f', dir], (error) => resolve(!error));
  });
}

export function startFlusher(dataDir: string, intervalMs: number): Flusher {
  const seen = new Map<string, string>();
  let first = true;
  const stats = { passes: 0, filesSynced: 0, lastPassMs: 0, maxPassMs: 0 };
  let running: Promise<number> | null = null;

  async function pass(): Promise<number> {
    const started = performance.now();
    const files: string[] = [];
    const dirs: string[] = [];
    await walk(dataDir, files, dirs);
    let synced = 0;
    // The first pass must sync everything (a crashed predecessor may have left dirty pages); one
    // syncfs does that far faster than a thousand fsyncs.
    if (first) {
      first = false;
      const marks = await Promise.all(
        files.map(async (file) => {
          const s = await stat(file).catch(() => null);
          return s ? ([file, `${s.mtimeMs}:${s.size}`] as const) : null;
        }),
      );
      if (await syncFileSystem(dataDir)) {
        for (const m of marks) if (m) seen.set(m[0], m[1]);
        synced = files.length;
      }
    }
    for (const file of files) {
      try {
        const s = await stat(file);
        const mark = `${s.mtimeMs}:${s.size}`;
        if (seen.get(file) === mark) continue;
        await fsyncPath(file);
        seen.set(file, mark);
        synced += 1;
      } catch (e) {
        // A file removed between the listing and the sync (PGlite drops temporary files) is fine.
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        seen.delete(file);
      }
    }
    if (synced > 0) for (const dir of dirs) await fsyncPath(dir).catch(() => undefined);
    stats.passes += 1;
    stats.filesSynced += synced;
    stats.lastPassMs = performance.now() - started;
    stats.maxPassMs = Math.max(stats.maxPassMs, stats.lastPassMs);
    return synced;
  }

  const flush = (): Promise<number> => {
    running ??= pass().finally(() => (running = null));
    return running;
  };

  const timer =
    intervalMs > 0 ? setInterval(() => void flush().catch(() => undefined), intervalMs) : null;
  timer?.unref();

  return {
    flush,
    stats,
    async stop() {
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
