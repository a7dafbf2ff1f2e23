import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workingMillisBetween } from '../calendar/term.ts';
import { CASE_STATUSES } from '../cases/model.ts';
import { CAL_2026, sh, TT_2026, value } from '../cases/fixtures.fixture.ts';
import { SATISFACTION_LEVELS, type SatisfactionLevel } from '../ratings/satisfaction.ts';
import { satisfactionStats } from '../ratings/stats.ts';
import { onTimeBy, onTimeFigure, satisfactionOfCounts } from './figures.ts';
import { addMonths, monthsEnding } from './months.ts';
import { workingTimeUsed } from './working-time.ts';

const arbRating = fc.record({
  level: fc.constantFrom(...SATISFACTION_LEVELS),
  excluded: fc.boolean(),
});

const arbClosed = fc.record({
  status: fc.constantFrom(...CASE_STATUSES),
  onTime: fc.constantFrom(true, false, null),
  key: fc.integer({ min: 1, max: 4 }),
});

// Instants within 2026, the year the test calendar holds.
const arbInstant = fc.integer({ min: sh('2026-01-05', '00:00'), max: sh('2026-12-20', '00:00') });

describe('statistics, for any data', () => {
  it('gives the satisfaction figures of the ratings domain from counts per level', () => {
    fc.assert(
      fc.property(fc.array(arbRating, { maxLength: 60 }), (ratings) => {
        const counts: Partial<Record<SatisfactionLevel, number>> = {};
        for (const r of ratings) if (!r.excluded) counts[r.level] = (counts[r.level] ?? 0) + 1;
        const excluded = ratings.filter((r) => r.excluded).length;
        expect(satisfactionOfCounts(counts, excluded)).toEqual(satisfactionStats(ratings));
      }),
    );
  });

  it('adds the groups up to the whole, each rate within 0–100 and late = closed − on time', () => {
    fc.assert(
      fc.property(fc.array(arbClosed, { maxLength: 60 }), (cases) => {
        const whole = onTimeBy(cases, () => 'all').get('all') ?? { closed: 0, onTime: 0 };
        const groups = [...onTimeBy(cases, (c, i) => cases[i]!.key).values()];
        expect(groups.reduce((n, g) => n + g.closed, 0)).toBe(whole.closed);
        expect(groups.reduce((n, g) => n + g.onTime, 0)).toBe(whole.onTime);
        for (const g of [whole, ...groups]) {
          const f = onTimeFigure(g);
          expect(f.late).toBe(g.closed - g.onTime);
          if (f.ratePercent !== null) {
            expect(f.ratePercent).toBeGreaterThanOrEqual(0);
            expect(f.ratePercent).toBeLessThanOrEqual(100);
          }
        }
      }),
    );
  });

  it('never counts more working time than the span, nor less than none; pauses only take away', () => {
    fc.assert(
      fc.property(
        arbInstant,
        fc.integer({ min: 0, max: 40 * 86_400_000 }),
        fc.array(fc.tuple(arbInstant, fc.integer({ min: 0, max: 10 * 86_400_000 })), {
          maxLength: 4,
        }),
        (start, length, raw) => {
          const closedAt = start + length;
          const pauses = raw.map(([from, d]) => ({ from, to: from + d }));
          const span = value(workingMillisBetween(CAL_2026, TT_2026, start, closedAt)).millis;
          const bare = value(
            workingTimeUsed(CAL_2026, TT_2026, { clockStartAt: start, closedAt, pauses: [] }),
          );
          expect(bare.millis).toBe(span);
          const r = value(
            workingTimeUsed(CAL_2026, TT_2026, { clockStartAt: start, closedAt, pauses }),
          );
          expect(r.millis).toBeGreaterThanOrEqual(0);
          expect(r.millis + r.pausedMillis).toBe(span);
          // One more pause never adds time.
          const more = value(
            workingTimeUsed(CAL_2026, TT_2026, {
              clockStartAt: start,
              closedAt,
              pauses: [...pauses, { from: start, to: start + Math.floor((closedAt - start) / 2) }],
            }),
          );
          expect(more.millis).toBeLessThanOrEqual(r.millis);
        },
      ),
    );
  });

  it('lists consecutive months ending with the one asked', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 36 }),
        (year, m, count) => {
          const month = `${String(year)}-${String(m).padStart(2, '0')}`;
          const months = monthsEnding(month, count);
          expect(months).toHaveLength(count);
          expect(months.at(-1)).toBe(month);
          months.slice(1).forEach((x, i) => expect(addMonths(months[i]!, 1)).toBe(x));
          expect(addMonths(addMonths(month, -count), count)).toBe(month);
        },
      ),
    );
  });
});
