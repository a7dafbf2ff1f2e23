import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkIdentifier,
  checkPhone,
  isCreditCode,
  isPhone,
  isResidentId,
  maskIdentifier,
  maskPhone,
  normalizeIdentifier,
} from './identity.ts';

/** GB 11643 / ISO 7064 MOD 11-2, written from the standard: weight 2^(17−i) mod 11, check (12 − S mod 11) mod 11. */
function idCheckDigit(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * (2 ** (17 - i) % 11);
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}
const residentId = (body17: string) => body17 + idCheckDigit(body17);

/** GB 32100: 31 characters (no I, O, Z, S, V), weight 3^i mod 31, check (31 − S mod 31) mod 31. */
const USCC = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function creditCheck(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC.indexOf(body17[i]!) * (3 ** i % 31);
  return USCC[(31 - (sum % 31)) % 31]!;
}
const creditCode = (body17: string) => body17 + creditCheck(body17);

describe('resident ID numbers (GB 11643)', () => {
  it('the independent check-digit function agrees with published examples', () => {
    expect(residentId('11010519491231002')).toBe('11010519491231002X');
    expect(residentId('33010219900100005')).toBe('33010219900100005X');
  });

  it('accepts well-formed numbers with the right check digit, including X', () => {
    for (const id of [
      '11010519491231002X',
      residentId('33010219900101123'),
      residentId('44030420000229001'), // 2000-02-29, a leap day
      residentId('33010219991231999'),
    ])
      expect(isResidentId(id)).toBe(true);
    expect(residentId('33010219900101123')).toBe('330102199001011234');
  });

  it('refuses a wrong check digit', () => {
    const good = residentId('33010219900101123');
    for (const c of '0123456789X')
      if (c !== good[17]) expect(isResidentId(good.slice(0, 17) + c)).toBe(false);
  });

  it('refuses a lower-case x (normalizeIdentifier upper-cases it first)', () => {
    expect(isResidentId('11010519491231002x')).toBe(false);
    expect(normalizeIdentifier(' 110105 19491231 002x ')).toBe('11010519491231002X');
  });

  it('refuses a birth date that does not exist, even with a right check digit', () => {
    for (const birth of [
      '19900001', // month 00
      '19901301', // month 13
      '19900100', // day 00
      '19900132', // day 32
      '19900230', // Feb 30
      '19900229', // Feb 29 of a common year
      '19000229', // 1900 was not a leap year
      '19900431', // Apr 31
      '19901131', // Nov 31
    ])
      expect([birth, isResidentId(residentId(`330102${birth}123`))]).toEqual([birth, false]);
    expect(isResidentId(residentId('330102' + '19960229' + '123'))).toBe(true);
  });

  it('refuses the wrong length or characters', () => {
    const good = residentId('33010219900101123');
    for (const bad of [
      good.slice(0, 17),
      good + '0',
      ` ${good}`,
      '33010219900101123A',
      '3301021990010112X4',
      '',
    ])
      expect(isResidentId(bad)).toBe(false);
    // The old 15-digit first-generation numbers are not accepted.
    expect(isResidentId('330102900101123')).toBe(false);
  });
});

describe('unified social credit codes (GB 32100)', () => {
  it('accepts a real-format code whose check character is computed independently', () => {
    expect(creditCode('91350100M000100Y4')).toBe('91350100M000100Y43');
    expect(isCreditCode('91350100M000100Y43')).toBe(true);
    expect(isCreditCode(creditCode('91110000100000000'))).toBe(true);
    expect(isCreditCode(creditCode('92330106MA2CFX8K0'))).toBe(true);
  });

  it('refuses a wrong check character', () => {
    for (const c of USCC) if (c !== '3') expect(isCreditCode('91350100M000100Y4' + c)).toBe(false);
  });

  it('refuses I, O, Z, S and V anywhere, whatever the check character', () => {
    for (const letter of 'IOZSV')
      for (const pos of [0, 1, 8, 12, 16]) {
        const body =
          '91350100M000100Y4'.slice(0, pos) + letter + '91350100M000100Y4'.slice(pos + 1);
        for (const c of USCC + 'IOZSV') expect(isCreditCode(body + c)).toBe(false);
      }
  });

  it('requires digits for the administrative division code (positions 3–8)', () => {
    const body = '9135A100M000100Y4';
    for (const c of USCC) expect(isCreditCode(body + c)).toBe(false);
  });

  it('refuses the wrong length or lower case', () => {
    expect(isCreditCode('91350100M000100Y4')).toBe(false);
    expect(isCreditCode('91350100M000100Y430')).toBe(false);
    expect(isCreditCode('91350100m000100y43')).toBe(false);
  });

  it('accepts any code built with the check character (property)', () => {
    const arbChar = fc.constantFrom(...USCC.split(''));
    const arbDigit = fc.constantFrom(...'0123456789'.split(''));
    fc.assert(
      fc.property(
        fc.array(arbChar, { minLength: 2, maxLength: 2 }),
        fc.array(arbDigit, { minLength: 6, maxLength: 6 }),
        fc.array(arbChar, { minLength: 9, maxLength: 9 }),
        (a, b, c) => {
          const body = [...a, ...b, ...c].join('');
          const code = creditCode(body);
          expect(isCreditCode(code)).toBe(true);
          // Any other check character is wrong.
          const other = USCC[(USCC.indexOf(code[17]!) + 1) % 31]!;
          expect(isCreditCode(body + other)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('phones', () => {
  it('accepts mainland mobiles and landlines with an area code, with or without a dash', () => {
    for (const p of [
      '13812345678',
      '19912345678',
      '0571-88123456',
      '057188123456',
      '010-12345678',
      '010-1234567',
      '0571-8812345',
    ])
      expect([p, isPhone(p)]).toEqual([p, true]);
  });

  it('refuses too short, too long, or the wrong prefix', () => {
    for (const p of [
      '1381234567',
      '138123456789',
      '12812345678',
      '10812345678',
      '0571-881234',
      '0571-881234567',
      '88123456',
      '571-88123456',
      '+8613812345678',
      '',
    ])
      expect([p, isPhone(p)]).toEqual([p, false]);
  });

  it('checkPhone drops spaces and parentheses and names the field', () => {
    expect(checkPhone(' 138 1234 5678 ')).toEqual({ ok: true, value: '13812345678' });
    expect(checkPhone('(0571) 88123456')).toEqual({ ok: true, value: '057188123456' });
    expect(checkPhone('0571-8812 3456')).toEqual({ ok: true, value: '0571-88123456' });
    expect(checkPhone('1381234567')).toEqual({
      ok: false,
      code: 'BAD_PHONE',
      field: 'applicant.phone',
    });
  });
});

describe('checkIdentifier per applicant type', () => {
  const id = residentId('33010219900101123');
  const code = '91350100M000100Y43';

  it('a person needs a resident ID, an enterprise a credit code', () => {
    expect(checkIdentifier('person', id)).toEqual({ ok: true, value: id });
    expect(checkIdentifier('enterprise', code)).toEqual({ ok: true, value: code });
    expect(checkIdentifier('person', code)).toEqual({
      ok: false,
      code: 'BAD_ID_NUMBER',
      field: 'applicant.idNumber',
    });
    expect(checkIdentifier('enterprise', id)).toEqual({
      ok: false,
      code: 'BAD_CREDIT_CODE',
      field: 'applicant.idNumber',
    });
  });

  it('normalises spaces and case before checking, and returns the normalised value', () => {
    expect(checkIdentifier('person', ' 110105 1949 1231 002x')).toEqual({
      ok: true,
      value: '11010519491231002X',
    });
    expect(checkIdentifier('enterprise', '91350100m000100y43 ')).toEqual({ ok: true, value: code });
  });

  it('refuses an empty value', () => {
    expect(checkIdentifier('person', '')).toMatchObject({ code: 'BAD_ID_NUMBER' });
    expect(checkIdentifier('enterprise', '   ')).toMatchObject({ code: 'BAD_CREDIT_CODE' });
  });
});

describe('masking (个人信息保护法)', () => {
  it('keeps exactly the first 4 and last 4 of an identifier', () => {
    expect(maskIdentifier('11010519491231002X')).toBe('1101**********002X');
    expect(maskIdentifier('91350100M000100Y43')).toBe('9135**********0Y43');
    expect(maskIdentifier('123456789')).toBe('1234*6789');
  });

  it('masks short values completely', () => {
    for (const v of ['', '1', '1234', '12345678'])
      expect(maskIdentifier(v)).toBe('*'.repeat(v.length));
    for (const v of ['', '123', '1234567']) expect(maskPhone(v)).toBe('*'.repeat(v.length));
  });

  it('keeps the first 3 and last 4 of a phone', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('057188123456')).toBe('057*****3456');
    expect(maskPhone('0571-88123456')).toBe('057******3456');
    expect(maskPhone('12345678')).toBe('123*5678');
  });

  it('never reveals more than the kept ends (property)', () => {
    const alnum = fc.string({
      unit: fc.constantFrom(...'0123456789ABCDXY-'.split('')),
      maxLength: 30,
    });
    fc.assert(
      fc.property(alnum, (v) => {
        const id = maskIdentifier(v);
        const ph = maskPhone(v);
        expect(id).toHaveLength(v.length);
        expect(ph).toHaveLength(v.length);
        if (v.length <= 8) expect(id).toBe('*'.repeat(v.length));
        else expect(id).toBe(v.slice(0, 4) + '*'.repeat(v.length - 8) + v.slice(-4));
        if (v.length <= 7) expect(ph).toBe('*'.repeat(v.length));
        else expect(ph).toBe(v.slice(0, 3) + '*'.repeat(v.length - 7) + v.slice(-4));
        const shown = (m: string) => [...m].filter((c) => c !== '*').length;
        expect(shown(id)).toBeLessThanOrEqual(v.length <= 8 ? 0 : 8);
        expect(shown(ph)).toBeLessThanOrEqual(v.length <= 7 ? 0 : 7);
      }),
      { numRuns: 200 },
    );
  });
});
