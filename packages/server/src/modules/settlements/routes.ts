import {
  centerScope,
  errorBody,
  halfYearParams,
  personSettlement,
  settlementSheet,
  staffHalfYearParams,
} from '@bianmin/contracts';
import type { HalfYear } from '@bianmin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { centerOfRequest, requireUser } from '../../http/guard.ts';
import { centerName } from '../cases/repository.ts';
import { settlementWorkbook } from './excel.ts';
import { auditSettlementExport } from '../exports/service.ts';
import * as service from './service.ts';

const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['考核结算'];
const halfOf = (p: { year: number; half: number }) => ({ year: p.year, half: p.half }) as HalfYear;

export const settlementRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const center = centerOfRequest(deps);

  app.get(
    '/api/settlements/:year/:half',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags,
        summary: '半年考核金额（已审定的为冻结结果，其余为草稿）',
        params: halfYearParams,
        querystring: centerScope,
        response: { 200: settlementSheet, ...refusals },
      },
    },
    async (request) =>
      service.sheet(deps, await center(request, request.query.centerId), halfOf(request.params)),
  );

  app.post(
    '/api/settlements/:year/:half/approve',
    {
      config: { access: 'settlements.approve' },
      schema: {
        tags,
        summary: '组长审定半年结算（审定后冻结，不可修改）',
        params: halfYearParams,
        querystring: centerScope,
        response: { 200: settlementSheet, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const centerId = await center(request, request.query.centerId);
      return service.approve(deps, user, actorOf(user, request), centerId, halfOf(request.params));
    },
  );

  app.get(
    '/api/settlements/:year/:half/export',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags,
        summary: '导出半年考核金额发放表（Excel，供财务）',
        params: halfYearParams,
        querystring: centerScope,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: refusals,
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const centerId = await center(request, request.query.centerId);
      const sheet = await service.sheet(deps, centerId, halfOf(request.params));
      const book = await settlementWorkbook(sheet, await centerName(deps.db, centerId));
      // Everyone's money leaving the building: in the audit trail, like the lists' exports.
      const half = halfOf(request.params);
      await auditSettlementExport(
        deps,
        actorOf(user, request),
        centerId,
        half,
        sheet.people.length,
      );
      const name = encodeURIComponent(`${sheet.label}绩效考核金额.xlsx`);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${name}`)
        .header('cache-control', 'private, no-store')
        .send(book as never);
    },
  );

  app.get(
    '/api/settlements/:year/:half/staff/:staffId',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '一个人的半年考核金额及逐项说明（本人、分管领导、考核小组可见）',
        params: staffHalfYearParams,
        querystring: centerScope,
        response: { 200: personSettlement, ...refusals },
      },
    },
    async (request) =>
      service.personal(
        deps,
        requireUser(request),
        await center(request, request.query.centerId),
        request.params.staffId,
        halfOf(request.params),
      ),
  );
};
