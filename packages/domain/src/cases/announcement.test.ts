import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at, CAL as cal, TT as tt } from '../appointments/fixtures.fixture.ts';
import {
  announcementDue,
  announcementLate,
  applicantShown,
  RESULT_LINE_MAX,
  resultLine,
} from './announcement.ts';

describe('completion announcements', () => {
  it('are due by closing time of the next working day', () => {
    const friday = announcementDue(cal, tt, at('2026-03-06', '16:00'));
    expect(friday.ok && friday.value.date).toBe('2026-03-09');
    // Completed on 30 September: the National Day week follows, then 8 October.
    const holiday = announcementDue(cal, tt, at('2026-09-30', '11:00'));
    expect(holiday.ok && holiday.value.date).toBe('2026-10-08');
    // Completed late on a make-up Saturday: Monday 12 October.
    const makeUp = announcementDue(cal, tt, at('2026-10-10', '17:00'));
    expect(makeUp.ok && makeUp.value.date).toBe('2026-10-12');
  });

  it('mask a person, never an enterprise', () => {
    expect(applicantShown('person', '张三')).toBe('张*');
    expect(applicantShown('person', '王秀英')).toBe('王**');
    expect(applicantShown('person', '欧阳小明')).toBe('欧阳**');
    expect(applicantShown('person', '李')).toBe('李');
    expect(applicantShown('enterprise', '青石镇兴农果蔬专业合作社')).toBe(
      '青石镇兴农果蔬专业合作社',
    );
  });

  it('never show a person’s given name', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 2, maxLength: 8, unit: 'grapheme' }), (name) => {
        const shown = applicantShown('person', name);
        const chars = [...name.trim()];
        if (chars.length < 2) return;
        expect([...shown]).toHaveLength(chars.length);
        expect(shown.endsWith('*')).toBe(true);
      }),
    );
  });

  it('give the result in one line of at most 100 characters', () => {
    expect(resultLine('准予低保，自2026年4月起每月发放\n附：审批表')).toBe(
      '准予低保，自2026年4月起每月发放',
    );
    const long = resultLine('准'.repeat(150));
    expect([...long]).toHaveLength(RESULT_LINE_MAX);
    expect(long.endsWith('…')).toBe(true);
  });

  it('count late publications and pending ones past their time', () => {
    const dueAt = at('2026-03-09', '17:30');
    const before = dueAt - 60_000;
    const after = dueAt + 60_000;
    expect(announcementLate({ status: 'published', dueAt, publishedAt: before }, after)).toBe(
      false,
    );
    expect(announcementLate({ status: 'published', dueAt, publishedAt: after }, after)).toBe(true);
    expect(announcementLate({ status: 'pending', dueAt, publishedAt: null }, before)).toBe(false);
    expect(announcementLate({ status: 'pending', dueAt, publishedAt: null }, after)).toBe(true);
    expect(announcementLate({ status: 'withheld', dueAt, publishedAt: null }, after)).toBe(false);
  });
});
