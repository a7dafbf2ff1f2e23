import { ok, refuse, type Result } from '../shared/result.ts';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/** A password must be long and mix at least two kinds of character; it may not contain the user name. */
export function checkPasswordStrength(
  password: string,
  username: string,
): Result<string, 'PASSWORD_TOO_SHORT' | 'PASSWORD_TOO_LONG' | 'PASSWORD_TOO_WEAK'> {
  if (password.length < PASSWORD_MIN_LENGTH) return refuse('PASSWORD_TOO_SHORT', 'password');
  if (password.length > PASSWORD_MAX_LENGTH) return refuse('PASSWORD_TOO_LONG', 'password');
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) =>
    re.test(password),
  ).length;
  if (kinds < 2) return refuse('PASSWORD_TOO_WEAK', 'password');
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    return refuse('PASSWORD_TOO_WEAK', 'password');
  }
  return ok(password);
}
