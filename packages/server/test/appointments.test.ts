import type { BookingRow, BookingSlots, PublicBooking } from '@bianmin/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepBookings } from '../src/modules/appointments/sweep.ts';
import { testApp, type TestApp } from './app.ts';
import { DATABASES, freshDatabase } from './db.ts';

const PHONE = '13912345678';

describe.each(DATABASES)('appointments on %s', (kind) => {
  let t: TestApp;
  let clerk: string;
  let admin: string;
  let sequence = 0;
  beforeAll(async () => {
    // Monday 2 March 2026, 09:00 in Beijing.
    t = await testApp(await freshDatabase(kind), { now: new Date('2026-03-02T01:00:00Z') });
    clerk = await t.login('clerk');
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  /** Move the test clock to an instant (never backwards); staff sign in again (idle timeout). */
  const at = async (iso: string) => {
    const ms = Date.parse(iso) - t.clock.now().getTime();
    if (ms < 0) throw new Error(`clock is past ${iso}`);
    t.clock.advance(ms);
    clerk = await t.login('clerk');
    admin = await t.login('admin');
  };
  /** A citizen's request, each from an address of its own (the public routes are rate-limited). */
  const visit = (method: 'GET' | 'POST', url: string, payload?: object) => {
    sequence += 1;
    return t.app.inject({
      method,
      url,
      remoteAddress: `198.19.${Math.floor(sequence / 250)}.${(sequence % 250) + 1}`,
      ...(payload ? { payload } : {}),
    });
  };
  const slots = async (item = 'HJ-001') => {
    const res = await visit('GET', `/api/public/centers/qingshi/booking-slots?item=${item}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<BookingSlots>();
  };
  /** The code the log provider "sent" to a mobile (the demo's phone is the outbox). */
  const lastCode = async (phone: string) => {
    const row = await sql<{ params: { code: string } }>`
      select params from outbox_messages where recipient = ${phone} and template = 'verify_code'
      order by id desc limit 1`.execute(t.db.kysely);
    return row.rows[0]!.params.code;
  };
  const bookOnline = async (body: {
    date: string;
    start: string;
    phone?: string;
    name?: string;
  }) => {
    const phone = body.phone ?? PHONE;
    t.clock.advance(61_000); // one code a minute per mobile
    const asked = await visit('POST', '/api/public/sms-codes', {
      centerCode: 'qingshi',
      phone,
      purpose: 'booking',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    return visit('POST', '/api/public/bookings', {
      centerCode: 'qingshi',
      itemCode: 'HJ-001',
      name: body.name ?? '张桂兰',
      ...body,
      phone,
      smsCode: await lastCode(phone),
    });
  };
  const staffBook = (cookie: string, body: object) =>
    t.call(cookie, 'POST', '/api/bookings', {
      itemId: hj001,
      name: '王大爷',
      phone: '13800000001',
      channel: 'phone',
      ...body,
    });
  let hj001 = 0;
  const outbox = (template: string) =>
    sql<{ recipient: string; params: Record<string, string>; body: string }>`
      select recipient, params, body from outbox_messages where template = ${template} order by id`
      .execute(t.db.kysely)
      .then((r) => r.rows);

  it('offers the slots of the next ten working days, 30 minutes each within the hours', async () => {
    const s = await slots();
    expect(s).toMatchObject({ itemCode: 'HJ-001', itemName: '居民身份证申领', slotMinutes: 30 });
    expect(s.calendarMissingFrom).toBeNull();
    expect(s.days.map((d) => d.date)).toEqual([
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
      '2026-03-16',
    ]);
    const day = s.days[0]!;
    // Winter hours 08:30–17:30: eighteen slots; window 09 takes two people per slot.
    expect(day.slots).toHaveLength(18);
    expect(day.slots[0]).toEqual({ start: '08:30', end: '09:00', left: 2 });
    expect(day.slots.at(-1)).toEqual({ start: '17:00', end: '17:30', left: 2 });
    const items = (await t.call(clerk, 'GET', '/api/service-items')).json<
      { id: number; code: string }[]
    >();
    hj001 = items.find((i) => i.code === 'HJ-001')!.id;
  });

  it('refuses an item that takes no bookings, an unknown item and an unknown center', async () => {
    const notBookable = await visit('GET', '/api/public/centers/qingshi/booking-slots?item=MZ-002');
    expect(notBookable.statusCode).toBe(400);
    expect(notBookable.json().error.code).toBe('ITEM_NOT_BOOKABLE');
    expect(
      (await visit('GET', '/api/public/centers/qingshi/booking-slots?item=XX-9')).statusCode,
    ).toBe(404);
    const center = await visit('GET', '/api/public/centers/nowhere/booking-slots?item=HJ-001');
    expect(center.json().error.code).toBe('CENTER_NOT_FOUND');
  });

  it('books online with the SMS code: a booking code, a confirmation SMS, the audit masked', async () => {
    const res = await bookOnline({ date: '2026-03-03', start: '09:00' });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json<PublicBooking>();
    expect(b).toMatchObject({
      status: 'booked',
      itemCode: 'HJ-001',
      date: '2026-03-03',
      start: '09:00',
      end: '09:30',
      nameMasked: '张**',
      phoneMasked: '139****5678',
      canChange: true,
      centerPhone: '0571-8468 1230',
    });
    expect(b.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(b.materials.length).toBeGreaterThan(0);
    const sent = await outbox('booking_confirmed');
    expect(sent.at(-1)).toMatchObject({ recipient: PHONE });
    expect(sent.at(-1)!.params.bookingCode).toBe(b.code);
    const audit = await sql<{ after: Record<string, unknown> }>`
      select after from audit_log where action = 'booking.create' order by id desc limit 1`.execute(
      t.db.kysely,
    );
    expect(audit.rows[0]!.after).toMatchObject({ phone: '139****5678', name: '张**' });
    expect(JSON.stringify(audit.rows[0])).not.toContain(PHONE);
    // The place is taken.
    expect((await slots()).days[0]!.slots[1]).toEqual({ start: '09:00', end: '09:30', left: 1 });
  });

  it('refuses a wrong SMS code and books nothing; five wrong tries spend the code', async () => {
    const phone = '13700000000';
    await visit('POST', '/api/public/sms-codes', {
      centerCode: 'qingshi',
      phone,
      purpose: 'booking',
    });
    const right = await lastCode(phone);
    const wrong = right === '000000' ? '111111' : '000000';
    const attempt = (smsCode: string) =>
      visit('POST', '/api/public/bookings', {
        centerCode: 'qingshi',
        itemCode: 'HJ-001',
        date: '2026-03-03',
        start: '10:00',
        name: '李四',
        phone,
        smsCode,
      });
    for (let i = 0; i < 5; i++) {
      const res = await attempt(wrong);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('SMS_CODE_WRONG');
    }
    const late = await attempt(right);
    expect(late.statusCode).toBe(400);
    expect(late.json().error.code).toBe('SMS_CODE_EXPIRED');
    expect((await slots()).days[0]!.slots.find((s) => s.start === '10:00')!.left).toBe(2);
  });

  it('refuses slots that are not offered: today, a weekend, a misaligned start, too far ahead', async () => {
    for (const [date, start] of [
      ['2026-03-02', '15:00'],
      ['2026-03-07', '09:00'],
      ['2026-03-03', '08:45'],
      ['2026-03-03', '17:30'],
      ['2026-03-17', '09:00'],
    ] as const) {
      const res = await staffBook(clerk, { date, start });
      expect(res.statusCode, `${date} ${start}`).toBe(409);
      expect(res.json().error.code).toBe('SLOT_NOT_OFFERED');
    }
    const bad = await staffBook(clerk, { date: '2026-03-03', start: '9点', phone: '12345' });
    expect(bad.statusCode).toBe(400);
    const fields = bad
      .json()
      .error.fields.map((f: { field: string }) => f.field)
      .sort();
    expect(fields).toEqual(['phone', 'start']);
  });

  it('never gives one slot to more people than its windows take, even asked at once', async () => {
    const tries = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        staffBook(clerk, { date: '2026-03-04', start: '14:00', phone: `1380000001${i}` }),
      ),
    );
    const codes = tries.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 201, 409, 409, 409]);
    for (const r of tries.filter((x) => x.statusCode === 409))
      expect(r.json().error.code).toBe('SLOT_FULL');
    const day = (await slots()).days.find((d) => d.date === '2026-03-04')!;
    expect(day.slots.find((s) => s.start === '14:00')!.left).toBe(0);
  });

  it('finds a booking only with its code and mobile, and answers every failure the same', async () => {
    const made = (await bookOnline({ date: '2026-03-05', start: '10:00' })).json<PublicBooking>();
    const ok = await visit('POST', '/api/public/bookings/lookup', {
      code: made.code.toLowerCase().replace('-', ' '),
      phone: PHONE,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<PublicBooking>().code).toBe(made.code);
    const wrongPhone = await visit('POST', '/api/public/bookings/lookup', {
      code: made.code,
      phone: '13900000000',
    });
    const noCode = await visit('POST', '/api/public/bookings/lookup', {
      code: 'ZZZZ-ZZZZ',
      phone: PHONE,
    });
    for (const r of [wrongPhone, noCode]) {
      expect(r.statusCode).toBe(404);
      expect(r.json().error).toEqual({
        code: 'BOOKING_NOT_FOUND',
        message: '没有找到该预约，请核对预约码和手机号',
      });
    }
  });

  it('lets the citizen move and cancel until the slot starts', async () => {
    const made = (await bookOnline({ date: '2026-03-05', start: '11:00' })).json<PublicBooking>();
    const moved = await visit('POST', '/api/public/bookings/move', {
      code: made.code,
      phone: PHONE,
      date: '2026-03-06',
      start: '15:30',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json<PublicBooking>()).toMatchObject({
      code: made.code,
      date: '2026-03-06',
      start: '15:30',
    });
    expect((await outbox('booking_moved')).at(-1)!.params.time).toBe('3月6日（周五）15:30');
    const cancelled = await visit('POST', '/api/public/bookings/cancel', {
      code: made.code,
      phone: PHONE,
    });
    expect(cancelled.json<PublicBooking>()).toMatchObject({
      status: 'cancelled',
      canChange: false,
    });
    const again = await visit('POST', '/api/public/bookings/cancel', {
      code: made.code,
      phone: PHONE,
    });
    expect(again.json().error.code).toBe('BOOKING_CLOSED');
  });

  it('lets staff enter a phone booking, list it masked, and refuse changes once it started', async () => {
    const res = await staffBook(clerk, {
      date: '2026-03-03',
      start: '08:30',
      note: '电话预约，行动不便',
    });
    expect(res.statusCode, res.body).toBe(201);
    const row = res.json<BookingRow>();
    expect(row).toMatchObject({
      channel: 'phone',
      phoneMasked: '138****0001',
      createdByName: '李娜',
    });
    const list = await t.call(clerk, 'GET', '/api/bookings?date=2026-03-03');
    const items = list.json<{ items: BookingRow[] }>().items;
    expect(items.map((i) => i.start)).toEqual(['08:30', '09:00']);
    expect(JSON.stringify(list.json())).not.toContain('13800000001');
    const early = await t.call(clerk, 'POST', `/api/bookings/${row.id}/no-show`, {
      version: row.version,
    });
    expect(early.json().error.code).toBe('NOT_YET_NO_SHOW');
    await at('2026-03-03T08:31:00+08:00');
    const late = await t.call(clerk, 'POST', `/api/bookings/${row.id}/cancel`, {
      version: row.version,
    });
    expect(late.json().error.code).toBe('BOOKING_STARTED');
  });

  it('turns a booking into the case at the window in one step, once', async () => {
    const list = (await t.call(clerk, 'GET', '/api/bookings?date=2026-03-03&status=booked')).json<{
      items: BookingRow[];
    }>().items;
    const booking = list.find((b) => b.start === '09:00')!;
    const intake = (bookingId: number) =>
      t.call(clerk, 'POST', '/api/cases', {
        itemId: booking.itemId,
        channel: 'window',
        applicant: { type: 'person', name: booking.applicantName },
        bookingId,
      });
    const res = await intake(booking.id);
    expect(res.statusCode, res.body).toBe(201);
    const caseId = res.json<{ id: number }>().id;
    // The mobile confirmed by SMS at booking is the case's, though the clerk typed none.
    expect(res.json<{ applicant: { phoneMasked: string } }>().applicant.phoneMasked).toBe(
      '139****5678',
    );
    const after = (await t.call(clerk, 'GET', '/api/bookings?date=2026-03-03')).json<{
      items: BookingRow[];
    }>().items;
    expect(after.find((b) => b.id === booking.id)).toMatchObject({ status: 'arrived', caseId });
    const count = async () =>
      Number(
        (await sql<{ n: string }>`select count(*) as n from cases`.execute(t.db.kysely)).rows[0]!.n,
      );
    const before = await count();
    const twice = await intake(booking.id);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('BOOKING_NOT_BOOKED');
    expect(await count()).toBe(before);
  });

  it('records no-shows after the slot, and reminds the day before, once', async () => {
    // The 08:30 booking of 3 March ended at 09:00; thirty minutes later it is a no-show.
    await at('2026-03-03T09:31:00+08:00');
    const deps = { db: t.db.kysely, dbKind: t.db.kind, clock: t.clock, config: t.config };
    const first = await sweepBookings(deps);
    expect(first.noShows).toBe(1);
    // 3 March after 09:00 is the day before the two bookings of 4 March: their reminders go out.
    expect(first.reminders).toBe(2);
    expect(await sweepBookings(deps)).toEqual({ noShows: 0, reminders: 0 });
    // 4 March 09:00: the reminder of 5 March's booking (made on 2 March), once.
    await at('2026-03-04T09:00:00+08:00');
    expect((await sweepBookings(deps)).reminders).toBe(1);
    expect((await sweepBookings(deps)).reminders).toBe(0);
    const reminders = await outbox('booking_reminder');
    expect(reminders.map((r) => r.params.time)).toEqual([
      '3月4日（周三）14:00',
      '3月4日（周三）14:00',
      '3月5日（周四）10:00',
    ]);
    expect(reminders[0]!.body).toContain('青石镇便民服务中心');
  });

  it('suspends online booking after three no-shows in 30 days; staff can still book', async () => {
    const phone = '13600000003';
    for (const start of ['09:00', '09:30', '10:00']) {
      const r = await staffBook(clerk, { date: '2026-03-05', start, phone });
      expect(r.statusCode, r.body).toBe(201);
    }
    await at('2026-03-05T11:00:00+08:00');
    const deps = { db: t.db.kysely, dbKind: t.db.kind, clock: t.clock, config: t.config };
    await sweepBookings(deps);
    const refused = await bookOnline({ date: '2026-03-09', start: '09:00', phone });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('BOOKING_SUSPENDED');
    expect((await staffBook(clerk, { date: '2026-03-09', start: '09:00', phone })).statusCode).toBe(
      201,
    );
  });

  it('lets only the center admin set places per window; 0 closes the window to bookings', async () => {
    const settings = (await t.call(admin, 'GET', '/api/appointment-settings')).json<{
      version: number;
      windows: { windowId: number; number: string }[];
    }>();
    const w09 = settings.windows.find((w) => w.number === '09')!;
    const body = {
      version: settings.version,
      windows: [{ windowId: w09.windowId, bookingCapacity: 0 }],
    };
    expect((await t.call(clerk, 'PUT', '/api/appointment-settings', body)).statusCode).toBe(403);
    const saved = await t.call(admin, 'PUT', '/api/appointment-settings', body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await slots()).days.every((d) => d.slots.every((s) => s.left === 0))).toBe(true);
    const full = await staffBook(clerk, { date: '2026-03-10', start: '09:00' });
    expect(full.json().error.code).toBe('SLOT_FULL');
  });

  it('keeps bookings from strangers: no account 401, other roles 403', async () => {
    expect((await visit('GET', '/api/bookings')).statusCode).toBe(401);
    const kaohe = await t.login('kaohe');
    expect((await t.call(kaohe, 'GET', '/api/bookings')).statusCode).toBe(403);
  });
});
