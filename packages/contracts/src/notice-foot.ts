import type { NoticeContent } from './cases.ts';

/**
 * The foot of every notice, printed by the console (NoticeSheet.tsx) and the PDF (notices/pdf.ts)
 * alike: where and how to follow the case (a QR code to the portal's query with the receipt number
 * and query code filled in), whom to call and when, and the line the applicant signs on receipt.
 * `origin` is the portal's address as the applicant's phone reaches it (https://host).
 */
export function noticeFoot(c: NoticeContent, origin: string) {
  const receipt = c.receiptNo.replace(/\s+/g, '');
  const queryUrl = `${origin}/query?receiptNo=${encodeURIComponent(receipt)}&queryCode=${encodeURIComponent(c.queryCode)}`;
  const contact = [
    c.centerPhone ? `咨询电话：${c.centerPhone}` : '',
    c.centerHours ? `办公时间：${c.centerHours}` : '',
  ].filter(Boolean);
  return {
    queryUrl,
    lines: [
      `手机扫码查询办理进度，或访问 ${origin}/query`,
      ...(contact.length ? [contact.join('\u3000')] : []),
    ],
    /** The applicant signs on a line after this, then writes the date. */
    signature: { label: '申请人签收：', date: '年\u3000\u3000月\u3000\u3000日' },
  };
}
