/**
 * Test fixture (not exported from the package): the real 2026 calendar, the source policy, people,
 * findings, and a helper that settles half-year after half-year, freezing each settlement.
 */
import { calendarOf } from '../calendar/arbitraries.fixture.ts';
import { CHINA_2026 } from '../calendar/china-2026.fixture.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import type { IsoDate } from '../org/staff.ts';
import type { Result } from '../shared/result.ts';
import type { Finding, FindingLevel } from './findings.ts';
import type { HalfYear } from './periods.ts';
import { SOURCE_POLICY_2023, type PerformancePolicy } from './policy.ts';
import { settle, type Settlement, type SettlementPerson } from './settlement.ts';

export const CAL_2026 = calendarOf(CHINA_2026);
export const POLICIES: readonly PerformancePolicy[] = [SOURCE_POLICY_2023];

/** The value of a result that must succeed (the test fails loudly on a refusal). */
export function value<T>(r: Result<T>): T {
  if (!r.ok)
    throw new Error(`refused: ${r.code} ${r.field ?? ''} ${JSON.stringify(r.details ?? {})}`);
  return r.value;
}

export const H = (year: number, half: 1 | 2): HalfYear => ({ year, half });

export const person = (
  inPostFrom: IsoDate,
  inPostTo: IsoDate | null = null,
  id = 1,
): SettlementPerson => ({
  id,
  inPost: { inPostFrom, inPostTo },
});

export function finding(
  id: string,
  date: IsoDate,
  level: FindingLevel,
  more: Partial<Pick<Finding, 'circulated' | 'item' | 'revoked' | 'personId'>> = {},
): Finding {
  const higher = level === 'county' || level === 'city' || level === 'province';
  return {
    id,
    personId: more.personId ?? 1,
    date,
    level,
    circulated: more.circulated ?? higher,
    item: more.item ?? 3,
    revoked: more.revoked ?? false,
  };
}

export interface Ctx {
  readonly person: SettlementPerson;
  readonly policies?: readonly PerformancePolicy[];
  readonly calendar?: WorkingCalendar;
}

/** Settles one half-year on top of the frozen ones. */
export function settleOne(
  ctx: Ctx,
  findings: readonly Finding[],
  halfYear: HalfYear,
  frozen: readonly Settlement[],
): Settlement {
  return value(
    settle({
      person: ctx.person,
      policies: ctx.policies ?? POLICIES,
      calendar: ctx.calendar ?? CAL_2026,
      findings,
      halfYear,
      frozen,
    }),
  );
}

/**
 * Settles the half-years in order, freezing each; `findingsAt(h)` are the findings known when h is
 * settled (so a late finding or a revocation can appear between two settlements).
 */
export function settleInOrder(
  ctx: Ctx,
  halfYears: readonly HalfYear[],
  findingsAt: (h: HalfYear, index: number) => readonly Finding[],
  frozen: readonly Settlement[] = [],
): Settlement[] {
  const out = [...frozen];
  halfYears.forEach((h, i) => out.push(settleOne(ctx, findingsAt(h, i), h, out)));
  return out.slice(frozen.length);
}

/** Σ of the lines of a kind. */
export const linesTotal = (s: Settlement, kind: Settlement['lines'][number]['kind']) =>
  s.lines.filter((l) => l.kind === kind).reduce((a, l) => a + l.amountFen, 0);
