import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

/**
 * A fixed-window request limit per client IP for a group of routes (the sign-in routes): a cheap
 * first wall in front of the per-account throttle kept in the database.
 */
export function rateLimit(
  app: FastifyInstance,
  opts: { prefix: string; max: number; windowMs: number },
) {
  const hits = new Map<string, { count: number; resetAt: number }>();
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith(opts.prefix)) return;
    const now = Date.now();
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
