import { describe, expect, it } from 'vitest';
import {
  aliasesProblem,
  createBody,
  duplicateIndexes,
  feesSummary,
  formatYuan,
  itemFieldPath,
  itemTermText,
  spliceLines,
  splitLines,
  toFen,
  updateBody,
} from './items.ts';

describe('splitLines', () => {
  it('splits pasted lines, dropping numbering, bullets, blanks and repeats', () => {
    expect(
      splitLines(
        '1. 居民身份证\r\n2、户口簿\n\n（3）结婚证\n　① 近期照片　\n- 申请表\n户口簿\n(一) 委托书',
      ),
    ).toEqual(['居民身份证', '户口簿', '结婚证', '近期照片', '申请表', '委托书']);
  });

  it('keeps numbers that belong to the material itself', () => {
    expect(splitLines('1.5 寸照片\n2寸彩色照片 2 张')).toEqual(['1.5 寸照片', '2寸彩色照片 2 张']);
  });
});

describe('spliceLines', () => {
  it('fills an empty row with the first pasted line and inserts the rest after it', () => {
    expect(spliceLines(['甲', '', '丁'], 1, ['乙', '丙'])).toEqual(['甲', '乙', '丙', '丁']);
  });

  it('inserts after a filled row, leaving out lines the list already has', () => {
    expect(spliceLines(['甲', '乙'], 0, ['乙', '丙', '甲'])).toEqual(['甲', '丙', '乙']);
  });
});

describe('duplicateIndexes', () => {
  it('names the later of two equal lines', () => {
    expect(duplicateIndexes(['甲', '乙 ', '', '乙', undefined, '甲'])).toEqual([3, 5]);
  });
});

describe('money', () => {
  it('reads yuan amounts into fen and back', () => {
    expect(toFen('10')).toBe(1000);
    expect(toFen('10.5')).toBe(1050);
    expect(toFen('0.05')).toBe(5);
    expect(toFen('1,000')).toBeNull();
    expect(toFen('10.555')).toBeNull();
    expect(formatYuan(1050)).toBe('10.50');
    expect(formatYuan(1000)).toBe('10');
    expect(formatYuan(5)).toBe('0.05');
  });

  it('sums fees without floating-point drift', () => {
    expect(feesSummary([])).toBe('不收费');
    expect(feesSummary([{ amount: '0.1' }, { amount: '0.2' }])).toBe('0.30 元（2 项）');
  });
});

describe('itemTermText', () => {
  it('counts petitions in calendar days and the others in working days', () => {
    expect(
      itemTermText({ defaultKind: 'immediate', promisedDays: null, legalDays: null }, 60),
    ).toBe('即办（30 分钟）');
    expect(itemTermText({ defaultKind: 'promised', promisedDays: 5, legalDays: 20 }, 60)).toBe(
      '承诺 5 个工作日 · 法定 20 个工作日',
    );
    expect(itemTermText({ defaultKind: 'petition', promisedDays: null, legalDays: 60 }, 60)).toBe(
      '承诺 60 日（按信访期限） · 法定 60 日',
    );
    expect(itemTermText({ defaultKind: 'reported', promisedDays: null, legalDays: null }, 60)).toBe(
      '未设期限',
    );
  });
});

describe('request bodies', () => {
  const values = {
    code: ' MZ-01 ',
    name: ' 低保申请 ',
    windowUnitId: 3,
    defaultKind: 'immediate' as const,
    promisedDays: 5,
    legalDays: 20,
    materials: [' 身份证 ', ''],
    fees: [{ name: ' 工本费', amount: '10 ', basis: ' 某文件 ' }],
    announce: true,
    jointWindowIds: [2],
    aliases: [' 低保 ', '', '低保', '最低生活保障'],
    appointment: true,
    homeVisit: false,
    active: false,
  };

  it('trims, drops the empty last material row, empty and repeated common names, and clears the terms of an immediate item', () => {
    expect(createBody(values)).toEqual({
      code: 'MZ-01',
      name: '低保申请',
      windowUnitId: 3,
      defaultKind: 'immediate',
      promisedDays: null,
      legalDays: null,
      materials: ['身份证'],
      fees: [{ name: '工本费', amount: '10', basis: '某文件' }],
      announce: true,
      jointWindowIds: [2],
      aliases: ['低保', '最低生活保障'],
      appointment: true,
      homeVisit: false,
    });
  });

  it('sends the version and the active flag, never the code, on update', () => {
    const body = updateBody({ ...values, defaultKind: 'promised' }, 7);
    expect(body).toMatchObject({ promisedDays: 5, legalDays: 20, active: false, version: 7 });
    expect(body).not.toHaveProperty('code');
  });
});

describe('itemFieldPath', () => {
  it('points a server refusal at the box the clerk sees', () => {
    expect(itemFieldPath('code')).toBe('code');
    expect(itemFieldPath('materials.2')).toEqual(['materials', 2]);
    expect(itemFieldPath('fees.1.amount')).toEqual(['fees', 1, 'amount']);
    expect(itemFieldPath('fees[0].basis')).toEqual(['fees', 0, 'basis']);
    expect(itemFieldPath('fees.3')).toEqual(['fees', 3, 'name']);
    expect(itemFieldPath('fees')).toBeNull();
    expect(itemFieldPath('aliases.3')).toBe('aliases');
    expect(itemFieldPath('homeVisit')).toBe('homeVisit');
    expect(itemFieldPath('centerId')).toBeNull();
  });
});

describe('aliasesProblem', () => {
  it('allows up to 20 common names of up to 40 characters, repeats counted once', () => {
    expect(aliasesProblem([])).toBeNull();
    expect(aliasesProblem([...Array.from({ length: 20 }, (_, i) => `名${i}`), '名0 '])).toBeNull();
    expect(aliasesProblem(Array.from({ length: 21 }, (_, i) => `名${i}`))).toBe('常用名最多 20 个');
    expect(aliasesProblem(['低保', '长'.repeat(41)])).toBe(`“${'长'.repeat(41)}”超过 40 个字`);
  });
});
