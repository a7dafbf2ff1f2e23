import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate } from '../calendar/civil.ts';
import { checkFindingDate, checkNotAboutSelf, checkVoidFinding, type VoidFacts } from './entry.ts';
import { SOURCE_POLICY_2023 } from './policy.ts';
import { settle } from './settlement.ts';
import { CAL_2026, finding, H, person, POLICIES, value } from './fixtures.fixture.ts';

const IN_POST = { inPostFrom: '2024-03-01', inPostTo: '2026-04-30' };
const dated = (date: string, today = '2026-03-02') =>
  checkFindingDate({ date, today, inPost: IN_POST, policies: POLICIES });

describe('the date of a finding, checked when it is entered', () => {
  it('takes a day in post, up to today (Beijing)', () => {
    expect(dated('2026-03-02')).toEqual({ ok: true, value: '2026-03-02' });
    expect(dated('2024-03-01').ok).toBe(true);
  });

  it('refuses a day after today: DATE_IN_FUTURE on the date', () => {
    expect(dated('2026-03-03')).toEqual({
      ok: false,
      code: 'DATE_IN_FUTURE',
      field: 'date',
      details: { date: '2026-03-03', today: '2026-03-02' },
    });
  });

  it('refuses a day outside the time in post, before or after, naming both ends', () => {
    expect(dated('2024-02-29')).toEqual({
      ok: false,
      code: 'FINDING_NOT_IN_POST',
      field: 'date',
      details: { date: '2024-02-29', inPostFrom: '2024-03-01', inPostTo: '2026-04-30' },
    });
    expect(dated('2026-05-04', '2026-06-01')).toMatchObject({
      code: 'FINDING_NOT_IN_POST',
      details: { inPostTo: '2026-04-30' },
    });
  });

  it('refuses a day before the regulation took effect, naming its first day', () => {
    const r = checkFindingDate({
      date: '2022-12-31',
      today: '2026-03-02',
      inPost: { inPostFrom: '2020-01-01', inPostTo: null },
      policies: POLICIES,
    });
    expect(r).toMatchObject({
      code: 'NO_POLICY_IN_FORCE',
      details: { firstEffectiveFrom: SOURCE_POLICY_2023.effectiveFrom },
    });
  });

  it('what it accepts, the settlement can always settle (no date it takes blocks an approval)', () => {
    // The entry check takes exactly the dates the settlement of the half-year takes: what it lets
    // in can no longer stop the approval later, what it keeps out would have.
    const day = (d: string) => parseIsoDate(d) ?? 0;
    fc.assert(
      fc.property(
        fc.integer({ min: day('2026-01-01'), max: day('2026-12-31') }),
        fc.integer({ min: day('2026-01-01'), max: day('2026-12-31') }),
        fc.integer({ min: 0, max: 400 }),
        (d, from, length) => {
          const date = formatIsoDate(d);
          const inPost = {
            inPostFrom: formatIsoDate(from),
            inPostTo: formatIsoDate(Math.min(from + length, day('2026-12-31'))),
          };
          const entered = checkFindingDate({
            date,
            today: '2026-12-31',
            inPost,
            policies: POLICIES,
          });
          const settled = settle({
            person: { id: 1, inPost },
            policies: POLICIES,
            calendar: CAL_2026,
            findings: [finding('F1', date, 'town')],
            halfYear: H(2026, date <= '2026-06-30' ? 1 : 2),
            frozen: [],
          });
          // (The settlement checks the findings before it asks for earlier half-years.)
          if (entered.ok) expect(settled.ok || settled.code !== 'FINDING_NOT_IN_POST').toBe(true);
          else
            expect([entered.code, settled.ok ? null : settled.code]).toEqual([
              'FINDING_NOT_IN_POST',
              'FINDING_NOT_IN_POST',
            ]);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('who decides about a person', () => {
  it('never the person: DECISION_ABOUT_SELF', () => {
    expect(checkNotAboutSelf(7, 7)).toMatchObject({ ok: false, code: 'DECISION_ABOUT_SELF' });
    expect(checkNotAboutSelf(7, 8).ok).toBe(true);
    // An account without a staff record is nobody's subject; a candidate without a holder neither.
    expect(checkNotAboutSelf(7, null).ok).toBe(true);
    expect(checkNotAboutSelf(null, null).ok).toBe(true);
  });
});

describe('voiding a finding entered by mistake', () => {
  const base: VoidFacts = {
    finding: {
      id: '12',
      staffId: 7,
      revoked: false,
      voided: false,
      recordedByUserId: 100,
      recordedByStaffId: 50,
    },
    by: { userId: 101, staffId: 51 },
    appealPending: false,
    frozen: [],
    rated: false,
  };
  const facts = (more: Partial<VoidFacts> & { f?: Partial<VoidFacts['finding']> }) => ({
    ...base,
    ...more,
    finding: { ...base.finding, ...more.f },
  });

  it('another member of the group may void it before anything was settled or rated on it', () => {
    expect(checkVoidFinding(base)).toEqual({ ok: true, value: true });
  });

  it('not the member who recorded it, not the person it is about', () => {
    expect(checkVoidFinding(facts({ by: { userId: 100, staffId: 51 } })).ok).toBe(false);
    expect(checkVoidFinding(facts({ by: { userId: 102, staffId: 50 } }))).toMatchObject({
      code: 'RECORDER_CANNOT_VOID',
    });
    expect(checkVoidFinding(facts({ by: { userId: 102, staffId: 7 } }))).toMatchObject({
      code: 'DECISION_ABOUT_SELF',
    });
  });

  it('not twice, not a revoked one, not while an appeal is pending', () => {
    expect(checkVoidFinding(facts({ f: { voided: true, revoked: true } }))).toMatchObject({
      code: 'ALREADY_VOIDED',
    });
    expect(checkVoidFinding(facts({ f: { revoked: true } }))).toMatchObject({
      code: 'ALREADY_REVOKED',
    });
    expect(checkVoidFinding(facts({ appealPending: true }))).toMatchObject({
      code: 'APPEAL_PENDING',
    });
  });

  it('not once an approved settlement took it into account (then only an appeal), naming the half-year', () => {
    const frozen = value(
      settle({
        person: person('2026-01-01', null, 7),
        policies: POLICIES,
        calendar: CAL_2026,
        findings: [finding('12', '2026-03-05', 'town', { personId: 7 })],
        halfYear: H(2026, 1),
        frozen: [],
      }),
    );
    expect(checkVoidFinding(facts({ frozen: [frozen] }))).toMatchObject({
      code: 'FINDING_SETTLED',
      details: { halfYear: H(2026, 1) },
    });
    // A settlement that did not take it into account (recorded late, after its half-year was
    // frozen) does not stop the void.
    const other = { ...frozen, debts: frozen.debts.map((d) => ({ ...d, findingIds: ['13'] })) };
    expect(checkVoidFinding(facts({ frozen: [other] })).ok).toBe(true);
  });

  it('not once the rating of its year is decided', () => {
    expect(checkVoidFinding(facts({ rated: true }))).toMatchObject({ code: 'FINDING_RATED' });
  });
});
