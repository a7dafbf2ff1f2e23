import type { BookingSlots } from '@bianmin/contracts';
import { describe, expect, it } from 'vitest';
import { PortalError } from './api.ts';
import {
  checkBookingCode,
  checkContact,
  checkMobile,
  checkName,
  checkSmsCode,
  displayBookingCode,
  halfDays,
  normalizeMobile,
  placesLeft,
  refusalOf,
  searchWith,
  secondsLeft,
  slotText,
} from './booking.ts';
import { P } from './strings.ts';

type Day = BookingSlots['days'][number];
const day = (slots: [string, string, number][]): Day => ({
  date: '2026-12-08',
  kind: 'workday',
  slots: slots.map(([start, end, left]) => ({ start, end, left })),
});

describe('days and slots in words', () => {
  it('names a day with its short weekday, whatever the phone’s time zone', () => {
    expect(P.book.day('2026-12-08')).toBe('12月8日 周二');
    expect(P.book.day('2027-01-01')).toBe('1月1日 周五');
  });

  it('says from which day the calendar is not entered yet', () => {
    expect(P.book.calendarMissing('2027-01-01')).toBe(
      '1月1日以后的日期暂不能预约：该年度工作日历尚未公布录入',
    );
  });

  it('labels a slot with the places left, or 约满', () => {
    expect(slotText({ start: '09:00', end: '09:30', left: 2 })).toBe('09:00–09:30 余2');
    expect(slotText({ start: '09:00', end: '09:30', left: 0 })).toBe('09:00–09:30 约满');
  });

  it('counts a day’s places and splits its slots into 上午 and 下午', () => {
    const d = day([
      ['08:30', '09:00', 2],
      ['11:30', '12:00', 0],
      ['14:00', '14:30', 1],
    ]);
    expect(placesLeft(d)).toBe(3);
    expect(placesLeft(day([['09:00', '09:30', 0]]))).toBe(0);
    expect(halfDays(d.slots).map((h) => [h.name, h.slots.map((s) => s.start)])).toEqual([
      ['上午', ['08:30', '11:30']],
      ['下午', ['14:00']],
    ]);
    expect(halfDays(day([['15:00', '15:30', 1]]).slots).map((h) => h.name)).toEqual(['下午']);
  });
});

describe('what the person types', () => {
  it('takes a mobile as the phone fills it in or as people write it', () => {
    expect(normalizeMobile('138 1234 5678')).toBe('13812345678');
    expect(normalizeMobile('+86 138-1234-5678')).toBe('13812345678');
    expect(normalizeMobile('0086 13812345678')).toBe('13812345678');
    expect(normalizeMobile('１３８１２３４５６７８')).toBe('13812345678');
    expect(checkMobile('(+86) 138 1234 5678')).toEqual({ value: '13812345678' });
  });

  it('says plainly what is wrong with a mobile', () => {
    expect(checkMobile('  ')).toEqual({ error: P.book.mobileRequired });
    expect(checkMobile('1381234567')).toEqual({ error: P.book.mobileWrong });
    expect(checkMobile('010-12345678')).toEqual({ error: P.book.mobileWrong });
    expect(checkMobile('12812345678')).toEqual({ error: P.book.mobileWrong });
  });

  it('needs a name of at most 50 characters', () => {
    expect(checkName(' 张三 ')).toEqual({ value: '张三' });
    expect(checkName('')).toEqual({ error: P.book.nameRequired });
    expect(checkName('张'.repeat(51))).toEqual({ error: P.book.nameTooLong });
  });

  it('takes the 6-digit SMS code with spaces or full-width digits', () => {
    expect(checkSmsCode('123 456')).toEqual({ value: '123456' });
    expect(checkSmsCode('１２３４５６')).toEqual({ value: '123456' });
    expect(checkSmsCode('')).toEqual({ error: P.book.smsCodeRequired });
    expect(checkSmsCode('12345')).toEqual({ error: P.book.smsCodeDigits });
  });

  it('checks name, mobile and SMS code together, each with its own message', () => {
    expect(
      checkContact({ name: ' 张三 ', phone: '138 1234 5678', smsCode: '１２３４５６' }),
    ).toEqual({
      value: { name: '张三', phone: '13812345678', smsCode: '123456' },
    });
    expect(checkContact({ name: '', phone: '1381234', smsCode: '12' })).toEqual({
      errors: {
        name: P.form.nameRequired,
        phone: P.form.mobileWrong,
        smsCode: P.form.smsCodeDigits,
      },
    });
    expect(checkContact({ name: '张三', phone: '13812345678', smsCode: '' })).toEqual({
      errors: { smsCode: P.form.smsCodeRequired },
    });
  });

  it('takes a booking code however it was typed and gives it as printed', () => {
    expect(checkBookingCode('abcd efgh')).toEqual({ value: 'ABCD-EFGH' });
    expect(checkBookingCode(' ＡＢＣＤ－ＥＦＧＨ ')).toEqual({ value: 'ABCD-EFGH' });
    expect(checkBookingCode('K7M2-P9QX')).toEqual({ value: 'K7M2-P9QX' });
    expect(checkBookingCode('')).toEqual({ error: P.book.codeRequired });
    expect(checkBookingCode('ABCD-EFG')).toEqual({ error: P.book.codeWrong });
    // 0, O, 1, I and L are never in a code: not guessed.
    expect(checkBookingCode('ABCD-EFGO')).toEqual({ error: P.book.codeWrong });
    expect(displayBookingCode('k7m2p9qx')).toBe('K7M2-P9QX');
    expect(displayBookingCode(' something else ')).toBe('something else');
  });
});

describe('the countdown before another SMS code', () => {
  it('counts whole seconds up, down to zero and never below', () => {
    expect(secondsLeft(60_000, 0)).toBe(60);
    expect(secondsLeft(60_000, 59_001)).toBe(1);
    expect(secondsLeft(60_000, 60_000)).toBe(0);
    expect(secondsLeft(60_000, 75_000)).toBe(0);
    expect(P.book.resendIn(59)).toBe('59 秒后可重新获取');
  });
});

describe('a refusal next to the field it names', () => {
  const fields = ['name', 'phone', 'smsCode'] as const;

  it('puts each field message on its field, and others with the general message', () => {
    const e = new PortalError(400, 'VALIDATION_FAILED', '提交的内容有误，请按提示修改', {}, [
      { field: 'phone', message: '手机号：请填写 11 位手机号码' },
      { field: 'date', message: '日期：格式不正确' },
    ]);
    expect(refusalOf(e, fields)).toEqual({
      code: 'VALIDATION_FAILED',
      // Under the field's own label, its name is not said twice.
      fields: { phone: '请填写 11 位手机号码' },
      general: '日期：格式不正确',
    });
  });

  it('shows a wrong SMS code on the code box with the tries left, as the server words it', () => {
    const message = '短信验证码不正确，还可以再试 2 次';
    const e = new PortalError(400, 'SMS_CODE_WRONG', message, {}, [
      { field: 'smsCode', message: `短信验证码：${message}` },
    ]);
    expect(refusalOf(e, fields)).toEqual({
      code: 'SMS_CODE_WRONG',
      fields: { smsCode: message },
      general: null,
    });
  });

  it('puts a refusal without fields on the field its code belongs to', () => {
    const e = new PortalError(400, 'SMS_CODE_WRONG', '验证码不正确，还可以试 2 次');
    expect(refusalOf(e, fields, { SMS_CODE_WRONG: 'smsCode' })).toEqual({
      code: 'SMS_CODE_WRONG',
      fields: { smsCode: '验证码不正确，还可以试 2 次' },
      general: null,
    });
  });

  it('says anything else once, with when to try again', () => {
    expect(refusalOf(new PortalError(409, 'SLOT_FULL', '该时段已约满'), fields).general).toBe(
      '该时段已约满',
    );
    const many = new PortalError(429, 'SMS_TOO_MANY', '获取验证码太频繁', {
      retryAfterSeconds: 90,
    });
    expect(refusalOf(many, fields).general).toBe('获取验证码太频繁（约 2 分钟后再试）');
    expect(refusalOf(new PortalError(0, 'NETWORK', ''), fields).general).toBe(P.book.offline);
    expect(refusalOf(new PortalError(500, 'INTERNAL', ''), fields).general).toBe(P.book.failed);
    expect(refusalOf(new TypeError('x'), fields, {}, '查不了').general).toBe('查不了');
  });
});

describe('choices kept in the address', () => {
  it('sets, drops and keeps query parameters', () => {
    expect(searchWith('?c=qingshi', { item: 'MZ-001' })).toBe('?c=qingshi&item=MZ-001');
    expect(searchWith('?c=qingshi&item=MZ-001&date=2026-12-08', { date: null, start: null })).toBe(
      '?c=qingshi&item=MZ-001',
    );
    expect(searchWith('', { code: null })).toBe('');
    expect(searchWith('', { code: 'K7M2-P9QX' })).toBe('?code=K7M2-P9QX');
  });
});
