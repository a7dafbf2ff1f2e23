import { Link } from 'react-router';
import { displayReceiptNo } from '@bianmin/domain';
import { t } from '../locale/zh-CN.ts';

/** A case's receipt number as printed (001-20260302-0007), linking to the case. */
export function ReceiptLink({ caseId, receiptNo }: { caseId: number; receiptNo: string }) {
  const shown = displayReceiptNo(receiptNo);
  return (
    <Link to={`/cases/${caseId}`} className="receipt-no" aria-label={t.caseShared.open(shown)}>
      {shown}
    </Link>
  );
}
