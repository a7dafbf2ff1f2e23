import type { PublicVisitBody, VisitCategoryValue } from '@bianmin/contracts';
import { VISIT_CODE } from '@bianmin/domain';
import { checkContact, type Checked, type ContactField } from './booking.ts';
import { P } from './strings.ts';

const V = P.visit;

/** The longest 上门地址, 要办的事 and 为什么需要上门 the server takes. */
export const ADDRESS_MAX = 200;
export const ITEM_MAX = 100;
export const REASON_MAX = 500;
export const MAX_DATES = 3;

/** The boxes of the request form, in the order they are on the page. */
export type VisitField =
  'category' | ContactField | 'address' | 'itemText' | 'reason' | 'preferredDates';
export const VISIT_FIELDS: readonly VisitField[] = [
  'category',
  'name',
  'phone',
  'smsCode',
  'address',
  'itemText',
  'reason',
  'preferredDates',
];

export interface VisitEntries {
  category: VisitCategoryValue | null;
  name: string;
  phone: string;
  smsCode: string;
  address: string;
  itemText: string;
  reason: string;
  dates: readonly string[];
}

/**
 * The request as it is sent, or what is wrong with each box. The dates come back in order; the
 * item's code (from the guide's link) is sent as it came, the server checks it.
 */
export function checkVisit(
  centerCode: string,
  itemCode: string,
  e: VisitEntries,
): { body: PublicVisitBody } | { errors: Partial<Record<VisitField, string>> } {
  const errors: Partial<Record<VisitField, string>> = {};
  if (e.category === null) errors.category = V.categoryRequired;
  const c = checkContact(e);
  if ('errors' in c) Object.assign(errors, c.errors);
  const address = e.address.trim();
  if (address === '') errors.address = V.addressRequired;
  const reason = e.reason.trim();
  if (reason === '') errors.reason = V.reasonRequired;
  if (e.dates.length === 0) errors.preferredDates = V.datesRequired;
  else if (e.dates.length > MAX_DATES) errors.preferredDates = V.datesTooMany;
  if (Object.keys(errors).length > 0 || 'errors' in c || e.category === null) return { errors };
  return {
    body: {
      centerCode,
      category: e.category,
      ...c.value,
      address,
      itemCode,
      itemText: e.itemText.trim(),
      reason,
      preferredDates: [...new Set(e.dates)].sort(),
    },
  };
}

/** A date ticked or unticked: at most three, kept in order. */
export function toggleDate(dates: readonly string[], date: string): string[] {
  if (dates.includes(date)) return dates.filter((d) => d !== date);
  if (dates.length >= MAX_DATES) return [...dates];
  return [...dates, date].sort();
}

export const displayVisitCode = (code: string) => VISIT_CODE.format(code);

/** A tracking code as typed (any case, with or without dashes, full-width), as printed. */
export function checkVisitCode(input: string): Checked {
  if (input.trim() === '') return { error: V.codeRequired };
  const code = VISIT_CODE.normalize(input);
  return code === null ? { error: V.codeWrong } : { value: VISIT_CODE.format(code) };
}
