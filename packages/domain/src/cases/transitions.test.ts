import { describe, expect, it } from 'vitest';
import {
  ACCEPTED_KINDS,
  CASE_STATUSES,
  type AcceptedKind,
  type CaseState,
  type CaseStatus,
  type Holder,
} from './model.ts';
import { caseDeadline } from './term.ts';
import {
  accept,
  ALLOWED_FROM,
  answer,
  bounceCount,
  CASE_COMMANDS,
  complete,
  expedite,
  extend,
  finishedOnTime,
  handOver,
  noticeOf,
  pause,
  receive,
  requestSupplement,
  resume,
  returnCase,
  submit,
  type CaseCommand,
} from './transitions.ts';
import {
  ACCEPTED_AT,
  caseIn,
  ctxOf,
  CTX,
  newCase,
  RECEIVED_AT,
  sh,
  value,
} from './fixtures.fixture.ts';

/** Every command at 15:00 on the day of receipt, with facts that are valid for a legal status. */
const AT = sh('2026-03-02', '15:00');

function run(command: CaseCommand, state: CaseState) {
  switch (command) {
    case 'handOver':
      return handOver(state, {
        at: AT,
        to: { staffId: 2, windowId: 2, businessSection: false },
        method: 'escorted',
        note: '引导至二号窗口',
      });
    case 'answer':
      return answer(state, { at: AT });
    case 'requestSupplement':
      return requestSupplement(state, { at: AT }, CTX);
    case 'return':
      return returnCase(state, { at: AT });
    case 'accept':
      return accept(state, { at: AT, kind: 'promised', termDays: 5, urgent: false }, CTX);
    case 'pause':
      return pause(state, { at: AT, reason: 'hearing', note: '听证' }, CTX);
    case 'resume':
      return resume(state, { at: AT });
    case 'extend':
      return extend(state, { at: AT, days: 3, approverName: '李主任', reason: '需现场踏勘' }, CTX);
    case 'expedite':
      return expedite(state, { at: AT, termDays: 2 }, CTX);
    case 'submit':
      return submit(state, { at: AT, authority: '县自然资源局', dueDate: '2026-03-20' });
    case 'complete':
      return complete(state, { at: AT });
  }
}

/** Written independently of ALLOWED_FROM: for each command, status before → status after. */
const EXPECTED: Record<CaseCommand, Partial<Record<CaseStatus, CaseStatus>>> = {
  handOver: { received: 'received' },
  answer: { received: 'answered' },
  requestSupplement: { received: 'awaiting_materials' },
  return: {
    received: 'returned',
    awaiting_materials: 'returned',
    in_progress: 'returned',
    paused: 'returned',
    with_authority: 'returned',
  },
  accept: { received: 'in_progress', awaiting_materials: 'in_progress' },
  pause: { in_progress: 'paused' },
  resume: { paused: 'in_progress' },
  extend: { in_progress: 'in_progress', paused: 'paused' },
  expedite: { in_progress: 'in_progress' },
  submit: { in_progress: 'with_authority' },
  complete: { in_progress: 'completed', paused: 'completed', with_authority: 'completed' },
};

describe('the transition table', () => {
  it('builds a case in every status through legal transitions', () => {
    for (const status of CASE_STATUSES) expect(caseIn(status).status).toBe(status);
  });

  it('ALLOWED_FROM is exactly the independently written table', () => {
    expect(Object.keys(ALLOWED_FROM).sort()).toEqual([...CASE_COMMANDS].sort());
    for (const command of CASE_COMMANDS)
      expect([...ALLOWED_FROM[command]].sort()).toEqual(Object.keys(EXPECTED[command]).sort());
  });

  for (const command of CASE_COMMANDS)
    for (const status of CASE_STATUSES) {
      const target = EXPECTED[command][status];
      it(`${command} from ${status} → ${target ?? 'CASE_STATE'}`, () => {
        const before = caseIn(status);
        const r = run(command, before);
        if (target === undefined) {
          expect(ALLOWED_FROM[command]).not.toContain(status);
          expect(r).toEqual({ ok: false, code: 'CASE_STATE', details: { status, command } });
        } else {
          expect(ALLOWED_FROM[command]).toContain(status);
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.value.status).toBe(target);
        }
      });
    }

  it('never changes the case it was given', () => {
    for (const command of CASE_COMMANDS)
      for (const status of CASE_STATUSES) {
        const before = caseIn(status);
        const copy = JSON.parse(JSON.stringify(before)) as CaseState;
        run(command, before);
        expect(before).toEqual(copy);
      }
  });
});

describe('noticeOf', () => {
  it('maps every command to its notice', () => {
    const expected: Record<Exclude<CaseCommand, 'accept'>, string | null> = {
      handOver: null,
      answer: 'inquiry',
      requestSupplement: 'supplement',
      return: 'returned',
      pause: null,
      resume: null,
      extend: 'extension',
      expedite: null,
      submit: null,
      complete: null,
    };
    for (const command of CASE_COMMANDS) {
      if (command === 'accept') continue;
      for (const kind of [null, ...ACCEPTED_KINDS])
        expect(noticeOf(command, kind)).toBe(expected[command]);
    }
  });

  it('an acceptance issues the notice of its kind', () => {
    const expected: Record<AcceptedKind, string> = {
      immediate: 'immediate',
      promised: 'promised',
      petition: 'petition',
      reported: 'reported',
    };
    for (const kind of ACCEPTED_KINDS) expect(noticeOf('accept', kind)).toBe(expected[kind]);
  });
});

describe('receive', () => {
  it('records the first responder as the holder, at a window, unclassified', () => {
    expect(receive({ at: RECEIVED_AT, staffId: 7, windowId: 3 })).toEqual({
      status: 'received',
      acceptedKind: null,
      receivedAt: RECEIVED_AT,
      firstResponderStaffId: 7,
      holder: { staffId: 7, windowId: 3, businessSection: false },
      handovers: [],
      supplementAt: null,
      acceptedAt: null,
      clockStartAt: null,
      deemedAccepted: false,
      termDays: null,
      urgent: false,
      extension: null,
      pauses: [],
      submission: null,
      closedAt: null,
    });
  });
});

describe('hand-over (首问负责)', () => {
  const to = (
    staffId: number | null,
    windowId: number | null,
    businessSection = false,
  ): Holder => ({
    staffId,
    windowId,
    businessSection,
  });
  const hand = (s: CaseState, t: Holder, at = AT) =>
    value(handOver(s, { at, to: t, method: 'phone', note: '电话协调' }));

  it('refuses a hand-over to the current holder', () => {
    expect(
      handOver(newCase(), { at: AT, to: to(1, 1), method: 'escorted', note: '' }),
    ).toMatchObject({ ok: false, code: 'HANDOVER_TO_HOLDER' });
    const atSection = hand(newCase(), to(null, null, true));
    expect(
      handOver(atSection, { at: AT, to: to(null, null, true), method: 'phone', note: '' }),
    ).toMatchObject({ ok: false, code: 'HANDOVER_TO_HOLDER' });
  });

  it('records from, to, method, note and time, and keeps the first responder', () => {
    const first = value(
      handOver(newCase(), { at: AT, to: to(2, 2), method: 'escorted', note: '引导至二号窗口' }),
    );
    const second = value(
      handOver(first, {
        at: AT + 60_000,
        to: to(null, null, true),
        method: 'phone',
        note: '联办件，转业务科',
      }),
    );
    expect(second.holder).toEqual(to(null, null, true));
    expect(second.firstResponderStaffId).toBe(1);
    expect(second.status).toBe('received');
    expect(second.handovers).toEqual([
      {
        at: AT,
        fromStaffId: 1,
        fromWindowId: 1,
        to: to(2, 2),
        method: 'escorted',
        note: '引导至二号窗口',
      },
      {
        at: AT + 60_000,
        fromStaffId: 2,
        fromWindowId: 2,
        to: to(null, null, true),
        method: 'phone',
        note: '联办件，转业务科',
      },
    ]);
  });

  it('bounceCount counts window changes and business-section hand-overs, not moves within a window', () => {
    let s = newCase();
    expect(bounceCount(s)).toBe(0);
    s = hand(s, to(2, 1)); // same window 1, another clerk
    expect(bounceCount(s)).toBe(0);
    s = hand(s, to(3, 2)); // window 1 → window 2
    expect(bounceCount(s)).toBe(1);
    s = hand(s, to(null, null, true)); // → business section
    expect(bounceCount(s)).toBe(2);
    s = hand(s, to(4, 3)); // business section → window 3
    expect(bounceCount(s)).toBe(3);
    s = hand(s, to(5, 3)); // within window 3
    expect(bounceCount(s)).toBe(3);
    expect(s.handovers).toHaveLength(5);
  });

  it('a hand-over to the business section counts even when the holder keeps the same window', () => {
    const s = hand(newCase(), to(9, 1, true));
    expect(bounceCount(s)).toBe(1);
  });

  it('the way back from the business section counts, even to a holder without a window', () => {
    const atSection = hand(newCase(), to(null, null, true));
    expect(bounceCount(hand(atSection, to(4, null)))).toBe(2);
  });
});

describe('closing a case', () => {
  it('answer, return and complete set closedAt', () => {
    expect(value(answer(newCase(), { at: AT })).closedAt).toBe(AT);
    expect(value(returnCase(newCase(), { at: AT })).closedAt).toBe(AT);
    expect(value(returnCase(caseIn('in_progress'), { at: AT })).closedAt).toBe(AT);
    expect(value(complete(caseIn('in_progress'), { at: AT })).closedAt).toBe(AT);
    expect(value(complete(caseIn('with_authority'), { at: AT })).closedAt).toBe(AT);
  });

  it('return and complete end an ongoing pause at that instant, leaving earlier pauses alone', () => {
    const once = value(resume(caseIn('paused'), { at: sh('2026-03-02', '11:30') }));
    const again = value(
      pause(once, { at: sh('2026-03-02', '14:00'), reason: 'hearing', note: '' }, CTX),
    );
    for (const close of [complete, returnCase]) {
      const closed = value(close(again, { at: AT }));
      expect(closed.pauses).toEqual([
        {
          from: sh('2026-03-02', '11:00'),
          to: sh('2026-03-02', '11:30'),
          reason: 'testing',
          note: '检测',
        },
        { from: sh('2026-03-02', '14:00'), to: AT, reason: 'hearing', note: '' },
      ]);
      expect(closed.closedAt).toBe(AT);
    }
  });

  it('resume closes the ongoing pause at the resume instant', () => {
    const resumed = value(resume(caseIn('paused'), { at: AT }));
    expect(resumed.pauses).toEqual([
      { from: sh('2026-03-02', '11:00'), to: AT, reason: 'testing', note: '检测' },
    ]);
    expect(resumed.closedAt).toBeNull();
  });
});

const acceptAs = (
  kind: AcceptedKind,
  termDays: number | null,
  at = ACCEPTED_AT,
  ctx = CTX,
  from: CaseState = newCase(),
) => accept(from, { at, kind, termDays, urgent: false }, ctx);

describe('accept', () => {
  it('requires a term of 1–1000 days for every non-immediate kind', () => {
    for (const kind of ['promised', 'petition', 'reported'] as const)
      for (const days of [null, 0, -1, 1001, 2.5]) {
        const r = acceptAs(kind, days);
        expect(r).toMatchObject({
          ok: false,
          code: 'BAD_TERM',
          field: 'termDays',
          details: { value: days, min: 1, max: 1000 },
        });
      }
    expect(value(acceptAs('promised', 1)).termDays).toBe(1);
    expect(value(acceptAs('reported', 1000)).termDays).toBe(1000);
  });

  it('ignores termDays for an immediate case', () => {
    for (const days of [null, 0, 5, 1001]) {
      const s = value(acceptAs('immediate', days));
      expect(s.termDays).toBeNull();
      expect(s.acceptedKind).toBe('immediate');
    }
  });

  it('records kind, acceptance, clock start and urgency', () => {
    const s = value(
      accept(newCase(), { at: ACCEPTED_AT, kind: 'promised', termDays: 5, urgent: true }, CTX),
    );
    expect(s).toMatchObject({
      status: 'in_progress',
      acceptedKind: 'promised',
      acceptedAt: ACCEPTED_AT,
      clockStartAt: ACCEPTED_AT,
      deemedAccepted: false,
      termDays: 5,
      urgent: true,
      closedAt: null,
    });
  });
});

describe('pause, extend and expedite refuse immediate cases', () => {
  const immediate = value(acceptAs('immediate', null));
  it('NOT_FOR_IMMEDIATE', () => {
    expect(pause(immediate, { at: AT, reason: 'testing', note: '' }, CTX)).toMatchObject({
      ok: false,
      code: 'NOT_FOR_IMMEDIATE',
    });
    expect(
      extend(immediate, { at: AT, days: 1, approverName: '李主任', reason: 'x' }, CTX),
    ).toMatchObject({ ok: false, code: 'NOT_FOR_IMMEDIATE' });
    expect(expedite(immediate, { at: AT, termDays: 1 }, CTX)).toMatchObject({
      ok: false,
      code: 'NOT_FOR_IMMEDIATE',
    });
  });
});

const deadlineOf = (s: CaseState, now = AT) => value(caseDeadline(s, CTX, now))!;

describe('extend (行政许可法 第四十二条)', () => {
  // Promised, 5 working days from Mon 2026-03-02 10:00 → Mon 2026-03-09 17:30.
  const promised = value(acceptAs('promised', 5));
  const ext = (s: CaseState, days: number, ctx = CTX) =>
    extend(s, { at: AT, days, approverName: '李主任', reason: '需专家评审' }, ctx);

  it('records the extension with the approver and reasons', () => {
    expect(value(ext(promised, 3)).extension).toEqual({
      at: AT,
      days: 3,
      approverName: '李主任',
      reason: '需专家评审',
    });
  });

  it('moves a working-day deadline by exactly the extension', () => {
    expect(deadlineOf(promised).at).toBe(sh('2026-03-09', '17:30'));
    // 10 more working days after Mon 03-09: 10–13 (4), 16–20 (9), 23 (10).
    const d = deadlineOf(value(ext(promised, 10)));
    expect(d.at).toBe(sh('2026-03-23', '17:30'));
    expect(d.date).toBe('2026-03-23');
    expect(deadlineOf(value(ext(promised, 1))).at).toBe(sh('2026-03-10', '17:30'));
  });

  it('allows at most policy.extensionMaxWorkingDays for working-day terms', () => {
    for (const days of [11, 0, -1, 1.5])
      expect(ext(promised, days)).toMatchObject({
        ok: false,
        code: 'EXTENSION_TOO_LONG',
        field: 'days',
        details: { value: days, max: 10 },
      });
    const strict = ctxOf({ extensionMaxWorkingDays: 4 });
    expect(ext(promised, 5, strict)).toMatchObject({ code: 'EXTENSION_TOO_LONG' });
    expect(ext(promised, 4, strict).ok).toBe(true);
    // 30 is a petition's maximum, not a promised case's.
    expect(ext(promised, 30)).toMatchObject({ code: 'EXTENSION_TOO_LONG' });
  });

  it('allows at most policy.petitionExtensionMaxDays calendar days for petitions', () => {
    // Petition of 60 calendar days from Mon 2026-02-02 → Fri 2026-04-03 (a working day), 17:30.
    const petition = value(acceptAs('petition', 60, sh('2026-02-02', '10:00')));
    expect(deadlineOf(petition).at).toBe(sh('2026-04-03', '17:30'));
    expect(ext(petition, 31)).toMatchObject({
      code: 'EXTENSION_TOO_LONG',
      details: { value: 31, max: 30 },
    });
    expect(ext(petition, 30).ok).toBe(true);
    expect(ext(petition, 11, ctxOf({ petitionExtensionMaxDays: 10 }))).toMatchObject({
      code: 'EXTENSION_TOO_LONG',
    });
    // 20 calendar days later: Thu 2026-04-23, a working day.
    expect(deadlineOf(value(ext(petition, 20))).at).toBe(sh('2026-04-23', '17:30'));
  });

  it('only once', () => {
    const once = value(ext(promised, 2));
    expect(ext(once, 1)).toEqual({ ok: false, code: 'ALREADY_EXTENDED' });
  });

  it('is allowed while paused and keeps the status', () => {
    const paused = value(pause(promised, { at: AT, reason: 'hearing', note: '' }, CTX));
    const extended = value(ext(paused, 2));
    expect(extended.status).toBe('paused');
    expect(extended.pauses).toEqual(paused.pauses);
  });
});

describe('expedite (急事急办，特事特办)', () => {
  const promised = value(acceptAs('promised', 5));

  it('shortens the term and marks the case urgent', () => {
    const s = value(expedite(promised, { at: sh('2026-03-03', '10:00'), termDays: 3 }, CTX));
    expect(s).toMatchObject({ termDays: 3, urgent: true, status: 'in_progress' });
    expect(deadlineOf(s).at).toBe(sh('2026-03-05', '17:30'));
  });

  it('requires a strictly shorter whole term (NOT_SHORTER)', () => {
    for (const termDays of [5, 6, 0, -1, 2.5])
      expect(expedite(promised, { at: AT, termDays }, CTX)).toMatchObject({
        ok: false,
        code: 'NOT_SHORTER',
        field: 'termDays',
        details: { value: termDays, current: 5 },
      });
  });

  it('requires the new deadline to lie strictly ahead (EXPEDITE_TOO_LATE)', () => {
    // 3 working days → Thu 2026-03-05 17:30.
    const at = sh('2026-03-05', '17:30');
    expect(expedite(promised, { at, termDays: 3 }, CTX)).toEqual({
      ok: false,
      code: 'EXPEDITE_TOO_LATE',
      field: 'termDays',
      details: { deadline: at },
    });
    expect(expedite(promised, { at: at + 1, termDays: 3 }, CTX)).toMatchObject({
      code: 'EXPEDITE_TOO_LATE',
    });
    expect(expedite(promised, { at: at - 1, termDays: 3 }, CTX).ok).toBe(true);
  });
});

describe('submit (上报件)', () => {
  const reported = caseIn('in_progress');

  it('records the submission and moves the case to the authority', () => {
    const s = value(submit(reported, { at: AT, authority: '县自然资源局', dueDate: '2026-03-20' }));
    expect(s.status).toBe('with_authority');
    expect(s.submission).toEqual({ at: AT, authority: '县自然资源局', dueDate: '2026-03-20' });
  });

  it('only for reported cases', () => {
    for (const kind of ['promised', 'petition'] as const) {
      const s = value(acceptAs(kind, 5));
      expect(submit(s, { at: AT, authority: 'x', dueDate: '2026-03-20' })).toEqual({
        ok: false,
        code: 'NOT_REPORTED',
      });
    }
    expect(
      submit(value(acceptAs('immediate', null)), { at: AT, authority: 'x', dueDate: '2026-03-20' }),
    ).toMatchObject({ code: 'NOT_REPORTED' });
  });

  it('refuses a due date before the Shanghai day of `at`, or not a date', () => {
    const due = (at: number, dueDate: string) => submit(reported, { at, authority: 'x', dueDate });
    expect(due(AT, '2026-03-02').ok).toBe(true); // same day
    expect(due(AT, '2026-03-01')).toEqual({
      ok: false,
      code: 'BAD_DUE_DATE',
      field: 'dueDate',
      details: { value: '2026-03-01' },
    });
    for (const bad of ['2026-02-30', '2026-3-20', '', '20260320'])
      expect(due(AT, bad)).toMatchObject({ code: 'BAD_DUE_DATE' });
    // 23:30 Shanghai (15:30 UTC) is still Mar 2; 00:30 Shanghai on Mar 3 is 16:30 UTC on Mar 2.
    expect(due(sh('2026-03-02', '23:30'), '2026-03-02').ok).toBe(true);
    expect(due(sh('2026-03-03', '00:30'), '2026-03-02')).toMatchObject({ code: 'BAD_DUE_DATE' });
  });
});

describe('finishedOnTime', () => {
  const promised = value(acceptAs('promised', 5)); // deadline Mon 2026-03-09 17:30

  it('is true iff closed by the deadline', () => {
    const end = sh('2026-03-09', '17:30');
    expect(value(finishedOnTime(value(complete(promised, { at: end })), CTX))).toBe(true);
    expect(value(finishedOnTime(value(complete(promised, { at: end + 1 })), CTX))).toBe(false);
  });

  it('counts pauses and the extension', () => {
    // Paused Tue 03-03 14:00 → Wed 03-04 10:00: 3.5 h + 1.5 h = 5 h of working time.
    const p = value(
      pause(promised, { at: sh('2026-03-03', '14:00'), reason: 'testing', note: '' }, CTX),
    );
    const r = value(resume(p, { at: sh('2026-03-04', '10:00') }));
    const at = sh('2026-03-10', '13:30');
    expect(value(finishedOnTime(value(complete(r, { at })), CTX))).toBe(true);
    expect(value(finishedOnTime(value(complete(r, { at: at + 1 })), CTX))).toBe(false);
    const x = value(extend(promised, { at: AT, days: 1, approverName: 'a', reason: 'b' }, CTX));
    const late = sh('2026-03-10', '17:30');
    expect(value(finishedOnTime(value(complete(x, { at: late })), CTX))).toBe(true);
    expect(value(finishedOnTime(value(complete(x, { at: late + 1 })), CTX))).toBe(false);
  });

  it('is null for a case that never ran a term or is still open', () => {
    expect(value(finishedOnTime(caseIn('answered'), CTX))).toBeNull();
    expect(value(finishedOnTime(caseIn('returned'), CTX))).toBeNull();
    expect(value(finishedOnTime(caseIn('in_progress'), CTX))).toBeNull();
  });

  it('an immediate case has 30 minutes', () => {
    const s = value(acceptAs('immediate', null));
    const end = ACCEPTED_AT + 30 * 60_000;
    expect(value(finishedOnTime(value(complete(s, { at: end })), CTX))).toBe(true);
    expect(value(finishedOnTime(value(complete(s, { at: end + 1 })), CTX))).toBe(false);
  });
});

describe('nothing stops a clock that already ran out', () => {
  // Accepted Monday 2 March; 5 working days end Monday 9 March 17:30 (winter hours).
  const promised = value(acceptAs('promised', 5, sh('2026-03-02', '09:00')));
  const lastMinute = sh('2026-03-09', '17:30');
  const tooLate = lastMinute + 1;

  it('extends within the term, up to its last instant, and refuses after it (art. 42)', () => {
    const ask = (at: number) =>
      extend(promised, { at, days: 3, approverName: '周敏', reason: '需实地核查' }, CTX);
    expect(ask(lastMinute).ok).toBe(true);
    expect(ask(tooLate)).toMatchObject({ ok: false, code: 'EXTEND_TOO_LATE' });
  });

  it('pauses within the term and refuses a pause after it, so an overdue case stays overdue', () => {
    const stop = (at: number) => pause(promised, { at, reason: 'testing', note: '' }, CTX);
    expect(stop(lastMinute).ok).toBe(true);
    expect(stop(tooLate)).toMatchObject({ ok: false, code: 'PAUSE_TOO_LATE' });
  });
});
