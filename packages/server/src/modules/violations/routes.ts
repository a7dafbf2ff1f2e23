import {
  decideViolationBody,
  errorBody,
  idParams,
  violationCandidate,
  violationPage,
  violationQuery,
} from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { requireUser } from '../../http/guard.ts';
import { resolveCenter } from '../../http/scope.ts';
import * as service from './service.ts';

const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['违纪线索'];

export const violationRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/violations',
    {
      config: { access: 'violations.read' },
      schema: {
        tags,
        summary: '超期违纪线索（考核内容第六项：限时办结）',
        querystring: violationQuery,
        response: { 200: violationPage, ...refusals },
      },
    },
    async (request) => {
      const centerId = await resolveCenter(deps.db, requireUser(request), request.query.centerId);
      return service.list(deps, centerId, request.query);
    },
  );

  app.post(
    '/api/violations/:id/decide',
    {
      config: { access: 'violations.decide' },
      schema: {
        tags,
        summary: '确认或排除违纪线索（须说明理由）',
        params: idParams,
        body: decideViolationBody,
        response: { 200: violationCandidate, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.decide(deps, user, actorOf(user, request), request.params.id, request.body);
    },
  );
};
