import { describe, expect, it } from 'vitest';
import { workingMillisBetween } from '../calendar/term.ts';
import {
  acceptWithTerm,
  ACCEPTED_AT,
  CAL_2026,
  ctxOf,
  CTX,
  HOUR,
  MINUTE,
  newCase,
  sh,
  TT_2026,
  value,
} from './fixtures.fixture.ts';
import type { AcceptedKind, CaseState } from './model.ts';
import {
  caseDeadline,
  clockStart,
  lightOf,
  pausesUntil,
  supplementDue,
  totalTermDays,
  type TermContext,
} from './term.ts';
import { pause, requestSupplement, resume } from './transitions.ts';

const acceptAt = (
  at: number,
  kind: AcceptedKind,
  termDays: number | null,
  from: CaseState = newCase(at),
  ctx: TermContext = CTX,
) => value(acceptWithTerm(from, { at, kind, termDays }, ctx));

const deadlineOf = (s: CaseState, now: number, ctx: TermContext = CTX) => {
  const d = value(caseDeadline(s, ctx, now));
  if (d === null) throw new Error('no deadline');
  return d;
};

describe('art. 32: the supplement notice is due within 5 working days of receipt', () => {
  it('is the closing time of the 5th working day after the day of receipt, across a weekend', () => {
    // Received Wed 03-04: Thu 5, Fri 6, Mon 9, Tue 10, Wed 11 → 17:30 (winter hours).
    expect(supplementDue(sh('2026-03-04', '10:00'), CTX)).toEqual({
      ok: true,
      value: {
        at: sh('2026-03-11', '17:30'),
        date: '2026-03-11',
        provisional: false,
        missingYears: [],
      },
    });
    // Received at opening time or on a Saturday: the day of receipt never counts.
    expect(value(supplementDue(sh('2026-03-04', '08:30'), CTX)).date).toBe('2026-03-11');
    expect(value(supplementDue(sh('2026-03-07', '10:00'), CTX)).at).toBe(sh('2026-03-13', '17:30'));
  });

  it('across the 2026 National Day holiday', () => {
    // Received Tue 09-29: Wed 09-30 (1), Oct 1–7 off, Thu 10-08 (2), Fri 10-09 (3),
    // Sat 10-10 make-up workday (4), Sun 10-11 off, Mon 10-12 (5) → 17:30 (winter hours from 10-01).
    expect(value(supplementDue(sh('2026-09-29', '10:00'), CTX))).toEqual({
      at: 1_791_797_400_000,
      date: '2026-10-12',
      provisional: false,
      missingYears: [],
    });
    // Received Fri 09-18: Sun 09-20 is a make-up workday (1), 21, 22, 23, Thu 24 (5) → 18:00 (summer).
    expect(value(supplementDue(sh('2026-09-18', '10:00'), CTX)).at).toBe(sh('2026-09-24', '18:00'));
  });

  it('follows the policy', () => {
    const one = ctxOf({ supplementWithinWorkingDays: 1 });
    expect(value(supplementDue(sh('2026-03-04', '10:00'), one)).at).toBe(sh('2026-03-05', '17:30'));
  });

  it('a supplement notice at the due instant is allowed, one millisecond later refused', () => {
    const received = newCase(sh('2026-03-04', '10:00'));
    const due = sh('2026-03-11', '17:30');
    const inTime = value(requestSupplement(received, { at: due }, CTX));
    expect(inTime).toMatchObject({ status: 'awaiting_materials', supplementAt: due });
    expect(requestSupplement(received, { at: due + 1 }, CTX)).toEqual({
      ok: false,
      code: 'SUPPLEMENT_TOO_LATE',
      details: { dueAt: due, date: '2026-03-11' },
    });
  });

  it('accepting after the due instant with no supplement notice starts the clock at receipt (deemed)', () => {
    const receivedAt = sh('2026-03-04', '10:00');
    const due = sh('2026-03-11', '17:30');
    const s = acceptAt(due + 1, 'promised', 5, newCase(receivedAt));
    expect(s).toMatchObject({
      acceptedAt: due + 1,
      clockStartAt: receivedAt,
      deemedAccepted: true,
    });
    expect(clockStart({ receivedAt, supplementAt: null }, due + 1, CTX)).toEqual({
      ok: true,
      value: { at: receivedAt, deemed: true },
    });
    // So the 5 working days ran from Wed 03-04 and the case is already overdue when accepted.
    const d = deadlineOf(s, due + 1);
    expect(d.at).toBe(due);
    expect(lightOf(s, d, due + 1)).toBe('red');
  });

  it('accepting within the period starts the clock at acceptance', () => {
    const receivedAt = sh('2026-03-04', '10:00');
    const due = sh('2026-03-11', '17:30');
    for (const at of [receivedAt, sh('2026-03-06', '09:00'), due]) {
      const s = acceptAt(at, 'promised', 5, newCase(receivedAt));
      expect(s).toMatchObject({ acceptedAt: at, clockStartAt: at, deemedAccepted: false });
    }
  });

  it('after an in-time supplement notice the clock starts at acceptance, however late', () => {
    const receivedAt = sh('2026-03-04', '10:00');
    const awaiting = value(
      requestSupplement(newCase(receivedAt), { at: sh('2026-03-05', '10:00') }, CTX),
    );
    const at = sh('2026-04-20', '10:00');
    expect(acceptAt(at, 'promised', 5, awaiting)).toMatchObject({
      status: 'in_progress',
      supplementAt: sh('2026-03-05', '10:00'),
      clockStartAt: at,
      deemedAccepted: false,
    });
    expect(clockStart({ receivedAt, supplementAt: receivedAt }, at, CTX)).toEqual({
      ok: true,
      value: { at, deemed: false },
    });
  });
});

describe('deadlines with the 2026 calendar', () => {
  it('an immediate case accepted at 10:00 ends at 10:30 and turns yellow at 10:24', () => {
    const s = acceptAt(ACCEPTED_AT, 'immediate', null);
    expect(deadlineOf(s, ACCEPTED_AT)).toEqual({
      at: 1_772_418_600_000,
      date: '2026-03-02',
      provisional: false,
      missingYears: [],
      yellowAt: 1_772_418_240_000,
      pausedMillis: 0,
    });
    expect(sh('2026-03-02', '10:30')).toBe(1_772_418_600_000);
  });

  it('an immediate case counts wall-clock minutes, past closing time', () => {
    const s = acceptAt(sh('2026-03-02', '17:20'), 'immediate', null);
    expect(deadlineOf(s, sh('2026-03-02', '17:20')).at).toBe(sh('2026-03-02', '17:50'));
  });

  it('a promised case of 5 working days accepted Fri 2026-09-25 ends Fri 2026-10-09 17:30', () => {
    // 09-25 (中秋, the acceptance day) not counted; 26–27 off; Mon 28 (1), Tue 29 (2), Wed 30 (3);
    // Oct 1–7 off; Thu 10-08 (4), Fri 10-09 (5); winter hours from 10-01 close at 17:30.
    const s = acceptAt(sh('2026-09-25', '10:00'), 'promised', 5);
    expect(deadlineOf(s, sh('2026-09-25', '10:00'))).toMatchObject({
      at: 1_791_538_200_000,
      date: '2026-10-09',
      provisional: false,
      missingYears: [],
      pausedMillis: 0,
    });
  });

  it('the acceptance day never counts, even when accepted at opening time', () => {
    expect(deadlineOf(acceptAt(sh('2026-03-02', '08:30'), 'promised', 1), 0).at).toBe(
      sh('2026-03-03', '17:30'),
    );
    expect(deadlineOf(acceptAt(sh('2026-06-01', '08:00'), 'promised', 1), 0).at).toBe(
      sh('2026-06-02', '18:00'),
    );
    expect(deadlineOf(acceptAt(sh('2026-03-02', '00:00'), 'reported', 1), 0).at).toBe(
      sh('2026-03-03', '17:30'),
    );
  });

  it('a petition of 60 calendar days ending on a holiday rolls to the next working day', () => {
    // Sun 08-02 + 60 days = Thu 10-01 (National Day); Oct 1–7 off → Thu 10-08, 17:30.
    const s = acceptAt(sh('2026-08-02', '10:00'), 'petition', 60);
    expect(deadlineOf(s, 0)).toMatchObject({ at: 1_791_451_800_000, date: '2026-10-08' });
  });

  it('a petition ending on a Sunday rolls to Monday', () => {
    // Wed 03-11 + 60 = Sun 05-10 → Mon 05-11, summer hours 18:00.
    const s = acceptAt(sh('2026-03-11', '10:00'), 'petition', 60);
    expect(deadlineOf(s, 0)).toMatchObject({ at: 1_778_493_600_000, date: '2026-05-11' });
  });

  it('a year missing from the calendar makes the deadline provisional', () => {
    // Mon 2026-12-28: Tue 29 (1), Wed 30 (2), Thu 31 (3), Fri 2027-01-01 guessed a weekday (4), Mon 01-04 (5).
    const s = acceptAt(sh('2026-12-28', '10:00'), 'promised', 5);
    expect(deadlineOf(s, 0)).toMatchObject({
      at: 1_799_055_000_000,
      date: '2027-01-04',
      provisional: true,
      missingYears: [2027],
    });
    const inYear = acceptAt(sh('2026-12-21', '10:00'), 'promised', 5);
    expect(deadlineOf(inYear, 0)).toMatchObject({ provisional: false, missingYears: [] });
  });

  it('a pause that pushes the deadline into a missing year makes it provisional', () => {
    // Mon 12-21 + 5 → Mon 12-28 17:30, inside 2026. Paused from Tue 12-22 08:30 until (now)
    // Tue 12-29 08:30: 5 working days of 9 h = 45 h → 12-29, 12-30, 12-31, 2027-01-01 (guessed),
    // Mon 2027-01-04 17:30.
    const s = acceptAt(sh('2026-12-21', '10:00'), 'promised', 5);
    expect(deadlineOf(s, 0)).toMatchObject({ date: '2026-12-28', provisional: false });
    const p = value(pause(s, { at: sh('2026-12-22', '08:30'), reason: 'testing', note: '' }, CTX));
    expect(deadlineOf(p, sh('2026-12-29', '08:30'))).toMatchObject({
      at: sh('2027-01-04', '17:30'),
      pausedMillis: 45 * HOUR,
      provisional: true,
      missingYears: [2027],
    });
  });

  it('is null for a case never accepted', () => {
    expect(value(caseDeadline(newCase(), CTX, ACCEPTED_AT))).toBeNull();
  });
});

describe('pauses', () => {
  // Promised, 5 working days from Mon 2026-03-02 10:00 → Mon 2026-03-09 17:30.
  const promised = acceptAt(ACCEPTED_AT, 'promised', 5);
  const paused = value(
    pause(promised, { at: sh('2026-03-03', '14:00'), reason: 'testing', note: '' }, CTX),
  );

  it('a closed pause shifts the deadline by exactly its working time', () => {
    // Tue 14:00–17:30 (3.5 h) + Wed 08:30–10:00 (1.5 h) = 5 h; Mon 17:30 + 5 h → Tue 03-10 13:30.
    const resumed = value(resume(paused, { at: sh('2026-03-04', '10:00') }));
    expect(deadlineOf(resumed, sh('2026-04-01', '10:00'))).toMatchObject({
      at: 1_773_120_600_000,
      date: '2026-03-10',
      pausedMillis: 5 * HOUR,
    });
  });

  it('an open pause counts up to now', () => {
    // Tue 14:00–16:00 = 2 h → Tue 03-10 10:30.
    expect(deadlineOf(paused, sh('2026-03-03', '16:00'))).toMatchObject({
      at: sh('2026-03-10', '10:30'),
      pausedMillis: 2 * HOUR,
    });
    // Now before the pause began: nothing paused yet.
    expect(deadlineOf(paused, sh('2026-03-03', '13:00'))).toMatchObject({
      at: sh('2026-03-09', '17:30'),
      pausedMillis: 0,
    });
    expect(pausesUntil(paused, sh('2026-03-03', '13:00'))).toEqual([
      { from: sh('2026-03-03', '14:00'), to: sh('2026-03-03', '14:00') },
    ]);
  });

  it('only working time of a pause counts (a weekend pause)', () => {
    // Fri 03-06 17:00 → Mon 03-09 09:00: 0.5 h + 0.5 h = 1 h → Tue 03-10 09:30.
    const p = value(
      pause(promised, { at: sh('2026-03-06', '17:00'), reason: 'hearing', note: '' }, CTX),
    );
    const r = value(resume(p, { at: sh('2026-03-09', '09:00') }));
    expect(deadlineOf(r, sh('2026-03-20', '09:00'))).toMatchObject({
      at: sh('2026-03-10', '09:30'),
      pausedMillis: HOUR,
    });
  });

  it('several pauses add up', () => {
    const r1 = value(resume(paused, { at: sh('2026-03-03', '15:00') })); // 1 h
    const p2 = value(
      pause(r1, { at: sh('2026-03-05', '09:00'), reason: 'hearing', note: '' }, CTX),
    );
    const r2 = value(resume(p2, { at: sh('2026-03-05', '09:30') })); // 0.5 h
    expect(deadlineOf(r2, sh('2026-03-20', '09:00'))).toMatchObject({
      at: sh('2026-03-10', '10:00'),
      pausedMillis: 1.5 * HOUR,
    });
  });
});

describe('yellowAt and lightOf (红黄牌)', () => {
  const promised = acceptAt(ACCEPTED_AT, 'promised', 5);
  // Term: Mon 10:00–17:30 (7.5 h) + Tue–Fri (4 × 9 h) + Mon 03-09 (9 h) = 52.5 h; 80 % = 42 h →
  // Fri 03-06 16:00, leaving 1.5 h + 9 h = 10.5 h = 20 %.
  const TERM = 52.5 * HOUR;

  it('turns yellow when 80 % of the working time is used', () => {
    const d = deadlineOf(promised, ACCEPTED_AT);
    expect(d.yellowAt).toBe(1_772_784_000_000);
    expect(d.yellowAt).toBe(sh('2026-03-06', '16:00'));
    expect(value(workingMillisBetween(CAL_2026, TT_2026, ACCEPTED_AT, d.at)).millis).toBe(TERM);
    expect(value(workingMillisBetween(CAL_2026, TT_2026, d.yellowAt, d.at)).millis).toBe(
      TERM * 0.2,
    );
  });

  it('follows the policy percentage', () => {
    // 50 % = 26.25 h: Mon 7.5, Tue 9, Wed 9 → Thu 08:30 + 0.75 h = 09:15.
    const d = deadlineOf(promised, ACCEPTED_AT, ctxOf({ yellowAtPercent: 50 }));
    expect(d.yellowAt).toBe(sh('2026-03-05', '09:15'));
    const imm = acceptAt(ACCEPTED_AT, 'immediate', null);
    expect(deadlineOf(imm, ACCEPTED_AT, ctxOf({ yellowAtPercent: 50 })).yellowAt).toBe(
      sh('2026-03-02', '10:15'),
    );
  });

  it('moves with the pauses, still leaving 20 % of the term', () => {
    const p = value(
      pause(promised, { at: sh('2026-03-03', '14:00'), reason: 'testing', note: '' }, CTX),
    );
    const r = value(resume(p, { at: sh('2026-03-04', '10:00') }));
    const d = deadlineOf(r, sh('2026-03-05', '10:00'));
    expect(d.yellowAt).toBe(sh('2026-03-09', '12:00'));
    expect(value(workingMillisBetween(CAL_2026, TT_2026, d.yellowAt, d.at)).millis).toBe(
      TERM * 0.2,
    );
  });

  it('lightOf at the boundaries', () => {
    const d = deadlineOf(promised, ACCEPTED_AT);
    expect(lightOf(promised, d, ACCEPTED_AT)).toBe('green');
    expect(lightOf(promised, d, d.yellowAt - 1)).toBe('green');
    expect(lightOf(promised, d, d.yellowAt)).toBe('yellow');
    expect(lightOf(promised, d, d.at)).toBe('yellow');
    expect(lightOf(promised, d, d.at + 1)).toBe('red');
    expect(lightOf({ status: 'paused' }, d, d.yellowAt)).toBe('paused');
    expect(lightOf({ status: 'paused' }, d, d.at + 1)).toBe('paused');
    expect(lightOf({ status: 'with_authority' }, d, d.at + 1)).toBe('red');
  });

  it('lightOf of an immediate case: yellow from 10:24, red after 10:30', () => {
    const s = acceptAt(ACCEPTED_AT, 'immediate', null);
    const d = deadlineOf(s, ACCEPTED_AT);
    expect(lightOf(s, d, sh('2026-03-02', '10:24') - 1)).toBe('green');
    expect(lightOf(s, d, sh('2026-03-02', '10:24'))).toBe('yellow');
    expect(lightOf(s, d, sh('2026-03-02', '10:30'))).toBe('yellow');
    expect(lightOf(s, d, sh('2026-03-02', '10:30') + 1)).toBe('red');
    expect(d.at - d.yellowAt).toBe(6 * MINUTE);
  });
});

describe('totalTermDays', () => {
  it('adds the extension to the term', () => {
    expect(totalTermDays({ termDays: 5, extension: null })).toBe(5);
    expect(
      totalTermDays({
        termDays: 5,
        extension: { at: 0, days: 3, approverName: 'a', reason: 'b' },
      }),
    ).toBe(8);
    expect(totalTermDays({ termDays: null, extension: null })).toBe(0);
  });
});
