import { randomInt } from 'node:crypto';
import type {
  CaseDetail,
  CaseQuery,
  CaseSummary,
  createCaseBody,
  HandOverTargets,
  NoticeRef,
} from '@bianmin/contracts';
import {
  accept,
  answer,
  caseDeadline,
  checkCharges,
  commandsAllowedNow,
  mayRun,
  petitionDecisionDeadline,
  recordOutcome,
  termBounds,
  checkIdentifier,
  checkMaterialRemarks,
  checkMissingMaterials,
  checkPhone,
  complete,
  expedite,
  extend,
  formatNoticeNo,
  handOver,
  holdsOrOversees,
  isInPost,
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
  ACCEPTED_KINDS,
  type AcceptedKind,
  type AuthorityResult,
  type CaseActor,
  type CaseCommand,
  type CaseState,
  type CatalogTerm,
  type HandoverMethod,
  type Holder,
  type NoticeType,
  type PauseReason,
  type Permission,
  type Refusal,
  type Result,
  type TermContext,
} from '@bianmin/domain';
import type { Kysely, Updateable } from 'kysely';
import type { z } from 'zod';
import { checkVersion } from '../../audit/change.ts';
import { write, type Actor, type Audit, type AuditRecord, type Tx } from '../../audit/write.ts';
import type { CasesTable, Database } from '../../db/schema.ts';

type Db = Kysely<Database>;
import type { Deps, SessionUser } from '../../http/context.ts';
import { AppError, fieldError, refusalError } from '../../http/errors.ts';
import { inScope } from '../../http/scope.ts';
import { postsNow } from '../attendance/service.ts';
import { raiseCandidate } from '../violations/service.ts';
import * as inbox from '../inbox/hooks.ts';
import { hoursText, noticeContent } from './notice-content.ts';
import { queueAnnouncement } from '../announcements/service.ts';
import { inviteRating } from '../ratings/service.ts';
import { arriveWithCase, bookingForIntake } from '../appointments/service.ts';
import * as repo from './repository.ts';
import { columnsOf, stateOf, type CaseRow } from './state.ts';
import { loadTermContext, termContextOf } from './term-context.ts';

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
  | { command: 'requestSupplement'; materials: string[]; remarks: Record<string, string> }
  | { command: 'return'; reasons: string }
  | { command: 'accept'; kind: AcceptedKind; termDays: number | null; urgent: boolean }
  | { command: 'pause'; reason: PauseReason; note: string }
  | { command: 'resume' }
  | { command: 'extend'; days: number; reason: string }
  | { command: 'expedite'; termDays: number; reason: string }
  | { command: 'submit'; authority: string; dueDate: string }
  | { command: 'recordOutcome'; authorityResult: AuthorityResult; authorityNote: string }
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
  recordOutcome: 'case.record_outcome',
  complete: 'case.complete',
};

/** The permission each command needs: a leader approves the extension, the rest is casework. */
export const COMMAND_PERMISSIONS: Record<CaseCommand, Permission> = {
  handOver: 'cases.work',
  answer: 'cases.work',
  requestSupplement: 'cases.work',
  return: 'cases.work',
  accept: 'cases.work',
  pause: 'cases.work',
  resume: 'cases.work',
  extend: 'cases.approve',
  expedite: 'cases.work',
  submit: 'cases.work',
  recordOutcome: 'cases.work',
  complete: 'cases.work',
};

/** The signed-in user as the case rules see him or her (who holds, who oversees, who approves). */
export function caseActorOf(user: SessionUser): CaseActor {
  return {
    staffId: user.staffId,
    director: user.roles.includes('director'),
    businessSection: user.roles.includes('business_section'),
    approver: user.permissions.has('cases.approve'),
  };
}

const UNIT_WORDS = { working: '个工作日', calendar: '日' } as const;

/**
 * A domain refusal as the API's error. A term or an extension that is too long names the most it
 * may be, so the clerk knows what to enter.
 */
export function caseRefusal(r: Refusal): AppError {
  const d = (r.details ?? {}) as {
    max?: number;
    standard?: number;
    unit?: keyof typeof UNIT_WORDS;
  };
  if (r.field && typeof d.max === 'number') {
    const unit = UNIT_WORDS[d.unit ?? 'working'];
    const message =
      r.code === 'TERM_ABOVE_CATALOG'
        ? `期限（天）：最多 ${d.max} ${unit}（服务事项目录的期限）；确需更长时间的，受理后报中心主任批准延期`
        : r.code === 'URGENT_TERM_TOO_LONG'
          ? `期限（天）：加急办件最多 ${d.max} ${unit}（目录期限 ${String(d.standard)} ${unit}，按办件设置缩短）`
          : r.code === 'EXTENSION_TOO_LONG'
            ? `延期天数：最多延期 ${d.max} ${unit}`
            : null;
    if (message !== null)
      return new AppError(refusalError(r).code, {
        fields: [{ field: r.field, code: r.code, message }],
      });
  }
  return refusalError(r);
}

function refused(r: Refusal): never {
  throw caseRefusal(r);
}
function must<T>(r: Result<T>): T {
  if (!r.ok) refused(r);
  return r.value;
}

/** A case as written to the audit trail: identifiers masked, the query code left out. */
function auditView(row: CaseRow) {
  const { query_code: _, applicant_id_number, applicant_phone, ...rest } = row;
  return {
    ...rest,
    applicant_id_number: applicant_id_number && maskIdentifier(applicant_id_number),
    applicant_phone: applicant_phone && maskPhone(applicant_phone),
  };
}

/**
 * What a request already read in its transaction, so that a command and its notice do not read it
 * again: the signed-in user's staff row, the case's item, what a notice prints of the case's center.
 */
export interface Known {
  staff?: repo.StaffAt;
  item?: repo.ItemFacts;
  center?: repo.CenterOnNotice;
}

/** Who acts, as printed on notices: the staff member and window, or the account's name. */
async function issuerOf(tx: Db, user: SessionUser, known: Known) {
  const staff =
    user.staffId === null
      ? undefined
      : known.staff?.id === user.staffId
        ? known.staff
        : await repo.getStaffAt(tx, user.staffId);
  return { name: staff?.name ?? user.displayName, windowName: staff?.window_name ?? '' };
}

/** An item's facts, from what the request read already when it is that item. */
const itemFacts = (tx: Db, id: number, known: Known) =>
  known.item?.id === id ? Promise.resolve(known.item) : repo.getItemFacts(tx, id);

interface Step {
  state: CaseState;
  set: Updateable<CasesTable>;
}

async function itemOf(tx: Db, row: CaseRow, known: Known) {
  if (row.item_id === null) throw fieldError('ITEM_REQUIRED', 'itemId');
  const item = await itemFacts(tx, row.item_id, known);
  if (!item) throw fieldError('NOT_FOUND', 'itemId');
  return item;
}

/** What the catalog says about an item's kind and term. */
export const catalogTermOf = (item: {
  default_kind: AcceptedKind;
  promised_days: number | null;
  legal_days: number | null;
}): CatalogTerm => ({
  defaultKind: item.default_kind,
  promisedDays: item.promised_days,
  legalDays: item.legal_days,
});

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
  known: Known,
): Promise<Step> {
  switch (input.command) {
    case 'handOver': {
      const to = await targetOf(tx, row.center_id, input);
      const next = must(
        handOver(state, {
          at,
          to,
          method: input.method,
          note: input.note,
          byStaffId: user.staffId,
        }),
      );
      return { state: next, set: to.businessSection ? { joint: true } : {} };
    }
    case 'answer': {
      const item = row.item_id === null ? null : await itemOf(tx, row, known);
      // The inquiry notice also tells, in one go, what the item needs.
      return {
        state: must(answer(state, { at })),
        set: { answer: input.answer, materials: JSON.stringify(item?.materials ?? []) },
      };
    }
    case 'requestSupplement': {
      const item = await itemOf(tx, row, known);
      const missing = must(checkMissingMaterials(item.materials, input.materials));
      const remarks = must(checkMaterialRemarks(missing, input.remarks));
      return {
        state: must(requestSupplement(state, { at }, ctx)),
        set: { materials: JSON.stringify(missing), material_remarks: JSON.stringify(remarks) },
      };
    }
    case 'return':
      if (row.item_id === null) throw fieldError('ITEM_REQUIRED', 'itemId');
      return { state: must(returnCase(state, { at })), set: { reasons: input.reasons } };
    case 'accept': {
      const item = await itemOf(tx, row, known);
      if (!item.active) throw fieldError('ITEM_INACTIVE', 'itemId');
      const next = must(
        accept(
          state,
          {
            at,
            kind: input.kind,
            termDays: input.termDays,
            urgent: input.urgent,
            item: catalogTermOf(item),
          },
          ctx,
        ),
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
    case 'recordOutcome':
      return {
        state: must(
          recordOutcome(state, { at, result: input.authorityResult, note: input.authorityNote }),
        ),
        set: {},
      };
    case 'complete': {
      const item = row.item_id === null ? null : await itemOf(tx, row, known);
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
  known: Known = {},
) {
  const year = Number(shanghaiDateOf(at.getTime()).slice(0, 4));
  const number = formatNoticeNo(
    type,
    year,
    await repo.nextNoticeSeq(tx, row.center_id, year, type),
  );
  const issuer = await issuerOf(tx, user, known);
  const item = row.item_id === null ? null : await itemFacts(tx, row.item_id, known);
  const center = known.center ?? (await repo.centerOnNotice(tx, row.center_id));
  const content = noticeContent({
    type,
    number,
    row,
    centerName: center.name,
    centerPhone: center.phone,
    centerHours: hoursText(center.seasons),
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
  portalOrigin: string,
  known: Known = {},
): Promise<CaseRow> {
  const now = at.getTime();
  const step = await decide(tx, row, stateOf(row), input, ctx, now, user, known);
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
    after: { ...auditView(after), input, ...(await actingFor(tx, row, user)) },
  });
  const notice = noticeOf(input.command, step.state.acceptedKind);
  if (notice) await issueNotice(tx, audit, user, after, notice, at, null, known);
  if (after.status === 'completed' && row.status !== 'completed') {
    await queueAnnouncement(tx, audit, after, at, ctx);
    await inviteRating(tx, audit, after, at, portalOrigin);
  }
  if (after.on_time === false) await raiseCandidate(tx, audit, after, 'completed_late', at);
  if (input.command === 'handOver')
    await inbox.caseHandedOver(
      tx,
      audit,
      at,
      row,
      after,
      { userId: user.id, name: user.displayName },
      input.note,
    );
  return after;
}

/**
 * Stores a state the rules decided outside a command route — an approved extension request
 * (modules/extensions) — as the command itself would: the columns, the audit entry, the notice.
 */
export async function storeDecided(
  tx: Tx,
  audit: Audit,
  user: SessionUser,
  row: CaseRow,
  command: CaseCommand,
  next: CaseState,
  input: Record<string, unknown>,
  at: Date,
  ctx: TermContext,
): Promise<CaseRow> {
  const after = await repo.updateCase(tx, row.id, row.version, columnsOf(next, ctx, at.getTime()));
  if (!after) throw new AppError('VERSION_CONFLICT');
  await audit({
    centerId: row.center_id,
    action: ACTIONS[command],
    entityType: 'case',
    entityId: row.id,
    before: auditView(row),
    after: { ...auditView(after), input: { command, ...input } },
  });
  const notice = noticeOf(command, next.acceptedKind);
  if (notice) await issueNotice(tx, audit, user, after, notice, at);
  return after;
}

/**
 * For the trail: the holder the user acted for, when the user does not hold the case (the director
 * stepping in, the business section's joint case aside). The audit entry's actor is the user.
 */
async function actingFor(tx: Db, row: CaseRow, user: SessionUser) {
  if (row.at_business_section || row.holder_staff_id === null) return {};
  if (row.holder_staff_id === user.staffId) return {};
  const names = await repo.staffNames(tx, [row.holder_staff_id]);
  return {
    actingFor: { staffId: row.holder_staff_id, name: names.get(row.holder_staff_id) ?? '' },
  };
}

/**
 * The portal's address for links in text messages: the first configured public origin
 * (BIANMIN_PUBLIC_ORIGIN), else the address the staff member's request came to (the portal is served
 * by the same server); without either (the demo seeding) the link is a path only (docs/ratings.md).
 */
const portalOf = (deps: Pick<Deps, 'config'>, requestOrigin?: string) =>
  deps.config.publicOrigins[0] ?? requestOrigin ?? '';

/** Refuses a command the user may not run on this case: only its holder, or the director. */
function checkActor(user: SessionUser, row: CaseRow, command: CaseCommand) {
  if (!mayRun(command, stateOf(row).holder, caseActorOf(user))) throw new AppError('NOT_HOLDER');
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
  requestOrigin?: string,
): Promise<CaseDetail> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const row = checkVersion(await repo.getRow(tx, id, true), version, (r) =>
      inScope(user, r.center_id),
    );
    checkActor(user, row, input.command);
    const ctx = await loadTermContext(tx, row.center_id);
    const origin = portalOf(deps, requestOrigin);
    const after = await apply(tx, audit, user, row, input, deps.clock.now(), ctx, origin);
    return detailOf(tx, after, deps.clock.now(), ctx, user);
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
      return { command: 'requestSupplement', materials: then.materials, remarks: then.remarks };
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
export async function intake(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  centerId: number,
  body: z.infer<typeof createCaseBody>,
  requestOrigin?: string,
): Promise<CaseDetail> {
  if (user.staffId === null) throw new AppError('NO_STAFF_RECORD');
  const staffId = user.staffId;
  if (body.itemId === null && body.subject === '')
    throw fieldError('ITEM_OR_SUBJECT_REQUIRED', 'itemId');
  const applicant = applicantOf(body);
  // The audit entries are stored together before commit: nothing here reads them back (the
  // answer is made of what the transaction wrote; `flush` before reading it back instead).
  const answer = await write<CaseDetail | (() => CaseDetail)>(
    deps.db,
    deps.clock,
    actor,
    async (tx, writeAudit, auditAt, flush) => {
      const at = deps.clock.now();
      const origin = portalOf(deps, requestOrigin);
      // What this transaction records, for the answer (the case is new: nobody else wrote about it).
      const recorded: AuditRecord[] = [];
      const audit: Audit = (record) => {
        recorded.push(record);
        return writeAudit(record);
      };
      // Everything the intake reads, before the receipt number is taken: from then on the center's
      // counter row, chain head and notice counter stay locked until commit, and every other
      // intake of the center waits.
      const facts = await repo.intakeFacts(tx, centerId, staffId, body.itemId, !!body.then);
      const staff = facts.staff;
      if (!staff || staff.center_id !== centerId) throw new AppError('NO_STAFF_RECORD');
      const item = facts.item ?? undefined;
      if (body.itemId !== null) {
        if (!item || item.center_id !== centerId) throw fieldError('NOT_FOUND', 'itemId');
        if (!item.active) throw fieldError('ITEM_INACTIVE', 'itemId');
      }
      const booking =
        body.bookingId === undefined
          ? null
          : await bookingForIntake(tx, centerId, body.bookingId, at);
      const ctx = termContextOf(centerId, facts.term_facts);
      const known: Known = {
        staff,
        ...(item ? { item } : {}),
        ...(facts.center ? { center: facts.center } : {}),
      };
      const state = receive({
        at: at.getTime(),
        staffId,
        windowId: staff.window_id,
        petition: item?.default_kind === 'petition',
      });
      // Everything but the receipt number is worked out before the number is taken.
      const due = must(supplementDue(state.receivedAt, ctx));
      const values = {
        created_at: at,
        center_id: centerId,
        query_code: newQueryCode(),
        item_id: body.itemId,
        subject: body.subject,
        channel: body.channel,
        applicant_type: applicant.type,
        applicant_name: applicant.name,
        applicant_id_number: applicant.id,
        // A booking's mobile was confirmed by SMS or taken by staff: it is the case's too.
        applicant_phone: applicant.phone ?? booking?.phone ?? null,
        note: body.note,
        first_responder_staff_id: staffId,
        received_at: at,
        supplement_due_at: new Date(due.at),
        ...columnsOf(state, ctx, at.getTime()),
      };
      const row = await repo.insertNumberedCase(tx, values, centerId, shanghaiDateOf(at.getTime()));
      await audit({
        centerId,
        action: 'case.receive',
        entityType: 'case',
        entityId: row.id,
        before: null,
        after: auditView(row),
      });
      if (booking) await arriveWithCase(tx, audit, booking, row.id, at, user.displayName);
      const after = body.then
        ? await apply(tx, audit, user, row, intakeCommand(body.then), at, ctx, origin, known)
        : row;
      const written = { records: recorded, at: auditAt, actorName: actor.name, noticesAt: at };
      const made = newCaseDetail(after, at, ctx, user, known, written);
      if (made) return made;
      await flush();
      return detailOf(tx, after, at, ctx, user);
    },
    { batchAudit: true },
  );
  // Made after commit, when it is made of what the transaction wrote.
  return typeof answer === 'function' ? answer() : answer;
}

/** A JSON value as PostgreSQL's `->>` gives it: a string as is, null as null; else undefined. */
const asText = (value: unknown): string | null | undefined =>
  value === undefined || value === null ? null : typeof value === 'string' ? value : undefined;

/**
 * The answer for a case created in this transaction, from what the transaction read and wrote
 * instead of reading it back: its summary, names, notices and timeline are exactly those (nobody
 * else can see the case before commit), to be put together after commit. Null when a name or a
 * line is not known this way.
 */
function newCaseDetail(
  row: CaseRow,
  now: Date,
  ctx: TermContext,
  user: SessionUser,
  known: Known,
  written: { records: AuditRecord[]; at: Date; actorName: string; noticesAt: Date },
): (() => CaseDetail) | null {
  const staff = known.staff;
  const nameOf = (id: number | null) =>
    id === null ? null : id === staff?.id ? staff.name : undefined;
  const itemName =
    row.item_id === null ? null : row.item_id === known.item?.id ? known.item.name : undefined;
  const holderName = nameOf(row.holder_staff_id);
  const windowName =
    row.window_id === null
      ? null
      : row.window_id === staff?.window_id
        ? staff.window_name
        : undefined;
  const state = stateOf(row);
  const staffIds = [
    row.first_responder_staff_id,
    ...state.handovers.flatMap((h) => [h.byStaffId, h.fromStaffId, h.to.staffId]),
  ];
  const names = new Map<number, string>();
  for (const id of staffIds) {
    const name = nameOf(id);
    if (name === undefined) return null;
    if (name !== null) names.set(id!, name);
  }
  const timeline: repo.TimelineRow[] = [];
  for (const r of written.records) {
    if (r.entityType !== 'case' || String(r.entityId) !== String(row.id)) continue;
    const after = r.after as { actingFor?: { name?: unknown }; trail?: unknown } | null;
    const forName = asText(after?.actingFor?.name);
    const note = asText(after?.trail);
    if (forName === undefined || note === undefined) return null;
    timeline.push({
      at: written.at,
      actor_name: written.actorName,
      action: r.action,
      for_name: forName,
      note,
    });
  }
  const notices = written.records.flatMap((r) => {
    const after = r.after as { caseId: number; type: NoticeType; number: string };
    return r.action === 'notice.issue' && after.caseId === row.id
      ? [{ id: Number(r.entityId), type: after.type, number: after.number }]
      : [];
  });
  if (itemName === undefined || holderName === undefined || windowName === undefined) return null;
  return () =>
    detailFrom(row, now, ctx, user, {
      summary: repo.summaryOf(
        { ...row, item_name: itemName, holder_name: holderName, window_name: windowName },
        now,
      ),
      names,
      notices: notices.map((n) => ({
        ...n,
        issuedAt: written.noticesAt.toISOString(),
        supersedesId: null,
        supersededById: null,
      })),
      timeline,
      item: row.item_id === null ? undefined : known.item,
    });
}

/** A case in full, for the people working on it (identifiers masked). */
async function detailOf(
  tx: Db,
  row: CaseRow,
  now: Date,
  ctx: TermContext,
  user: SessionUser,
): Promise<CaseDetail> {
  const summary = await repo.getSummary(tx, row.id, now);
  if (!summary) throw new AppError('NOT_FOUND');
  const state = stateOf(row);
  const [names, notices, timeline, item] = await Promise.all([
    repo.staffNames(tx, [
      row.first_responder_staff_id,
      ...state.handovers.flatMap((h) => [h.byStaffId, h.fromStaffId, h.to.staffId]),
    ]),
    repo.noticesOfCase(tx, row.id),
    repo.timeline(tx, row.id),
    row.item_id === null ? undefined : repo.getItemFacts(tx, row.item_id),
  ]);
  return detailFrom(row, now, ctx, user, {
    summary,
    names,
    notices: notices.map(repo.noticeRefOf),
    timeline,
    item,
  });
}

/** A case in full from its row and what the answer names: who, which notices, what happened. */
function detailFrom(
  row: CaseRow,
  now: Date,
  ctx: TermContext,
  user: SessionUser,
  sources: {
    summary: CaseSummary;
    names: Map<number, string>;
    notices: NoticeRef[];
    timeline: repo.TimelineRow[];
    item: repo.ItemFacts | undefined;
  },
): CaseDetail {
  const { summary, names, notices, timeline, item } = sources;
  const state = stateOf(row);
  // A paused case's deadline moves while it is paused: show it as of now.
  const live = row.status === 'paused' ? caseDeadline(state, ctx, now.getTime()) : null;
  const nameOf = (id: number | null) => (id === null ? null : (names.get(id) ?? null));
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    ...summary,
    ...(live?.ok && live.value ? { deadlineAt: iso(live.value.at) } : {}),
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
    handovers: state.handovers.map((h) => ({
      at: iso(h.at),
      byName: h.byStaffId === h.fromStaffId ? null : nameOf(h.byStaffId),
      fromName: nameOf(h.fromStaffId),
      toName: h.to.businessSection ? '中心业务科' : nameOf(h.to.staffId),
      toBusinessSection: h.to.businessSection,
      method: h.method,
      note: h.note,
    })),
    pauses: row.pauses,
    extension: row.extension,
    submission: state.submission && {
      at: iso(state.submission.at),
      authority: state.submission.authority,
      dueDate: state.submission.dueDate,
      outcome: state.submission.outcome && {
        ...state.submission.outcome,
        at: iso(state.submission.outcome.at),
      },
    },
    petitionDecision: petitionDecisionOf(state, ctx),
    acceptedAt: row.accepted_at?.toISOString() ?? null,
    clockStartAt: row.clock_start_at?.toISOString() ?? null,
    deemedAccepted: row.deemed_accepted,
    termDays: row.term_days,
    standardTermDays: row.standard_term_days,
    supplementDueAt: row.supplement_due_at.toISOString(),
    missingYears: row.missing_years,
    answer: row.answer,
    materials: row.materials,
    materialRemarks: row.material_remarks,
    reasons: row.reasons,
    result: row.result,
    fees: row.fees,
    feesTotal: row.fees_total,
    itemMaterials: item?.materials ?? [],
    itemFees: item?.fees ?? [],
    notices,
    timeline: timeline.map((t) => ({
      at: t.at.toISOString(),
      actorName: t.actor_name,
      action: t.action,
      forName: t.for_name,
      note: t.note,
    })),
    allowedActions: allowedActionsOf(user, row, state, ctx, now.getTime()),
    holdsCase: holdsOrOversees(state.holder, caseActorOf(user)),
    limits: {
      extensionMaxDays:
        state.acceptedKind === null || state.acceptedKind === 'immediate'
          ? null
          : state.acceptedKind === 'petition'
            ? ctx.policy.petitionExtensionMaxDays
            : ctx.policy.extensionMaxWorkingDays,
      acceptTerms: item ? acceptTermsOf(catalogTermOf(item), ctx) : [],
    },
  };
}

/** A petition's decision whether to accept: when it was due, and what was decided when. */
function petitionDecisionOf(state: CaseState, ctx: TermContext): CaseDetail['petitionDecision'] {
  const due = petitionDecisionDeadline(state, ctx);
  if (!due.ok || due.value === null) return null;
  const d = state.petitionDecision;
  return {
    dueAt: new Date(due.value.at).toISOString(),
    decidedAt: d && new Date(d.at).toISOString(),
    accepted: d?.accepted ?? null,
    onTime: d && d.at <= due.value.at,
  };
}

/** The terms an item may get, kind by kind, for the accept form (the catalog and the policy). */
function acceptTermsOf(item: CatalogTerm, ctx: TermContext): CaseDetail['limits']['acceptTerms'] {
  return ACCEPTED_KINDS.flatMap((kind) => {
    const b = termBounds(kind, item, ctx.policy);
    if (!b.ok)
      return b.code === 'TERM_NOT_IN_CATALOG' ? [{ kind, standard: null, urgent: null }] : [];
    return [{ kind, standard: b.value?.standard ?? null, urgent: b.value?.urgent ?? null }];
  });
}

/** What the user may do with the case now: what the rules allow, if he or she holds it (or is director). */
function allowedActionsOf(
  user: SessionUser,
  row: CaseRow,
  state: CaseState,
  ctx: TermContext,
  now: number,
): CaseCommand[] {
  const actor = caseActorOf(user);
  return commandsAllowedNow(state, ctx, now, { hasItem: row.item_id !== null }).filter(
    (c) => user.permissions.has(COMMAND_PERMISSIONS[c]) && mayRun(c, state.holder, actor),
  );
}

export async function detail(deps: Deps, user: SessionUser, id: number): Promise<CaseDetail> {
  const row = await visibleRow(deps.db, user, id);
  return detailOf(
    deps.db,
    row,
    deps.clock.now(),
    await loadTermContext(deps.db, row.center_id),
    user,
  );
}

/**
 * Whom a case can be handed over to (首问负责: to the window that can do it): the staff in post
 * today but its holder — first those at the windows of the item's unit, then its joint windows, then
 * the other windows, then staff without a window; at the post now before those who are not.
 */
export async function handOverTargets(
  deps: Deps,
  user: SessionUser,
  id: number,
): Promise<HandOverTargets> {
  const row = await visibleRow(deps.db, user, id);
  return targetsFor(deps, row.center_id, row.item_id, row.holder_staff_id);
}

/** The same list at the window, before the visitor is registered: the clerk hands over himself. */
export async function intakeTargets(
  deps: Deps,
  user: SessionUser,
  centerId: number,
  itemId: number | null,
): Promise<HandOverTargets> {
  return targetsFor(deps, centerId, itemId, user.staffId);
}

async function targetsFor(
  deps: Deps,
  centerId: number,
  itemId: number | null,
  holderStaffId: number | null,
): Promise<HandOverTargets> {
  const now = deps.clock.now();
  const today = shanghaiDateOf(now.getTime());
  const [item, staff] = await Promise.all([
    itemId === null ? undefined : repo.getItemFacts(deps.db, itemId),
    repo.staffWithWindows(deps.db, centerId),
  ]);
  if (itemId !== null && (!item || item.center_id !== centerId))
    throw fieldError('NOT_FOUND', 'itemId');
  const people = staff.filter(
    (s) =>
      s.id !== holderStaffId &&
      isInPost({ inPostFrom: s.in_post_from, inPostTo: s.in_post_to }, today),
  );
  const posts = await postsNow(
    deps.db,
    people.map((p) => p.id),
    now,
  );
  const joint = new Set(item?.joint_window_ids ?? []);
  const rank = (p: (typeof people)[number]) => {
    if (p.window_id === null) return 3;
    if (item && p.window_unit_id === item.window_unit_id) return 0;
    return joint.has(p.window_id) ? 1 : 2;
  };
  const rows = people.map((p) => ({
    staffId: p.id,
    name: p.name,
    position: p.position,
    windowId: p.window_id,
    windowName: p.window_name,
    windowNumber: p.window_number ?? '',
    rank: rank(p),
    forItem: rank(p) < 2,
    atPost: posts.get(p.id)?.state.atPost ?? false,
  }));
  rows.sort(
    (a, b) =>
      a.rank - b.rank ||
      Number(b.atPost) - Number(a.atPost) ||
      a.windowNumber.localeCompare(b.windowNumber) ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
  return { items: rows.map(({ rank: _, windowNumber: __, ...r }) => r) };
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
    .where((eb) =>
      eb.or([
        eb('status', 'in', ['in_progress', 'paused', 'with_authority']),
        // A petition still to be decided: its decision is due on a working day.
        eb.and([eb('petition', '=', true), eb('status', 'in', ['received', 'awaiting_materials'])]),
      ]),
    )
    .forUpdate()
    .execute();
  if (rows.length === 0) return;
  const ctx = await loadTermContext(tx, centerId);
  const isoOf = (d: Date | null) => d?.toISOString() ?? null;
  for (const row of rows) {
    const cols = columnsOf(stateOf(row), ctx, at.getTime());
    const before = {
      deadline_at: isoOf(row.deadline_at),
      yellow_at: isoOf(row.yellow_at),
      deadline_provisional: row.deadline_provisional,
      missing_years: row.missing_years,
      awaiting: row.awaiting,
      awaiting_due_at: isoOf(row.awaiting_due_at),
      awaiting_yellow_at: isoOf(row.awaiting_yellow_at),
    };
    const after = {
      deadline_at: cols.deadline_at,
      yellow_at: cols.yellow_at,
      deadline_provisional: cols.deadline_provisional,
      missing_years: JSON.parse(cols.missing_years) as number[],
      awaiting: cols.awaiting,
      awaiting_due_at: cols.awaiting_due_at,
      awaiting_yellow_at: cols.awaiting_yellow_at,
    };
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    await repo.updateCase(tx, row.id, row.version, {
      deadline_at: cols.deadline_at,
      yellow_at: cols.yellow_at,
      deadline_provisional: cols.deadline_provisional,
      missing_years: cols.missing_years,
      awaiting: cols.awaiting,
      awaiting_due_at: cols.awaiting_due_at,
      awaiting_yellow_at: cols.awaiting_yellow_at,
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
