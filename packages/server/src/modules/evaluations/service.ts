import type {
  EvaluationSheet,
  PersonEvaluation,
  RatingValue,
  decideEvaluationBody,
} from '@bianmin/contracts';
import {
  checkOpenCandidatesConfirmed,
  checkRating,
  describeSatisfaction,
  displayReceiptNo,
  LEVEL_NAMES,
  openCandidatesOfYear,
  proposeRating,
  RATINGS_NOT_COLLECTED,
  shanghaiDateOf,
  summarizeEvaluation,
  type AttendanceSummary,
  type IsoDate,
  type PerformancePolicy,
} from '@bianmin/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { write, type Actor, type Audit } from '../../audit/write.ts';
import type { Database } from '../../db/schema.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { canSee, visibleStaffIds } from '../assessment/scope.ts';
import { yearAttendance } from '../attendance/summary.ts';
import { policiesOf } from '../regulations/service.ts';
import { ratingsOfYear } from '../ratings/repository.ts';
import * as repo from './repository.ts';

type Db = Kysely<Database>;

/**
 * The rating of a year may be decided from 1 December of that year on (the year-end evaluation is
 * held in December; earlier, most of the year's facts are still to come). There is no upper limit:
 * a late evaluation of a past year can still be decided.
 */
export const decidableFrom = (year: number): IsoDate => `${String(year)}-12-01`;

const today = (deps: Pick<Deps, 'clock'>) => shanghaiDateOf(deps.clock.now().getTime());

async function attendanceOf(
  db: Db,
  centerId: number,
  ids: number[],
  year: number,
  day: IsoDate,
): Promise<Map<number, AttendanceSummary>> {
  try {
    return await yearAttendance(db, centerId, ids, year, day);
  } catch (e) {
    // A year the calendar lacks has no attendance figures: shown as missing, never guessed.
    if (e instanceof AppError && e.code === 'CALENDAR_YEAR_MISSING') return new Map();
    throw e;
  }
}

function revisionView(r: repo.EvaluationRow) {
  return {
    id: r.id,
    revision: r.revision,
    rating: r.rating,
    reason: r.reason,
    proposedRating: r.proposed_rating,
    appealId: r.appeal_id,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at.toISOString(),
  };
}

export interface Computed {
  view: PersonEvaluation;
  findings: repo.FindingRow[];
  policies: readonly PerformancePolicy[];
}

/** Everyone's evaluation of the year (or one person's), computed from today's facts. */
export async function compute(
  db: Db,
  centerId: number,
  year: number,
  day: IsoDate,
  only?: number,
): Promise<Computed[]> {
  const people = await repo.staffOfYear(db, centerId, year, only);
  const ids = people.map((p) => p.id);
  const [findings, overdue, revisions, pending, policies, attendance, candidates, ratings] =
    await Promise.all([
      repo.findingsOf(db, ids),
      repo.overdueCounts(db, centerId, ids, year),
      repo.revisionsOf(db, ids, year),
      repo.pendingRatingAppeals(db, ids, year),
      policiesOf({ db }, centerId),
      attendanceOf(db, centerId, ids, year, day),
      repo.pendingCandidatesOf(db, centerId, ids),
      ratingsOfYear(db, centerId, ids, year),
    ]);
  return people.map((p) => {
    const mine = findings.get(p.id) ?? [];
    const counted = attendance.get(p.id);
    const summary = summarizeEvaluation({
      year,
      attendance: counted && counted.days > 0 ? counted : null,
      findings: mine,
      overdueCases: overdue.get(p.id) ?? 0,
      ratings: ratings.get(p.id) ?? [],
      policies,
    });
    const proposal = proposeRating(summary);
    const revs = revisions.get(p.id) ?? [];
    const a = summary.attendance;
    const view: PersonEvaluation = {
      staffId: p.id,
      staffNo: p.staff_no,
      staffName: p.name,
      windowName: p.window_name,
      year,
      inPostFrom: p.in_post_from,
      inPostTo: p.in_post_to,
      summary: {
        attendance: a && {
          workingDays: a.workingDays,
          present: a.present,
          late: a.late,
          leftEarly: a.leftEarly,
          absent: a.absent,
          onLeave: a.onLeave,
          missingSignIn: a.missingSignIn,
          missingSignOut: a.missingSignOut,
        },
        findings: {
          total: summary.findings.total,
          byLevel: { ...summary.findings.byLevel },
          byItem: [...summary.findings.byItem],
          circulated: summary.findings.circulated,
          serious: summary.findings.serious,
        },
        overdueCases: summary.overdueCases,
        complaints: summary.complaints,
        ratings: summary.ratings && { ...summary.ratings, byLevel: { ...summary.ratings.byLevel } },
        ratingsNote: summary.ratings
          ? describeSatisfaction(summary.ratings)
          : RATINGS_NOT_COLLECTED,
      },
      proposal: { rating: proposal.rating, reasons: [...proposal.reasons] },
      cap: summary.cap && {
        maxRating: summary.cap.maxRating,
        findings: mine
          .filter((f) => summary.cap!.findingIds.includes(f.id))
          .map((f) => ({
            id: Number(f.id),
            date: f.date,
            level: f.level,
            circulated: f.circulated,
            item: f.item,
            description: f.description,
          })),
      },
      decided: revs.length ? revisionView(revs[revs.length - 1]!) : null,
      revisions: revs.map(revisionView),
      appealPending: pending.has(p.id),
      openCandidates: openCandidatesOfYear(candidates.get(p.id) ?? [], year).map((c) => ({
        id: c.id,
        receiptNo: c.receiptNo,
        itemName: c.itemName,
        kind: c.kind,
        deadlineAt: new Date(c.deadlineAt).toISOString(),
      })),
    };
    return { view, findings: mine, policies };
  });
}

export async function sheet(deps: Deps, centerId: number, year: number): Promise<EvaluationSheet> {
  const day = today(deps);
  const rows = await compute(deps.db, centerId, year, day);
  const decidable = day >= decidableFrom(year);
  return {
    year,
    decidable,
    blockedReason: decidable
      ? null
      : `${String(year)}年度的考评等次从 ${decidableFrom(year)} 起评定`,
    people: rows.map((r) => r.view),
  };
}

/** One person's evaluation: for the person, his or her supervising leader and the group. */
export async function personal(
  deps: Deps,
  user: SessionUser,
  centerId: number,
  year: number,
  staffId: number,
): Promise<PersonEvaluation> {
  if (!canSee(await visibleStaffIds(deps.db, user), staffId)) throw new AppError('NOT_FOUND');
  const [row] = await compute(deps.db, centerId, year, today(deps), staffId);
  if (!row) throw new AppError('NOT_EVALUATED');
  return row.view;
}

/** "2026-05-20 省级巡查通报：……（编号 12）": the findings behind a cap, for the refusal. */
export function capRefusal(
  findings: readonly repo.FindingRow[],
  ids: readonly string[],
  details: Record<string, unknown>,
): AppError {
  const named = findings
    .filter((f) => ids.includes(f.id))
    .map((f) => `${f.date} ${LEVEL_NAMES[f.level]}通报：${f.description}（编号 ${f.id}）`)
    .join('；');
  const message = `本年度有省级巡查通报的问题（${named}），考评等次不能确定为称职及以上，最高为基本称职`;
  return new AppError('RATING_CAPPED', {
    message,
    fields: [{ field: 'rating', code: 'RATING_CAPPED', message: `考评等次：${message}` }],
    details: { ...details, findingIds: ids.map(Number) },
  });
}

/** checkRating against today's findings, refusing with the findings named. */
export function checkAgainstCap(c: Computed, rating: RatingValue, year: number) {
  const checked = checkRating(rating, c.findings, year, c.policies);
  if (!checked.ok) {
    if (checked.code === 'RATING_CAPPED') {
      const d = checked.details as { findingIds: string[]; maxRating: string };
      throw capRefusal(c.findings, d.findingIds, { maxRating: d.maxRating, year });
    }
    throw new AppError('BAD_RATING');
  }
}

/**
 * A rating decided while overdue-case candidates of the year are undecided must confirm each of them
 * (their outcome changes the year's facts): otherwise OPEN_CANDIDATES, naming them on the field.
 */
function checkCandidatesConfirmed(v: PersonEvaluation, confirmed: readonly number[]) {
  const open = v.openCandidates.map((c) => ({ ...c, deadlineAt: Date.parse(c.deadlineAt) }));
  const checked = checkOpenCandidatesConfirmed(open, confirmed);
  if (checked.ok) return;
  const ids = (checked.details?.candidateIds ?? []) as number[];
  const named = open
    .filter((c) => ids.includes(c.id))
    .map(
      (c) =>
        `办件 ${displayReceiptNo(c.receiptNo)}${c.itemName ? `（${c.itemName}）` : ''}期限 ${shanghaiDateOf(c.deadlineAt)}`,
    )
    .join('；');
  const message =
    `${v.staffName} ${String(v.year)}年度还有 ${String(ids.length)} 条超期办件线索尚未处理（${named}），` +
    '确认或排除会改变本年度的考评依据；请先处理，或确认知悉后再评定';
  throw new AppError('OPEN_CANDIDATES', {
    message,
    fields: [{ field: 'confirmOpenCandidates', code: 'OPEN_CANDIDATES', message }],
    details: { candidateIds: ids },
  });
}

/** Stores a new revision of a person's evaluation and audits it. */
export async function storeRevision(
  tx: Db,
  audit: Audit,
  at: Date,
  user: SessionUser,
  c: Computed,
  revision: number,
  rating: RatingValue,
  reason: string,
  appealId: number | null,
) {
  const v = c.view;
  const row = await repo.insertRevision(tx, {
    center_id: (
      await tx
        .selectFrom('staff')
        .select('center_id')
        .where('id', '=', v.staffId)
        .executeTakeFirstOrThrow()
    ).center_id,
    staff_id: v.staffId,
    year: v.year,
    revision,
    rating,
    reason,
    proposed_rating: v.proposal.rating,
    // What the decider saw, open candidates of the year included (decided before them, knowingly).
    summary: { ...v.summary, proposal: v.proposal, cap: v.cap, openCandidates: v.openCandidates },
    appeal_id: appealId,
    decided_by_user_id: user.id,
    decided_by_staff_id: user.staffId,
    decided_by_name: user.displayName,
    decided_at: at,
  });
  await audit({
    centerId: row.center_id,
    action: appealId === null ? 'evaluation.decide' : 'evaluation.revise',
    entityType: 'evaluation',
    entityId: row.id,
    before: v.decided,
    after: revisionView(row),
  });
  return row;
}

/**
 * The group leader decides a person's rating of the year, with reasons: from 1 December of the
 * year on, once (a decided rating changes only on appeal, as a new revision), and never above the
 * cap of a circulated province finding (RATING_CAPPED, naming the findings).
 */
export function decide(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  centerId: number,
  year: number,
  staffId: number,
  body: Omit<z.infer<typeof decideEvaluationBody>, 'confirmOpenCandidates'> & {
    confirmOpenCandidates?: readonly number[];
  },
): Promise<PersonEvaluation> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    await repo.lockStaff(tx, staffId);
    const day = today(deps);
    const [c] = await compute(tx, centerId, year, day, staffId);
    if (!c) throw new AppError('NOT_EVALUATED');
    if (day < decidableFrom(year))
      throw new AppError('EVALUATION_NOT_OPEN', {
        message: `${String(year)}年度的考评等次从 ${decidableFrom(year)} 起才能评定`,
      });
    if (c.view.decided) throw new AppError('ALREADY_RATED');
    checkAgainstCap(c, body.rating, year);
    checkCandidatesConfirmed(c.view, body.confirmOpenCandidates ?? []);
    await storeRevision(tx, audit, deps.clock.now(), user, c, 1, body.rating, body.reason, null);
    const [after] = await compute(tx, centerId, year, day, staffId);
    return after!.view;
  });
}
