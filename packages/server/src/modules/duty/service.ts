import type { DutyDay, DutyMonth, setDutyBody } from '@bianmin/contracts';
import { dayKind, isInPost, type IsoDate } from '@bianmin/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { checkVersion } from '../../audit/change.ts';
import { write, type Actor } from '../../audit/write.ts';
import type { Database } from '../../db/schema.ts';
import type { Deps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { addDays } from '../attendance/days.ts';
import { attendanceFieldError } from '../attendance/repository.ts';
import { monthRange } from '../attendance/service.ts';
import { loadTermContext } from '../cases/term-context.ts';

type Db = Kysely<Database>;

/**
 * 值班表: the officers on duty for each date of a center, kept by the center office. Decisions:
 * - A month lists every date with its kind from the center's calendar (workday, make-up workday,
 *   weekend, holiday), so weekends and holidays are visible; a month whose year the calendar lacks
 *   is refused (CALENDAR_YEAR_MISSING), never guessed.
 * - Officers of a date must be staff of the center in post that day, each once; an empty list clears
 *   the date. Any date may be staffed (working days too: e.g. a lunch-hour duty).
 * - Each date has a version (0 before it was ever set) for optimistic concurrency; every change is
 *   audited with the officers before and after.
 */

async function daysOf(db: Db, centerId: number, from: IsoDate, to: IsoDate) {
  const [days, officers] = await Promise.all([
    db
      .selectFrom('duty_days')
      .select(['day', 'note', 'version'])
      .where('center_id', '=', centerId)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .execute(),
    db
      .selectFrom('duty_officers as o')
      .innerJoin('staff as s', 's.id', 'o.staff_id')
      .select(['o.day', 'o.staff_id', 's.name', 'o.seq'])
      .where('o.center_id', '=', centerId)
      .where('o.day', '>=', from)
      .where('o.day', '<=', to)
      .orderBy('o.day')
      .orderBy('o.seq')
      .execute(),
  ]);
  return { days: new Map(days.map((d) => [d.day, d])), officers };
}

export async function month(deps: Deps, centerId: number, m: string): Promise<DutyMonth> {
  const { from, to } = monthRange(m);
  const { cal } = await loadTermContext(deps.db, centerId);
  const stored = await daysOf(deps.db, centerId, from, to);
  const days: DutyDay[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const kind = dayKind(cal, date);
    if (!kind.ok) throw new AppError('CALENDAR_YEAR_MISSING', { details: { ...kind.details } });
    const d = stored.days.get(date);
    days.push({
      date,
      kind: kind.value,
      workingDay: kind.value === 'workday' || kind.value === 'makeUpWorkday',
      officers: stored.officers
        .filter((o) => o.day === date)
        .map((o) => ({ staffId: o.staff_id, name: o.name })),
      note: d?.note ?? '',
      version: d?.version ?? 0,
    });
  }
  return { month: m, days };
}

export async function setDay(
  deps: Deps,
  actor: Actor,
  centerId: number,
  date: IsoDate,
  body: z.infer<typeof setDutyBody>,
): Promise<DutyDay> {
  const { cal } = await loadTermContext(deps.db, centerId);
  const kind = dayKind(cal, date);
  if (!kind.ok) throw new AppError('CALENDAR_YEAR_MISSING', { details: { ...kind.details } });
  const seen = new Set<number>();
  for (const [i, id] of body.staffIds.entries()) {
    if (seen.has(id)) throw attendanceFieldError('DUTY_DUPLICATE_OFFICER', `staffIds.${i}`);
    seen.add(id);
  }
  await write(deps.db, deps.clock, actor, async (tx, audit) => {
    const staff = body.staffIds.length
      ? await tx
          .selectFrom('staff')
          .select(['id', 'center_id', 'in_post_from', 'in_post_to'])
          .where('id', 'in', body.staffIds)
          .execute()
      : [];
    for (const [i, id] of body.staffIds.entries()) {
      const s = staff.find((x) => x.id === id);
      if (
        !s ||
        s.center_id !== centerId ||
        !isInPost({ inPostFrom: s.in_post_from, inPostTo: s.in_post_to }, date)
      )
        throw attendanceFieldError('DUTY_OFFICER_NOT_IN_POST', `staffIds.${i}`);
    }
    const now = deps.clock.now();
    await tx
      .insertInto('duty_days')
      .values({ center_id: centerId, day: date, updated_at: now })
      .onConflict((oc) => oc.columns(['center_id', 'day']).doNothing())
      .execute();
    const row = checkVersion(
      await tx
        .selectFrom('duty_days')
        .select(['day', 'note', 'version'])
        .where('center_id', '=', centerId)
        .where('day', '=', date)
        .forUpdate()
        .executeTakeFirst(),
      body.version,
      () => true,
    );
    const beforeOfficers = await tx
      .selectFrom('duty_officers')
      .select('staff_id')
      .where('center_id', '=', centerId)
      .where('day', '=', date)
      .orderBy('seq')
      .execute();
    await tx
      .deleteFrom('duty_officers')
      .where('center_id', '=', centerId)
      .where('day', '=', date)
      .execute();
    if (body.staffIds.length)
      await tx
        .insertInto('duty_officers')
        .values(
          body.staffIds.map((staff_id, seq) => ({ center_id: centerId, day: date, staff_id, seq })),
        )
        .execute();
    await tx
      .updateTable('duty_days')
      .set({ note: body.note, version: row.version + 1, updated_at: now })
      .where('center_id', '=', centerId)
      .where('day', '=', date)
      .execute();
    await audit({
      centerId,
      action: 'duty.update',
      entityType: 'duty_day',
      entityId: date,
      before: {
        date,
        staffIds: beforeOfficers.map((o) => o.staff_id),
        note: row.note,
        version: row.version,
      },
      after: { date, staffIds: body.staffIds, note: body.note, version: row.version + 1 },
    });
  });
  const m = await month(deps, centerId, date.slice(0, 7));
  return m.days.find((d) => d.date === date)!;
}
