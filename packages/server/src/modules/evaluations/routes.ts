import {
  centerScope,
  decideEvaluationBody,
  errorBody,
  evaluationSheet,
  evaluationStaffParams,
  evaluationYearParams,
  personEvaluation,
} from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { centerOfRequest, requireUser } from '../../http/guard.ts';
import * as service from './service.ts';

const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['年度考评'];

export const evaluationRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const center = centerOfRequest(deps);

  app.get(
    '/api/evaluations/:year',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags,
        summary: '年度综合考评表：每人的考勤、违规、服务质量汇总，建议等次及理由，已评定等次',
        params: evaluationYearParams,
        querystring: centerScope,
        response: { 200: evaluationSheet, ...refusals },
      },
    },
    async (request) =>
      service.sheet(deps, await center(request, request.query.centerId), request.params.year),
  );

  app.get(
    '/api/evaluations/:year/staff/:staffId',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '某人的年度综合考评（本人、分管领导、考核小组可见）',
        params: evaluationStaffParams,
        querystring: centerScope,
        response: { 200: personEvaluation, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const centerId = await center(request, request.query.centerId);
      return service.personal(deps, user, centerId, request.params.year, request.params.staffId);
    },
  );

  app.post(
    '/api/evaluations/:year/staff/:staffId/decide',
    {
      config: { access: 'evaluations.decide' },
      schema: {
        tags,
        summary: '考核小组组长评定年度考评等次（须写明理由；有省级通报问题的不能评为称职及以上）',
        params: evaluationStaffParams,
        querystring: centerScope,
        body: decideEvaluationBody,
        response: { 200: personEvaluation, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const centerId = await center(request, request.query.centerId);
      return service.decide(
        deps,
        user,
        actorOf(user, request),
        centerId,
        request.params.year,
        request.params.staffId,
        request.body,
      );
    },
  );
};
