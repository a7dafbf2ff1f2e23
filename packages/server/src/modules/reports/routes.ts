import {
  centerScope,
  createReferralBody,
  createReportBody,
  decideReportBody,
  errorBody,
  idParams,
  publicReport,
  referral,
  referralOutcomeBody,
  referralQuery,
  replyReportBody,
  reportPage,
  reportQuery,
  reporterIdentity,
  onlineReportBody,
  onlineReportReceipt,
  reportTracking,
  reportTrackingBody,
} from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { centerOfRequest, requireUser } from '../../http/guard.ts';
import * as portal from './portal.ts';
import * as service from './service.ts';

const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const reportTags = ['群众举报'];
const referralTags = ['纪检移送'];

export const reportRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const center = centerOfRequest(deps);
  const publicRefusals = { 400: errorBody, 404: errorBody, 429: errorBody };

  app.post(
    '/api/public/reports',
    {
      config: { access: 'public' },
      schema: {
        tags: reportTags,
        summary: '网上投诉举报（24 小时，可匿名；实名须短信验证手机号）',
        security: [],
        body: onlineReportBody,
        response: { 201: onlineReportReceipt, ...publicRefusals },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await portal.registerOnline(deps, request, request.body)),
  );

  app.post(
    '/api/public/reports/track',
    {
      config: { access: 'public' },
      schema: {
        tags: reportTags,
        summary: '凭查询码查看投诉举报的处理结果',
        security: [],
        body: reportTrackingBody,
        response: { 200: reportTracking, ...publicRefusals },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return portal.track(deps, request.body.trackingCode);
    },
  );

  app.post(
    '/api/reports',
    {
      config: { access: 'reports.manage' },
      schema: {
        tags: reportTags,
        summary: '登记群众举报（24 小时受理，举报人信息保密）',
        querystring: centerScope,
        body: createReportBody,
        response: { 201: publicReport, ...refusals },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const centerId = await center(request, request.query.centerId);
      const created = await service.register(
        deps,
        user,
        actorOf(user, request),
        centerId,
        request.body,
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/reports',
    {
      config: { access: 'reports.manage' },
      schema: {
        tags: reportTags,
        summary: '群众举报（举报人信息已隐去部分）',
        querystring: reportQuery,
        response: { 200: reportPage, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.list(deps, user, await center(request, request.query.centerId), request.query);
    },
  );

  app.get(
    '/api/reports/:id',
    {
      config: { access: 'reports.manage' },
      schema: {
        tags: reportTags,
        summary: '一件群众举报',
        params: idParams,
        response: { 200: publicReport, ...refusals },
      },
    },
    async (request) => service.get(deps, requireUser(request), request.params.id),
  );

  app.post(
    '/api/reports/:id/reveal',
    {
      config: { access: 'reports.manage' },
      schema: {
        tags: reportTags,
        summary: '查看举报人完整姓名和联系方式（每次查看都记入审计日志）',
        params: idParams,
        response: { 200: reporterIdentity, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.reveal(deps, user, actorOf(user, request), request.params.id);
    },
  );

  app.post(
    '/api/reports/:id/decide',
    {
      config: { access: 'violations.decide' },
      schema: {
        tags: reportTags,
        summary: '考核小组核查处理：属实（记为考核问题）或不属实，写明理由',
        params: idParams,
        body: decideReportBody,
        response: { 200: publicReport, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.decide(deps, user, actorOf(user, request), request.params.id, request.body);
    },
  );

  app.post(
    '/api/reports/:id/reply',
    {
      config: { access: 'reports.manage' },
      schema: {
        tags: reportTags,
        summary: '记录查处结果答复举报人（时间、方式、内容；只记录一次）',
        params: idParams,
        body: replyReportBody,
        response: { 200: publicReport, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.reply(deps, user, actorOf(user, request), request.params.id, request.body);
    },
  );

  app.get(
    '/api/referrals',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags: referralTags,
        summary: '移送纪检的严重问题及处理结果',
        querystring: referralQuery,
        response: { 200: z.array(referral), ...refusals },
      },
    },
    async (request) =>
      service.listReferrals(deps, await center(request, request.query.centerId), request.query),
  );

  app.post(
    '/api/referrals',
    {
      config: { access: 'assessment.manage' },
      schema: {
        tags: referralTags,
        summary: '将情节严重的考核问题移送纪检（如镇纪委）',
        body: createReferralBody,
        response: { 201: referral, ...refusals },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const created = await service.refer(deps, user, actorOf(user, request), request.body);
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/referrals/:id/outcome',
    {
      config: { access: 'assessment.manage' },
      schema: {
        tags: referralTags,
        summary: '记录纪检处理结果（记录后不能再修改）',
        params: idParams,
        body: referralOutcomeBody,
        response: { 200: referral, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.recordOutcome(
        deps,
        user,
        actorOf(user, request),
        request.params.id,
        request.body,
      );
    },
  );
};
