import type { PortalAnnouncement } from '@bianmin/contracts';
import { displayReceiptNo } from '@bianmin/domain';
import { dateText } from './receipt.ts';
import { P } from './strings.ts';

const A = P.announcements;

/**
 * One announcement's lines under its item's name, as the board on the wall has them: the receipt
 * number (kept on one line), the applicant as published (张*, an enterprise in full), the day it was
 * completed, the result, and the last day it stays on the board.
 */
export function announcementRows(a: PortalAnnouncement): [string, string, string?][] {
  return [
    [A.receiptNo, displayReceiptNo(a.receiptNo), 'nowrap'],
    [A.applicant, a.applicantShown],
    [A.completedOn, dateText(a.completedOn) ?? a.completedOn],
    [A.result, a.resultLine],
    [A.until, A.day(a.until)],
  ];
}
