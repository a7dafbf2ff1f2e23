import {
  errorBody,
  idParams,
  inboxCount,
  inboxItem,
  inboxPage,
  inboxPrefs,
  inboxQuery,
  inboxReadAll,
  updateInboxPrefsBody,
} from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { requireUser } from '../../http/guard.ts';
import * as service from './service.ts';

const tags = ['待办与提醒'];
const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

/** Each signed-in person's own inbox: items, the unread count, read marks, the SMS choice. */
export const inboxRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/inbox',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '我的待办与提醒（最新的在前；可只看未读、只看一类）',
        querystring: inboxQuery,
        response: { 200: inboxPage, ...refusals },
      },
    },
    async (request) => service.list(deps, requireUser(request), request.query),
  );

  app.get(
    '/api/inbox/count',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '我的未读待办数（页头铃铛）',
        response: { 200: inboxCount, ...refusals },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return service.count(deps, requireUser(request));
    },
  );

  app.post(
    '/api/inbox/:id/read',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '标为已读（只能是自己的待办）',
        params: idParams,
        response: { 200: inboxItem, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.read(deps, user, actorOf(user, request), request.params.id);
    },
  );

  app.post(
    '/api/inbox/read-all',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '全部标为已读',
        response: { 200: inboxReadAll, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.readAll(deps, user, actorOf(user, request));
    },
  );

  app.get(
    '/api/inbox/prefs',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '我的短信提醒设置',
        response: { 200: inboxPrefs, ...refusals },
      },
    },
    async (request) => service.prefs(deps, requireUser(request)),
  );

  app.put(
    '/api/inbox/prefs',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '修改短信提醒设置（手机号码、哪些类别发短信、每日督办摘要）',
        body: updateInboxPrefsBody,
        response: { 200: inboxPrefs, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.setPrefs(deps, user, actorOf(user, request), request.body);
    },
  );
};
