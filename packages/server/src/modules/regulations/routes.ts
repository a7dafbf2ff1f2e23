import {
  centerScope,
  commentBody,
  consultBody,
  createRegulationBody,
  errorBody,
  idParams,
  newVersionBody,
  regulationSummary,
  regulationVersion,
  updateVersionBody,
  versionBody,
} from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { centerOfRequest, requireUser } from '../../http/guard.ts';
import * as service from './service.ts';

const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['制度'];
const response = { 200: regulationVersion, ...refusals };

export const regulationRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const center = centerOfRequest(deps);

  app.get(
    '/api/regulations',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '制度及其各版本',
        querystring: centerScope,
        response: { 200: z.array(regulationSummary), ...refusals },
      },
    },
    async (request) => service.list(deps, await center(request, request.query.centerId)),
  );

  app.post(
    '/api/regulations',
    {
      config: { access: 'regulations.manage' },
      schema: {
        tags,
        summary: '起草新制度（第 1 版草案）',
        querystring: centerScope,
        body: createRegulationBody,
        response: { 201: regulationVersion, ...refusals },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const centerId = await center(request, request.query.centerId);
      const created = await service.create(
        deps,
        user,
        actorOf(user, request),
        centerId,
        request.body,
      );
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/regulations/:id/versions',
    {
      config: { access: 'regulations.manage' },
      schema: {
        tags,
        summary: '起草修订版（新版本草案）',
        params: idParams,
        body: newVersionBody,
        response: { 201: regulationVersion, ...refusals },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const created = await service.newVersion(
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
    '/api/regulation-versions/:id',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: '制度的一个版本', params: idParams, response },
    },
    async (request) => service.get(deps, requireUser(request), request.params.id),
  );

  app.patch(
    '/api/regulation-versions/:id',
    {
      config: { access: 'regulations.manage' },
      schema: { tags, summary: '修改草案', params: idParams, body: updateVersionBody, response },
    },
    async (request) => {
      const user = requireUser(request);
      return service.update(deps, user, actorOf(user, request), request.params.id, request.body);
    },
  );

  app.post(
    '/api/regulation-versions/:id/consult',
    {
      config: { access: 'regulations.manage' },
      schema: { tags, summary: '征求员工意见', params: idParams, body: consultBody, response },
    },
    async (request) => {
      const user = requireUser(request);
      return service.consult(deps, user, actorOf(user, request), request.params.id, request.body);
    },
  );

  app.post(
    '/api/regulation-versions/:id/comments',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '对征求意见稿提出意见',
        params: idParams,
        body: commentBody,
        response,
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.comment(
        deps,
        user,
        actorOf(user, request),
        request.params.id,
        request.body.comment,
      );
    },
  );

  app.post(
    '/api/regulation-versions/:id/sign',
    {
      config: { access: 'regulations.sign' },
      schema: { tags, summary: '签署（负责人）', params: idParams, body: versionBody, response },
    },
    async (request) => {
      const user = requireUser(request);
      return service.sign(
        deps,
        user,
        actorOf(user, request),
        request.params.id,
        request.body.version,
      );
    },
  );

  app.post(
    '/api/regulation-versions/:id/publish',
    {
      config: { access: 'regulations.manage' },
      schema: {
        tags,
        summary: '发布（发布后不可修改）',
        params: idParams,
        body: versionBody,
        response,
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.publish(
        deps,
        user,
        actorOf(user, request),
        request.params.id,
        request.body.version,
      );
    },
  );

  app.post(
    '/api/regulation-versions/:id/acknowledge',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: '已阅', params: idParams, response },
    },
    async (request) => {
      const user = requireUser(request);
      return service.acknowledge(deps, user, actorOf(user, request), request.params.id);
    },
  );
};
