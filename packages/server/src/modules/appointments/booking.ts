import { randomInt } from 'node:crypto';
import type { BookingSlots } from '@bianmin/contracts';
import {
  bookableDays,
  checkChange,
  checkSlot,
  DEFAULT_APPOINTMENT_POLICY,
  formatBookingCode,
  maskName,
  maskPhone,
  newBookingCode,
  slotsOfDay,
  slotsWithRoom,
  suspension,
  type AppointmentPolicy,
  type Slot,
} from '@bianmin/domain';
import { type Audit, type Tx } from '../../audit/write.ts';
import type { Deps } from '../../http/context.ts';
import { AppError, refusalError } from '../../http/errors.ts';
import { loadTermContext } from '../cases/term-context.ts';
import { enqueue } from '../outbox/service.ts';
import * as repo from './repository.ts';
import * as inbox from '../inbox/hooks.ts';

export type Db = Deps['db'];
type Settings = Awaited<ReturnType<typeof repo.getSettings>>;
type Item = NonNullable<Awaited<ReturnType<typeof repo.findItem>>>;
type Channel = repo.BookingRow['channel'];

export const MS_PER_DAY = 86_400_000;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** The rules of a center: its stored settings, with the fixed points of DOMAIN.md §3. */
export function policyOf(s: Pick<Settings, keyof Settings> | undefined): AppointmentPolicy {
  if (!s) return DEFAULT_APPOINTMENT_POLICY;
  return {
    ...DEFAULT_APPOINTMENT_POLICY,
    slotMinutes: s.slot_minutes,
    daysAhead: s.days_ahead,
    noShowLimit: s.no_show_limit,
    noShowWindowDays: s.no_show_window_days,
    suspendDays: s.suspend_days,
  };
}

/** "12月8日（周二）09:00–09:30", as a message and a list say it. */
export function slotText(date: string, start: string, end?: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${m}月${d}日（周${weekday}）${start}${end ? `–${end}` : ''}`;
}

/** A booking in the audit trail: who is masked, like every list. */
export const auditView = (b: {
  code: string;
  item_id: number;
  slot_date: string;
  slot_start: string;
  applicant_name: string;
  phone: string;
  channel: string;
  status: string;
  case_id: number | null;
}) => ({
  code: b.code,
  itemId: b.item_id,
  date: b.slot_date,
  start: b.slot_start,
  name: maskName(b.applicant_name),
  phone: maskPhone(b.phone),
  channel: b.channel,
  status: b.status,
  caseId: b.case_id,
});

export function bookableItem(item: Item | undefined): Item {
  if (!item || !item.active) throw new AppError('NOT_FOUND');
  if (!item.appointment) throw new AppError('ITEM_NOT_BOOKABLE');
  return item;
}

/** The days and slots of an item with the places left, by the injected clock. */
export async function slotsOf(
  db: Db,
  centerId: number,
  item: Item,
  policy: AppointmentPolicy,
  now: Date,
) {
  const { cal, tt } = await loadTermContext(db, centerId);
  const { days, calendarMissingFrom } = bookableDays(cal, tt, now.getTime(), policy);
  const slots = days.flatMap((d) => slotsOfDay(d, policy));
  const capacity = await repo.unitCapacity(db, item.window_unit_id);
  const taken =
    slots.length === 0
      ? new Map<number, number>()
      : await repo.takenByStart(
          db,
          item.window_unit_id,
          new Date(slots[0]!.startsAt),
          new Date(slots.at(-1)!.endsAt),
        );
  const withRoom = slotsWithRoom(slots, capacity, taken);
  return {
    days: days.map((d) => ({
      date: d.date,
      kind: d.kind === 'makeUpWorkday' ? ('makeUpWorkday' as const) : ('workday' as const),
      slots: withRoom
        .filter((s) => s.date === d.date)
        .map((s) => ({ start: s.start, end: s.end, left: s.left })),
    })),
    calendarMissingFrom,
    cal,
    tt,
    capacity,
  };
}

export function slotsAnswer(
  item: Item,
  policy: AppointmentPolicy,
  s: Awaited<ReturnType<typeof slotsOf>>,
): BookingSlots {
  return {
    itemCode: item.code,
    itemName: item.name,
    windowUnitName: item.unit_name,
    days: s.days,
    calendarMissingFrom: s.calendarMissingFrom,
    slotMinutes: policy.slotMinutes,
  };
}

/**
 * Check and take a place in a slot, under the window unit's lock: two people asking for the last
 * place at once get one booking and one SLOT_FULL.
 */
export async function takeSlot(
  tx: Tx,
  centerId: number,
  item: Item,
  policy: AppointmentPolicy,
  now: Date,
  want: { date: string; start: string; channel: Channel; phone: string },
): Promise<Slot> {
  await repo.lockUnit(tx, item.window_unit_id);
  const { cal, tt } = await loadTermContext(tx, centerId);
  const capacity = await repo.unitCapacity(tx, item.window_unit_id);
  // The date and time passed the request's schema: a real day and a real clock time.
  const startsAt = new Date(`${want.date}T${want.start}:00+08:00`);
  const taken = await repo.takenByStart(
    tx,
    item.window_unit_id,
    startsAt,
    new Date(startsAt.getTime() + 1),
  );
  const lookBack = (policy.noShowWindowDays + policy.suspendDays) * MS_PER_DAY;
  const noShows = await repo.noShowTimes(tx, want.phone, new Date(now.getTime() - lookBack));
  const slot = checkSlot({
    cal,
    tt,
    nowMs: now.getTime(),
    policy,
    date: want.date,
    start: want.start,
    capacity,
    taken: taken.get(startsAt.getTime()) ?? 0,
    channel: want.channel,
    suspension: suspension(noShows, now.getTime(), policy),
  });
  if (!slot.ok) throw refusalError(slot);
  return slot.value;
}

async function newCode(tx: Tx): Promise<string> {
  for (;;) {
    const code = newBookingCode((max) => randomInt(max));
    if (!(await repo.codeTaken(tx, code))) return code;
  }
}

export interface NewBooking {
  centerId: number;
  item: Item;
  date: string;
  start: string;
  name: string;
  phone: string;
  channel: Channel;
  note: string;
  byUserId: number | null;
  byName: string;
}

/** One booking, whatever its channel: the place, the row, the audit entry, the confirmation SMS. */
export async function insertBooking(
  tx: Tx,
  audit: Audit,
  deps: Deps,
  b: NewBooking,
): Promise<number> {
  const now = deps.clock.now();
  const settings = await repo.getSettings(tx, b.centerId);
  const policy = policyOf(settings);
  const slot = await takeSlot(tx, b.centerId, b.item, policy, now, b);
  const values = {
    center_id: b.centerId,
    code: await newCode(tx),
    item_id: b.item.id,
    window_unit_id: b.item.window_unit_id,
    slot_date: slot.date,
    slot_start: slot.start,
    starts_at: new Date(slot.startsAt),
    ends_at: new Date(slot.endsAt),
    applicant_name: b.name,
    phone: b.phone,
    channel: b.channel,
    note: b.note,
    created_at: now,
    slot_set_at: now,
    created_by_user_id: b.byUserId,
    created_by_name: b.byName,
  };
  const id = await repo.insertBooking(tx, values);
  await audit({
    centerId: b.centerId,
    action: 'booking.create',
    entityType: 'booking',
    entityId: id,
    before: null,
    after: auditView({ ...values, status: 'booked', case_id: null }),
  });
  await inbox.bookingMade(
    tx,
    audit,
    now,
    {
      id,
      centerId: b.centerId,
      windowUnitId: b.item.window_unit_id,
      itemName: b.item.name,
      date: slot.date,
      start: slot.start,
      name: b.name,
    },
    b.byUserId,
  );
  const center = await repo.centerById(tx, b.centerId);
  await enqueue(tx, audit, now, {
    centerId: b.centerId,
    to: b.phone,
    template: 'booking_confirmed',
    params: {
      center: center.name,
      item: b.item.name,
      time: slotText(slot.date, slot.start),
      bookingCode: formatBookingCode(values.code),
    },
    subject: { type: 'booking', id },
  });
  return id;
}

export const endOf = (row: { ends_at: Date }) => {
  const t = new Date(row.ends_at.getTime() + 8 * 3_600_000);
  return `${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
};

// ── Changes, by the citizen or by staff ──────────────────────────────────────────────────────────

export function mayChange(row: repo.BookingRow, now: Date) {
  const ok = checkChange({ status: row.status, startsAt: row.starts_at.getTime() }, now.getTime());
  if (!ok.ok) throw new AppError(ok.code);
}

export async function cancelRow(
  tx: Tx,
  audit: Audit,
  deps: Deps,
  row: repo.BookingRow,
  byName: string,
) {
  const now = deps.clock.now();
  mayChange(row, now);
  await repo.updateBooking(tx, row.id, {
    status: 'cancelled',
    closed_at: now,
    closed_by_name: byName,
  });
  await audit({
    centerId: row.center_id,
    action: 'booking.cancel',
    entityType: 'booking',
    entityId: row.id,
    before: auditView(row),
    after: auditView({ ...row, status: 'cancelled' }),
  });
  const center = await repo.centerById(tx, row.center_id);
  await enqueue(tx, audit, now, {
    centerId: row.center_id,
    to: row.phone,
    template: 'booking_cancelled',
    params: {
      center: center.name,
      item: row.item_name,
      time: slotText(row.slot_date, row.slot_start),
    },
    subject: { type: 'booking', id: row.id },
  });
}

export async function moveRow(
  tx: Tx,
  audit: Audit,
  deps: Deps,
  row: repo.BookingRow,
  to: { date: string; start: string; channel: Channel },
) {
  const now = deps.clock.now();
  mayChange(row, now);
  const item = await repo.findItem(tx, row.center_id, { id: row.item_id });
  if (!item) throw new AppError('NOT_FOUND');
  // Its own place is given up first: moving within a full slot's day is still possible.
  await repo.updateBooking(tx, row.id, {
    status: 'cancelled',
    closed_at: now,
    closed_by_name: '改期',
  });
  const policy = policyOf(await repo.getSettings(tx, row.center_id));
  const slot = await takeSlot(tx, row.center_id, item, policy, now, { ...to, phone: row.phone });
  await repo.updateBooking(tx, row.id, {
    status: 'booked',
    closed_at: null,
    closed_by_name: null,
    slot_date: slot.date,
    slot_start: slot.start,
    starts_at: new Date(slot.startsAt),
    ends_at: new Date(slot.endsAt),
    moves: row.moves + 1,
    slot_set_at: now,
  });
  const after = { ...row, slot_date: slot.date, slot_start: slot.start };
  await audit({
    centerId: row.center_id,
    action: 'booking.move',
    entityType: 'booking',
    entityId: row.id,
    before: auditView(row),
    after: auditView(after),
  });
  const center = await repo.centerById(tx, row.center_id);
  await enqueue(tx, audit, now, {
    centerId: row.center_id,
    to: row.phone,
    template: 'booking_moved',
    params: {
      center: center.name,
      item: row.item_name,
      time: slotText(slot.date, slot.start),
      bookingCode: formatBookingCode(row.code),
    },
    subject: { type: 'booking', id: row.id },
  });
}

export async function markNoShow(
  tx: Tx,
  audit: Audit,
  row: Pick<repo.BookingRow, 'id' | 'center_id'> & Parameters<typeof auditView>[0],
  now: Date,
  byName: string,
) {
  await repo.updateBooking(tx, row.id, {
    status: 'no_show',
    closed_at: now,
    closed_by_name: byName,
  });
  await audit({
    centerId: row.center_id,
    action: 'booking.no_show',
    entityType: 'booking',
    entityId: row.id,
    before: auditView(row),
    after: auditView({ ...row, status: 'no_show' }),
  });
}
