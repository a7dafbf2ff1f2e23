import type {
  publicVisitBody,
  VisitDatesAnswer,
  VisitReceipt,
  VisitTracking,
} from '@bianmin/contracts';
import {
  checkPreferredDates,
  dayKind,
  maskPhone,
  maskStaffName,
  VISIT_CODE,
  visitDates,
  DEFAULT_VISIT_POLICY,
} from '@bianmin/domain';
import type { z } from 'zod';
import type { Actor } from '../../audit/write.ts';
import type { Deps } from '../../http/context.ts';
import { AppError, refusalError } from '../../http/errors.ts';
import { sameSecret } from '../../http/same-secret.ts';
import { loadTermContext } from '../cases/term-context.ts';
import { centerByCode } from '../public/service.ts';
import { withSmsCode } from '../sms-codes/service.ts';
import * as repo from './repository.ts';
import { insertVisit, itemOf, VISIT_LABELS } from './service.ts';

/** The requester on the portal: no account, known by the mobile the SMS code proved. */
const requester = (request: { ip: string; id: string }): Actor => ({
  userId: null,
  name: '上门服务申请人（网上）',
  ip: request.ip,
  requestId: request.id,
});

/** The days one may name as preferred, from the center's calendar, for anyone. */
export async function dates(deps: Deps, centerCode: string): Promise<VisitDatesAnswer> {
  const center = await centerByCode(deps, centerCode);
  const { cal } = await loadTermContext(deps.db, center.id);
  const d = visitDates(cal, deps.clock.now().getTime());
  return {
    dates: d.dates.map((date) => {
      const k = dayKind(cal, date);
      return { date, kind: k.ok && k.value === 'makeUpWorkday' ? 'makeUpWorkday' : 'workday' };
    }),
    calendarMissingFrom: d.calendarMissingFrom,
    maxPreferredDates: DEFAULT_VISIT_POLICY.maxPreferredDates,
  };
}

/**
 * A request from the portal. The item and the dates are checked before the SMS code is tried (a bad
 * date does not cost the person a try — the dates are checked again in the transaction); then the
 * code is used in one transaction with the request, its audit entry and the acknowledgement SMS.
 */
export async function request(
  deps: Deps,
  req: { ip: string; id: string },
  body: z.infer<typeof publicVisitBody>,
): Promise<VisitReceipt> {
  const center = await centerByCode(deps, body.centerCode);
  const item = body.itemCode === '' ? null : { code: body.itemCode };
  const itemId = await itemOf(deps.db, center.id, item, 'itemCode');
  const { cal } = await loadTermContext(deps.db, center.id);
  const checked = checkPreferredDates(cal, deps.clock.now().getTime(), body.preferredDates);
  if (!checked.ok) throw refusalError(checked, { labels: VISIT_LABELS });
  const code = { phone: body.phone, purpose: 'visit' as const, code: body.smsCode };
  const made = await withSmsCode(deps, requester(req), code, (tx, audit, at) =>
    insertVisit(tx, audit, at, {
      centerId: center.id,
      category: body.category,
      name: body.name,
      phone: body.phone,
      address: body.address,
      itemId,
      itemText: body.itemText,
      reason: body.reason,
      preferredDates: body.preferredDates,
      channel: 'online',
      byUserId: null,
      byName: '本人网上申请',
    }),
  );
  return {
    trackingCode: VISIT_CODE.format(made.code),
    centerName: made.center.name,
    centerPhone: made.center.phone,
    requestedAt: deps.clock.now().toISOString(),
    preferredDates: made.preferredDates,
  };
}

/** Compared when the code does not exist, so that both failures do the same work. */
const NO_PHONE = 'no-such-phone';

/** An address as the requester sees it again: its beginning, the rest hidden. */
function maskAddress(address: string): string {
  const chars = [...address];
  const keep = Math.min(6, Math.floor(chars.length / 2));
  return chars.slice(0, keep).join('') + '*'.repeat(Math.min(6, chars.length - keep));
}

/**
 * A request by its tracking code and the mobile it was made with: one answer for every failure
 * (an unknown code and a wrong mobile alike); guessing is throttled per address (app.ts).
 */
export async function track(
  deps: Deps,
  key: { code: string; phone: string },
): Promise<VisitTracking> {
  const code = VISIT_CODE.normalize(key.code);
  const row = code === null ? undefined : await repo.findByCode(deps.db, code);
  const right = sameSecret(key.phone, row?.phone ?? NO_PHONE);
  if (!row || !right) throw new AppError('VISIT_NOT_FOUND');
  const [center, staff, { cal }] = await Promise.all([
    repo.centerById(deps.db, row.center_id),
    repo.staffOf(deps.db, [row.id]),
    loadTermContext(deps.db, row.center_id),
  ]);
  const going = staff.filter((s) => s.role === (row.status === 'visited' ? 'visitor' : 'assigned'));
  const kind = row.scheduled_date === null ? null : dayKind(cal, row.scheduled_date);
  return {
    trackingCode: VISIT_CODE.format(row.tracking_code),
    centerName: center.name,
    centerPhone: center.phone,
    status: row.status,
    category: row.category,
    itemName: row.item_name ?? row.item_text,
    addressMasked: maskAddress(row.address),
    phoneMasked: maskPhone(row.phone),
    requestedAt: row.requested_at.toISOString(),
    preferredDates: [...row.preferred_dates].sort(),
    scheduledDate: row.status === 'cancelled' ? null : row.scheduled_date,
    scheduledKind: row.status === 'cancelled' || !kind?.ok ? null : kind.value,
    staffMasked: row.status === 'cancelled' ? [] : going.map((s) => maskStaffName(s.name)),
    arrivedAt: row.arrived_at?.toISOString() ?? null,
    outcome: row.outcome,
    receiptNo: row.receipt_no,
    cancelReason: row.cancel_reason,
  };
}
