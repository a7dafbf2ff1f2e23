import { caseExportQuery, errorBody, findingExportQuery } from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { centerOfRequest, requireUser } from '../../http/guard.ts';
import * as service from './service.ts';
import { attachment } from './workbook.ts';

const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const XLSX = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

/** The lists as Excel (导出 Excel): the filters of the list, every page, audited. */
export const exportRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const center = centerOfRequest(deps);

  app.get(
    '/api/cases/export',
    {
      config: { access: 'cases.read' },
      schema: {
        tags: ['办件'],
        summary: '导出办件查询结果（Excel，按当前筛选条件，个人信息按列表所示）',
        querystring: caseExportQuery,
        produces: XLSX,
        response: refusals,
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const file = await service.exportCases(
        deps,
        user,
        actorOf(user, request),
        await center(request, request.query.centerId),
        request.query,
      );
      return reply.headers(attachment(file.fileName)).send(file.book as never);
    },
  );

  app.get(
    '/api/findings/export',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['考核'],
        summary: '导出考核发现的问题（Excel，按当前筛选条件；本人、分管领导、考核小组可见的范围）',
        querystring: findingExportQuery,
        produces: XLSX,
        response: refusals,
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const file = await service.exportFindings(
        deps,
        user,
        actorOf(user, request),
        await center(request, request.query.centerId),
        request.query,
      );
      return reply.headers(attachment(file.fileName)).send(file.book as never);
    },
  );
};
