import {
  center,
  createCenterBody,
  errorBody,
  idParams,
  updateCenterBody,
  updateCenterContactBody,
} from '@bianmin/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { requireUser } from '../../http/guard.ts';
import * as service from './service.ts';

const tags = ['便民服务中心'];
const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export const centerRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const update = (request: FastifyRequest, id: number, body: z.infer<typeof updateCenterBody>) => {
    const user = requireUser(request);
    return service.updateCenter(deps, user, actorOf(user, request), id, body);
  };

  app.get(
    '/api/centers',
    {
      config: { access: 'centers.read' },
      schema: { tags, summary: '中心列表', response: { 200: z.array(center), ...refusals } },
    },
    async (request) => service.listCenters(deps, requireUser(request)),
  );

  app.post(
    '/api/centers',
    {
      config: { access: 'centers.manage' },
      schema: {
        tags,
        summary: '新建中心',
        body: createCenterBody,
        response: { 201: center, ...refusals },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      return reply
        .status(201)
        .send(await service.createCenter(deps, actorOf(user, request), request.body));
    },
  );

  app.patch(
    '/api/centers/:id',
    {
      config: { access: 'centers.manage' },
      schema: {
        tags,
        summary: '修改中心',
        params: idParams,
        body: updateCenterBody,
        response: { 200: center, ...refusals },
      },
    },
    async (request) => update(request, request.params.id, request.body),
  );

  // A center's own admin keeps its address and service phone right for the public (not its name).
  app.patch(
    '/api/centers/:id/contact',
    {
      config: { access: 'centers.contact' },
      schema: {
        tags,
        summary: '修改中心地址和服务电话（群众门户公布）',
        params: idParams,
        body: updateCenterContactBody,
        response: { 200: center, ...refusals },
      },
    },
    async (request) => update(request, request.params.id, request.body),
  );
};
