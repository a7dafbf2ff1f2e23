import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCatalogFees,
  checkCharges,
  checkMissingMaterials,
  formatFen,
  toFen,
  type CatalogFee,
} from './fees.ts';

describe('toFen / formatFen', () => {
  it('reads yuan with at most two decimals as integer fen', () => {
    expect(toFen('0')).toBe(0);
    expect(toFen('10')).toBe(1000);
    expect(toFen('10.5')).toBe(1050);
    expect(toFen('10.05')).toBe(1005);
    expect(toFen('0.10')).toBe(10);
    expect(toFen('0.01')).toBe(1);
    expect(toFen('9999999.99')).toBe(999_999_999);
  });

  it('refuses anything else', () => {
    for (const bad of [
      '',
      '.5',
      '1.',
      '1.234',
      '-1',
      '+1',
      '1,000',
      '1e3',
      ' 1',
      '1 ',
      '12345678',
      '１０',
      'abc',
    ])
      expect([bad, toFen(bad)]).toEqual([bad, undefined]);
  });

  it('formats fen as yuan with two decimals', () => {
    expect(formatFen(0)).toBe('0.00');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(30)).toBe('0.30');
    expect(formatFen(1000)).toBe('10.00');
    expect(formatFen(999_999_999)).toBe('9999999.99');
  });

  it('round-trips (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), (fen) => {
        expect(toFen(formatFen(fen))).toBe(fen);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9_999_999 }),
        fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }),
        (yuan, cents) => {
          const text =
            cents === undefined ? String(yuan) : `${yuan}.${String(cents).padStart(2, '0')}`;
          const fen = toFen(text);
          expect(fen).toBe(yuan * 100 + (cents ?? 0));
          expect(Number(formatFen(fen!))).toBe(Number(text));
        },
      ),
      { numRuns: 200 },
    );
  });
});

const FEE = (name: string, amount: string, basis = '《不动产登记收费标准》'): CatalogFee => ({
  name,
  amount,
  basis,
});

describe('checkCatalogFees', () => {
  it('normalises amounts and keeps the list', () => {
    expect(checkCatalogFees([FEE('登记费', '80'), FEE('工本费', '10.5')])).toEqual({
      ok: true,
      value: [FEE('登记费', '80.00'), FEE('工本费', '10.50')],
    });
    expect(checkCatalogFees([])).toEqual({ ok: true, value: [] });
  });

  it('refuses a bad amount, naming the fee', () => {
    expect(checkCatalogFees([FEE('a', '1'), FEE('b', '1.234')])).toEqual({
      ok: false,
      code: 'BAD_AMOUNT',
      field: 'fees.1.amount',
      details: { value: '1.234' },
    });
  });

  it('refuses a duplicate name', () => {
    expect(checkCatalogFees([FEE('a', '1'), FEE('b', '2'), FEE('a', '3')])).toEqual({
      ok: false,
      code: 'DUPLICATE_FEE',
      field: 'fees.2.name',
      details: { name: 'a' },
    });
  });

  it('requires a legal basis for each fee', () => {
    for (const basis of ['', '   ', '\t\n'])
      expect(checkCatalogFees([FEE('a', '1'), FEE('b', '2', basis)])).toEqual({
        ok: false,
        code: 'FEE_BASIS_REQUIRED',
        field: 'fees.1.basis',
      });
  });
});

describe('checkCharges (无"三乱")', () => {
  const catalog = [FEE('登记费', '80.00'), FEE('工本费', '0.10'), FEE('证书费', '0.20')];

  it('accepts listed fees at or below the listed amount, and sums them exactly', () => {
    expect(
      checkCharges(catalog, [
        { name: '工本费', amount: '0.1' },
        { name: '证书费', amount: '0.20' },
      ]),
    ).toEqual({
      ok: true,
      value: {
        fees: [
          { name: '工本费', amount: '0.10' },
          { name: '证书费', amount: '0.20' },
        ],
        total: '0.30',
      },
    });
    expect(
      checkCharges(catalog, [
        { name: '登记费', amount: '80' },
        { name: '工本费', amount: '0.10' },
        { name: '证书费', amount: '0.20' },
      ]),
    ).toMatchObject({ ok: true, value: { total: '80.30' } });
    expect(checkCharges(catalog, [{ name: '登记费', amount: '40.5' }])).toMatchObject({
      ok: true,
      value: { total: '40.50' },
    });
    expect(checkCharges(catalog, [])).toEqual({ ok: true, value: { fees: [], total: '0.00' } });
  });

  it('refuses a fee not in the catalog', () => {
    expect(
      checkCharges(catalog, [
        { name: '登记费', amount: '80' },
        { name: '加急费', amount: '1' },
      ]),
    ).toEqual({
      ok: false,
      code: 'FEE_NOT_IN_CATALOG',
      field: 'fees.1.name',
      details: { name: '加急费' },
    });
    expect(checkCharges([], [{ name: '登记费', amount: '0' }])).toMatchObject({
      code: 'FEE_NOT_IN_CATALOG',
    });
  });

  it('refuses a fee above the listed amount, by a single fen', () => {
    expect(checkCharges(catalog, [{ name: '登记费', amount: '80.01' }])).toEqual({
      ok: false,
      code: 'FEE_ABOVE_CATALOG',
      field: 'fees.0.amount',
      details: { name: '登记费', max: '80.00' },
    });
    expect(checkCharges(catalog, [{ name: '登记费', amount: '80.00' }]).ok).toBe(true);
  });

  it('refuses a fee charged twice', () => {
    expect(
      checkCharges(catalog, [
        { name: '工本费', amount: '0.05' },
        { name: '工本费', amount: '0.05' },
      ]),
    ).toEqual({
      ok: false,
      code: 'DUPLICATE_FEE',
      field: 'fees.1.name',
      details: { name: '工本费' },
    });
  });

  it('refuses a bad amount', () => {
    for (const amount of ['-1', '1.001', '', 'x'])
      expect(checkCharges(catalog, [{ name: '登记费', amount }])).toEqual({
        ok: false,
        code: 'BAD_AMOUNT',
        field: 'fees.0.amount',
        details: { value: amount },
      });
  });

  it('the total is the exact sum in fen (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            name: fc.string({ minLength: 1, maxLength: 4 }),
            max: fc.integer({ min: 0, max: 99_999 }),
          }),
          {
            selector: (f) => f.name,
            minLength: 1,
            maxLength: 8,
          },
        ),
        fc.array(fc.nat()),
        (list, picks) => {
          const cat = list.map((f) => FEE(f.name, formatFen(f.max)));
          const charged = list
            .filter((_, i) => (picks[i] ?? 0) % 2 === 0)
            .map((f, i) => ({ name: f.name, fen: (picks[i] ?? 0) % (f.max + 1) }));
          const r = checkCharges(
            cat,
            charged.map((c) => ({ name: c.name, amount: formatFen(c.fen) })),
          );
          expect(r).toMatchObject({
            ok: true,
            value: { total: formatFen(charged.reduce((s, c) => s + c.fen, 0)) },
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('checkMissingMaterials (一次性告知)', () => {
  const checklist = ['身份证', '户口簿', '申请表', '房产证'];

  it('refuses an empty list', () => {
    expect(checkMissingMaterials(checklist, [])).toEqual({
      ok: false,
      code: 'NO_MATERIALS',
      field: 'materials',
    });
  });

  it('refuses a paper not on the checklist, naming it and its index', () => {
    expect(checkMissingMaterials(checklist, ['申请表', '结婚证'])).toEqual({
      ok: false,
      code: 'MATERIAL_NOT_IN_CHECKLIST',
      field: 'materials.1',
      details: { name: '结婚证' },
    });
  });

  it('the index is the position in the list as entered, duplicates before it included', () => {
    expect(checkMissingMaterials(checklist, ['申请表', '申请表', '结婚证'])).toEqual({
      ok: false,
      code: 'MATERIAL_NOT_IN_CHECKLIST',
      field: 'materials.2',
      details: { name: '结婚证' },
    });
  });

  it('answers in checklist order, duplicates collapsed', () => {
    expect(checkMissingMaterials(checklist, ['房产证', '身份证', '房产证', '申请表'])).toEqual({
      ok: true,
      value: ['身份证', '申请表', '房产证'],
    });
  });

  it('is a sub-list of the checklist for any choice (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...checklist), { minLength: 1, maxLength: 10 }),
        (missing) => {
          const r = checkMissingMaterials(checklist, missing);
          expect(r).toEqual({ ok: true, value: checklist.filter((m) => missing.includes(m)) });
        },
      ),
      { numRuns: 200 },
    );
  });
});
