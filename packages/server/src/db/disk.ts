import { statfsSync } from 'node:fs';
import { DiskFullError } from './trouble.ts';

/**
 * The free space of the disk that holds a PGlite data folder. PostgreSQL inside PGlite must never
 * meet a full disk: a write-ahead log segment it cannot create is a PANIC, and the embedded
 * database then aborts (or, as seen in issue 9, spins). So a reserve is kept: below
 * `minFreeBytes` the database is switched to read-only (db/pglite-dialect.ts) — reads, health and
 * shutdown go on, writes are refused with DISK_FULL — and back as soon as space returns.
 *
 * `check()` is one statfs(2) (microseconds); the dialect calls it each time it hands out the
 * connection, so a disk filled by another program is seen before the next statement.
 */
export class DiskSpace {
  #full = false;
  #freeBytes = Number.POSITIVE_INFINITY;

  constructor(
    readonly dir: string,
    readonly minFreeBytes: number,
    private readonly onChange: (full: boolean, freeBytes: number) => void = () => undefined,
  ) {}

  /** Bytes an unprivileged writer may still use on the folder's file system. */
  static freeBytesOf(dir: string): number {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  }

  get full(): boolean {
    return this.#full;
  }

  get freeBytes(): number {
    return this.#freeBytes;
  }

  /** Read the free space now; true when below the reserve. A failed statfs keeps the last state. */
  check(): boolean {
    let free: number;
    try {
      free = DiskSpace.freeBytesOf(this.dir);
    } catch {
      return this.#full;
    }
    this.#freeBytes = free;
    const full = free < this.minFreeBytes;
    if (full !== this.#full) {
      this.#full = full;
      this.onChange(full, free);
    }
    return full;
  }

  /** The refusal for a write while the disk is full. */
  error(): DiskFullError {
    return new DiskFullError(this.#freeBytes, this.minFreeBytes);
  }
}

/** The default reserve (BIANMIN_MIN_FREE_MB): room for a few 16 MiB write-ahead log segments. */
export const DEFAULT_MIN_FREE_MIB = 64;
