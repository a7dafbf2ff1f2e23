import { join } from 'node:path';
import {
  auditActor,
  auditPage,
  auditQuery,
  auditVerification,
  centerScope,
  errorBody,
} from '@bianmin/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ANCHOR_FILE, readAnchors, type Anchor } from '../../audit/anchor.ts';
import { verifyChain } from '../../audit/verify.ts';
import { chainOf } from '../../audit/write.ts';
import type { Deps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { requireUser } from '../../http/guard.ts';
import { resolveCenter } from '../../http/scope.ts';
import { auditActors, searchAudit } from './repository.ts';

const tags = ['审计'];
const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

export const auditRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/api/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags,
        summary: '审计记录',
        querystring: auditQuery,
        response: { 200: auditPage, ...refusals },
      },
    },
    async (request) => {
      const centerId = await resolveCenter(deps.db, requireUser(request), request.query.centerId);
      return searchAudit(deps.db, centerId, request.query);
    },
  );

  app.get(
    '/api/audit/actors',
    {
      config: { access: 'audit.read' },
      schema: {
        tags,
        summary: '审计记录中的操作人',
        querystring: centerScope,
        response: { 200: z.array(auditActor), ...refusals },
      },
    },
    async (request) =>
      auditActors(
        deps.db,
        await resolveCenter(deps.db, requireUser(request), request.query.centerId),
      ),
  );

  app.get(
    '/api/audit/verify',
    {
      config: { access: 'audit.verify' },
      schema: {
        tags,
        summary: '校验审计链完整性',
        querystring: centerScope,
        response: { 200: auditVerification, ...refusals },
      },
    },
    async (request) => {
      const centerId = await resolveCenter(deps.db, requireUser(request), request.query.centerId);
      // The heads this installation wrote outside the database (decision 0004) are checked too.
      let anchors: Anchor[];
      try {
        anchors = readAnchors(join(deps.config.auditDir, ANCHOR_FILE));
      } catch (e) {
        request.log.error({ err: e }, 'the audit anchors file cannot be read');
        throw new AppError('AUDIT_ANCHORS_DAMAGED');
      }
      return verifyChain(deps.db, chainOf(centerId), { anchors });
    },
  );
};
