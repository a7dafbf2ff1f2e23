import type { PortalDayHours } from '@bianmin/contracts';
import { describe, expect, it } from 'vitest';
import { beijingDate, beijingTime, hoursText, openAt } from './hours.ts';
import { P } from './strings.ts';

const day = (over: Partial<PortalDayHours>): PortalDayHours => ({
  date: '2026-10-10',
  kind: 'workday',
  open: true,
  openAt: '08:30',
  closeAt: '17:30',
  calendarMissing: false,
  ...over,
});

describe('opening hours in words', () => {
  it('says the hours of an open day, and that a make-up Saturday is a working day', () => {
    expect(hoursText(day({}))).toBe('08:30–17:30 办公');
    expect(hoursText(day({ kind: 'makeUpWorkday' }))).toBe('调休上班 08:30–17:30 办公');
  });

  it('says why a closed day is closed', () => {
    const closed = { open: false, openAt: null, closeAt: null };
    expect(hoursText(day({ ...closed, kind: 'holiday' }))).toBe('法定节假日休息');
    expect(hoursText(day({ ...closed, kind: 'weekend' }))).toBe('周末休息');
    expect(hoursText(day({ ...closed, kind: null, calendarMissing: true }))).toBe('休息');
  });

  it('names the day in Chinese with its weekday', () => {
    expect(P.hours.day('2026-10-10')).toBe('10月10日 星期六');
    expect(P.hours.day('2027-01-04')).toBe('1月4日 星期一');
  });
});

describe('open now, by Beijing time whatever the phone’s zone', () => {
  const at = (iso: string) => Date.parse(iso);
  it('reads the Beijing wall clock', () => {
    expect(beijingTime(at('2026-10-10T00:55:00Z'))).toBe('08:55');
    expect(beijingDate(at('2026-06-30T15:50:00Z'))).toBe('2026-06-30');
    expect(beijingDate(at('2026-06-30T16:10:00Z'))).toBe('2026-07-01');
  });

  it('is open from the opening minute up to, not including, the closing minute', () => {
    expect(openAt(day({}), at('2026-10-10T00:29:00Z'))).toBe(false);
    expect(openAt(day({}), at('2026-10-10T00:30:00Z'))).toBe(true);
    expect(openAt(day({}), at('2026-10-10T09:29:00Z'))).toBe(true);
    expect(openAt(day({}), at('2026-10-10T09:30:00Z'))).toBe(false);
  });

  it('is never open on a closed day or on another day than the one described', () => {
    expect(openAt(day({ open: false }), at('2026-10-10T02:00:00Z'))).toBe(false);
    expect(openAt(day({}), at('2026-10-11T02:00:00Z'))).toBe(false);
  });
});
