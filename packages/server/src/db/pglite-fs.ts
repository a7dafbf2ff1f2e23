import { fsyncSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/**
 * PGlite's folder storage, made durable: PostgreSQL's own fsyncs reach the disk (decision 0012).
 *
 * PGlite starts PostgreSQL with `-F` (fsync off), and its Emscripten file system (NODEFS) has no
 * fsync either, so nothing it writes is ever synced. Here PostgreSQL runs with fsync on and
 * `wal_sync_method = fsync` (Emscripten ignores fdatasync), and NODEFS's fsync becomes the real
 * fsync(2) of the file. A commit is then on disk before PGlite answers it — before the HTTP answer —
 * and PostgreSQL orders its writes as it does on a server (log before data, checkpoints).
 */
export interface FsyncStats {
  /** fsync(2) calls made for PostgreSQL. */
  calls: number;
  /** … of which on write-ahead log segments (pg_wal): one per commit. */
  wal: number;
}

/** PGlite's start parameters with fsync on and WAL flushed by fsync. */
export function durableStartParams(): string[] {
  return [
    ...PGlite.defaultStartParams.filter((p) => p !== '-F'),
    '-c',
    'fsync=on',
    '-c',
    'wal_sync_method=fsync',
  ];
}

/** The parts of Emscripten's module this relies on (PGlite does not type them). */
interface EmscriptenNodeFs {
  NODEFS: {
    stream_ops: { fsync?: (stream: { nfd: number; path?: string }) => number };
    tryFSOperation<T>(fn: () => T): T;
  };
}

export class DurableNodeFS extends NodeFS {
  readonly stats: FsyncStats = { calls: 0, wal: 0 };

  override async init(pg: PGlite, opts: Parameters<NodeFS['init']>[1]): ReturnType<NodeFS['init']> {
    const result = await super.init(pg, opts);
    const stats = this.stats;
    const preRun = result.emscriptenOpts.preRun ?? [];
    result.emscriptenOpts.preRun = [
      ...preRun,
      (mod) => {
        const { NODEFS } = mod as unknown as EmscriptenNodeFs;
        NODEFS.stream_ops.fsync = (stream) => {
          // An error (EIO…) goes back to PostgreSQL as its errno, and PostgreSQL PANICs, as it must.
          NODEFS.tryFSOperation(() => fsyncSync(stream.nfd));
          stats.calls += 1;
          if (stream.path?.includes('/pg_wal/')) stats.wal += 1;
          return 0;
        };
      },
    ];
    return result;
  }
}
