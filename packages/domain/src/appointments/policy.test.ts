import { describe, expect, it } from 'vitest';
import { checkAppointmentPolicy, DEFAULT_APPOINTMENT_POLICY as P } from './policy.ts';

const check = (over: Record<string, unknown>) => checkAppointmentPolicy({ ...P, ...over });

describe('checkAppointmentPolicy', () => {
  it('accepts the default: 30-minute slots, 10 working days, 3 no-shows in 30 days → 30 days', () => {
    expect(checkAppointmentPolicy(P)).toEqual({ ok: true, value: P });
    expect(P).toEqual({
      slotMinutes: 30,
      daysAhead: 10,
      noShowLimit: 3,
      noShowWindowDays: 30,
      suspendDays: 30,
      noShowGraceMinutes: 30,
      reminderFromHour: 9,
    });
  });

  it.each([15, 20, 30, 60])('accepts %i-minute slots', (slotMinutes) => {
    expect(check({ slotMinutes }).ok).toBe(true);
  });

  it.each([0, 10, 25, 45, 90, 30.5, NaN, '30'])('refuses %s-minute slots', (slotMinutes) => {
    expect(check({ slotMinutes })).toMatchObject({
      ok: false,
      code: 'BAD_SLOT_MINUTES',
      field: 'slotMinutes',
      details: { value: slotMinutes, allowed: [15, 20, 30, 60] },
    });
  });

  it.each([
    ['daysAhead', 'BAD_DAYS_AHEAD', 1, 30],
    ['noShowLimit', 'BAD_NO_SHOW_LIMIT', 1, 100],
    ['noShowWindowDays', 'BAD_NO_SHOW_WINDOW_DAYS', 1, 366],
    ['suspendDays', 'BAD_SUSPEND_DAYS', 1, 366],
    ['noShowGraceMinutes', 'BAD_NO_SHOW_GRACE_MINUTES', 0, 1440],
    ['reminderFromHour', 'BAD_REMINDER_FROM_HOUR', 0, 23],
  ] as const)('%s: %s outside %i–%i or not whole', (field, code, min, max) => {
    expect(check({ [field]: min }).ok).toBe(true);
    expect(check({ [field]: max }).ok).toBe(true);
    for (const value of [min - 1, max + 1, min + 0.5, NaN, Infinity, String(min), null]) {
      expect(check({ [field]: value })).toEqual({
        ok: false,
        code,
        field,
        details: { value, min, max },
      });
    }
  });

  it('names the first bad field', () => {
    expect(check({ daysAhead: 0, reminderFromHour: 24 })).toMatchObject({ field: 'daysAhead' });
  });
});
