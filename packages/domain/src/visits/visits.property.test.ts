import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbCalendar, arbInstant } from '../calendar/arbitraries.fixture.ts';
import { formatIsoDate, parseIsoDate, shanghaiDayOf } from '../calendar/civil.ts';
import { kindOfDay, workingDaysBetween } from '../calendar/working-calendar.ts';
import { calloutState, checkCallout, respondBy } from './callouts.ts';
import {
  checkPreferredDates,
  checkVisitDate,
  VISIT_STATUSES,
  visitDates,
  visitTransition,
  type VisitAction,
  type VisitStatus,
} from './visits.ts';

const arbPolicy = fc.record({
  maxPreferredDates: fc.integer({ min: 1, max: 5 }),
  daysAhead: fc.integer({ min: 1, max: 30 }),
});

describe('preferred dates (properties)', () => {
  it('every date offered is a working day after today within daysAhead, all of them there are', () => {
    fc.assert(
      fc.property(arbCalendar, arbInstant, arbPolicy, ({ cal }, nowMs, policy) => {
        const { dates, calendarMissingFrom } = visitDates(cal, nowMs, policy);
        const today = formatIsoDate(shanghaiDayOf(nowMs));
        if (calendarMissingFrom === null) expect(dates).toHaveLength(policy.daysAhead);
        for (const [i, d] of dates.entries()) {
          expect(['workday', 'makeUpWorkday']).toContain(kindOfDay(cal, parseIsoDate(d)!));
          const n = workingDaysBetween(cal, today, d);
          if (!n.ok) throw new Error(n.code);
          expect(n.value).toMatchObject({ count: i + 1, provisional: false });
        }
      }),
    );
  });

  it('a set of offered dates is taken exactly when it has 1..max different dates', () => {
    fc.assert(
      fc.property(
        arbCalendar,
        arbInstant,
        arbPolicy,
        fc.array(fc.nat(40), { maxLength: 6 }),
        ({ cal }, nowMs, policy, picks) => {
          const { dates } = visitDates(cal, nowMs, policy);
          if (dates.length === 0) return;
          const chosen = picks.map((k) => dates[k % dates.length]!);
          const r = checkPreferredDates(cal, nowMs, chosen, policy);
          const good =
            chosen.length >= 1 &&
            chosen.length <= policy.maxPreferredDates &&
            new Set(chosen).size === chosen.length;
          expect(r.ok).toBe(good);
          if (r.ok) expect(r.value).toEqual([...chosen].sort());
        },
      ),
    );
  });

  it('a single date is taken if and only if it is offered; a refusal never guesses a year', () => {
    fc.assert(
      fc.property(
        arbCalendar,
        arbInstant,
        fc.integer({ min: -3, max: 60 }),
        ({ cal }, nowMs, ahead) => {
          const date = formatIsoDate(shanghaiDayOf(nowMs) + ahead);
          const r = checkPreferredDates(cal, nowMs, [date]);
          expect(r.ok).toBe(visitDates(cal, nowMs).dates.includes(date));
          if (!r.ok && kindOfDay(cal, parseIsoDate(date)!) === undefined && ahead > 0)
            expect(r.code).toBe('CALENDAR_YEAR_MISSING');
        },
      ),
    );
  });
});

describe('the state machine (properties)', () => {
  const actions: VisitAction[] = ['schedule', 'reschedule', 'record', 'cancel'];
  it('visited and cancelled are final; any path from requested stays in the four states', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...actions), { maxLength: 12 }), (path) => {
        let s: VisitStatus = 'requested';
        const seen: VisitStatus[] = [s];
        for (const a of path) {
          const r = visitTransition(s, a);
          if (s === 'visited' || s === 'cancelled') expect(r.ok).toBe(false);
          if (r.ok) s = r.value;
          seen.push(s);
        }
        expect(VISIT_STATUSES).toContain(s);
        // Once final, always final.
        const firstFinal = seen.findIndex((x) => x === 'visited' || x === 'cancelled');
        if (firstFinal >= 0) expect(new Set(seen.slice(firstFinal)).size).toBe(1);
        // A visit is recorded only after it was scheduled.
        const visited = seen.indexOf('visited');
        if (visited >= 0) expect(seen.slice(0, visited)).toContain('scheduled');
      }),
    );
  });

  it('a visit date is taken from today on exactly when its year is in the calendar', () => {
    fc.assert(
      fc.property(
        arbCalendar,
        arbInstant,
        fc.integer({ min: -10, max: 400 }),
        ({ cal }, nowMs, k) => {
          const day = shanghaiDayOf(nowMs) + k;
          const r = checkVisitDate(cal, nowMs, formatIsoDate(day));
          const kind = kindOfDay(cal, day);
          expect(r.ok).toBe(k >= 0 && kind !== undefined);
          if (r.ok) expect(r.value).toBe(kind);
        },
      ),
    );
  });
});

describe('call-outs (properties)', () => {
  const arbCallout = fc.record({
    notifiedAt: arbInstant,
    delay: fc.option(fc.integer({ min: 0, max: 600 * 60_000 }), { nil: null }),
    later: fc.integer({ min: 0, max: 600 * 60_000 }),
    minutes: fc.integer({ min: 10, max: 480 }),
  });

  it('late or on time depends only on the arrival; waiting turns unanswered once, for good', () => {
    fc.assert(
      fc.property(arbCallout, ({ notifiedAt, delay, later, minutes }) => {
        const arrivedAt = delay === null ? null : notifiedAt + delay;
        const s1 = calloutState({ notifiedAt, arrivedAt }, notifiedAt + later, minutes);
        const s2 = calloutState({ notifiedAt, arrivedAt }, notifiedAt + later + 3_600_000, minutes);
        if (arrivedAt !== null) {
          expect(s1).toBe(s2);
          expect(s1).toBe(arrivedAt <= respondBy(notifiedAt, minutes) ? 'on_time' : 'late');
        } else {
          expect(['waiting', 'unanswered']).toContain(s1);
          if (s1 === 'unanswered') expect(s2).toBe('unanswered');
        }
        // A longer response time never makes a call-out worse.
        const rank = { on_time: 0, waiting: 0, late: 1, unanswered: 2 } as const;
        const longer = calloutState({ notifiedAt, arrivedAt }, notifiedAt + later, minutes + 30);
        expect(rank[longer]).toBeLessThanOrEqual(rank[s1]);
      }),
    );
  });

  it('a recorded call-out is on a closed day of a known year, notified then or the day before', () => {
    fc.assert(
      fc.property(
        arbCalendar,
        arbInstant,
        fc.integer({ min: -3 * 86_400_000, max: 86_400_000 }),
        ({ cal }, nowMs, shift) => {
          const notifiedAt = nowMs - Math.abs(shift);
          const day = shanghaiDayOf(notifiedAt) + (shift > 0 ? 1 : 0);
          const date = formatIsoDate(day);
          const r = checkCallout(cal, { date, notifiedAt, arrivedAt: null }, nowMs);
          const kind = kindOfDay(cal, day);
          if (r.ok) {
            expect(['weekend', 'holiday']).toContain(kind);
            expect(r.value).toBe(kind);
          } else if (kind === undefined) expect(r.code).toBe('CALENDAR_YEAR_MISSING');
          else if (kind === 'workday' || kind === 'makeUpWorkday')
            expect(r.code).toBe('CALLOUT_NOT_CLOSED_DAY');
        },
      ),
    );
  });
});
