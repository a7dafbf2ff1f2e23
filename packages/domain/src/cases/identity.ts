/**
 * Applicants' identifiers (个人信息保护法): checked on entry, shown masked. Resident ID numbers
 * follow GB 11643 (ISO 7064 MOD 11-2 check digit), enterprise codes GB 32100 (统一社会信用代码).
 */
import { daysInMonth } from '../calendar/civil.ts';
import { ok, refuse, type Result } from '../shared/result.ts';
import type { ApplicantType } from './model.ts';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Whether an 18-character resident ID number is well formed and its check digit right. */
export function isResidentId(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  // The birth date must exist (GB 11643: a date per GB/T 7408), so no 02-30 or 1900-02-29.
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] === value[17];
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Whether an 18-character unified social credit code is well formed and its check character right. */
export function isCreditCode(value: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(value[i] ?? '') * (USCC_WEIGHTS[i] ?? 0);
  return USCC_CHARS[(31 - (sum % 31)) % 31] === value[17];
}

/** Mainland mobile numbers, or a landline with its area code (0xx-xxxxxxxx). */
export function isPhone(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value) || /^0\d{2,3}-?\d{7,8}$/.test(value);
}

/** An identifier as entered: spaces dropped, letters upper-case. */
export const normalizeIdentifier = (value: string) => value.replace(/\s+/g, '').toUpperCase();

/** Checks the identifier for the applicant's type: a resident ID for a person, a credit code for an enterprise. */
export function checkIdentifier(
  type: ApplicantType,
  raw: string,
): Result<string, 'BAD_ID_NUMBER' | 'BAD_CREDIT_CODE'> {
  const value = normalizeIdentifier(raw);
  if (type === 'person')
    return isResidentId(value) ? ok(value) : refuse('BAD_ID_NUMBER', 'applicant.idNumber');
  return isCreditCode(value) ? ok(value) : refuse('BAD_CREDIT_CODE', 'applicant.idNumber');
}

export function checkPhone(raw: string): Result<string, 'BAD_PHONE'> {
  const value = raw.replace(/[\s()]/g, '');
  return isPhone(value) ? ok(value) : refuse('BAD_PHONE', 'applicant.phone');
}

/** 330102199001011234 → 3301**********1234: region and last four only. */
export function maskIdentifier(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4);
}

/** 13812345678 → 138****5678; landlines keep the area code and the last four. */
export function maskPhone(value: string): string {
  if (value.length <= 7) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}
