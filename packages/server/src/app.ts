import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import helmet from 'helmet';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { SERVER_TIME_HEADER, STAFF_BASE } from '@bianmin/contracts';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/connect.ts';
import type { Access, Deps } from './http/context.ts';
import { AppError, errorBody, handleError } from './http/errors.ts';
import { AccessLog } from './http/access-log.ts';
import { registerGuard } from './http/guard.ts';
import { registerInputCheck } from './http/input.ts';
import { createMetrics, registerMetrics, type Metrics } from './http/metrics.ts';
import { registerSameOrigin } from './http/origin.ts';
import { rateLimit } from './http/rate-limit.ts';
import { announcementRoutes } from './modules/announcements/routes.ts';
import { ratingRoutes } from './modules/ratings/routes.ts';
import { inboxRoutes } from './modules/inbox/routes.ts';
import { appealRoutes } from './modules/appeals/routes.ts';
import { appointmentRoutes } from './modules/appointments/routes.ts';
import { attendanceRoutes } from './modules/attendance/routes.ts';
import { dutyRoutes } from './modules/duty/routes.ts';
import { evaluationRoutes } from './modules/evaluations/routes.ts';
import { assessmentRoutes } from './modules/assessment/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { calendarRoutes } from './modules/calendar/routes.ts';
import { caseRoutes } from './modules/cases/routes.ts';
import { extensionRoutes } from './modules/extensions/routes.ts';
import { catalogRoutes } from './modules/catalog/routes.ts';
import { centerRoutes } from './modules/centers/routes.ts';
import { backupRoutes } from './modules/backups/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { noticeRoutes } from './modules/notices/routes.ts';
import { publicRoutes } from './modules/public/routes.ts';
import { regulationRoutes } from './modules/regulations/routes.ts';
import { reportRoutes } from './modules/reports/routes.ts';
import { settlementRoutes } from './modules/settlements/routes.ts';
import { orgRoutes } from './modules/org/routes.ts';
import { outboxRoutes } from './modules/outbox/routes.ts';
import { smsCodeRoutes } from './modules/sms-codes/routes.ts';
import { userRoutes } from './modules/users/routes.ts';
import { violationRoutes } from './modules/violations/routes.ts';
import { visitRoutes } from './modules/visits/routes.ts';
import { calloutRoutes } from './modules/callouts/routes.ts';
import { previewRoutes } from './modules/cases/preview.ts';
import { exportRoutes } from './modules/exports/routes.ts';
import { statsRoutes } from './modules/stats/routes.ts';
import { APP_VERSION } from './version.ts';

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api route with who may call it (for tests and docs). */
    routeAccess: RouteAccess[];
    /** This server's Prometheus metrics; main.ts counts its background jobs with them. */
    metrics: Metrics;
  }
}

export interface AppOptions {
  db: Db;
  /** A read replica of `db` for the statistics (DATABASE_READ_URL). */
  readDb?: Db;
  config: Config;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** PGlite: the secret `npm run backup` reads from the data folder's control file (main.ts). */
  backupToken?: string;
}

/** Request bodies above this size are refused with 413 (no route takes files yet). */
const BODY_LIMIT = 256 * 1024;

/** The whole HTTP application, the same for `main.ts` and for tests. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const deps: Deps = {
    db: opts.db.kysely,
    dbKind: opts.db.kind,
    clock: opts.clock ?? systemClock,
    config: opts.config,
    ...(opts.readDb ? { readDb: opts.readDb.kysely } : {}),
  };
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: BODY_LIMIT,
    trustProxy: opts.config.trustProxy,
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    // One line per request, without its query string.
    logController: new AccessLog(),
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  // The console counts deadlines down with the server's time, not the clerk's computer's.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/'))
      void reply.header(SERVER_TIME_HEADER, deps.clock.now().toISOString());
  });

  // The security headers: helmet's middleware, built once (@fastify/helmet built it per request).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles at run time (CSS-in-JS).
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    frameguard: { action: 'deny' },
    strictTransportSecurity: opts.config.cookieSecure,
  });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (err?: unknown) =>
      done(err === undefined ? undefined : (err as Error)),
    );
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: '便民服务中心 API (Bianmin)', version: APP_VERSION },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'bm_session' } },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  const metrics = createMetrics(opts.db, deps.clock);
  app.decorate('metrics', metrics);
  registerMetrics(app, metrics, opts.config.metricsToken);

  // Deny by default, checked at start-up too: an /api route that declares no access stops the boot.
  const routeAccess: RouteAccess[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`route ${String(route.method)} ${route.url} declares no access`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeAccess.push({ method, url: route.url, access });
    }
  });
  app.decorate('routeAccess', routeAccess);

  rateLimit(app, deps.clock, { prefix: '/api/auth/login', max: 60, windowMs: 60_000 });
  // Applicants look up their case without an account: few tries per minute per address. Only a
  // benchmark, all of whose load comes from one address, switches this limit off (config.ts).
  if (opts.config.benchmarkNoRateLimit)
    app.log.warn('BIANMIN_BENCHMARK_NO_RATE_LIMIT: the case query has no per-address limit');
  else rateLimit(app, deps.clock, { prefix: '/api/public/case-status', max: 20, windowMs: 60_000 });
  // The portal's pages read the centers and the guide: many people may share one address (a
  // village's connection), so the wall is only against floods.
  rateLimit(app, deps.clock, { prefix: '/api/public/centers', max: 300, windowMs: 60_000 });
  // A text message costs money and reaches a stranger's phone: few codes per address (the number's
  // own limits are the service's).
  rateLimit(app, deps.clock, { prefix: '/api/public/sms-codes', max: 10, windowMs: 60_000 });
  // Bookings are looked up by code and mobile: a wall against guessing, high enough for a family.
  rateLimit(app, deps.clock, { prefix: '/api/public/bookings', max: 30, windowMs: 60_000 });
  // Complaints are taken at any hour; a flood of them, or of guesses at tracking codes, is not.
  rateLimit(app, deps.clock, { prefix: '/api/public/reports', max: 20, windowMs: 60_000 });
  // Ratings are opened by receipt number and query code, or a link's token: as few tries as the query.
  rateLimit(app, deps.clock, { prefix: '/api/public/ratings', max: 20, windowMs: 60_000 });
  // Home-visit requests, and guesses at their tracking codes with a mobile.
  rateLimit(app, deps.clock, { prefix: '/api/public/visits', max: 20, windowMs: 60_000 });
  // `npm run backup`'s token is 32 random bytes; guesses at it are still cut short.
  rateLimit(app, deps.clock, { prefix: '/api/backups/command', max: 10, windowMs: 60_000 });
  // Before the session is looked up: pages of other sites change nothing (CSRF).
  registerSameOrigin(app, opts.config);
  registerGuard(app, deps);
  registerInputCheck(app);

  // Since when this server schedules backups: a new installation is not "late" before its first night.
  const since = deps.clock.now();
  await app.register(healthRoutes, { deps, db: opts.db, since });
  await app.register(backupRoutes, {
    deps,
    db: opts.db,
    since,
    backupToken: opts.backupToken ?? null,
  });
  await app.register(authRoutes, { deps });
  await app.register(centerRoutes, { deps });
  await app.register(orgRoutes, { deps });
  await app.register(userRoutes, { deps });
  await app.register(auditRoutes, { deps });
  await app.register(calendarRoutes, { deps });
  await app.register(catalogRoutes, { deps });
  await app.register(caseRoutes, { deps });
  await app.register(extensionRoutes, { deps });
  await app.register(noticeRoutes, { deps });
  await app.register(violationRoutes, { deps });
  await app.register(assessmentRoutes, { deps });
  await app.register(regulationRoutes, { deps });
  await app.register(settlementRoutes, { deps });
  await app.register(appealRoutes, { deps });
  await app.register(attendanceRoutes, { deps });
  await app.register(dutyRoutes, { deps });
  await app.register(reportRoutes, { deps });
  await app.register(evaluationRoutes, { deps });
  await app.register(publicRoutes, { deps });
  await app.register(smsCodeRoutes, { deps });
  await app.register(outboxRoutes, { deps });
  await app.register(appointmentRoutes, { deps });
  await app.register(announcementRoutes, { deps });
  await app.register(ratingRoutes, { deps });
  await app.register(inboxRoutes, { deps });
  await app.register(visitRoutes, { deps });
  await app.register(calloutRoutes, { deps });
  await app.register(previewRoutes, { deps });
  await app.register(exportRoutes, { deps });
  await app.register(statsRoutes, { deps });

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const webDist = opts.config.webDist;
  const hasWeb = webDist !== null && existsSync(join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: true,
      index: ['index.html'],
      // The build wrote NAME.br and NAME.gz next to each text file (packages/web/build).
      preCompressed: true,
      cacheControl: false,
      // Hashed bundle files never change under their name; the pages themselves always revalidate.
      setHeaders: (res, path) => {
        res.setHeader(
          'cache-control',
          path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api' || !hasWeb) {
      return reply.status(404).send(errorBody(new AppError('ROUTE_NOT_FOUND'), request.id));
    }
    // A missing bundle file is a 404, never the app page (which would load as a blank screen).
    if (request.url.startsWith('/assets/'))
      return reply.status(404).type('text/plain').send('Not Found');
    // Each app routes its own pages: the staff console below /staff/, the citizens' portal the rest.
    const page = request.url.startsWith(`${STAFF_BASE}/`) ? 'staff/index.html' : 'index.html';
    return reply.type('text/html; charset=utf-8').sendFile(page);
  });

  return app;
}
