import { describe, expect, it } from 'vitest';
import type { PersonSettlement } from '../../api/assessment.ts';
import { fileNameOf } from '../../api/client.ts';
import {
  evidenceProblem,
  evidenceTypeOf,
  fieldPath,
  formatBytes,
  halfYearOptions,
  itemLabel,
  latestEndedHalfYear,
  levelText,
  money,
  parseHalfYearKey,
  settlementSummary,
  signedMoney,
  yuanToFen,
} from './format.ts';
import { inspectionBody } from './inspection.ts';

describe('money', () => {
  it('shows integer fen as yuan with two decimals', () => {
    expect(money(90000)).toBe('900.00 元');
    expect(money(5)).toBe('0.05 元');
    expect(money(0)).toBe('0.00 元');
  });

  it('signs an amount that may go either way', () => {
    expect(signedMoney(90000)).toBe('+900.00 元');
    expect(signedMoney(-30000)).toBe('-300.00 元');
    expect(signedMoney(0)).toBe('0.00 元');
  });

  it('reads a yuan amount as fen without floating point', () => {
    expect(yuanToFen('300')).toBe(30000);
    expect(yuanToFen('300.5')).toBe(30050);
    expect(yuanToFen('0.07')).toBe(7);
    expect(yuanToFen('1e3')).toBeNull();
  });
});

describe('half-years', () => {
  it('defaults to the last half-year that is over', () => {
    expect(latestEndedHalfYear('2026-11-28')).toEqual({ year: 2026, half: 1 });
    expect(latestEndedHalfYear('2026-06-30')).toEqual({ year: 2025, half: 2 });
    expect(latestEndedHalfYear('2026-07-01')).toEqual({ year: 2026, half: 1 });
    expect(latestEndedHalfYear('2027-01-01')).toEqual({ year: 2026, half: 2 });
  });

  it('offers the running half-year first, marked, then the earlier ones', () => {
    const options = halfYearOptions('2026-11-28', 1);
    expect(options.map((o) => o.label)).toEqual([
      '2026年下半年（进行中）',
      '2026年上半年',
      '2025年下半年',
    ]);
    expect(parseHalfYearKey(options[1]!.value)).toEqual({ year: 2026, half: 1 });
    expect(parseHalfYearKey('2026-3')).toBeNull();
  });
});

describe('findings', () => {
  it('names items and levels as the regulation does', () => {
    expect(itemLabel(3)).toBe('考核内容第三项：上下班签到，不用电脑做与工作无关的事');
    expect(levelText('county', true)).toBe('县级巡查通报');
    expect(levelText('county', false)).toBe('县级巡查（未通报）');
    expect(levelText('town', true)).toBe('镇级巡查');
  });

  it('sends 通报 only for county and above, with texts trimmed', () => {
    const body = inspectionBody({
      level: 'town',
      inspectedOn: null,
      inspectors: ' 孙丽华 ',
      findings: [{ staffId: 7, item: 3, description: ' 玩手机 ', circulated: true }],
    });
    expect(body).toMatchObject({
      inspectors: '孙丽华',
      note: '',
      findings: [{ staffId: 7, item: 3, description: '玩手机', circulated: false, serious: false }],
    });
  });

  it('maps a server field to its form path', () => {
    expect(fieldPath('findings.0.staffId')).toEqual(['findings', 0, 'staffId']);
    expect(fieldPath('findings[2].item')).toEqual(['findings', 2, 'item']);
  });
});

describe('evidence files', () => {
  it('takes photos and scans, by type or else by extension', () => {
    expect(evidenceTypeOf({ name: 'a.png', type: 'image/png' })).toBe('image/png');
    expect(evidenceTypeOf({ name: 'SCAN.PDF', type: '' })).toBe('application/pdf');
    expect(evidenceTypeOf({ name: 'a.jpeg', type: 'application/octet-stream' })).toBe('image/jpeg');
    expect(evidenceTypeOf({ name: 'a.docx', type: 'application/msword' })).toBeNull();
  });

  it('refuses other types, empty files and files over 5 MB before sending', () => {
    expect(evidenceProblem({ name: 'a.png', type: 'image/png', size: 1000 })).toBeNull();
    expect(evidenceProblem({ name: 'a.gif', type: 'image/gif', size: 1000 })).toMatch(/只能上传/);
    expect(evidenceProblem({ name: 'a.png', type: 'image/png', size: 0 })).toMatch(/空/);
    expect(
      evidenceProblem({ name: 'a.pdf', type: 'application/pdf', size: 5 * 1024 * 1024 + 1 }),
    ).toBe('文件不能超过 5 MB');
    expect(formatBytes(320 * 1024)).toBe('320 KB');
  });
});

describe('settlement summary', () => {
  const base: PersonSettlement = {
    staffId: 1,
    staffNo: 'W001',
    staffName: '李娜',
    windowName: '民政救助窗口',
    year: 2026,
    half: 1,
    status: 'draft',
    poolFen: 180000,
    owedFen: 90000,
    carriedInFen: 0,
    appliedFen: 90000,
    adjustmentFen: 0,
    carriedOutFen: 0,
    writtenOffFen: 0,
    payableFen: 90000,
    lines: [],
    approvedByName: null,
    approvedAt: null,
    refusal: null,
  };

  it('says how the amount due comes about', () => {
    expect(settlementSummary(base)).toEqual([
      '应发 900.00 元 ＝ 考核标准 1800.00 元 － 本期扣除 900.00 元',
    ]);
  });

  it('adds a refund and says what is carried on', () => {
    expect(
      settlementSummary({
        ...base,
        adjustmentFen: 90000,
        payableFen: 180000,
        appliedFen: 90000,
        carriedOutFen: 1000,
      }),
    ).toEqual([
      '应发 1800.00 元 ＝ 考核标准 1800.00 元 － 本期扣除 900.00 元 ＋ 退还多扣 900.00 元',
      '另有 10.00 元因本期考核金额不足未能扣除，结转下一个半年继续扣除。',
    ]);
  });
});

describe('downloads', () => {
  it('reads the file name the server gives', () => {
    expect(fileNameOf("attachment; filename*=UTF-8''2026%E5%B9%B4.xlsx")).toBe('2026年.xlsx');
    expect(fileNameOf('attachment; filename="a.xlsx"')).toBe('a.xlsx');
    expect(fileNameOf(null)).toBeNull();
  });
});
