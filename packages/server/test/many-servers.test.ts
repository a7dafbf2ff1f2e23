/**
 * Two servers on one PostgreSQL database (issue 12): both take requests and both run every
 * background job, often at the same moment; each piece of work is done once and nothing is lost.
 * Real server processes on the PostgreSQL of TEST_DATABASE_URL (skipped without it), SMS through the
 * Aliyun gateway pointed at a local fake that counts what reaches it.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_KEYS } from '../src/modules/outbox/templates.ts';
import {
  call,
  createPostgresDatabase,
  freePort,
  signIn,
  startServer,
  waitFor,
  waitHealthy,
  type ServerProcess,
  type TestPostgresDatabase,
} from './server-process.ts';

const withPostgres = Boolean(process.env.TEST_DATABASE_URL);
const TOKEN = 'many-servers-metrics-token-0123456789';
const DAY = 86_400_000;

/** An SMS gateway that says yes to everything and remembers each number and template it got. */
class CountingGateway {
  sent: string[] = [];
  private server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = Buffer.concat(chunks).toString('utf8');
      const params: Record<string, string> = {
        ...Object.fromEntries(url.searchParams),
        ...(req.headers['content-type']?.includes('json')
          ? (JSON.parse(body) as Record<string, string>)
          : Object.fromEntries(new URLSearchParams(body))),
      };
      this.sent.push(`${params.PhoneNumbers} ${params.TemplateCode} ${params.TemplateParam}`);
      res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
      res.end(JSON.stringify({ Code: 'OK', Message: 'OK', BizId: `biz-${this.sent.length}` }));
    });
  });
  async start(): Promise<string> {
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  stop = () => new Promise<void>((done) => this.server.close(() => done()));
}

/** One sample of a Prometheus text answer, e.g. bianmin_job_runs_total{job="overdue",outcome="ok"}. */
const sample = (text: string, line: string) =>
  Number(
    text
      .split('\n')
      .find((l) => l.startsWith(`${line} `))
      ?.split(' ')[1] ?? 0,
  );

describe.skipIf(!withPostgres)('two servers on one PostgreSQL database', () => {
  const work = mkdtempSync(join(tmpdir(), 'bianmin-many-'));
  const gateway = new CountingGateway();
  let database: TestPostgresDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    database = await createPostgresDatabase('many', { migrated: true });
    env = {
      DATABASE_URL: database.url,
      BIANMIN_DEMO: '1', // the demo center exists already: nothing is seeded, the clock is allowed
      BIANMIN_AUDIT_DIR: join(work, 'audit'), // one installation: one key for both servers
      BIANMIN_METRICS_TOKEN: TOKEN,
      BIANMIN_SWEEP_SECONDS: '1',
      BIANMIN_OUTBOX_SECONDS: '1',
      BIANMIN_SMS_PROVIDER: 'aliyun',
      BIANMIN_SMS_SIGN_NAME: '青石镇便民服务中心',
      BIANMIN_SMS_ACCESS_KEY_ID: 'test-key-id',
      BIANMIN_SMS_ACCESS_KEY_SECRET: 'test-key-secret',
      BIANMIN_SMS_ENDPOINT: await gateway.start(),
      BIANMIN_SMS_TEMPLATES: JSON.stringify(
        Object.fromEntries(TEMPLATE_KEYS.map((k, i) => [k, `SMS_${100000 + i}`])),
      ),
    };
  });
  afterAll(async () => {
    await gateway.stop();
    await database?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  /** Both servers, their clocks starting at `at`; stopped (and required to exit 0) after `run`. */
  async function twoServers(at: Date, run: (servers: ServerProcess[]) => Promise<void>) {
    const clock = { ...env, BIANMIN_CLOCK: at.toISOString().replace('Z', '+00:00') };
    const servers = [startServer(clock, await freePort()), startServer(clock, await freePort())];
    try {
      await Promise.all(servers.map((s) => waitHealthy(s, 120_000)));
      await run(servers);
      for (const s of servers) expect((await s.stop()).code, s.output().slice(-2000)).toBe(0);
    } finally {
      for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    }
  }
  const metrics = async (s: ServerProcess) =>
    (
      await fetch(`http://127.0.0.1:${s.port}/metrics`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      })
    ).text();

  it('takes cases on both, then sweeps them overdue on both: one candidate, one warning, one text each', async () => {
    const start = new Date();
    const made: string[] = [];
    await twoServers(start, async (servers) => {
      // One session per server (signing in twenty times at once is what the login throttle stops).
      const cookies = [
        await signIn(servers[0]!.port, 'clerk'),
        await signIn(servers[1]!.port, 'clerk'),
      ];
      const item = (
        (await call(servers[0]!.port, 'GET', '/api/service-items', { cookie: cookies[0]! }))!
          .body as unknown as { id: number; code: string }[]
      ).find((i) => i.code === 'MZ-002')!;
      // Twenty cases, ten through each server, all at once; and six SMS codes asked of both.
      const writes = servers.flatMap((s, n) =>
        Array.from({ length: 10 }, async (_, i) => {
          const res = await call(s.port, 'POST', '/api/cases', {
            cookie: cookies[n]!,
            body: {
              itemId: item.id,
              channel: 'window',
              applicant: { type: 'person', name: `并发${n}-${i}`, phone: `1390000${n}${i}00` },
              then: { action: 'accept', kind: 'promised' },
            },
          });
          expect(res?.status, JSON.stringify(res?.body)).toBe(201);
          made.push((res!.body as unknown as { receiptNo: string }).receiptNo);
        }),
      );
      const codes = servers.flatMap((s, n) =>
        Array.from({ length: 3 }, async (_, i) => {
          const res = await call(s.port, 'POST', '/api/public/sms-codes', {
            body: { centerCode: 'qingshi', phone: `1370000${n}${i}11`, purpose: 'booking' },
          });
          expect(res?.status, JSON.stringify(res?.body)).toBe(200);
        }),
      );
      await Promise.all([...writes, ...codes]);
      // The codes go out within seconds, from whichever server claims each first.
      await waitFor('the six codes sent', async () => gateway.sent.length >= 6, 60_000);
    });
    expect(made).toHaveLength(20);
    expect(new Set(made).size).toBe(20);

    // Forty days later every one of them is overdue: both servers sweep from their first second.
    const later = new Date(start.getTime() + 40 * DAY);
    const startedAt = Date.now();
    /** The servers' clock: forty days ahead of this process's. */
    const serverNow = () => new Date(later.getTime() + (Date.now() - startedAt));
    await twoServers(later, async (servers) => {
      await waitFor(
        'every case raised and told red',
        async () =>
          Number(
            (
              await database.query(
                `select count(*)::int as n from cases c
                  where c.receipt_no = any($1) and c.warned = 'red'
                    and exists (select 1 from violation_candidates v where v.case_id = c.id)`,
                [made],
              )
            ).rows[0].n,
          ) === 20,
        90_000,
      );
      // Both did the work: each ran the overdue sweep and the sender, and reports it.
      await waitFor(
        'both servers sweeping',
        async () => {
          const texts = await Promise.all(servers.map(metrics));
          return texts.every(
            (t) =>
              sample(t, 'bianmin_job_runs_total{job="overdue",outcome="ok"}') >= 2 &&
              sample(t, 'bianmin_job_runs_total{job="outbox",outcome="ok"}') >= 2,
          );
        },
        60_000,
      );
      await waitFor(
        'no text message waiting',
        async () =>
          Number(
            (
              await database.query(
                `select count(*)::int as n from outbox_messages
                  where state = 'pending' and next_attempt_at <= $1`,
                [serverNow()],
              )
            ).rows[0].n,
          ) === 0,
        60_000,
      );
    });

    const one = async (q: string) => (await database.query(q, [made])).rows;
    // One violation candidate per case, never two.
    const candidates = await one(
      `select c.receipt_no, count(v.id)::int as n from cases c
         join violation_candidates v on v.case_id = c.id
        where c.receipt_no = any($1) group by c.receipt_no`,
    );
    expect(candidates).toHaveLength(20);
    expect(candidates.every((r) => r.n === 1)).toBe(true);
    // Each holder told once per case that it went red.
    const told = await one(
      `select c.receipt_no, count(i.id)::int as n from cases c
         join inbox_items i on i.subject_type = 'case' and i.subject_id = c.id::text and i.kind = 'case_red'
        where c.receipt_no = any($1) group by c.receipt_no`,
    );
    expect(told).toHaveLength(20);
    expect(told.every((r) => r.n === 1)).toBe(true);
    // Every text message stored as sent reached the gateway once, and none failed.
    const states = (
      await database.query(`select state, count(*)::int as n from outbox_messages group by state`)
    ).rows as { state: string; n: number }[];
    const sent = states.find((r) => r.state === 'sent')?.n ?? 0;
    expect(states.find((r) => r.state === 'failed')).toBeUndefined();
    expect(gateway.sent).toHaveLength(sent);
    expect(new Set(gateway.sent).size).toBe(gateway.sent.length);

    // And the audit trail both wrote into is one unbroken chain.
    const verified = await new Promise<{ code: number | null; out: string }>((done) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', resolve(import.meta.dirname, '../src/cli/verify-audit.ts')],
        { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', (code) => done({ code, out }));
    });
    expect(verified.code, verified.out).toBe(0);
  }, 420_000);
});
