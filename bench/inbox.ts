/**
 * The inbox at scale (待办与提醒, issue 11): `npm run bench:inbox -w @bianmin/bench` (docs/perf.md,
 * "The inbox (issue 11)").
 *
 * A fresh database with the app's migrations and the demo seed, then N accounts (10,000 by default)
 * in the demo center 青石镇 and M inbox items (1,000,000) in one INSERT … SELECT: each item to an
 * account drawn from the md5 of its number (so both databases hold the same rows), kinds drawn
 * likewise, created over the last 365 days in insertion order (as a real table grows); an item older
 * than 14 days is read with probability 0.95, a newer one with 0.5. One account (the "director")
 * gets 1 % of all items besides, the heaviest inbox. VACUUM ANALYZE.
 *
 * Timed per database, for --runs accounts drawn evenly (and --runs calls on the heaviest one): the
 * bell's unread count (`unreadCount` of modules/inbox/repository.ts, the query of GET
 * /api/inbox/count), the first page of the list (`listOf`: 20 items newest first and the total, the
 * queries of GET /api/inbox), each next to a bare SQL query of the same rows. One EXPLAIN of each
 * repository query is printed.
 *
 * Options: --users N (10000), --items N (1000000), --runs N (200), --db both|postgres|pglite,
 * --keep. Environment: BENCH_DATABASE_URL (loopback only).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { INBOX_KIND_KEYS } from '@bianmin/domain';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { systemClock } from '../packages/server/src/clock.ts';
import { openDatabase, type Db } from '../packages/server/src/db/connect.ts';
import type { Database } from '../packages/server/src/db/schema.ts';
import { seedDemo } from '../packages/server/src/demo/seed.ts';
import * as repo from '../packages/server/src/modules/inbox/repository.ts';
import {
  CHILD_OPTIONS,
  kindsOf,
  perDatabase,
  printHeading,
  timed,
  timingOf,
  type Kind,
  type Timing,
} from './children.ts';
import { assertLoopback, psql, redact, serverVersion, settings, withDatabase } from './pgbench.ts';
import { REPO_ROOT } from './server.ts';
import { round1 } from './stats.ts';

const { values: opts } = parseArgs({
  options: {
    users: { type: 'string', default: '10000' },
    items: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '200' },
    ...CHILD_OPTIONS,
  },
});
const USERS = Number(opts.users);
const ITEMS = Number(opts.items);
const RUNS = Number(opts.runs);
if (!Number.isInteger(USERS) || USERS < 10) throw new Error('--users must be a whole number ≥ 10');
if (!Number.isInteger(ITEMS) || ITEMS < 1000)
  throw new Error('--items must be a whole number ≥ 1000');
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs must be a whole number ≥ 1');
const KINDS = kindsOf(opts.db);
const PG_BASE = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'bianmin_bench_inbox';
const PAGE = { page: 1, pageSize: 20 };

const say = (text: string) => process.stderr.write(`[inbox] ${text}\n`);

/** An md5 draw in [0, 1) of a salt and a number: the same on both databases. */
const draw = (salt: string, n: string) =>
  `(('x' || substr(md5('${salt}' || ${n}), 1, 8))::bit(32)::bigint / 4294967296.0)`;

/** The accounts and the items, in SQL (see the head of this file). */
function generationSql(centerId: number, now: Date): string {
  const kinds = `array[${INBOX_KIND_KEYS.map((k) => `'${k}'`).join(',')}]`;
  const at = `'${now.toISOString()}'::timestamptz`;
  return `
insert into users (center_id, username, display_name, password_hash, roles, password_changed_at,
  created_at)
select ${centerId}, 'bench' || g, '用户' || g, 'x', array['window_staff'], ${at}, ${at}
from generate_series(1, ${USERS}) g;
create temporary table bench_users as
  select (row_number() over (order by id))::int as k, id from users where username like 'bench%';
insert into inbox_items (center_id, user_id, kind, title, body, link, subject_type, subject_id,
  created_at, read_at)
select ${centerId}, u.id, (${kinds})[1 + floor(${draw('kind', 'g')} * ${INBOX_KIND_KEYS.length})::int],
  '办件 ' || g || ' 将于 12月9日 17:30 到期', '请抓紧办结；确需延长的，请在期限内申请延期。',
  '/staff/cases/' || g, 'case', g::text, c.created_at,
  case when ${draw('read', 'g')} < (case when c.created_at < ${at} - interval '14 days' then 0.95 else 0.5 end)
    then c.created_at + interval '1 hour' end
from generate_series(1, ${ITEMS}) g
cross join lateral (select ${at} - (${ITEMS} - g) * (interval '365 days' / ${ITEMS}) as created_at) c
join bench_users u on u.k = case when g % 100 = 0 then 1
  else 1 + floor(${draw('user', 'g')} * ${USERS})::int end;
`;
}

async function generate(db: Db, now: Date) {
  await seedDemo(db.kysely, { now: () => now });
  const center = await db.kysely
    .selectFrom('centers')
    .select('id')
    .where('code', '=', 'qingshi')
    .executeTakeFirstOrThrow();
  const insert = await timed(() =>
    db.kysely.transaction().execute(async (tx) => {
      await sql.raw(generationSql(center.id, now)).execute(tx);
    }),
  );
  const vacuum = await timed(() => sql`vacuum analyze`.execute(db.kysely));
  const heaviest = await db.kysely
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'bench1')
    .executeTakeFirstOrThrow();
  return {
    centerId: center.id,
    heaviestUserId: heaviest.id,
    insertMs: Math.round(insert.ms),
    vacuumAnalyzeMs: Math.round(vacuum.ms),
  };
}

async function describeData(db: Kysely<Database>, heaviest: number) {
  const { rows } = await sql<{
    items: string;
    unread: string;
    users: string;
    heaviest_items: string;
    heaviest_unread: string;
    table_mib: string;
    indexes_mib: string;
  }>`
    select (select count(*) from inbox_items) as items,
           (select count(*) from inbox_items where read_at is null) as unread,
           (select count(distinct user_id) from inbox_items) as users,
           (select count(*) from inbox_items where user_id = ${heaviest}) as heaviest_items,
           (select count(*) from inbox_items where user_id = ${heaviest} and read_at is null)
             as heaviest_unread,
           round(pg_table_size('inbox_items') / 1048576.0, 1) as table_mib,
           round(pg_indexes_size('inbox_items') / 1048576.0, 1) as indexes_mib`.execute(db);
  const r = rows[0]!;
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])) as Record<
    keyof typeof r,
    number
  >;
}

/** The bare SQL of the same rows: the reference each repository query is set against. */
const bare = {
  count: (db: Kysely<Database>, userId: number) =>
    sql`select count(*) from inbox_items where user_id = ${userId} and read_at is null`.execute(db),
  page: (db: Kysely<Database>, userId: number) =>
    sql`select id, center_id, kind, title, body, link, subject_type, subject_id, created_at, read_at
        from inbox_items where user_id = ${userId} order by id desc limit 20`.execute(db),
  pageAndTotal: async (db: Kysely<Database>, userId: number) =>
    Promise.all([
      bare.page(db, userId),
      sql`select count(*) from inbox_items where user_id = ${userId}`.execute(db),
    ]),
};

interface Measured {
  count: Timing;
  countSql: Timing;
  list: Timing;
  listSql: Timing;
}

/** Each query once per account of `users`, in turns (so caches favour none of them). */
async function measure(db: Kysely<Database>, users: number[]): Promise<Measured> {
  const ms: Record<keyof Measured, number[]> = { count: [], countSql: [], list: [], listSql: [] };
  for (const userId of users) {
    ms.count.push((await timed(() => repo.unreadCount(db, userId))).ms);
    ms.countSql.push((await timed(() => bare.count(db, userId))).ms);
    ms.list.push((await timed(() => repo.listOf(db, userId, { unreadOnly: false, ...PAGE }))).ms);
    ms.listSql.push((await timed(() => bare.pageAndTotal(db, userId))).ms);
  }
  return {
    count: timingOf(ms.count),
    countSql: timingOf(ms.countSql),
    list: timingOf(ms.list),
    listSql: timingOf(ms.listSql),
  };
}

/** The plan of each repository query for one account, as the database runs it. */
async function plans(db: Kysely<Database>, userId: number) {
  const explain = async (q: { sql: string; parameters: readonly unknown[] }) => {
    const { rows } = await db.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`explain (analyze, costs off, timing off, summary off) ${q.sql}`, [
        ...q.parameters,
      ]),
    );
    return rows.map((r) => r['QUERY PLAN']);
  };
  const count = db
    .selectFrom('inbox_items')
    .select(sql<string>`count(*)`.as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .compile();
  const page = db
    .selectFrom('inbox_items')
    .select(['id', 'kind', 'title', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(20)
    .compile();
  return { count: await explain(count), page: await explain(page) };
}

async function runOne(kind: Kind) {
  let dataDir: string | null = null;
  let pgUrl: string | null = null;
  let target: string;
  if (kind === 'postgres') {
    assertLoopback(PG_BASE);
    pgUrl = withDatabase(PG_BASE, DB_NAME);
    if ((await psql(PG_BASE, `select 1 from pg_database where datname = '${DB_NAME}'`)) === '1') {
      say(`dropping the ${DB_NAME} left from an earlier run`);
      await psql(PG_BASE, `drop database "${DB_NAME}" with (force)`);
    }
    await psql(PG_BASE, `create database "${DB_NAME}"`);
    target = redact(pgUrl);
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'bianmin-bench-inbox-'));
    target = dataDir;
  }
  say(`${kind}: opening ${target}`);
  let db: Db | null = null;
  try {
    const opened = await timed(() =>
      openDatabase(
        kind === 'postgres' ? { kind, url: pgUrl! } : { kind, dataDir: join(dataDir!, 'data') },
      ),
    );
    db = opened.value;
    const now = systemClock.now();
    say(`${kind}: ${USERS.toLocaleString('en')} accounts, ${ITEMS.toLocaleString('en')} items`);
    const gen = await generate(db, now);
    const data = await describeData(db.kysely, gen.heaviestUserId);
    say(`${kind}: generated in ${gen.insertMs} ms; timing`);
    const ids = (
      await db.kysely
        .selectFrom('users')
        .select('id')
        .where('username', 'like', 'bench%')
        .orderBy('id')
        .execute()
    ).map((u) => u.id);
    // Accounts spread evenly over all of them (the heaviest left out), the same on both databases.
    const sample = Array.from(
      { length: RUNS },
      (_, i) => ids[1 + ((i * 7919) % (ids.length - 1))]!,
    );
    await measure(db.kysely, sample.slice(0, Math.min(20, sample.length))); // warm-up
    const typical = await measure(db.kysely, sample);
    const heavy = await measure(db.kysely, Array<number>(RUNS).fill(gen.heaviestUserId));
    const plan = await plans(db.kysely, sample[0]!);
    return {
      kind,
      target,
      postgres: pgUrl
        ? {
            version: await serverVersion(pgUrl),
            settings: await settings(pgUrl, ['shared_buffers', 'work_mem', 'jit']),
          }
        : null,
      openMs: Math.round(opened.ms),
      generation: gen,
      data,
      typical,
      heavy,
      plan,
    };
  } finally {
    await db?.close();
    if (opts.keep) say(kind === 'postgres' ? `kept ${DB_NAME}` : `kept ${dataDir}`);
    else if (kind === 'postgres')
      await psql(PG_BASE, `drop database if exists "${DB_NAME}" with (force)`);
    else if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}
type ChildResult = Awaited<ReturnType<typeof runOne>>;

async function main() {
  const run = await perDatabase({
    script: fileURLToPath(import.meta.url),
    name: 'inbox',
    kinds: KINDS,
    args: [
      ...['--users', String(USERS), '--items', String(ITEMS), '--runs', String(RUNS)],
      ...(opts.keep ? ['--keep'] : []),
    ],
    opts,
    runOne: (kind) => runOne(kind),
  });
  if (!run) return;
  const resultsDir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const jsonFile = join(resultsDir, `inbox-${run.stamp}.json`);
  writeFileSync(
    jsonFile,
    `${JSON.stringify(
      {
        startedAt: run.started.toISOString(),
        durationSeconds: run.durationSeconds,
        command: ['npm run bench:inbox -w @bianmin/bench --', ...process.argv.slice(2)].join(' '),
        commit: run.commit,
        machine: run.machine,
        options: { users: USERS, items: ITEMS, runs: RUNS },
        results: run.results,
      },
      null,
      2,
    )}\n`,
  );
  printHeading('inbox', run);
  const results = run.results;
  const d = results[0]!.data;
  console.log(
    `\ndata: ${d.items} items of ${d.users} accounts, ${d.unread} unread; the heaviest account ` +
      `${d.heaviest_items} items (${d.heaviest_unread} unread); table ${d.table_mib} MiB, ` +
      `indexes ${d.indexes_mib} MiB (PostgreSQL figures of the first database)`,
  );
  const col = (f: (r: ChildResult) => string | number) =>
    results.map((r) => String(f(r)).padStart(16)).join('');
  const row = (label: string, f: (r: ChildResult) => string | number) =>
    console.log(`  ${label.padEnd(52)}${col(f)}`);
  const pp = (t: Timing) => `${t.p50}/${t.p95}`;
  console.log(`\n  ${''.padEnd(52)}${results.map((r) => r.kind.padStart(16)).join('')}`);
  row('open + migrate, ms', (r) => r.openMs);
  row('generate (one INSERT … SELECT), s', (r) => round1(r.generation.insertMs / 1000));
  row('VACUUM ANALYZE, s', (r) => round1(r.generation.vacuumAnalyzeMs / 1000));
  row(`unread count (unreadCount), p50/p95 ms, ${RUNS} accounts`, (r) => pp(r.typical.count));
  row('  bare SQL count, p50/p95 ms', (r) => pp(r.typical.countSql));
  row('first page + total (listOf), p50/p95 ms', (r) => pp(r.typical.list));
  row('  bare SQL page + count, p50/p95 ms', (r) => pp(r.typical.listSql));
  row(`heaviest account: unread count, p50/p95 ms`, (r) => pp(r.heavy.count));
  row('  bare SQL count, p50/p95 ms', (r) => pp(r.heavy.countSql));
  row('heaviest account: first page + total, p50/p95 ms', (r) => pp(r.heavy.list));
  row('  bare SQL page + count, p50/p95 ms', (r) => pp(r.heavy.listSql));
  for (const r of results) {
    console.log(`\n${r.kind}: plan of the count\n    ${r.plan.count.join('\n    ')}`);
    console.log(`${r.kind}: plan of the page\n    ${r.plan.page.join('\n    ')}`);
  }
  console.log(`\nresults: ${jsonFile}`);
}

await main();
