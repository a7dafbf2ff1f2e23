import { errorBody, publicCaseQuery, publicCaseStatus } from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../http/context.ts';
import * as service from './service.ts';

/** What applicants reach without an account. */
export const publicRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/public/case-status',
    {
      config: { access: 'public' },
      schema: {
        tags: ['群众查询'],
        summary: '凭受理编号和查询码查询办理进度（无需登录）',
        security: [],
        querystring: publicCaseQuery,
        response: { 200: publicCaseStatus, 400: errorBody, 404: errorBody, 429: errorBody },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return service.caseStatus(deps, request.ip, request.query.receiptNo, request.query.queryCode);
    },
  );
};
