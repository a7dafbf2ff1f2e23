import { execFile } from 'node:child_process';
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * One sync of a whole PGlite data folder, when it is opened.
 *
 * Since decision 0012 PostgreSQL fsyncs what it writes itself (db/pglite-fs.ts): every commit is on
 * disk before it is answered. What it does not sync is the folder PGlite's initdb wrote on the first
 * start, and anything an older Bianmin (which ran PostgreSQL without fsync, decision 0003) left in
 * the page cache. So each opening syncs the folder once: one syncfs(2) of its file system, through
 * coreutils' `sync -f`, in another process (the request thread never waits for it); where that is
 * missing, every file and folder is fsynced in turn. The periodic passes of decision 0003 are gone:
 * on the request thread they fell minutes behind under load (issue 9, docs/perf.md).
 */
export interface FolderSync {
  /** Resolves with how it was done once the folder is on disk. */
  readonly done: Promise<'syncfs' | 'fsync' | 'failed'>;
}

async function walk(dir: string, out: string[]): Promise<void> {
  out.push(dir);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, out);
    else if (entry.isFile()) out.push(path);
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

export function syncFolderOnce(dataDir: string): FolderSync {
  const done = (async () => {
    if (await syncFileSystem(dataDir)) return 'syncfs' as const;
    const paths: string[] = [];
    await walk(dataDir, paths);
    for (const path of paths) {
      // A file removed between the listing and the sync (PGlite drops temporary files) is fine.
      await fsyncPath(path).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
    }
    return 'fsync' as const;
  })().catch(() => 'failed' as const);
  return { done };
}
