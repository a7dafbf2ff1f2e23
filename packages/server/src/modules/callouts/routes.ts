import {
  calloutArrivalBody,
  calloutList,
  calloutQuery,
  calloutRow,
  calloutSettings,
  centerScope,
  createCalloutBody,
  errorBody,
  idParams,
  updateCalloutSettingsBody,
} from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { centerOfRequest, requireUser } from '../../http/guard.ts';
import * as service from './service.ts';

const tags = ['节假日召回'];
const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

/** Holiday call-outs (节假日召回): recorded by the duty officer, reviewed by the assessment group. */
export const calloutRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const center = centerOfRequest(deps);

  app.get(
    '/api/callouts',
    {
      config: { access: 'callouts.record' },
      schema: {
        tags,
        summary: '节假日召回记录（通知了谁、何时通知、何时到达）',
        querystring: calloutQuery,
        response: { 200: calloutList, ...refusals },
      },
    },
    async (request) =>
      service.list(deps, await center(request, request.query.centerId), request.query),
  );

  app.post(
    '/api/callouts',
    {
      config: { access: 'callouts.record' },
      schema: {
        tags,
        summary: '登记节假日召回（每位被通知人员一条）',
        querystring: centerScope,
        body: createCalloutBody,
        response: { 201: calloutList, ...refusals },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const centerId = await center(request, request.query.centerId);
      const made = await service.create(deps, user, actorOf(user, request), centerId, request.body);
      return reply.status(201).send(made);
    },
  );

  app.post(
    '/api/callouts/:id/arrival',
    {
      config: { access: 'callouts.record' },
      schema: {
        tags,
        summary: '记录被召回人员的到达时间',
        params: idParams,
        body: calloutArrivalBody,
        response: { 200: calloutRow, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.arrive(deps, user, actorOf(user, request), request.params.id, request.body);
    },
  );

  app.get(
    '/api/callouts/review',
    {
      config: { access: 'callouts.review' },
      schema: {
        tags,
        summary: '未到和迟到的节假日召回（供考核小组研判，系统不自动扣分）',
        querystring: centerScope,
        response: { 200: calloutList, ...refusals },
      },
    },
    async (request) => service.review(deps, await center(request, request.query.centerId)),
  );

  app.get(
    '/api/callout-settings',
    {
      config: { access: 'callouts.record' },
      schema: {
        tags,
        summary: '召回响应时限（分钟）',
        querystring: centerScope,
        response: { 200: calloutSettings, ...refusals },
      },
    },
    async (request) => service.settings(deps, await center(request, request.query.centerId)),
  );

  app.put(
    '/api/callout-settings',
    {
      config: { access: 'callouts.settings' },
      schema: {
        tags,
        summary: '修改召回响应时限',
        querystring: centerScope,
        body: updateCalloutSettingsBody,
        response: { 200: calloutSettings, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const centerId = await center(request, request.query.centerId);
      return service.updateSettings(deps, actorOf(user, request), centerId, request.body);
    },
  );
};
