import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connect.ts';
import { AppError, errorBody } from './errors.ts';
import { sameSecret } from './same-secret.ts';

/** The background jobs of a server, each counted by its outcome (docs/operations.md, alerts). */
export type JobName =
  'overdue' | 'inbox' | 'terms' | 'bookings' | 'outbox' | 'backup' | 'retention';

export interface Metrics {
  readonly registry: Registry;
  /**
   * Runs one step of a background job: its outcome and time are counted, and a success sets the job's
   * last-success time (by the server's clock). A failure is counted and thrown on to the caller.
   */
  job: <T>(name: JobName, step: () => Promise<T>) => Promise<T>;
}

/**
 * Prometheus metrics of one server (`GET /metrics`, docs/operations.md): requests by route, status
 * and time; the database pool; the text messages waiting; the background jobs (and, at the scrape,
 * the process). Each app has its own registry, so several apps in one test process never share
 * counters.
 */
export function createMetrics(db: Db, clock: Clock): Metrics {
  const registry = new Registry();
  const registers = [registry];

  const jobRuns = new Counter({
    name: 'bianmin_job_runs_total',
    help: 'Background job steps run, by job and outcome (ok, failed)',
    labelNames: ['job', 'outcome'] as const,
    registers,
  });
  const jobSeconds = new Histogram({
    name: 'bianmin_job_duration_seconds',
    help: 'Time of one background job step',
    labelNames: ['job'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers,
  });
  const jobLastOk = new Gauge({
    name: 'bianmin_job_last_success_timestamp_seconds',
    help: 'When a step of the job last succeeded (Unix seconds, server clock)',
    labelNames: ['job'] as const,
    registers,
  });

  new Gauge({
    name: 'bianmin_outbox_messages',
    help: 'Text messages in the outbox, by state (pending, sent, failed)',
    labelNames: ['state'] as const,
    registers,
    async collect() {
      const rows = await db.kysely
        .selectFrom('outbox_messages')
        .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('state')
        .execute();
      this.reset();
      for (const state of ['pending', 'sent', 'failed']) this.set({ state }, 0);
      for (const r of rows) this.set({ state: r.state }, Number(r.n));
    },
  });
  new Gauge({
    name: 'bianmin_outbox_oldest_pending_seconds',
    help: 'Age of the oldest text message still waiting to go out (0 when none)',
    registers,
    async collect() {
      const { oldest } = await db.kysely
        .selectFrom('outbox_messages')
        .select(sql<Date | null>`min(created_at)`.as('oldest'))
        .where('state', '=', 'pending')
        .executeTakeFirstOrThrow();
      this.set(oldest ? Math.max(0, (clock.now().getTime() - oldest.getTime()) / 1000) : 0);
    },
  });
  new Gauge({
    name: 'bianmin_backup_age_seconds',
    help: 'Age of the newest successful backup (-1 when there is none): alert above 93600 (a day and two hours)',
    registers,
    async collect() {
      const { last } = await db.kysely
        .selectFrom('backups')
        .select(sql<Date | null>`max(started_at)`.as('last'))
        .where('state', '=', 'succeeded')
        .executeTakeFirstOrThrow();
      this.set(last ? Math.max(0, (clock.now().getTime() - new Date(last).getTime()) / 1000) : -1);
    },
  });
  if (db.pool) {
    const stats = db.pool;
    new Gauge({
      name: 'bianmin_db_pool_connections',
      help: 'PostgreSQL pool connections: total, idle, and requests waiting for one',
      labelNames: ['state'] as const,
      registers,
      collect() {
        const s = stats();
        this.set({ state: 'total' }, s.total);
        this.set({ state: 'idle' }, s.idle);
        this.set({ state: 'waiting' }, s.waiting);
      },
    });
  }

  return {
    registry,
    async job(name, step) {
      const end = jobSeconds.startTimer({ job: name });
      try {
        const result = await step();
        jobRuns.inc({ job: name, outcome: 'ok' });
        jobLastOk.set({ job: name }, clock.now().getTime() / 1000);
        return result;
      } catch (e) {
        jobRuns.inc({ job: name, outcome: 'failed' });
        throw e;
      } finally {
        end();
      }
    },
  };
}

/** The process's own figures (memory, CPU, event loop), collected once however many apps it runs. */
let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: 'bianmin_' });
  }
  return processRegistry;
}

/**
 * Requests counted by method, route pattern and status, timed by route; and `GET /metrics` for a
 * scraper that sends `Authorization: Bearer <BIANMIN_METRICS_TOKEN>`. Without a token configured
 * there is no such page (404): the figures say how busy a center is, not for anyone to read.
 */
export function registerMetrics(app: FastifyInstance, metrics: Metrics, token: string | null) {
  const registers = [metrics.registry];
  const requests = new Counter({
    name: 'bianmin_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const seconds = new Histogram({
    name: 'bianmin_http_request_duration_seconds',
    help: 'Time to answer a request, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers,
  });
  app.addHook('onResponse', async (request, reply) => {
    // The pattern (/api/cases/:id), never the address itself: receipt numbers stay out of labels.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    seconds.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (token === null)
      return reply.status(404).send(errorBody(new AppError('ROUTE_NOT_FOUND'), request.id));
    const given = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (!sameSecret(given, token))
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .send(errorBody(new AppError('UNAUTHENTICATED'), request.id));
    const all = Registry.merge([processMetrics(), metrics.registry]);
    return reply
      .header('content-type', all.contentType)
      .header('cache-control', 'no-store')
      .send(await all.metrics());
  });
}
