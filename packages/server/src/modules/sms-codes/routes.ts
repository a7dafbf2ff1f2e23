import { errorBody, smsCodeAnswer, smsCodeBody } from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../http/context.ts';
import * as service from './service.ts';

/** The portal's SMS verification codes (no account). */
export const smsCodeRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/api/public/sms-codes',
    {
      config: { access: 'public' },
      schema: {
        tags: ['群众门户'],
        summary: '向手机发送短信验证码（5 分钟内有效；同一号码每分钟一次、每天十次）',
        security: [],
        body: smsCodeBody,
        response: { 200: smsCodeAnswer, 400: errorBody, 404: errorBody, 429: errorBody },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return service.requestCodeAt(deps, request.ip, request.body, request.id);
    },
  );
};
