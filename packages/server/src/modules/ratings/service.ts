import { createHash, randomBytes } from 'node:crypto';
import type {
  FollowUp,
  MyRatings,
  PublicRatingState,
  RatingContest,
  RatingList,
  RatingSettingsView,
  SatisfactionRating,
  SatisfactionStatsView,
} from '@bianmin/contracts';
import {
  applicantShown,
  checkFollowUpStep,
  checkNotOwnCase,
  checkRatingInput,
  checkRatingSettings,
  displayReceiptNo,
  followUpOverdue,
  followUpStatus,
  handlersOf,
  isBadRating,
  maskPhone,
  mayRate,
  ratingWindowEnd,
  satisfactionStats,
  shanghaiDateOf,
  type FollowUpFacts,
  type FollowUpStep,
  type SatisfactionLevel,
  QUERY_CODE_POLICY,
} from '@bianmin/domain';
import { sql, type Kysely, type Updateable } from 'kysely';
import { checkVersion } from '../../audit/change.ts';
import { write, type Actor, type Audit, type Tx } from '../../audit/write.ts';
import type { Database, RatingFollowUpsTable } from '../../db/schema.ts';
import { pageOf } from '../../db/page.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { AppError, refusalError } from '../../http/errors.ts';
import { inScope } from '../../http/scope.ts';
import * as cases from '../cases/repository.ts';
import type { CaseRow } from '../cases/state.ts';
import { refundThrottle } from '../auth/repository.ts';
import { countAttempt } from '../auth/throttle.ts';
import { enqueue, mainlandMobile } from '../outbox/service.ts';
import { caseByQuery } from '../public/service.ts';
import * as inbox from '../inbox/hooks.ts';
import { followUpTermsOf } from '../inbox/terms.ts';
import { decidingTermsOf } from '../regulations/service.ts';
import * as repo from './repository.ts';

type Db = Kysely<Database>;

/** The Chinese names of the fields a refusal names. */
const LABELS = {
  level: '评价等级',
  reasons: '评价原因',
  text: '评价内容',
  contactedAt: '回访时间',
  contactWorkingDays: '回访期限',
  fixWorkingDays: '整改期限',
  windowDays: '评价期',
  staffId: '责任人',
} as const;
const refused = (r: { code: string; field?: string; details?: Record<string, unknown> }) =>
  refusalError(r, { labels: LABELS });

// ── The SMS link ────────────────────────────────────────────────────────────────────────────────

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * In the completing case's transaction: an applicant with a mobile gets the invitation to rate,
 * with a link that opens this case's rating and nothing else (a random token, kept only hashed).
 */
export async function inviteRating(
  tx: Tx,
  audit: Audit,
  c: Pick<CaseRow, 'id' | 'center_id' | 'receipt_no' | 'applicant_phone'>,
  at: Date,
  portalOrigin: string,
): Promise<void> {
  const mobile = c.applicant_phone ? mainlandMobile(c.applicant_phone) : null;
  if (mobile === null) return;
  const token = randomBytes(32).toString('base64url');
  const stored = await tx
    .insertInto('rating_tokens')
    .values({ case_id: c.id, token_hash: hashOf(token), created_at: at })
    .onConflict((oc) => oc.column('case_id').doNothing())
    .returning('case_id')
    .executeTakeFirst();
  if (!stored) return;
  const center = await tx
    .selectFrom('centers')
    .select('name')
    .where('id', '=', c.center_id)
    .executeTakeFirstOrThrow();
  await enqueue(tx, audit, at, {
    centerId: c.center_id,
    to: mobile,
    template: 'rating_invite',
    params: {
      center: center.name,
      receiptNo: displayReceiptNo(c.receipt_no),
      link: `${portalOrigin}/rate/${token}`,
    },
    subject: { type: 'case', id: c.id },
    dedupeKey: `rating_invite:${String(c.id)}`,
  });
}

/** The case a link opens, throttled per address like the query (a wrong token counts). */
async function caseByToken(deps: Pick<Deps, 'db' | 'clock'>, ip: string, token: string) {
  const key = `rt:${ip}`;
  const wait = await countAttempt(deps.db, new Map([[key, QUERY_CODE_POLICY]]), deps.clock.now());
  if (wait > 0) throw new AppError('RATE_LIMITED', { details: { retryAfterSeconds: wait } });
  const found = await deps.db
    .selectFrom('rating_tokens')
    .select('case_id')
    .where('token_hash', '=', hashOf(token))
    .executeTakeFirst();
  const row = found ? await cases.getRow(deps.db, found.case_id) : undefined;
  if (!row) throw new AppError('RATING_LINK_INVALID');
  await refundThrottle(deps.db, key);
  return row;
}

// ── Views ──────────────────────────────────────────────────────────────────────────────────────

const iso = (d: Date | null) => d?.toISOString() ?? null;

function factsOf(r: repo.RatingRow): FollowUpFacts | null {
  if (r.f_id === null) return null;
  return {
    contactDueAt: r.f_contact_due_at!.getTime(),
    fixDueAt: r.f_fix_due_at!.getTime(),
    assignedTo: r.f_assigned_to,
    contactedAt: r.f_contacted_at?.getTime() ?? null,
    repliedAt: r.f_replied_at?.getTime() ?? null,
    closedAt: r.f_closed_at?.getTime() ?? null,
  };
}

function followUpView(r: repo.RatingRow, now: Date): FollowUp | null {
  const f = factsOf(r);
  if (!f) return null;
  const late = followUpOverdue(f, now.getTime());
  return {
    id: r.f_id!,
    status: followUpStatus(f),
    contactDueAt: r.f_contact_due_at!.toISOString(),
    fixDueAt: r.f_fix_due_at!.toISOString(),
    dueProvisional: r.f_due_provisional ?? false,
    assignedToStaffId: r.f_assigned_to,
    assignedToName: r.f_assigned_to_name,
    assignedByName: r.f_assigned_by_name,
    assignedAt: iso(r.f_assigned_at),
    contactedAt: iso(r.f_contacted_at),
    contactNote: r.f_contact_note ?? '',
    contactedByName: r.f_contacted_by_name,
    rectification: r.f_rectification ?? '',
    reply: r.f_reply ?? '',
    repliedAt: iso(r.f_replied_at),
    repliedByName: r.f_replied_by_name,
    closedAt: iso(r.f_closed_at),
    closedByName: r.f_closed_by_name,
    contactOverdue: late.contact,
    fixOverdue: late.fix,
    version: r.f_version!,
  };
}

function contestView(r: repo.RatingRow): RatingContest | null {
  if (r.k_id === null) return null;
  return {
    id: r.k_id,
    staffId: r.k_staff_id!,
    staffName: r.k_staff_name ?? '',
    reason: r.k_reason!,
    filedAt: r.k_filed_at!.toISOString(),
    decision: r.k_decision,
    decisionReason: r.k_decision_reason,
    decidedByName: r.k_decided_by_name,
    decidedAt: iso(r.k_decided_at),
    version: r.k_version!,
  };
}

function view(r: repo.RatingRow, now: Date): SatisfactionRating {
  return {
    id: r.id,
    caseId: r.case_id,
    receiptNo: displayReceiptNo(r.receipt_no),
    itemName: r.item_name ?? r.subject,
    applicantShown: applicantShown(r.applicant_type, r.applicant_name),
    phoneMasked: r.applicant_phone ? maskPhone(r.applicant_phone) : null,
    level: r.level,
    reasons: r.reasons,
    text: r.text,
    channel: r.channel,
    enteredByName: r.entered_by_name,
    ratedAt: r.rated_at.toISOString(),
    caseClosedAt: r.case_closed_at.toISOString(),
    staffId: r.staff_id,
    staffName: r.staff_name,
    excluded: r.excluded,
    followUp: followUpView(r, now),
    contest: contestView(r),
  };
}

/** What the trail keeps of a rating: never the applicant's name or mobile. */
const auditOf = (r: repo.RatingRow) => ({
  caseId: r.case_id,
  receiptNo: r.receipt_no,
  level: r.level,
  reasons: r.reasons,
  text: r.text,
  channel: r.channel,
  staffId: r.staff_id,
  excluded: r.excluded,
});
const auditFollowUp = (r: repo.RatingRow) => ({
  ratingId: r.id,
  contactDueAt: iso(r.f_contact_due_at),
  fixDueAt: iso(r.f_fix_due_at),
  assignedTo: r.f_assigned_to,
  contactedAt: iso(r.f_contacted_at),
  contactNote: r.f_contact_note,
  rectification: r.f_rectification,
  reply: r.f_reply,
  repliedAt: iso(r.f_replied_at),
  closedAt: iso(r.f_closed_at),
});

// ── Giving a rating ────────────────────────────────────────────────────────────────────────────

type Channel = 'portal' | 'sms_link' | 'window';

interface Given {
  level: string;
  reasons: string[];
  text: string;
}

/**
 * One rating of a case, under the case's lock: the input checked, the case closed and within the
 * window, not rated yet; whom it rates is who held the case when it was closed. A 差评 opens its
 * follow-up with both due instants, in the same transaction.
 */
async function give(
  tx: Tx,
  audit: Audit,
  caseId: number,
  input: Given,
  channel: Channel,
  enteredBy: SessionUser | null,
  at: Date,
): Promise<void> {
  const checked = checkRatingInput(input);
  if (!checked.ok) throw refused(checked);
  const c = await cases.getRow(tx, caseId, true);
  if (!c) throw new AppError('NOT_FOUND');
  if (enteredBy) {
    const own = checkNotOwnCase(
      handlersOf({
        firstResponderStaffId: c.first_responder_staff_id,
        holderStaffId: c.holder_staff_id,
        handovers: c.handovers,
      }),
      enteredBy.staffId,
    );
    if (!own.ok) throw new AppError('RATING_OWN_CASE');
  }
  const settings = await repo.settingsRow(tx, c.center_id);
  const existing = await tx
    .selectFrom('ratings')
    .select('id')
    .where('case_id', '=', c.id)
    .executeTakeFirst();
  const may = mayRate({
    status: c.status,
    closedAt: c.closed_at?.getTime() ?? null,
    rated: existing !== undefined,
    nowMs: at.getTime(),
    windowDays: settings.window_days,
  });
  if (!may.ok) throw new AppError(may.code);
  const { level, reasons, text } = checked.value;
  const { id } = await tx
    .insertInto('ratings')
    .values({
      center_id: c.center_id,
      case_id: c.id,
      level,
      reasons: JSON.stringify(reasons),
      text,
      channel,
      entered_by_user_id: enteredBy?.id ?? null,
      entered_by_name: enteredBy?.displayName ?? null,
      rated_at: at,
      staff_id: c.holder_staff_id,
      case_closed_at: c.closed_at!,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (isBadRating(level))
    // The terms of the policy in force on the day of the rating (issue 11); a term that cannot be
    // counted (out of the calendar's range) is due at once: never unset.
    await tx
      .insertInto('rating_follow_ups')
      .values({
        center_id: c.center_id,
        rating_id: id,
        ...(await followUpTermsOf(tx, c.center_id, at)),
      })
      .execute();
  const after = (await repo.byId(tx, id))!;
  await audit({
    centerId: c.center_id,
    action: 'rating.give',
    entityType: 'rating',
    entityId: id,
    before: null,
    after: { ...auditOf(after), followUp: after.f_id === null ? null : auditFollowUp(after) },
  });
  if (after.f_contact_due_at)
    await inbox.badRating(
      tx,
      audit,
      at,
      { ...after, level, contactDueAt: after.f_contact_due_at },
      enteredBy?.id ?? null,
    );
}

/** An applicant on the portal: no account. */
export const applicant = (request: { ip: string; id: string }, how: string): Actor => ({
  userId: null,
  name: `办事群众（${how}）`,
  ip: request.ip,
  requestId: request.id,
});

/** What the applicant reads of a case's rating. */
async function stateOf(db: Db, c: CaseRow, now: Date): Promise<PublicRatingState> {
  const [r, settings, center, item] = await Promise.all([
    repo.byCase(db, c.id),
    repo.settingsRow(db, c.center_id),
    db.selectFrom('centers').select('name').where('id', '=', c.center_id).executeTakeFirstOrThrow(),
    c.item_id === null ? undefined : cases.getItemFacts(db, c.item_id),
  ]);
  const may = mayRate({
    status: c.status,
    closedAt: c.closed_at?.getTime() ?? null,
    rated: r !== undefined,
    nowMs: now.getTime(),
    windowDays: settings.window_days,
  });
  const f = r ? followUpView(r, now) : null;
  return {
    receiptNo: displayReceiptNo(c.receipt_no),
    centerName: center.name,
    itemName: item?.name ?? c.subject,
    closedAt: iso(c.closed_at),
    rateable: may.ok,
    notRateable:
      may.ok || r ? null : may.code === 'RATING_WINDOW_OVER' ? 'window_over' : 'not_closed',
    until: c.closed_at
      ? new Date(ratingWindowEnd(c.closed_at.getTime(), settings.window_days)).toISOString()
      : null,
    rating: r
      ? {
          level: r.level,
          reasons: r.reasons,
          text: r.text,
          ratedAt: r.rated_at.toISOString(),
          followUp: f && {
            status: f.status,
            contactDueAt: f.contactDueAt,
            fixDueAt: f.fixDueAt,
            contactedAt: f.contactedAt,
            rectification: f.repliedAt ? f.rectification : '',
            reply: f.reply,
            repliedAt: f.repliedAt,
          },
        }
      : null,
  };
}

/** One rating of a case in its own transaction (the portal, the link, the window, the demo). */
export const record = (
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  caseId: number,
  input: Given,
  channel: Channel,
  enteredBy: SessionUser | null,
) =>
  write(deps.db, deps.clock, actor, (tx, audit, at) =>
    give(tx, audit, caseId, input, channel, enteredBy, at),
  );

export async function stateByQuery(deps: Deps, ip: string, receiptNo: string, queryCode: string) {
  const c = await caseByQuery(deps, ip, receiptNo, queryCode);
  return stateOf(deps.db, c, deps.clock.now());
}

export async function rateByQuery(
  deps: Deps,
  request: { ip: string; id: string },
  body: Given & { receiptNo: string; queryCode: string },
): Promise<PublicRatingState> {
  const c = await caseByQuery(deps, request.ip, body.receiptNo, body.queryCode);
  await record(deps, applicant(request, '网上评价'), c.id, body, 'portal', null);
  return stateOf(deps.db, c, deps.clock.now());
}

export async function stateByToken(deps: Deps, ip: string, token: string) {
  const c = await caseByToken(deps, ip, token);
  return stateOf(deps.db, c, deps.clock.now());
}

export async function rateByToken(
  deps: Deps,
  request: { ip: string; id: string },
  token: string,
  body: Given,
): Promise<PublicRatingState> {
  const c = await caseByToken(deps, request.ip, token);
  await record(deps, applicant(request, '短信链接评价'), c.id, body, 'sms_link', null);
  return stateOf(deps.db, c, deps.clock.now());
}

// ── Staff ──────────────────────────────────────────────────────────────────────────────────────

/** The case a user may see, or "not found". */
async function visibleCase(db: Db, user: SessionUser, caseId: number) {
  const c = await cases.getRow(db, caseId);
  if (!c || !inScope(user, c.center_id)) throw new AppError('NOT_FOUND');
  return c;
}

/** A rating from a paper card or the window's evaluator, entered by a clerk who did not handle the case. */
export async function enter(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  caseId: number,
  body: Given,
): Promise<SatisfactionRating> {
  await visibleCase(deps.db, user, caseId);
  await record(deps, actor, caseId, body, 'window', user);
  return view((await repo.byCase(deps.db, caseId))!, deps.clock.now());
}

/** The rating of a case (the case's detail page), or null. */
export async function ofCase(deps: Deps, user: SessionUser, caseId: number) {
  await visibleCase(deps.db, user, caseId);
  const r = await repo.byCase(deps.db, caseId);
  return r ? view(r, deps.clock.now()) : null;
}

const statsView = (list: { level: SatisfactionLevel; excluded: boolean }[]) => {
  const s = satisfactionStats(list);
  return { ...s, byLevel: { ...s.byLevel } } satisfies SatisfactionStatsView;
};

/**
 * Ratings of a center, newest first, and the figures of the whole period (the month, or all time),
 * not of the narrowed list: the 满意率 of the 差评 tab would always be 0 %.
 */
export async function list(deps: Deps, centerId: number, q: repo.ListQuery): Promise<RatingList> {
  const now = deps.clock.now();
  const base = repo.filtered(deps.db, centerId, q, now);
  const [{ rows: found, total }, all] = await Promise.all([
    pageOf(base, base.orderBy('r.rated_at', 'desc').orderBy('r.id', 'desc'), q),
    repo.ofPeriod(deps.db, centerId, q).clearSelect().select(['r.level', 'r.excluded']).execute(),
  ]);
  return {
    items: found.map((r) => view(r, now)),
    total,
    stats: statsView(all),
    statsMonth: q.month ?? null,
  };
}

/** A rating the user may act on, locked, with its follow-up (a 差评's). */
async function lockedRating(tx: Tx, user: SessionUser, id: number) {
  const r = await repo.byId(tx, id);
  if (!r || !inScope(user, r.center_id)) throw new AppError('NOT_FOUND');
  await tx.selectFrom('ratings').select('id').where('id', '=', id).forUpdate().execute();
  return r;
}

async function followUpStep(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  ratingId: number,
  version: number,
  step: FollowUpStep,
  change: (
    r: repo.RatingRow,
    tx: Tx,
    at: Date,
    audit: Audit,
  ) => Promise<Updateable<RatingFollowUpsTable>>,
  opts: { contactedAt?: number } = {},
): Promise<SatisfactionRating> {
  await write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    const r = await lockedRating(tx, user, ratingId);
    if (r.f_id === null) throw new AppError('NOT_FOUND');
    checkVersion({ version: r.f_version! }, version, () => true);
    // The assignee records the call-back and the reply; the director may act for anyone.
    const director = user.permissions.has('ratings.manage');
    if (!director && (user.staffId === null || user.staffId !== r.f_assigned_to))
      throw new AppError(
        step === 'assign' || step === 'close' ? 'FORBIDDEN' : 'FOLLOW_UP_NOT_ASSIGNEE',
      );
    const ok = checkFollowUpStep(factsOf(r)!, step, {
      nowMs: at.getTime(),
      ratedAt: r.rated_at.getTime(),
      ...(opts.contactedAt === undefined ? {} : { contactedAt: opts.contactedAt }),
    });
    if (!ok.ok) throw refused(ok);
    const set = await change(r, tx, at, audit);
    await tx
      .updateTable('rating_follow_ups')
      .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
      .where('id', '=', r.f_id)
      .execute();
    const after = (await repo.byId(tx, ratingId))!;
    await audit({
      centerId: r.center_id,
      action: `rating.follow_up.${step}`,
      entityType: 'rating_follow_up',
      entityId: r.f_id,
      before: auditFollowUp(r),
      after: auditFollowUp(after),
    });
  });
  return view((await repo.byId(deps.db, ratingId))!, deps.clock.now());
}

/** The director gives a 差评's follow-up to a staff member of the center in post (again, until the reply). */
export const assign = (
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  ratingId: number,
  body: { version: number; staffId: number },
) =>
  followUpStep(deps, user, actor, ratingId, body.version, 'assign', async (r, tx, at, audit) => {
    const day = shanghaiDateOf(at.getTime());
    const staff = await repo.staffInPost(tx, r.center_id, body.staffId, day);
    if (!staff) throw refused({ code: 'FOLLOW_UP_ASSIGNEE_INVALID', field: 'staffId' });
    if (staff.id !== r.f_assigned_to)
      await inbox.followUpAssigned(
        tx,
        audit,
        at,
        { ...r, contactDueAt: r.f_contact_due_at!, fixDueAt: r.f_fix_due_at! },
        staff.id,
        user.id,
      );
    return {
      assigned_to_staff_id: staff.id,
      assigned_by_name: user.displayName,
      assigned_at: at,
    };
  });

/** The call-back: when the applicant was reached (not in the future) and what was said. */
export const contact = (
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  ratingId: number,
  body: { version: number; contactedAt?: string | undefined; note: string },
) => {
  const when = body.contactedAt === undefined ? undefined : Date.parse(body.contactedAt);
  return followUpStep(
    deps,
    user,
    actor,
    ratingId,
    body.version,
    'contact',
    (_r, _tx, at) =>
      Promise.resolve({
        contacted_at: new Date(when ?? at.getTime()),
        contact_note: body.note,
        contacted_by_name: user.displayName,
      }),
    when === undefined ? {} : { contactedAt: when },
  );
};

/**
 * What was put right and the answer to the applicant, once: the applicant is told by SMS (when the
 * case has a mobile), in the same transaction, and reads it on the query page.
 */
export const reply = (
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  ratingId: number,
  body: { version: number; rectification: string; reply: string },
) =>
  followUpStep(deps, user, actor, ratingId, body.version, 'reply', async (r, tx, at, audit) => {
    const mobile = r.applicant_phone ? mainlandMobile(r.applicant_phone) : null;
    if (mobile !== null) {
      const center = await tx
        .selectFrom('centers')
        .select('name')
        .where('id', '=', r.center_id)
        .executeTakeFirstOrThrow();
      await enqueue(tx, audit, at, {
        centerId: r.center_id,
        to: mobile,
        template: 'rating_answered',
        params: { center: center.name, receiptNo: displayReceiptNo(r.receipt_no) },
        subject: { type: 'rating', id: r.id },
        dedupeKey: `rating_answered:${String(r.id)}`,
      });
    }
    return {
      rectification: body.rectification,
      reply: body.reply,
      replied_at: at,
      replied_by_name: user.displayName,
    };
  });

/** The director closes a follow-up once the applicant has the answer. */
export const close = (
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  ratingId: number,
  body: { version: number },
) =>
  followUpStep(deps, user, actor, ratingId, body.version, 'close', (_r, _tx, at) =>
    Promise.resolve({ closed_at: at, closed_by_name: user.displayName }),
  );

// ── Contests (恶意评价异议) ─────────────────────────────────────────────────────────────────────

/** The rated staff member contests a rating as malicious, once, with the reason. */
export async function contest(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  ratingId: number,
  body: { reason: string },
): Promise<SatisfactionRating> {
  await write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    const r = await lockedRating(tx, user, ratingId);
    if (user.staffId === null || r.staff_id !== user.staffId) throw new AppError('RATING_NOT_MINE');
    if (r.k_id !== null) throw new AppError('RATING_CONTEST_EXISTS');
    const { id } = await tx
      .insertInto('rating_contests')
      .values({
        center_id: r.center_id,
        rating_id: r.id,
        staff_id: user.staffId,
        reason: body.reason,
        filed_at: at,
        filed_by_name: user.displayName,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit({
      centerId: r.center_id,
      action: 'rating.contest',
      entityType: 'rating_contest',
      entityId: id,
      before: null,
      after: { ratingId: r.id, staffId: user.staffId, reason: body.reason },
    });
    await inbox.ratingContested(
      tx,
      audit,
      at,
      { ...r, staffId: user.staffId, staffName: r.staff_name ?? user.displayName },
      user.id,
    );
  });
  return view((await repo.byId(deps.db, ratingId))!, deps.clock.now());
}

/**
 * The assessment group decides a contest, with reasons — never the contesting person: upheld, the
 * rating no longer counts in any figure (it stays listed); rejected, it counts as before.
 */
export async function decideContest(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  ratingId: number,
  body: { version: number; decision: 'upheld' | 'rejected'; reason: string },
): Promise<SatisfactionRating> {
  await write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    const r = await lockedRating(tx, user, ratingId);
    if (r.k_id === null) throw new AppError('NOT_FOUND');
    checkVersion({ version: r.k_version! }, body.version, () => true);
    if (r.k_decision !== null) throw new AppError('RATING_CONTEST_DECIDED');
    if (user.staffId !== null && user.staffId === r.k_staff_id)
      throw new AppError('RATING_CONTEST_OWN');
    await tx
      .updateTable('rating_contests')
      .set((eb) => ({
        decision: body.decision,
        decision_reason: body.reason,
        decided_by_user_id: user.id,
        decided_by_name: user.displayName,
        decided_at: at,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', r.k_id)
      .execute();
    if (body.decision === 'upheld')
      await tx
        .updateTable('ratings')
        .set((eb) => ({ excluded: true, version: eb('version', '+', 1) }))
        .where('id', '=', r.id)
        .execute();
    await audit({
      centerId: r.center_id,
      action: 'rating.contest.decide',
      entityType: 'rating_contest',
      entityId: r.k_id,
      before: { ratingId: r.id, decision: null, excluded: r.excluded },
      after: {
        ratingId: r.id,
        decision: body.decision,
        reason: body.reason,
        excluded: body.decision === 'upheld',
      },
    });
  });
  return view((await repo.byId(deps.db, ratingId))!, deps.clock.now());
}

// ── Mine, settings, the board ──────────────────────────────────────────────────────────────────

/** Ratings of the cases I closed, and the open follow-ups given to me. */
export async function mine(deps: Deps, user: SessionUser): Promise<MyRatings> {
  const now = deps.clock.now();
  if (user.staffId === null) return { staffId: null, aboutMe: [], assignedToMe: [] };
  const [about, assigned] = await Promise.all([
    repo
      .rows(deps.db)
      .where('r.staff_id', '=', user.staffId)
      .orderBy('r.rated_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(100)
      .execute(),
    repo
      .rows(deps.db)
      .where('f.assigned_to_staff_id', '=', user.staffId)
      .where('f.closed_at', 'is', null)
      .orderBy('f.fix_due_at')
      .limit(100)
      .execute(),
  ]);
  return {
    staffId: user.staffId,
    aboutMe: about.map((r) => view(r, now)),
    assignedToMe: assigned.map((r) => view(r, now)),
  };
}

/**
 * The rating window (the center's setting) and, to show beside it, the follow-up terms a 差评 given
 * today gets: those of the performance policy in force (set in the regulation, issue 11).
 */
export async function settings(
  deps: Pick<Deps, 'db' | 'clock'>,
  centerId: number,
): Promise<RatingSettingsView> {
  const [s, { terms }] = await Promise.all([
    repo.settingsRow(deps.db, centerId),
    decidingTermsOf(deps, centerId, shanghaiDateOf(deps.clock.now().getTime())),
  ]);
  return {
    contactWorkingDays: terms.ratingContactWorkingDays,
    fixWorkingDays: terms.ratingFixWorkingDays,
    windowDays: s.window_days,
    version: s.version,
  };
}

export async function updateSettings(
  deps: Deps,
  actor: Actor,
  centerId: number,
  body: { windowDays: number; version: number },
): Promise<RatingSettingsView> {
  const checked = checkRatingSettings(body);
  if (!checked.ok) throw refused(checked);
  await write(deps.db, deps.clock, actor, async (tx, audit) => {
    const before = await repo.settingsRow(tx, centerId);
    if (before.version !== body.version)
      throw new AppError('VERSION_CONFLICT', { details: { currentVersion: before.version } });
    await tx
      .updateTable('rating_settings')
      .set((eb) => ({
        window_days: body.windowDays,
        version: eb('version', '+', 1),
      }))
      .where('center_id', '=', centerId)
      .execute();
    await audit({
      centerId,
      action: 'rating.settings',
      entityType: 'rating_settings',
      entityId: centerId,
      before: { windowDays: before.window_days },
      after: { windowDays: body.windowDays },
    });
  });
  return settings(deps, centerId);
}

/**
 * For the director's board: the month's ratings and 满意率, and the 差评 follow-ups past a term and
 * not closed (the call-back or the reply not made by its due time), oldest due first.
 */
export async function boardFigures(db: Db, centerId: number, from: Date, to: Date, now: Date) {
  const [month, late] = await Promise.all([
    db
      .selectFrom('ratings')
      .select(['level', 'excluded'])
      .where('center_id', '=', centerId)
      .where('rated_at', '>=', from)
      .where('rated_at', '<', to)
      .execute(),
    repo
      .rows(db)
      .where('r.center_id', '=', centerId)
      .where('f.closed_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb.and([eb('f.contacted_at', 'is', null), eb('f.contact_due_at', '<', now)]),
          eb.and([eb('f.replied_at', 'is', null), eb('f.fix_due_at', '<', now)]),
        ]),
      )
      .orderBy(sql`least(f.contact_due_at, f.fix_due_at)`)
      .limit(50)
      .execute(),
  ]);
  const s = satisfactionStats(month);
  return {
    ratingsMonth: { count: s.total, bad: s.bad, ratePercent: s.ratePercent },
    followUpsOverdue: late.map((r) => {
      const f = followUpView(r, now)!;
      return {
        ratingId: r.id,
        receiptNo: displayReceiptNo(r.receipt_no),
        itemName: r.item_name ?? r.subject,
        assignedToName: f.assignedToName,
        status: f.status,
        contactDueAt: f.contactDueAt,
        fixDueAt: f.fixDueAt,
        contactOverdue: f.contactOverdue,
        fixOverdue: f.fixOverdue,
      };
    }),
  };
}
