import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMaterialRemarks, materialLine, remarksOf } from './materials.ts';

const missing = ['营业执照副本', '申请人居民身份证'];

describe('remarks on missing papers', () => {
  it('keeps a remark per missing paper, trimmed, in the order of the list; drops empty ones', () => {
    const r = checkMaterialRemarks(missing, {
      申请人居民身份证: '  复印件不清晰 ',
      营业执照副本: '缺少公章',
    });
    expect(r).toEqual({
      ok: true,
      value: { 营业执照副本: '缺少公章', 申请人居民身份证: '复印件不清晰' },
    });
    expect(Object.keys(r.ok ? r.value : {})).toEqual(missing);
    expect(checkMaterialRemarks(missing, { 营业执照副本: '   ' })).toEqual({ ok: true, value: {} });
  });

  it('refuses a remark on a paper that is not marked missing', () => {
    const r = checkMaterialRemarks(missing, { 户口簿: '缺少户主页' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('REMARK_NOT_MISSING');
      expect(r.details).toEqual({ name: '户口簿' });
    }
    // An empty remark on such a paper is nothing said: it is dropped, not refused.
    expect(checkMaterialRemarks(missing, { 户口簿: '' }).ok).toBe(true);
  });

  it('keeps only the remarks of papers still missing after the list is corrected', () => {
    expect(remarksOf(['营业执照副本'], { 营业执照副本: '缺少公章', 户口簿: '缺页' })).toEqual({
      营业执照副本: '缺少公章',
    });
    // Not fooled by names inherited from Object.prototype.
    expect(remarksOf(['toString'], {})).toEqual({});
  });

  it('writes a paper with its remark in full-width brackets, without one as it is', () => {
    const remarks = { 营业执照副本: '缺少公章', 户口簿: '  ' };
    expect(materialLine('营业执照副本', remarks)).toBe('营业执照副本（缺少公章）');
    expect(materialLine('户口簿', remarks)).toBe('户口簿');
    expect(materialLine('申请书', remarks)).toBe('申请书');
    expect(materialLine('constructor', remarks)).toBe('constructor');
  });

  it('never returns a remark for a paper outside the missing list', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 6 }),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.string({ maxLength: 8 })),
        (list, remarks) => {
          const kept = remarksOf(list, remarks);
          for (const [name, remark] of Object.entries(kept)) {
            expect(list).toContain(name);
            expect(remark).toBe(remark.trim());
            expect(remark).not.toBe('');
          }
        },
      ),
    );
  });
});
