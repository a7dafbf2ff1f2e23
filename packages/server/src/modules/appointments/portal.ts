import type { PublicBooking, publicBookingBody } from '@bianmin/contracts';
import {
  checkChange,
  formatBookingCode,
  maskName,
  maskPhone,
  normalizeBookingCode,
} from '@bianmin/domain';
import type { z } from 'zod';
import { write, type Actor } from '../../audit/write.ts';
import type { Deps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { withSmsCode } from '../sms-codes/service.ts';
import {
  bookableItem,
  cancelRow,
  endOf,
  insertBooking,
  moveRow,
  policyOf,
  slotsAnswer,
  slotsOf,
  takeSlot,
  type Db,
} from './booking.ts';
import { centerByCode } from '../public/service.ts';
import { sameSecret } from '../../http/same-secret.ts';
import * as repo from './repository.ts';

// ── The portal ───────────────────────────────────────────────────────────────────────────────────

/** The bookable days and slots of an item, for anyone. */
export async function slots(deps: Deps, centerCode: string, itemCode: string) {
  const center = await centerByCode(deps, centerCode);
  const item = bookableItem(await repo.findItem(deps.db, center.id, { code: itemCode }));
  const policy = policyOf(await repo.findSettings(deps.db, center.id));
  return slotsAnswer(
    item,
    policy,
    await slotsOf(deps.db, center.id, item, policy, deps.clock.now()),
  );
}

/** The maker of a booking on the portal: no account, identified by the code sent to the mobile. */
const citizen = (ip: string, requestId: string): Actor => ({
  userId: null,
  name: '预约人（网上）',
  ip,
  requestId,
});

async function publicView(db: Db, row: repo.BookingRow, now: Date): Promise<PublicBooking> {
  const [center, windows] = await Promise.all([
    repo.centerById(db, row.center_id),
    repo.unitWindows(db, row.window_unit_id),
  ]);
  return {
    code: formatBookingCode(row.code),
    status: row.status,
    centerCode: center.code,
    centerName: center.name,
    centerAddress: center.address,
    centerPhone: center.phone,
    itemCode: row.item_code,
    itemName: row.item_name,
    windowUnitName: row.unit_name,
    windows,
    date: row.slot_date,
    start: row.slot_start,
    end: endOf(row),
    nameMasked: maskName(row.applicant_name),
    phoneMasked: maskPhone(row.phone),
    materials: row.materials,
    canChange: checkChange({ status: row.status, startsAt: row.starts_at.getTime() }, now.getTime())
      .ok,
  };
}

/**
 * Book online: the slot is checked before the SMS code is tried (a full slot does not cost the
 * person a try), then the code and the place are taken together (the place under the unit's lock).
 */
export async function book(
  deps: Deps,
  request: { ip: string; id: string },
  body: z.infer<typeof publicBookingBody>,
): Promise<PublicBooking> {
  const center = await centerByCode(deps, body.centerCode);
  const item = bookableItem(await repo.findItem(deps.db, center.id, { code: body.itemCode }));
  const want = {
    date: body.date,
    start: body.start,
    channel: 'online' as const,
    phone: body.phone,
  };
  const policy = policyOf(await repo.findSettings(deps.db, center.id));
  await deps.db
    .transaction()
    .execute((tx) => takeSlot(tx, center.id, item, policy, deps.clock.now(), want));
  // The try is counted first (a wrong code counts even though the booking is refused); the code is
  // then used in one transaction with the booking, so a refused booking leaves it for the next try.
  const code = { phone: body.phone, purpose: 'booking' as const, code: body.smsCode };
  const id = await withSmsCode(deps, citizen(request.ip, request.id), code, (tx, audit) =>
    insertBooking(tx, audit, deps, {
      centerId: center.id,
      item,
      ...want,
      name: body.name,
      note: '',
      byUserId: null,
      byName: '本人网上预约',
    }),
  );
  const row = await repo.getBooking(deps.db, id);
  return publicView(deps.db, row!, deps.clock.now());
}

/** Compared when the code does not exist, so that both failures do the same work. */
const NO_PHONE = 'no-such-phone';

/**
 * A booking by its code and the mobile it was made with: one answer for every failure (no way to
 * learn whether a code or a mobile exists); guessing is throttled per address (app.ts).
 */
async function findOwn(db: Db, codeInput: string, phone: string, lock = false) {
  const code = normalizeBookingCode(codeInput);
  const row = code === null ? undefined : await repo.findByCode(db, code, lock);
  const right = sameSecret(phone, row?.phone ?? NO_PHONE);
  if (!row || !right) throw new AppError('BOOKING_NOT_FOUND');
  return row;
}

export async function lookup(deps: Deps, key: { code: string; phone: string }) {
  return publicView(deps.db, await findOwn(deps.db, key.code, key.phone), deps.clock.now());
}

export async function cancel(
  deps: Deps,
  request: { ip: string; id: string },
  key: { code: string; phone: string },
): Promise<PublicBooking> {
  const id = await write(
    deps.db,
    deps.clock,
    citizen(request.ip, request.id),
    async (tx, audit) => {
      const row = await findOwn(tx, key.code, key.phone, true);
      await cancelRow(tx, audit, deps, row, '本人网上取消');
      return row.id;
    },
  );
  return publicView(deps.db, (await repo.getBooking(deps.db, id))!, deps.clock.now());
}

export async function move(
  deps: Deps,
  request: { ip: string; id: string },
  body: { code: string; phone: string; date: string; start: string },
): Promise<PublicBooking> {
  const id = await write(
    deps.db,
    deps.clock,
    citizen(request.ip, request.id),
    async (tx, audit) => {
      const row = await findOwn(tx, body.code, body.phone, true);
      await moveRow(tx, audit, deps, row, { ...body, channel: 'online' });
      return row.id;
    },
  );
  return publicView(deps.db, (await repo.getBooking(deps.db, id))!, deps.clock.now());
}
