import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkOccurredOn,
  checkReferral,
  checkReferralOutcome,
  checkReply,
  decideReport,
  maskContact,
  maskName,
  reportStage,
} from './reports.ts';

const received = {
  status: 'received' as const,
  staffId: null,
  item: null,
  occurredOn: null,
  receivedOn: '2026-03-02',
};

describe('deciding a public report', () => {
  it('substantiates with the staff member, the item and the day, taken from the decision', () => {
    const r = decideReport(received, {
      outcome: 'substantiated',
      reason: '调取监控属实',
      staffId: 7,
      item: 7,
      occurredOn: '2026-02-27',
    });
    expect(r).toEqual({
      ok: true,
      value: {
        outcome: 'substantiated',
        reason: '调取监控属实',
        staffId: 7,
        item: 7,
        occurredOn: '2026-02-27',
      },
    });
  });

  it('falls back on what was registered', () => {
    const r = decideReport(
      { ...received, staffId: 3, item: 5, occurredOn: '2026-03-01' },
      { outcome: 'substantiated', reason: '属实' },
    );
    expect(r.ok && r.value).toMatchObject({ staffId: 3, item: 5, occurredOn: '2026-03-01' });
  });

  it('refuses to substantiate without the person, the item or the day, naming the field', () => {
    const base = { outcome: 'substantiated' as const, reason: '属实' };
    expect(decideReport(received, { ...base, item: 1, occurredOn: '2026-03-01' })).toMatchObject({
      code: 'REPORT_STAFF_REQUIRED',
      field: 'staffId',
    });
    expect(decideReport(received, { ...base, staffId: 1, occurredOn: '2026-03-01' })).toMatchObject(
      { code: 'REPORT_ITEM_REQUIRED', field: 'item' },
    );
    expect(decideReport(received, { ...base, staffId: 1, item: 1 })).toMatchObject({
      code: 'REPORT_DATE_REQUIRED',
      field: 'occurredOn',
    });
    // A registered value can be cleared by the decision.
    expect(
      decideReport(
        { ...received, staffId: 4 },
        { ...base, staffId: null, item: 1, occurredOn: '2026-03-01' },
      ),
    ).toMatchObject({ code: 'REPORT_STAFF_REQUIRED' });
  });

  it('requires a reason either way', () => {
    expect(decideReport(received, { outcome: 'unsubstantiated', reason: '  ' })).toMatchObject({
      code: 'REPORT_REASON_REQUIRED',
      field: 'reason',
    });
    expect(
      decideReport(received, {
        outcome: 'substantiated',
        reason: '',
        staffId: 1,
        item: 1,
        occurredOn: '2026-03-01',
      }),
    ).toMatchObject({ code: 'REPORT_REASON_REQUIRED' });
    expect(decideReport(received, { outcome: 'unsubstantiated', reason: '查无实据' })).toEqual({
      ok: true,
      value: {
        outcome: 'unsubstantiated',
        reason: '查无实据',
        staffId: null,
        item: null,
        occurredOn: null,
      },
    });
  });

  it('refuses a day after the report came in', () => {
    expect(
      decideReport(received, { outcome: 'unsubstantiated', reason: 'x', occurredOn: '2026-03-03' }),
    ).toMatchObject({ code: 'REPORT_DATE_AFTER_RECEIPT', field: 'occurredOn' });
    expect(checkOccurredOn('2026-03-02', '2026-03-02').ok).toBe(true);
    expect(checkOccurredOn(null, '2026-03-02').ok).toBe(true);
  });

  it('decides a report once', () => {
    for (const status of ['substantiated', 'unsubstantiated'] as const)
      expect(
        decideReport({ ...received, status }, { outcome: 'unsubstantiated', reason: 'x' }),
      ).toMatchObject({ code: 'ALREADY_DECIDED' });
  });

  it('property: a substantiated decision always carries a person, an item and a day not after receipt', () => {
    const day = fc
      .tuple(
        fc.integer({ min: 2025, max: 2026 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
      )
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 1, max: 99 })),
        fc.option(fc.integer({ min: 1, max: 8 })),
        fc.option(day),
        day,
        fc.string(),
        (staffId, item, occurredOn, receivedOn, reason) => {
          const r = decideReport(
            { ...received, receivedOn },
            { outcome: 'substantiated', reason, staffId, item, occurredOn },
          );
          if (!r.ok) return;
          expect(r.value.outcome).toBe('substantiated');
          expect(r.value.staffId).not.toBeNull();
          expect(r.value.item).not.toBeNull();
          expect(r.value.occurredOn! <= receivedOn).toBe(true);
          expect(r.value.reason.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe('the reply to the reporter', () => {
  const decided = { status: 'substantiated' as const, decidedAt: 1_000, replied: false };
  it('is recorded once, after the decision, not in the future', () => {
    expect(checkReply(decided, 1_500, 2_000)).toEqual({ ok: true, value: true });
    expect(checkReply(decided, 1_000, 1_000).ok).toBe(true);
    expect(checkReply({ ...decided, replied: true }, 1_500, 2_000)).toMatchObject({
      code: 'REPORT_ALREADY_REPLIED',
    });
    expect(
      checkReply({ status: 'received', decidedAt: null, replied: false }, 1_500, 2_000),
    ).toMatchObject({ code: 'REPORT_NOT_DECIDED' });
    expect(checkReply(decided, 2_001, 2_000)).toMatchObject({
      code: 'TIME_IN_FUTURE',
      field: 'repliedAt',
    });
    expect(checkReply(decided, 999, 2_000)).toMatchObject({
      code: 'REPLY_BEFORE_DECISION',
      field: 'repliedAt',
    });
  });

  it('closes the report: the stage shows 已答复 over the outcome', () => {
    expect(reportStage('received', false)).toBe('received');
    expect(reportStage('substantiated', false)).toBe('substantiated');
    expect(reportStage('unsubstantiated', true)).toBe('replied');
  });
});

describe('masking the reporter', () => {
  it('keeps only the family name and the ends of a phone', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳小明')).toBe('欧***');
    expect(maskName('王')).toBe('*');
    expect(maskContact('13812345678')).toBe('138****5678');
    expect(maskContact('0571-8468 1234')).toBe('057*****1234');
    expect(maskContact('zhang@example.com')).toBe('zh**************m');
    expect(maskContact('无')).toBe('*');
  });

  it('property: a masked value never contains the middle of the original', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (phone) => {
        const masked = maskContact(phone);
        expect(masked).toHaveLength(11);
        expect(masked.slice(3, 7)).toBe('****');
        expect(masked).not.toBe(phone);
      }),
    );
    fc.assert(
      fc.property(fc.string({ minLength: 2, maxLength: 10 }), (name) => {
        if (name.trim().length < 2) return;
        const masked = maskName(name);
        expect([...masked].slice(1).every((c) => c === '*')).toBe(true);
      }),
    );
  });
});

describe('referring a finding for discipline', () => {
  const serious = { serious: true, revoked: false, date: '2026-02-10' };
  it('refers only serious, unrevoked findings, one open referral at a time', () => {
    expect(checkReferral(serious, false, '2026-03-01', '2026-03-02')).toEqual({
      ok: true,
      value: true,
    });
    expect(
      checkReferral({ ...serious, serious: false }, false, '2026-03-01', '2026-03-02'),
    ).toMatchObject({ code: 'REFERRAL_NOT_SERIOUS' });
    expect(
      checkReferral({ ...serious, revoked: true }, false, '2026-03-01', '2026-03-02'),
    ).toMatchObject({ code: 'ALREADY_REVOKED' });
    expect(checkReferral(serious, true, '2026-03-01', '2026-03-02')).toMatchObject({
      code: 'REFERRAL_OPEN',
    });
    expect(checkReferral(serious, false, '2026-03-03', '2026-03-02')).toMatchObject({
      code: 'DATE_IN_FUTURE',
      field: 'referredOn',
    });
    expect(checkReferral(serious, false, '2026-02-09', '2026-03-02')).toMatchObject({
      code: 'REFERRAL_BEFORE_FINDING',
      field: 'referredOn',
    });
  });

  it('records the outcome once, between the referral and today', () => {
    const open = { referredOn: '2026-03-01', outcomeOn: null };
    expect(checkReferralOutcome(open, '2026-03-01', '2026-03-02').ok).toBe(true);
    expect(
      checkReferralOutcome({ ...open, outcomeOn: '2026-03-02' }, '2026-03-02', '2026-03-02'),
    ).toMatchObject({ code: 'REFERRAL_CLOSED' });
    expect(checkReferralOutcome(open, '2026-02-28', '2026-03-02')).toMatchObject({
      code: 'OUTCOME_BEFORE_REFERRAL',
      field: 'outcomeOn',
    });
    expect(checkReferralOutcome(open, '2026-03-03', '2026-03-02')).toMatchObject({
      code: 'DATE_IN_FUTURE',
      field: 'outcomeOn',
    });
  });
});
