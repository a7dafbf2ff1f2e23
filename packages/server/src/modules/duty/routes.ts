import {
  dutyDay,
  dutyMonth,
  dutyParams,
  dutyQuery,
  errorBody,
  setDutyBody,
} from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { requireUser } from '../../http/guard.ts';
import { resolveCenter } from '../../http/scope.ts';
import * as service from './service.ts';

const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['值班'];

export const dutyRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/duty',
    {
      config: { access: 'org.read' },
      schema: {
        tags,
        summary: '某月值班表（逐日，标明周末和法定节假日）',
        querystring: dutyQuery,
        response: { 200: dutyMonth, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const centerId = await resolveCenter(deps.db, user, request.query.centerId);
      return service.month(deps, centerId, request.query.month);
    },
  );

  app.put(
    '/api/duty/:date',
    {
      config: { access: 'duty.manage' },
      schema: {
        tags,
        summary: '安排或清空某日的值班人员（中心办公室）',
        params: dutyParams,
        body: setDutyBody,
        response: { 200: dutyDay, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const centerId = await resolveCenter(deps.db, user, request.body.centerId);
      return service.setDay(
        deps,
        actorOf(user, request),
        centerId,
        request.params.date,
        request.body,
      );
    },
  );
};
