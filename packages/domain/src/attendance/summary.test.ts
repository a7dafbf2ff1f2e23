import { describe, expect, it } from 'vitest';
import { classifyDay, type DayAttendance, type DayInput } from './day.ts';
import { summarizeAttendance } from './summary.ts';
import { at, dayInput } from './fixtures.fixture.ts';

const day = (over: Partial<DayInput>): DayAttendance => {
  const r = classifyDay(dayInput(over));
  if (!r.ok) throw new Error(r.code);
  return r.value;
};

describe('summarizeAttendance', () => {
  it('empty', () => {
    expect(summarizeAttendance([])).toMatchObject({ days: 0, late: 0, lateMinutes: 0 });
  });
  it('counts each kind of day', () => {
    const d = (date: string) => date;
    const days = [
      day({
        date: d('2026-03-02'),
        signIn: at('2026-03-02', '08:30'),
        signOut: at('2026-03-02', '17:30'),
      }),
      day({
        date: d('2026-03-03'),
        signIn: at('2026-03-03', '08:40'),
        signOut: at('2026-03-03', '17:30'),
      }),
      day({
        date: d('2026-03-04'),
        signIn: at('2026-03-04', '08:40'),
        signOut: at('2026-03-04', '17:00'),
      }),
      day({ date: d('2026-03-05') }),
      day({ date: d('2026-03-06'), signIn: at('2026-03-06', '08:35') }),
      day({
        date: d('2026-03-09'),
        absences: [
          {
            from: at('2026-03-09', '00:00'),
            to: at('2026-03-10', '00:00'),
            kind: 'official_leave',
          },
        ],
      }),
      day({ date: d('2026-03-07') }),
    ];
    expect(summarizeAttendance(days)).toEqual({
      days: 7,
      workingDays: 6,
      present: 1,
      late: 3,
      leftEarly: 1,
      absent: 1,
      onLeave: 1,
      missingSignOut: 1,
      missingSignIn: 0,
      lateMinutes: 10 + 10 + 5,
      earlyMinutes: 30,
      unexcusedMinutes: 10 + 40 + 540 + 5,
    });
  });
});
