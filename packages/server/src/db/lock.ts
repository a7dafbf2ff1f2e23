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
import { folderError, LOCK_FILE } from './folder.ts';

/**
 * An exclusive lock on a PGlite data folder. PGlite does not lock its folder, and two processes on
 * one folder silently lose acknowledged writes, so the second process must stop at once.
 *
 * The lock is a file created with O_EXCL holding host, pid and the process start time. A lock left
 * by a process of this host that no longer runs (a crash, a power loss) is taken over; the take-over
 * itself is guarded by an atomic mkdir so that two processes starting at the same moment cannot both
 * win. A lock recorded by another host cannot be checked from here (a re-created container has a
 * new host name): it is refused with what to check, unless the operator names that host in
 * `takeOverFrom` (BIANMIN_TAKE_OVER_LOCK_FROM) after making sure nothing runs there.
 */
export class DataFolderLockedError extends Error {
  readonly code = 'DATA_FOLDER_LOCKED';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
    readonly lockFile: string = join(dataDir, LOCK_FILE),
  ) {
    super(lockedMessage(dataDir, holder, lockFile));
  }
}

function lockedMessage(dataDir: string, holder: LockHolder, lockFile: string): string {
  const me = hostname();
  if (holder.host === '?')
    return (
      `数据目录 ${dataDir} 的锁正被另一个便民系统进程接管（${lockFile}.takeover 存在）。请稍后再启动；` +
      `若一直如此，且确认没有便民系统进程在使用该目录，请删除目录 ${lockFile}.takeover。` +
      ` / Another Bianmin process is taking over the lock of ${dataDir} (${lockFile}.takeover exists). ` +
      `Start again in a moment; if it stays, and no Bianmin process uses the folder, remove ${lockFile}.takeover.`
    );
  if (holder.host === me)
    return (
      `数据目录 ${dataDir} 已被另一个便民系统进程占用（本机进程号 ${holder.pid}，锁文件 ${lockFile}）。` +
      `同一目录只能由一个进程使用：请先停止该进程（kill -TERM ${holder.pid}），或为本进程另配 BIANMIN_DATA_DIR。` +
      ` / The data folder ${dataDir} is in use by another Bianmin process on this host (pid ${holder.pid}, ` +
      `lock file ${lockFile}). Stop that process first (kill -TERM ${holder.pid}), or give this one another ` +
      `BIANMIN_DATA_DIR.`
    );
  return (
    `数据目录 ${dataDir} 的锁文件 ${lockFile} 记录它正被另一台主机上的便民系统进程占用（主机 ${holder.host}，` +
    `进程号 ${holder.pid}，自 ${holder.startedAt || '?'} 起；本机是 ${me}），本机无法确认那个进程是否还在运行。` +
    `请确认主机 ${holder.host} 上没有便民系统进程在使用这个目录（容器重建后，旧容器的主机名往往已不存在）；` +
    `确认后删除锁文件 ${lockFile}，或只在这一次启动时设置 BIANMIN_TAKE_OVER_LOCK_FROM=${holder.host}。` +
    `两个进程同时使用一个目录会丢失数据。` +
    ` / The lock file ${lockFile} says the data folder ${dataDir} is in use by a Bianmin process on ` +
    `another host (${holder.host}, pid ${holder.pid}; this host is ${me}), which cannot be checked from ` +
    `here. Make sure no Bianmin process on ${holder.host} uses this folder (a re-created container ` +
    `leaves its old host name behind); then delete ${lockFile}, or start once with ` +
    `BIANMIN_TAKE_OVER_LOCK_FROM=${holder.host}. Two processes on one folder lose data.`
  );
}

export interface LockHolder {
  host: string;
  pid: number;
  startedAt: string;
}

export interface FolderLock {
  readonly path: string;
  /** The holder whose stale lock was taken over (null: the folder was free). */
  readonly tookOverFrom: LockHolder | null;
  release(): void;
}

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
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    const me: LockHolder = {
      host: hostname(),
      pid: process.pid,
      startedAt: processStart(process.pid) ?? '',
    };
    writeSync(fd, JSON.stringify(me));
  } catch (e) {
    rmSync(path, { force: true }); // an empty lock (a full disk) would look stale to the next start
    throw e;
  } finally {
    closeSync(fd);
  }
  return true;
}

export interface LockOptions {
  /**
   * The host name of a lock holder the operator has checked is gone (BIANMIN_TAKE_OVER_LOCK_FROM):
   * its lock is taken over. Never applies to a process of this host, which is checked directly.
   */
  takeOverFrom?: string | null;
}

/** Whether the recorded holder may still use the folder (a lock of another host: unless released). */
function holds(holder: LockHolder, opts: LockOptions): boolean {
  if (holder.host !== hostname() && opts.takeOverFrom && holder.host === opts.takeOverFrom)
    return false;
  return isAlive(holder);
}

export function lockDataFolder(dataDir: string, opts: LockOptions = {}): FolderLock {
  const path = join(dataDir, LOCK_FILE);
  let tookOverFrom: LockHolder | null = null;
  try {
    mkdirSync(dataDir, { recursive: true });
    if (!createLockFile(path)) {
      const holder = readHolder(path);
      if (holder && holds(holder, opts)) throw new DataFolderLockedError(dataDir, holder);
      // A stale lock: take it over, one process at a time.
      const guard = `${path}.takeover`;
      try {
        mkdirSync(guard);
      } catch {
        throw new DataFolderLockedError(dataDir, holder ?? { host: '?', pid: 0, startedAt: '' });
      }
      try {
        const again = readHolder(path);
        if (again && holds(again, opts)) throw new DataFolderLockedError(dataDir, again);
        rmSync(path, { force: true });
        if (!createLockFile(path)) {
          throw new DataFolderLockedError(
            dataDir,
            readHolder(path) ?? { host: '?', pid: 0, startedAt: '' },
          );
        }
        tookOverFrom = again;
      } finally {
        rmdirSync(guard);
      }
    }
  } catch (e) {
    throw folderError(e, dataDir) ?? e;
  }
  let released = false;
  return {
    path,
    tookOverFrom,
    release() {
      if (released) return;
      released = true;
      const holder = readHolder(path);
      if (holder?.pid === process.pid && holder.host === hostname()) rmSync(path, { force: true });
    },
  };
}
