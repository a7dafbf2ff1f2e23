/**
 * The half-yearly settlement (半年结算) of a person's assessment money: the pool of the half-year,
 * the deductions it owes, what it carries in and out, and — when a frozen half-year turns out to
 * have been settled on facts that changed since (an appeal won, a finding recorded late) — the
 * adjustments that bring the person's money back to what should have happened.
 *
 * The rules (DOMAIN.md §7, "Points the source leaves open"):
 * - owed(H) = the forfeited months of H + the N-month deductions of findings dated in H;
 * - a half-year never pays below zero: applied = min(pool, carried in + owed); what it cannot absorb
 *   is carried out to the next half-year, until fully deducted; in the half-year the person leaves,
 *   what is left is written off, with a line saying so;
 * - pools pay debts oldest first (`compareDebts`), which only decides which finding a fen is
 *   attributed to, never how many fen are paid;
 * - frozen settlements are never changed. Each settlement recomputes the ideal ledger ("what should
 *   have happened") from the person's first half-year, with the current findings and the frozen
 *   pools, and compares, debt by debt, what was really deducted with what should have been:
 *   an over-deduction is given back, a shortfall is owed now (like any deduction: never below zero,
 *   carried if need be). The two are netted within one settlement. The carry into H is the ideal
 *   carry; where it differs from what the previous frozen settlement carried out, a carry-in line
 *   says by how much and why.
 *
 * Every figure is integer fen; every total is the sum of its lines.
 */
import { parseIsoDate } from '../calendar/civil.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import type { InPost, IsoDate } from '../org/staff.ts';
import { ok, refuse, type Result } from '../shared/result.ts';
import {
  checkFinding,
  compareDebts,
  debtsOf,
  deductionRuleOf,
  describeFinding,
  type Debt,
  type Finding,
  type FindingRefusalCode,
  type MonthAmount,
} from './findings.ts';
import { formatYuan } from './money.ts';
import {
  checkHalfYear,
  compareHalfYears,
  formatHalfYear,
  formatMonth,
  halfYearKey,
  halfYearOf,
  halfYearsBetween,
  laterHalfYear,
  nextHalfYear,
  type HalfYear,
  type YearMonth,
} from './periods.ts';
import {
  checkPolicies,
  policyBasis,
  type PerformancePolicy,
  type PolicyRefusalCode,
} from './policy.ts';
import { poolMonthText, poolOf, type PoolRefusalCode } from './pool.ts';

export type LineKind =
  | 'pool_month'
  | 'forfeit_month'
  | 'deduction'
  | 'carry_in'
  | 'carry_out'
  | 'write_off'
  | 'adjustment';

/** One line of a settlement: an amount and the Chinese sentence that explains it. */
export interface Line {
  readonly kind: LineKind;
  /** Fen. Negative only for an adjustment that is a shortfall, or a carry-in correction downwards. */
  readonly amountFen: number;
  /** The finding concerned (for a forfeited month of several findings: the first). */
  readonly findingId?: string;
  /** Every finding concerned. */
  readonly findingIds?: readonly string[];
  readonly month?: YearMonth;
  readonly policyId?: string;
  /** The debt the line is about ('month:2026-03' / 'finding:F1'). */
  readonly debtKey?: string;
  /** For carry and adjustment lines: the half-year the debt belongs to. */
  readonly halfYear?: HalfYear;
  readonly text: string;
}

/**
 * What happened to one debt in this settlement. Kept in the frozen record so that a later
 * settlement knows, finding by finding, what was really deducted.
 */
export interface DebtRow {
  readonly key: string;
  readonly kind: 'forfeit_month' | 'deduction';
  readonly month: YearMonth;
  readonly halfYear: HalfYear;
  readonly date: IsoDate;
  readonly findingIds: readonly string[];
  readonly policyId: string | null;
  /** The debt as now recognised (0 when it no longer stands). */
  readonly amountFen: number;
  /** The ideal carry of this debt into this half-year. */
  readonly carriedInFen: number;
  /** The debt arising in this half-year. */
  readonly newFen: number;
  /** Deducted so far − should have been deducted so far: > 0 over-deducted, < 0 short. */
  readonly correctionFen: number;
  /** Of a shortfall, what this half-year owes once overpayments elsewhere were set against it. */
  readonly owedCorrectionFen: number;
  readonly appliedFen: number;
  readonly carriedOutFen: number;
  readonly writtenOffFen: number;
  /** The change, in this settlement, of what counts as deducted for this debt (may be < 0). */
  readonly deductedFen: number;
  /** Of what was written off, the part that was a shortfall found by a correction. */
  readonly deficitWrittenOffFen: number;
}

export interface Settlement {
  readonly halfYear: HalfYear;
  readonly personId: number;
  readonly lines: readonly Line[];
  readonly debts: readonly DebtRow[];
  /** Σ pool_month lines. */
  readonly poolFen: number;
  /** Σ forfeit_month + deduction lines, + the net shortfall of the adjustments (if any). */
  readonly owedFen: number;
  /** Σ carry_in lines = the ideal carry into this half-year. */
  readonly carriedInFen: number;
  /** Taken from this half-year's pool: min(pool, carried in + owed). */
  readonly appliedFen: number;
  /** Σ adjustment lines: > 0 given back (paid on top), < 0 owed (included in owedFen). */
  readonly adjustmentFen: number;
  /** Σ carry_out lines = carried in + owed − applied, 0 when the person left (written off). */
  readonly carriedOutFen: number;
  /** Σ write_off lines. */
  readonly writtenOffFen: number;
  /** pool − applied + max(0, adjustment). */
  readonly payableFen: number;
}

export interface SettlementPerson {
  readonly id: number;
  readonly inPost: InPost;
}

export interface SettlementInput {
  readonly person: SettlementPerson;
  readonly policies: readonly PerformancePolicy[];
  readonly calendar: WorkingCalendar;
  /** Every current finding of the person, revoked ones included (they count for nothing). */
  readonly findings: readonly Finding[];
  readonly halfYear: HalfYear;
  /** The person's frozen settlements of earlier half-years. */
  readonly frozen: readonly Settlement[];
}

export type SettlementRefusalCode =
  | 'BAD_HALF_YEAR'
  | 'BAD_PERSON'
  | 'BAD_DATE'
  | 'IN_POST_RANGE'
  | PolicyRefusalCode
  | 'NO_POLICY'
  | 'DUPLICATE_POLICY_ID'
  | 'DUPLICATE_EFFECTIVE_FROM'
  | FindingRefusalCode
  | 'FINDING_OF_ANOTHER_PERSON'
  | 'DUPLICATE_FINDING_ID'
  | 'FINDING_NOT_IN_POST'
  | 'NO_POLICY_IN_FORCE'
  | 'BEFORE_LEDGER_START'
  | 'SETTLEMENT_OF_ANOTHER_PERSON'
  | 'DUPLICATE_SETTLEMENT'
  | 'ALREADY_SETTLED'
  | 'LATER_HALF_YEAR_SETTLED'
  | 'SETTLEMENT_BEFORE_LEDGER_START'
  | 'PREVIOUS_HALF_YEAR_NOT_SETTLED'
  | PoolRefusalCode;

/** What a debt is, for the sentences: from the current debts, else from the frozen record. */
interface DebtMeta {
  readonly key: string;
  readonly kind: 'forfeit_month' | 'deduction';
  readonly month: YearMonth;
  readonly halfYear: HalfYear;
  readonly date: IsoDate;
  readonly findingIds: readonly string[];
  readonly policyId: string | null;
}

/** One half-year of the ideal ledger, debt by debt (fen by debt key). */
interface IdealStep {
  readonly halfYear: HalfYear;
  readonly poolFen: number;
  readonly carriedIn: ReadonlyMap<string, number>;
  readonly applied: ReadonlyMap<string, number>;
  readonly carriedOut: ReadonlyMap<string, number>;
  readonly writtenOff: ReadonlyMap<string, number>;
}

const add = (m: Map<string, number>, key: string, fen: number) =>
  m.set(key, (m.get(key) ?? 0) + fen);
const get = (m: ReadonlyMap<string, number>, key: string) => m.get(key) ?? 0;
const sum = (values: Iterable<number>) => {
  let s = 0;
  for (const v of values) s += v;
  return s;
};

/**
 * The ideal ledger: each half-year's pool pays the outstanding debts oldest first; what is left is
 * carried, or written off from the half-year the person leaves on.
 */
function runIdeal(
  halfYears: readonly HalfYear[],
  poolOfHalf: (h: HalfYear) => number,
  debts: readonly Debt[],
  meta: ReadonlyMap<string, DebtMeta>,
  leaving: HalfYear | null,
): IdealStep[] {
  const steps: IdealStep[] = [];
  let carry = new Map<string, number>();
  for (const h of halfYears) {
    const outstanding = new Map(carry);
    for (const d of debts)
      if (compareHalfYears(d.halfYear, h) === 0) add(outstanding, d.key, d.amountFen);
    const order = sortKeys([...outstanding.keys()], meta);
    const poolFen = poolOfHalf(h);
    let left = poolFen;
    const applied = new Map<string, number>();
    const rest = new Map<string, number>();
    for (const key of order) {
      const due = get(outstanding, key);
      const take = Math.min(left, due);
      left -= take;
      if (take > 0) applied.set(key, take);
      if (due - take > 0) rest.set(key, due - take);
    }
    const leaves = leaving !== null && compareHalfYears(h, leaving) >= 0;
    steps.push({
      halfYear: h,
      poolFen,
      carriedIn: carry,
      applied,
      carriedOut: leaves ? new Map<string, number>() : rest,
      writtenOff: leaves ? rest : new Map<string, number>(),
    });
    carry = leaves ? new Map<string, number>() : rest;
  }
  return steps;
}

function sortKeys(keys: readonly string[], meta: ReadonlyMap<string, DebtMeta>): string[] {
  return [...keys].sort((a, b) => {
    const ma = meta.get(a);
    const mb = meta.get(b);
    if (ma && mb) return compareDebts(ma, mb);
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

/**
 * Settles half-year H of one person. Refuses, naming the field, when the input cannot be settled
 * without guessing: bad person, policies, findings or half-year; a finding dated outside the time
 * in post or before every policy; an earlier half-year (in post, under a policy) not yet frozen;
 * H already frozen or a later one frozen; a partial month of H the calendar cannot count.
 *
 * The person's ledger starts at the later of the half-year they took up the post and the half-year
 * the first policy took effect. After the half-year they leave, a settlement is still possible: it
 * has no pool, and only carries adjustments (an appeal won after leaving is paid back this way).
 */
export function settle(input: SettlementInput): Result<Settlement, SettlementRefusalCode> {
  const hy = checkHalfYear(input.halfYear);
  if (!hy.ok) return hy;
  const H = hy.value;
  const { person } = input;
  if (!Number.isSafeInteger(person.id)) return refuse('BAD_PERSON', 'person.id');
  const inPost = person.inPost;
  if (parseIsoDate(inPost.inPostFrom) === undefined)
    return refuse('BAD_DATE', 'person.inPost.inPostFrom', { value: inPost.inPostFrom });
  if (inPost.inPostTo !== null && parseIsoDate(inPost.inPostTo) === undefined)
    return refuse('BAD_DATE', 'person.inPost.inPostTo', { value: inPost.inPostTo });
  if (inPost.inPostTo !== null && inPost.inPostTo < inPost.inPostFrom)
    return refuse('IN_POST_RANGE', 'person.inPost.inPostTo');
  const checkedPolicies = checkPolicies(input.policies);
  if (!checkedPolicies.ok) return checkedPolicies;
  const policies = checkedPolicies.value;

  // Findings: well formed, the person's, unique; those that count: in post, under a policy.
  const seenIds = new Set<string>();
  for (const [index, f] of input.findings.entries()) {
    const checked = checkFinding(f);
    if (!checked.ok)
      return refuse(checked.code, `findings.${index}.${checked.field ?? ''}`, checked.details);
    if (f.personId !== person.id)
      return refuse('FINDING_OF_ANOTHER_PERSON', `findings.${index}.personId`, { findingId: f.id });
    if (seenIds.has(f.id))
      return refuse('DUPLICATE_FINDING_ID', `findings.${index}.id`, { findingId: f.id });
    seenIds.add(f.id);
    if (f.revoked) continue;
    if (f.date < inPost.inPostFrom || (inPost.inPostTo !== null && f.date > inPost.inPostTo))
      return refuse('FINDING_NOT_IN_POST', `findings.${index}.date`, {
        findingId: f.id,
        date: f.date,
      });
    if (policies[0] !== undefined && f.date < policies[0].effectiveFrom)
      return refuse('NO_POLICY_IN_FORCE', `findings.${index}.date`, {
        findingId: f.id,
        date: f.date,
      });
  }

  // The ledger's half-years.
  const firstPolicy = policies[0];
  if (firstPolicy === undefined) return refuse('NO_POLICY', 'policies');
  const start = laterHalfYear(halfYearOf(inPost.inPostFrom), halfYearOf(firstPolicy.effectiveFrom));
  if (compareHalfYears(H, start) < 0)
    return refuse('BEFORE_LEDGER_START', 'halfYear', { start, halfYear: H });
  const leaving = inPost.inPostTo === null ? null : halfYearOf(inPost.inPostTo);

  // Frozen settlements: the person's, one per half-year, all before H, none before the start, and
  // every half-year from the start to H (or to the one the person left in) frozen.
  const frozenByKey = new Map<string, Settlement>();
  for (const [index, s] of input.frozen.entries()) {
    if (s.personId !== person.id)
      return refuse('SETTLEMENT_OF_ANOTHER_PERSON', `frozen.${index}.personId`);
    const sh = checkHalfYear(s.halfYear);
    if (!sh.ok) return refuse(sh.code, `frozen.${index}.halfYear`, sh.details);
    const key = halfYearKey(s.halfYear);
    if (frozenByKey.has(key))
      return refuse('DUPLICATE_SETTLEMENT', `frozen.${index}.halfYear`, { halfYear: s.halfYear });
    const c = compareHalfYears(s.halfYear, H);
    if (c === 0) return refuse('ALREADY_SETTLED', 'halfYear', { halfYear: H });
    if (c > 0)
      return refuse('LATER_HALF_YEAR_SETTLED', `frozen.${index}.halfYear`, {
        halfYear: s.halfYear,
      });
    if (compareHalfYears(s.halfYear, start) < 0)
      return refuse('SETTLEMENT_BEFORE_LEDGER_START', `frozen.${index}.halfYear`, {
        halfYear: s.halfYear,
        start,
      });
    frozenByKey.set(key, s);
  }
  const halfYears = halfYearsBetween(start, H);
  const before = halfYears.slice(0, -1);
  for (const h of before) {
    const required = leaving === null || compareHalfYears(h, leaving) <= 0;
    if (required && !frozenByKey.has(halfYearKey(h)))
      return refuse('PREVIOUS_HALF_YEAR_NOT_SETTLED', 'frozen', { halfYear: h });
  }
  const frozen = before
    .map((h) => frozenByKey.get(halfYearKey(h)))
    .filter((s): s is Settlement => s !== undefined);

  // Pools: frozen half-years keep their frozen pool; H (and any unsettled half-year after leaving,
  // which has none) is computed.
  const poolMonths = new Map<YearMonth, MonthAmount>();
  const poolFenOf = new Map<string, number>();
  for (const s of frozen) {
    for (const l of s.lines)
      if (l.kind === 'pool_month' && l.month !== undefined)
        poolMonths.set(l.month, { amountFen: l.amountFen, policyId: l.policyId ?? '' });
    poolFenOf.set(halfYearKey(s.halfYear), s.poolFen);
  }
  const pool = poolOf(inPost, policies, input.calendar, H);
  if (!pool.ok) return pool;
  for (const m of pool.value)
    poolMonths.set(m.month, { amountFen: m.amountFen, policyId: m.policyId });
  poolFenOf.set(halfYearKey(H), sum(pool.value.map((m) => m.amountFen)));

  // Debts of the current findings, up to H.
  const allDebts = debtsOf(input.findings, policies, (month) => poolMonths.get(month));
  if (!allDebts.ok) return refuse(allDebts.code, 'findings', allDebts.details);
  const debts = allDebts.value.filter((d) => compareHalfYears(d.halfYear, H) <= 0);
  const current = new Map(debts.map((d) => [d.key, d]));

  // What each debt is: current first, else as last recorded.
  const meta = new Map<string, DebtMeta>();
  for (const s of frozen) for (const r of s.debts) meta.set(r.key, r);
  for (const d of debts) meta.set(d.key, d);

  // The ideal ledger from the start to H.
  const steps = runIdeal(
    halfYears,
    (h) => poolFenOf.get(halfYearKey(h)) ?? 0,
    debts,
    meta,
    leaving,
  );
  const stepH = steps[steps.length - 1];
  if (stepH === undefined) return refuse('BEFORE_LEDGER_START', 'halfYear', { start, halfYear: H });
  const shouldHave = new Map<string, number>(); // I_d: ideal deducted before H
  for (const s of steps.slice(0, -1)) for (const [k, v] of s.applied) add(shouldHave, k, v);

  // What was really deducted (N_d) and written off as a shortfall (WD_d), from the frozen record.
  const deducted = new Map<string, number>();
  const deficitWrittenOff = new Map<string, number>();
  const everCorrected = new Set<string>();
  for (const s of frozen)
    for (const r of s.debts) {
      add(deducted, r.key, r.deductedFen);
      add(deficitWrittenOff, r.key, r.deficitWrittenOffFen);
      if (r.correctionFen !== 0) everCorrected.add(r.key);
    }
  const previous = frozen[frozen.length - 1];
  const recordedCarry = new Map<string, number>();
  if (previous)
    for (const r of previous.debts)
      if (r.carriedOutFen > 0) recordedCarry.set(r.key, r.carriedOutFen);

  // Corrections, debt by debt: Δ = N − I when over-deducted, −(I − N − WD) when short.
  const keys = sortKeys(
    [
      ...new Set([
        ...shouldHave.keys(),
        ...deducted.keys(),
        ...stepH.carriedIn.keys(),
        ...recordedCarry.keys(),
        ...debts.filter((d) => compareHalfYears(d.halfYear, H) === 0).map((d) => d.key),
      ]),
    ],
    meta,
  );
  const correction = new Map<string, number>();
  for (const key of keys) {
    const n = get(deducted, key);
    const i = get(shouldHave, key);
    const delta = n >= i ? n - i : -Math.max(0, i - n - get(deficitWrittenOff, key));
    if (delta !== 0) correction.set(key, delta);
  }
  const surplus = sum([...correction.values()].filter((v) => v > 0));

  // Shortfalls: first covered by the over-deductions (oldest first), the rest owed now.
  let cover = surplus;
  const covered = new Map<string, number>();
  const owedCorrection = new Map<string, number>();
  for (const key of keys) {
    const delta = get(correction, key);
    if (delta >= 0) continue;
    const c = Math.min(cover, -delta);
    cover -= c;
    covered.set(key, c);
    if (-delta - c > 0) owedCorrection.set(key, -delta - c);
  }
  // …then absorbed by what the pool has left after the ideal deductions, oldest first.
  const idealApplied = sum(stepH.applied.values());
  let room = stepH.poolFen - idealApplied;
  const absorbed = new Map<string, number>();
  for (const key of keys) {
    const owed = get(owedCorrection, key);
    const a = Math.min(room, owed);
    room -= a;
    if (a > 0) absorbed.set(key, a);
  }
  const leaves = leaving !== null && compareHalfYears(H, leaving) >= 0;

  // The rows.
  const rows: DebtRow[] = [];
  for (const key of keys) {
    const m = meta.get(key);
    if (m === undefined) continue;
    const d = current.get(key);
    const isNew = d !== undefined && compareHalfYears(d.halfYear, H) === 0;
    const delta = get(correction, key);
    const owedC = get(owedCorrection, key);
    const abs = get(absorbed, key);
    const unabsorbed = owedC - abs;
    const applied = get(stepH.applied, key) + abs;
    const row: DebtRow = {
      key,
      kind: m.kind,
      month: m.month,
      halfYear: m.halfYear,
      date: m.date,
      findingIds: m.findingIds,
      policyId: m.policyId,
      amountFen: d?.amountFen ?? 0,
      carriedInFen: get(stepH.carriedIn, key),
      newFen: isNew ? d.amountFen : 0,
      correctionFen: delta,
      owedCorrectionFen: owedC,
      appliedFen: applied,
      carriedOutFen: leaves ? 0 : get(stepH.carriedOut, key) + unabsorbed,
      writtenOffFen: leaves ? get(stepH.writtenOff, key) + unabsorbed : 0,
      deductedFen: get(stepH.applied, key) + (delta > 0 ? -delta : get(covered, key) + abs),
      deficitWrittenOffFen: leaves ? unabsorbed : 0,
    };
    const touched =
      isNew ||
      row.carriedInFen !== 0 ||
      row.correctionFen !== 0 ||
      row.appliedFen !== 0 ||
      row.carriedOutFen !== 0 ||
      row.writtenOffFen !== 0 ||
      row.deductedFen !== 0 ||
      get(recordedCarry, key) !== 0;
    if (touched) rows.push(row);
  }

  // The lines.
  const findingById = new Map(input.findings.map((f) => [f.id, f]));
  const label = (m: DebtMeta) => debtLabel(m, findingById);
  const lines: Line[] = [];
  for (const m of pool.value)
    lines.push({
      kind: 'pool_month',
      amountFen: m.amountFen,
      month: m.month,
      policyId: m.policyId,
      text: poolMonthText(m),
    });
  for (const r of rows) {
    const recorded = get(recordedCarry, r.key);
    if (recorded > 0 && previous)
      lines.push({
        ...debtRefs(r),
        kind: 'carry_in',
        amountFen: recorded,
        text: `上期（${formatHalfYear(previous.halfYear)}）结转：${label(r)}尚未扣完的 ${formatYuan(recorded)} 元`,
      });
  }
  for (const r of rows) {
    const recorded = get(recordedCarry, r.key);
    const diff = r.carriedInFen - recorded;
    if (diff === 0) continue;
    const leftBefore = leaving !== null && compareHalfYears(leaving, H) < 0 && r.carriedInFen === 0;
    const why = !current.has(r.key)
      ? '该项认定已撤销或已改变处理，不再扣除'
      : leftBefore
        ? `已于 ${inPost.inPostTo ?? ''} 离岗，未扣完的部分不再结转，予以核销`
        : '差额来自对以前各期扣款的重新计算（见本期调整行）';
    lines.push({
      ...debtRefs(r),
      kind: 'carry_in',
      amountFen: diff,
      text:
        `按现行认定重算结转：${label(r)} 应结转 ${formatYuan(r.carriedInFen)} 元，上期结算单记载 ` +
        `${formatYuan(recorded)} 元，${diff > 0 ? '增加' : '减少'} ${formatYuan(Math.abs(diff))} 元（${why}）`,
    });
  }
  for (const d of debts) {
    if (compareHalfYears(d.halfYear, H) !== 0) continue;
    lines.push({
      kind: d.kind,
      amountFen: d.amountFen,
      findingId: d.findingIds[0],
      findingIds: d.findingIds,
      month: d.month,
      ...(d.policyId !== null ? { policyId: d.policyId } : {}),
      debtKey: d.key,
      text: d.text,
    });
  }
  const mixed = rows.some((r) => r.correctionFen > 0) && rows.some((r) => r.correctionFen < 0);
  for (const r of rows) {
    if (r.correctionFen === 0) continue;
    lines.push({
      ...debtRefs(r),
      kind: 'adjustment',
      amountFen: r.correctionFen,
      text: adjustmentText(r, {
        label: label(r),
        deducted: get(deducted, r.key),
        should: get(shouldHave, r.key),
        writtenOff: get(deficitWrittenOff, r.key),
        reason: correctionReason(r, current, findingById, everCorrected, frozen, H),
        mixed,
        // The version whose figure gives what should be deducted: named while the debt stands.
        basis: current.has(r.key) ? basisOf(policies, r.policyId) : null,
      }),
    });
  }
  const next = formatHalfYear(nextHalfYear(H));
  for (const r of rows)
    if (r.carriedOutFen > 0)
      lines.push({
        ...debtRefs(r),
        kind: 'carry_out',
        amountFen: r.carriedOutFen,
        text: `${label(r)}尚余 ${formatYuan(r.carriedOutFen)} 元，本期考核金额不足扣除，结转下期（${next}）继续扣除`,
      });
  for (const r of rows)
    if (r.writtenOffFen > 0)
      lines.push({
        ...debtRefs(r),
        kind: 'write_off',
        amountFen: r.writtenOffFen,
        text:
          `${inPost.inPostTo ?? ''} 离岗，${label(r)}尚余 ${formatYuan(r.writtenOffFen)} 元无考核金额可扣，` +
          `予以核销（记录在案）`,
      });

  const total = (kind: LineKind) =>
    sum(lines.filter((l) => l.kind === kind).map((l) => l.amountFen));
  const poolFen = total('pool_month');
  const adjustmentFen = total('adjustment');
  const owedFen = total('forfeit_month') + total('deduction') + Math.max(0, -adjustmentFen);
  const carriedInFen = total('carry_in');
  const appliedFen = Math.min(poolFen, carriedInFen + owedFen);
  return ok({
    halfYear: H,
    personId: person.id,
    lines,
    debts: rows,
    poolFen,
    owedFen,
    carriedInFen,
    appliedFen,
    adjustmentFen,
    carriedOutFen: total('carry_out'),
    writtenOffFen: total('write_off'),
    payableFen: poolFen - appliedFen + Math.max(0, adjustmentFen),
  });
}

/** How a version is named on a line ('依据 2023-01-01 起施行的绩效考核制度'), or null if unknown. */
function basisOf(policies: readonly PerformancePolicy[], policyId: string | null): string | null {
  const p = policies.find((x) => x.id === policyId);
  return p ? policyBasis(p) : null;
}

/**
 * What a line does to the amount paid (应发) of its settlement, in fen, so that the lines of every
 * settlement add up to its payable amount (docs/money.md, "Reading the lines"):
 * - a pool month adds its amount;
 * - a forfeited month, an N-month deduction and a carry-in (a debt brought in, or a correction of
 *   it) take theirs away;
 * - an adjustment adds what it gives back and takes away what it finds short (it is signed);
 * - a carry-out and a write-off add theirs back: they are the part of the debts above that this
 *   half-year's pool could not absorb, so it was not taken from this payment (it is carried to the
 *   next half-year, or written off).
 */
export function lineEffectFen(line: Pick<Line, 'kind' | 'amountFen'>): number {
  switch (line.kind) {
    case 'pool_month':
    case 'adjustment':
    case 'carry_out':
    case 'write_off':
      return line.amountFen;
    case 'forfeit_month':
    case 'deduction':
    case 'carry_in':
      return -line.amountFen;
  }
}

function debtRefs(
  r: DebtMeta,
): Pick<Line, 'findingId' | 'findingIds' | 'month' | 'debtKey' | 'halfYear' | 'policyId'> {
  return {
    ...(r.findingIds[0] !== undefined ? { findingId: r.findingIds[0] } : {}),
    findingIds: r.findingIds,
    month: r.month,
    debtKey: r.key,
    halfYear: r.halfYear,
    ...(r.policyId !== null ? { policyId: r.policyId } : {}),
  };
}

/** "2026-03-12 省级巡查通报（考核内容第三项，编号 F1）的扣款" / "2026年3月没收的当月考核金额（编号 F2、F3）". */
function debtLabel(m: DebtMeta, findings: ReadonlyMap<string, Finding>): string {
  if (m.kind === 'deduction') {
    const id = m.findingIds[0] ?? m.key;
    const f = findings.get(id);
    return f ? `${describeFinding(f)}的扣款` : `编号 ${id} 违规的扣款`;
  }
  return `${formatMonth(m.month)}没收的当月考核金额（编号 ${m.findingIds.join('、')}）`;
}

function correctionReason(
  r: DebtRow,
  current: ReadonlyMap<string, Debt>,
  findings: ReadonlyMap<string, Finding>,
  everCorrected: ReadonlySet<string>,
  frozen: readonly Settlement[],
  H: HalfYear,
): string {
  if (!current.has(r.key)) {
    if (r.kind === 'deduction') {
      const f = findings.get(r.findingIds[0] ?? '');
      if (f === undefined) return '该违规已不在记录中';
      if (f.revoked) return '该违规已撤销';
      if (deductionRuleOf(f).kind === 'forfeit_month')
        return '该违规已改变处理（现按当月没收处理，见该月的没收行）';
      return '该违规的认定已改变';
    }
    return '该月应没收当月考核金额的违规均已撤销或已改变处理';
  }
  const recordedBefore = frozen.some((s) => s.debts.some((d) => d.key === r.key));
  if (!recordedBefore && compareHalfYears(r.halfYear, H) < 0)
    return `该违规在${formatHalfYear(r.halfYear)}结算冻结后才录入`;
  if (everCorrected.has(r.key)) return '以前更正时未能扣完的部分，本期继续处理';
  return '其他违规认定改变后，各项扣款的先后顺序随之改变';
}

function adjustmentText(
  r: DebtRow,
  x: {
    label: string;
    deducted: number;
    should: number;
    writtenOff: number;
    reason: string;
    /** Over- and under-deductions in the same settlement: they are set against each other. */
    mixed: boolean;
    /** '依据 … 起施行的绩效考核制度' of the debt's version, or null when the debt no longer stands. */
    basis: string | null;
  },
): string {
  const head = `更正（属${formatHalfYear(r.halfYear)}）：${x.label}，${x.reason}。`;
  const basis = x.basis === null ? '' : `（${x.basis}）`;
  const figures = `截至上期实际已扣 ${formatYuan(x.deducted)} 元，按现行认定应扣 ${formatYuan(x.should)} 元${basis}`;
  const wo = x.writtenOff > 0 ? `，另已核销 ${formatYuan(x.writtenOff)} 元` : '';
  const effect =
    r.correctionFen > 0
      ? `多扣 ${formatYuan(r.correctionFen)} 元，${x.mixed ? '先抵本期各项少扣款，余额退还' : '予以退还'}`
      : `少扣 ${formatYuan(-r.correctionFen)} 元，${x.mixed ? '先以本期各项多扣款抵充，余下' : ''}本期补扣（考核金额不足的结转下期）`;
  return `${head}${figures}${wo}，${effect}`;
}
