import { describe, expect, it } from 'vitest';
import { at, CAL as cal, TT as tt } from '../appointments/fixtures.fixture.ts';
import { reportDecisionDue, TRACKING_CODE } from './decision-term.ts';

describe('the decision term of a public report', () => {
  it('ends at closing time of the 15th working day after registration', () => {
    // Monday 2 March 2026, 10:00: three plain weeks later, Monday 23 March.
    const due = reportDecisionDue(cal, tt, at('2026-03-02', '10:00'));
    expect(due.ok && due.value.date).toBe('2026-03-23');
  });

  it('counts a report made at night on a holiday from the next working day', () => {
    // 23:30 on 1 October (National Day): the holiday week and its make-up Saturday 10 October.
    const due = reportDecisionDue(cal, tt, at('2026-10-01', '23:30'));
    // Working days from 8 October: 8, 9, 10 (make-up), 12–16, 19–23, 26, 27 → the 15th is 27 October.
    expect(due.ok && due.value.date).toBe('2026-10-27');
  });

  it('says the date is provisional when the next year has no calendar yet', () => {
    const due = reportDecisionDue(cal, tt, at('2026-12-21', '10:00'));
    expect(due.ok && due.value.provisional).toBe(true);
  });
});

describe('tracking codes', () => {
  it('are ten readable characters, shown in groups of four', () => {
    const code = TRACKING_CODE.make((max) => max - 1);
    expect(code).toBe('ZZZZZZZZZZ');
    expect(TRACKING_CODE.format(code)).toBe('ZZZZ-ZZZZ-ZZ');
    expect(TRACKING_CODE.normalize(' zzzz-zzzz zz ')).toBe('ZZZZZZZZZZ');
    expect(TRACKING_CODE.normalize('ZZZZ-ZZZZ')).toBeNull();
    expect(TRACKING_CODE.normalize('0ZZZ-ZZZZ-ZZ')).toBeNull();
  });
});
