import {
  caseSettings,
  centerScope,
  createServiceItemBody,
  errorBody,
  idParams,
  serviceItem,
  updateCaseSettingsBody,
  updateServiceItemBody,
} from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { centerOfRequest, requireUser } from '../../http/guard.ts';
import * as service from './service.ts';

const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export const catalogRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const center = centerOfRequest(deps);
  const tags = ['服务事项'];

  app.get(
    '/api/service-items',
    {
      config: { access: 'catalog.read' },
      schema: {
        tags,
        summary: '服务事项目录',
        querystring: centerScope.extend({ includeInactive: z.enum(['true', 'false']).optional() }),
        response: { 200: z.array(serviceItem), ...refusals },
      },
    },
    async (request) =>
      service.listItems(
        deps,
        await center(request, request.query.centerId),
        request.query.includeInactive === 'true',
      ),
  );

  app.post(
    '/api/service-items',
    {
      config: { access: 'catalog.manage' },
      schema: {
        tags,
        summary: '新建服务事项',
        querystring: centerScope,
        body: createServiceItemBody,
        response: { 201: serviceItem, ...refusals },
      },
    },
    async (request, reply) => {
      const centerId = await center(request, request.query.centerId);
      const item = await service.createItem(
        deps,
        actorOf(requireUser(request), request),
        centerId,
        request.body,
      );
      return reply.status(201).send(item);
    },
  );

  app.patch(
    '/api/service-items/:id',
    {
      config: { access: 'catalog.manage' },
      schema: {
        tags,
        summary: '修改服务事项',
        params: idParams,
        body: updateServiceItemBody,
        response: { 200: serviceItem, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.updateItem(
        deps,
        user,
        actorOf(user, request),
        request.params.id,
        request.body,
      );
    },
  );

  app.get(
    '/api/case-settings',
    {
      config: { access: 'catalog.read' },
      schema: {
        tags: ['办件设置'],
        summary: '办件设置（预警比例、信访期限、延期上限、补正告知期限）',
        querystring: centerScope,
        response: { 200: caseSettings, ...refusals },
      },
    },
    async (request) => service.getSettings(deps, await center(request, request.query.centerId)),
  );

  app.put(
    '/api/case-settings',
    {
      config: { access: 'catalog.manage' },
      schema: {
        tags: ['办件设置'],
        summary: '修改办件设置',
        querystring: centerScope,
        body: updateCaseSettingsBody,
        response: { 200: caseSettings, ...refusals },
      },
    },
    async (request) => {
      const centerId = await center(request, request.query.centerId);
      return service.updateSettings(
        deps,
        actorOf(requireUser(request), request),
        centerId,
        request.body,
      );
    },
  );
};
