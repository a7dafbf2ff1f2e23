import { randomInt } from 'node:crypto';
import type { CaseDetail, CaseQuery, createCaseBody } from '@bianmin/contracts';
import {
  accept,
  answer,
  caseDeadline,
  checkCharges,
  checkIdentifier,
  checkMissingMaterials,
  checkPhone,
  complete,
  expedite,
  extend,
  formatNoticeNo,
  formatReceiptNo,
  handOver,
  maskIdentifier,
  maskPhone,
  noticeOf,
  pause,
  receive,
  requestSupplement,
  resume,
  returnCase,
  shanghaiDateOf,
  submit,
  supplementDue,
  type AcceptedKind,
  type CaseCommand,
  type CaseState,
  type HandoverMethod,
  type Holder,
  type NoticeType,
  type PauseReason,
  type Refusal,
  type Result,
  type TermContext,
} from '@bianmin/domain';
import type { Kysely, Updateable } from 'kysely';
import type { z } from 'zod';
import { checkVersion } from '../../audit/change.ts';
import { write, type Actor, type Audit, type Tx } from '../../audit/write.ts';
import type { CasesTable, Database } from '../../db/schema.ts';

type Db = Kysely<Database>;
import type { Deps, SessionUser } from '../../http/context.ts';
import { AppError, fieldError, refusalError } from '../../http/errors.ts';
import { inScope } from '../../http/scope.ts';
import { raiseCandidate } from '../violations/service.ts';
import { noticeContent } from './notice-content.ts';
import * as repo from './repository.ts';
import { columnsOf, stateOf, type CaseRow } from './state.ts';
import { loadTermContext } from './term-context.ts';

/** A command with what the person entered for it. */
export type CommandInput =
  | {
      command: 'handOver';
      toStaffId: number | null;
      toBusinessSection: boolean;
      method: HandoverMethod;
      note: string;
    }
  | { command: 'answer'; answer: string }
  | { command: 'requestSupplement'; materials: string[] }
  | { command: 'return'; reasons: string }
  | { command: 'accept'; kind: AcceptedKind; termDays: number | null; urgent: boolean }
  | { command: 'pause'; reason: PauseReason; note: string }
  | { command: 'resume' }
  | { command: 'extend'; days: number; reason: string }
  | { command: 'expedite'; termDays: number; reason: string }
  | { command: 'submit'; authority: string; dueDate: string }
  | { command: 'complete'; result: string; fees: { name: string; amount: string }[] };

/** The audit action of each command. */
const ACTIONS: Record<CaseCommand, string> = {
  handOver: 'case.hand_over',
  answer: 'case.answer',
  requestSupplement: 'case.supplement',
  return: 'case.return',
  accept: 'case.accept',
  pause: 'case.pause',
  resume: 'case.resume',
  extend: 'case.extend',
  expedite: 'case.expedite',
  submit: 'case.submit',
  complete: 'case.complete',
};

function refused(r: Refusal): never {
  throw refusalError(r);
}
function must<T>(r: Result<T>): T {
  if (!r.ok) refused(r);
  return r.value;
}

/** A case as written to the audit trail: identifiers masked, the query code left out. */
function auditView(row: CaseRow) {
  const { query_code: _, applicant_id_number, applicant_phone, query_failures: __, ...rest } = row;
  return {
    ...rest,
    applicant_id_number: applicant_id_number && maskIdentifier(applicant_id_number),
    applicant_phone: applicant_phone && maskPhone(applicant_phone),
  };
}

/** Who acts, as printed on notices: the staff member and window, or the account's name. */
async function issuerOf(tx: Db, user: SessionUser) {
  const staff = user.staffId === null ? undefined : await repo.getStaffAt(tx, user.staffId);
  return { name: staff?.name ?? user.displayName, windowName: staff?.window_name ?? '' };
}

interface Step {
  state: CaseState;
  set: Updateable<CasesTable>;
}

async function itemOf(tx: Db, row: CaseRow) {
  if (row.item_id === null) throw fieldError('ITEM_REQUIRED', 'itemId');
  const item = await repo.getItemFacts(tx, row.item_id);
  if (!item) throw fieldError('NOT_FOUND', 'itemId');
  return item;
}

/** The holder a hand-over goes to: a staff member of the center at his or her window, or the business section. */
async function targetOf(
  tx: Db,
  centerId: number,
  input: { toStaffId: number | null; toBusinessSection: boolean },
): Promise<Holder> {
  if (input.toBusinessSection) return { staffId: null, windowId: null, businessSection: true };
  if (input.toStaffId === null) throw fieldError('HANDOVER_TARGET_REQUIRED', 'toStaffId');
  const staff = await repo.getStaffAt(tx, input.toStaffId);
  if (!staff || staff.center_id !== centerId) throw fieldError('NOT_FOUND', 'toStaffId');
  return { staffId: staff.id, windowId: staff.window_id, businessSection: false };
}

/** Runs one command of the state machine on a loaded case: the new state and the facts it records. */
async function decide(
  tx: Tx,
  row: CaseRow,
  state: CaseState,
  input: CommandInput,
  ctx: TermContext,
  at: number,
  user: SessionUser,
): Promise<Step> {
  switch (input.command) {
    case 'handOver': {
      const to = await targetOf(tx, row.center_id, input);
      const next = must(handOver(state, { at, to, method: input.method, note: input.note }));
      return { state: next, set: to.businessSection ? { joint: true } : {} };
    }
    case 'answer': {
      const item = row.item_id === null ? null : await itemOf(tx, row);
      // The inquiry notice also tells, in one go, what the item needs.
      return {
        state: must(answer(state, { at })),
        set: { answer: input.answer, materials: JSON.stringify(item?.materials ?? []) },
      };
    }
    case 'requestSupplement': {
      const item = await itemOf(tx, row);
      const missing = must(checkMissingMaterials(item.materials, input.materials));
      return {
        state: must(requestSupplement(state, { at }, ctx)),
        set: { materials: JSON.stringify(missing) },
      };
    }
    case 'return':
      if (row.item_id === null) throw fieldError('ITEM_REQUIRED', 'itemId');
      return { state: must(returnCase(state, { at })), set: { reasons: input.reasons } };
    case 'accept': {
      const item = await itemOf(tx, row);
      if (!item.active) throw fieldError('ITEM_INACTIVE', 'itemId');
      const termDays =
        input.kind === 'immediate'
          ? null
          : (input.termDays ??
            (input.kind === 'petition' ? ctx.policy.petitionDays : item.promised_days));
      if (input.kind !== 'immediate' && termDays === null)
        throw fieldError('TERM_REQUIRED', 'termDays');
      const next = must(
        accept(state, { at, kind: input.kind, termDays, urgent: input.urgent }, ctx),
      );
      return { state: next, set: {} };
    }
    case 'pause':
      return {
        state: must(pause(state, { at, reason: input.reason, note: input.note }, ctx)),
        set: {},
      };
    case 'resume':
      return { state: must(resume(state, { at })), set: {} };
    case 'extend': {
      const approverName = user.displayName;
      const next = must(
        extend(state, { at, days: input.days, approverName, reason: input.reason }, ctx),
      );
      return { state: next, set: {} };
    }
    case 'expedite':
      return { state: must(expedite(state, { at, termDays: input.termDays }, ctx)), set: {} };
    case 'submit':
      return {
        state: must(submit(state, { at, authority: input.authority, dueDate: input.dueDate })),
        set: {},
      };
    case 'complete': {
      const item = row.item_id === null ? null : await itemOf(tx, row);
      const charged = must(checkCharges(item?.fees ?? [], input.fees));
      return {
        state: must(complete(state, { at })),
        set: {
          result: input.result,
          fees: JSON.stringify(charged.fees),
          fees_total: charged.total,
        },
      };
    }
  }
}

/** Issues a numbered notice for a case as it now stands; the content is fixed from then on. */
export async function issueNotice(
  tx: Tx,
  audit: Audit,
  user: SessionUser,
  row: CaseRow,
  type: NoticeType,
  at: Date,
  correction: { supersedesId: number; supersedes: string; reason: string } | null = null,
) {
  const year = Number(shanghaiDateOf(at.getTime()).slice(0, 4));
  const number = formatNoticeNo(
    type,
    year,
    await repo.nextNoticeSeq(tx, row.center_id, year, type),
  );
  const issuer = await issuerOf(tx, user);
  const item = row.item_id === null ? null : await repo.getItemFacts(tx, row.item_id);
  const content = noticeContent({
    type,
    number,
    row,
    centerName: await repo.centerName(tx, row.center_id),
    itemName: item?.name ?? '',
    issuedAt: at,
    issuerName: issuer.name,
    windowName: issuer.windowName,
    correction: correction && { supersedes: correction.supersedes, reason: correction.reason },
  });
  const { id } = await repo.insertNotice(tx, {
    centerId: row.center_id,
    caseId: row.id,
    type,
    number,
    issuedAt: at,
    issuedBy: user.id,
    content,
    supersedesId: correction?.supersedesId ?? null,
  });
  await audit({
    centerId: row.center_id,
    action: 'notice.issue',
    entityType: 'notice',
    entityId: id,
    before: null,
    after: { caseId: row.id, type, number, supersedesId: correction?.supersedesId ?? null },
  });
  return { id, number };
}

/** One command on a locked case: state machine, stored state, audit entry, notice, violation. */
async function apply(
  tx: Tx,
  audit: Audit,
  user: SessionUser,
  row: CaseRow,
  input: CommandInput,
  at: Date,
  ctx: TermContext,
): Promise<CaseRow> {
  const now = at.getTime();
  const step = await decide(tx, row, stateOf(row), input, ctx, now, user);
  const after = await repo.updateCase(tx, row.id, row.version, {
    ...columnsOf(step.state, ctx, now),
    ...step.set,
  });
  if (!after) throw new AppError('VERSION_CONFLICT');
  await audit({
    centerId: row.center_id,
    action: ACTIONS[input.command],
    entityType: 'case',
    entityId: row.id,
    before: auditView(row),
    after: { ...auditView(after), input },
  });
  const notice = noticeOf(input.command, step.state.acceptedKind);
  if (notice) await issueNotice(tx, audit, user, after, notice, at);
  if (after.on_time === false) await raiseCandidate(tx, audit, after, 'completed_late', at);
  return after;
}

/** The case a user may see, or "not found". */
async function visibleRow(tx: Db, user: SessionUser, id: number, lock = false) {
  const row = await repo.getRow(tx, id, lock);
  if (!row || !inScope(user, row.center_id)) throw new AppError('NOT_FOUND');
  return row;
}

/** Runs a command on a case the user read at `version`. */
export function act(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  version: number,
  input: CommandInput,
): Promise<CaseDetail> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const row = checkVersion(await repo.getRow(tx, id, true), version, (r) =>
      inScope(user, r.center_id),
    );
    const ctx = await loadTermContext(tx, row.center_id);
    const after = await apply(tx, audit, user, row, input, deps.clock.now(), ctx);
    return detailOf(tx, after, deps.clock.now(), ctx);
  });
}

const QUERY_CODE_DIGITS = 6;
const newQueryCode = () =>
  String(randomInt(0, 10 ** QUERY_CODE_DIGITS)).padStart(QUERY_CODE_DIGITS, '0');

/** The applicant's identifiers, checked for the applicant's type (empty is allowed). */
function applicantOf(body: z.infer<typeof createCaseBody>) {
  const a = body.applicant;
  const id = a.idNumber ? must(checkIdentifier(a.type, a.idNumber)) : null;
  const phone = a.phone ? must(checkPhone(a.phone)) : null;
  return { type: a.type, name: a.name, id, phone };
}

/** What to do with the visitor right away, as a command. */
function intakeCommand(then: NonNullable<z.infer<typeof createCaseBody>['then']>): CommandInput {
  switch (then.action) {
    case 'answer':
      return { command: 'answer', answer: then.answer };
    case 'supplement':
      return { command: 'requestSupplement', materials: then.materials };
    case 'return':
      return { command: 'return', reasons: then.reasons };
    case 'accept':
      return { command: 'accept', kind: then.kind, termDays: then.termDays, urgent: then.urgent };
  }
}

/**
 * Receives a visitor (首问负责: the signed-in staff member is the first responder) and, when the
 * clerk already knows, classifies the case in the same transaction: one request at a busy window.
 */
export function intake(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  centerId: number,
  body: z.infer<typeof createCaseBody>,
): Promise<CaseDetail> {
  if (user.staffId === null) throw new AppError('NO_STAFF_RECORD');
  const staffId = user.staffId;
  if (body.itemId === null && body.subject === '')
    throw fieldError('ITEM_OR_SUBJECT_REQUIRED', 'itemId');
  const applicant = applicantOf(body);
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const at = deps.clock.now();
    const staff = await repo.getStaffAt(tx, staffId);
    if (!staff || staff.center_id !== centerId) throw new AppError('NO_STAFF_RECORD');
    if (body.itemId !== null) {
      const item = await repo.getItemFacts(tx, body.itemId);
      if (!item || item.center_id !== centerId) throw fieldError('NOT_FOUND', 'itemId');
      if (!item.active) throw fieldError('ITEM_INACTIVE', 'itemId');
    }
    const ctx = await loadTermContext(tx, centerId);
    const state = receive({ at: at.getTime(), staffId, windowId: staff.window_id });
    const day = shanghaiDateOf(at.getTime());
    const receiptNo = formatReceiptNo(centerId, day, await repo.nextReceiptSeq(tx, centerId, day));
    const due = must(supplementDue(state.receivedAt, ctx));
    const row = await repo.insertCase(tx, {
      created_at: at,
      center_id: centerId,
      receipt_no: receiptNo,
      query_code: newQueryCode(),
      item_id: body.itemId,
      subject: body.subject,
      channel: body.channel,
      applicant_type: applicant.type,
      applicant_name: applicant.name,
      applicant_id_number: applicant.id,
      applicant_phone: applicant.phone,
      note: body.note,
      first_responder_staff_id: staffId,
      received_at: at,
      supplement_due_at: new Date(due.at),
      ...columnsOf(state, ctx, at.getTime()),
    });
    await audit({
      centerId,
      action: 'case.receive',
      entityType: 'case',
      entityId: row.id,
      before: null,
      after: auditView(row),
    });
    const after = body.then
      ? await apply(tx, audit, user, row, intakeCommand(body.then), at, ctx)
      : row;
    return detailOf(tx, after, at, ctx);
  });
}

/** A case in full, for the people working on it (identifiers masked). */
async function detailOf(tx: Db, row: CaseRow, now: Date, ctx: TermContext): Promise<CaseDetail> {
  const summary = await repo.getSummary(tx, row.id, now);
  if (!summary) throw new AppError('NOT_FOUND');
  const state = stateOf(row);
  // A paused case's deadline moves while it is paused: show it as of now.
  const live = row.status === 'paused' ? caseDeadline(state, ctx, now.getTime()) : null;
  const [names, notices, timeline, item] = await Promise.all([
    repo.staffNames(tx, [
      row.first_responder_staff_id,
      ...row.handovers.flatMap((h) => [h.fromStaffId, h.toStaffId]),
    ]),
    repo.noticesOfCase(tx, row.id),
    repo.timeline(tx, row.id),
    row.item_id === null ? undefined : repo.getItemFacts(tx, row.item_id),
  ]);
  const nameOf = (id: number | null) => (id === null ? null : (names.get(id) ?? null));
  return {
    ...summary,
    ...(live?.ok && live.value ? { deadlineAt: new Date(live.value.at).toISOString() } : {}),
    centerId: row.center_id,
    applicant: {
      type: row.applicant_type,
      name: row.applicant_name,
      idNumberMasked: row.applicant_id_number && maskIdentifier(row.applicant_id_number),
      phoneMasked: row.applicant_phone && maskPhone(row.applicant_phone),
    },
    note: row.note,
    queryCode: row.query_code,
    firstResponderStaffId: row.first_responder_staff_id,
    firstResponderName: nameOf(row.first_responder_staff_id),
    handovers: row.handovers.map((h) => ({
      at: h.at,
      fromName: nameOf(h.fromStaffId),
      toName: h.toBusinessSection ? '中心业务科' : nameOf(h.toStaffId),
      toBusinessSection: h.toBusinessSection,
      method: h.method,
      note: h.note,
    })),
    pauses: row.pauses,
    extension: row.extension,
    submission: row.submission,
    acceptedAt: row.accepted_at?.toISOString() ?? null,
    clockStartAt: row.clock_start_at?.toISOString() ?? null,
    deemedAccepted: row.deemed_accepted,
    termDays: row.term_days,
    supplementDueAt: row.supplement_due_at.toISOString(),
    missingYears: row.missing_years,
    answer: row.answer,
    materials: row.materials,
    reasons: row.reasons,
    result: row.result,
    fees: row.fees,
    feesTotal: row.fees_total,
    itemMaterials: item?.materials ?? [],
    itemFees: item?.fees ?? [],
    notices: notices.map(repo.noticeRefOf),
    timeline: timeline.map((t) => ({
      at: t.at.toISOString(),
      actorName: t.actor_name,
      action: t.action,
    })),
  };
}

export async function detail(deps: Deps, user: SessionUser, id: number): Promise<CaseDetail> {
  const row = await visibleRow(deps.db, user, id);
  return detailOf(deps.db, row, deps.clock.now(), await loadTermContext(deps.db, row.center_id));
}

export function list(deps: Deps, user: SessionUser, centerId: number, q: CaseQuery) {
  const mine = q.mine === 'true';
  if (mine && user.staffId === null) return Promise.resolve({ items: [], total: 0 });
  return repo.listCases(
    deps.db,
    centerId,
    { ...q, ...(mine && user.staffId !== null ? { holderStaffId: user.staffId } : {}) },
    deps.clock.now(),
  );
}

/** The full ID number or phone of an applicant, for calling back; every read is audited. */
export function reveal(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  field: 'idNumber' | 'phone',
): Promise<{ value: string | null }> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const row = await visibleRow(tx, user, id);
    await audit({
      centerId: row.center_id,
      action: 'case.reveal',
      entityType: 'case',
      entityId: row.id,
      before: null,
      after: { field, receiptNo: row.receipt_no },
    });
    return { value: field === 'idNumber' ? row.applicant_id_number : row.applicant_phone };
  });
}

/**
 * After the calendar or the timetable of a center changed, the deadlines of its running cases follow
 * (a provisional deadline becomes final once its year is entered). Each changed case is audited.
 */
export async function recomputeDeadlines(tx: Tx, audit: Audit, centerId: number, at: Date) {
  const rows = await tx
    .selectFrom('cases')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('status', 'in', ['in_progress', 'paused', 'with_authority'])
    .forUpdate()
    .execute();
  if (rows.length === 0) return;
  const ctx = await loadTermContext(tx, centerId);
  for (const row of rows) {
    const cols = columnsOf(stateOf(row), ctx, at.getTime());
    const before = {
      deadline_at: row.deadline_at?.toISOString() ?? null,
      yellow_at: row.yellow_at?.toISOString() ?? null,
      deadline_provisional: row.deadline_provisional,
      missing_years: row.missing_years,
    };
    const after = {
      deadline_at: cols.deadline_at,
      yellow_at: cols.yellow_at,
      deadline_provisional: cols.deadline_provisional,
      missing_years: JSON.parse(cols.missing_years) as number[],
    };
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    await repo.updateCase(tx, row.id, row.version, {
      deadline_at: cols.deadline_at,
      yellow_at: cols.yellow_at,
      deadline_provisional: cols.deadline_provisional,
      missing_years: cols.missing_years,
    });
    await audit({
      centerId,
      action: 'case.deadlines_recomputed',
      entityType: 'case',
      entityId: row.id,
      before,
      after,
    });
  }
}
