import type { Actor } from '../audit/write.ts';
import type { Deps } from '../http/context.ts';
import * as appointments from '../modules/appointments/service.ts';
import { demoCenterId, demoUser } from './actors.ts';

/**
 * A few bookings in the demo center for the next working days, taken from the slots the rules offer
 * at this moment (none when the calendar of those days is not entered yet): two called in by phone,
 * one by letter, entered by the window clerk, so that 预约登记 has a day to look at.
 */
const BOOKINGS = [
  {
    item: 'HJ-001',
    name: '陈秀梅',
    phone: '13905712345',
    channel: 'phone',
    note: '为母亲换领身份证',
  },
  { item: 'HJ-001', name: '刘国庆', phone: '13605718888', channel: 'phone', note: '' },
  { item: 'SC-001', name: '王建华', phone: '13757196620', channel: 'letter', note: '来信预约' },
] as const;

export async function seedDemoBookings(deps: Deps): Promise<number> {
  const centerId = await demoCenterId(deps.db);
  const clerk = await demoUser(deps.db, 'clerk');
  const actor: Actor = {
    userId: clerk.id,
    name: `${clerk.displayName}（clerk）`,
    ip: null,
    requestId: null,
  };
  const items = await deps.db
    .selectFrom('service_items')
    .select(['id', 'code'])
    .where('center_id', '=', centerId)
    .execute();
  let made = 0;
  for (const [i, b] of BOOKINGS.entries()) {
    const itemId = items.find((it) => it.code === b.item)!.id;
    const slots = await appointments.staffSlots(deps, centerId, itemId);
    // The first day offered, one slot after another from mid-morning.
    const day = slots.days[0];
    const slot = day?.slots.filter((s) => s.left > 0)[3 + i];
    if (!day || !slot) continue;
    await appointments.create(deps, clerk, actor, centerId, {
      itemId,
      date: day.date,
      start: slot.start,
      name: b.name,
      phone: b.phone,
      channel: b.channel,
      note: b.note,
    });
    made += 1;
  }
  return made;
}
