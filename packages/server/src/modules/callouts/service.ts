import type {
  calloutArrivalBody,
  CalloutList,
  CalloutRow,
  createCalloutBody,
  updateCalloutSettingsBody,
} from '@bianmin/contracts';
import {
  calloutState,
  checkCallout,
  dayKind,
  DEFAULT_CALLOUT_RESPONSE_MINUTES,
  isInPost,
  needsReview,
  respondBy,
  type WorkingCalendar,
} from '@bianmin/domain';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { z } from 'zod';
import { checkVersion } from '../../audit/change.ts';
import { write, type Actor, type Audit, type Tx } from '../../audit/write.ts';
import type { Database, HolidayCalloutsTable } from '../../db/schema.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { AppError, fieldError, refusalError } from '../../http/errors.ts';
import { inScope } from '../../http/scope.ts';
import { loadTermContext } from '../cases/term-context.ts';

type Db = Kysely<Database>;

/**
 * 节假日召回 (DOMAIN.md §3; the rules are in domain/visits/callouts.ts): the duty officer or the
 * center office records who was notified on a weekend or holiday, when, and later when each one
 * arrived. Each person notified is a row of its own, so each one's arrival counts. The assessment
 * group sees the unanswered and late ones (`review`) and decides whether they are a finding; the
 * system deducts nothing.
 */

const LABELS = {
  date: '召回日期',
  staffIds: '通知人员',
  notifiedAt: '通知时间',
  arrivedAt: '到达时间',
  responseMinutes: '响应时限',
} as const;

export async function responseMinutes(db: Db, centerId: number): Promise<number> {
  const row = await db
    .selectFrom('callout_settings')
    .select('response_minutes')
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  return row?.response_minutes ?? DEFAULT_CALLOUT_RESPONSE_MINUTES;
}

const callouts = (db: Db) =>
  db
    .selectFrom('holiday_callouts as h')
    .innerJoin('staff as s', 's.id', 'h.staff_id')
    .selectAll('h')
    .select('s.name as staff_name');
type Row = Selectable<HolidayCalloutsTable> & { staff_name: string };

function view(r: Row, cal: WorkingCalendar, minutes: number, now: Date): CalloutRow {
  const kind = dayKind(cal, r.day);
  const notifiedAt = r.notified_at.getTime();
  return {
    id: r.id,
    date: r.day,
    dayKind: kind.ok ? kind.value : 'holiday',
    matter: r.matter,
    staffId: r.staff_id,
    staffName: r.staff_name,
    notifiedAt: r.notified_at.toISOString(),
    respondBy: new Date(respondBy(notifiedAt, minutes)).toISOString(),
    arrivedAt: r.arrived_at?.toISOString() ?? null,
    state: calloutState(
      { notifiedAt, arrivedAt: r.arrived_at?.getTime() ?? null },
      now.getTime(),
      minutes,
    ),
    note: r.note,
    recordedByName: r.recorded_by_name,
    version: r.version,
  };
}

const auditView = (r: Selectable<HolidayCalloutsTable>) => ({
  date: r.day,
  matter: r.matter,
  staffId: r.staff_id,
  notifiedAt: r.notified_at.toISOString(),
  arrivedAt: r.arrived_at?.toISOString() ?? null,
  note: r.note,
});

/** The call-outs of a center, newest day first (from/to: the days, both included). */
export async function list(
  deps: Deps,
  centerId: number,
  q: { from?: string | undefined; to?: string | undefined; page: number; pageSize: number },
): Promise<CalloutList> {
  let base = callouts(deps.db).where('h.center_id', '=', centerId);
  if (q.from) base = base.where('h.day', '>=', q.from);
  if (q.to) base = base.where('h.day', '<=', q.to);
  const [rows, count, minutes, { cal }] = await Promise.all([
    base
      .orderBy('h.day', 'desc')
      .orderBy('h.notified_at', 'desc')
      .orderBy('h.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirst(),
    responseMinutes(deps.db, centerId),
    loadTermContext(deps.db, centerId),
  ]);
  const now = deps.clock.now();
  return {
    items: rows.map((r) => view(r, cal, minutes, now)),
    total: Number(count?.n ?? 0),
    responseMinutes: minutes,
  };
}

/**
 * For the assessment group: every call-out unanswered or late at this moment (the state depends on
 * the clock: a call-out waiting for its response time is not shown yet), newest first.
 */
export async function review(deps: Deps, centerId: number): Promise<CalloutList> {
  const now = deps.clock.now();
  const [minutes, { cal }] = await Promise.all([
    responseMinutes(deps.db, centerId),
    loadTermContext(deps.db, centerId),
  ]);
  // Unanswered (no arrival) or late (arrived after the response time); still waiting ones are
  // dropped below by the rule itself.
  const all = await callouts(deps.db)
    .where('h.center_id', '=', centerId)
    .where(
      sql<boolean>`(h.arrived_at is null or h.arrived_at > h.notified_at + make_interval(mins => ${minutes}))`,
    )
    .orderBy('h.day', 'desc')
    .orderBy('h.id', 'desc')
    .limit(500)
    .execute();
  const items = all.map((r) => view(r, cal, minutes, now)).filter((c) => needsReview(c.state));
  return { items, total: items.length, responseMinutes: minutes };
}

async function checkStaff(tx: Tx, centerId: number, ids: readonly number[], date: string) {
  const seen = new Set<number>();
  for (const [i, id] of ids.entries()) {
    if (seen.has(id)) throw fieldError('VISIT_STAFF_DUPLICATE', `staffIds.${i}`, LABELS);
    seen.add(id);
  }
  const rows = await tx
    .selectFrom('staff')
    .select(['id', 'center_id', 'in_post_from', 'in_post_to'])
    .where('id', 'in', [...ids])
    .execute();
  for (const [i, id] of ids.entries()) {
    const s = rows.find((r) => r.id === id);
    if (
      !s ||
      s.center_id !== centerId ||
      !isInPost({ inPostFrom: s.in_post_from, inPostTo: s.in_post_to }, date)
    )
      throw fieldError('VISIT_STAFF_NOT_IN_POST', `staffIds.${i}`, LABELS);
  }
}

/** Record a call-out: one row per person notified, each audited. */
export async function create(
  deps: Deps,
  user: Pick<SessionUser, 'displayName'>,
  actor: Actor,
  centerId: number,
  body: z.infer<typeof createCalloutBody>,
): Promise<CalloutList> {
  await write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    const { cal } = await loadTermContext(tx, centerId);
    const notifiedAt = new Date(body.notifiedAt);
    const arrivedAt = body.arrivedAt === null ? null : new Date(body.arrivedAt);
    const checked = checkCallout(
      cal,
      {
        date: body.date,
        notifiedAt: notifiedAt.getTime(),
        arrivedAt: arrivedAt?.getTime() ?? null,
      },
      at.getTime(),
    );
    if (!checked.ok) throw refusalError(checked, { labels: LABELS });
    await checkStaff(tx, centerId, body.staffIds, body.date);
    for (const staffId of body.staffIds) {
      const row = await tx
        .insertInto('holiday_callouts')
        .values({
          center_id: centerId,
          day: body.date,
          matter: body.matter,
          staff_id: staffId,
          notified_at: notifiedAt,
          arrived_at: arrivedAt,
          note: body.note,
          recorded_at: at,
          recorded_by_user_id: actor.userId,
          // The name colleagues know (the login stays in the audit trail).
          recorded_by_name: user.displayName,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit({
        centerId,
        action: 'callout.record',
        entityType: 'holiday_callout',
        entityId: row.id,
        before: null,
        after: auditView(row),
      });
    }
  });
  return list(deps, centerId, { from: body.date, to: body.date, page: 1, pageSize: 200 });
}

/** Record when a person called out arrived (once; not before the notice, not in the future). */
export async function arrive(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: z.infer<typeof calloutArrivalBody>,
): Promise<CalloutRow> {
  const centerId = await write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    const row = checkVersion(
      await tx
        .selectFrom('holiday_callouts')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst(),
      body.version,
      (r) => inScope(user, r.center_id),
    );
    if (row.arrived_at !== null) throw new AppError('CALLOUT_ARRIVED');
    const { cal } = await loadTermContext(tx, row.center_id);
    const arrivedAt = new Date(body.arrivedAt);
    const checked = checkCallout(
      cal,
      { date: row.day, notifiedAt: row.notified_at.getTime(), arrivedAt: arrivedAt.getTime() },
      at.getTime(),
    );
    if (!checked.ok) throw refusalError(checked, { labels: LABELS });
    const after = await tx
      .updateTable('holiday_callouts')
      .set({ arrived_at: arrivedAt, note: body.note ?? row.note, version: row.version + 1 })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({
      centerId: row.center_id,
      action: 'callout.arrive',
      entityType: 'holiday_callout',
      entityId: id,
      before: auditView(row),
      after: auditView(after),
    });
    return row.center_id;
  });
  const [row, minutes, { cal }] = await Promise.all([
    callouts(deps.db).where('h.id', '=', id).executeTakeFirstOrThrow(),
    responseMinutes(deps.db, centerId),
    loadTermContext(deps.db, centerId),
  ]);
  return view(row, cal, minutes, deps.clock.now());
}

export async function settings(deps: Deps, centerId: number) {
  const row = await deps.db
    .selectFrom('callout_settings')
    .select(['response_minutes', 'version'])
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  return {
    responseMinutes: row?.response_minutes ?? DEFAULT_CALLOUT_RESPONSE_MINUTES,
    version: row?.version ?? 0,
  };
}

export async function updateSettings(
  deps: Deps,
  actor: Actor,
  centerId: number,
  body: z.infer<typeof updateCalloutSettingsBody>,
) {
  await write(deps.db, deps.clock, actor, async (tx, audit: Audit) => {
    await tx
      .insertInto('callout_settings')
      .values({ center_id: centerId })
      .onConflict((oc) => oc.column('center_id').doNothing())
      .execute();
    const before = await tx
      .selectFrom('callout_settings')
      .selectAll()
      .where('center_id', '=', centerId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (before.version !== body.version)
      throw new AppError('VERSION_CONFLICT', { details: { currentVersion: before.version } });
    await tx
      .updateTable('callout_settings')
      .set({ response_minutes: body.responseMinutes, version: before.version + 1 })
      .where('center_id', '=', centerId)
      .execute();
    await audit({
      centerId,
      action: 'callouts.settings',
      entityType: 'callout_settings',
      entityId: centerId,
      before: { responseMinutes: before.response_minutes },
      after: { responseMinutes: body.responseMinutes },
    });
  });
  return settings(deps, centerId);
}
