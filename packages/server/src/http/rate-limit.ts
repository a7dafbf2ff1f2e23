import type { FastifyInstance } from 'fastify';
import type { Clock } from '../clock.ts';
import { AppError } from './errors.ts';

/**
 * A fixed-window request limit per client address for a group of routes (sign-in, the applicants'
 * query): a cheap first wall in front of the throttles kept in the database.
 *
 * The group is the routes whose pattern starts with `prefix`, judged by the route a request matched
 * (`routeOptions.url`), never by its raw URL: a doubled slash, other letter case, an encoded
 * character or a query string either reach the same route — and count — or reach none (404).
 */
export function rateLimit(
  app: FastifyInstance,
  clock: Clock,
  opts: { prefix: string; max: number; windowMs: number },
) {
  const hits = new Map<string, { count: number; resetAt: number }>();
  app.addHook('onRequest', async (request) => {
    const route = request.routeOptions.url;
    if (request.is404 || route === undefined || !route.startsWith(opts.prefix)) return;
    const now = clock.now().getTime();
    if (hits.size > 10_000) for (const [k, v] of hits) if (v.resetAt <= now) hits.delete(k);
    const entry = hits.get(request.ip);
    if (!entry || entry.resetAt <= now) {
      hits.set(request.ip, { count: 1, resetAt: now + opts.windowMs });
      return;
    }
    entry.count += 1;
    if (entry.count > opts.max) {
      throw new AppError('RATE_LIMITED', {
        details: { retryAfterSeconds: Math.ceil((entry.resetAt - now) / 1000) },
      });
    }
  });
}
