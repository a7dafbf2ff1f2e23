import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  approveExtension,
  checkExtensionDecider,
  checkExtensionRefusal,
  checkExtensionRequest,
  checkExtensionWithdrawal,
  checkUrge,
  extensionMaxDays,
  extensionOutlook,
  holdsInPerson,
  urgeCounts,
  type ExtensionRequestFacts,
} from './extension-request.ts';
import {
  acceptWithTerm,
  caseIn,
  ctxOf,
  CTX,
  HOUR,
  newCase,
  sh,
  value,
} from './fixtures.fixture.ts';
import type { AcceptedKind, CaseState } from './model.ts';
import { caseDeadline } from './term.ts';
import { complete, extend, handOver, pause } from './transitions.ts';

// Promised, 5 working days from Mon 2026-03-02 10:00 → Mon 2026-03-09 17:30 (winter hours).
const acceptAs = (kind: AcceptedKind, termDays: number | null, at = sh('2026-03-02', '10:00')) =>
  value(acceptWithTerm(newCase(), { at, kind, termDays }));
const promised = acceptAs('promised', 5);
const DEADLINE = sh('2026-03-09', '17:30');
const ASK_AT = sh('2026-03-05', '15:00');
/** Staff 1 holds every fixture case. */
const holder = { staffId: 1, businessSection: false };
const ask = (
  s: CaseState,
  f: Partial<{ at: number; days: number; reason: string; pending: boolean }> = {},
  who = holder,
  ctx = CTX,
) =>
  checkExtensionRequest(
    s,
    { at: ASK_AT, days: 3, reason: '需现场踏勘', pending: false, requester: who, ...f },
    ctx,
  );
const deadlineOf = (s: CaseState, now = ASK_AT) => value(caseDeadline(s, CTX, now))!.at;

const request = (over: Partial<ExtensionRequestFacts> = {}): ExtensionRequestFacts => ({
  status: 'pending',
  requestedAt: ASK_AT,
  requestedByStaffId: 1,
  days: 3,
  reason: '需现场踏勘',
  ...over,
});

describe('who may ask for an extension', () => {
  it('the holder in person; not another clerk, not the director standing in', () => {
    expect(ask(promised).ok).toBe(true);
    expect(ask(promised, {}, { staffId: 2, businessSection: false })).toEqual({
      ok: false,
      code: 'EXTENSION_NOT_HOLDER',
    });
    expect(holdsInPerson(promised.holder, { staffId: null, businessSection: false })).toBe(false);
  });

  it('a joint case at the business section: a member of the section', () => {
    const atSection = value(
      handOver(promised, {
        at: sh('2026-03-03', '09:00'),
        to: { staffId: null, windowId: null, businessSection: true },
        method: 'escorted',
        note: '',
        byStaffId: 1,
      }),
    );
    expect(ask(atSection, {}, { staffId: 7, businessSection: true }).ok).toBe(true);
    expect(ask(atSection).ok).toBe(false);
  });
});

describe('the rules of a request', () => {
  it('gives the deadline now and after the days asked (a preview of the approval)', () => {
    expect(value(ask(promised))).toEqual({
      maxDays: 10,
      deadlineAt: DEADLINE,
      // 3 more working days after Mon 03-09: Thu 03-12.
      newDeadlineAt: sh('2026-03-12', '17:30'),
    });
  });

  it('one request waits at a time', () => {
    expect(ask(promised, { pending: true })).toEqual({ ok: false, code: 'EXTENSION_PENDING' });
  });

  it('needs a reason', () => {
    expect(ask(promised, { reason: '  ' })).toEqual({
      ok: false,
      code: 'EXTENSION_REASON_REQUIRED',
      field: 'reason',
    });
  });

  it('the days within the policy (working days; a petition calendar days)', () => {
    expect(ask(promised, { days: 11 })).toMatchObject({
      code: 'EXTENSION_TOO_LONG',
      field: 'days',
      details: { max: 10 },
    });
    expect(ask(promised, { days: 0 })).toMatchObject({ code: 'EXTENSION_TOO_LONG' });
    expect(ask(promised, { days: 4 }, holder, ctxOf({ extensionMaxWorkingDays: 3 }))).toMatchObject(
      { code: 'EXTENSION_TOO_LONG', details: { max: 3 } },
    );
    const petition = acceptAs('petition', 60, sh('2026-02-02', '10:00'));
    expect(extensionMaxDays(petition, CTX.policy)).toBe(30);
    expect(ask(petition, { days: 30 }).ok).toBe(true);
  });

  it('only a running case that is not immediate and not extended yet', () => {
    expect(ask(acceptAs('immediate', null, sh('2026-03-05', '14:50')))).toMatchObject({
      code: 'NOT_FOR_IMMEDIATE',
    });
    expect(extensionMaxDays(newCase(), CTX.policy)).toBeNull();
    expect(ask(newCase())).toMatchObject({ code: 'CASE_STATE' });
    const done = value(complete(promised, { at: sh('2026-03-04', '10:00') }));
    expect(ask(done)).toMatchObject({ code: 'CASE_STATE' });
    const extended = value(
      extend(promised, { at: ASK_AT, days: 1, approverName: '周敏', reason: 'x' }, CTX),
    );
    expect(ask(extended)).toEqual({ ok: false, code: 'ALREADY_EXTENDED' });
  });

  it('only before the deadline: up to its last instant, not after', () => {
    expect(ask(promised, { at: DEADLINE }).ok).toBe(true);
    expect(ask(promised, { at: DEADLINE + 1 })).toMatchObject({
      ok: false,
      code: 'EXTENSION_REQUEST_TOO_LATE',
      details: { deadline: DEADLINE },
    });
  });
});

describe('what the case page offers', () => {
  it('each length up to the maximum with its new deadline', () => {
    const o = extensionOutlook(promised, { at: ASK_AT, requester: holder, pending: false }, CTX);
    expect(o.canRequest).toBe(true);
    if (!o.canRequest) return;
    expect(o.maxDays).toBe(10);
    expect(o.deadlineAt).toBe(DEADLINE);
    expect(o.previews).toHaveLength(10);
    expect(o.previews[0]).toEqual({ days: 1, deadlineAt: sh('2026-03-10', '17:30') });
    expect(o.previews[9]).toEqual({ days: 10, deadlineAt: sh('2026-03-23', '17:30') });
  });

  it('why not, when it cannot be asked', () => {
    const at = DEADLINE + HOUR;
    expect(extensionOutlook(promised, { at, requester: holder, pending: false }, CTX)).toEqual({
      canRequest: false,
      code: 'EXTENSION_REQUEST_TOO_LATE',
    });
    expect(
      extensionOutlook(promised, { at: ASK_AT, requester: holder, pending: true }, CTX),
    ).toEqual({ canRequest: false, code: 'EXTENSION_PENDING' });
  });
});

describe('the decision', () => {
  const director = { staffId: 9, approver: true };

  it('is taken by one who may approve extensions, never on his or her own request', () => {
    expect(checkExtensionDecider(director, request()).ok).toBe(true);
    expect(checkExtensionDecider({ staffId: 2, approver: false }, request())).toEqual({
      ok: false,
      code: 'NOT_APPROVER',
    });
    expect(checkExtensionDecider(director, request({ requestedByStaffId: 9 }))).toEqual({
      ok: false,
      code: 'SELF_EXTENSION_APPROVAL',
    });
  });

  it('approval extends the term, names the approver and the request reason, and notes both instants', () => {
    const decidedAt = sh('2026-03-06', '09:00');
    const next = value(
      approveExtension(promised, request(), { at: decidedAt, approverName: '周敏' }, CTX),
    );
    expect(next.extension).toEqual({
      at: decidedAt,
      requestedAt: ASK_AT,
      days: 3,
      approverName: '周敏',
      reason: '需现场踏勘',
    });
    expect(deadlineOf(next)).toBe(sh('2026-03-12', '17:30'));
  });

  it('is judged at the request’s instant: a request filed in time survives a late decision', () => {
    const late = DEADLINE + 2 * 24 * HOUR;
    const next = value(
      approveExtension(promised, request(), { at: late, approverName: '周敏' }, CTX),
    );
    expect(deadlineOf(next, late)).toBe(sh('2026-03-12', '17:30'));
    // Whereas the leader's own extension at that time would come too late.
    expect(
      extend(promised, { at: late, days: 3, approverName: '周敏', reason: 'x' }, CTX),
    ).toMatchObject({ code: 'EXTEND_TOO_LATE' });
  });

  it('refuses when the case was closed meanwhile, or the request is no longer waiting', () => {
    const done = value(complete(promised, { at: sh('2026-03-06', '10:00') }));
    const at = sh('2026-03-06', '11:00');
    expect(approveExtension(done, request(), { at, approverName: '周敏' }, CTX)).toMatchObject({
      ok: false,
      code: 'EXTENSION_CASE_CLOSED',
    });
    for (const status of ['approved', 'refused', 'withdrawn'] as const)
      expect(
        approveExtension(promised, request({ status }), { at, approverName: '周敏' }, CTX),
      ).toMatchObject({ ok: false, code: 'EXTENSION_REQUEST_DECIDED' });
  });

  it('refuses when the case got its one extension meanwhile', () => {
    const extended = value(
      extend(promised, { at: ASK_AT + HOUR, days: 1, approverName: '钱志强', reason: 'x' }, CTX),
    );
    expect(
      approveExtension(extended, request(), { at: ASK_AT + 2 * HOUR, approverName: '周敏' }, CTX),
    ).toEqual({ ok: false, code: 'ALREADY_EXTENDED' });
  });

  it('a paused case keeps its pause and status', () => {
    const paused = value(
      pause(promised, { at: sh('2026-03-04', '10:00'), reason: 'testing', note: '' }, CTX),
    );
    const next = value(
      approveExtension(
        paused,
        request(),
        { at: sh('2026-03-06', '10:00'), approverName: '周敏' },
        CTX,
      ),
    );
    expect(next.status).toBe('paused');
    expect(next.pauses).toEqual(paused.pauses);
  });

  it('refusal needs a reason; withdrawal is the requester’s, while it waits', () => {
    expect(checkExtensionRefusal(request(), { reason: ' ' })).toEqual({
      ok: false,
      code: 'DECISION_REASON_REQUIRED',
      field: 'reason',
    });
    expect(checkExtensionRefusal(request(), { reason: '理由不充分' }).ok).toBe(true);
    expect(checkExtensionRefusal(request({ status: 'withdrawn' }), { reason: 'x' })).toMatchObject({
      code: 'EXTENSION_REQUEST_DECIDED',
    });
    expect(checkExtensionWithdrawal(request(), { staffId: 1 }).ok).toBe(true);
    expect(checkExtensionWithdrawal(request(), { staffId: 2 })).toEqual({
      ok: false,
      code: 'EXTENSION_NOT_REQUESTER',
    });
    expect(checkExtensionWithdrawal(request({ status: 'approved' }), { staffId: 1 })).toMatchObject(
      { code: 'EXTENSION_REQUEST_DECIDED' },
    );
  });

  it('property: any decision time after the request gives the same deadline', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: ASK_AT, max: DEADLINE }),
        fc.integer({ min: 0, max: 40 * 24 * HOUR }),
        fc.integer({ min: 1, max: 10 }),
        (askedAt, delay, days) => {
          const req = request({ requestedAt: askedAt, days });
          const soon = approveExtension(promised, req, { at: askedAt, approverName: 'a' }, CTX);
          const later = approveExtension(
            promised,
            req,
            { at: askedAt + delay, approverName: 'a' },
            CTX,
          );
          expect(soon.ok && later.ok).toBe(true);
          if (!soon.ok || !later.ok) return;
          const now = askedAt + delay;
          expect(deadlineOf(later.value, now)).toBe(deadlineOf(soon.value, now));
          // And it is what the request's preview promised.
          const preview = value(ask(promised, { at: askedAt, days }));
          expect(deadlineOf(later.value, now)).toBe(preview.newDeadlineAt);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('urging (催办)', () => {
  it('an open case may be urged, a closed one not', () => {
    for (const s of [
      'received',
      'awaiting_materials',
      'in_progress',
      'paused',
      'with_authority',
    ] as const)
      expect(checkUrge(caseIn(s)).ok).toBe(true);
    for (const s of ['answered', 'returned', 'completed'] as const)
      expect(checkUrge(caseIn(s))).toMatchObject({ ok: false, code: 'URGE_CASE_CLOSED' });
  });

  it('counts the urges of each case, with the last one', () => {
    const counts = urgeCounts([
      { caseId: 1, at: 10 },
      { caseId: 2, at: 5 },
      { caseId: 1, at: 30 },
      { caseId: 1, at: 20 },
    ]);
    expect(counts.get(1)).toEqual({ count: 3, lastAt: 30 });
    expect(counts.get(2)).toEqual({ count: 1, lastAt: 5 });
    expect(counts.get(3)).toBeUndefined();
    expect(urgeCounts([]).size).toBe(0);
  });
});
