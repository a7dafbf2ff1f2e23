import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbCalendar, arbInstant, arbTimetable } from '../calendar/arbitraries.fixture.ts';
import { hoursOn } from '../calendar/business-hours.ts';
import {
  formatIsoDate,
  MS_PER_DAY,
  MS_PER_MINUTE,
  parseHhMm,
  parseIsoDate,
  shanghaiDayOf,
  shanghaiInstantOfDay,
} from '../calendar/civil.ts';
import { kindOfDay, workingDaysBetween } from '../calendar/working-calendar.ts';
import { checkChange, checkSlot, reminderAt, suspension, type BookingStatus } from './booking.ts';
import { formatBookingCode, newBookingCode, normalizeBookingCode } from './code.ts';
import { CAL, P, TT } from './fixtures.fixture.ts';
import { checkAppointmentPolicy, type AppointmentPolicy } from './policy.ts';
import { bookableDays, offeredSlots, slotsWithRoom, worksOn } from './slots.ts';

const arbPolicy: fc.Arbitrary<AppointmentPolicy> = fc.record({
  slotMinutes: fc.constantFrom(15, 20, 30, 60),
  daysAhead: fc.integer({ min: 1, max: 30 }),
  noShowLimit: fc.integer({ min: 1, max: 5 }),
  noShowWindowDays: fc.integer({ min: 1, max: 60 }),
  suspendDays: fc.integer({ min: 1, max: 60 }),
  noShowGraceMinutes: fc.integer({ min: 0, max: 120 }),
  reminderFromHour: fc.integer({ min: 0, max: 23 }),
});

/** A random calendar (some of 2025–2028), timetable, instant and policy. */
const arbSetting = fc.record({
  calendar: arbCalendar,
  tt: arbTimetable,
  nowMs: arbInstant,
  policy: arbPolicy,
});

describe('the bookable days and slots', () => {
  it('every offered slot is in its day’s hours, on a working day, after today, within daysAhead', () => {
    fc.assert(
      fc.property(arbSetting, ({ calendar: { cal }, tt, nowMs, policy }) => {
        expect(checkAppointmentPolicy(policy).ok).toBe(true);
        const today = formatIsoDate(shanghaiDayOf(nowMs));
        const { slots } = offeredSlots(cal, tt, nowMs, policy);
        for (const s of slots) {
          const day = parseIsoDate(s.date)!;
          expect(['workday', 'makeUpWorkday']).toContain(kindOfDay(cal, day));
          const hours = hoursOn(tt, s.date);
          if (!hours.ok) throw new Error('no hours');
          const start = parseHhMm(s.start)!;
          expect(start).toBeGreaterThanOrEqual(parseHhMm(hours.value.open)!);
          expect(parseHhMm(s.end)!).toBeLessThanOrEqual(parseHhMm(hours.value.close)!);
          expect(s.startsAt).toBe(shanghaiInstantOfDay(day, start));
          expect(s.endsAt - s.startsAt).toBe(policy.slotMinutes * MS_PER_MINUTE);
          expect((start - parseHhMm(hours.value.open)!) % policy.slotMinutes).toBe(0);
          expect(s.startsAt).toBeGreaterThan(nowMs);
          expect(s.date > today).toBe(true);
          const ahead = workingDaysBetween(cal, today, s.date);
          if (!ahead.ok) throw new Error(ahead.code);
          expect(ahead.value.provisional).toBe(false);
          expect(ahead.value.count).toBeGreaterThanOrEqual(1);
          expect(ahead.value.count).toBeLessThanOrEqual(policy.daysAhead);
        }
        for (let i = 1; i < slots.length; i++)
          expect(slots[i]!.startsAt).toBeGreaterThanOrEqual(slots[i - 1]!.endsAt);
      }),
    );
  });

  it('the days are all the working days up to daysAhead, or up to a year without a calendar', () => {
    fc.assert(
      fc.property(arbSetting, ({ calendar: { cal }, tt, nowMs, policy }) => {
        const { days, calendarMissingFrom } = bookableDays(cal, tt, nowMs, policy);
        const today = shanghaiDayOf(nowMs);
        const dates = days.map((d) => parseIsoDate(d.date)!);
        const end =
          calendarMissingFrom === null ? dates.at(-1)! : parseIsoDate(calendarMissingFrom)!;
        if (calendarMissingFrom === null) expect(days).toHaveLength(policy.daysAhead);
        else {
          expect(days.length).toBeLessThan(policy.daysAhead);
          expect(kindOfDay(cal, end)).toBeUndefined();
        }
        // Every day from tomorrow to the end is in the calendar, and the working ones are the days.
        const worked: number[] = [];
        for (let d = today + 1; d < end; d++) {
          expect(kindOfDay(cal, d)).toBeDefined();
          if (worksOn(cal, d)) worked.push(d);
        }
        if (calendarMissingFrom === null) worked.push(end);
        expect(dates).toEqual(worked);
        for (const d of days) expect(d).toMatchObject({ open: true, calendarMissing: false });
      }),
    );
  });

  it('checkSlot accepts exactly the offered slots (with room, not suspended)', () => {
    // Half the asks are an offered slot moved by nothing, minutes or days; half anything nearby.
    const arbAsk = fc.record({
      s: arbSetting,
      fromOffered: fc.boolean(),
      pick: fc.nat(),
      shiftDays: fc.constantFrom(0, 0, 0, 1, -1, 7),
      shiftMinutes: fc.constantFrom(0, 0, 0, 5, -5, 10, 60, -60),
      dayOffset: fc.integer({ min: -2, max: 50 }),
      minute: fc.integer({ min: 0, max: 24 * 12 - 1 }).map((n) => n * 5),
      channel: fc.constantFrom('online', 'phone', 'window' as const),
    });
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(arbAsk, (ask) => {
        const { cal } = ask.s.calendar;
        const { tt, nowMs, policy } = ask.s;
        const offered = offeredSlots(cal, tt, nowMs, policy).slots;
        const base = ask.fromOffered ? offered[ask.pick % Math.max(1, offered.length)] : undefined;
        const day = base
          ? parseIsoDate(base.date)! + ask.shiftDays
          : shanghaiDayOf(nowMs) + ask.dayOffset;
        const m = base ? parseHhMm(base.start)! + ask.shiftMinutes : ask.minute;
        const minute = ((m % 1440) + 1440) % 1440;
        const date = formatIsoDate(day);
        const start = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
        const slot = offered.find((x) => x.date === date && x.start === start);
        const r = checkSlot({
          ...{ cal, tt, nowMs, policy, date, start },
          ...{ capacity: 1, taken: 0, channel: ask.channel, suspension: null },
        });
        if (slot) expect(r).toEqual({ ok: true, value: slot });
        else expect(r).toMatchObject({ ok: false, code: 'SLOT_NOT_OFFERED' });
        seen[r.ok ? 'accepted' : 'refused'] += 1;
      }),
      { numRuns: 300 },
    );
    expect(seen.accepted).toBeGreaterThan(10);
    expect(seen.refused).toBeGreaterThan(30);
  });

  it('every offered slot passes checkSlot (2026 calendar, any instant of the year)', () => {
    const arb2026 = fc.integer({
      min: shanghaiInstantOfDay(parseIsoDate('2026-01-01')!, 0),
      max: shanghaiInstantOfDay(parseIsoDate('2026-12-31')!, 0),
    });
    fc.assert(
      fc.property(arb2026, arbPolicy, (nowMs, policy) => {
        for (const slot of offeredSlots(CAL, TT, nowMs, policy).slots) {
          const r = checkSlot({
            cal: CAL,
            tt: TT,
            nowMs,
            policy,
            date: slot.date,
            start: slot.start,
            capacity: 1,
            taken: 0,
            channel: 'online',
            suspension: null,
          });
          expect(r).toEqual({ ok: true, value: slot });
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('places left', () => {
  it('never exceeds the capacity, never goes below 0, and is capacity − taken otherwise', () => {
    const { slots } = offeredSlots(
      CAL,
      TT,
      shanghaiInstantOfDay(parseIsoDate('2026-09-25')!, 600),
      P,
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.array(fc.tuple(fc.nat(slots.length - 1), fc.integer({ min: -5, max: 30 }))),
        (capacity, counts) => {
          const taken = new Map(counts.map(([i, n]) => [slots[i]!.startsAt, n]));
          for (const s of slotsWithRoom(slots, capacity, taken)) {
            expect(s.left).toBeGreaterThanOrEqual(0);
            expect(s.left).toBeLessThanOrEqual(capacity);
            const n = taken.get(s.startsAt) ?? 0;
            expect(s.left).toBe(Math.max(0, capacity - Math.max(0, n)));
          }
        },
      ),
    );
  });
});

describe('suspension', () => {
  const t0 = shanghaiInstantOfDay(parseIsoDate('2026-01-01')!, 0);
  /** Instants over 90 days, to the minute (so several fall on one day or even one instant). */
  const arbTimes = fc.array(
    fc.integer({ min: 0, max: 90 * 24 * 60 }).map((m) => t0 + m * MS_PER_MINUTE),
    { maxLength: 12 },
  );
  const arbNow = fc.integer({ min: 0, max: 130 * 24 * 60 }).map((m) => t0 + m * MS_PER_MINUTE);

  /** The rule said plainly: the latest end over every no-show that has ≥ limit in its window. */
  function oracle(times: readonly number[], now: number, p: AppointmentPolicy): number | null {
    const past = times.filter((t) => t <= now);
    let until: number | null = null;
    for (const t of past) {
      const inWindow = past.filter(
        (u) => u <= t && shanghaiDayOf(u) > shanghaiDayOf(t) - p.noShowWindowDays,
      );
      if (inWindow.length >= p.noShowLimit)
        until = Math.max(until ?? -Infinity, t + p.suspendDays * MS_PER_DAY);
    }
    return until !== null && now < until ? until : null;
  }

  it('matches the rule said plainly, whatever the order', () => {
    fc.assert(
      fc.property(arbTimes, arbNow, arbPolicy, (times, now, p) => {
        const r = suspension(times, now, p);
        expect(r?.until ?? null).toBe(oracle(times, now, p));
        expect(suspension([...times].reverse(), now, p)).toEqual(r);
      }),
      { numRuns: 1000 },
    );
  });

  it('is monotone: more no-shows never lift or shorten a suspension', () => {
    fc.assert(
      fc.property(arbTimes, arbTimes, arbNow, arbPolicy, (times, more, now, p) => {
        const before = suspension(times, now, p);
        const after = suspension([...times, ...more], now, p);
        if (before !== null) {
          expect(after).not.toBeNull();
          expect(after!.until).toBeGreaterThanOrEqual(before.until);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('when suspended, until is after now, and at most suspendDays after the last no-show', () => {
    fc.assert(
      fc.property(arbTimes, arbNow, arbPolicy, (times, now, p) => {
        const r = suspension(times, now, p);
        const past = times.filter((t) => t <= now);
        if (r === null) return;
        expect(r.until).toBeGreaterThan(now);
        expect(past.length).toBeGreaterThanOrEqual(p.noShowLimit);
        expect(r.until).toBeLessThanOrEqual(Math.max(...past) + p.suspendDays * MS_PER_DAY);
        expect(past).toContain(r.until - p.suspendDays * MS_PER_DAY);
      }),
    );
  });
});

describe('changes and reminders', () => {
  it('a change is allowed exactly while booked and before the start', () => {
    const arbStatus = fc.constantFrom<BookingStatus>('booked', 'cancelled', 'arrived', 'no_show');
    fc.assert(
      fc.property(arbStatus, arbInstant, arbInstant, (status, startsAt, now) => {
        expect(checkChange({ status, startsAt }, now).ok).toBe(
          status === 'booked' && now < startsAt,
        );
      }),
    );
  });

  it('the reminder is on the Shanghai day before, at the hour, after the booking and before the slot', () => {
    fc.assert(
      fc.property(arbInstant, arbInstant, arbPolicy, (a, b, p) => {
        const [createdAt, startsAt] = a <= b ? [a, b] : [b, a];
        const r = reminderAt({ startsAt, createdAt }, p);
        const dayBefore = shanghaiDayOf(startsAt) - 1;
        if (r === null) {
          expect(shanghaiDayOf(createdAt)).toBeGreaterThanOrEqual(dayBefore);
          return;
        }
        expect(r).toBeLessThan(startsAt);
        expect(r).toBeGreaterThan(createdAt);
        expect(shanghaiDayOf(r)).toBe(dayBefore);
        expect(r).toBe(shanghaiInstantOfDay(dayBefore, p.reminderFromHour * 60));
        expect(shanghaiDayOf(createdAt)).toBeLessThan(dayBefore);
      }),
    );
  });
});

describe('booking codes', () => {
  it('every code made reads back, in any case and display form', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(30), { minLength: 8, maxLength: 8 }), (ks) => {
        let i = 0;
        const code = newBookingCode(() => ks[i++]!);
        expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
        expect(normalizeBookingCode(code)).toBe(code);
        expect(normalizeBookingCode(formatBookingCode(code).toLowerCase())).toBe(code);
        expect(normalizeBookingCode(` ${code.slice(0, 3)} - ${code.slice(3)} `)).toBe(code);
      }),
    );
  });

  it('accepts no text outside the alphabet', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (s) => {
        const c = normalizeBookingCode(s);
        if (c !== null) expect(c).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
      }),
    );
  });
});
