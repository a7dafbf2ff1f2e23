/** Receipt numbers as people type them, for the case search and the public query page. */
import { normalizeReceiptNo } from '@bianmin/domain';
import { t } from '../../locale/zh-CN.ts';

/** Digits, with the dashes and spaces (full-width too) a printed receipt number may carry. */
const RECEIPT_LIKE = /^[0-9０-９\s\-－—]+$/;

/** A receipt number as printed (dashes, spaces, full-width digits) is searched as stored. */
export function searchText(input: string): string {
  const v = input.trim();
  return RECEIPT_LIKE.test(v) ? normalizeReceiptNo(v) : v;
}

/** What the applicant typed as the receipt number: the stored digits, or what is wrong with it. */
export function checkReceiptInput(input: string): { value: string } | { error: string } {
  const L = t.publicQuery;
  const trimmed = input.trim();
  if (trimmed === '') return { error: L.receiptRequired };
  if (!RECEIPT_LIKE.test(trimmed)) return { error: L.receiptDigits };
  return { value: normalizeReceiptNo(trimmed) };
}
