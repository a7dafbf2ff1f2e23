import {
  centerScope,
  createInspectionBody,
  errorBody,
  evidenceQuery,
  finding,
  findingPage,
  findingQuery,
  idParams,
  inspection,
  voidFindingBody,
} from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, type Deps } from '../../http/context.ts';
import { attachmentHeader } from '../../http/download.ts';
import { AppError } from '../../http/errors.ts';
import { centerOfRequest, requireUser } from '../../http/guard.ts';
import { evidenceFileName } from './evidence.ts';
import * as service from './service.ts';

const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const tags = ['考核'];
const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'application/pdf'];

export const assessmentRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const center = centerOfRequest(deps);

  // Evidence arrives as the file's own bytes (no multipart), up to the evidence limit.
  app.addContentTypeParser(
    EVIDENCE_TYPES,
    { parseAs: 'buffer', bodyLimit: service.EVIDENCE_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/api/inspections',
    {
      config: { access: 'assessment.manage' },
      schema: {
        tags,
        summary: '记录巡查及其发现的问题',
        querystring: centerScope,
        body: createInspectionBody,
        response: { 201: inspection, ...refusals },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const centerId = await center(request, request.query.centerId);
      const created = await service.recordInspection(
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
    '/api/inspections',
    {
      config: { access: 'assessment.read' },
      schema: {
        tags,
        summary: '巡查记录',
        querystring: centerScope,
        response: { 200: z.array(inspection), ...refusals },
      },
    },
    async (request) => service.listInspections(deps, await center(request, request.query.centerId)),
  );

  app.get(
    '/api/findings',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '考核发现的问题（本人、分管领导、考核小组可见）',
        querystring: findingQuery,
        response: { 200: findingPage, ...refusals },
      },
    },
    async (request) =>
      service.listFindings(
        deps,
        requireUser(request),
        await center(request, request.query.centerId),
        request.query,
      ),
  );

  app.get(
    '/api/findings/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '一条考核问题',
        params: idParams,
        response: { 200: finding, ...refusals },
      },
    },
    async (request) => service.getFinding(deps, requireUser(request), request.params.id),
  );

  app.post(
    '/api/findings/:id/void',
    {
      config: { access: 'assessment.manage' },
      schema: {
        tags,
        summary:
          '作废误录的问题（须写明理由；记录人和当事人不能作废；计入已审定结算或考评等次已评定后只能申诉）',
        params: idParams,
        body: voidFindingBody,
        response: { 200: finding, ...refusals },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return service.voidFinding(
        deps,
        user,
        actorOf(user, request),
        request.params.id,
        request.body,
      );
    },
  );

  app.post(
    '/api/findings/:id/evidence',
    {
      config: { access: 'assessment.manage' },
      bodyLimit: service.EVIDENCE_MAX_BYTES,
      schema: {
        tags,
        summary: '上传证据（JPEG、PNG 照片或 PDF 扫描件，最大 5 MB；请求体即文件内容）',
        params: idParams,
        querystring: evidenceQuery,
        consumes: EVIDENCE_TYPES,
        response: { 201: finding, ...refusals, 413: errorBody, 415: errorBody },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw new AppError('EVIDENCE_TYPE');
      const updated = await service.addEvidence(
        deps,
        user,
        actorOf(user, request),
        request.params.id,
        {
          name: request.query.name,
          declaredType: (request.headers['content-type'] ?? '').split(';')[0]!.trim(),
          content: body,
        },
      );
      return reply.status(201).send(updated);
    },
  );

  app.get(
    '/api/evidence/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: '下载证据文件（超过保存期限的已删除：410）',
        params: idParams,
        response: { ...refusals, 410: errorBody },
      },
    },
    async (request, reply) => {
      const file = await service.getEvidence(deps, requireUser(request), request.params.id);
      // Named again on the way out, so that a name stored before names were cleaned is safe too.
      const name = evidenceFileName(file.file_name, file.media_type);
      return reply
        .type(file.media_type)
        .header('content-disposition', attachmentHeader(name))
        .header('cache-control', 'private, no-store')
        .send(file.content as never);
    },
  );
};
