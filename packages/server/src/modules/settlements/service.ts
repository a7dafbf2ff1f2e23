import {
  ERRORS,
  isErrorCode,
  type PersonSettlement,
  type SettlementSheet,
} from '@bianmin/contracts';
import {
  compareHalfYears,
  formatHalfYear,
  halfYearRange,
  settle,
  shanghaiDateOf,
  type HalfYear,
  type Settlement,
} from '@bianmin/domain';
import type { Kysely } from 'kysely';
import { write, type Actor } from '../../audit/write.ts';
import type { Database } from '../../db/schema.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { canSee, visibleStaffIds } from '../assessment/scope.ts';
import { loadTermContext } from '../cases/term-context.ts';
import { policiesOf } from '../regulations/service.ts';
import * as repo from './repository.ts';
import * as inbox from '../inbox/hooks.ts';

type Db = Kysely<Database>;
type Person = Awaited<ReturnType<typeof repo.staffOf>>[number];

const ZERO = {
  poolFen: 0,
  owedFen: 0,
  carriedInFen: 0,
  appliedFen: 0,
  adjustmentFen: 0,
  carriedOutFen: 0,
  writtenOffFen: 0,
  payableFen: 0,
};

const messageOf = (code: string) =>
  isErrorCode(code) ? ERRORS[code].message : `无法计算（${code}）`;

/** Why a person's money cannot be computed, with the particulars the group needs to fix it. */
export interface Refusal {
  code: string;
  details?: Readonly<Record<string, unknown>> | undefined;
}

function refusalMessage(r: Refusal, p: Person): string {
  const d = r.details ?? {};
  const text = (k: string) => (typeof d[k] === 'string' ? d[k] : null);
  const finding = text('findingId');
  const date = text('date');
  switch (r.code) {
    case 'FINDING_NOT_IN_POST':
      return (
        `问题（编号 ${finding ?? ''}，${date ?? ''}）不在该人员的窗口在岗期间` +
        `（${p.in_post_from} 至 ${p.in_post_to ?? '今'}）内：请核对在岗日期，或由考核小组作废该问题`
      );
    case 'NO_POLICY_IN_FORCE':
      return `问题（编号 ${finding ?? ''}，${date ?? ''}）早于绩效考核制度施行之日：请由考核小组作废该问题`;
    case 'CALENDAR_YEAR_MISSING':
      return typeof d.year === 'number'
        ? `工作日历缺少 ${String(d.year)} 年，请先录入该年工作日历`
        : messageOf(r.code);
    default:
      return messageOf(r.code);
  }
}

function view(
  p: Person,
  h: HalfYear,
  s: Settlement | null,
  frozen: repo.SettlementRow | undefined,
  refusal: Refusal | null,
): PersonSettlement {
  const money = s ?? ZERO;
  return {
    staffId: p.id,
    staffNo: p.staff_no,
    staffName: p.name,
    windowName: p.window_name,
    year: h.year,
    half: h.half,
    status: frozen ? 'approved' : refusal ? 'refused' : 'draft',
    poolFen: money.poolFen,
    owedFen: money.owedFen,
    carriedInFen: money.carriedInFen,
    appliedFen: money.appliedFen,
    adjustmentFen: money.adjustmentFen,
    carriedOutFen: money.carriedOutFen,
    writtenOffFen: money.writtenOffFen,
    payableFen: money.payableFen,
    lines: (s?.lines ?? []).map((l) => ({
      kind: l.kind,
      amountFen: l.amountFen,
      text: l.text,
      ...(l.findingIds ? { findingIds: [...l.findingIds] } : {}),
      ...(l.month ? { month: l.month } : {}),
    })),
    approvedByName: frozen?.approved_by_name ?? null,
    approvedAt: frozen?.approved_at.toISOString() ?? null,
    refusal: refusal && { code: refusal.code, message: refusalMessage(refusal, p) },
  };
}

/**
 * Every window staff member's money for a half-year: the frozen settlement where the group leader
 * approved it, otherwise what the rules give today (a draft), or why it cannot be computed.
 */
async function compute(db: Db, centerId: number, h: HalfYear, only?: number[] | null) {
  const { first, last } = halfYearRange(h);
  let people = await repo.staffOf(db, centerId, first, last);
  if (only) people = people.filter((p) => only.includes(p.id));
  const ids = people.map((p) => p.id);
  const [findings, frozen, policies, ctx] = await Promise.all([
    repo.findingsOf(db, ids),
    repo.frozenOf(db, ids),
    policiesOf({ db }, centerId),
    loadTermContext(db, centerId),
  ]);
  return people.map((p) => {
    const mine = frozen.get(p.id) ?? [];
    const stored = mine.find((r) => r.year === h.year && r.half === h.half);
    if (stored) return { person: p, settlement: repo.domainOf(stored), stored, refusal: null };
    const result = settle({
      person: { id: p.id, inPost: { inPostFrom: p.in_post_from, inPostTo: p.in_post_to } },
      policies,
      calendar: ctx.cal,
      findings: findings.get(p.id) ?? [],
      halfYear: h,
      frozen: mine
        .filter((r) => compareHalfYears({ year: r.year, half: r.half }, h) < 0)
        .map(repo.domainOf),
    });
    return result.ok
      ? { person: p, settlement: result.value, stored: undefined, refusal: null }
      : {
          person: p,
          settlement: null,
          stored: undefined,
          refusal: { code: result.code, details: result.details },
        };
  });
}

const sumOf = (rows: PersonSettlement[], key: keyof typeof ZERO) =>
  rows.reduce((n, r) => n + r[key], 0);

export async function sheet(deps: Deps, centerId: number, h: HalfYear): Promise<SettlementSheet> {
  const rows = await compute(deps.db, centerId, h);
  const people = rows.map((r) => view(r.person, h, r.settlement, r.stored, r.refusal));
  const today = shanghaiDateOf(deps.clock.now().getTime());
  const open = people.filter((p) => p.status !== 'approved');
  // One person whose money cannot be computed does not hold up the others: they are approved, and
  // that person's settlement stays open, with the reason, until it can be approved in its turn.
  const refused = open.find((p) => p.status === 'refused');
  const blockedReason =
    open.length === 0
      ? ERRORS.ALREADY_SETTLED.message
      : halfYearRange(h).last >= today
        ? ERRORS.HALF_YEAR_NOT_OVER.message
        : open.every((p) => p.status === 'refused') && refused
          ? `${refused.staffName}：${refused.refusal?.message ?? ''}`
          : null;
  return {
    year: h.year,
    half: h.half,
    label: formatHalfYear(h),
    people,
    totals: Object.fromEntries(
      Object.keys(ZERO).map((k) => [k, sumOf(people, k as keyof typeof ZERO)]),
    ) as typeof ZERO,
    approvable: blockedReason === null,
    blockedReason,
  };
}

/** One person's settlement, for that person, his or her supervising leader and the group. */
export async function personal(
  deps: Deps,
  user: SessionUser,
  centerId: number,
  staffId: number,
  h: HalfYear,
): Promise<PersonSettlement> {
  if (!canSee(await visibleStaffIds(deps.db, user), staffId)) throw new AppError('NOT_FOUND');
  const [row] = await compute(deps.db, centerId, h, [staffId]);
  if (!row) {
    const known = await deps.db
      .selectFrom('staff')
      .select('id')
      .where('id', '=', staffId)
      .where('center_id', '=', centerId)
      .executeTakeFirst();
    throw new AppError(known ? 'NOT_IN_POST_IN_PERIOD' : 'NOT_FOUND');
  }
  return view(row.person, h, row.settlement, row.stored, row.refusal);
}

/**
 * The group leader approves a half-year: every open settlement that can be computed is stored and
 * from then on frozen (the database refuses changes). Only after the half-year is over. A person
 * whose money cannot be computed (e.g. a finding outside the time in post, an earlier half-year
 * still open) is left open with the reason shown, and approved by a later approval once fixed; only
 * when nobody can be approved is the approval refused, naming the first person and why.
 */
export function approve(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  centerId: number,
  h: HalfYear,
): Promise<SettlementSheet> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    // One approval at a time per center: the center row is the lock.
    await tx.selectFrom('centers').select('id').where('id', '=', centerId).forUpdate().execute();
    const today = shanghaiDateOf(deps.clock.now().getTime());
    if (halfYearRange(h).last >= today) throw new AppError('HALF_YEAR_NOT_OVER');
    const rows = await compute(tx, centerId, h);
    const open = rows.filter((r) => !r.stored);
    if (open.length === 0) throw new AppError('ALREADY_SETTLED');
    const ready = open.filter((r) => r.settlement !== null && r.refusal === null);
    const refused = open.find((r) => r.refusal);
    if (ready.length === 0 && refused?.refusal) {
      const code = refused.refusal.code;
      throw new AppError(
        isErrorCode(code) && ERRORS[code].status === 409 ? code : 'SETTLEMENT_REFUSED',
        {
          message: `${refused.person.name}：${refusalMessage(refused.refusal, refused.person)}`,
          details: { staffId: refused.person.id, code },
        },
      );
    }
    const at = deps.clock.now();
    for (const { person, settlement: s } of ready) {
      const { id } = await tx
        .insertInto('settlements')
        .values({
          center_id: centerId,
          staff_id: person.id,
          year: h.year,
          half: h.half,
          pool_fen: s.poolFen,
          owed_fen: s.owedFen,
          carried_in_fen: s.carriedInFen,
          applied_fen: s.appliedFen,
          adjustment_fen: s.adjustmentFen,
          carried_out_fen: s.carriedOutFen,
          written_off_fen: s.writtenOffFen,
          payable_fen: s.payableFen,
          lines: JSON.stringify(s.lines),
          debts: JSON.stringify(s.debts),
          approved_by_user_id: user.id,
          approved_by_name: user.displayName,
          approved_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit({
        centerId,
        action: 'settlement.approve',
        entityType: 'settlement',
        entityId: id,
        before: null,
        after: {
          staffId: person.id,
          year: h.year,
          half: h.half,
          payableFen: s.payableFen,
          lines: s.lines,
        },
      });
      await inbox.settlementApproved(
        tx,
        audit,
        at,
        { id, centerId, staffId: person.id, year: h.year, half: h.half, payableFen: s.payableFen },
        user.id,
      );
    }
    return sheet({ ...deps, db: tx }, centerId, h);
  });
}
