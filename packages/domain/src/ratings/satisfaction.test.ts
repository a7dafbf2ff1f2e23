import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at } from '../appointments/fixtures.fixture.ts';
import {
  checkNotOwnCase,
  checkRatingInput,
  handlersOf,
  isBadRating,
  mayRate,
  OTHER_REASON,
  RATING_TEXT_MAX,
  SATISFACTION_LABELS,
  SATISFACTION_LEVELS,
  SATISFACTION_REASONS,
} from './satisfaction.ts';

describe('the five levels', () => {
  it('go from 非常满意 down to 非常不满意, the last two being 差评', () => {
    expect(SATISFACTION_LEVELS.map((l) => SATISFACTION_LABELS[l])).toEqual([
      '非常满意',
      '满意',
      '基本满意',
      '不满意',
      '非常不满意',
    ]);
    expect(SATISFACTION_LEVELS.filter(isBadRating)).toEqual(['dissatisfied', 'very_dissatisfied']);
  });
});

describe('a rating as entered', () => {
  it('may praise without a reason, and keeps the ticked ones in the list order', () => {
    expect(checkRatingInput({ level: 'satisfied', reasons: [] })).toEqual({
      ok: true,
      value: { level: 'satisfied', reasons: [], text: '' },
    });
    const r = checkRatingInput({
      level: 'very_satisfied',
      reasons: ['一次办成', '服务态度好', '一次办成'],
      text: '  谢谢  ',
    });
    expect(r).toEqual({
      ok: true,
      value: { level: 'very_satisfied', reasons: ['服务态度好', '一次办成'], text: '谢谢' },
    });
  });

  it('refuses a 差评 without a reason, and a reason of another level', () => {
    expect(checkRatingInput({ level: 'dissatisfied', reasons: [] })).toMatchObject({
      ok: false,
      code: 'RATING_REASON_REQUIRED',
      field: 'reasons',
    });
    expect(checkRatingInput({ level: 'dissatisfied', reasons: ['服务态度好'] })).toMatchObject({
      ok: false,
      code: 'RATING_BAD_REASON',
      details: { reasons: ['服务态度好'] },
    });
    expect(checkRatingInput({ level: 'great', reasons: [] })).toMatchObject({
      code: 'RATING_BAD_LEVEL',
    });
  });

  it('asks what 其他 means, and allows at most 200 characters', () => {
    expect(checkRatingInput({ level: 'very_dissatisfied', reasons: [OTHER_REASON] })).toMatchObject(
      { code: 'RATING_TEXT_REQUIRED', field: 'text' },
    );
    expect(
      checkRatingInput({ level: 'dissatisfied', reasons: ['多次跑腿'], text: '跑'.repeat(200) }).ok,
    ).toBe(true);
    expect(
      checkRatingInput({ level: 'dissatisfied', reasons: ['多次跑腿'], text: '跑'.repeat(201) }),
    ).toMatchObject({ code: 'RATING_TEXT_TOO_LONG', details: { max: RATING_TEXT_MAX } });
  });

  it('accepts exactly the level’s reasons, and every 差评 it accepts names one', () => {
    const level = fc.constantFrom(...SATISFACTION_LEVELS);
    const anyReason = fc.constantFrom(...new Set(Object.values(SATISFACTION_REASONS).flat()));
    fc.assert(
      fc.property(level, fc.array(anyReason, { maxLength: 6 }), fc.string(), (l, reasons, t) => {
        const r = checkRatingInput({ level: l, reasons, text: t });
        const foreign = reasons.some((x) => !SATISFACTION_REASONS[l].includes(x));
        if (foreign) expect(r).toMatchObject({ ok: false, code: 'RATING_BAD_REASON' });
        if (!r.ok) return;
        expect(r.value.reasons.every((x) => SATISFACTION_REASONS[l].includes(x))).toBe(true);
        expect(new Set(r.value.reasons).size).toBe(r.value.reasons.length);
        if (isBadRating(l)) expect(r.value.reasons.length).toBeGreaterThan(0);
        expect([...r.value.text].length).toBeLessThanOrEqual(RATING_TEXT_MAX);
      }),
    );
  });
});

describe('when a case may be rated', () => {
  const closedAt = at('2026-03-02', '10:00');
  const base = { status: 'completed', closedAt, rated: false, windowDays: 30 };

  it('once closed (completed, returned, answered), for 30 days', () => {
    for (const status of ['completed', 'returned', 'answered'])
      expect(mayRate({ ...base, status, nowMs: closedAt + 1 }).ok).toBe(true);
    expect(mayRate({ ...base, nowMs: at('2026-04-01', '09:59') }).ok).toBe(true);
    expect(mayRate({ ...base, nowMs: at('2026-04-01', '10:00') })).toMatchObject({
      code: 'RATING_WINDOW_OVER',
    });
  });

  it('never while open, and only once', () => {
    for (const status of ['received', 'in_progress', 'paused', 'awaiting_materials'])
      expect(mayRate({ ...base, status, closedAt: null, nowMs: closedAt })).toMatchObject({
        code: 'RATING_NOT_CLOSED',
      });
    expect(mayRate({ ...base, rated: true, nowMs: closedAt + 1 })).toMatchObject({
      code: 'RATING_ALREADY_GIVEN',
    });
  });
});

describe('who may not rate a case', () => {
  const c = {
    firstResponderStaffId: 3,
    holderStaffId: 7,
    handovers: [
      { fromStaffId: 3, toStaffId: 5 },
      { fromStaffId: 5, toStaffId: null },
      { fromStaffId: null, toStaffId: 7 },
    ],
  };

  it('is everyone who handled it: first responder, holders, the closer', () => {
    expect(handlersOf(c)).toEqual([3, 5, 7]);
    for (const id of [3, 5, 7])
      expect(checkNotOwnCase(handlersOf(c), id)).toMatchObject({ code: 'RATING_OWN_CASE' });
    expect(checkNotOwnCase(handlersOf(c), 9).ok).toBe(true);
    expect(checkNotOwnCase(handlersOf(c), null).ok).toBe(true);
  });
});
