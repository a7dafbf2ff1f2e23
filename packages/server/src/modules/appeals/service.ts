import type { Appeal, createAppealBody, decideAppealBody, RatingValue } from '@bianmin/contracts';
import {
  appealDeadline,
  applyOutcome,
  checkAppealFiled,
  checkDecider,
  policyInForce,
  shanghaiDateOf,
  type Finding as DomainFinding,
  type IsoDate,
  type Line,
  type Refusal,
} from '@bianmin/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { checkVersion } from '../../audit/change.ts';
import { write, type Actor, type Audit } from '../../audit/write.ts';
import type { Database } from '../../db/schema.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { AppError, asErrorCode, fieldError, refusalError } from '../../http/errors.ts';
import { inScope } from '../../http/scope.ts';
import * as findings from '../assessment/repository.ts';
import { visibleStaffIds } from '../assessment/scope.ts';
import { loadTermContext } from '../cases/term-context.ts';
import * as evaluations from '../evaluations/service.ts';
import * as evalRepo from '../evaluations/repository.ts';
import * as inbox from '../inbox/hooks.ts';
import { appealTermOf } from '../inbox/terms.ts';
import { policiesOf } from '../regulations/service.ts';
import { pageOf } from '../../db/page.ts';

type Db = Kysely<Database>;
type Body = z.infer<typeof createAppealBody>;
type Decision = z.infer<typeof decideAppealBody>;

/** A domain refusal: on its field only when the code is not one of the API's own. */
function refused(r: Refusal): never {
  throw refusalError(r, { onField: asErrorCode(r.code) === 'VALIDATION_FAILED' });
}

/** Chinese names of the fields an appeal refers to (the shared list means other things by some). */
const LABELS: Readonly<Record<string, string>> = {
  year: '年度',
  half: '半年',
  lineIndex: '结算行',
  findingId: '考核问题',
  outcome: '处理结果',
  rating: '考评等次',
};
const onField = (code: Parameters<typeof fieldError>[0], field: string) =>
  fieldError(code, field, LABELS);

const appeals = (db: Db) =>
  db
    .selectFrom('appeals as a')
    .innerJoin('staff as s', 's.id', 'a.staff_id')
    .leftJoin('settlements as st', 'st.id', 'a.settlement_id')
    .leftJoin('evaluations as e', 'e.id', 'a.evaluation_id')
    .selectAll('a')
    .select([
      's.name as staff_name',
      'st.half as settlement_half',
      'st.lines as settlement_lines',
      'e.rating as appealed_rating',
      'e.decided_by_staff_id as rated_by_staff_id',
    ]);

type Row = NonNullable<Awaited<ReturnType<typeof getRow>>>;

function getRow(db: Db, id: number, lock = false) {
  const q = appeals(db).where('a.id', '=', id);
  return (lock ? q.forUpdate('a') : q).executeTakeFirst();
}

/** The finding an appeal acts on: the one appealed, or the one behind the settlement line. */
const findingOf = (r: Pick<Row, 'finding_id' | 'line_finding_id'>) =>
  r.finding_id ?? r.line_finding_id;

async function viewOf(db: Db, r: Row): Promise<Appeal> {
  const fid = findingOf(r);
  const f = fid === null ? null : ((await findings.getFinding(db, fid)) ?? null);
  const line =
    r.line_index === null ? null : ((r.settlement_lines as Line[] | null)?.[r.line_index] ?? null);
  const change = r.change as { rating?: RatingValue } | null;
  return {
    id: r.id,
    centerId: r.center_id,
    staffId: r.staff_id,
    staffName: r.staff_name,
    subject: r.subject,
    findingId: fid,
    finding: f,
    year: r.year,
    half: r.settlement_half,
    lineIndex: r.line_index,
    line: line && { kind: line.kind, amountFen: line.amountFen, text: line.text },
    correctable: r.subject !== 'settlement' || r.line_finding_id !== null,
    rating: r.appealed_rating,
    newRating: r.subject === 'rating' ? (change?.rating ?? null) : null,
    ratedByStaffId: r.rated_by_staff_id,
    reason: r.reason,
    filedAt: r.filed_at.toISOString(),
    deadlineOn: r.deadline_on,
    decideDueAt: r.decide_due_at?.toISOString() ?? null,
    status: r.status,
    change: r.change,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at?.toISOString() ?? null,
    decisionReason: r.decision_reason,
    version: r.version,
  };
}

const asDomain = (f: {
  id: number;
  staffId: number;
  date: string;
  level: DomainFinding['level'];
  circulated: boolean;
  item: number;
  revoked: boolean;
}): DomainFinding => ({
  id: String(f.id),
  personId: f.staffId,
  date: f.date,
  level: f.level,
  circulated: f.circulated,
  item: f.item as DomainFinding['item'],
  revoked: f.revoked,
});

/**
 * The last day to appeal a decision taken on `decisionDate`: the term of the policy in force on
 * `policyDate`, in working days of the center's calendar; refused when filed after it.
 */
async function checkTerm(
  deps: Deps,
  tx: Db,
  centerId: number,
  decisionDate: IsoDate,
  policyDate: IsoDate,
): Promise<IsoDate> {
  const policy = policyInForce(await policiesOf({ db: tx }, centerId), policyDate);
  if (!policy.ok) throw new AppError('NO_POLICY_IN_FORCE');
  const { cal } = await loadTermContext(tx, centerId);
  const deadline = appealDeadline(decisionDate, policy.value, cal);
  if (!deadline.ok) refused(deadline);
  const filed = checkAppealFiled(shanghaiDateOf(deps.clock.now().getTime()), deadline.value);
  if (!filed.ok) refused(filed);
  return deadline.value.lastDay;
}

/** Refuses a second appeal of a finding while one (of the finding or of a line about it) is open. */
async function noPendingOnFinding(tx: Db, findingId: number) {
  const pending = await tx
    .selectFrom('appeals')
    .select('id')
    .where((eb) => eb.or([eb('finding_id', '=', findingId), eb('line_finding_id', '=', findingId)]))
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (pending) throw new AppError('APPEAL_PENDING');
}

interface NewAppeal {
  center_id: number;
  staff_id: number;
  subject: 'finding' | 'settlement' | 'rating';
  finding_id?: number;
  settlement_id?: number;
  year?: number;
  line_index?: number;
  line_finding_id?: number | null;
  evaluation_id?: number;
  deadline_on: IsoDate;
}

/** A finding of one's own, within the term from the day it was recorded. */
async function findingAppeal(
  deps: Deps,
  tx: Db,
  user: SessionUser,
  body: Body,
): Promise<NewAppeal> {
  if (body.findingId === undefined) throw fieldError('APPEAL_FIELDS', 'findingId');
  const finding = await findings.getFinding(tx, body.findingId, true);
  if (!finding || !inScope(user, finding.centerId)) throw fieldError('NOT_FOUND', 'findingId');
  if (user.staffId !== finding.staffId) throw new AppError('NOT_YOUR_FINDING');
  if (finding.revoked) throw new AppError(finding.voided ? 'ALREADY_VOIDED' : 'ALREADY_REVOKED');
  await noPendingOnFinding(tx, finding.id);
  const recorded = await tx
    .selectFrom('findings')
    .select('created_at')
    .where('id', '=', finding.id)
    .executeTakeFirstOrThrow();
  const lastDay = await checkTerm(
    deps,
    tx,
    finding.centerId,
    shanghaiDateOf(recorded.created_at.getTime()),
    finding.date,
  );
  return {
    center_id: finding.centerId,
    staff_id: finding.staffId,
    subject: 'finding',
    finding_id: finding.id,
    deadline_on: lastDay,
  };
}

/**
 * A line of one's own approved settlement, within the term from the approval date (policy in force
 * on that date). A line about findings names the finding disputed (chosen when there are several).
 */
async function settlementAppeal(
  deps: Deps,
  tx: Db,
  user: SessionUser,
  body: Body,
): Promise<NewAppeal> {
  if (body.year === undefined) throw onField('APPEAL_FIELDS', 'year');
  if (body.half === undefined) throw onField('APPEAL_FIELDS', 'half');
  if (body.lineIndex === undefined) throw onField('APPEAL_FIELDS', 'lineIndex');
  if (user.staffId === null) throw new AppError('NOT_YOUR_RECORD');
  const s = await tx
    .selectFrom('settlements')
    .select(['id', 'center_id', 'lines', 'approved_at'])
    .where('staff_id', '=', user.staffId)
    .where('year', '=', body.year)
    .where('half', '=', body.half as 1 | 2)
    .executeTakeFirst();
  if (!s || !inScope(user, s.center_id)) throw new AppError('SETTLEMENT_NOT_APPROVED');
  const line = (s.lines as Line[])[body.lineIndex];
  if (!line) throw onField('BAD_LINE', 'lineIndex');
  const ids = [...new Set(line.findingIds ?? (line.findingId ? [line.findingId] : []))].map(Number);
  let lineFinding: number | null = null;
  if (ids.length > 0) {
    if (body.findingId !== undefined && !ids.includes(body.findingId))
      throw onField('LINE_FINDING_REQUIRED', 'findingId');
    if (body.findingId === undefined && ids.length > 1)
      throw onField('LINE_FINDING_REQUIRED', 'findingId');
    lineFinding = body.findingId ?? ids[0]!;
    const f = await findings.getFinding(tx, lineFinding, true);
    if (!f) throw fieldError('NOT_FOUND', 'findingId');
    if (f.revoked) throw new AppError(f.voided ? 'ALREADY_VOIDED' : 'ALREADY_REVOKED');
    await noPendingOnFinding(tx, lineFinding);
  } else if (body.findingId !== undefined) throw onField('BAD_LINE', 'findingId');
  const samePending = await tx
    .selectFrom('appeals')
    .select('id')
    .where('settlement_id', '=', s.id)
    .where('line_index', '=', body.lineIndex)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (samePending) throw new AppError('APPEAL_PENDING');
  const approved = shanghaiDateOf(s.approved_at.getTime());
  const lastDay = await checkTerm(deps, tx, s.center_id, approved, approved);
  return {
    center_id: s.center_id,
    staff_id: user.staffId,
    subject: 'settlement',
    settlement_id: s.id,
    year: body.year,
    line_index: body.lineIndex,
    line_finding_id: lineFinding,
    deadline_on: lastDay,
  };
}

/** One's own decided rating of a year, within the term from the date of the decision in force. */
async function ratingAppeal(deps: Deps, tx: Db, user: SessionUser, body: Body): Promise<NewAppeal> {
  if (body.year === undefined) throw onField('APPEAL_FIELDS', 'year');
  if (user.staffId === null) throw new AppError('NOT_YOUR_RECORD');
  await evalRepo.lockStaff(tx, user.staffId);
  const rev = await evalRepo.latestRevision(tx, user.staffId, body.year);
  if (!rev || !inScope(user, rev.center_id)) throw new AppError('NOT_RATED');
  const pending = await evalRepo.pendingRatingAppeals(tx, [user.staffId], body.year);
  if (pending.size > 0) throw new AppError('APPEAL_PENDING');
  // A finding of the year revoked or changed on appeal after the rating was decided is a new fact
  // (it may lift the cap): the term then runs from that later decision.
  const later = await tx
    .selectFrom('appeals as a')
    .innerJoin('findings as f', (j) =>
      j.on((eb) =>
        eb.or([
          eb('f.id', '=', eb.ref('a.finding_id')),
          eb('f.id', '=', eb.ref('a.line_finding_id')),
        ]),
      ),
    )
    .select((eb) => eb.fn.max('a.decided_at').as('at'))
    .where('a.staff_id', '=', user.staffId)
    .where('a.status', 'in', ['revoked', 'changed'])
    .where('a.subject', '<>', 'rating')
    .where('f.date', '>=', `${String(body.year)}-01-01`)
    .where('f.date', '<=', `${String(body.year)}-12-31`)
    .where('a.decided_at', '>', rev.decided_at)
    .executeTakeFirst();
  const from = later?.at ? new Date(later.at) : rev.decided_at;
  const decided = shanghaiDateOf(from.getTime());
  const lastDay = await checkTerm(deps, tx, rev.center_id, decided, decided);
  return {
    center_id: rev.center_id,
    staff_id: user.staffId,
    subject: 'rating',
    year: body.year,
    evaluation_id: rev.id,
    deadline_on: lastDay,
  };
}

/**
 * A staff member appeals one of his or her findings, a line of an approved settlement, or the
 * year's rating, within the term of the policy (working days from the decision appealed).
 */
export function file(deps: Deps, user: SessionUser, actor: Actor, body: Body): Promise<Appeal> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const values =
      body.subject === 'settlement'
        ? await settlementAppeal(deps, tx, user, body)
        : body.subject === 'rating'
          ? await ratingAppeal(deps, tx, user, body)
          : await findingAppeal(deps, tx, user, body);
    const filedAt = deps.clock.now();
    const { id } = await tx
      .insertInto('appeals')
      .values({
        ...values,
        reason: body.reason,
        filed_at: filedAt,
        // The group's term for deciding: the policy in force on the day of filing (issue 11).
        ...(await appealTermOf(tx, values.center_id, filedAt)),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const view = await viewOf(tx, (await getRow(tx, id))!);
    await audit({
      centerId: values.center_id,
      action: 'appeal.file',
      entityType: 'appeal',
      entityId: id,
      before: null,
      after: { ...view, finding: null },
    });
    await inbox.appealFiled(
      tx,
      audit,
      filedAt,
      {
        id,
        centerId: view.centerId,
        staffId: view.staffId,
        staffName: view.staffName,
        subject: view.subject,
      },
      user.id,
    );
    return view;
  });
}

export async function list(
  deps: Deps,
  user: SessionUser,
  centerId: number,
  q: { status?: Appeal['status'] | 'decided'; staffId?: number; page: number; pageSize: number },
) {
  const ids = await visibleStaffIds(deps.db, user);
  let base = appeals(deps.db).where('a.center_id', '=', centerId);
  if (ids !== null) base = base.where('a.staff_id', 'in', ids.length ? ids : [0]);
  if (q.status === 'decided') base = base.where('a.status', '<>', 'pending');
  else if (q.status) base = base.where('a.status', '=', q.status);
  if (q.staffId) base = base.where('a.staff_id', '=', q.staffId);
  const { rows, total } = await pageOf(
    base,
    base.orderBy('a.filed_at', 'desc').orderBy('a.id', 'desc'),
    q,
  );
  return {
    items: await Promise.all(rows.map((r) => viewOf(deps.db, r))),
    total,
  };
}

/** Revokes or changes a finding on appeal (never by its recorder), audited. */
async function actOnFinding(
  tx: Db,
  audit: Audit,
  user: SessionUser,
  row: Row,
  findingId: number,
  body: Decision,
) {
  const finding = await findings.getFinding(tx, findingId, true);
  if (!finding) throw new AppError('NOT_FOUND');
  if (finding.recordedByStaffId !== null) {
    const decider = checkDecider(user.staffId!, finding.recordedByStaffId);
    if (!decider.ok) refused(decider);
  }
  const outcome = applyOutcome(asDomain(finding), body.outcome, body.change);
  if (!outcome.ok) refused(outcome);
  const next = outcome.value;
  if (body.outcome === 'upheld') return;
  await tx
    .updateTable('findings')
    .set((eb) => ({
      revoked: next.revoked,
      level: next.level,
      circulated: next.circulated,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', finding.id)
    .execute();
  await audit({
    centerId: row.center_id,
    action: body.outcome === 'revoked' ? 'finding.revoke' : 'finding.change',
    entityType: 'finding',
    entityId: finding.id,
    before: finding,
    after: await findings.getFinding(tx, finding.id),
  });
}

/**
 * A rating appeal: upheld, or changed to a new rating that must pass the cap again and becomes a
 * new revision of the evaluation. 'Revoked' has no meaning for a rating (a person always has one
 * once decided). Never decided by whoever decided the rating appealed.
 */
async function actOnRating(
  deps: Deps,
  tx: Db,
  audit: Audit,
  user: SessionUser,
  row: Row,
  body: Decision,
) {
  if (body.outcome === 'revoked') throw onField('OUTCOME_NOT_FOR_RATING', 'outcome');
  if (body.change !== undefined) throw new AppError('CHANGE_NOT_EXPECTED');
  const appealed = await evalRepo.getRevision(tx, row.evaluation_id!);
  if (!appealed) throw new AppError('NOT_FOUND');
  if (appealed.decided_by_user_id === user.id || appealed.decided_by_staff_id === user.staffId)
    throw new AppError('RATER_CANNOT_DECIDE');
  if (body.outcome === 'upheld') {
    if (body.rating !== undefined) throw new AppError('CHANGE_NOT_EXPECTED');
    return;
  }
  if (body.rating === undefined) throw onField('RATING_REQUIRED', 'rating');
  await evalRepo.lockStaff(tx, row.staff_id);
  const [c] = await evaluations.compute(
    tx,
    row.center_id,
    row.year!,
    shanghaiDateOf(deps.clock.now().getTime()),
    row.staff_id,
  );
  if (!c) throw new AppError('NOT_EVALUATED');
  const current = c.view.decided;
  if (current?.rating === body.rating) throw onField('SAME_RATING', 'rating');
  evaluations.checkAgainstCap(c, body.rating, row.year!);
  await evaluations.storeRevision(
    tx,
    audit,
    deps.clock.now(),
    user,
    c,
    (current?.revision ?? 0) + 1,
    body.rating,
    body.reason,
    row.id,
  );
}

/**
 * The assessment group decides an appeal — never the member who recorded the finding, nor the one
 * who decided the rating. A revoked or changed finding (appealed itself or behind a settlement line)
 * flows into the next settlement as an adjustment, and a revoked province finding lifts the rating
 * cap it caused. A settlement line not about a finding (pool, carry, write-off) cannot be corrected:
 * frozen pools are never recomputed, so such an appeal is only upheld, the reasons saying what to
 * do. A decision is final (the database refuses to change it).
 */
export function decide(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: Decision,
): Promise<Appeal> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const row = checkVersion(await getRow(tx, id, true), body.version, (r) =>
      inScope(user, r.center_id),
    );
    if (row.status !== 'pending') throw new AppError('ALREADY_DECIDED');
    if (user.staffId === null) throw new AppError('FORBIDDEN');
    if (user.staffId === row.staff_id) throw new AppError('FORBIDDEN');
    if (row.subject === 'rating') await actOnRating(deps, tx, audit, user, row, body);
    else {
      if (body.rating !== undefined) throw new AppError('CHANGE_NOT_EXPECTED');
      const fid = findingOf(row);
      if (fid !== null) await actOnFinding(tx, audit, user, row, fid, body);
      else if (body.outcome !== 'upheld') throw onField('LINE_NOT_CORRECTABLE', 'outcome');
      else if (body.change !== undefined) throw new AppError('CHANGE_NOT_EXPECTED');
    }
    await tx
      .updateTable('appeals')
      .set((eb) => ({
        status: body.outcome,
        change: JSON.stringify(
          row.subject === 'rating'
            ? body.rating
              ? { rating: body.rating }
              : null
            : (body.change ?? null),
        ),
        decided_by_user_id: user.id,
        decided_by_name: user.displayName,
        decided_at: deps.clock.now(),
        decision_reason: body.reason,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
    const view = await viewOf(tx, (await getRow(tx, id))!);
    await audit({
      centerId: row.center_id,
      action: 'appeal.decide',
      entityType: 'appeal',
      entityId: id,
      before: { ...(await viewOf(tx, row)), finding: null, status: 'pending' },
      after: { ...view, finding: null },
    });
    await inbox.appealDecided(tx, audit, deps.clock.now(), view, user.id);
    return view;
  });
}
