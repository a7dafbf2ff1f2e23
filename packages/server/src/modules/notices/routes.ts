import { correctNoticeBody, errorBody, idParams, notice } from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { requireUser } from '../../http/guard.ts';
import { publicOrigin } from '../../http/origin.ts';
import { renderNoticePdf } from './pdf.ts';
import * as service from './service.ts';

const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['通知书'];

export const noticeRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/notices/:id',
    {
      config: { access: 'cases.read' },
      schema: { tags, summary: '通知书', params: idParams, response: { 200: notice, ...refusals } },
    },
    async (request) => service.get(deps, requireUser(request), request.params.id),
  );

  app.get(
    '/api/notices/:id/pdf',
    {
      config: { access: 'cases.read' },
      schema: {
        tags,
        summary: '通知书 PDF（A4）',
        params: idParams,
        produces: ['application/pdf'],
        response: refusals,
      },
    },
    async (request, reply) => {
      const found = await service.get(deps, requireUser(request), request.params.id);
      const pdf = await renderNoticePdf(found.content, publicOrigin(request, deps.config));
      const name = encodeURIComponent(`${found.content.title}-${found.content.receiptNo}.pdf`);
      return (
        reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename*=UTF-8''${name}`)
          .header('cache-control', 'private, no-store')
          // No response schema for 200: the bytes go out as they are.
          .send(pdf as never)
      );
    },
  );

  app.post(
    '/api/notices/:id/correct',
    {
      config: { access: 'cases.work' },
      schema: {
        tags,
        summary: '更正通知书（出具新通知书取代原通知书）',
        params: idParams,
        body: correctNoticeBody,
        response: { 201: notice, ...refusals },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const created = await service.correct(
        deps,
        user,
        actorOf(user, request),
        request.params.id,
        request.body,
      );
      return reply.status(201).send(created);
    },
  );
};
