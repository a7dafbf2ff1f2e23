import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attachmentHeader, safeFileName } from './download.ts';

describe('file names from users', () => {
  it('takes the extension from the type the bytes are, never from the name', () => {
    expect(safeFileName('poly.html', 'png')).toBe('poly.png');
    expect(safeFileName('现场照片.JPG', 'jpg')).toBe('现场照片.jpg');
    expect(safeFileName('report', 'pdf')).toBe('report.pdf');
    expect(safeFileName('../../etc/现场照片.png', 'png')).toBe('现场照片.png');
    expect(safeFileName('C:\\temp\\a.b.exe', 'pdf')).toBe('a.b.pdf');
    expect(safeFileName('.htaccess', 'png')).toBe('htaccess.png');
    expect(safeFileName('...', 'png', '证据')).toBe('证据.png');
  });

  it('drops bidirectional overrides, zero-width and control characters', () => {
    // "照片‮gnp.exe" shows as "照片exe.png" in a right-to-left-aware list.
    expect(safeFileName('照片\u202egnp.exe', 'pdf')).toBe('照片gnp.pdf');
    expect(safeFileName('a\u200bb\u2066c\u0000d\r\ne\u2028.png', 'png')).toBe('abcde.png');
    expect(safeFileName('x\ud800y.png', 'png')).toBe('xy.png');
  });

  it('always gives a short name with the one extension and no control or format character (property)', () => {
    fc.assert(
      fc.property(
        fc.string({
          maxLength: 300,
          unit: fc.oneof(
            fc.constantFrom('\u202e', '\ud800', '\u0000', '.', '/'),
            fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
          ),
        }),
        fc.constantFrom('jpg', 'png', 'pdf'),
        (given, ext) => {
          const name = safeFileName(given, ext);
          expect(name.endsWith(`.${ext}`)).toBe(true);
          expect([...name].length).toBeLessThanOrEqual(100);
          expect(name).not.toMatch(/[\p{Cc}\p{Cf}\u2028\u2029/\\"<>|:*?]/u);
          expect(name.length).toBeGreaterThan(ext.length + 1);
        },
      ),
    );
  });
});

describe('the download header', () => {
  it('names the file exactly for browsers that read filename*, and in ASCII for the rest', () => {
    expect(attachmentHeader("现场 (1)'s.png")).toBe(
      `attachment; filename="__ (1)'s.png"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%20%281%29%27s.png`,
    );
  });

  it('can never be ended or extended by the name (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100, unit: 'binary' }), (given) => {
        const header = attachmentHeader(safeFileName(given, 'png'));
        expect(header).toMatch(
          /^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%!._~-]*$/,
        );
        expect(header.match(/"/g)).toHaveLength(2);
        expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe(safeFileName(given, 'png'));
      }),
    );
  });
});
