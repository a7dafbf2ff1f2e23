import {
  centerScope,
  createUserBody,
  errorBody,
  idParams,
  resetPasswordBody,
  updateUserBody,
  user,
  versionBody,
} from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { requireUser } from '../../http/guard.ts';
import { resolveCenter } from '../../http/scope.ts';
import * as service from './service.ts';

const tags = ['账号'];
const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export const userRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/users',
    {
      config: { access: 'users.read' },
      schema: {
        tags,
        summary: '账号列表',
        querystring: centerScope,
        response: { 200: z.array(user), ...refusals },
      },
    },
    async (request) =>
      service.listUsers(
        deps,
        await resolveCenter(deps.db, requireUser(request), request.query.centerId),
      ),
  );

  app.post(
    '/api/users',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: '新建账号',
        querystring: centerScope,
        body: createUserBody,
        response: { 201: user, ...refusals },
      },
    },
    async (request, reply) => {
      const me = requireUser(request);
      const centerId = await resolveCenter(deps.db, me, request.query.centerId);
      return reply
        .status(201)
        .send(await service.createUser(deps, me, actorOf(me, request), centerId, request.body));
    },
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: '修改账号',
        params: idParams,
        body: updateUserBody,
        response: { 200: user, ...refusals },
      },
    },
    async (request) => {
      const me = requireUser(request);
      return service.updateUser(deps, me, actorOf(me, request), request.params.id, request.body);
    },
  );

  for (const [path, disabled, summary] of [
    ['disable', true, '停用账号'],
    ['enable', false, '启用账号'],
  ] as const) {
    app.post(
      `/api/users/:id/${path}`,
      {
        config: { access: 'users.manage' },
        schema: {
          tags,
          summary,
          params: idParams,
          body: versionBody,
          response: { 200: user, ...refusals },
        },
      },
      async (request) => {
        const me = requireUser(request);
        return service.setDisabled(
          deps,
          me,
          actorOf(me, request),
          request.params.id,
          request.body.version,
          disabled,
        );
      },
    );
  }

  app.post(
    '/api/users/:id/reset-password',
    {
      config: { access: 'users.manage' },
      schema: {
        tags,
        summary: '重置密码',
        params: idParams,
        body: resetPasswordBody,
        response: { 200: user, ...refusals },
      },
    },
    async (request) => {
      const me = requireUser(request);
      return service.resetPassword(deps, me, actorOf(me, request), request.params.id, request.body);
    },
  );
};
