import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { mib } from './trouble.ts';

/**
 * What a PGlite data folder holds, checked before PGlite opens it (under the folder lock), and the
 * refusals an operator reads at start-up — each says what is wrong and what to do (one line, in
 * Chinese and English; main.ts prints it).
 *
 * The rule of issue 9: an absent or empty folder gets a new database; a folder with a database
 * (PG_VERSION) is opened; anything else is refused, never initialised. PGlite would otherwise run
 * initdb over whatever is there — a folder whose PG_VERSION was lost became a fresh demo database.
 */
export type DataFolderProblem =
  'not-a-folder' | 'not-a-database' | 'read-only' | 'unreadable' | 'damaged' | 'disk-full';

export class DataFolderError extends Error {
  readonly code = 'DATA_FOLDER';
  constructor(
    readonly problem: DataFolderProblem,
    readonly dataDir: string,
    message: string,
  ) {
    super(message);
  }
}

/** The lock file of the folder (db/lock.ts). */
export const LOCK_FILE = 'bianmin.lock';

/** Files Bianmin keeps in the folder besides the database: the lock and its take-over guard. */
export const OWN_FILES = new Set([LOCK_FILE, `${LOCK_FILE}.takeover`]);

/** A file-system error met on the folder, as the refusal an operator can act on. */
export function folderError(e: unknown, dataDir: string): DataFolderError | null {
  const code = (e as NodeJS.ErrnoException | null)?.code ?? '';
  switch (code) {
    case 'EROFS':
    case 'EACCES':
    case 'EPERM': {
      const why = code === 'EROFS' ? '所在磁盘以只读方式挂载' : '本用户没有写权限';
      const whyEn =
        code === 'EROFS' ? 'its file system is mounted read-only' : 'this user may not write to it';
      return new DataFolderError(
        'read-only',
        dataDir,
        `数据目录 ${dataDir} 不可写（${why}，${code}）。请把磁盘重新挂载为可写，或把目录的所有者改为运行本系统的用户，或用 BIANMIN_DATA_DIR 改用可写的目录。` +
          ` / The data folder ${dataDir} cannot be written (${whyEn}, ${code}): remount its disk read-write, ` +
          `give the folder to the user that runs Bianmin, or set BIANMIN_DATA_DIR to a writable folder.`,
      );
    }
    case 'ENOTDIR':
    case 'EEXIST':
      return new DataFolderError(
        'not-a-folder',
        dataDir,
        `BIANMIN_DATA_DIR 指向的 ${dataDir} 不是目录（或其上级路径中有同名文件）。请把 BIANMIN_DATA_DIR 设为一个目录。` +
          ` / BIANMIN_DATA_DIR points at ${dataDir}, which is not a folder (or a parent of it is a file): ` +
          `set it to a folder.`,
      );
    case 'ENOSPC':
      return new DataFolderError(
        'disk-full',
        dataDir,
        `数据目录 ${dataDir} 所在磁盘已满（ENOSPC）。请先清理磁盘，再启动。` +
          ` / The disk of the data folder ${dataDir} is full (ENOSPC): free some space, then start again.`,
      );
    default:
      return null;
  }
}

/**
 * 'empty' (absent or holding only Bianmin's own files) or 'database' (PG_VERSION is there, and the
 * files PostgreSQL changes first are writable). Anything else is a DataFolderError.
 */
export function inspectDataFolder(dataDir: string): 'empty' | 'database' {
  let entries: string[];
  try {
    if (!statSync(dataDir).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    entries = readdirSync(dataDir).filter((name) => !OWN_FILES.has(name));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'empty';
    throw folderError(e, dataDir) ?? e;
  }
  if (entries.length === 0) return 'empty';
  if (!entries.includes('PG_VERSION')) {
    const some = entries.sort().slice(0, 5).join('、');
    const someEn = entries.slice(0, 5).join(', ');
    throw new DataFolderError(
      'not-a-database',
      dataDir,
      `数据目录 ${dataDir} 不是空的，却没有数据库（缺少 PG_VERSION；目录里有 ${entries.length} 项，如 ${some}）。` +
        `为免覆盖数据，系统不会在非空目录中新建数据库：请检查 BIANMIN_DATA_DIR 是否指对；若数据库文件丢失，请停用此目录并从备份恢复；若确要新建，请指向一个空目录。` +
        ` / The data folder ${dataDir} is not empty but holds no database (no PG_VERSION; ${entries.length} ` +
        `entries, e.g. ${someEn}). Bianmin never creates a database in a non-empty folder: check ` +
        `BIANMIN_DATA_DIR, restore the folder from a backup, or point it at an empty folder to start afresh.`,
    );
  }
  try {
    accessSync(dataDir, constants.W_OK);
    accessSync(join(dataDir, 'global', 'pg_control'), constants.R_OK | constants.W_OK);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'database'; // PGlite says "damaged"
    throw folderError(e, dataDir) ?? e;
  }
  return 'database';
}

/** The database in the folder could not be opened (PGlite failed or aborted). */
export function damagedFolder(dataDir: string, cause: unknown): DataFolderError {
  const why = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
  return new DataFolderError(
    'damaged',
    dataDir,
    `数据目录 ${dataDir} 中的数据库无法打开（${why}），文件可能已损坏或不完整。请先把这个目录整个移走保存（不要删除），再从备份恢复。` +
      ` / The database in ${dataDir} cannot be opened (${why}); its files may be damaged or ` +
      `incomplete. Move the whole folder aside (do not delete it), then restore it from a backup.`,
  );
}

/** A new database could not be created in the (empty) folder. */
export function initFailed(dataDir: string, cause: unknown): DataFolderError {
  const why = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
  return new DataFolderError(
    'damaged',
    dataDir,
    `无法在数据目录 ${dataDir} 中新建数据库（${why}）。请检查磁盘空间与权限，清空该目录后再启动。` +
      ` / A new database could not be created in ${dataDir} (${why}): check the disk's free space ` +
      `and permissions, empty the folder, then start again.`,
  );
}

/** Start-up refused: the disk has less free space than the reserve (db/disk.ts). */
export function tooLittleSpace(
  dataDir: string,
  freeBytes: number,
  minFreeBytes: number,
): DataFolderError {
  return new DataFolderError(
    'disk-full',
    dataDir,
    `数据目录 ${dataDir} 所在磁盘只剩 ${mib(freeBytes)} MiB，低于须保留的 ${mib(minFreeBytes)} MiB，系统不能启动。` +
      `请先清理磁盘（或把数据目录移到更大的磁盘），再启动；保留量由 BIANMIN_MIN_FREE_MB 设定。` +
      ` / The disk of the data folder ${dataDir} has ${mib(freeBytes)} MiB free, less than the ` +
      `${mib(minFreeBytes)} MiB reserve (BIANMIN_MIN_FREE_MB): free some space, or move the folder to a ` +
      `larger disk, then start again.`,
  );
}
