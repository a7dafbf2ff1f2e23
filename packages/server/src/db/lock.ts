import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmdirSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * An exclusive lock on a PGlite data folder. PGlite does not lock its folder, and two processes on
 * one folder silently lose acknowledged writes, so the second process must stop at once.
 *
 * The lock is a file created with O_EXCL holding host, pid and the process start time. A lock left
 * by a process that no longer runs (a crash, a power loss) is taken over; the take-over itself is
 * guarded by an atomic mkdir so that two processes starting at the same moment cannot both win.
 */
export class DataFolderLockedError extends Error {
  readonly code = 'DATA_FOLDER_LOCKED';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `数据目录 ${dataDir} 已被另一个便民系统进程占用（主机 ${holder.host}，进程号 ${holder.pid}）。` +
        `请先停止那个进程，或为本进程另配 BIANMIN_DATA_DIR。\n` +
        `The data folder ${dataDir} is in use by another Bianmin process (host ${holder.host}, ` +
        `pid ${holder.pid}). Stop that process first, or give this one another BIANMIN_DATA_DIR.`,
    );
  }
}

export interface LockHolder {
  host: string;
  pid: number;
  startedAt: string;
}

export interface FolderLock {
  readonly path: string;
  release(): void;
}

const LOCK_FILE = 'bianmin.lock';

/** The process start time from /proc (Linux), so a recycled pid is not taken for the old holder. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return afterName[19] ?? null; // field 22 of stat: starttime
  } catch {
    return null;
  }
}

function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true; // another host: we cannot tell, so assume it runs
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const start = processStart(holder.pid);
  return start === null || holder.startedAt === '' || start === holder.startedAt;
}

function readHolder(path: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
  } catch {
    return null;
  }
}

function createLockFile(path: string): boolean {
  try {
    const fd = openSync(path, 'wx', 0o600);
    const me: LockHolder = {
      host: hostname(),
      pid: process.pid,
      startedAt: processStart(process.pid) ?? '',
    };
    writeSync(fd, JSON.stringify(me));
    closeSync(fd);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

export function lockDataFolder(dataDir: string): FolderLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  if (!createLockFile(path)) {
    const holder = readHolder(path);
    if (holder && isAlive(holder)) throw new DataFolderLockedError(dataDir, holder);
    // A stale lock: take it over, one process at a time.
    const guard = `${path}.takeover`;
    try {
      mkdirSync(guard);
    } catch {
      throw new DataFolderLockedError(dataDir, holder ?? { host: '?', pid: 0, startedAt: '' });
    }
    try {
      const again = readHolder(path);
      if (again && isAlive(again)) throw new DataFolderLockedError(dataDir, again);
      rmSync(path, { force: true });
      if (!createLockFile(path)) {
        throw new DataFolderLockedError(
          dataDir,
          readHolder(path) ?? { host: '?', pid: 0, startedAt: '' },
        );
      }
    } finally {
      rmdirSync(guard);
    }
  }
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      const holder = readHolder(path);
      if (holder?.pid === process.pid && holder.host === hostname()) rmSync(path, { force: true });
    },
  };
}
