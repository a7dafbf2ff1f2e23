import { describe, expect, it } from 'vitest';
import { CAL_2026, HOUR, MINUTE, sh, TT_2026, value } from '../cases/fixtures.fixture.ts';
import { averageWorkingMinutes, workingTimeUsed } from './working-time.ts';

// Winter hours 08:30–17:30: a full working day is 9 hours.
const used = (c: Parameters<typeof workingTimeUsed>[2]) =>
  value(workingTimeUsed(CAL_2026, TT_2026, c));

describe('the working time a case took (办理用时)', () => {
  const start = sh('2026-03-02', '10:00'); // Monday
  const end = sh('2026-03-04', '11:00'); // Wednesday

  it('counts business hours of working days from the clock start to completion', () => {
    // Mon 10:00–17:30 (7.5 h) + Tue (9 h) + Wed 08:30–11:00 (2.5 h).
    expect(used({ clockStartAt: start, closedAt: end, pauses: [] })).toEqual({
      millis: 19 * HOUR,
      pausedMillis: 0,
      provisional: false,
      missingYears: [],
    });
  });

  it('takes the pauses out, overlapping ones once, each cut to the span', () => {
    // Tue 10:00 – Wed 09:00 is 7.5 h + 0.5 h of working time.
    const pause = { from: sh('2026-03-03', '10:00'), to: sh('2026-03-04', '09:00') };
    expect(used({ clockStartAt: start, closedAt: end, pauses: [pause] }).millis).toBe(11 * HOUR);
    const overlapping = { from: sh('2026-03-03', '12:00'), to: sh('2026-03-03', '13:00') };
    expect(used({ clockStartAt: start, closedAt: end, pauses: [pause, overlapping] }).millis).toBe(
      11 * HOUR,
    );
    // A pause reaching before the start counts from the start; one still open, until completion.
    const before = { from: sh('2026-03-01', '10:00'), to: sh('2026-03-02', '11:00') };
    const open = { from: sh('2026-03-04', '10:00'), to: null };
    expect(used({ clockStartAt: start, closedAt: end, pauses: [before, open] }).millis).toBe(
      19 * HOUR - HOUR - HOUR,
    );
  });

  it('skips holidays and counts make-up working days (春节 2026)', () => {
    // Fri 02-13 16:00–17:30, Sat 02-14 worked (9 h), 02-15…02-23 off, Tue 02-24 08:30–09:30.
    const r = used({
      clockStartAt: sh('2026-02-13', '16:00'),
      closedAt: sh('2026-02-24', '09:30'),
      pauses: [],
    });
    expect(r.millis).toBe(11 * HOUR + 30 * MINUTE);
  });

  it('is provisional across a year the calendar lacks', () => {
    const r = used({
      clockStartAt: sh('2026-12-31', '16:00'),
      closedAt: sh('2027-01-04', '09:30'),
      pauses: [],
    });
    expect(r).toMatchObject({ provisional: true, missingYears: [2027] });
  });

  it('refuses a completion before the start', () => {
    expect(
      workingTimeUsed(CAL_2026, TT_2026, { clockStartAt: end, closedAt: start, pauses: [] }),
    ).toMatchObject({ ok: false, code: 'RANGE_REVERSED' });
  });
});

describe('the average working time', () => {
  it('is the mean in whole minutes, half up; none without cases', () => {
    expect(averageWorkingMinutes([HOUR, 2 * HOUR])).toEqual({ count: 2, minutes: 90 });
    expect(averageWorkingMinutes([30_000, 0])).toEqual({ count: 2, minutes: 0 });
    expect(averageWorkingMinutes([30_000, 60_000])).toEqual({ count: 2, minutes: 1 });
    expect(averageWorkingMinutes([])).toEqual({ count: 0, minutes: null });
  });
});
