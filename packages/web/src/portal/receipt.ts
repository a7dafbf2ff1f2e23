import { looksLikeReceiptNo, normalizeReceiptNo } from '@bianmin/domain';
import { beijingDate } from './hours.ts';
import { P } from './strings.ts';

const Q = P.query;

/** A date as it is; an instant as its day in Beijing: "2026年3月2日". */
export function dateText(iso: string | null): string | null {
  if (!iso) return null;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : beijingDate(Date.parse(iso));
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** What the applicant typed as the receipt number: the stored digits, or what is wrong with it. */
export function checkReceiptInput(input: string): { value: string } | { error: string } {
  const trimmed = input.trim();
  if (trimmed === '') return { error: Q.receiptRequired };
  if (!looksLikeReceiptNo(trimmed)) return { error: Q.receiptDigits };
  return { value: normalizeReceiptNo(trimmed) };
}
