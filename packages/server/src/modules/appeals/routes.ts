import {
  appeal,
  appealPage,
  appealQuery,
  createAppealBody,
  decideAppealBody,
  errorBody,
  idParams,
} from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { requireUser } from '../../http/guard.ts';
import { resolveCenter } from '../../http/scope.ts';
import * as service from './service.ts';

const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['申诉'];

export const appealRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/api/appeals',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '对本人的考核问题、已审定结算的某一行或年度考评等次提出申诉（须在申诉期限内）',
        body: createAppealBody,
        response: { 201: appeal, ...refusals },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const created = await service.file(deps, user, actorOf(user, request), request.body);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/appeals',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '申诉（本人、分管领导、考核小组可见）',
        querystring: appealQuery,
        response: { 200: appealPage, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const centerId = await resolveCenter(deps.db, user, request.query.centerId);
      return service.list(deps, user, centerId, request.query);
    },
  );

  app.post(
    '/api/appeals/:id/decide',
    {
      config: { access: 'assessment.manage' },
      schema: {
        tags,
        summary: '考核小组处理申诉：维持、撤销或变更（问题记录人、等次评定人回避）',
        params: idParams,
        body: decideAppealBody,
        response: { 200: appeal, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.decide(deps, user, actorOf(user, request), request.params.id, request.body);
    },
  );
};
