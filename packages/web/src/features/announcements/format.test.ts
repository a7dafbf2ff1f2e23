import { describe, expect, it } from 'vitest';
import type { Announcement } from './api.ts';
import { boardUntil, isOverdue, publishBody, stateLines } from './format.ts';

const pending: Announcement = {
  id: 7,
  caseId: 42,
  receiptNo: '001-20260302-0007',
  itemName: '最低生活保障申请',
  applicantShown: '张*',
  completedAt: '2026-03-02T02:00:00.000Z',
  resultLine: '准予低保，自 2026 年 3 月起发放',
  status: 'pending',
  dueAt: '2026-03-03T09:30:00.000Z',
  publishedAt: null,
  publishedByName: null,
  until: null,
  withheldReason: null,
  withheldByName: null,
  late: false,
  version: 3,
};
const hhmm = (iso: string) => iso.slice(0, 16).replace('T', ' ');

describe('a completion announcement in the console', () => {
  it('is marked overdue only while it is still to be published', () => {
    expect(isOverdue(pending)).toBe(false);
    expect(isOverdue({ ...pending, late: true })).toBe(true);
    expect(isOverdue({ status: 'published', late: true })).toBe(false);
    expect(isOverdue({ status: 'withheld', late: true })).toBe(false);
  });

  it('sends the result line only when the clerk changed it', () => {
    expect(publishBody(pending, pending.resultLine)).toEqual({ version: 3 });
    expect(publishBody(pending, `  ${pending.resultLine} `)).toEqual({ version: 3 });
    expect(publishBody(pending, ' 准予低保 ')).toEqual({ version: 3, resultLine: '准予低保' });
    // An emptied box keeps the stored line (the form requires one anyway).
    expect(publishBody(pending, '  ')).toEqual({ version: 3 });
  });

  it('counts the days on the board in calendar days, across months and years', () => {
    expect(boardUntil('2026-03-03', 7)).toBe('2026-03-10');
    expect(boardUntil('2026-02-25', 7)).toBe('2026-03-04');
    expect(boardUntil('2026-12-30', 7)).toBe('2027-01-06');
    expect(boardUntil('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('says who published it, when, until when, and whether late', () => {
    expect(stateLines(pending, hhmm)).toEqual([]);
    const published = {
      ...pending,
      status: 'published' as const,
      publishedAt: '2026-03-03T01:00:00.000Z',
      publishedByName: '周敏',
      until: '2026-03-10T01:00:00.000Z',
    };
    expect(stateLines(published, hhmm)).toEqual([
      '2026-03-03 01:00 由 周敏 公告',
      '公告栏展示至 2026-03-10 01:00',
    ]);
    expect(stateLines({ ...published, late: true, publishedByName: null }, hhmm)).toEqual([
      '2026-03-03 01:00 公告',
      '公告栏展示至 2026-03-10 01:00',
      '超过期限才公告',
    ]);
  });

  it('says why it was withheld and by whom', () => {
    expect(
      stateLines(
        {
          ...pending,
          status: 'withheld',
          withheldReason: '涉及个人隐私',
          withheldByName: '周敏',
        },
        hhmm,
      ),
    ).toEqual(['理由：涉及个人隐私', '周敏 决定不予公告']);
  });
});
