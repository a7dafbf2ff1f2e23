import { timingSafeEqual } from 'node:crypto';
import { PAUSE_REASON_LABELS, type PublicCaseStatus } from '@bianmin/contracts';
import {
  displayReceiptNo,
  normalizeReceiptNo,
  shanghaiDateOf,
  type CaseStatus,
} from '@bianmin/domain';
import type { Deps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import * as cases from '../cases/repository.ts';
import { zhDate } from '../cases/notice-content.ts';
import type { CaseRow } from '../cases/state.ts';

/** Wrong codes in a row before a receipt number stops answering for a while (guessing defence). */
export const QUERY_MAX_FAILURES = 10;
export const QUERY_LOCK_MS = 60 * 60_000;

const same = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

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
 * An applicant's case by receipt number and query code (no account). A wrong code counts against the
 * receipt number; after QUERY_MAX_FAILURES in a row it stops answering for an hour, so the six-digit
 * code cannot be guessed. Every failure looks the same (no hint whether the number exists).
 */
export async function caseStatus(
  deps: Deps,
  receiptInput: string,
  codeInput: string,
): Promise<PublicCaseStatus> {
  const now = deps.clock.now();
  const row = await cases.getRowByReceipt(deps.db, normalizeReceiptNo(receiptInput));
  if (!row) throw new AppError('QUERY_FAILED');
  if (row.query_locked_until && row.query_locked_until > now) throw new AppError('QUERY_FAILED');
  if (!same(codeInput.replace(/\s+/g, ''), row.query_code)) {
    const failures = row.query_failures + 1;
    await deps.db
      .updateTable('cases')
      .set({
        query_failures: failures >= QUERY_MAX_FAILURES ? 0 : failures,
        query_locked_until:
          failures >= QUERY_MAX_FAILURES ? new Date(now.getTime() + QUERY_LOCK_MS) : null,
      })
      .where('id', '=', row.id)
      .execute();
    throw new AppError('QUERY_FAILED');
  }
  if (row.query_failures > 0)
    await deps.db
      .updateTable('cases')
      .set({ query_failures: 0 })
      .where('id', '=', row.id)
      .execute();
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
