/** Receipt numbers as people type them, for the case search. */
import { looksLikeReceiptNo, normalizeReceiptNo } from '@bianmin/domain';

/** A receipt number as printed (dashes, spaces, full-width digits) is searched as stored. */
export function searchText(input: string): string {
  const v = input.trim();
  return looksLikeReceiptNo(v) ? normalizeReceiptNo(v) : v;
}
