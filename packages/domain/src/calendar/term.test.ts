import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arbCalendar,
  arbInstant,
  arbTerm,
  arbTimetable,
  calendarOf,
  timetableOf,
} from './arbitraries.fixture.ts';
import { hoursOnDay, type Timetable } from './business-hours.ts';
import { CHINA_2026, SEASONS } from './china-2026.fixture.ts';
import {
  daysFromCivil,
  formatIsoDate,
  isoWeekday,
  MS_PER_DAY,
  parseHhMm,
  parseIsoDate,
  shanghaiDayOf,
  shanghaiInstantOfDay,
} from './civil.ts';
import {
  addWorkingTime,
  deadline,
  extendByPauses,
  immediateDeadline,
  mergePauses,
  warningLevel,
  workingMillisBetween,
  type Pause,
} from './term.ts';
import { isWorkingDay, type WorkingCalendar } from './working-calendar.ts';

const cal = calendarOf(CHINA_2026);
const tt = timetableOf(SEASONS);
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** An Asia/Shanghai wall-clock time as epoch ms, e.g. sh('2026-02-13', '10:00'). */
function sh(date: string, time: string): number {
  return shanghaiInstantOfDay(parseIsoDate(date)!, parseHhMm(time)!);
}

function value<T>(r: { ok: true; value: T } | { ok: false; code: string }): T {
  if (!r.ok) throw new Error(`refused: ${r.code}`);
  return r.value;
}

describe('deadlines at closing time', () => {
  it('reads Shanghai wall-clock times as UTC+8', () => {
    expect(sh('2026-02-13', '10:00')).toBe(1_770_948_000_000); // 2026-02-13T02:00:00Z
    expect(sh('2026-02-25', '17:30')).toBe(1_772_011_800_000); // 2026-02-25T09:30:00Z
  });

  it('Spring Festival: accepted Fri 2026-02-13 10:00, 3 working days → Wed 2026-02-25 17:30 (winter hours)', () => {
    expect(deadline(cal, tt, sh('2026-02-13', '10:00'), 3)).toEqual({
      ok: true,
      value: { at: 1_772_011_800_000, date: '2026-02-25', provisional: false, missingYears: [] },
    });
  });

  it('takes the day of acceptance in Shanghai, not in UTC', () => {
    // 23:30 in Shanghai is still Feb 13 (15:30 UTC) …
    expect(value(deadline(cal, tt, sh('2026-02-13', '23:30'), 3)).date).toBe('2026-02-25');
    // … but 00:30 on Feb 14 in Shanghai (16:30 UTC on Feb 13) is accepted on the make-up Saturday:
    // Feb 24, 25, 26.
    const r = value(deadline(cal, tt, sh('2026-02-14', '00:30'), 3));
    expect(r.date).toBe('2026-02-26');
    expect(r.at).toBe(sh('2026-02-26', '17:30'));
  });

  it('National Day: accepted Wed 2026-09-30 (summer hours) ends Sat 2026-10-10 (make-up day, winter hours)', () => {
    expect(value(deadline(cal, tt, sh('2026-09-30', '16:00'), 3))).toEqual({
      at: 1_791_626_400_000 - 30 * MINUTE, // 2026-10-10T09:30:00Z = 17:30 in Shanghai
      date: '2026-10-10',
      provisional: false,
      missingYears: [],
    });
    expect(value(deadline(cal, tt, sh('2026-09-18', '09:00'), 1)).at).toBe(
      sh('2026-09-20', '18:00'),
    );
  });

  it('is provisional when the term runs into a year the calendar lacks', () => {
    expect(value(deadline(cal, tt, sh('2026-12-30', '10:00'), 5))).toEqual({
      at: sh('2027-01-06', '17:30'),
      date: '2027-01-06',
      provisional: true,
      missingYears: [2027],
    });
  });

  it('refuses a bad instant or term', () => {
    expect(deadline(cal, tt, Number.NaN, 3)).toMatchObject({
      code: 'BAD_INSTANT',
      field: 'acceptedAt',
    });
    expect(deadline(cal, tt, 1.5, 3)).toMatchObject({ code: 'BAD_INSTANT' });
    expect(deadline(cal, tt, sh('2026-02-13', '10:00'), 0)).toMatchObject({
      code: 'BAD_TERM',
      field: 'termDays',
    });
  });

  it('gives an immediate case 30 wall-clock minutes, whatever the calendar', () => {
    expect(immediateDeadline(sh('2026-02-13', '17:20'))).toBe(sh('2026-02-13', '17:50'));
    expect(immediateDeadline(0)).toBe(30 * MINUTE);
  });
});

describe('working time', () => {
  it('counts only business hours of working days', () => {
    // Fri Feb 13 16:00–17:30 (1.5 h) + Sat Feb 14, a make-up day, 08:30–17:30 (9 h) + Feb 15–23 off
    // + Tue Feb 24 08:30–09:30 (1 h).
    expect(
      workingMillisBetween(cal, tt, sh('2026-02-13', '16:00'), sh('2026-02-24', '09:30')),
    ).toEqual({
      ok: true,
      value: { millis: 11.5 * HOUR, provisional: false, missingYears: [] },
    });
    expect(
      value(workingMillisBetween(cal, tt, sh('2026-03-07', '09:00'), sh('2026-03-08', '17:00')))
        .millis,
    ).toBe(0);
    expect(
      value(workingMillisBetween(cal, tt, sh('2026-03-09', '07:00'), sh('2026-03-09', '20:00')))
        .millis,
    ).toBe(9 * HOUR);
  });

  it('is provisional only when it touches business hours of a missing year', () => {
    expect(
      value(workingMillisBetween(cal, tt, sh('2026-12-31', '17:00'), sh('2027-01-01', '08:00'))),
    ).toEqual({
      millis: 30 * MINUTE,
      provisional: false,
      missingYears: [],
    });
    expect(
      value(workingMillisBetween(cal, tt, sh('2026-12-31', '17:00'), sh('2027-01-01', '09:30'))),
    ).toEqual({
      millis: 1.5 * HOUR, // 17:00–17:30, then 08:30–09:30 on a day of 2027 taken for a plain Friday
      provisional: true,
      missingYears: [2027],
    });
  });

  it('refuses a reversed range or a bad instant', () => {
    expect(workingMillisBetween(cal, tt, 10, 9)).toMatchObject({
      code: 'RANGE_REVERSED',
      field: 'to',
    });
    expect(workingMillisBetween(cal, tt, Number.POSITIVE_INFINITY, 9)).toMatchObject({
      code: 'BAD_INSTANT',
      field: 'from',
    });
  });

  it('adds working time, carrying past closing into the next working day', () => {
    // Wed Feb 25 16:00 + 2 h: 1.5 h to 17:30, then 0.5 h from Thu 08:30.
    expect(value(addWorkingTime(cal, tt, sh('2026-02-25', '16:00'), 2 * HOUR)).at).toBe(
      sh('2026-02-26', '09:00'),
    );
    // Exactly up to closing stays at closing.
    expect(value(addWorkingTime(cal, tt, sh('2026-02-25', '16:00'), 1.5 * HOUR)).at).toBe(
      sh('2026-02-25', '17:30'),
    );
    // Over the Spring Festival: Fri Feb 13 17:00 + 1 h → Sat Feb 14 (make-up) 09:00.
    expect(value(addWorkingTime(cal, tt, sh('2026-02-13', '17:00'), HOUR)).at).toBe(
      sh('2026-02-14', '09:00'),
    );
    // Sat Feb 14 17:00 + 1 h → Tue Feb 24 09:00.
    expect(value(addWorkingTime(cal, tt, sh('2026-02-14', '17:00'), HOUR)).at).toBe(
      sh('2026-02-24', '09:00'),
    );
    expect(addWorkingTime(cal, tt, 0, -1)).toMatchObject({ code: 'BAD_DURATION', field: 'millis' });
  });
});

describe('pauses', () => {
  const due = sh('2026-02-25', '17:30');

  it('moves the deadline by the paused working time, overlaps counted once', () => {
    const pauses = [
      { from: sh('2026-02-24', '09:00'), to: sh('2026-02-24', '11:00') },
      { from: sh('2026-02-24', '10:00'), to: sh('2026-02-24', '12:00') },
    ];
    expect(extendByPauses(cal, tt, due, pauses)).toEqual({
      ok: true,
      value: {
        at: sh('2026-02-26', '11:30'),
        date: '2026-02-26',
        provisional: false,
        missingYears: [],
        pausedMillis: 3 * HOUR,
      },
    });
  });

  it('counts only working time of a pause over a holiday', () => {
    // Waiting for the applicant from Fri Feb 13 17:00 to Tue Feb 24 09:00: 0.5 h + 9 h (Sat Feb 14)
    // + 0.5 h = 10 h → Thu Feb 26 full day (9 h) + 1 h on Fri Feb 27.
    const r = value(
      extendByPauses(cal, tt, due, [
        { from: sh('2026-02-13', '17:00'), to: sh('2026-02-24', '09:00') },
      ]),
    );
    expect(r.pausedMillis).toBe(10 * HOUR);
    expect(r.at).toBe(sh('2026-02-27', '09:30'));
  });

  it('leaves the deadline alone without pauses or with pauses outside business hours', () => {
    expect(value(extendByPauses(cal, tt, due, [])).at).toBe(due);
    const night = { from: sh('2026-02-24', '18:00'), to: sh('2026-02-25', '08:00') };
    expect(value(extendByPauses(cal, tt, due, [night]))).toMatchObject({
      at: due,
      pausedMillis: 0,
    });
  });

  it('refuses a pause that ends before it starts, naming which', () => {
    expect(
      extendByPauses(cal, tt, due, [
        { from: 1, to: 2 },
        { from: 5, to: 3 },
      ]),
    ).toMatchObject({
      code: 'PAUSE_REVERSED',
      field: 'pauses',
      details: { index: 1 },
    });
  });

  it('merges pauses into disjoint intervals', () => {
    expect(
      mergePauses([
        { from: 5, to: 7 },
        { from: 1, to: 3 },
        { from: 2, to: 4 },
        { from: 4, to: 4 },
        { from: 6, to: 6 },
      ]),
    ).toEqual([
      { from: 1, to: 4 },
      { from: 5, to: 7 },
    ]);
  });
});

describe('early warning (红黄牌)', () => {
  const start = 0;
  const end = 1000;

  it('is green, then yellow from the threshold, then red once past the deadline', () => {
    expect(warningLevel(start, end, 0)).toEqual({ ok: true, value: 'green' });
    expect(warningLevel(start, end, 799)).toEqual({ ok: true, value: 'green' });
    expect(warningLevel(start, end, 800)).toEqual({ ok: true, value: 'yellow' });
    expect(warningLevel(start, end, 1000)).toEqual({ ok: true, value: 'yellow' });
    expect(warningLevel(start, end, 1001)).toEqual({ ok: true, value: 'red' });
    expect(warningLevel(start, end, -5)).toEqual({ ok: true, value: 'green' });
    expect(warningLevel(start, end, 500, 0.5)).toEqual({ ok: true, value: 'yellow' });
  });

  it('refuses a threshold outside (0, 1)', () => {
    for (const t of [0, 1, -0.1, 1.5, Number.NaN])
      expect(warningLevel(start, end, 500, t)).toEqual({
        ok: false,
        code: 'BAD_THRESHOLD',
        field: 'yellowAtFraction',
        details: { value: t },
      });
  });

  it('refuses a deadline not after the start', () => {
    expect(warningLevel(end, end, 500)).toMatchObject({ code: 'DEADLINE_NOT_AFTER_START' });
  });

  it('never goes back from red to yellow or yellow to green as time passes (property)', () => {
    const rank = { green: 0, yellow: 1, red: 2 };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: -100, max: 20_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (len, now, later, t) => {
          const a = value(warningLevel(0, len, now, t));
          const b = value(warningLevel(0, len, now + later, t));
          return rank[b] >= rank[a];
        },
      ),
    );
  });
});

// ---- properties ----

const closingOf = (timetable: Timetable, at: number) =>
  shanghaiInstantOfDay(shanghaiDayOf(at), hoursOnDay(timetable, shanghaiDayOf(at)).close);

/** Working in the calendar, or — in a year it lacks — a plain weekday. */
function workingOrGuess(c: WorkingCalendar, at: number): boolean {
  const day = shanghaiDayOf(at);
  const w = isWorkingDay(c, formatIsoDate(day));
  return w.ok ? w.value : w.code === 'CALENDAR_YEAR_MISSING' && isoWeekday(day) <= 5;
}

const arbPause: fc.Arbitrary<Pause> = fc
  .tuple(arbInstant, fc.integer({ min: 0, max: 12 * MS_PER_DAY }))
  .map(([from, length]) => ({ from, to: from + length }));

describe('terms (properties)', () => {
  it('ends a term at closing time on a working day', () => {
    fc.assert(
      fc.property(arbCalendar, arbTimetable, arbInstant, arbTerm, ({ cal: c }, t, at, n) => {
        const d = value(deadline(c, t, at, n));
        expect(d.at).toBe(closingOf(t, d.at));
        expect(workingOrGuess(c, d.at)).toBe(true);
        expect(d.at > at).toBe(true);
      }),
    );
  });

  it('moves a deadline by exactly the paused working time', () => {
    fc.assert(
      fc.property(
        arbCalendar,
        arbTimetable,
        arbInstant,
        arbTerm,
        fc.array(arbPause, { maxLength: 4 }),
        ({ cal: c }, t, at, n, pauses) => {
          const due = value(deadline(c, t, at, n)).at;
          const ext = value(extendByPauses(c, t, due, pauses));
          expect(ext.at >= due).toBe(true);
          expect(value(workingMillisBetween(c, t, due, ext.at)).millis).toBe(ext.pausedMillis);
          // The paused time is that of the union of the pauses.
          let union = 0;
          for (const p of mergePauses(pauses))
            union += value(workingMillisBetween(c, t, p.from, p.to)).millis;
          expect(ext.pausedMillis).toBe(union);
          // Giving a pause twice changes nothing.
          expect(value(extendByPauses(c, t, due, [...pauses, ...pauses]))).toEqual(ext);
          // A moved deadline ends on a working day, within its business hours.
          if (ext.pausedMillis > 0) {
            expect(workingOrGuess(c, ext.at)).toBe(true);
            expect(ext.at <= closingOf(t, ext.at)).toBe(true);
          }
        },
      ),
    );
  });

  it('adds working time additively: a + b = (a then b)', () => {
    fc.assert(
      fc.property(
        arbCalendar,
        arbTimetable,
        arbInstant,
        fc.integer({ min: 1, max: 30 * HOUR }),
        fc.integer({ min: 1, max: 30 * HOUR }),
        ({ cal: c }, t, start, a, b) => {
          const once = value(addWorkingTime(c, t, start, a + b)).at;
          const twice = value(addWorkingTime(c, t, value(addWorkingTime(c, t, start, a)).at, b)).at;
          expect(twice).toBe(once);
        },
      ),
    );
  });

  it('does not depend on the process time zone', () => {
    const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } })
      .process.env;
    const saved = env.TZ;
    const sample = fc.sample(
      fc.tuple(
        arbCalendar,
        arbTimetable,
        arbInstant,
        arbTerm,
        fc.array(arbPause, { maxLength: 3 }),
      ),
      { numRuns: 40, seed: 2026 },
    );
    const run = () =>
      sample.map(([{ cal: c }, t, at, n, pauses]) => {
        const d = value(deadline(c, t, at, n));
        return [
          d,
          value(extendByPauses(c, t, d.at, pauses)),
          value(workingMillisBetween(c, t, at, d.at)),
        ];
      });
    try {
      const results = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati'].map(
        (zone) => {
          env.TZ = zone;
          return run();
        },
      );
      for (const r of results) expect(r).toEqual(results[0]);
    } finally {
      if (saved === undefined) delete env.TZ;
      else env.TZ = saved;
    }
  });
});

describe('a full year of deadlines', () => {
  it('ends every term of 1–20 days accepted by 2026-11-27 on a working day of the 2026 calendar', () => {
    const first = daysFromCivil(2026, 1, 1);
    for (let day = first; day <= daysFromCivil(2026, 11, 27); day++)
      for (let n = 1; n <= 20; n++) {
        const d = value(deadline(cal, tt, shanghaiInstantOfDay(day, 600), n));
        expect(isWorkingDay(cal, d.date)).toEqual({ ok: true, value: true });
      }
  });
});
