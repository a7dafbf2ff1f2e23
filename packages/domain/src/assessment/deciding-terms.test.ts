import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at, CAL as cal, TT as tt } from '../appointments/fixtures.fixture.ts';
import { reportDecisionDue } from '../reports/decision-term.ts';
import {
  decidingTermsOn,
  decisionTerm,
  termDedupeKey,
  termLevel,
  termStep,
  type TermLevel,
} from './deciding-terms.ts';
import { DEFAULT_DECIDING_TERMS, SOURCE_POLICY_2023, type PerformancePolicy } from './policy.ts';

const P = SOURCE_POLICY_2023;
const SHORTER: PerformancePolicy = {
  ...P,
  id: 'v2',
  effectiveFrom: '2026-04-01',
  reportDecisionWorkingDays: 10,
  appealDecisionWorkingDays: 20,
  ratingContactWorkingDays: 2,
  ratingFixWorkingDays: 5,
};

describe('the terms for deciding in force', () => {
  it('are those of the version in force on the day of the event', () => {
    expect(decidingTermsOn([P, SHORTER], '2026-03-31')).toEqual({
      terms: DEFAULT_DECIDING_TERMS,
      policyId: 'source-2023',
    });
    expect(decidingTermsOn([SHORTER, P], '2026-04-01')).toEqual({
      terms: {
        reportDecisionWorkingDays: 10,
        appealDecisionWorkingDays: 20,
        ratingContactWorkingDays: 2,
        ratingFixWorkingDays: 5,
      },
      policyId: 'v2',
    });
  });

  it('are the defaults where no version is in force yet', () => {
    expect(decidingTermsOn([], '2026-03-02')).toEqual({
      terms: DEFAULT_DECIDING_TERMS,
      policyId: null,
    });
    expect(decidingTermsOn([SHORTER], '2026-03-02').policyId).toBeNull();
    expect(DEFAULT_DECIDING_TERMS).toEqual({
      reportDecisionWorkingDays: 15,
      appealDecisionWorkingDays: 15,
      ratingContactWorkingDays: 1,
      ratingFixWorkingDays: 15,
    });
  });
});

describe('a term for deciding', () => {
  it('ends at closing time of its last working day and is due soon from 80 % of it', () => {
    // Monday 2 March 2026, 10:00 (08:30–17:30): 7.5 h that day + 15 × 9 h = 142.5 h of working
    // time; 80 % = 114 h: 7.5 h on the 2nd, then 11 full days (99 h), then 7.5 h into the 12th
    // working day (18 March) → 16:00.
    const t = decisionTerm(cal, tt, at('2026-03-02', '10:00'), 15, 80);
    expect(t).toEqual({
      ok: true,
      value: {
        dueAt: at('2026-03-23', '17:30'),
        yellowAt: at('2026-03-18', '16:00'),
        provisional: false,
      },
    });
    // The same due instant as the report's own decision term.
    const due = reportDecisionDue(cal, tt, at('2026-03-02', '10:00'), 15);
    expect(due.ok && due.value.at).toBe(at('2026-03-23', '17:30'));
  });

  it('of one working day is due soon in the afternoon of that day', () => {
    // 7.5 h + 9 h = 16.5 h; 80 % = 13 h 12 min: 7.5 h on the 2nd, 5 h 42 min on the 3rd → 14:12.
    const t = decisionTerm(cal, tt, at('2026-03-02', '10:00'), 1, 80);
    expect(t.ok && t.value.yellowAt).toBe(at('2026-03-03', '14:12'));
    expect(t.ok && t.value.dueAt).toBe(at('2026-03-03', '17:30'));
  });

  it('counted from a night on a holiday starts at the next working day’s opening', () => {
    const t = decisionTerm(cal, tt, at('2026-10-01', '23:30'), 15, 80);
    expect(t.ok && t.value.dueAt).toBe(at('2026-10-27', '17:30'));
    expect(t.ok && t.value.yellowAt).toBeGreaterThan(at('2026-10-08', '08:30'));
  });

  it('is provisional over a year without a calendar, and refuses a bad share', () => {
    const t = decisionTerm(cal, tt, at('2026-12-21', '10:00'), 15, 80);
    expect(t.ok && t.value.provisional).toBe(true);
    expect(decisionTerm(cal, tt, at('2026-03-02', '10:00'), 15, 100)).toMatchObject({
      ok: false,
      code: 'BAD_TERM',
      field: 'yellowAtPercent',
    });
    expect(decisionTerm(cal, tt, at('2026-03-02', '10:00'), 0, 80)).toMatchObject({
      ok: false,
      code: 'BAD_TERM',
    });
  });

  it('is never due soon before it starts nor after it is due (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 * 24 * 60 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 50, max: 99 }),
        (minutes, days, percent) => {
          const start = at('2026-01-01', '00:00') + minutes * 60_000;
          const t = decisionTerm(cal, tt, start, days, percent);
          if (!t.ok) return;
          expect(t.value.yellowAt).toBeGreaterThanOrEqual(start);
          expect(t.value.yellowAt).toBeLessThanOrEqual(t.value.dueAt);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('telling a term', () => {
  const t = { dueAt: 2_000, yellowAt: 1_000 };

  it('is nothing, due soon from the yellow instant, overdue once past the due instant', () => {
    expect(termLevel(t, 999)).toBeNull();
    expect(termLevel(t, 1_000)).toBe('due_soon');
    expect(termLevel(t, 2_000)).toBe('due_soon');
    expect(termLevel(t, 2_001)).toBe('overdue');
  });

  it('tells each level once, and a term first seen overdue only as overdue', () => {
    expect(termStep(null, null)).toEqual({ told: null, tell: null });
    expect(termStep(null, 'due_soon')).toEqual({ told: 'due_soon', tell: 'due_soon' });
    expect(termStep('due_soon', 'due_soon')).toEqual({ told: 'due_soon', tell: null });
    expect(termStep('due_soon', 'overdue')).toEqual({ told: 'overdue', tell: 'overdue' });
    expect(termStep(null, 'overdue')).toEqual({ told: 'overdue', tell: 'overdue' });
    expect(termStep('overdue', 'overdue')).toEqual({ told: 'overdue', tell: null });
  });

  it('tells every level at most once, in order, however often it is looked at (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3_000 }), { maxLength: 30 }), (times) => {
        let told: TermLevel | null = null;
        const tells: TermLevel[] = [];
        for (const now of [...times].sort((a, b) => a - b)) {
          const step = termStep(told, termLevel(t, now));
          told = step.told;
          if (step.tell) tells.push(step.tell);
        }
        expect(new Set(tells).size).toBe(tells.length);
        expect(tells.join(',')).toMatch(/^(due_soon)?(,?overdue)?$/);
        const last = times.length ? termLevel(t, Math.max(...times)) : null;
        expect(told).toBe(last);
      }),
    );
  });

  it('keys an item by the thing, the level and the due instant', () => {
    expect(termDedupeKey('report:12', 'due_soon', 1_000)).toBe('term:report:12:due_soon:1000');
    expect(termDedupeKey('report:12', 'overdue', 1_000)).not.toBe(
      termDedupeKey('report:12', 'due_soon', 1_000),
    );
    expect(termDedupeKey('report:12', 'overdue', 1_000)).not.toBe(
      termDedupeKey('report:12', 'overdue', 2_000),
    );
  });
});
