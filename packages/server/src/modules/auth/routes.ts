import { changePasswordBody, errorBody, loginBody, me } from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { DEVICE_COOKIE, requireUser, SESSION_COOKIE } from '../../http/guard.ts';
import * as service from './service.ts';

const tags = ['登录与会话'];

export const authRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const cookie = (secure: boolean) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
  });
  const isSecure = (protocol: string) => deps.config.cookieSecure || protocol === 'https';

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '登录',
        body: loginBody,
        response: { 200: me, 401: errorBody, 429: errorBody },
      },
    },
    async (request, reply) => {
      const result = await service.login(deps, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        deviceToken: request.cookies[DEVICE_COOKIE] ?? null,
        requestId: request.id,
      });
      const secure = isSecure(request.protocol);
      void reply.setCookie(SESSION_COOKIE, result.sessionToken, cookie(secure));
      void reply.setCookie(DEVICE_COOKIE, result.deviceToken, {
        ...cookie(secure),
        maxAge: 180 * 24 * 3600,
      });
      const found = await service.sessionUser(deps, result.sessionToken);
      if (!found || !('user' in found)) throw new Error('a session just created was not found');
      return service.me(deps, found.user);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'signed-in', allowWhilePasswordChange: true },
      schema: { tags, summary: '退出登录', response: { 204: z.null(), 401: errorBody } },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await service.logout(deps, user, actorOf(user, request));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'signed-in', allowWhilePasswordChange: true },
      schema: { tags, summary: '当前用户', response: { 200: me, 401: errorBody } },
    },
    async (request) => service.me(deps, requireUser(request)),
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'signed-in', allowWhilePasswordChange: true },
      schema: {
        tags,
        summary: '修改本人密码',
        body: changePasswordBody,
        response: { 204: z.null(), 400: errorBody },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await service.changePassword(deps, user, actorOf(user, request), request.body);
      return reply.status(204).send(null);
    },
  );
};
