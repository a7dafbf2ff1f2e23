import {
  assignFollowUpBody,
  centerScope,
  closeFollowUpBody,
  contactFollowUpBody,
  contestRatingBody,
  decideContestBody,
  enterRatingBody,
  errorBody,
  idParams,
  myRatings,
  publicRatingBody,
  publicRatingQuery,
  publicRatingState,
  ratingInput,
  ratingList,
  ratingQuery,
  ratingSettings,
  ratingTokenParams,
  replyFollowUpBody,
  satisfactionRating,
  updateRatingSettingsBody,
} from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { centerOfRequest, requireUser } from '../../http/guard.ts';
import * as service from './service.ts';

const tags = ['好差评'];
const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const publicRefusals = {
  400: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  429: errorBody,
};

/** Ratings by applicants: rating on the portal or by the SMS link, the staff's list and follow-ups. */
export const ratingRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const center = centerOfRequest(deps);

  // ── Public (no account) ──
  app.get(
    '/api/public/ratings',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '凭受理编号和查询码查看评价（可否评价、已评价内容、差评整改进展）',
        security: [],
        querystring: publicRatingQuery,
        response: { 200: publicRatingState, ...publicRefusals },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      const { receiptNo, queryCode } = request.query;
      return service.stateByQuery(deps, request.ip, receiptNo, queryCode);
    },
  );

  app.post(
    '/api/public/ratings',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '凭受理编号和查询码评价办件（每件一次）',
        security: [],
        body: publicRatingBody,
        response: { 200: publicRatingState, ...publicRefusals },
      },
    },
    async (request) => service.rateByQuery(deps, request, request.body),
  );

  app.get(
    '/api/public/ratings/link/:token',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '短信评价链接：查看评价',
        security: [],
        params: ratingTokenParams,
        response: { 200: publicRatingState, ...publicRefusals },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return service.stateByToken(deps, request.ip, request.params.token);
    },
  );

  app.post(
    '/api/public/ratings/link/:token',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '短信评价链接：评价办件（每件一次）',
        security: [],
        params: ratingTokenParams,
        body: ratingInput,
        response: { 200: publicRatingState, ...publicRefusals },
      },
    },
    async (request) => service.rateByToken(deps, request, request.params.token, request.body),
  );

  // ── Staff ──
  app.get(
    '/api/ratings',
    {
      config: { access: 'ratings.read' },
      schema: {
        tags,
        summary: '好差评列表与满意率',
        querystring: ratingQuery,
        response: { 200: ratingList, ...refusals },
      },
    },
    async (request) =>
      service.list(deps, await center(request, request.query.centerId), request.query),
  );

  app.get(
    '/api/ratings/mine',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '我经办办件的评价、指派给我的差评回访整改',
        response: { 200: myRatings, ...refusals },
      },
    },
    async (request) => service.mine(deps, requireUser(request)),
  );

  app.get(
    '/api/cases/:id/rating',
    {
      config: { access: 'cases.read' },
      schema: {
        tags,
        summary: '办件的评价（未评价为 null）',
        params: idParams,
        response: { 200: satisfactionRating.nullable(), ...refusals },
      },
    },
    async (request) => service.ofCase(deps, requireUser(request), request.params.id),
  );

  app.post(
    '/api/cases/:id/rating',
    {
      config: { access: 'cases.work' },
      schema: {
        tags,
        summary: '录入窗口评价（评价器或纸质评价卡；不能评价自己经办的办件）',
        params: idParams,
        body: enterRatingBody,
        response: { 200: satisfactionRating, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.enter(deps, user, actorOf(user, request), request.params.id, request.body);
    },
  );

  app.post(
    '/api/ratings/:id/follow-up/assign',
    {
      config: { access: 'ratings.manage' },
      schema: {
        tags,
        summary: '指派差评回访整改责任人',
        params: idParams,
        body: assignFollowUpBody,
        response: { 200: satisfactionRating, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.assign(deps, user, actorOf(user, request), request.params.id, request.body);
    },
  );

  app.post(
    '/api/ratings/:id/follow-up/contact',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '记录回访（责任人或中心主任）',
        params: idParams,
        body: contactFollowUpBody,
        response: { 200: satisfactionRating, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.contact(deps, user, actorOf(user, request), request.params.id, request.body);
    },
  );

  app.post(
    '/api/ratings/:id/follow-up/reply',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '记录整改情况并答复评价人（短信告知）',
        params: idParams,
        body: replyFollowUpBody,
        response: { 200: satisfactionRating, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.reply(deps, user, actorOf(user, request), request.params.id, request.body);
    },
  );

  app.post(
    '/api/ratings/:id/follow-up/close',
    {
      config: { access: 'ratings.manage' },
      schema: {
        tags,
        summary: '差评回访整改办结',
        params: idParams,
        body: closeFollowUpBody,
        response: { 200: satisfactionRating, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.close(deps, user, actorOf(user, request), request.params.id, request.body);
    },
  );

  app.post(
    '/api/ratings/:id/contest',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '被评价人对恶意评价提出异议',
        params: idParams,
        body: contestRatingBody,
        response: { 200: satisfactionRating, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.contest(deps, user, actorOf(user, request), request.params.id, request.body);
    },
  );

  app.post(
    '/api/ratings/:id/contest/decide',
    {
      config: { access: 'assessment.manage' },
      schema: {
        tags,
        summary: '考核小组处理评价异议（成立则该评价不计入统计）',
        params: idParams,
        body: decideContestBody,
        response: { 200: satisfactionRating, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { id } = request.params;
      return service.decideContest(deps, user, actorOf(user, request), id, request.body);
    },
  );

  app.get(
    '/api/rating-settings',
    {
      // Numbers anyone signed in may know (the center admin sets them without reading ratings).
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '差评回访、整改期限和评价期',
        querystring: centerScope,
        response: { 200: ratingSettings, ...refusals },
      },
    },
    async (request) => service.settings(deps, await center(request, request.query.centerId)),
  );

  app.put(
    '/api/rating-settings',
    {
      config: { access: 'ratings.settings' },
      schema: {
        tags,
        summary: '修改差评回访、整改期限和评价期',
        querystring: centerScope,
        body: updateRatingSettingsBody,
        response: { 200: ratingSettings, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const centerId = await center(request, request.query.centerId);
      return service.updateSettings(deps, actorOf(user, request), centerId, request.body);
    },
  );
};
