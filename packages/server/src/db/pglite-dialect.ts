import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { DiskSpace } from './disk.ts';
import { Mutex } from './mutex.ts';

/** SQLSTATE read_only_sql_transaction: what PostgreSQL answers a write in read-only mode. */
const READ_ONLY_SQL_TRANSACTION = '25006';

/**
 * A Kysely dialect over one PGlite instance. PGlite is a single connection: a transaction opened
 * by one request would otherwise see the statements of every other request interleaved into it
 * (and roll them back with it). So the one connection is handed out behind a mutex: whoever holds
 * it — one query, or one whole transaction — runs alone. See docs/decisions/0003.
 *
 * With `disk`, the free space of the data folder is checked each time the connection is handed
 * out; below the reserve the session turns read-only (`default_transaction_read_only`), so
 * PostgreSQL itself refuses every write — which comes out as DiskFullError — while reads go on
 * (db/disk.ts).
 */
export class PGliteDialect implements Dialect {
  constructor(
    private readonly pglite: PGlite,
    private readonly disk: DiskSpace | null = null,
  ) {}
  createAdapter = () => new PostgresAdapter();
  createDriver = (): Driver => new PGliteDriver(this.pglite, this.disk);
  createIntrospector = (db: Kysely<unknown>) => new PostgresIntrospector(db);
  createQueryCompiler = () => new PostgresQueryCompiler();
}

class PGliteDriver implements Driver {
  readonly #mutex = new Mutex();
  readonly #connection: PGliteConnection;
  #release: (() => void) | null = null;

  readonly #disk: DiskSpace | null;

  constructor(pglite: PGlite, disk: DiskSpace | null) {
    this.#disk = disk;
    this.#connection = new PGliteConnection(pglite, disk);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#mutex.acquire();
    try {
      // Between transactions (we hold the only connection): follow the disk into or out of
      // read-only mode before the next statement.
      if (this.#disk) await this.#connection.setReadOnly(this.#disk.check());
    } catch (e) {
      release();
      throw e;
    }
    this.#release = release;
    return this.#connection;
  }

  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await conn.executeQuery(CompiledQuery.raw(`begin${isolation}`));
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = null;
    release?.();
  }

  async destroy(): Promise<void> {
    // The owner of the PGlite instance closes it (see db/connect.ts), after the last holder left.
    const release = await this.#mutex.acquire();
    release();
  }
}

class PGliteConnection implements DatabaseConnection {
  #readOnly = false;

  constructor(
    private readonly pglite: PGlite,
    private readonly disk: DiskSpace | null,
  ) {}

  async setReadOnly(readOnly: boolean): Promise<void> {
    if (readOnly === this.#readOnly) return;
    await this.pglite.exec(`set default_transaction_read_only = ${readOnly ? 'on' : 'off'}`);
    this.#readOnly = readOnly;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // Without parameters use the simple protocol, which also takes a script of several statements
    // (migrations); with parameters, one statement through the extended protocol.
    let result;
    try {
      result =
        query.parameters.length === 0
          ? ((await this.pglite.exec(query.sql)).at(-1) ?? { rows: [], affectedRows: 0 })
          : await this.pglite.query<R>(query.sql, [...query.parameters]);
    } catch (e) {
      // A write refused because we turned the session read-only for a full disk.
      if (
        this.#readOnly &&
        this.disk &&
        (e as { code?: unknown }).code === READ_ONLY_SQL_TRANSACTION
      )
        throw this.disk.error();
      throw e;
    }
    const affected = result.affectedRows;
    return {
      rows: result.rows as R[],
      ...(affected !== undefined ? { numAffectedRows: BigInt(affected) } : {}),
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite dialect: streaming is not supported');
  }
}
