import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * A backup is one tar file (POSIX ustar), readable by any `tar -xf`. Only what backups need is
 * written and read: regular files and directories (a name ending in '/'), names split into prefix/name up to 255 bytes, sizes past 8 GiB in
 * the base-256 form GNU tar and libarchive read. Every entry's SHA-256 is computed as it is written.
 */

const BLOCK = 512;
const CHUNK = 1 << 20;
const ZEROS = Buffer.alloc(BLOCK * 2);

export interface TarEntry {
  name: string;
  bytes: number;
  sha256: string;
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number, mtimeSec: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  let prefix = '';
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', 155);
    prefix = cut > 0 ? name.slice(0, cut) : '';
    base = cut > 0 ? name.slice(cut + 1) : name;
    if (!prefix || Buffer.byteLength(base) > 100 || Buffer.byteLength(prefix) > 155)
      throw new Error(`tar: name too long for a backup entry: ${name}`);
  }
  h.write(base, 0, 100, 'utf8');
  h.write(octal(name.endsWith('/') ? 0o700 : 0o600, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  if (size < 8 ** 11) h.write(octal(size, 12), 124, 'ascii');
  else {
    // base-256: the high bit of the first byte set, the size big-endian in the rest
    h[124] = 0x80;
    h.writeBigUInt64BE(BigInt(size), 128);
  }
  h.write(octal(mtimeSec, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write(name.endsWith('/') ? '5' : '0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + ' ', 148, 'ascii');
  return h;
}

function parseSize(h: Buffer): number {
  if (h[124]! & 0x80) return Number(h.readBigUInt64BE(128));
  return parseInt(h.toString('ascii', 124, 136).replace(/\0.*$/, '').trim() || '0', 8);
}

function parseName(h: Buffer): string {
  const field = (from: number, to: number) => h.toString('utf8', from, to).replace(/\0.*$/s, '');
  const prefix = field(345, 500);
  const name = field(0, 100);
  const full = prefix ? `${prefix}/${name}` : name;
  // A directory ends in '/' here, whichever way its writer put it.
  return h[156] === 0x35 && !full.endsWith('/') ? `${full}/` : full;
}

function checksumOk(h: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
  return parseInt(h.toString('ascii', 148, 156).replace(/\0.*$/, '').trim(), 8) === sum;
}

/** Writes a tar file entry by entry; the whole file's SHA-256 is kept as it goes. */
export class TarWriter {
  private position = 0;
  private readonly whole = createHash('sha256');
  readonly entries: TarEntry[] = [];

  private constructor(
    private readonly fh: FileHandle,
    private readonly mtimeSec: number,
  ) {}

  /** A new file (refused if it exists: a backup never overwrites another). */
  static async create(path: string, mtimeMs: number): Promise<TarWriter> {
    return new TarWriter(await open(path, 'wx', 0o600), Math.floor(mtimeMs / 1000));
  }

  private async put(buf: Buffer) {
    this.whole.update(buf);
    await this.fh.write(buf, 0, buf.length, this.position);
    this.position += buf.length;
  }

  private async pad(size: number) {
    const rest = size % BLOCK;
    if (rest) await this.put(ZEROS.subarray(0, BLOCK - rest));
  }

  /** An entry from memory. */
  async addBuffer(name: string, data: Buffer): Promise<TarEntry> {
    await this.put(header(name, data.length, this.mtimeSec));
    await this.put(data);
    await this.pad(data.length);
    const entry = {
      name,
      bytes: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
    };
    this.entries.push(entry);
    return entry;
  }

  /** A directory (its name ends in '/'): empty ones matter, PostgreSQL expects them. */
  async addDirectory(name: string): Promise<TarEntry> {
    return this.addBuffer(name.endsWith('/') ? name : `${name}/`, Buffer.alloc(0));
  }

  /** An entry copied from a file that does not change while it is read (its size is taken first). */
  async addFile(name: string, path: string): Promise<TarEntry> {
    const src = await open(path, 'r');
    try {
      const { size } = await src.stat();
      await this.put(header(name, size, this.mtimeSec));
      const hash = createHash('sha256');
      const buf = Buffer.allocUnsafe(CHUNK);
      let done = 0;
      while (done < size) {
        const { bytesRead } = await src.read(buf, 0, Math.min(CHUNK, size - done), done);
        if (bytesRead === 0) throw new Error(`tar: ${path} shrank while it was copied`);
        const part = buf.subarray(0, bytesRead);
        hash.update(part);
        await this.put(part);
        done += bytesRead;
      }
      await this.pad(size);
      const entry = { name, bytes: size, sha256: hash.digest('hex') };
      this.entries.push(entry);
      return entry;
    } finally {
      await src.close();
    }
  }

  /** The end blocks, then the file is synced to disk and closed; returns its size and SHA-256. */
  async finish(): Promise<{ bytes: number; sha256: string }> {
    await this.put(ZEROS);
    await this.fh.sync();
    await this.fh.close();
    return { bytes: this.position, sha256: this.whole.digest('hex') };
  }

  /** Give up: close the file (the caller removes it). */
  async abort(): Promise<void> {
    await this.fh.close().catch(() => undefined);
  }
}

/**
 * Reads a tar file entry by entry. `each` returns a sink for the entry's bytes, or null to skip
 * them; every entry's SHA-256 is computed either way. A damaged header or a file cut short is an
 * error, not a shorter list.
 */
/** Where an entry's bytes go: each chunk in order (a view: copy it to keep it), then the end. */
export interface TarSink {
  write(chunk: Buffer): Promise<void>;
  end(): Promise<void>;
}

export async function readTar(
  path: string,
  each: (name: string, bytes: number) => Promise<TarSink | null>,
): Promise<TarEntry[]> {
  const fh = await open(path, 'r');
  try {
    const { size: total } = await fh.stat();
    const entries: TarEntry[] = [];
    const h = Buffer.alloc(BLOCK);
    const buf = Buffer.allocUnsafe(CHUNK);
    let pos = 0;
    for (;;) {
      if (pos + BLOCK > total)
        throw new Error('tar: the file ends without its end blocks (cut short)');
      await fh.read(h, 0, BLOCK, pos);
      pos += BLOCK;
      if (h.every((b) => b === 0)) break;
      if (!checksumOk(h)) throw new Error(`tar: damaged header at byte ${pos - BLOCK}`);
      const name = parseName(h);
      const size = parseSize(h);
      if (pos + size > total) throw new Error(`tar: ${name} is cut short`);
      const sink = await each(name, size);
      const hash = createHash('sha256');
      let done = 0;
      while (done < size) {
        const { bytesRead } = await fh.read(buf, 0, Math.min(CHUNK, size - done), pos + done);
        const part = buf.subarray(0, bytesRead);
        hash.update(part);
        if (sink) await sink.write(part);
        done += bytesRead;
      }
      if (sink) await sink.end();
      pos += Math.ceil(size / BLOCK) * BLOCK;
      entries.push({ name, bytes: size, sha256: hash.digest('hex') });
    }
    return entries;
  } finally {
    await fh.close();
  }
}
