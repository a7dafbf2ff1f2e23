import { createHash, timingSafeEqual } from 'node:crypto';
import { PAUSE_REASON_LABELS, type PublicCaseStatus } from '@bianmin/contracts';
import {
  displayReceiptNo,
  normalizeReceiptNo,
  QUERY_CODE_POLICY,
  shanghaiDateOf,
  type CaseStatus,
} from '@bianmin/domain';
import type { Deps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { refundThrottle } from '../auth/repository.ts';
import { countAttempt } from '../auth/throttle.ts';
import * as cases from '../cases/repository.ts';
import { zhDate } from '../cases/notice-content.ts';
import type { CaseRow } from '../cases/state.ts';
import * as repo from './repository.ts';

/**
 * Compared with a wrong code when the receipt number does not exist, so that both failures do the
 * same work (it can never match: codes are six digits).
 */
const NO_CODE = 'no-such-code';

/** Equal in time whatever the inputs: both sides are hashed to the same length first. */
const sameCode = (given: string, stored: string) =>
  timingSafeEqual(
    createHash('sha256').update(given).digest(),
    createHash('sha256').update(stored).digest(),
  );

/** What the applicant should do next, in plain words. */
function messageOf(row: CaseRow): string {
  const deadline = row.deadline_at ? zhDate(row.deadline_at) : '';
  switch (row.status as CaseStatus) {
    case 'received':
      return '您的申请已登记，工作人员正在审查，请耐心等待。';
    case 'awaiting_materials':
      return '请按《补充件通知书》一次性补齐所列材料后到窗口办理，材料补齐之日起开始计算办理期限。';
    case 'in_progress':
      return `正在办理，承诺于 ${deadline} 前办结。`;
    case 'paused': {
      const open = row.pauses.find((p) => p.to === null);
      const why = open ? PAUSE_REASON_LABELS[open.reason] : '';
      return `因${why}，办理计时暂停，所需时间不计入办理期限；恢复后继续办理。`;
    }
    case 'with_authority':
      return '已报送上级机关审批，本中心正在跟踪，请耐心等待。';
    case 'completed':
      return '已办结。请携带通知书和有效证件到窗口领取办理结果。';
    case 'returned':
      return '申请已退回，理由见《退回件通知书》。如有疑问请到窗口咨询。';
    case 'answered':
      return '您的咨询已答复。';
  }
}

/**
 * An applicant's case by receipt number and query code (no account). Guessing is throttled per
 * address, never per receipt (QUERY_CODE_POLICY): a receipt is never locked, so nobody can lock an
 * applicant out of his or her case, however many wrong codes others send. Every failure gives the
 * same answer after the same work — the attempt counted, one lookup, one constant-time comparison —
 * whether or not the number exists (test: public.test.ts).
 */
export async function caseStatus(
  deps: Deps,
  ip: string,
  receiptInput: string,
  codeInput: string,
): Promise<PublicCaseStatus> {
  const now = deps.clock.now();
  const throttleKey = `q:${ip}`;
  const wait = await countAttempt(deps.db, new Map([[throttleKey, QUERY_CODE_POLICY]]), now);
  if (wait > 0) throw new AppError('RATE_LIMITED', { details: { retryAfterSeconds: wait } });
  const found = await repo.findQueryCode(deps.db, normalizeReceiptNo(receiptInput));
  const right = sameCode(codeInput.replace(/\s+/g, ''), found?.query_code ?? NO_CODE);
  if (!found || !right) throw new AppError('QUERY_FAILED');
  // The right code does not count against the address.
  await refundThrottle(deps.db, throttleKey);
  const row = await cases.getRow(deps.db, found.id);
  if (!row) throw new AppError('QUERY_FAILED');
  const item = row.item_id === null ? undefined : await cases.getItemFacts(deps.db, row.item_id);
  const window =
    row.holder_staff_id === null ? undefined : await cases.getStaffAt(deps.db, row.holder_staff_id);
  return {
    receiptNo: displayReceiptNo(row.receipt_no),
    centerName: await cases.centerName(deps.db, row.center_id),
    itemName: item?.name ?? row.subject,
    status: row.status as CaseStatus,
    acceptedKind: row.accepted_kind as PublicCaseStatus['acceptedKind'],
    windowName: window?.window_name ?? null,
    receivedAt: row.received_at.toISOString(),
    acceptedAt: row.accepted_at?.toISOString() ?? null,
    deadlineDate: row.deadline_at ? shanghaiDateOf(row.deadline_at.getTime()) : null,
    paused: row.status === 'paused',
    closedAt: row.closed_at?.toISOString() ?? null,
    message: messageOf(row),
  };
}
