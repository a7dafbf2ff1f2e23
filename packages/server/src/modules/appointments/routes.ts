import {
  appointmentSettings,
  bookingList,
  bookingQuery,
  bookingRow,
  bookingSlots,
  centerScope,
  closeBookingBody,
  createBookingBody,
  errorBody,
  idParams,
  moveBookingBody,
  portalCenterParams,
  portalSlotsQuery,
  publicBooking,
  publicBookingBody,
  publicBookingKey,
  publicBookingMoveBody,
  staffSlotsQuery,
  updateAppointmentSettingsBody,
} from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { centerOfRequest, requireUser } from '../../http/guard.ts';
import * as portal from './portal.ts';
import * as service from './service.ts';

const tags = ['预约'];
const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const publicRefusals = { 400: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };

/** Bookings: made by citizens on the portal (no account) or entered by staff. */
export const appointmentRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const center = centerOfRequest(deps);

  // ── The portal ──

  app.get(
    '/api/public/centers/:code/booking-slots',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '某事项可预约的日期和时段（无需登录）',
        security: [],
        params: portalCenterParams,
        querystring: portalSlotsQuery,
        response: { 200: bookingSlots, ...publicRefusals },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return portal.slots(deps, request.params.code, request.query.item);
    },
  );

  app.post(
    '/api/public/bookings',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '网上预约（凭短信验证码）',
        security: [],
        body: publicBookingBody,
        response: { 201: publicBooking, ...publicRefusals },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await portal.book(deps, request, request.body)),
  );

  app.post(
    '/api/public/bookings/lookup',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '凭预约码和手机号查看预约',
        security: [],
        body: publicBookingKey,
        response: { 200: publicBooking, ...publicRefusals },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return portal.lookup(deps, request.body);
    },
  );

  app.post(
    '/api/public/bookings/cancel',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '凭预约码和手机号取消预约（时段开始前）',
        security: [],
        body: publicBookingKey,
        response: { 200: publicBooking, ...publicRefusals },
      },
    },
    async (request) => portal.cancel(deps, request, request.body),
  );

  app.post(
    '/api/public/bookings/move',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '凭预约码和手机号改约到其他时段（时段开始前）',
        security: [],
        body: publicBookingMoveBody,
        response: { 200: publicBooking, ...publicRefusals },
      },
    },
    async (request) => portal.move(deps, request, request.body),
  );

  // ── Staff ──

  app.get(
    '/api/bookings',
    {
      config: { access: 'appointments.work' },
      schema: {
        tags,
        summary: '预约登记（手机号已隐去部分）',
        querystring: bookingQuery,
        response: { 200: bookingList, ...refusals },
      },
    },
    async (request) => {
      const centerId = await center(request, request.query.centerId);
      return service.list(deps, centerId, request.query);
    },
  );

  app.get(
    '/api/bookings/slots',
    {
      config: { access: 'appointments.work' },
      schema: {
        tags,
        summary: '某事项可预约的日期和时段',
        querystring: staffSlotsQuery,
        response: { 200: bookingSlots, ...refusals },
      },
    },
    async (request) => {
      const centerId = await center(request, request.query.centerId);
      return service.staffSlots(deps, centerId, request.query.itemId);
    },
  );

  app.post(
    '/api/bookings',
    {
      config: { access: 'appointments.work' },
      schema: {
        tags,
        summary: '登记电话、信函、电子邮件预约',
        querystring: centerScope,
        body: createBookingBody,
        response: { 201: bookingRow, ...refusals },
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
    '/api/bookings/:id/cancel',
    {
      config: { access: 'appointments.work' },
      schema: {
        tags,
        summary: '取消预约',
        params: idParams,
        body: closeBookingBody,
        response: { 200: bookingRow, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { id } = request.params;
      return service.cancel(deps, user, actorOf(user, request), id, request.body.version);
    },
  );

  app.post(
    '/api/bookings/:id/move',
    {
      config: { access: 'appointments.work' },
      schema: {
        tags,
        summary: '预约改期',
        params: idParams,
        body: moveBookingBody,
        response: { 200: bookingRow, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.move(deps, user, actorOf(user, request), request.params.id, request.body);
    },
  );

  app.post(
    '/api/bookings/:id/no-show',
    {
      config: { access: 'appointments.work' },
      schema: {
        tags,
        summary: '记为预约未到（时段结束后）',
        params: idParams,
        body: closeBookingBody,
        response: { 200: bookingRow, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { id } = request.params;
      return service.noShow(deps, user, actorOf(user, request), id, request.body.version);
    },
  );

  app.get(
    '/api/appointment-settings',
    {
      config: { access: 'appointments.work' },
      schema: {
        tags,
        summary: '预约设置：时段长度、可提前天数、未到规则、各窗口每时段人数',
        querystring: centerScope,
        response: { 200: appointmentSettings, ...refusals },
      },
    },
    async (request) => service.settings(deps, await center(request, request.query.centerId)),
  );

  app.put(
    '/api/appointment-settings',
    {
      config: { access: 'appointments.settings' },
      schema: {
        tags,
        summary: '修改预约设置',
        querystring: centerScope,
        body: updateAppointmentSettingsBody,
        response: { 200: appointmentSettings, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const centerId = await center(request, request.query.centerId);
      return service.updateSettings(deps, actorOf(user, request), centerId, request.body);
    },
  );
};
