import { errorBody, idParams, outboxMessage, outboxPage, outboxQuery } from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { centerOfRequest, requireUser } from '../../http/guard.ts';
import * as service from './service.ts';

const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['短信记录'];

export const outboxRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const center = centerOfRequest(deps);

  app.get(
    '/api/outbox',
    {
      config: { access: 'outbox.read' },
      schema: {
        tags,
        summary: '短信记录：发出的短信及其发送状态（手机号已隐去部分）',
        querystring: outboxQuery,
        response: { 200: outboxPage, ...refusals },
      },
    },
    async (request) =>
      service.list(deps, await center(request, request.query.centerId), request.query),
  );

  app.post(
    '/api/outbox/:id/retry',
    {
      config: { access: 'outbox.read' },
      schema: {
        tags,
        summary: '重新发送一条发送失败的短信（验证码短信除外）',
        params: idParams,
        response: { 200: outboxMessage, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.retry(deps, user, actorOf(user, request), request.params.id);
    },
  );
};
