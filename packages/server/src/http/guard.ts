import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import { resolveCenter } from './scope.ts';
import type { Deps, SessionUser } from './context.ts';
import { sessionUser } from '../modules/auth/service.ts';

export const SESSION_COOKIE = 'bm_session';
export const DEVICE_COOKIE = 'bm_device';

/**
 * Authentication and authorisation for every /api route: find the session, then check the route's
 * declared access. A route that declares none is refused (deny by default).
 */
export function registerGuard(app: FastifyInstance, deps: Deps) {
  app.decorateRequest('user', null);

  // onRequest: before the body is even parsed, so a stranger learns nothing, not even the schema.
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const config = request.routeOptions.config;
    const access = config.access;
    // Only routes the API declares; the web app's files and unknown /api paths (404) pass.
    if (!request.routeOptions.url?.startsWith('/api/') || request.is404) return;
    if (access === undefined) throw new AppError('FORBIDDEN');

    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const found = await sessionUser(deps, token);
      if (found && 'user' in found) request.user = found.user;
      else {
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        if (found && access !== 'public') throw new AppError('SESSION_EXPIRED');
      }
    }
    if (access === 'public') return;
    const user = request.user;
    if (!user) throw new AppError('UNAUTHENTICATED');
    if (user.mustChangePassword && !config.allowWhilePasswordChange)
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    if (access !== 'signed-in' && !user.permissions.has(access)) throw new AppError('FORBIDDEN');
  });
}

export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw new AppError('UNAUTHENTICATED');
  return request.user;
}

/** For a module's routes: the center a request acts in (see `resolveCenter`). */
export const centerOfRequest =
  (deps: Pick<Deps, 'db'>) => (request: FastifyRequest, requested: number | undefined) =>
    resolveCenter(deps.db, requireUser(request), requested);
