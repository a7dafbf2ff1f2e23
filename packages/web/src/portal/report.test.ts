import { describe, expect, it } from 'vitest';
import { PortalError } from './api.ts';
import { refusalOf, SMS_CODE_REFUSALS } from './booking.ts';
import {
  checkReport,
  checkTrackingCode,
  displayTrackingCode,
  REPORT_FIELDS,
  timeText,
  type ReportEntries,
} from './report.ts';
import { P } from './strings.ts';

const R = P.report;
const TODAY = '2026-12-08';
const named: ReportEntries = {
  anonymous: false,
  name: ' 张桂兰 ',
  phone: '+86 138 1234 5678',
  smsCode: '１２３４５６',
  details: '  3 号窗口的工作人员让我跑了三趟。 ',
  about: ' 3 号窗口 ',
  occurredOn: '2026-12-07',
};

describe('the complaint form as it is sent', () => {
  it('sends a named report with the name, the mobile and the code as the server takes them', () => {
    expect(checkReport('qingshi', named, TODAY)).toEqual({
      body: {
        centerCode: 'qingshi',
        anonymous: false,
        name: '张桂兰',
        phone: '13812345678',
        smsCode: '123456',
        details: '3 号窗口的工作人员让我跑了三趟。',
        about: '3 号窗口',
        occurredOn: '2026-12-07',
      },
    });
  });

  it('sends nothing about an anonymous reporter, whatever was typed before choosing 匿名', () => {
    const sent = checkReport(
      'qingshi',
      { ...named, anonymous: true, phone: '12', occurredOn: '' },
      TODAY,
    );
    expect(sent).toEqual({
      body: expect.objectContaining({
        anonymous: true,
        name: '',
        phone: '',
        smsCode: '',
        occurredOn: null,
      }) as unknown,
    });
  });

  it('says what is missing or wrong next to each box', () => {
    expect(
      checkReport(
        'qingshi',
        { ...named, name: '', phone: '1381234', smsCode: '', details: '   ' },
        TODAY,
      ),
    ).toEqual({
      errors: {
        name: P.form.nameRequired,
        phone: P.form.mobileWrong,
        smsCode: P.form.smsCodeRequired,
        details: R.detailsRequired,
      },
    });
  });

  it('takes today as the day it happened, never a later day (by the server’s date)', () => {
    expect(checkReport('qingshi', { ...named, occurredOn: TODAY }, TODAY)).toHaveProperty('body');
    expect(checkReport('qingshi', { ...named, occurredOn: '2026-12-09' }, TODAY)).toEqual({
      errors: { occurredOn: R.occurredLate },
    });
  });

  it('puts the server’s refusals under their boxes, a wrong SMS code under the code', () => {
    const wrongCode = new PortalError(400, 'SMS_CODE_WRONG', '验证码不对，还可以再试 4 次');
    expect(refusalOf(wrongCode, REPORT_FIELDS, SMS_CODE_REFUSALS, R.failed)).toEqual({
      code: 'SMS_CODE_WRONG',
      fields: { smsCode: '验证码不对，还可以再试 4 次' },
      general: null,
    });
    const invalid = new PortalError(400, 'VALIDATION_FAILED', '请检查填写的内容', {}, [
      { field: 'details', message: '反映的问题：不能超过 2000 个字' },
    ]);
    expect(refusalOf(invalid, REPORT_FIELDS, {}, R.failed).fields).toEqual({
      details: '不能超过 2000 个字',
    });
  });
});

describe('the tracking code', () => {
  it('is shown as printed, in groups of four', () => {
    expect(displayTrackingCode('ABCDEFGHJK')).toBe('ABCD-EFGH-JK');
    expect(displayTrackingCode('not a code')).toBe('not a code');
  });

  it('is taken as a person types it: lower case, spaces, full-width, with or without dashes', () => {
    for (const typed of ['abcd-efgh-jk', ' ABCD EFGH JK ', 'ａｂｃｄｅｆｇｈｊｋ', 'ABCDEFGHJK'])
      expect(checkTrackingCode(typed)).toEqual({ value: 'ABCD-EFGH-JK' });
  });

  it('says plainly when it is missing or cannot be one', () => {
    expect(checkTrackingCode('  ')).toEqual({ error: R.codeRequired });
    expect(checkTrackingCode('ABCD-EFGH')).toEqual({ error: R.codeWrong });
    // 0, O, 1, I and L are never in a code.
    expect(checkTrackingCode('ABCD-EFGH-J0')).toEqual({ error: R.codeWrong });
  });
});

describe('dates and times on the receipt and the tracking page', () => {
  it('gives the time received in Beijing, whatever the phone’s time zone', () => {
    expect(timeText('2026-12-08T13:05:00.000Z')).toBe('2026年12月8日 21:05');
    expect(timeText('2026-12-31T16:30:00.000Z')).toBe('2027年1月1日 00:30');
  });

  it('says by when the center decides, in month and day', () => {
    expect(R.decideBy('2026-12-29')).toBe('将于 12月29日前核查处理');
    expect(R.handleBy('2027-01-05')).toBe('将于 1月5日前处理');
  });

  it('counts what is written against what the box takes', () => {
    expect(R.count(12, 2000)).toBe('已写 12 字，最多 2000 字');
  });

  it('names every stage in plain words', () => {
    expect(R.stageWords).toEqual({
      received: '核查中',
      decided: '已处理，答复正在送达',
      replied: '已答复',
    });
  });
});
