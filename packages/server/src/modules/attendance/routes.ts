import {
  approveLeaveBody,
  atPostList,
  attendanceMonth,
  cancelLeaveBody,
  centerScope,
  correctSignOutBody,
  createLeaveBody,
  errorBody,
  idParams,
  leaveList,
  leaveRequest,
  monthQuery,
  rejectLeaveBody,
  todayState,
} from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { requireUser } from '../../http/guard.ts';
import { resolveCenter } from '../../http/scope.ts';
import * as leave from './leave.ts';
import * as service from './service.ts';

const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['考勤'];
const leaveTags = ['请假外出'];

export const attendanceRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/attendance/today',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '本人今天的签到签退情况',
        response: { 200: todayState, ...refusals },
      },
    },
    async (request) => service.today(deps, requireUser(request)),
  );

  for (const kind of ['in', 'out'] as const) {
    app.post(
      `/api/attendance/sign-${kind}`,
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary: kind === 'in' ? '本人签到（每天一次）' : '本人签退（每天一次，须先签到）',
          response: { 200: todayState, ...refusals },
        },
      },
      async (request) => {
        const user = requireUser(request);
        return service.sign(deps, user, actorOf(user, request), kind);
      },
    );
  }

  app.get(
    '/api/attendance/me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '本人某月的考勤（逐日及合计）',
        querystring: monthQuery,
        response: { 200: attendanceMonth, ...refusals },
      },
    },
    async (request) => service.myMonth(deps, requireUser(request), request.query.month),
  );

  app.get(
    '/api/attendance/staff/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '某人某月的考勤（本人、其分管领导、中心主任、考核小组可见）',
        params: idParams,
        querystring: monthQuery,
        response: { 200: attendanceMonth, ...refusals },
      },
    },
    async (request) =>
      service.staffMonth(deps, requireUser(request), request.params.id, request.query.month),
  );

  app.post(
    '/api/attendance/staff/:id/sign-out-correction',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '分管领导为所分管人员补签漏签的签退（须写明理由，标记为补签）',
        params: idParams,
        body: correctSignOutBody,
        response: { 200: attendanceMonth, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.correctSignOut(
        deps,
        user,
        actorOf(user, request),
        request.params.id,
        request.body,
      );
    },
  );

  app.get(
    '/api/attendance/at-post',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '在岗情况（分管领导看所分管人员，中心主任、考核小组看全体）',
        querystring: centerScope,
        response: { 200: atPostList, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const centerId = await resolveCenter(deps.db, user, request.query.centerId);
      return service.atPost(deps, user, centerId);
    },
  );

  app.post(
    '/api/leave-requests',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: leaveTags,
        summary: '申请请假（因公、因私）或中途外出，由本人的分管领导审批',
        body: createLeaveBody,
        response: { 201: leaveRequest, ...refusals },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const created = await leave.create(deps, user, actorOf(user, request), request.body);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/leave-requests/mine',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: leaveTags,
        summary: '本人的请假外出申请',
        response: { 200: leaveList, ...refusals },
      },
    },
    async (request) => leave.mine(deps, requireUser(request)),
  );

  app.get(
    '/api/leave-requests/to-approve',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: leaveTags,
        summary: '待我审批的请假外出（待审批的在前）',
        response: { 200: leaveList, ...refusals },
      },
    },
    async (request) => leave.awaitingMe(deps, requireUser(request)),
  );

  app.post(
    '/api/leave-requests/:id/approve',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: leaveTags,
        summary: '分管领导同意请假外出（不能审批本人的）',
        params: idParams,
        body: approveLeaveBody,
        response: { 200: leaveRequest, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return leave.decide(deps, user, actorOf(user, request), request.params.id, {
        kind: 'approve',
        body: request.body,
      });
    },
  );

  app.post(
    '/api/leave-requests/:id/reject',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: leaveTags,
        summary: '分管领导不同意请假外出（须写明理由）',
        params: idParams,
        body: rejectLeaveBody,
        response: { 200: leaveRequest, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return leave.decide(deps, user, actorOf(user, request), request.params.id, {
        kind: 'reject',
        body: request.body,
      });
    },
  );

  app.post(
    '/api/leave-requests/:id/cancel',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: leaveTags,
        summary: '撤回本人尚未审批的请假外出申请',
        params: idParams,
        body: cancelLeaveBody,
        response: { 200: leaveRequest, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return leave.cancel(deps, user, actorOf(user, request), request.params.id, request.body);
    },
  );
};
