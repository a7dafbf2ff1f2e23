import { randomInt } from 'node:crypto';
import type {
  cancelVisitBody,
  createVisitBody,
  recordVisitBody,
  scheduleVisitBody,
  VisitRow as VisitView,
} from '@bianmin/contracts';
import {
  checkArrival,
  checkPreferredDates,
  checkVisitDate,
  dayKind,
  isInPost,
  isUrgentCategory,
  maskName,
  maskPhone,
  normalizeReceiptNo,
  shanghaiDateOf,
  VISIT_CODE,
  visitTransition,
  type DayKind,
  type VisitAction,
  type VisitCategory,
  type VisitChannel,
} from '@bianmin/domain';
import type { z } from 'zod';
import { checkVersion } from '../../audit/change.ts';
import { write, type Actor, type Audit, type Tx } from '../../audit/write.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { fieldError, refusalError } from '../../http/errors.ts';
import { inScope } from '../../http/scope.ts';
import { slotText } from '../appointments/booking.ts';
import { loadTermContext } from '../cases/term-context.ts';
import { enqueue } from '../outbox/service.ts';
import * as repo from './repository.ts';
import * as inbox from '../inbox/hooks.ts';

/** The Chinese names of this module's fields, for refusals on them. */
export const VISIT_LABELS = {
  preferredDates: '希望上门日期',
  date: '上门日期',
  staffIds: '上门人员',
  visitorIds: '实际上门人员',
  arrivedAt: '到达时间',
  receiptNo: '关联办件受理编号',
  itemCode: '办理事项',
  itemId: '办理事项',
  phone: '手机号码',
} as const;

/** A visit in the audit trail: the requester masked, like every list. */
export const auditView = (
  v: repo.VisitRow,
  staff?: { assigned?: number[]; visitors?: number[] },
) => ({
  trackingCode: v.tracking_code,
  category: v.category,
  name: maskName(v.requester_name),
  phone: maskPhone(v.phone),
  itemId: v.item_id,
  preferredDates: v.preferred_dates,
  channel: v.channel,
  status: v.status,
  scheduledDate: v.scheduled_date,
  arrivedAt: v.arrived_at?.toISOString() ?? null,
  caseId: v.case_id,
  cancelReason: v.cancel_reason,
  ...staff,
});

function kindOf(cal: Parameters<typeof dayKind>[0], date: string | null): DayKind | null {
  if (date === null) return null;
  const k = dayKind(cal, date);
  return k.ok ? k.value : null;
}

export async function views(deps: Pick<Deps, 'db'>, rows: repo.VisitRow[], centerId: number) {
  const { cal } = await loadTermContext(deps.db, centerId);
  const staff = await repo.staffOf(
    deps.db,
    rows.map((r) => r.id),
  );
  return rows.map((r): VisitView => {
    const of = (role: 'assigned' | 'visitor') =>
      staff
        .filter((s) => s.visit_id === r.id && s.role === role)
        .map((s) => ({ staffId: s.staff_id, name: s.name }));
    return {
      id: r.id,
      trackingCode: VISIT_CODE.format(r.tracking_code),
      category: r.category,
      urgent: isUrgentCategory(r.category),
      requesterName: r.requester_name,
      phoneMasked: maskPhone(r.phone),
      address: r.address,
      itemId: r.item_id,
      itemName: r.item_name ?? '',
      itemText: r.item_text,
      reason: r.reason,
      preferredDates: [...r.preferred_dates].sort(),
      channel: r.channel,
      status: r.status,
      scheduledDate: r.scheduled_date,
      scheduledKind: kindOf(cal, r.scheduled_date),
      staff: of('assigned'),
      arrivedAt: r.arrived_at?.toISOString() ?? null,
      visitors: of('visitor'),
      outcome: r.outcome,
      caseId: r.case_id,
      receiptNo: r.receipt_no,
      cancelReason: r.cancel_reason,
      requestedAt: r.requested_at.toISOString(),
      enteredByName: r.entered_by_name,
      reschedules: r.reschedules,
      version: r.version,
    };
  });
}

async function viewOf(deps: Deps, id: number): Promise<VisitView> {
  const row = (await repo.getVisit(deps.db, id))!;
  return (await views(deps, [row], row.center_id))[0]!;
}

export async function list(
  deps: Deps,
  centerId: number,
  q: {
    status?: string | undefined;
    q?: string | undefined;
    month?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  const { rows, total } = await repo.listVisits(deps.db, centerId, q, q);
  return { items: await views(deps, rows, centerId), total };
}

async function newCode(tx: Tx): Promise<string> {
  for (;;) {
    const code = VISIT_CODE.make((max) => randomInt(max));
    if (!(await repo.codeTaken(tx, code))) return code;
  }
}

export interface NewVisit {
  centerId: number;
  category: VisitCategory;
  name: string;
  phone: string;
  address: string;
  itemId: number | null;
  itemText: string;
  reason: string;
  preferredDates: string[];
  channel: VisitChannel;
  byUserId: number | null;
  byName: string;
}

/** A single line for a text message (a reason may hold line breaks). */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * One request, whatever its channel: the preferred dates checked against the calendar, the row with
 * its tracking code, the audit entry (masked), the acknowledgement SMS — one transaction.
 */
export async function insertVisit(tx: Tx, audit: Audit, at: Date, v: NewVisit) {
  const { cal } = await loadTermContext(tx, v.centerId);
  const dates = checkPreferredDates(cal, at.getTime(), v.preferredDates);
  if (!dates.ok) throw refusalError(dates, { labels: VISIT_LABELS });
  const code = await newCode(tx);
  const id = await repo.insertVisit(tx, {
    center_id: v.centerId,
    tracking_code: code,
    category: v.category,
    requester_name: v.name,
    phone: v.phone,
    address: v.address,
    item_id: v.itemId,
    item_text: v.itemText,
    reason: v.reason,
    preferred_dates: dates.value,
    channel: v.channel,
    requested_at: at,
    entered_by_user_id: v.byUserId,
    entered_by_name: v.byName,
  });
  const row = (await repo.getVisit(tx, id))!;
  await audit({
    centerId: v.centerId,
    action: 'visit.request',
    entityType: 'home_visit',
    entityId: id,
    before: null,
    after: auditView(row),
  });
  const center = await repo.centerById(tx, v.centerId);
  await enqueue(tx, audit, at, {
    centerId: v.centerId,
    to: v.phone,
    template: 'visit_received',
    params: { center: center.name, trackingCode: VISIT_CODE.format(code) },
    subject: { type: 'home_visit', id },
  });
  return { id, code, center, preferredDates: dates.value };
}

/** An item of the center, when one is named: active, or refused on the field. */
export async function itemOf(
  db: repo.Db,
  centerId: number,
  key: { code: string } | { id: number } | null,
  field: 'itemCode' | 'itemId',
): Promise<number | null> {
  if (key === null) return null;
  const item = await repo.findItem(db, centerId, key);
  if (!item || !item.active) throw fieldError('NOT_FOUND', field, VISIT_LABELS);
  return item.id;
}

/** A request that came by phone, letter, e-mail or in person, entered by staff. */
export async function create(
  deps: Deps,
  user: Pick<SessionUser, 'displayName'>,
  actor: Actor,
  centerId: number,
  body: z.infer<typeof createVisitBody>,
): Promise<VisitView> {
  const { id } = await write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    const itemId = await itemOf(
      tx,
      centerId,
      body.itemId === null ? null : { id: body.itemId },
      'itemId',
    );
    return insertVisit(tx, audit, at, {
      centerId,
      category: body.category,
      name: body.name,
      phone: body.phone,
      address: body.address,
      itemId,
      itemText: body.itemText,
      reason: body.reason,
      preferredDates: body.preferredDates,
      channel: body.channel,
      byUserId: actor.userId,
      // The staff member's name as colleagues know it (the login stays in the audit trail).
      byName: user.displayName,
    });
  });
  return viewOf(deps, id);
}

/** Staff of the center in post on `date`, each once; refused on `field.i` otherwise. */
async function staffInPost(
  tx: Tx,
  centerId: number,
  ids: readonly number[],
  date: string,
  field: 'staffIds' | 'visitorIds',
) {
  const seen = new Set<number>();
  for (const [i, id] of ids.entries()) {
    if (seen.has(id)) throw fieldError('VISIT_STAFF_DUPLICATE', `${field}.${i}`, VISIT_LABELS);
    seen.add(id);
  }
  const rows = await repo.staffByIds(tx, ids);
  for (const [i, id] of ids.entries()) {
    const s = rows.find((r) => r.id === id);
    if (
      !s ||
      s.center_id !== centerId ||
      !isInPost({ inPostFrom: s.in_post_from, inPostTo: s.in_post_to }, date)
    )
      throw fieldError('VISIT_STAFF_NOT_IN_POST', `${field}.${i}`, VISIT_LABELS);
  }
}

async function change(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  version: number,
  action: VisitAction,
  fn: (tx: Tx, audit: Audit, row: repo.VisitRow, at: Date) => Promise<void>,
): Promise<VisitView> {
  await write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    const row = checkVersion(await repo.getVisit(tx, id, true), version, (r) =>
      inScope(user, r.center_id),
    );
    const next = visitTransition(row.status, action);
    if (!next.ok) throw refusalError(next, { onField: false });
    await fn(tx, audit, row, at);
  });
  return viewOf(deps, id);
}

const assignedIds = async (tx: Tx, id: number, role: 'assigned' | 'visitor') =>
  (await repo.staffOf(tx, [id])).filter((s) => s.role === role).map((s) => s.staff_id);

/**
 * Schedule a requested visit, or move a scheduled one: a date from today on (any kind of day, the
 * kind shown), one to five staff of the center in post that day. The requester gets an SMS.
 */
export const schedule = (
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: z.infer<typeof scheduleVisitBody>,
  action: 'schedule' | 'reschedule',
) =>
  change(deps, user, actor, id, body.version, action, async (tx, audit, row, at) => {
    const { cal } = await loadTermContext(tx, row.center_id);
    const kind = checkVisitDate(cal, at.getTime(), body.date);
    if (!kind.ok) throw refusalError(kind, { labels: VISIT_LABELS });
    await staffInPost(tx, row.center_id, body.staffIds, body.date, 'staffIds');
    const before = auditView(row, { assigned: await assignedIds(tx, id, 'assigned') });
    await repo.updateVisit(tx, id, {
      status: 'scheduled',
      scheduled_date: body.date,
      scheduled_at: at,
      scheduled_by_name: user.displayName,
      reschedules: action === 'reschedule' ? row.reschedules + 1 : row.reschedules,
    });
    await repo.setStaff(tx, id, 'assigned', body.staffIds);
    const after = (await repo.getVisit(tx, id))!;
    await audit({
      centerId: row.center_id,
      action: `visit.${action}`,
      entityType: 'home_visit',
      entityId: id,
      before,
      after: auditView(after, { assigned: body.staffIds }),
    });
    await inbox.visitScheduled(
      tx,
      audit,
      at,
      { id, centerId: row.center_id, date: body.date, address: row.address, what: row.item_text },
      body.staffIds,
      action === 'reschedule',
      user.id,
    );
    const center = await repo.centerById(tx, row.center_id);
    await enqueue(tx, audit, at, {
      centerId: row.center_id,
      to: row.phone,
      template: 'visit_scheduled',
      params: {
        center: center.name,
        date: slotText(body.date, '').trim(),
        trackingCode: VISIT_CODE.format(row.tracking_code),
      },
      subject: { type: 'home_visit', id },
    });
  });

/**
 * Record the visit: when they arrived (not in the future, not before the request), who went (staff
 * in post that day), the outcome, and the case it opened or served (a receipt number of this
 * center), when there is one.
 */
export const record = (
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: z.infer<typeof recordVisitBody>,
) =>
  change(deps, user, actor, id, body.version, 'record', async (tx, audit, row, at) => {
    const arrivedAt = new Date(body.arrivedAt);
    const arrival = checkArrival(row.requested_at.getTime(), arrivedAt.getTime(), at.getTime());
    if (!arrival.ok) throw refusalError(arrival, { labels: VISIT_LABELS });
    const day = shanghaiDateOf(arrivedAt.getTime());
    await staffInPost(tx, row.center_id, body.visitorIds, day, 'visitorIds');
    let caseId: number | null = null;
    if (body.receiptNo !== '') {
      const c = await repo.caseByReceipt(tx, row.center_id, normalizeReceiptNo(body.receiptNo));
      if (!c) throw fieldError('VISIT_CASE_NOT_FOUND', 'receiptNo', VISIT_LABELS);
      caseId = c.id;
    }
    await repo.updateVisit(tx, id, {
      status: 'visited',
      arrived_at: arrivedAt,
      outcome: body.outcome,
      case_id: caseId,
      recorded_by_name: user.displayName,
      closed_at: at,
    });
    await repo.setStaff(tx, id, 'visitor', body.visitorIds);
    await audit({
      centerId: row.center_id,
      action: 'visit.record',
      entityType: 'home_visit',
      entityId: id,
      before: auditView(row),
      after: { ...auditView((await repo.getVisit(tx, id))!), visitors: body.visitorIds },
    });
  });

/** Cancel a requested or scheduled visit with a reason; the requester is told by SMS. */
export const cancel = (
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: z.infer<typeof cancelVisitBody>,
) =>
  change(deps, user, actor, id, body.version, 'cancel', async (tx, audit, row, at) => {
    await repo.updateVisit(tx, id, {
      status: 'cancelled',
      cancel_reason: body.reason,
      closed_at: at,
    });
    await audit({
      centerId: row.center_id,
      action: 'visit.cancel',
      entityType: 'home_visit',
      entityId: id,
      before: auditView(row),
      after: auditView((await repo.getVisit(tx, id))!),
    });
    const center = await repo.centerById(tx, row.center_id);
    await enqueue(tx, audit, at, {
      centerId: row.center_id,
      to: row.phone,
      template: 'visit_cancelled',
      params: {
        center: center.name,
        trackingCode: VISIT_CODE.format(row.tracking_code),
        reason: oneLine(body.reason),
      },
      subject: { type: 'home_visit', id },
    });
  });
