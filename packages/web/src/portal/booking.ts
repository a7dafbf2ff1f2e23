import type { BookingSlots } from '@bianmin/contracts';
import { formatBookingCode, normalizeBookingCode } from '@bianmin/domain';
import { PortalError } from './api.ts';
import { P } from './strings.ts';

const B = P.book;
const F = P.form;

type BookingDay = BookingSlots['days'][number];
type BookingSlot = BookingDay['slots'][number];

export type Checked = { value: string } | { error: string };

/** Full-width digits and letters (a Chinese input method's) as plain ones, spaces and dashes gone. */
const plain = (s: string) => s.normalize('NFKC').replace(/[\s\-\u2010-\u2015\u2212()（）]/g, '');

/**
 * A mainland mobile as typed or filled in by the phone: "138 1234 5678", "+86 138-1234-5678" and
 * full-width digits all give "13812345678".
 */
export function normalizeMobile(input: string): string {
  const digits = plain(input);
  const national = /^(\+?86|0086)(1\d{10})$/.exec(digits);
  return national ? national[2]! : digits;
}

export function checkMobile(input: string): Checked {
  const value = normalizeMobile(input);
  if (value === '') return { error: F.mobileRequired };
  return /^1[3-9]\d{9}$/.test(value) ? { value } : { error: F.mobileWrong };
}

export function checkName(input: string): Checked {
  const value = input.trim();
  if (value === '') return { error: F.nameRequired };
  return [...value].length > 50 ? { error: F.nameTooLong } : { value };
}

export function checkSmsCode(input: string): Checked {
  const value = plain(input);
  if (value === '') return { error: F.smsCodeRequired };
  return /^\d{6}$/.test(value) ? { value } : { error: F.smsCodeDigits };
}

/** What a form asking who one is holds: name, mobile and the SMS code. */
export type ContactField = 'name' | 'phone' | 'smsCode';
export const CONTACT_FIELDS: readonly ContactField[] = ['name', 'phone', 'smsCode'];

/** Name, mobile and SMS code as they are sent, or what is wrong with each. */
export function checkContact(
  typed: Record<ContactField, string>,
): { value: Record<ContactField, string> } | { errors: Partial<Record<ContactField, string>> } {
  const checked = {
    name: checkName(typed.name),
    phone: checkMobile(typed.phone),
    smsCode: checkSmsCode(typed.smsCode),
  };
  const value: Partial<Record<ContactField, string>> = {};
  const errors: Partial<Record<ContactField, string>> = {};
  for (const f of CONTACT_FIELDS) {
    const c = checked[f];
    if ('error' in c) errors[f] = c.error;
    else value[f] = c.value;
  }
  return Object.keys(errors).length > 0
    ? { errors }
    : { value: value as Record<ContactField, string> };
}

/** Refusals that are about the SMS code the person typed. */
export const SMS_CODE_REFUSALS: Partial<Record<string, 'smsCode'>> = {
  SMS_CODE_WRONG: 'smsCode',
  SMS_CODE_EXPIRED: 'smsCode',
};

/** A booking code as typed ("abcd efgh", full-width, with or without the dash), as printed: 'ABCD-EFGH'. */
export function checkBookingCode(input: string): Checked {
  if (input.trim() === '') return { error: B.codeRequired };
  const code = normalizeBookingCode(input);
  return code === null ? { error: B.codeWrong } : { value: formatBookingCode(code) };
}

/** The code for display: the printed form when it is one, else what was given, trimmed. */
export const displayBookingCode = (code: string) => formatBookingCode(code.trim());

/** Whole seconds from `nowMs` until `untilMs` (rounded up, never below 0): a countdown's number. */
export const secondsLeft = (untilMs: number, nowMs: number) =>
  Math.max(0, Math.ceil((untilMs - nowMs) / 1000));

/** Places still free on a day, all slots together. */
export const placesLeft = (day: BookingDay) =>
  day.slots.reduce((sum, s) => sum + Math.max(0, s.left), 0);

/** A slot as its button says it: "09:00–09:30 余2", or 约满. */
export const slotText = (s: BookingSlot) =>
  `${B.slot(s.start, s.end)} ${s.left > 0 ? B.left(s.left) : B.full}`;

/** A day's slots as 上午 and 下午 (a part with no slot is left out). */
export function halfDays(slots: readonly BookingSlot[]): { name: string; slots: BookingSlot[] }[] {
  const morning = slots.filter((s) => s.start < '12:00');
  const afternoon = slots.filter((s) => s.start >= '12:00');
  return [
    { name: B.morning, slots: morning },
    { name: B.afternoon, slots: afternoon },
  ].filter((h) => h.slots.length > 0);
}

/**
 * A field's message without the field's name in front ("短信验证码：…"): it is shown under the
 * field's own label already.
 */
export const withoutLabel = (message: string) =>
  message.replace(/^[\u4e00-\u9fff]{1,8}：(?=.)/, '');

/** What went wrong, said next to the field it concerns, else once for the whole form. */
export interface Refusal<F extends string> {
  code: string;
  fields: Partial<Record<F, string>>;
  general: string | null;
}

/**
 * A failed call as the form shows it: the server's Chinese message on each field it names (those
 * the form has; others go with the general message), a code that belongs to a field (a wrong SMS
 * code) on that field, and the rest as one plain sentence.
 */
export function refusalOf<F extends string>(
  error: unknown,
  formFields: readonly F[],
  codeFields: Partial<Record<string, F>> = {},
  fallback: string = B.failed,
): Refusal<F> {
  if (!(error instanceof PortalError)) return { code: 'UNKNOWN', fields: {}, general: fallback };
  if (error.code === 'NETWORK') return { code: error.code, fields: {}, general: F.offline };
  const fields: Partial<Record<F, string>> = {};
  const elsewhere: string[] = [];
  for (const f of error.fields) {
    if ((formFields as readonly string[]).includes(f.field))
      fields[f.field as F] ??= withoutLabel(f.message);
    else elsewhere.push(f.message);
  }
  const own = codeFields[error.code];
  const message = error.message || fallback;
  if (error.fields.length === 0 && own) {
    fields[own] = message;
    return { code: error.code, fields, general: null };
  }
  const wait = error.details.retryAfterSeconds;
  const after = typeof wait === 'number' && wait > 0 ? F.retryAfter(Math.ceil(wait)) : '';
  const general =
    elsewhere.length > 0
      ? elsewhere.join('；')
      : Object.keys(fields).length > 0
        ? null
        : `${message}${after}`;
  return { code: error.code, fields, general };
}

/**
 * The address's query after a change: keys set to a value are set, keys set to null are dropped,
 * the others (the center `c` …) kept. "?item=MZ-001&date=2026-12-08".
 */
export function searchWith(
  current: string | URLSearchParams,
  changes: Record<string, string | null>,
): string {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  const qs = next.toString();
  return qs ? `?${qs}` : '';
}
