import { describe, expect, it } from 'vitest';
import { checkVisit, checkVisitCode, toggleDate, type VisitEntries } from './visit.ts';

const OK: VisitEntries = {
  category: 'elderly',
  name: ' 张桂兰 ',
  phone: '139 1234 0001',
  smsCode: '123456',
  address: ' 东街 12 号 ',
  itemText: '',
  reason: '腿脚不便',
  dates: ['2026-03-05', '2026-03-04'],
};

describe('the visit request form', () => {
  it('sends what was typed, trimmed, the dates in order', () => {
    expect(checkVisit('qingshi', 'MZ-004', OK)).toEqual({
      body: {
        centerCode: 'qingshi',
        category: 'elderly',
        name: '张桂兰',
        phone: '13912340001',
        smsCode: '123456',
        address: '东街 12 号',
        itemCode: 'MZ-004',
        itemText: '',
        reason: '腿脚不便',
        preferredDates: ['2026-03-04', '2026-03-05'],
      },
    });
  });

  it('says what is missing on each box', () => {
    const r = checkVisit('qingshi', '', {
      ...OK,
      category: null,
      address: ' ',
      reason: '',
      dates: [],
      smsCode: '',
    });
    expect(Object.keys('errors' in r ? r.errors : {}).sort()).toEqual(
      ['address', 'category', 'preferredDates', 'reason', 'smsCode'].sort(),
    );
  });

  it('takes at most three dates', () => {
    expect(toggleDate(['2026-03-04'], '2026-03-03')).toEqual(['2026-03-03', '2026-03-04']);
    expect(toggleDate(['2026-03-03', '2026-03-04', '2026-03-05'], '2026-03-06')).toHaveLength(3);
    expect(toggleDate(['2026-03-03', '2026-03-04'], '2026-03-03')).toEqual(['2026-03-04']);
  });

  it('reads a tracking code as typed', () => {
    expect(checkVisitCode('abcd efgh jk')).toEqual({ value: 'ABCD-EFGH-JK' });
    expect(checkVisitCode('')).toHaveProperty('error');
    expect(checkVisitCode('ABCD-EFGH-J1')).toHaveProperty('error');
  });
});
