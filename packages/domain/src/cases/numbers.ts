/**
 * Receipt numbers (受理编号) and notice numbers. A receipt number is digits only, so an elderly
 * applicant can type it on a phone keypad: center (3) + date (8) + sequence of the day (4),
 * printed as 001-20260302-0007. A notice number names its kind: 青石便民〔2026〕承诺 0012 号 style is
 * printed from the parts; stored as e.g. CN-2026-000012.
 */
import type { NoticeType } from './model.ts';

/** The sequence of the day takes at least this many digits (a 10,000th case of a day, five). */
export const RECEIPT_SEQ_DIGITS = 4;

/** What every receipt number of a center's day starts with: center (3) + date (8). */
export const receiptPrefix = (centerId: number, date: string): string =>
  `${String(centerId).padStart(3, '0')}${date.replaceAll('-', '')}`;

export function formatReceiptNo(centerId: number, date: string, seq: number): string {
  return `${receiptPrefix(centerId, date)}${String(seq).padStart(RECEIPT_SEQ_DIGITS, '0')}`;
}

/** 001202603020007 → 001-20260302-0007 */
export function displayReceiptNo(receiptNo: string): string {
  return receiptNo.length === 15
    ? `${receiptNo.slice(0, 3)}-${receiptNo.slice(3, 11)}-${receiptNo.slice(11)}`
    : receiptNo;
}

/** Digits, with the dashes and spaces (full-width too) a printed receipt number may carry. */
export const looksLikeReceiptNo = (input: string): boolean =>
  /^[0-9０-９\s\-－—]+$/.test(input.trim());

/** What an applicant typed (dashes, spaces, full-width digits) → the stored receipt number. */
export function normalizeReceiptNo(input: string): string {
  return input
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[^0-9]/g, '');
}

/** The short word for each notice kind used in its number. */
export const NOTICE_WORDS: Record<NoticeType, string> = {
  inquiry: '咨',
  supplement: '补',
  returned: '退',
  immediate: '即',
  promised: '承',
  petition: '访',
  reported: '报',
  extension: '延',
};

/** 〔2026〕承 第 0012 号 */
export function formatNoticeNo(type: NoticeType, year: number, seq: number): string {
  return `〔${year}〕${NOTICE_WORDS[type]}字第${String(seq).padStart(4, '0')}号`;
}
