/**
 * Extension requests (延期申请) and urging (催办), issue 11; decision 0016, docs/cases.md.
 *
 * The holder asks for the one extension of a case's term; a leader who may approve extensions
 * decides it (approval runs the domain's `extend`, judged at the request's instant, with the
 * extension notice and the applicant's text message); a leader urges the holder of an open case.
 * Each step writes, in its own transaction, the case trail (audit entries on the case, with a
 * `trail` line) and the inbox items of the people concerned.
 */
import type {
  CaseExtensions,
  CaseUrges,
  ExtensionRequest,
  ExtensionRequestList,
  createExtensionRequestBody,
  decideExtensionBody,
  extensionRequestQuery,
} from '@bianmin/contracts';
import {
  approveExtension,
  caseDeadline,
  checkExtensionDecider,
  checkExtensionRefusal,
  checkExtensionRequest,
  checkExtensionWithdrawal,
  checkUrge,
  displayReceiptNo,
  extensionMaxDays,
  extensionOutlook,
  holdsInPerson,
  isOpen,
  recipientsOf,
  urgeCounts,
  type CaseState,
  type ExtensionRequestFacts,
  type InboxRecipients,
  type Refusal,
  type TermContext,
} from '@bianmin/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { write, type Actor, type Audit, type Tx } from '../../audit/write.ts';
import type { Database } from '../../db/schema.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { AppError, refusalError } from '../../http/errors.ts';
import { inScope } from '../../http/scope.ts';
import * as cases from '../cases/repository.ts';
import { caseActorOf, storeDecided } from '../cases/service.ts';
import { zhDate } from '../cases/notice-content.ts';
import { stateOf, type CaseRow } from '../cases/state.ts';
import { loadTermContext } from '../cases/term-context.ts';
import { notify, settled } from '../inbox/service.ts';
import { enqueue, mainlandMobile } from '../outbox/service.ts';
import * as repo from './repository.ts';
import type { RequestRow } from './repository.ts';

type Db = Kysely<Database>;

/** The field names of the forms, as a clerk reads them. */
const LABELS = { days: '延期天数', reason: '延期理由' } as const;
const DECISION_LABELS = { reason: '不批准的理由' } as const;

const UNIT_WORDS = { working: '个工作日', calendar: '日' } as const;
const unitOf = (row: Pick<CaseRow, 'accepted_kind'>) =>
  row.accepted_kind === 'petition' ? 'calendar' : 'working';
const daysText = (days: number, row: Pick<CaseRow, 'accepted_kind'>) =>
  `${days} ${UNIT_WORDS[unitOf(row)]}`;

/**
 * A domain refusal as the API's error, on its field named as the form names it; too many days
 * names the most allowed, in the case's unit.
 */
function refused(
  r: Refusal,
  labels: Readonly<Record<string, string>> = LABELS,
  c?: Pick<CaseRow, 'accepted_kind'>,
): never {
  const max = (r.details as { max?: unknown } | undefined)?.max;
  if (r.code === 'EXTENSION_TOO_LONG' && r.field && typeof max === 'number' && c)
    throw new AppError('EXTENSION_TOO_LONG', {
      fields: [
        {
          field: r.field,
          code: r.code,
          message: `${LABELS.days}：最多可申请延期 ${daysText(max, c)}`,
        },
      ],
    });
  throw refusalError(r, { labels });
}

const factsOf = (r: RequestRow): ExtensionRequestFacts => ({
  status: r.status,
  requestedAt: r.requested_at.getTime(),
  requestedByStaffId: r.requested_by_staff_id,
  days: r.days,
  reason: r.reason,
});

const iso = (ms: number) => new Date(ms).toISOString();

/** A case's deadline as of `now` (a paused case's moves while it is paused). */
function deadlineNow(state: CaseState, ctx: TermContext, now: number): number | null {
  const d = caseDeadline(state, ctx, now);
  return d.ok && d.value ? d.value.at : null;
}

/** A request as staff read it: the case's deadline now and, while it waits, what approval gives. */
function viewOf(
  r: RequestRow,
  c: CaseRow,
  itemName: string | null,
  ctx: TermContext,
  now: number,
): ExtensionRequest {
  const state = stateOf(c);
  let newDeadlineAt: string | null = null;
  let blockedCode: string | null = null;
  if (r.status === 'pending') {
    const next = approveExtension(state, factsOf(r), { at: now, approverName: '' }, ctx);
    if (next.ok) {
      const at = deadlineNow(next.value, ctx, now);
      newDeadlineAt = at === null ? null : iso(at);
    } else blockedCode = refusalError(next).code;
  }
  const deadline = deadlineNow(state, ctx, now);
  return {
    id: r.id,
    centerId: r.center_id,
    caseId: r.case_id,
    receiptNo: c.receipt_no,
    itemName,
    subject: c.subject,
    applicantName: c.applicant_name,
    caseStatus: c.status,
    unit: unitOf(c),
    requestedByStaffId: r.requested_by_staff_id,
    requestedByName: r.requested_by_name,
    days: r.days,
    reason: r.reason,
    requestedAt: r.requested_at.toISOString(),
    status: r.status,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at?.toISOString() ?? null,
    decisionReason: r.decision_reason,
    deadlineAt: deadline === null ? null : iso(deadline),
    newDeadlineAt,
    blockedCode,
    version: r.version,
  };
}

async function viewsOf(db: Db, rows: RequestRow[], now: Date): Promise<ExtensionRequest[]> {
  const byId = await repo.casesByIds(
    db,
    rows.map((r) => r.case_id),
  );
  const names = await repo.itemNames(
    db,
    [...byId.values()].map((c) => c.item_id),
  );
  const contexts = new Map<number, TermContext>();
  const out: ExtensionRequest[] = [];
  for (const r of rows) {
    const c = byId.get(r.case_id)!;
    let ctx = contexts.get(c.center_id);
    if (!ctx) {
      ctx = await loadTermContext(db, c.center_id);
      contexts.set(c.center_id, ctx);
    }
    out.push(
      viewOf(r, c, c.item_id === null ? null : (names.get(c.item_id) ?? null), ctx, now.getTime()),
    );
  }
  return out;
}

/** The case a user may see, or "not found". */
async function visibleCase(db: Db, user: SessionUser, id: number, lock = false) {
  const row = await cases.getRow(db, id, lock);
  if (!row || !inScope(user, row.center_id)) throw new AppError('NOT_FOUND');
  return row;
}

/** A request a user may see, or "not found". */
async function visibleRequest(db: Db, user: SessionUser, id: number, lock = false) {
  const row = await repo.getRequest(db, id, lock);
  if (!row || !inScope(user, row.center_id)) throw new AppError('NOT_FOUND');
  return row;
}

/** The case of a request the user may see, locked (before the request: one lock order). */
async function caseOfRequest(tx: Db, user: SessionUser, requestId: number) {
  const req = await visibleRequest(tx, user, requestId);
  return (await cases.getRow(tx, req.case_id, true))!;
}

/** Refuses a change of a request someone changed since the user read it. */
function seen(found: RequestRow, version: number) {
  if (found.version !== version)
    throw new AppError('VERSION_CONFLICT', { details: { currentVersion: found.version } });
}

const requesterOf = (user: SessionUser) => ({
  staffId: user.staffId,
  businessSection: user.roles.includes('business_section'),
});

/** Who is told about a case's holder: the holder, or the business section for a joint case. */
function holderRecipients(
  c: CaseRow,
  kind: 'case_urged' | 'extension_decided',
  staffId: number | null,
): InboxRecipients {
  if (staffId === null && c.at_business_section) return { roles: ['business_section'] };
  return recipientsOf(kind, { staffId });
}

const caseLink = (caseId: number) => `/staff/cases/${caseId}`;

// ── Reading ─────────────────────────────────────────────────────────────────

/** A case's requests, and whether — and how far — the signed-in person may ask now. */
export async function forCase(
  deps: Deps,
  user: SessionUser,
  caseId: number,
): Promise<CaseExtensions> {
  const row = await visibleCase(deps.db, user, caseId);
  const now = deps.clock.now();
  const ctx = await loadTermContext(deps.db, row.center_id);
  const rows = await repo.ofCase(deps.db, caseId);
  const state = stateOf(row);
  const requester = requesterOf(user);
  const mayRequest = user.permissions.has('cases.work') && holdsInPerson(state.holder, requester);
  const outlook = extensionOutlook(
    state,
    { at: now.getTime(), requester, pending: rows.some((r) => r.status === 'pending') },
    ctx,
  );
  const deadline = deadlineNow(state, ctx, now.getTime());
  return {
    items: await viewsOf(deps.db, rows, now),
    mayRequest,
    mayDecide: user.permissions.has('cases.approve'),
    outlook: {
      canRequest: mayRequest && outlook.canRequest,
      reasonCode: !mayRequest
        ? 'EXTENSION_NOT_HOLDER'
        : outlook.canRequest
          ? null
          : refusalError({ code: outlook.code }).code,
      maxDays: extensionMaxDays(state, ctx.policy),
      unit: unitOf(row),
      deadlineAt: deadline === null ? null : iso(deadline),
      previews: outlook.canRequest
        ? outlook.previews.map((p) => ({ days: p.days, deadlineAt: iso(p.deadlineAt) }))
        : [],
    },
  };
}

/** One request. */
export async function one(deps: Deps, user: SessionUser, id: number): Promise<ExtensionRequest> {
  const row = await visibleRequest(deps.db, user, id);
  const [view] = await viewsOf(deps.db, [row], deps.clock.now());
  return view!;
}

/** The director's list: waiting requests first (oldest first), then the decided ones, newest first. */
export async function list(
  deps: Deps,
  centerId: number,
  q: z.infer<typeof extensionRequestQuery>,
): Promise<ExtensionRequestList> {
  const now = deps.clock.now();
  const since = q.status === 'all' ? new Date(now.getTime() - 90 * 24 * 3_600_000) : null;
  const rows = await repo.ofCenter(deps.db, centerId, since);
  const pending = rows
    .filter((r) => r.status === 'pending')
    .sort((a, b) => a.requested_at.getTime() - b.requested_at.getTime() || a.id - b.id);
  const decided = rows.filter((r) => r.status !== 'pending');
  return { items: await viewsOf(deps.db, [...pending, ...decided], now) };
}

// ── Changing ────────────────────────────────────────────────────────────────

/** The holder asks for the extension; the director is told. */
export function request(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  caseId: number,
  body: z.infer<typeof createExtensionRequestBody>,
): Promise<ExtensionRequest> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const at = deps.clock.now();
    // The case row lock orders two requests for one case (the unique index is the backstop).
    const row = await visibleCase(tx, user, caseId, true);
    const ctx = await loadTermContext(tx, row.center_id);
    const pending = await repo.pendingOf(tx, caseId);
    const checked = checkExtensionRequest(
      stateOf(row),
      {
        at: at.getTime(),
        days: body.days,
        reason: body.reason,
        requester: requesterOf(user),
        pending: pending !== undefined,
      },
      ctx,
    );
    if (!checked.ok) refused(checked, LABELS, row);
    const names = await cases.staffNames(tx, [user.staffId]);
    const name = (user.staffId === null ? undefined : names.get(user.staffId)) ?? user.displayName;
    const created = await repo.insertRequest(tx, {
      center_id: row.center_id,
      case_id: row.id,
      requested_by_user_id: user.id,
      requested_by_staff_id: user.staffId,
      requested_by_name: name,
      days: body.days,
      reason: body.reason.trim(),
      requested_at: at,
    });
    const days = daysText(created.days, row);
    await audit({
      centerId: row.center_id,
      action: 'case.extension_request',
      entityType: 'case',
      entityId: row.id,
      before: null,
      after: {
        extensionRequest: created,
        deadlineAt: iso(checked.value.deadlineAt),
        newDeadlineAt: iso(checked.value.newDeadlineAt),
        trail: `申请延期 ${days}：${created.reason}`,
      },
    });
    await notify(tx, audit, at, {
      centerId: row.center_id,
      kind: 'extension_requested',
      to: recipientsOf('extension_requested', { staffId: user.staffId }),
      title: `办件 ${displayReceiptNo(row.receipt_no)} 申请延期 ${days}`,
      body: `承办人${name}：${created.reason}`,
      link: caseLink(row.id),
      subject: { type: 'extension_request', id: created.id },
      dedupeKey: `ext-req:${created.id}`,
      exceptUserId: user.id,
    });
    const [view] = await viewsOf(tx, [created], at);
    return view!;
  });
}

/**
 * Approve or refuse. Approval runs `extend` as of the request's instant, stores the case with its
 * audit entry and the extension notice, and queues the applicant's text message; either way the
 * person who asked is told.
 */
export function decide(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: z.infer<typeof decideExtensionBody>,
): Promise<ExtensionRequest> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const at = deps.clock.now();
    // Locks in the order every path takes: the case, then its request.
    const row = await caseOfRequest(tx, user, id);
    const found = (await repo.getRequest(tx, id, true))!;
    const who = checkExtensionDecider(caseActorOf(user), factsOf(found));
    if (!who.ok) refused(who);
    const ctx = await loadTermContext(tx, row.center_id);
    const reason = body.reason.trim();
    let caseAfter = row;
    if (body.decision === 'approve') {
      const next = approveExtension(
        stateOf(row),
        factsOf(found),
        { at: at.getTime(), approverName: user.displayName },
        ctx,
      );
      if (!next.ok) refused(next);
      seen(found, body.version);
      const decided = await settle(tx, audit, found, user, 'approved', reason, at);
      const moved = deadlineNow(next.value, ctx, at.getTime());
      await trail(tx, audit, row, 'case.extension_approve', found, decided, {
        deadlineBefore: row.deadline_at?.toISOString() ?? null,
        deadlineAfter: moved === null ? null : iso(moved),
        line: `批准延期 ${daysText(found.days, row)}（${found.requested_by_name}申请）${
          moved === null ? '' : `，办结期限延至 ${zhDate(moved)}`
        }${reason ? `：${reason}` : ''}`,
      });
      caseAfter = await storeDecided(
        tx,
        audit,
        user,
        row,
        'extend',
        next.value,
        {
          days: found.days,
          reason: found.reason,
          approverName: user.displayName,
          extensionRequestId: found.id,
          requestedAt: found.requested_at.toISOString(),
        },
        at,
        ctx,
      );
      await textApplicant(tx, audit, caseAfter, at);
    } else {
      const checked = checkExtensionRefusal(found, { reason });
      if (!checked.ok) refused(checked, DECISION_LABELS);
      seen(found, body.version);
      const decided = await settle(tx, audit, found, user, 'refused', reason, at);
      await trail(tx, audit, row, 'case.extension_refuse', found, decided, {
        line: `不批准延期 ${daysText(found.days, row)}（${found.requested_by_name}申请）：${reason}`,
      });
    }
    const approved = body.decision === 'approve';
    await notify(tx, audit, at, {
      centerId: row.center_id,
      kind: 'extension_decided',
      to: holderRecipients(row, 'extension_decided', found.requested_by_staff_id),
      title: approved
        ? `办件 ${displayReceiptNo(row.receipt_no)} 的延期申请已批准${
            caseAfter.deadline_at ? `，办结期限延至 ${zhDate(caseAfter.deadline_at)}` : ''
          }`
        : `办件 ${displayReceiptNo(row.receipt_no)} 的延期申请未获批准`,
      body: `${user.displayName}${approved ? '批准' : '不批准'}${reason ? `：${reason}` : '。'}`,
      link: caseLink(row.id),
      subject: { type: 'extension_request', id: found.id },
      dedupeKey: `ext-decided:${found.id}`,
      exceptUserId: user.id,
    });
    const [view] = await viewsOf(tx, [(await repo.getRequest(tx, id))!], at);
    return view!;
  });
}

/** The holder takes back a waiting request. */
export function withdraw(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  version: number,
): Promise<ExtensionRequest> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const at = deps.clock.now();
    const row = await caseOfRequest(tx, user, id);
    const found = (await repo.getRequest(tx, id, true))!;
    const checked = checkExtensionWithdrawal(factsOf(found), { staffId: user.staffId });
    if (!checked.ok) refused(checked);
    seen(found, version);
    const decided = await settle(tx, audit, found, user, 'withdrawn', '', at);
    await trail(tx, audit, row, 'case.extension_withdraw', found, decided, {
      line: `撤回延期 ${daysText(found.days, row)} 的申请`,
    });
    const [view] = await viewsOf(tx, [decided], at);
    return view!;
  });
}

/**
 * Marks a waiting request decided (approved, refused or withdrawn); the deciders' inbox items about
 * it stop counting as work to do.
 */
async function settle(
  tx: Tx,
  audit: Audit,
  found: RequestRow,
  user: SessionUser,
  status: 'approved' | 'refused' | 'withdrawn',
  reason: string,
  at: Date,
): Promise<RequestRow> {
  const after = await repo.updateRequest(tx, found.id, found.version, {
    status,
    decided_by_user_id: user.id,
    decided_by_name: user.displayName,
    decided_at: at,
    decision_reason: reason,
  });
  if (!after) throw new AppError('VERSION_CONFLICT');
  await settled(tx, audit, at, {
    centerId: found.center_id,
    kind: 'extension_requested',
    subject: { type: 'extension_request', id: Number(found.id) },
  });
  return after;
}

/** The case trail's entry for a request's decision: the request before and after, and its line. */
async function trail(
  tx: Tx,
  audit: Audit,
  row: CaseRow,
  action: string,
  before: RequestRow,
  after: RequestRow,
  extra: { line: string; [k: string]: unknown },
) {
  const { line, ...rest } = extra;
  await audit({
    centerId: row.center_id,
    action,
    entityType: 'case',
    entityId: row.id,
    before: { extensionRequest: before },
    after: { extensionRequest: after, ...rest, trail: line },
  });
}

/** The applicant's text message on an extension: only to a mobile number the applicant gave. */
async function textApplicant(tx: Tx, audit: Audit, c: CaseRow, at: Date) {
  const mobile = c.applicant_phone ? mainlandMobile(c.applicant_phone) : null;
  if (mobile === null || c.deadline_at === null) return;
  await enqueue(tx, audit, at, {
    centerId: c.center_id,
    to: mobile,
    template: 'case_extended',
    params: {
      center: await cases.centerName(tx, c.center_id),
      receiptNo: displayReceiptNo(c.receipt_no),
      deadline: zhDate(c.deadline_at),
    },
    subject: { type: 'case', id: c.id },
    dedupeKey: `case_extended:${c.id}`,
  });
}

// ── 催办 ────────────────────────────────────────────────────────────────────

/** How often a case was urged, and whether the signed-in person may urge it now. */
export async function urgesOfCase(
  deps: Deps,
  user: SessionUser,
  caseId: number,
): Promise<CaseUrges> {
  const row = await visibleCase(deps.db, user, caseId);
  return urgesView(deps.db, user, row);
}

async function urgesView(db: Db, user: SessionUser, row: CaseRow): Promise<CaseUrges> {
  const rows = await repo.urgesOf(db, row.id);
  return {
    count: rows.length,
    lastAt: rows[0]?.at.toISOString() ?? null,
    items: rows.map((u) => ({ at: u.at.toISOString(), byName: u.by_name, note: u.note })),
    mayUrge: user.permissions.has('cases.urge') && isOpen(row.status as CaseState['status']),
  };
}

/** A leader urges the holder of an open case: recorded, counted, in the trail, in the holder's inbox. */
export function urge(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  caseId: number,
  note: string,
): Promise<CaseUrges> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const at = deps.clock.now();
    const row = await visibleCase(tx, user, caseId, true);
    const checked = checkUrge(stateOf(row));
    if (!checked.ok) refused(checked);
    const before = await repo.urgesOf(tx, row.id);
    const made = await repo.insertUrge(tx, {
      center_id: row.center_id,
      case_id: row.id,
      by_user_id: user.id,
      by_name: user.displayName,
      note,
      at,
    });
    const count = before.length + 1;
    await audit({
      centerId: row.center_id,
      action: 'case.urge',
      entityType: 'case',
      entityId: row.id,
      before: { urges: before.length },
      after: {
        urges: count,
        urge: made,
        trail: note ? `第 ${count} 次催办：${note}` : `第 ${count} 次催办`,
      },
    });
    const deadline = row.deadline_at ? `办结期限 ${zhDate(row.deadline_at)}。` : '';
    const said = note || '请抓紧办理';
    await notify(tx, audit, at, {
      centerId: row.center_id,
      kind: 'case_urged',
      to: holderRecipients(row, 'case_urged', row.holder_staff_id),
      title: `办件 ${displayReceiptNo(row.receipt_no)} 被催办（第 ${count} 次）`,
      body: `${user.displayName}：${said}${/[。！？!?.]$/.test(said) ? '' : '。'}${deadline}`,
      link: caseLink(row.id),
      subject: { type: 'case', id: row.id },
      dedupeKey: `urge:${made.id}`,
      exceptUserId: user.id,
    });
    return urgesView(tx, user, row);
  });
}

/** For the board: how often each of `caseIds` was urged, and when last (never urged: left out). */
export async function urgeCountsOf(db: Db, caseIds: readonly number[]) {
  const rows = await repo.urgesOfCases(db, caseIds);
  const counts = urgeCounts(rows.map((r) => ({ caseId: r.case_id, at: r.at.getTime() })));
  return [...counts].map(([caseId, c]) => ({ caseId, count: c.count, lastAt: iso(c.lastAt) }));
}
