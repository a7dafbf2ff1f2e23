import {
  deadlinePreview,
  deadlinePreviewQuery,
  errorBody,
  type DeadlinePreview,
  type DeadlinePreviewQuery,
} from '@bianmin/contracts';
import { accept, caseDeadline, receive, type CaseState } from '@bianmin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps, SessionUser } from '../../http/context.ts';
import { centerOfRequest, requireUser } from '../../http/guard.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { inScope } from '../../http/scope.ts';
import * as repo from './repository.ts';
import { caseRefusal, catalogTermOf } from './service.ts';
import { stateOf } from './state.ts';
import { loadTermContext } from './term-context.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The deadline accepting would give now, before the clerk confirms it: the same domain rules as the
 * acceptance (`accept`, then `caseDeadline`), on the case as it stands or, at the window before the
 * visitor is registered, on a case received now. Nothing is stored; a term the acceptance would
 * refuse is refused here with the same message. A year the calendar lacks makes it provisional.
 */
export async function previewDeadline(
  deps: Deps,
  user: SessionUser,
  centerId: number,
  q: DeadlinePreviewQuery,
): Promise<DeadlinePreview> {
  const at = deps.clock.now().getTime();
  let state: CaseState | null = null;
  let itemId = q.itemId ?? null;
  let caseCenterId = centerId;
  if (q.caseId !== undefined) {
    const row = await repo.getRow(deps.db, q.caseId);
    if (!row || !inScope(user, row.center_id)) throw new AppError('NOT_FOUND');
    state = stateOf(row);
    itemId = row.item_id;
    caseCenterId = row.center_id;
  }
  if (itemId === null) throw fieldError('ITEM_REQUIRED', 'itemId');
  const item = await repo.getItemFacts(deps.db, itemId);
  if (!item || item.center_id !== caseCenterId) throw fieldError('NOT_FOUND', 'itemId');
  state ??= receive({
    at,
    staffId: user.staffId,
    windowId: null,
    petition: item.default_kind === 'petition',
  });
  const ctx = await loadTermContext(deps.db, caseCenterId);
  const next = accept(
    state,
    {
      at,
      kind: q.kind,
      termDays: q.termDays ?? null,
      urgent: q.urgent === 'true',
      item: catalogTermOf(item),
    },
    ctx,
  );
  if (!next.ok) throw caseRefusal(next);
  const d = caseDeadline(next.value, ctx, at);
  if (!d.ok) throw caseRefusal(d);
  const s = next.value;
  if (d.value === null || s.clockStartAt === null) throw new AppError('BAD_TERM');
  return {
    kind: q.kind,
    termDays: s.termDays,
    unit: q.kind === 'immediate' ? 'minutes' : q.kind === 'petition' ? 'calendar' : 'working',
    urgent: s.urgent,
    clockStartAt: iso(s.clockStartAt),
    deemedAccepted: s.deemedAccepted,
    deadlineAt: iso(d.value.at),
    provisional: d.value.provisional,
    missingYears: [...d.value.missingYears],
  };
}

const refusals = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export const previewRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const center = centerOfRequest(deps);
  app.get(
    '/api/cases/deadline-preview',
    {
      config: { access: 'cases.work' },
      schema: {
        tags: ['办件'],
        summary: '受理前预览办结期限（按工作日历计算，不保存；缺少年度日历时为暂定）',
        querystring: deadlinePreviewQuery,
        response: { 200: deadlinePreview, ...refusals },
      },
    },
    async (request) =>
      previewDeadline(
        deps,
        requireUser(request),
        await center(request, request.query.centerId),
        request.query,
      ),
  );
};
