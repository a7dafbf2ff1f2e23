import { describe, expect, it } from 'vitest';
import { runningLightOf, warningStep, type RunningLight, type Warned } from './warning.ts';

describe('warningStep', () => {
  it.each<[Warned, RunningLight, Warned, 'case_yellow' | 'case_red' | null]>([
    // Up: one item for the turn.
    [null, 'yellow', 'yellow', 'case_yellow'],
    [null, 'red', 'red', 'case_red'],
    ['yellow', 'red', 'red', 'case_red'],
    // Unchanged: nothing.
    [null, 'green', null, null],
    ['yellow', 'yellow', 'yellow', null],
    ['red', 'red', 'red', null],
    // Down (an extension, a pause, completion): marked down, nothing told.
    ['yellow', 'green', null, null],
    ['red', 'green', null, null],
    ['red', 'yellow', 'yellow', null],
  ])('told %s, light %s → keeps %s, tells %s', (warned, light, keep, tell) => {
    expect(warningStep(warned, light)).toEqual({ warned: keep, tell });
  });

  it('tells again once a case that went down turns again', () => {
    let w: Warned = null;
    const told: string[] = [];
    for (const light of ['yellow', 'red', 'green', 'yellow', 'yellow', 'red'] as const) {
      const s = warningStep(w, light);
      w = s.warned;
      if (s.tell) told.push(s.tell);
    }
    expect(told).toEqual(['case_yellow', 'case_red', 'case_yellow', 'case_red']);
  });
});

describe('runningLightOf', () => {
  const c = { status: 'in_progress' as const, yellowAt: 1_000, deadlineAt: 2_000 };
  it('follows the stored yellow instant and deadline while the clock runs', () => {
    expect(runningLightOf(c, 999)).toBe('green');
    expect(runningLightOf(c, 1_000)).toBe('yellow');
    expect(runningLightOf(c, 2_000)).toBe('yellow');
    expect(runningLightOf(c, 2_001)).toBe('red');
    expect(runningLightOf({ ...c, status: 'with_authority' }, 2_001)).toBe('red');
  });
  it('is green when nothing runs: paused, finished, not accepted, or without a term', () => {
    for (const status of ['paused', 'completed', 'received', 'awaiting_materials'] as const)
      expect(runningLightOf({ ...c, status }, 5_000)).toBe('green');
    expect(runningLightOf({ ...c, deadlineAt: null }, 5_000)).toBe('green');
    expect(runningLightOf({ ...c, yellowAt: null }, 5_000)).toBe('green');
  });
});
