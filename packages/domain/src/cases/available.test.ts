import { describe, expect, it } from 'vitest';
import { commandsAllowedNow } from './available.ts';
import { acceptWithTerm, caseIn, CTX, ctxOf, newCase, sh, value } from './fixtures.fixture.ts';
import { caseDeadline } from './term.ts';
import { ALLOWED_FROM, CASE_COMMANDS, extend, expedite, pause } from './transitions.ts';

/** Accepted Monday 2 March 09:00 for 5 working days: due Monday 9 March 17:30. */
const promised = value(
  acceptWithTerm(newCase(sh('2026-03-02', '09:00')), {
    at: sh('2026-03-02', '09:00'),
    kind: 'promised',
    termDays: 5,
  }),
);
const DUE = sh('2026-03-09', '17:30');
const allowed = (s = promised, now = sh('2026-03-03', '10:00'), ctx = CTX, hasItem = true) =>
  commandsAllowedNow(s, ctx, now, { hasItem });

describe('commandsAllowedNow', () => {
  it('offers pause, extension and urgency within the term', () => {
    expect(allowed()).toEqual(['handOver', 'return', 'pause', 'extend', 'expedite', 'complete']);
  });

  it('offers neither pause nor extension on an overdue case, only what is still possible', () => {
    const late = allowed(promised, DUE + 1);
    expect(late).not.toContain('pause');
    expect(late).not.toContain('extend');
    expect(late).not.toContain('expedite');
    expect(late).toEqual(['handOver', 'return', 'complete']);
    // …exactly as the commands themselves would refuse them.
    expect(pause(promised, { at: DUE + 1, reason: 'hearing', note: '' }, CTX)).toMatchObject({
      code: 'PAUSE_TOO_LATE',
    });
    expect(
      extend(promised, { at: DUE + 1, days: 1, approverName: 'a', reason: 'b' }, CTX),
    ).toMatchObject({ code: 'EXTEND_TOO_LATE' });
  });

  it('offers no second extension, and none when the center allows none', () => {
    const once = value(
      extend(
        promised,
        { at: sh('2026-03-03', '10:00'), days: 2, approverName: 'a', reason: 'b' },
        CTX,
      ),
    );
    expect(allowed(once)).not.toContain('extend');
    expect(allowed(promised, undefined, ctxOf({ extensionMaxWorkingDays: 0 }))).not.toContain(
      'extend',
    );
  });

  it('offers urgency only when a shorter term still lies ahead', () => {
    const oneDay = value(
      acceptWithTerm(newCase(), { at: sh('2026-03-02', '10:00'), kind: 'promised', termDays: 1 }),
    );
    expect(allowed(oneDay)).not.toContain('expedite');
    // On Friday 6 March a 4-day term (due Friday 17:30) still lies ahead; on Monday it would not.
    expect(allowed(promised, sh('2026-03-06', '10:00'))).toContain('expedite');
    expect(allowed(promised, sh('2026-03-09', '10:00'))).not.toContain('expedite');
    expect(expedite(promised, { at: sh('2026-03-09', '10:00'), termDays: 4 }, CTX)).toMatchObject({
      code: 'EXPEDITE_TOO_LATE',
    });
  });

  it('offers a supplement notice only within its period, and no item commands without an item', () => {
    expect(allowed(newCase(), sh('2026-03-02', '10:00'))).toEqual([
      'handOver',
      'answer',
      'requestSupplement',
      'return',
      'accept',
    ]);
    expect(allowed(newCase(), sh('2026-03-10', '10:00'))).not.toContain('requestSupplement');
    expect(allowed(newCase(), sh('2026-03-02', '10:00'), CTX, false)).toEqual([
      'handOver',
      'answer',
    ]);
  });

  it('for a reported case: submit, then record the answer, then complete', () => {
    expect(allowed(caseIn('in_progress'))).toContain('submit');
    expect(allowed(caseIn('in_progress'))).not.toContain('complete');
    const submitted = caseIn('with_authority');
    expect(allowed(submitted)).toEqual(['handOver', 'return', 'recordOutcome']);
    expect(allowed(caseIn('with_authority', CTX, { answered: true }))).toEqual([
      'handOver',
      'return',
      'complete',
    ]);
  });

  it('never offers what the status does not allow, and nothing on a closed case', () => {
    for (const status of ['answered', 'returned', 'completed'] as const)
      expect(allowed(caseIn(status))).toEqual([]);
    for (const command of CASE_COMMANDS)
      for (const status of ['received', 'in_progress', 'paused', 'with_authority'] as const)
        if (allowed(caseIn(status)).includes(command))
          expect(ALLOWED_FROM[command]).toContain(status);
    expect(value(caseDeadline(promised, CTX, 0))!.at).toBe(DUE);
  });
});
