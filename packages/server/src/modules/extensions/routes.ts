import {
  caseExtensions,
  caseUrges,
  createExtensionRequestBody,
  decideExtensionBody,
  errorBody,
  extensionRequest,
  extensionRequestList,
  extensionRequestQuery,
  idParams,
  urgeBody,
  withdrawExtensionBody,
} from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { centerOfRequest, requireUser } from '../../http/guard.ts';
import * as service from './service.ts';

const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['延期申请与催办'];

export const extensionRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const center = centerOfRequest(deps);

  app.get(
    '/api/cases/:id/extension-requests',
    {
      config: { access: 'cases.read' },
      schema: {
        tags,
        summary: '办件的延期申请，以及承办人现在能否申请、最多几天、延期后的期限',
        params: idParams,
        response: { 200: caseExtensions, ...refusals },
      },
    },
    async (request) => service.forCase(deps, requireUser(request), request.params.id),
  );

  app.post(
    '/api/cases/:id/extension-requests',
    {
      config: { access: 'cases.work' },
      schema: {
        tags,
        summary: '承办人申请延期（期限内，一次，写明理由），由中心主任审批',
        params: idParams,
        body: createExtensionRequestBody,
        response: { 201: extensionRequest, ...refusals },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const created = await service.request(
        deps,
        user,
        actorOf(user, request),
        request.params.id,
        request.body,
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/extension-requests',
    {
      config: { access: 'cases.approve' },
      schema: {
        tags,
        summary: '延期申请审批：待审批的在前（可含近 90 天已处理的）',
        querystring: extensionRequestQuery,
        response: { 200: extensionRequestList, ...refusals },
      },
    },
    async (request) =>
      service.list(deps, await center(request, request.query.centerId), request.query),
  );

  app.get(
    '/api/extension-requests/:id',
    {
      config: { access: 'cases.read' },
      schema: {
        tags,
        summary: '一份延期申请：申请人、天数、理由，现在的期限与批准后的期限',
        params: idParams,
        response: { 200: extensionRequest, ...refusals },
      },
    },
    async (request) => service.one(deps, requireUser(request), request.params.id),
  );

  app.post(
    '/api/extension-requests/:id/decide',
    {
      config: { access: 'cases.approve' },
      schema: {
        tags,
        summary: '批准或不批准延期申请（不批准须写明理由）；批准即延期，并出具延期告知书',
        params: idParams,
        body: decideExtensionBody,
        response: { 200: extensionRequest, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.decide(deps, user, actorOf(user, request), request.params.id, request.body);
    },
  );

  app.post(
    '/api/extension-requests/:id/withdraw',
    {
      config: { access: 'cases.work' },
      schema: {
        tags,
        summary: '承办人撤回待审批的延期申请',
        params: idParams,
        body: withdrawExtensionBody,
        response: { 200: extensionRequest, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.withdraw(
        deps,
        user,
        actorOf(user, request),
        request.params.id,
        request.body.version,
      );
    },
  );

  app.get(
    '/api/cases/:id/urges',
    {
      config: { access: 'cases.read' },
      schema: {
        tags,
        summary: '办件的催办记录和次数',
        params: idParams,
        response: { 200: caseUrges, ...refusals },
      },
    },
    async (request) => service.urgesOfCase(deps, requireUser(request), request.params.id),
  );

  app.post(
    '/api/cases/:id/urge',
    {
      config: { access: 'cases.urge' },
      schema: {
        tags,
        summary: '催办：提醒承办人抓紧办理（记入办件轨迹，承办人收到待办提醒）',
        params: idParams,
        body: urgeBody,
        response: { 200: caseUrges, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.urge(deps, user, actorOf(user, request), request.params.id, request.body.note);
    },
  );
};
