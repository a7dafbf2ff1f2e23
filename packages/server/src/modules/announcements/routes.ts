import {
  announcement,
  announcementList,
  announcementQuery,
  announcementSettings,
  centerScope,
  errorBody,
  idParams,
  portalAnnouncements,
  portalCenterParams,
  publishAnnouncementBody,
  updateAnnouncementSettingsBody,
  withholdAnnouncementBody,
} from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { centerOfRequest, requireUser } from '../../http/guard.ts';
import * as service from './service.ts';

const tags = ['办结公告'];
const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

/** Completion announcements: the staff's list and decisions, and the public board. */
export const announcementRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const center = centerOfRequest(deps);

  app.get(
    '/api/public/centers/:code/announcements',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '政务公告栏：公告期内的办结公告（无需登录）',
        security: [],
        params: portalCenterParams,
        response: { 200: portalAnnouncements, 404: errorBody, 429: errorBody },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'public, max-age=60');
      return service.board(deps, request.params.code);
    },
  );

  app.get(
    '/api/announcements',
    {
      config: { access: 'announcements.manage' },
      schema: {
        tags,
        summary: '办结公告（待公告、已公告、不予公告）',
        querystring: announcementQuery,
        response: { 200: announcementList, ...refusals },
      },
    },
    async (request) =>
      service.list(deps, await center(request, request.query.centerId), request.query),
  );

  app.post(
    '/api/announcements/:id/publish',
    {
      config: { access: 'announcements.manage' },
      schema: {
        tags,
        summary: '公告（在公告期内显示在群众门户的公告栏）',
        params: idParams,
        body: publishAnnouncementBody,
        response: { 200: announcement, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { id } = request.params;
      return service.publish(deps, user, actorOf(user, request), id, request.body);
    },
  );

  app.post(
    '/api/announcements/:id/withhold',
    {
      config: { access: 'announcements.manage' },
      schema: {
        tags,
        summary: '不予公告（须写明理由）',
        params: idParams,
        body: withholdAnnouncementBody,
        response: { 200: announcement, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { id } = request.params;
      return service.withhold(deps, user, actorOf(user, request), id, request.body);
    },
  );

  app.get(
    '/api/announcement-settings',
    {
      config: { access: 'announcements.manage' },
      schema: {
        tags,
        summary: '公告期',
        querystring: centerScope,
        response: { 200: announcementSettings, ...refusals },
      },
    },
    async (request) => service.settings(deps, await center(request, request.query.centerId)),
  );

  app.put(
    '/api/announcement-settings',
    {
      config: { access: 'announcements.settings' },
      schema: {
        tags,
        summary: '修改公告期',
        querystring: centerScope,
        body: updateAnnouncementSettingsBody,
        response: { 200: announcementSettings, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const centerId = await center(request, request.query.centerId);
      return service.updateSettings(deps, actorOf(user, request), centerId, request.body);
    },
  );
};
