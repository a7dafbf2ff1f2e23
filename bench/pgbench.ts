/**
 * PostgreSQL side: a temporary database for the run, and pgbench running the statements one
 * create-staff request sends, in the same order and inside the same transaction.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { latencyOf, round2, sum, type Latency } from './stats.ts';

const run = promisify(execFile);

const PSQL = process.env.BENCH_PSQL ?? 'psql';
const PGBENCH = process.env.BENCH_PGBENCH ?? 'pgbench';

/** The benchmark only ever targets this machine. */
export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host)) {
    throw new Error(`BENCH_DATABASE_URL must point at this machine (127.0.0.1), not ${host}`);
  }
}

/** Password-free form of a URL, for printing. */
export const redact = (url: string) => {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
};

export function withDatabase(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A missing client tool is named, with the way out. */
function missingTool(e: unknown, tool: string): never {
  if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(
      `${tool} not found: install the PostgreSQL client tools, point BENCH_PSQL / BENCH_PGBENCH at ` +
        'them, or leave PostgreSQL out with BENCH_POSTGRES=0',
    );
  }
  throw e;
}

export async function psql(url: string, command: string): Promise<string> {
  try {
    const args = ['-X', '-Atq', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', command];
    return (await run(PSQL, args)).stdout.trim();
  } catch (e) {
    return missingTool(e, PSQL);
  }
}

export interface TempDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database `bianmin_bench_<random>` next to the one `baseUrl` names. */
export async function createTempDatabase(baseUrl: string): Promise<TempDatabase> {
  assertLoopback(baseUrl);
  const name = `bianmin_bench_${randomBytes(5).toString('hex')}`;
  await psql(baseUrl, `create database "${name}"`);
  return {
    name,
    url: withDatabase(baseUrl, name),
    drop: async () => void (await psql(baseUrl, `drop database if exists "${name}" with (force)`)),
  };
}

export async function serverVersion(url: string): Promise<string> {
  return psql(url, 'show server_version');
}

export async function settings(url: string, names: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of names) out[name] = await psql(url, `show ${name}`);
  return out;
}

/**
 * One create-staff request as PostgreSQL sees it (logged with log_statement=all): the session
 * lookup on its own, then one transaction. Values the server computes (the audit hash, the JSON
 * of the new row) are fixed strings of the same size; the staff number is random per transaction.
 * The audit chain is a variable: the benchmark gives pgbench a chain of its own, so that its fixed
 * hashes do not break the center's chain, which is verified afterwards. Like the API's writes,
 * every pgbench transaction takes the one head row of its chain `for update`.
 */
export const PGBENCH_SCRIPT = `\\set staff_no random(1, 9000000000000000000)
select "sessions"."id" as "session_id", "sessions"."last_seen_at", "sessions"."expires_at", "users"."id", "users"."username", "users"."display_name", "users"."center_id", "users"."staff_id", "users"."roles", "users"."disabled", "users"."must_change_password" from "sessions" inner join "users" on "users"."id" = "sessions"."user_id" where "sessions"."id" = :session_id;
begin;
insert into "staff" ("created_at", "staff_no", "name", "position", "window_id", "supervisor_id", "in_post_from", "in_post_to", "center_id") values (:at, :staff_no, :name, :position, null, null, :in_post_from, null, :center_id) returning "id" \\gset
select "s"."id", "s"."center_id" as "centerId", "s"."staff_no" as "staffNo", "s"."name", "s"."position", "s"."window_id" as "windowId", concat_ws(:space, "w"."number", "w"."name") as "windowName", "s"."supervisor_id" as "supervisorId", "sup"."name" as "supervisorName", "s"."in_post_from" as "inPostFrom", "s"."in_post_to" as "inPostTo", "s"."version" from "staff" as "s" left join "windows" as "w" on "w"."id" = "s"."window_id" left join "staff" as "sup" on "sup"."id" = "s"."supervisor_id" where "s"."id" = :id;
insert into "audit_heads" ("chain", "seq", "hash") values (:chain, :zero, :genesis) on conflict ("chain") do nothing;
select "seq", "hash" from "audit_heads" where "chain" = :chain for update \\gset head_
\\set next_seq :head_seq + 1
insert into "audit_log" ("chain", "center_id", "seq", "at", "actor_user_id", "actor_name", "action", "entity_type", "entity_id", "before", "after", "ip", "request_id", "prev_hash", "hash", "hash_version", "key_id") values (:chain, :center_id, :next_seq, :at, :user_id, :actor_name, :action, :entity_type, :id, null, :after, :ip, :request_id, :head_hash, :hash, :hash_version, :key_id);
update "audit_heads" set "seq" = :next_seq, "hash" = :hash where "chain" = :chain;
commit;
`;

/** One pgbench run. */
export interface PgbenchSlice {
  seconds: number;
  transactions: number;
  failed: number;
  /** pgbench's tps, without the initial connection time. */
  tps: number;
  /** Latency of every transaction (from pgbench -l), ms. */
  latencies: number[];
  exitCode: number;
  /** pgbench's own summary, for the record. */
  output: string;
}

let runs = 0;

/**
 * Run a script against `url` (pgbench -M extended: parameters, like node-postgres); the
 * create-staff script unless another is given.
 */
export async function runPgbench(opts: {
  url: string;
  dir: string;
  seconds: number;
  clients: number;
  threads: number;
  vars: Record<string, string | number>;
  script?: { file: string; text: string };
}): Promise<PgbenchSlice> {
  assertLoopback(opts.url);
  const script = join(opts.dir, opts.script?.file ?? 'create-staff.sql');
  writeFileSync(script, opts.script?.text ?? PGBENCH_SCRIPT);
  const logName = `pgbench_log_${++runs}`;
  const args = [
    '-n',
    '-M',
    'extended',
    '-f',
    script,
    '-T',
    String(opts.seconds),
    '-c',
    String(opts.clients),
    '-j',
    String(opts.threads),
    '-l',
    `--log-prefix=${join(opts.dir, logName)}`,
    ...Object.entries(opts.vars).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
    opts.url,
  ];
  let output = '';
  let exitCode = 0;
  try {
    const out = await run(PGBENCH, args, { cwd: opts.dir, maxBuffer: 16 * 2 ** 20 });
    output = `${out.stdout}\n${out.stderr}`;
  } catch (e) {
    const err = e as { code?: number | string; stdout?: string; stderr?: string };
    if (err.code === 'ENOENT') missingTool(e, PGBENCH);
    exitCode = typeof err.code === 'number' ? err.code : 1;
    output = `${err.stdout ?? ''}\n${err.stderr ?? ''}`;
  }
  const num = (re: RegExp) => Number(re.exec(output)?.[1] ?? NaN);

  // Per-transaction log lines: client_id transaction_no latency_us script_no epoch_s epoch_us
  const latencies: number[] = [];
  for (const file of readdirSync(opts.dir).filter((f) => f.startsWith(`${logName}.`))) {
    for (const line of readFileSync(join(opts.dir, file), 'utf8').split('\n')) {
      const us = Number(line.split(' ')[2]);
      if (line && Number.isFinite(us)) latencies.push(us / 1000);
    }
  }
  return {
    seconds: opts.seconds,
    transactions: num(/number of transactions actually processed: (\d+)/),
    failed: num(/number of failed transactions: (\d+)/) || 0,
    tps: num(/tps = ([\d.]+) \(without initial connection time\)/),
    latencies,
    exitCode,
    output: output
      .split('\n')
      .filter((l) => l.trim() !== '')
      .join('\n'),
  };
}

export interface PgbenchResult {
  runs: number;
  seconds: number;
  clients: number;
  threads: number;
  transactions: number;
  failed: number;
  /** All runs together: transactions ÷ the time pgbench measured them in. */
  tps: number;
  latencyMs: Latency;
  exitCodes: number[];
  /** The summary of the last run. */
  output: string;
}

export function combinePgbench(
  slices: PgbenchSlice[],
  clients: number,
  threads: number,
): PgbenchResult {
  const transactions = sum(slices.map((s) => s.transactions));
  const measured = sum(slices.map((s) => (s.tps > 0 ? s.transactions / s.tps : 0)));
  return {
    runs: slices.length,
    seconds: sum(slices.map((s) => s.seconds)),
    clients,
    threads,
    transactions,
    failed: sum(slices.map((s) => s.failed)),
    tps: measured > 0 ? round2(transactions / measured) : NaN,
    latencyMs: latencyOf(slices.flatMap((s) => s.latencies)),
    exitCodes: slices.map((s) => s.exitCode),
    output: slices.at(-1)?.output ?? '',
  };
}
