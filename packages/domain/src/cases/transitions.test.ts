import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { termBounds, urgentTermOf } from './acceptance.ts';
import {
  ACCEPTED_KINDS,
  CASE_STATUSES,
  type AcceptedKind,
  type CaseState,
  type CaseStatus,
  type CatalogTerm,
  type Holder,
} from './model.ts';
import { awaitedOf, caseDeadline, dueLight, petitionDecisionDeadline } from './term.ts';
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
  recordOutcome,
  requestSupplement,
  resume,
  returnCase,
  submit,
  type CaseCommand,
} from './transitions.ts';
import {
  acceptWithTerm,
  ACCEPTED_AT,
  caseIn,
  catalogItem,
  ctxOf,
  CTX,
  newCase,
  HOUR,
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
        byStaffId: 1,
      });
    case 'answer':
      return answer(state, { at: AT });
    case 'requestSupplement':
      return requestSupplement(state, { at: AT }, CTX);
    case 'return':
      return returnCase(state, { at: AT });
    case 'accept':
      return accept(
        state,
        { at: AT, kind: 'promised', termDays: 5, urgent: false, item: catalogItem('promised', 5) },
        CTX,
      );
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
    case 'recordOutcome':
      return recordOutcome(state, { at: AT, result: 'approved', note: '县局批复同意' });
    case 'complete':
      return complete(state, { at: AT });
  }
}

/**
 * The case a command is tried on in `status`: a reported case, except that completing needs what a
 * completion needs — a promised case, or a reported one whose authority has answered.
 */
const before = (command: CaseCommand, status: CaseStatus) =>
  command === 'complete'
    ? caseIn(status, CTX, { kind: 'promised', answered: true })
    : caseIn(status);

/** Written independently of ALLOWED_FROM: for each command, status before → status after. */
const EXPECTED: Record<CaseCommand, Partial<Record<CaseStatus, CaseStatus>>> = {
  handOver: {
    received: 'received',
    awaiting_materials: 'awaiting_materials',
    in_progress: 'in_progress',
    paused: 'paused',
    with_authority: 'with_authority',
  },
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
  recordOutcome: { with_authority: 'with_authority' },
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
        const r = run(command, before(command, status));
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
        const given = before(command, status);
        const copy = JSON.parse(JSON.stringify(given)) as CaseState;
        run(command, given);
        expect(given).toEqual(copy);
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
      recordOutcome: null,
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
      standardTermDays: null,
      urgent: false,
      petition: false,
      petitionDecision: null,
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
    value(
      handOver(s, { at, to: t, method: 'phone', note: '电话协调', byStaffId: s.holder.staffId }),
    );

  it('refuses a hand-over to the current holder', () => {
    expect(
      handOver(newCase(), { at: AT, to: to(1, 1), method: 'escorted', note: '', byStaffId: 1 }),
    ).toMatchObject({ ok: false, code: 'HANDOVER_TO_HOLDER' });
    const atSection = hand(newCase(), to(null, null, true));
    expect(
      handOver(atSection, {
        at: AT,
        to: to(null, null, true),
        method: 'phone',
        note: '',
        byStaffId: 9,
      }),
    ).toMatchObject({ ok: false, code: 'HANDOVER_TO_HOLDER' });
  });

  it('records from, to, method, note and time, and keeps the first responder', () => {
    const first = value(
      handOver(newCase(), {
        at: AT,
        to: to(2, 2),
        method: 'escorted',
        note: '引导至二号窗口',
        byStaffId: 1,
      }),
    );
    // The director (staff 9) hands it on for its holder: both are on the record.
    const second = value(
      handOver(first, {
        at: AT + 60_000,
        to: to(null, null, true),
        method: 'phone',
        note: '联办件，转业务科',
        byStaffId: 9,
      }),
    );
    expect(second.holder).toEqual(to(null, null, true));
    expect(second.firstResponderStaffId).toBe(1);
    expect(second.status).toBe('received');
    expect(second.handovers).toEqual([
      {
        at: AT,
        byStaffId: 1,
        fromStaffId: 1,
        fromWindowId: 1,
        to: to(2, 2),
        method: 'escorted',
        note: '引导至二号窗口',
      },
      {
        at: AT + 60_000,
        byStaffId: 9,
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
    const promised = caseIn('in_progress', CTX, { kind: 'promised' });
    expect(value(complete(promised, { at: AT })).closedAt).toBe(AT);
    const answered = caseIn('with_authority', CTX, { answered: true });
    expect(value(complete(answered, { at: AT })).closedAt).toBe(AT);
  });

  it('return and complete end an ongoing pause at that instant, leaving earlier pauses alone', () => {
    const once = value(
      resume(caseIn('paused', CTX, { kind: 'promised' }), { at: sh('2026-03-02', '11:30') }),
    );
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
) => acceptWithTerm(from, { at, kind, termDays }, ctx);

describe('accept: kind and term within the catalog', () => {
  /** 临时救助 in the catalog: promised, 5 working days (statutory 10). */
  const ITEM = { defaultKind: 'promised', promisedDays: 5, legalDays: 10 } as const;
  const take = (
    f: { kind?: AcceptedKind; termDays?: number | null; urgent?: boolean },
    item: CatalogTerm = ITEM,
    ctx = CTX,
  ) =>
    accept(
      newCase(),
      { at: ACCEPTED_AT, kind: 'promised', termDays: null, urgent: false, ...f, item },
      ctx,
    );

  it('takes the catalog term by default, a shorter one when asked, and records both', () => {
    expect(value(take({}))).toMatchObject({ termDays: 5, standardTermDays: 5, urgent: false });
    expect(value(take({ termDays: 3 }))).toMatchObject({ termDays: 3, standardTermDays: 5 });
  });

  it('refuses a term longer than the catalog promises (a longer one needs the approved extension)', () => {
    for (const termDays of [6, 10, 100])
      expect(take({ termDays })).toEqual({
        ok: false,
        code: 'TERM_ABOVE_CATALOG',
        field: 'termDays',
        details: { value: termDays, max: 5, standard: 5, unit: 'working' },
      });
    for (const termDays of [0, -1, 2.5])
      expect(take({ termDays })).toMatchObject({ ok: false, code: 'BAD_TERM', field: 'termDays' });
  });

  it('uses the statutory term when the catalog promises none, and refuses when it has neither', () => {
    const legalOnly = { defaultKind: 'reported', promisedDays: null, legalDays: 20 } as const;
    expect(value(take({ kind: 'reported' }, legalOnly)).termDays).toBe(20);
    const none = { defaultKind: 'promised', promisedDays: null, legalDays: null } as const;
    expect(take({}, none)).toEqual({ ok: false, code: 'TERM_NOT_IN_CATALOG', field: 'termDays' });
  });

  it('accepts only the kinds the catalog allows: a promised item may be finished on the spot', () => {
    expect(value(take({ kind: 'immediate' }))).toMatchObject({
      acceptedKind: 'immediate',
      termDays: null,
      standardTermDays: null,
      urgent: false,
    });
    for (const kind of ['petition', 'reported'] as const)
      expect(take({ kind })).toMatchObject({
        ok: false,
        code: 'KIND_NOT_IN_CATALOG',
        field: 'kind',
      });
    const immediateItem = catalogItem('immediate', null);
    expect(take({ kind: 'promised', termDays: 5 }, immediateItem)).toMatchObject({
      code: 'KIND_NOT_IN_CATALOG',
    });
    expect(value(take({ kind: 'immediate' }, immediateItem)).acceptedKind).toBe('immediate');
  });

  it('bounds a petition by the statute (the center petition days), whatever the catalog says', () => {
    const petitionItem = { defaultKind: 'petition', promisedDays: 60, legalDays: 60 } as const;
    expect(value(take({ kind: 'petition' }, petitionItem)).termDays).toBe(60);
    expect(take({ kind: 'petition', termDays: 61 }, petitionItem)).toMatchObject({
      code: 'TERM_ABOVE_CATALOG',
      details: { max: 60, unit: 'calendar' },
    });
    const strict = ctxOf({ petitionDays: 45 });
    expect(value(take({ kind: 'petition' }, petitionItem, strict)).termDays).toBe(45);
    const noPromise = { defaultKind: 'petition', promisedDays: null, legalDays: null } as const;
    expect(value(take({ kind: 'petition' }, noPromise)).termDays).toBe(60);
  });

  it('gives an urgent case (急事急办) at most the policy share of the term, by default exactly that', () => {
    expect(value(take({ urgent: true }))).toMatchObject({
      termDays: 2,
      standardTermDays: 5,
      urgent: true,
    });
    expect(value(take({ urgent: true, termDays: 1 })).termDays).toBe(1);
    expect(take({ urgent: true, termDays: 3 })).toMatchObject({
      code: 'URGENT_TERM_TOO_LONG',
      field: 'termDays',
      details: { value: 3, max: 2, standard: 5 },
    });
    expect(value(take({ urgent: true }, ITEM, ctxOf({ urgentTermPercent: 80 }))).termDays).toBe(4);
    // One working day cannot be shortened.
    const oneDay = { defaultKind: 'promised', promisedDays: 1, legalDays: 1 } as const;
    expect(take({ urgent: true }, oneDay)).toMatchObject({ code: 'NOT_SHORTER', field: 'urgent' });
  });

  it('an urgent case ends before the same case would without urgency', () => {
    const normal = value(take({}));
    const urgent = value(take({ urgent: true }));
    expect(value(caseDeadline(urgent, CTX, ACCEPTED_AT))!.at).toBeLessThan(
      value(caseDeadline(normal, CTX, ACCEPTED_AT))!.at,
    );
  });

  it('records kind, acceptance and clock start', () => {
    expect(value(take({}))).toMatchObject({
      status: 'in_progress',
      acceptedKind: 'promised',
      acceptedAt: ACCEPTED_AT,
      clockStartAt: ACCEPTED_AT,
      deemedAccepted: false,
      closedAt: null,
    });
  });
});

describe('urgentTermOf and termBounds', () => {
  it('is the share rounded down, always shorter than the term, never under one day', () => {
    expect(urgentTermOf(5, 50)).toBe(2);
    expect(urgentTermOf(60, 50)).toBe(30);
    expect(urgentTermOf(3, 90)).toBe(2);
    expect(urgentTermOf(2, 50)).toBe(1);
    expect(urgentTermOf(1, 90)).toBeNull();
    expect(urgentTermOf(5, 10)).toBeNull();
  });

  it('property: an urgent term is at least one day and shorter than the term it shortens', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 10, max: 90 }), (n, pct) => {
        const u = urgentTermOf(n, pct);
        if (u !== null) {
          expect(u).toBeGreaterThanOrEqual(1);
          expect(u).toBeLessThan(n);
          expect(u).toBeLessThanOrEqual((n * pct) / 100);
        } else expect(Math.floor((n * pct) / 100) < 1 || n === 1).toBe(true);
      }),
    );
  });

  it('property: whatever the clerk asks, an accepted term never exceeds the catalog', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<AcceptedKind>('promised', 'reported', 'petition'),
        fc.integer({ min: 1, max: 60 }),
        fc.option(fc.integer({ min: -5, max: 2000 }), { nil: null }),
        fc.boolean(),
        (kind, promised, asked, urgent) => {
          const item = { defaultKind: kind, promisedDays: promised, legalDays: promised };
          const r = accept(
            newCase(),
            { at: ACCEPTED_AT, kind, termDays: asked, urgent, item },
            CTX,
          );
          const bounds = value(termBounds(kind, item, CTX.policy))!;
          if (r.ok) {
            expect(r.value.termDays).toBeLessThanOrEqual(urgent ? bounds.urgent! : bounds.standard);
            expect(r.value.standardTermDays).toBe(bounds.standard);
          } else
            expect([
              'BAD_TERM',
              'TERM_ABOVE_CATALOG',
              'URGENT_TERM_TOO_LONG',
              'NOT_SHORTER',
            ]).toContain(r.code);
        },
      ),
    );
  });
});

describe('the petition decision (信访工作条例: whether to accept, within 15 days)', () => {
  const petition = () => receive({ at: RECEIVED_AT, staffId: 1, windowId: 1, petition: true });
  const item = { defaultKind: 'petition', promisedDays: 60, legalDays: 60 } as const;

  it('is due 15 calendar days after the day of receipt, at closing time, yellow before it', () => {
    // Mon 03-02 + 15 = Tue 03-17, winter hours close 17:30.
    const d = value(petitionDecisionDeadline(petition(), CTX))!;
    expect(d.at).toBe(sh('2026-03-17', '17:30'));
    expect(d.yellowAt).toBeGreaterThan(RECEIVED_AT);
    expect(d.yellowAt).toBeLessThan(d.at);
    expect(dueLight(d, d.yellowAt - 1)).toBe('green');
    expect(dueLight(d, d.yellowAt)).toBe('yellow');
    expect(dueLight(d, d.at + 1)).toBe('red');
    expect(value(petitionDecisionDeadline(newCase(), CTX))).toBeNull();
    const longer = value(
      petitionDecisionDeadline(petition(), ctxOf({ petitionDecisionDays: 20 })),
    )!;
    expect(longer.date).toBe('2026-03-23'); // Sun 03-22 rolls to Monday
  });

  it('is awaited while unclassified, and recorded by accepting or returning the petition', () => {
    expect(value(awaitedOf(petition(), CTX))?.what).toBe('petition_decision');
    const asked = value(requestSupplement(petition(), { at: AT }, CTX));
    expect(value(awaitedOf(asked, CTX))?.what).toBe('petition_decision');
    const at = sh('2026-03-05', '10:00');
    const accepted = value(
      accept(petition(), { at, kind: 'petition', termDays: null, urgent: false, item }, CTX),
    );
    expect(accepted.petitionDecision).toEqual({ at, accepted: true });
    expect(value(awaitedOf(accepted, CTX))).toBeNull();
    const refused = value(returnCase(petition(), { at }));
    expect(refused.petitionDecision).toEqual({ at, accepted: false });
    // Returning it later (after acceptance) does not rewrite the decision.
    const later = value(returnCase(accepted, { at: at + HOUR }));
    expect(later.petitionDecision).toEqual({ at, accepted: true });
    // Not a petition: nothing to decide.
    expect(value(returnCase(newCase(), { at })).petitionDecision).toBeNull();
  });
});

describe('the higher authority (上报件): its due date warned, its answer recorded before completion', () => {
  it('warns from the policy share of the time between submission and the due date', () => {
    const s = caseIn('with_authority');
    const awaited = value(awaitedOf(s, CTX))!;
    expect(awaited.what).toBe('authority');
    expect(awaited.due.at).toBe(sh('2026-03-20', '17:30'));
    expect(awaited.due.yellowAt).toBeGreaterThan(s.submission!.at);
    expect(awaited.due.yellowAt).toBeLessThan(awaited.due.at);
  });

  it('records approved / refused / other with a note, once; then the case may be completed', () => {
    const s = caseIn('with_authority');
    expect(complete(s, { at: AT })).toEqual({ ok: false, code: 'OUTCOME_REQUIRED' });
    const answered = value(recordOutcome(s, { at: AT, result: 'refused', note: '不符合规划' }));
    expect(answered.submission?.outcome).toEqual({ at: AT, result: 'refused', note: '不符合规划' });
    expect(answered.status).toBe('with_authority');
    expect(value(awaitedOf(answered, CTX))).toBeNull();
    expect(recordOutcome(answered, { at: AT, result: 'approved', note: 'x' })).toEqual({
      ok: false,
      code: 'OUTCOME_RECORDED',
    });
    expect(value(complete(answered, { at: AT + HOUR })).status).toBe('completed');
  });

  it('a reported case never submitted cannot be completed; a promised one can', () => {
    expect(complete(caseIn('in_progress'), { at: AT })).toEqual({
      ok: false,
      code: 'OUTCOME_REQUIRED',
    });
    expect(complete(caseIn('in_progress', CTX, { kind: 'promised' }), { at: AT }).ok).toBe(true);
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
    expect(s.submission).toEqual({
      at: AT,
      authority: '县自然资源局',
      dueDate: '2026-03-20',
      outcome: null,
    });
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
