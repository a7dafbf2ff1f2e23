import {
  errorBody,
  portalCenter,
  portalCenterParams,
  portalCenterSummary,
  portalGuide,
  publicCaseQuery,
  publicCaseStatus,
} from '@bianmin/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../http/context.ts';
import * as service from './service.ts';

const tags = ['群众门户'];
const refusals = { 400: errorBody, 404: errorBody, 429: errorBody };

/**
 * What anyone may read of a center changes seldom: a minute in caches spares the server. Only an
 * answer is cached, never a refusal.
 */
async function cachedAMinute<T>(reply: FastifyReply, answer: Promise<T>): Promise<T> {
  const body = await answer;
  void reply.header('cache-control', 'public, max-age=60');
  return body;
}

/** What applicants reach without an account. */
export const publicRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/public/case-status',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '凭受理编号和查询码查询办理进度（无需登录）',
        security: [],
        querystring: publicCaseQuery,
        response: { 200: publicCaseStatus, ...refusals },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return service.caseStatus(deps, request.ip, request.query.receiptNo, request.query.queryCode);
    },
  );

  app.get(
    '/api/public/centers',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '便民服务中心列表（无需登录）',
        security: [],
        response: { 200: z.array(portalCenterSummary), ...refusals },
      },
    },
    async (_request, reply) => cachedAMinute(reply, service.listCenters(deps)),
  );

  app.get(
    '/api/public/centers/:code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '中心地址、服务电话和今日及一周办公时间（无需登录）',
        security: [],
        params: portalCenterParams,
        response: { 200: portalCenter, ...refusals },
      },
    },
    async (request, reply) => cachedAMinute(reply, service.center(deps, request.params.code)),
  );

  app.get(
    '/api/public/centers/:code/guide',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '办事指南：事项、材料、期限、收费、窗口（无需登录）',
        security: [],
        params: portalCenterParams,
        response: { 200: portalGuide, ...refusals },
      },
    },
    async (request, reply) => cachedAMinute(reply, service.guide(deps, request.params.code)),
  );
};
