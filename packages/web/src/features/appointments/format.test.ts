import { describe, expect, it } from 'vitest';
import { bookingOfState, bookingValues, intakeBody, type IntakeValues } from '../cases/intake.ts';
import type { AppointmentSettings, BookingRow, BookingSlots } from './api.ts';
import {
  bookingActions,
  dayLabel,
  handOffOf,
  openingDay,
  placesOfDay,
  settingsBody,
  settingsValues,
  whenOf,
} from './format.ts';

const row: BookingRow = {
  id: 41,
  code: 'ABCD-EFGH',
  itemId: 7,
  itemCode: 'MZ-001',
  itemName: '最低生活保障申请',
  windowUnitName: '民政',
  date: '2026-05-12',
  start: '09:00',
  end: '09:30',
  startsAt: '2026-05-12T01:00:00.000Z',
  endsAt: '2026-05-12T01:30:00.000Z',
  applicantName: '王秀英',
  phoneMasked: '138****5678',
  channel: 'phone',
  status: 'booked',
  caseId: null,
  receiptNo: null,
  note: '',
  createdAt: '2026-05-08T02:00:00.000Z',
  createdByName: '李娜',
  closedAt: null,
  closedByName: null,
  moves: 0,
  version: 3,
};

const at = (iso: string) => Date.parse(iso);

describe('how a day and a slot read', () => {
  it('says the day as a clerk says it on the phone, whatever the computer’s time zone', () => {
    expect(dayLabel('2026-05-12')).toBe('5月12日 周二');
    expect(dayLabel('2026-10-01')).toBe('10月1日 周四');
    expect(dayLabel('2027-01-03')).toBe('1月3日 周日');
  });

  it('writes the day and the slot of a booking', () => {
    expect(whenOf(row)).toBe('2026-05-12 09:00–09:30');
  });
});

describe('the slot picker', () => {
  const slots: BookingSlots = {
    itemCode: 'MZ-001',
    itemName: '最低生活保障申请',
    windowUnitName: '民政',
    calendarMissingFrom: null,
    slotMinutes: 30,
    days: [
      {
        date: '2026-05-11',
        kind: 'workday',
        slots: [
          { start: '09:00', end: '09:30', left: 0 },
          { start: '09:30', end: '10:00', left: 0 },
        ],
      },
      {
        date: '2026-05-12',
        kind: 'workday',
        slots: [
          { start: '09:00', end: '09:30', left: 2 },
          { start: '14:00', end: '14:30', left: 1 },
        ],
      },
    ],
  };

  it('counts the places of a day, a negative left (overbooked) as none', () => {
    expect(placesOfDay(slots.days[0]!)).toBe(0);
    expect(placesOfDay(slots.days[1]!)).toBe(3);
    expect(
      placesOfDay({ ...slots.days[1]!, slots: [{ start: '09:00', end: '09:30', left: -1 }] }),
    ).toBe(0);
  });

  it('opens on the wanted day if offered, else on the first with a free place', () => {
    expect(openingDay(slots)).toBe('2026-05-12');
    expect(openingDay(slots, '2026-05-11')).toBe('2026-05-11');
    expect(openingDay(slots, '2026-06-01')).toBe('2026-05-12');
    expect(openingDay({ ...slots, days: [slots.days[0]!] })).toBe('2026-05-11');
    expect(openingDay({ ...slots, days: [] })).toBeNull();
  });
});

describe('what a clerk may do with a booking', () => {
  const none = { intake: false, move: false, cancel: false, noShow: false };

  it('before its slot: take it in, move it or cancel it; not yet a no-show', () => {
    expect(bookingActions(row, at('2026-05-11T08:00:00Z'), '2026-05-11')).toEqual({
      intake: true,
      move: true,
      cancel: true,
      noShow: false,
    });
  });

  it('during its slot: only take it in', () => {
    expect(bookingActions(row, at('2026-05-12T01:10:00Z'), '2026-05-12')).toEqual({
      ...none,
      intake: true,
    });
  });

  it('after its slot: take it in (a late visitor) or record the no-show', () => {
    expect(bookingActions(row, at('2026-05-12T01:30:00Z'), '2026-05-12')).toEqual({
      ...none,
      intake: true,
      noShow: true,
    });
  });

  it('a 未到 is taken in the same day only; a cancelled or arrived one is done with', () => {
    const noShow = { ...row, status: 'no_show' as const };
    expect(bookingActions(noShow, at('2026-05-12T08:00:00Z'), '2026-05-12')).toEqual({
      ...none,
      intake: true,
    });
    expect(bookingActions(noShow, at('2026-05-13T01:00:00Z'), '2026-05-13')).toEqual(none);
    expect(bookingActions({ ...row, status: 'cancelled' }, 0, '2026-05-01')).toEqual(none);
    expect(bookingActions({ ...row, status: 'arrived' }, 0, '2026-05-01')).toEqual(none);
  });
});

describe('the hand-off to the intake', () => {
  it('carries the item, the name and the booking through the page’s history state', () => {
    const handOff = handOffOf(row);
    expect(bookingOfState({ booking: handOff })).toEqual(handOff);
    expect(bookingValues(handOff)).toEqual({
      itemId: 7,
      applicant: { type: 'person', name: '王秀英' },
    });
  });

  it('ignores a state that is not a booking (none, another page’s, a tampered one)', () => {
    expect(bookingOfState(null)).toBeNull();
    expect(bookingOfState({ from: '/cases' })).toBeNull();
    expect(bookingOfState({ booking: { ...handOffOf(row), id: '41' } })).toBeNull();
    expect(bookingOfState({ booking: { ...handOffOf(row), applicantName: undefined } })).toBeNull();
  });

  it('sends the booking with the new case, and nothing when there is none', () => {
    const values: IntakeValues = {
      itemId: 7,
      applicant: { type: 'person', name: '王秀英' },
      channel: 'window',
      method: 'escorted',
    };
    expect(intakeBody(values, 'promised', 41)).toMatchObject({ itemId: 7, bookingId: 41 });
    expect(intakeBody(values, 'promised')).not.toHaveProperty('bookingId');
  });
});

describe('the settings form', () => {
  const settings: AppointmentSettings = {
    slotMinutes: 30,
    daysAhead: 10,
    noShowLimit: 3,
    noShowWindowDays: 30,
    suspendDays: 30,
    version: 5,
    windows: [
      {
        windowId: 1,
        number: '01',
        name: '民政',
        windowUnitName: '民政',
        active: true,
        bookingCapacity: 2,
      },
      {
        windowId: 2,
        number: '02',
        name: '社保',
        windowUnitName: '社保',
        active: true,
        bookingCapacity: 2,
      },
    ],
  };

  it('sends the numbers, the version it was read at and only the windows whose places changed', () => {
    const values = settingsValues(settings);
    expect(values.capacity).toEqual({ '1': 2, '2': 2 });
    expect(
      settingsBody({ ...values, daysAhead: 5, capacity: { '1': 0, '2': 2 } }, settings),
    ).toEqual({
      slotMinutes: 30,
      daysAhead: 5,
      noShowLimit: 3,
      noShowWindowDays: 30,
      suspendDays: 30,
      windows: [{ windowId: 1, bookingCapacity: 0 }],
      version: 5,
    });
  });

  it('keeps a window’s number when its box was cleared', () => {
    expect(
      settingsBody({ ...settingsValues(settings), capacity: { '1': null } }, settings).windows,
    ).toEqual([]);
  });
});
