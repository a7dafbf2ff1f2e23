import { describe, expect, it } from 'vitest';
import { checkPasswordStrength } from './password.ts';

describe('password strength', () => {
  it.each([
    ['short1!', 'PASSWORD_TOO_SHORT'],
    ['abcdefghijkl', 'PASSWORD_TOO_WEAK'],
    ['12345678901', 'PASSWORD_TOO_WEAK'],
    ['wangli-2026x', 'PASSWORD_TOO_WEAK'],
    ['x'.repeat(199) + '1A', 'PASSWORD_TOO_LONG'],
  ])('refuses %s', (password, code) => {
    const r = checkPasswordStrength(password, 'wangli');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.field).toBe('password');
    }
  });

  it.each(['Bianmin2026!', 'qingshi-window-07', '便民服务中心2026年'])('accepts %s', (password) => {
    expect(checkPasswordStrength(password, 'wangli').ok).toBe(true);
  });
});
