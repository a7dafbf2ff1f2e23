import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, type CaseStatus } from '../cases/model.ts';
import {
  caseKindOf,
  countsAsOnTime,
  countsForOnTime,
  isReportOverdue,
  noShowRatePercent,
  onTimeBy,
  onTimeFigure,
  satisfactionOfCounts,
} from './figures.ts';

describe('the on-time rate (按时办结率)', () => {
  it('is on time ÷ completed, one decimal half up; nothing completed gives no rate', () => {
    expect(onTimeFigure({ closed: 3, onTime: 2 })).toEqual({
      closed: 3,
      onTime: 2,
      late: 1,
      ratePercent: 66.7,
    });
    expect(onTimeFigure({ closed: 8, onTime: 7 }).ratePercent).toBe(87.5);
    expect(onTimeFigure({ closed: 0, onTime: 0 })).toEqual({
      closed: 0,
      onTime: 0,
      late: 0,
      ratePercent: null,
    });
  });

  it('counts completed cases only: inquiries, returned and open cases ran no term to its end', () => {
    const counted = CASE_STATUSES.filter((s) => countsForOnTime({ status: s }));
    expect(counted).toEqual(['completed']);
  });

  it('counts a completed case on time only on a stored "on time" verdict', () => {
    expect(countsAsOnTime({ status: 'completed', onTime: true })).toBe(true);
    expect(countsAsOnTime({ status: 'completed', onTime: false })).toBe(false);
    expect(countsAsOnTime({ status: 'completed', onTime: null })).toBe(false);
    expect(countsAsOnTime({ status: 'returned', onTime: true })).toBe(false);
  });

  it('groups as the database does: by a key, counting only what counts', () => {
    const cases = [
      { status: 'completed', onTime: true, window: 1 },
      { status: 'completed', onTime: false, window: 1 },
      { status: 'completed', onTime: true, window: 2 },
      { status: 'returned', onTime: null, window: 2 },
      { status: 'answered', onTime: null, window: 3 },
    ] as const;
    const by = onTimeBy(cases, (_, i) => cases[i]!.window);
    expect([...by.entries()]).toEqual([
      [1, { closed: 2, onTime: 1 }],
      [2, { closed: 1, onTime: 1 }],
    ]);
  });
});

describe('the kind of a case (件类)', () => {
  it('puts every case in exactly one kind, as it stands now', () => {
    const kinds = Object.fromEntries(
      CASE_STATUSES.map((s: CaseStatus) => [
        s,
        caseKindOf({
          status: s,
          acceptedKind: ['in_progress', 'paused', 'with_authority', 'completed'].includes(s)
            ? 'promised'
            : null,
        }),
      ]),
    );
    expect(kinds).toEqual({
      received: 'unclassified',
      answered: 'inquiry',
      awaiting_materials: 'supplement',
      returned: 'returned',
      in_progress: 'promised',
      paused: 'promised',
      with_authority: 'promised',
      completed: 'promised',
    });
  });

  it('counts a case returned after acceptance as returned, and an accepted one by its sub-kind', () => {
    expect(caseKindOf({ status: 'returned', acceptedKind: 'promised' })).toBe('returned');
    expect(caseKindOf({ status: 'completed', acceptedKind: 'immediate' })).toBe('immediate');
    expect(caseKindOf({ status: 'with_authority', acceptedKind: 'reported' })).toBe('reported');
  });
});

describe('the satisfaction rate from counts', () => {
  it('is the ratings domain figure: 非常满意 + 满意 + 基本满意 out of all counted', () => {
    expect(
      satisfactionOfCounts(
        { very_satisfied: 5, satisfied: 4, basically_satisfied: 2, dissatisfied: 1 },
        1,
      ),
    ).toEqual({
      total: 12,
      byLevel: {
        very_satisfied: 5,
        satisfied: 4,
        basically_satisfied: 2,
        dissatisfied: 1,
        very_dissatisfied: 0,
      },
      satisfied: 11,
      bad: 1,
      excluded: 1,
      ratePercent: 91.7,
    });
    expect(satisfactionOfCounts({}, 0).ratePercent).toBeNull();
  });
});

describe('complaints and bookings', () => {
  const due = 1_000_000;
  it('calls a report overdue when decided after its term, or undecided once the term is over', () => {
    expect(isReportOverdue({ decidedAt: due, decideDueAt: due }, due + 5)).toBe(false);
    expect(isReportOverdue({ decidedAt: due + 1, decideDueAt: due }, due + 5)).toBe(true);
    expect(isReportOverdue({ decidedAt: null, decideDueAt: due }, due)).toBe(false);
    expect(isReportOverdue({ decidedAt: null, decideDueAt: due }, due + 1)).toBe(true);
    expect(isReportOverdue({ decidedAt: null, decideDueAt: null }, due + 1)).toBe(false);
  });

  it('gives the no-show rate of the bookings whose slot has come', () => {
    expect(noShowRatePercent({ arrived: 7, noShow: 1 })).toBe(12.5);
    expect(noShowRatePercent({ arrived: 0, noShow: 0 })).toBeNull();
  });
});
