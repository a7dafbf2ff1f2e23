import { DEFAULT_APPOINTMENT_POLICY, isNoShow, reminderAt } from '@bianmin/domain';
import { systemActor, write } from '../../audit/write.ts';
import type { Deps } from '../../http/context.ts';
import { enqueue } from '../outbox/service.ts';
import { markNoShow, MS_PER_DAY, slotText } from './booking.ts';
import * as repo from './repository.ts';

// ── The sweep: no-shows and reminders (runs on every server; each row once) ─────────────────────

const SWEEP_BATCH = 200;

/**
 * Record the no-shows of slots that ended more than the grace ago, and queue the reminders due
 * (the day before, once per booking and time: the outbox's dedupe key). Rows are claimed with SKIP
 * LOCKED and the reminders deduplicated, so several servers sweeping at once do each thing once.
 */
/** Another server took the rows first: nothing to record, the empty transaction is rolled back. */
class NothingLeft extends Error {}

export async function sweepBookings(deps: Deps): Promise<{ noShows: number; reminders: number }> {
  const now = deps.clock.now();
  const policy = DEFAULT_APPOINTMENT_POLICY;
  const before = new Date(now.getTime() - policy.noShowGraceMinutes * 60_000);
  let noShows = 0;
  if ((await repo.endedBooked(deps.db, before, 1)).length > 0) {
    noShows = await write(deps.db, deps.clock, systemActor, async (tx, audit) => {
      const ended = await repo.endedBooked(tx, before, SWEEP_BATCH);
      const due = ended.filter((r) =>
        isNoShow({ status: r.status, endsAt: r.ends_at.getTime() }, now.getTime(), policy),
      );
      if (due.length === 0) throw new NothingLeft();
      for (const row of due) await markNoShow(tx, audit, row, now, '系统（预约时段结束未到）');
      return due.length;
    }).catch((e: unknown) => {
      if (e instanceof NothingLeft) return 0;
      throw e;
    });
  }
  // A reminder is due from the day before the slot: look two days ahead.
  const upcoming = await repo.bookedStarting(
    deps.db,
    now,
    new Date(now.getTime() + 2 * MS_PER_DAY),
    SWEEP_BATCH,
  );
  let reminders = 0;
  for (const b of upcoming) {
    const at = reminderAt(
      { startsAt: b.starts_at.getTime(), createdAt: b.slot_set_at.getTime() },
      DEFAULT_APPOINTMENT_POLICY,
    );
    if (at === null || at > now.getTime()) continue;
    await write(deps.db, deps.clock, systemActor, (tx, audit) =>
      enqueue(tx, audit, now, {
        centerId: b.center_id,
        to: b.phone,
        template: 'booking_reminder',
        params: {
          center: b.center_name,
          item: b.item_name,
          time: slotText(b.slot_date, b.slot_start),
          address: b.center_address,
        },
        subject: { type: 'booking', id: b.id },
        dedupeKey: repo.reminderKey(b),
      }),
    );
    reminders += 1;
  }
  return { noShows, reminders };
}
