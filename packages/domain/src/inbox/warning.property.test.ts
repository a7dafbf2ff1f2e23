import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runningLightOf, warningStep, type RunningLight, type Warned } from './warning.ts';

const arbLight = fc.constantFrom<RunningLight>('green', 'yellow', 'red');

/** Feeds the lights through warningStep from nothing told; the items given, at their step. */
function tellAll(lights: readonly RunningLight[]) {
  let warned: Warned = null;
  const items: { at: number; kind: 'case_yellow' | 'case_red' }[] = [];
  lights.forEach((light, at) => {
    const step = warningStep(warned, light);
    warned = step.warned;
    if (step.tell) items.push({ at, kind: step.tell });
  });
  return items;
}

describe('early warnings reach the holder once per turn (properties)', () => {
  it('items = upward transitions, one per yellow or red turn, of the colour turned to', () => {
    fc.assert(
      fc.property(fc.array(arbLight, { maxLength: 60 }), (lights) => {
        const items = tellAll(lights);
        const before = (i: number): RunningLight => (i === 0 ? 'green' : lights[i - 1]!);
        // A turn red: red after anything not red. A turn yellow: yellow after green (after red,
        // yellow is a step down — an extension — and told nothing).
        const redTurns = lights.flatMap((l, i) => (l === 'red' && before(i) !== 'red' ? [i] : []));
        const yellowTurns = lights.flatMap((l, i) =>
          l === 'yellow' && before(i) === 'green' ? [i] : [],
        );
        expect(items.filter((x) => x.kind === 'case_red').map((x) => x.at)).toEqual(redTurns);
        expect(items.filter((x) => x.kind === 'case_yellow').map((x) => x.at)).toEqual(yellowTurns);
        const rank = (l: RunningLight) => ['green', 'yellow', 'red'].indexOf(l);
        const upward = lights.filter((l, i) => rank(l) > rank(before(i))).length;
        expect(items).toHaveLength(upward);
        // Never two items at one step; a case first seen red gives one red item and no yellow.
        expect(new Set(items.map((x) => x.at)).size).toBe(items.length);
        if (lights[0] === 'red') expect(items[0]).toEqual({ at: 0, kind: 'case_red' });
      }),
    );
  });

  it('a sequence fed twice in a row (a rerun sweep) tells nothing more the second time', () => {
    fc.assert(
      fc.property(fc.array(arbLight, { maxLength: 40 }), (lights) => {
        const doubled = lights.flatMap((l) => [l, l]);
        const once = tellAll(lights);
        const twice = tellAll(doubled);
        expect(twice.map((x) => ({ at: x.at / 2, kind: x.kind }))).toEqual(once);
      }),
    );
  });

  it('a running case swept at any instants: at most one yellow and one red, red iff swept late', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.integer({ min: 0, max: 30_000 }), { maxLength: 30 }),
        (toYellow, toDeadline, times) => {
          const c = {
            status: 'in_progress' as const,
            yellowAt: toYellow,
            deadlineAt: toYellow + toDeadline,
          };
          const swept = [...times].sort((a, b) => a - b);
          const items = tellAll(swept.map((now) => runningLightOf(c, now)));
          const yellows = items.filter((x) => x.kind === 'case_yellow').length;
          const reds = items.filter((x) => x.kind === 'case_red').length;
          expect(reds).toBe(swept.some((now) => now > c.deadlineAt) ? 1 : 0);
          // Yellow is told when a sweep saw it yellow before any saw it red.
          const firstRed = swept.findIndex((now) => now > c.deadlineAt);
          const seenYellow = swept
            .slice(0, firstRed === -1 ? undefined : firstRed)
            .some((now) => now >= c.yellowAt);
          expect(yellows).toBe(seenYellow ? 1 : 0);
        },
      ),
    );
  });
});
