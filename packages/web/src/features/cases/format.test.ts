import { displayReceiptNo } from '@bianmin/domain';
import { describe, expect, it } from 'vitest';
import { searchText } from './format.ts';
import { t } from '../../locale/zh-CN.ts';
import { defaultChoice, intakeBody, type IntakeValues } from './intake.ts';

describe('receipt numbers as typed', () => {
  it('prints the stored 15 digits as 3-8-4', () => {
    expect(displayReceiptNo('001202603020007')).toBe('001-20260302-0007');
  });

  it('searches a printed receipt number as stored, a name as typed', () => {
    expect(searchText('001-20260302-0007')).toBe('001202603020007');
    expect(searchText(' 张三 ')).toBe('张三');
  });
});

describe('the intake form', () => {
  const values: IntakeValues = {
    itemId: 7,
    applicant: { type: 'person', name: ' 张三 ', idNumber: '', phone: ' 13800000000 ' },
    channel: 'window',
    method: 'escorted',
    termDays: null,
    urgent: true,
    materials: ['身份证', '户口簿'],
  };

  it('makes Enter accept as the catalog says', () => {
    expect(defaultChoice({ defaultKind: 'immediate' })).toBe('immediate');
    expect(defaultChoice({ defaultKind: 'promised' })).toBe('promised');
    expect(defaultChoice({ defaultKind: 'petition' })).toBe('other');
  });

  it('sends a promised acceptance without a term when none is typed: the server takes the catalog term, shortened when urgent', () => {
    expect(intakeBody(values, 'promised')).toEqual({
      itemId: 7,
      subject: '',
      channel: 'window',
      applicant: { type: 'person', name: '张三', idNumber: null, phone: '13800000000' },
      note: '',
      then: { action: 'accept', kind: 'promised', termDays: null, urgent: true },
    });
  });

  it('sends the ticked materials, and no `then` before a hand-over', () => {
    expect(intakeBody(values, 'supplement')).toMatchObject({
      then: { action: 'supplement', materials: ['身份证', '户口簿'] },
    });
    expect(intakeBody(values, 'handOver')).not.toHaveProperty('then');
  });
});

describe('the extension hint', () => {
  it('says how many days at most, in the term’s unit (it read “按个工作日计”)', () => {
    const F = t.caseDetail.form;
    expect(F.extendHelp(10, t.caseDetail.workingDayUnit)).toBe(
      '最多延期 10 个工作日，只能延期一次',
    );
    expect(F.extendHelp(30, t.caseDetail.calendarDayUnit)).toBe(
      '最多延期 30 天（自然日），只能延期一次',
    );
  });
});
