/**
 * The same audited write without HTTP: the session lookup and the create-staff service called
 * in-process through Kysely, and checks of what a run left in the database.
 */
import { randomUUID } from 'node:crypto';
import { verifyChain } from '../packages/server/src/audit/verify.ts';
import { chainOf, type Actor } from '../packages/server/src/audit/write.ts';
import { systemClock } from '../packages/server/src/clock.ts';
import { loadConfig } from '../packages/server/src/config.ts';
import type { Db } from '../packages/server/src/db/connect.ts';
import { actorOf, type Deps, type SessionUser } from '../packages/server/src/http/context.ts';
import { sessionUser } from '../packages/server/src/modules/auth/service.ts';
import { createStaff } from '../packages/server/src/modules/org/service.ts';
import { staffBody } from './load.ts';
import { latencyOf, round1, round2, sum, type Latency } from './stats.ts';

/** One run of the in-process loops. */
export interface DirectSlice {
  seconds: number;
  /** Latency of every completed write, ms. */
  latencies: number[];
  failures: number;
  firstFailure: string | null;
  /** CPU time (user + system) of this process during the run, ms. */
  cpuMs: number;
}

/** What the services need, on the benchmark's database. */
export const depsOf = (db: Db): Deps => ({
  db: db.kysely,
  dbKind: db.kind,
  clock: systemClock,
  config: loadConfig({}),
});

/**
 * What one POST /api/staff asks of the database, without HTTP: look the session up, then call the
 * create-staff service (one transaction with its audit entry), from `concurrency` loops.
 */
export function directLoop(opts: {
  db: Db;
  /** A signed-in session (the bm_session cookie) of the demo admin in this database. */
  sessionToken: string;
  seconds: number;
  concurrency: number;
  nextStaffNo: () => string;
}): Promise<DirectSlice> {
  return sessionLoop({
    ...opts,
    write: (deps, user, actor) => {
      if (user.centerId === null) throw new Error('the demo admin should belong to a center');
      return createStaff(deps, actor, user.centerId, staffBody(opts.nextStaffNo()));
    },
  });
}

/**
 * One request's work without HTTP, from `concurrency` loops for `seconds`: the guard's session
 * lookup (`sessionUser`), then `write` with the user and an actor as the route builds them.
 */
export function sessionLoop(opts: {
  db: Db;
  sessionToken: string;
  seconds: number;
  concurrency: number;
  write: (deps: Deps, user: SessionUser, actor: Actor) => Promise<unknown>;
}): Promise<DirectSlice> {
  const deps = depsOf(opts.db);
  return timedLoops({
    seconds: opts.seconds,
    concurrency: opts.concurrency,
    // What the request does besides HTTP: the guard's session lookup, then the service.
    run: async () => {
      const found = await sessionUser(deps, opts.sessionToken);
      if (!found || !('user' in found)) throw new Error('the session is not valid');
      const user = found.user;
      await opts.write(deps, user, actorOf(user, { ip: '127.0.0.1', id: randomUUID() }));
    },
  });
}

/** `run` from `concurrency` loops for `seconds`, each call timed; a throw counts as a failure. */
export async function timedLoops(opts: {
  seconds: number;
  concurrency: number;
  run: () => Promise<unknown>;
}): Promise<DirectSlice> {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | null = null;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const end = started + opts.seconds * 1000;
  const loop = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        await opts.run();
        latencies.push(performance.now() - t0);
      } catch (e) {
        failures += 1;
        firstFailure ??= String(e);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, loop));
  const cpu = process.cpuUsage(cpuBefore);
  return {
    seconds: (performance.now() - started) / 1000,
    latencies,
    failures,
    firstFailure,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

export interface DirectResult {
  runs: number;
  seconds: number;
  concurrency: number;
  writes: number;
  writesPerSec: number;
  latencyMs: Latency;
  failures: number;
  firstFailure: string | null;
  /** CPU time (user + system) of the benchmark process per write, ms. */
  cpuMsPerWrite: number | null;
}

export function combineDirect(slices: DirectSlice[], concurrency: number): DirectResult {
  const seconds = sum(slices.map((s) => s.seconds));
  const writes = sum(slices.map((s) => s.latencies.length));
  return {
    runs: slices.length,
    seconds: round2(seconds),
    concurrency,
    writes,
    writesPerSec: round1(writes / seconds),
    latencyMs: latencyOf(slices.flatMap((s) => s.latencies)),
    failures: sum(slices.map((s) => s.failures)),
    firstFailure: slices.find((s) => s.firstFailure)?.firstFailure ?? null,
    cpuMsPerWrite: writes > 0 ? round2(sum(slices.map((s) => s.cpuMs)) / writes) : null,
  };
}

export interface DatabaseCheck {
  /** Staff rows whose number starts with `<prefix>-`. */
  staffRows: number;
  /** The audit chain of the center, walked from its first entry. */
  chain: string;
  chainOk: boolean;
  chainEntries: number;
}

/** Count what a run stored and walk the center's audit chain (hashes and links). */
export async function checkDatabase(
  db: Db,
  prefix: string,
  centerId: number,
): Promise<DatabaseCheck> {
  const staffRows = await countStaff(db, prefix);
  const chain = chainOf(centerId);
  const verified = await verifyChain(db.kysely, chain);
  return {
    staffRows,
    chain,
    chainOk: verified.ok,
    chainEntries: verified.checked,
  };
}

/** Staff rows whose number starts with `<prefix>-`. */
export async function countStaff(db: Db, prefix: string): Promise<number> {
  const row = await db.kysely
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('staff_no', 'like', `${prefix}-%`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
