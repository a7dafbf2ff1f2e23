import {
  centerStats,
  countyStats,
  countyStatsQuery,
  errorBody,
  statsQuery,
  statsTrend,
} from '@bianmin/contracts';
import { monthLabel } from '@bianmin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../http/context.ts';
import { centerOfRequest } from '../../http/guard.ts';
import { centerWorkbook, countyWorkbook } from './excel.ts';
import * as service from './service.ts';

const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
const tags = ['办件统计'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const attachment = (name: string) => ({
  'content-type': XLSX,
  'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
  'cache-control': 'private, no-store',
});

/**
 * 办件统计 (docs/statistics.md): a center's figures of a month for those who see its board (the
 * county admin names the center), the 12-month trend for the board, the monthly report as Excel,
 * and the county's comparison of its centers.
 */
export const statsRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const center = centerOfRequest(deps);

  app.get(
    '/api/stats',
    {
      config: { access: 'cases.board' },
      schema: {
        tags,
        summary:
          '一个中心一个月的办件统计：按时办结率（近 12 个月、按窗口、事项、承办人）、办件量、好差评、举报、预约、上门服务',
        querystring: statsQuery,
        response: { 200: centerStats, ...refusals },
      },
    },
    async (request) =>
      service.centerStats(deps, await center(request, request.query.centerId), request.query.month),
  );

  app.get(
    '/api/stats/trend',
    {
      config: { access: 'cases.board' },
      schema: {
        tags,
        summary: '近 12 个月按时办结率（主任看板的趋势图）',
        querystring: statsQuery,
        response: { 200: statsTrend, ...refusals },
      },
    },
    async (request) => {
      const centerId = await center(request, request.query.centerId);
      const month = service.monthShown(deps, request.query.month);
      return { month, trend: await service.trend(deps, centerId, month) };
    },
  );

  app.get(
    '/api/stats/export',
    {
      config: { access: 'cases.board' },
      schema: {
        tags,
        summary: '导出办件统计月报（Excel，与页面同一口径）',
        querystring: statsQuery,
        produces: [XLSX],
        response: refusals,
      },
    },
    async (request, reply) => {
      const stats = await service.centerStats(
        deps,
        await center(request, request.query.centerId),
        request.query.month,
      );
      const book = await centerWorkbook(stats);
      return reply
        .headers(attachment(`${stats.centerName}办件统计月报（${monthLabel(stats.month)}）.xlsx`))
        .send(book as never);
    },
  );

  app.get(
    '/api/stats/county',
    {
      config: { access: 'stats.county' },
      schema: {
        tags,
        summary: '各中心一个月的办件统计对比（县级管理员）',
        querystring: countyStatsQuery,
        response: { 200: countyStats, ...refusals },
      },
    },
    async (request) => service.countyStats(deps, request.query.month),
  );

  app.get(
    '/api/stats/county/export',
    {
      config: { access: 'stats.county' },
      schema: {
        tags,
        summary: '导出各中心办件统计对比（Excel）',
        querystring: countyStatsQuery,
        produces: [XLSX],
        response: refusals,
      },
    },
    async (request, reply) => {
      const stats = await service.countyStats(deps, request.query.month);
      const book = await countyWorkbook(stats);
      return reply
        .headers(attachment(`各中心办件统计对比（${monthLabel(stats.month)}）.xlsx`))
        .send(book as never);
    },
  );
};
