import {
  acceptBody,
  answerBody,
  board,
  boardQuery,
  caseDetail,
  casePage,
  caseQuery,
  centerScope,
  completeBody,
  createCaseBody,
  errorBody,
  expediteBody,
  extendBody,
  handOverBody,
  handOverTargets,
  handOverTargetsQuery,
  idParams,
  pauseBody,
  recordOutcomeBody,
  resumeBody,
  returnBody,
  revealBody,
  revealed,
  submitBody,
  supplementBody,
  workbench,
} from '@bianmin/contracts';
import type { CaseCommand } from '@bianmin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { centerOfRequest, requireUser } from '../../http/guard.ts';
import { publicOrigin } from '../../http/origin.ts';
import * as boards from './board.ts';
import * as service from './service.ts';
import { COMMAND_PERMISSIONS, type CommandInput } from './service.ts';

const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['办件'];

/**
 * Every action on a case: its path, body and the command it runs, with that command's permission
 * (service.ts COMMAND_PERMISSIONS). Only the case's holder, or the director, may run one (the
 * service checks); an extension is a leader's approval.
 */
type Body<S extends z.ZodType> = z.infer<S>;
function command<C extends CaseCommand, S extends z.ZodObject>(
  name: C,
  path: string,
  summary: string,
  body: S,
  toInput: (b: Omit<Body<S>, 'version'>) => Extract<CommandInput, { command: C }>,
) {
  return { path, summary, body, toInput, access: COMMAND_PERMISSIONS[name] };
}

const COMMANDS = [
  command(
    'handOver',
    'hand-over',
    '移交（首问负责：引导或电话协调，联办件转业务科；受理后也可转交能办理的窗口）',
    handOverBody,
    (b) => ({ command: 'handOver', ...b }),
  ),
  command('answer', 'answer', '答复咨询（咨询件）', answerBody, (b) => ({
    command: 'answer',
    ...b,
  })),
  command('requestSupplement', 'supplement', '一次性告知补正（补充件）', supplementBody, (b) => ({
    command: 'requestSupplement',
    ...b,
  })),
  command('return', 'return', '退回（退回件）', returnBody, (b) => ({ command: 'return', ...b })),
  command(
    'accept',
    'accept',
    '受理（即办件、承诺件、信访件、上报件；期限以服务事项目录为限，加急按办件设置缩短）',
    acceptBody,
    (b) => ({ command: 'accept', ...b }),
  ),
  command('pause', 'pause', '暂停计时（听证、检验检测、专家评审、等待申请人）', pauseBody, (b) => ({
    command: 'pause',
    ...b,
  })),
  command('resume', 'resume', '恢复计时', resumeBody, () => ({ command: 'resume' })),
  command('extend', 'extend', '延期（一次，由负责人批准并说明理由）', extendBody, (b) => ({
    command: 'extend',
    ...b,
  })),
  command('expedite', 'expedite', '加急（急事急办，特事特办）', expediteBody, (b) => ({
    command: 'expedite',
    ...b,
  })),
  command('submit', 'submit', '报送上级机关（上报件）', submitBody, (b) => ({
    command: 'submit',
    ...b,
  })),
  command(
    'recordOutcome',
    'record-outcome',
    '登记上级机关的审批结果（上报件，办结前）',
    recordOutcomeBody,
    (b) => ({ command: 'recordOutcome', ...b }),
  ),
  command('complete', 'complete', '办结', completeBody, (b) => ({ command: 'complete', ...b })),
];

export const caseRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const center = centerOfRequest(deps);

  app.post(
    '/api/cases',
    {
      config: { access: 'cases.work' },
      schema: {
        tags,
        summary: '接待登记（可同时答复、告知补正、退回或受理）',
        querystring: centerScope,
        body: createCaseBody,
        response: { 201: caseDetail, ...refusals },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const centerId = await center(request, request.query.centerId);
      const created = await service.intake(
        deps,
        user,
        actorOf(user, request),
        centerId,
        request.body,
        publicOrigin(request, deps.config),
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/cases',
    {
      config: { access: 'cases.read' },
      schema: {
        tags,
        summary: '办件查询',
        querystring: caseQuery,
        response: { 200: casePage, ...refusals },
      },
    },
    async (request) =>
      service.list(
        deps,
        requireUser(request),
        await center(request, request.query.centerId),
        request.query,
      ),
  );

  app.get(
    '/api/cases/:id',
    {
      config: { access: 'cases.read' },
      schema: {
        tags,
        summary: '办件详情',
        params: idParams,
        response: { 200: caseDetail, ...refusals },
      },
    },
    async (request) => service.detail(deps, requireUser(request), request.params.id),
  );

  app.get(
    '/api/cases/:id/hand-over-targets',
    {
      config: { access: 'cases.work' },
      schema: {
        tags,
        summary: '可转交的人员：本事项的窗口在前，标明是否在岗',
        params: idParams,
        response: { 200: handOverTargets, ...refusals },
      },
    },
    async (request) => service.handOverTargets(deps, requireUser(request), request.params.id),
  );

  app.get(
    '/api/hand-over-targets',
    {
      config: { access: 'cases.work' },
      schema: {
        tags,
        summary: '接待时可转交的人员：所选事项的窗口在前，标明是否在岗',
        querystring: handOverTargetsQuery,
        response: { 200: handOverTargets, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.intakeTargets(
        deps,
        user,
        await center(request, request.query.centerId),
        request.query.itemId ?? null,
      );
    },
  );

  for (const c of COMMANDS) {
    app.post(
      `/api/cases/:id/${c.path}`,
      {
        config: { access: c.access },
        schema: {
          tags,
          summary: c.summary,
          params: idParams,
          body: c.body,
          response: { 200: caseDetail, ...refusals },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const { version, ...rest } = request.body;
        return service.act(
          deps,
          user,
          actorOf(user, request),
          request.params.id,
          version,
          c.toInput(rest as never),
          publicOrigin(request, deps.config),
        );
      },
    );
  }

  app.post(
    '/api/cases/:id/reveal',
    {
      config: { access: 'cases.work' },
      schema: {
        tags,
        summary: '查看申请人完整证件号码或电话（记入审计）',
        params: idParams,
        body: revealBody,
        response: { 200: revealed, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.reveal(
        deps,
        user,
        actorOf(user, request),
        request.params.id,
        request.body.field,
      );
    },
  );

  app.get(
    '/api/workbench',
    {
      config: { access: 'cases.work' },
      schema: {
        tags,
        summary: '窗口工作台：我的在办、今日接待',
        querystring: centerScope,
        response: { 200: workbench, ...refusals },
      },
    },
    async (request) =>
      boards.workbench(deps, requireUser(request), await center(request, request.query.centerId)),
  );

  app.get(
    '/api/board',
    {
      config: { access: 'cases.board' },
      schema: {
        tags,
        summary: '办件督办：按窗口、事项的在办与红黄牌，超期清单，本月按时办结率',
        querystring: boardQuery,
        response: { 200: board, ...refusals },
      },
    },
    async (request) =>
      boards.board(deps, await center(request, request.query.centerId), request.query.month),
  );
};
