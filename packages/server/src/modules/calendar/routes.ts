import {
  calendarOverview,
  calendarYear,
  calendarYearParams,
  centerScope,
  errorBody,
  season,
  setBusinessHoursBody,
  setCalendarYearBody,
} from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { centerOfRequest, requireUser } from '../../http/guard.ts';
import * as service from './service.ts';

const tags = ['工作日历'];
const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export const calendarRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const center = centerOfRequest(deps);

  app.get(
    '/api/calendar',
    {
      config: { access: 'calendar.read' },
      schema: {
        tags,
        summary: '工作日历概况（含缺失年份）',
        querystring: centerScope,
        response: { 200: calendarOverview, ...refusals },
      },
    },
    async (request) => service.overview(deps, await center(request, request.query.centerId)),
  );

  app.get(
    '/api/calendar/:year',
    {
      config: { access: 'calendar.read' },
      schema: {
        tags,
        summary: '某年的节假日与调休',
        params: calendarYearParams,
        querystring: centerScope,
        response: { 200: calendarYear, ...refusals },
      },
    },
    async (request) =>
      service.getYear(deps, await center(request, request.query.centerId), request.params.year),
  );

  app.put(
    '/api/calendar/:year',
    {
      config: { access: 'calendar.manage' },
      schema: {
        tags,
        summary: '录入或修改某年的节假日与调休',
        params: calendarYearParams,
        querystring: centerScope,
        body: setCalendarYearBody,
        response: { 200: calendarYear, ...refusals },
      },
    },
    async (request) => {
      const centerId = await center(request, request.query.centerId);
      return service.setYear(
        deps,
        actorOf(requireUser(request), request),
        centerId,
        request.params.year,
        request.body,
      );
    },
  );

  app.put(
    '/api/calendar-hours',
    {
      config: { access: 'calendar.manage' },
      schema: {
        tags,
        summary: '修改作息时间',
        querystring: centerScope,
        body: setBusinessHoursBody,
        response: { 200: z.array(season), ...refusals },
      },
    },
    async (request) => {
      const centerId = await center(request, request.query.centerId);
      return service.setSeasons(
        deps,
        actorOf(requireUser(request), request),
        centerId,
        request.body.seasons,
      );
    },
  );
};
