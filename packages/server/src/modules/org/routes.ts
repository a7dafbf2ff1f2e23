import {
  centerScope,
  createStaffBody,
  createWindowBody,
  createWindowUnitBody,
  errorBody,
  idParams,
  serviceWindow,
  staff,
  staffQuery,
  updateStaffBody,
  updateWindowBody,
  updateWindowUnitBody,
  windowUnit,
} from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { centerOfRequest, requireUser } from '../../http/guard.ts';
import * as service from './service.ts';

const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export const orgRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const center = centerOfRequest(deps);

  // 窗口单位
  {
    const tags = ['窗口单位'];
    app.get(
      '/api/window-units',
      {
        config: { access: 'org.read' },
        schema: {
          tags,
          summary: '窗口单位列表',
          querystring: centerScope,
          response: { 200: z.array(windowUnit), ...refusals },
        },
      },
      async (request) =>
        service.listWindowUnits(deps, await center(request, request.query.centerId)),
    );
    app.post(
      '/api/window-units',
      {
        config: { access: 'org.manage' },
        schema: {
          tags,
          summary: '新建窗口单位',
          querystring: centerScope,
          body: createWindowUnitBody,
          response: { 201: windowUnit, ...refusals },
        },
      },
      async (request, reply) => {
        const centerId = await center(request, request.query.centerId);
        const created = await service.createWindowUnit(
          deps,
          actorOf(requireUser(request), request),
          centerId,
          request.body,
        );
        return reply.status(201).send(created);
      },
    );
    app.patch(
      '/api/window-units/:id',
      {
        config: { access: 'org.manage' },
        schema: {
          tags,
          summary: '修改窗口单位',
          params: idParams,
          body: updateWindowUnitBody,
          response: { 200: windowUnit, ...refusals },
        },
      },
      async (request) => {
        const user = requireUser(request);
        return service.updateWindowUnit(
          deps,
          user,
          actorOf(user, request),
          request.params.id,
          request.body,
        );
      },
    );
  }

  // 窗口
  {
    const tags = ['窗口'];
    app.get(
      '/api/windows',
      {
        config: { access: 'org.read' },
        schema: {
          tags,
          summary: '窗口列表',
          querystring: centerScope,
          response: { 200: z.array(serviceWindow), ...refusals },
        },
      },
      async (request) => service.listWindows(deps, await center(request, request.query.centerId)),
    );
    app.post(
      '/api/windows',
      {
        config: { access: 'org.manage' },
        schema: {
          tags,
          summary: '新建窗口',
          querystring: centerScope,
          body: createWindowBody,
          response: { 201: serviceWindow, ...refusals },
        },
      },
      async (request, reply) => {
        const centerId = await center(request, request.query.centerId);
        const created = await service.createWindow(
          deps,
          actorOf(requireUser(request), request),
          centerId,
          request.body,
        );
        return reply.status(201).send(created);
      },
    );
    app.patch(
      '/api/windows/:id',
      {
        config: { access: 'org.manage' },
        schema: {
          tags,
          summary: '修改窗口',
          params: idParams,
          body: updateWindowBody,
          response: { 200: serviceWindow, ...refusals },
        },
      },
      async (request) => {
        const user = requireUser(request);
        return service.updateWindow(
          deps,
          user,
          actorOf(user, request),
          request.params.id,
          request.body,
        );
      },
    );
  }

  // 工作人员
  {
    const tags = ['工作人员'];
    app.get(
      '/api/staff',
      {
        config: { access: 'org.read' },
        schema: {
          tags,
          summary: '工作人员列表',
          querystring: staffQuery,
          response: { 200: z.array(staff), ...refusals },
        },
      },
      async (request) => {
        const centerId = await center(request, request.query.centerId);
        return service.listStaff(
          deps,
          centerId,
          request.query.q,
          request.query.includeLeft === 'true',
        );
      },
    );
    app.post(
      '/api/staff',
      {
        config: { access: 'org.manage' },
        schema: {
          tags,
          summary: '新建工作人员',
          querystring: centerScope,
          body: createStaffBody,
          response: { 201: staff, ...refusals },
        },
      },
      async (request, reply) => {
        const centerId = await center(request, request.query.centerId);
        const created = await service.createStaff(
          deps,
          actorOf(requireUser(request), request),
          centerId,
          request.body,
        );
        return reply.status(201).send(created);
      },
    );
    app.patch(
      '/api/staff/:id',
      {
        config: { access: 'org.manage' },
        schema: {
          tags,
          summary: '修改工作人员',
          params: idParams,
          body: updateStaffBody,
          response: { 200: staff, ...refusals },
        },
      },
      async (request) => {
        const user = requireUser(request);
        return service.updateStaff(
          deps,
          user,
          actorOf(user, request),
          request.params.id,
          request.body,
        );
      },
    );
  }
};
