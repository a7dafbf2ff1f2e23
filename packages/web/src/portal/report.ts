import type { OnlineReportBody } from '@bianmin/contracts';
import { TRACKING_CODE } from '@bianmin/domain';
import { checkContact, type Checked, type ContactField } from './booking.ts';
import { beijingTime } from './hours.ts';
import { dateText } from './receipt.ts';
import { P } from './strings.ts';

const R = P.report;

/** The longest 反映的问题 and 涉及的窗口或人员 the server takes. */
export const DETAILS_MAX = 2000;
export const ABOUT_MAX = 100;

/** The boxes of the complaint form, in the order they are on the page. */
export type ReportField = ContactField | 'details' | 'about' | 'occurredOn';
export const REPORT_FIELDS: readonly ReportField[] = [
  'name',
  'phone',
  'smsCode',
  'details',
  'about',
  'occurredOn',
];

/** What the person chose and typed. */
export interface ReportEntries {
  anonymous: boolean;
  name: string;
  phone: string;
  smsCode: string;
  details: string;
  about: string;
  /** 'YYYY-MM-DD' from the date box, or '' when left empty. */
  occurredOn: string;
}

/**
 * The report as it is sent, or what is wrong with each box. Anonymous: no name, mobile or SMS code
 * goes to the server, whatever was typed before choosing 匿名. `today` is Beijing's date by the
 * server's clock: a day after it cannot be the day something happened.
 */
export function checkReport(
  centerCode: string,
  e: ReportEntries,
  today: string,
): { body: OnlineReportBody } | { errors: Partial<Record<ReportField, string>> } {
  const errors: Partial<Record<ReportField, string>> = {};
  let contact = { name: '', phone: '', smsCode: '' };
  if (!e.anonymous) {
    const c = checkContact(e);
    if ('errors' in c) Object.assign(errors, c.errors);
    else contact = c.value;
  }
  const details = e.details.trim();
  if (details === '') errors.details = R.detailsRequired;
  const occurredOn = /^\d{4}-\d{2}-\d{2}$/.test(e.occurredOn) ? e.occurredOn : null;
  if (occurredOn !== null && occurredOn > today) errors.occurredOn = R.occurredLate;
  if (Object.keys(errors).length > 0) return { errors };
  return {
    body: {
      centerCode,
      anonymous: e.anonymous,
      ...contact,
      details,
      about: e.about.trim(),
      occurredOn,
    },
  };
}

/** A tracking code for display, 'ABCD-EFGH-JK'; text that is not one comes back unchanged. */
export const displayTrackingCode = (code: string) => TRACKING_CODE.format(code);

/** A tracking code as typed (any case, with or without dashes, full-width), as printed. */
export function checkTrackingCode(input: string): Checked {
  if (input.trim() === '') return { error: R.codeRequired };
  const code = TRACKING_CODE.normalize(input);
  return code === null ? { error: R.codeWrong } : { value: TRACKING_CODE.format(code) };
}

/** An instant as Beijing's date and time: "2026年3月2日 21:15". */
export const timeText = (iso: string) => `${dateText(iso)} ${beijingTime(Date.parse(iso))}`;
