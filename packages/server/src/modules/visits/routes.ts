import {
  cancelVisitBody,
  centerScope,
  createVisitBody,
  errorBody,
  idParams,
  portalCenterParams,
  publicVisitBody,
  recordVisitBody,
  scheduleVisitBody,
  visitDatesAnswer,
  visitList,
  visitQuery,
  visitReceipt,
  visitRow,
  visitTrackBody,
  visitTracking,
} from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { centerOfRequest, requireUser } from '../../http/guard.ts';
import * as portal from './portal.ts';
import * as service from './service.ts';

const tags = ['上门服务'];
const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const publicRefusals = { 400: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };

/** Home visits (上门服务): asked for on the portal (no account) or entered by staff. */
export const visitRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const center = centerOfRequest(deps);

  // ── The portal ──

  app.get(
    '/api/public/centers/:code/visit-dates',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '可选的希望上门日期（下一个工作日起 15 个工作日，无需登录）',
        security: [],
        params: portalCenterParams,
        response: { 200: visitDatesAnswer, ...publicRefusals },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return portal.dates(deps, request.params.code);
    },
  );

  app.post(
    '/api/public/visits',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '网上申请上门服务（凭短信验证码）',
        security: [],
        body: publicVisitBody,
        response: { 201: visitReceipt, ...publicRefusals },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await portal.request(deps, request, request.body)),
  );

  app.post(
    '/api/public/visits/track',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '凭查询码和手机号查看上门服务进度',
        security: [],
        body: visitTrackBody,
        response: { 200: visitTracking, ...publicRefusals },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return portal.track(deps, request.body);
    },
  );

  // ── Staff ──

  app.get(
    '/api/visits',
    {
      config: { access: 'visits.work' },
      schema: {
        tags,
        summary: '上门服务登记（手机号已隐去部分）',
        querystring: visitQuery,
        response: { 200: visitList, ...refusals },
      },
    },
    async (request) => {
      const centerId = await center(request, request.query.centerId);
      return service.list(deps, centerId, request.query);
    },
  );

  app.post(
    '/api/visits',
    {
      config: { access: 'visits.work' },
      schema: {
        tags,
        summary: '登记电话、来信、电子邮件或来人提出的上门服务申请',
        querystring: centerScope,
        body: createVisitBody,
        response: { 201: visitRow, ...refusals },
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
    '/api/visits/:id/schedule',
    {
      config: { access: 'visits.work' },
      schema: {
        tags,
        summary: '安排上门日期和人员（已安排的为改期）',
        params: idParams,
        body: scheduleVisitBody,
        response: { 200: visitRow, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { id } = request.params;
      return service.schedule(deps, user, actorOf(user, request), id, request.body, 'schedule');
    },
  );

  app.post(
    '/api/visits/:id/reschedule',
    {
      config: { access: 'visits.work' },
      schema: {
        tags,
        summary: '上门服务改期（记录上门前）',
        params: idParams,
        body: scheduleVisitBody,
        response: { 200: visitRow, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { id } = request.params;
      return service.schedule(deps, user, actorOf(user, request), id, request.body, 'reschedule');
    },
  );

  app.post(
    '/api/visits/:id/record',
    {
      config: { access: 'visits.work' },
      schema: {
        tags,
        summary: '记录上门情况：到达时间、上门人员、结果、关联办件',
        params: idParams,
        body: recordVisitBody,
        response: { 200: visitRow, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.record(deps, user, actorOf(user, request), request.params.id, request.body);
    },
  );

  app.post(
    '/api/visits/:id/cancel',
    {
      config: { access: 'visits.work' },
      schema: {
        tags,
        summary: '取消上门服务（写明原因，短信告知申请人）',
        params: idParams,
        body: cancelVisitBody,
        response: { 200: visitRow, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.cancel(deps, user, actorOf(user, request), request.params.id, request.body);
    },
  );
};
