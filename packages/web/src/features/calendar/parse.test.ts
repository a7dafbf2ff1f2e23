import { describe, expect, it } from 'vitest';
import { formatDays, groupDays, parseDays } from './parse.ts';

const dates = (text: string) => {
  const r = parseDays(text);
  if (!r.ok) throw new Error(r.error);
  return r.days.map((d) => `${d.date} ${d.name} #${d.line}`);
};

describe('parseDays', () => {
  it('reads single days and expands ranges into days, keeping each line number', () => {
    expect(dates('2027-01-01 元旦\n2027-02-06~2027-02-08 春节')).toEqual([
      '2027-01-01 元旦 #1',
      '2027-02-06 春节 #2',
      '2027-02-07 春节 #2',
      '2027-02-08 春节 #2',
    ]);
  });

  it('accepts 至, ～, a dash between two full dates, full-width spaces and blank lines', () => {
    expect(dates('\n　2027-10-01至2027-10-02　国庆节\n')).toEqual([
      '2027-10-01 国庆节 #2',
      '2027-10-02 国庆节 #2',
    ]);
    expect(dates('2027-05-01 - 2027-05-02 劳动节')).toHaveLength(2);
    expect(dates('2027-05-01-2027-05-03 劳动节')).toHaveLength(3);
    expect(dates('2027-05-01～2027-05-02 劳动节')).toHaveLength(2);
    expect(dates('2027/6/9 端午节')).toEqual(['2027-06-09 端午节 #1']);
  });

  it('allows a day without a name and an empty text', () => {
    expect(dates('2027-02-13')).toEqual(['2027-02-13  #1']);
    expect(dates('  \n ')).toEqual([]);
  });

  it('reports the first line it cannot read, in Chinese', () => {
    const r = parseDays('2027-01-01 元旦\n春节 2月6日');
    expect(r).toMatchObject({ ok: false, line: 2 });
    expect(!r.ok && r.error).toContain('第 2 行无法识别');
  });

  it('refuses a date that does not exist, a reversed range and a too long one', () => {
    expect(parseDays('2027-02-30 春节')).toMatchObject({ ok: false, line: 1 });
    expect(parseDays('2027-02-01~2027-02-29 春节')).toMatchObject({ ok: false, line: 1 });
    const reversed = parseDays('2027-01-01 元旦\n2027-02-12~2027-02-06 春节');
    expect(reversed).toMatchObject({ ok: false, line: 2 });
    expect(!reversed.ok && reversed.error).toContain('结束日期早于开始日期');
    expect(parseDays('2027-01-01~2027-12-31 全年')).toMatchObject({ ok: false, line: 1 });
  });
});

describe('formatDays', () => {
  it('joins consecutive days of one name into a range the parser reads back', () => {
    const days = [
      { date: '2027-02-07', name: '春节' },
      { date: '2027-01-01', name: '元旦' },
      { date: '2027-02-06', name: '春节' },
      { date: '2027-02-08', name: '春节' },
    ];
    const text = formatDays(days);
    expect(text).toBe('2027-01-01 元旦\n2027-02-06~2027-02-08 春节');
    expect(dates(text)).toHaveLength(4);
    expect(groupDays(days).map((g) => g.count)).toEqual([1, 3]);
  });
});
