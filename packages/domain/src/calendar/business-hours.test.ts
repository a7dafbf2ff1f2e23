import { describe, expect, it } from 'vitest';
import { timetableOf } from './arbitraries.fixture.ts';
import { buildTimetable, hoursOn } from './business-hours.ts';
import { SEASONS } from './china-2026.fixture.ts';

const SUMMER = { open: '08:00', close: '18:00' };
const WINTER = { open: '08:30', close: '17:30' };

describe('seasonal business hours', () => {
  const tt = timetableOf(SEASONS);

  it('uses the season with the latest start not after the date', () => {
    expect(hoursOn(tt, '2026-05-01')).toEqual({ ok: true, value: SUMMER });
    expect(hoursOn(tt, '2026-09-30')).toEqual({ ok: true, value: SUMMER });
    expect(hoursOn(tt, '2026-10-01')).toEqual({ ok: true, value: WINTER });
    expect(hoursOn(tt, '2026-12-31')).toEqual({ ok: true, value: WINTER });
  });

  it('wraps round the year: before the first start, last year’s last season is in force', () => {
    expect(hoursOn(tt, '2026-01-01')).toEqual({ ok: true, value: WINTER });
    expect(hoursOn(tt, '2026-04-30')).toEqual({ ok: true, value: WINTER });
  });

  it('does not depend on the order the seasons were given in', () => {
    const reversed = timetableOf([...SEASONS].reverse());
    expect(reversed.seasons).toEqual(tt.seasons);
    expect(hoursOn(reversed, '2026-02-13')).toEqual(hoursOn(tt, '2026-02-13'));
  });

  it('works with a single season all year', () => {
    const one = timetableOf([{ from: '01-01', hours: WINTER }]);
    expect(hoursOn(one, '2026-07-01')).toEqual({ ok: true, value: WINTER });
  });

  it('starts a 02-29 season on 03-01 in a common year', () => {
    const leap = timetableOf([
      { from: '01-01', hours: WINTER },
      { from: '02-29', hours: SUMMER },
    ]);
    expect(hoursOn(leap, '2028-02-29')).toEqual({ ok: true, value: SUMMER });
    expect(hoursOn(leap, '2026-02-28')).toEqual({ ok: true, value: WINTER });
    expect(hoursOn(leap, '2026-03-01')).toEqual({ ok: true, value: SUMMER });
  });

  it('refuses a malformed date', () => {
    expect(hoursOn(tt, '2026-02-30')).toMatchObject({ ok: false, code: 'BAD_DATE', field: 'date' });
  });
});

describe('checking a timetable', () => {
  it('refuses an empty timetable', () => {
    expect(buildTimetable([])).toEqual({ ok: false, code: 'EMPTY_TIMETABLE', field: 'seasons' });
  });

  it('refuses a bad month-day or the same start twice', () => {
    expect(buildTimetable([{ from: '02-30', hours: WINTER }])).toEqual({
      ok: false,
      code: 'BAD_MONTH_DAY',
      field: 'from',
      details: { index: 0, value: '02-30' },
    });
    expect(buildTimetable([{ from: '5-1', hours: WINTER }])).toMatchObject({
      code: 'BAD_MONTH_DAY',
    });
    expect(
      buildTimetable([
        { from: '05-01', hours: SUMMER },
        { from: '05-01', hours: WINTER },
      ]),
    ).toMatchObject({
      code: 'DUPLICATE_FROM',
      field: 'from',
      details: { index: 1, firstIndex: 0 },
    });
  });

  it('refuses a bad time, naming opening or closing', () => {
    expect(
      buildTimetable([{ from: '01-01', hours: { open: '8:30', close: '17:30' } }]),
    ).toMatchObject({
      code: 'BAD_TIME',
      field: 'open',
    });
    // Closing at midnight ('24:00') is refused: the deadline would fall on the next calendar day.
    for (const close of ['25:00', '24:00'])
      expect(buildTimetable([{ from: '01-01', hours: { open: '08:30', close } }])).toMatchObject({
        code: 'BAD_TIME',
        field: 'close',
        details: { index: 0, value: close },
      });
  });

  it('refuses closing not after opening', () => {
    expect(buildTimetable([{ from: '01-01', hours: { open: '17:30', close: '17:30' } }])).toEqual({
      ok: false,
      code: 'CLOSE_NOT_AFTER_OPEN',
      field: 'close',
      details: { index: 0, value: '17:30' },
    });
  });
});
