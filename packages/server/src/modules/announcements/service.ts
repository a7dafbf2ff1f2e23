import type { Announcement, AnnouncementSettings, PortalAnnouncements } from '@bianmin/contracts';
import {
  announcementDue,
  announcementLate,
  applicantShown,
  displayReceiptNo,
  resultLine,
  shanghaiDateOf,
  type ApplicantType,
  type TermContext,
} from '@bianmin/domain';
import type { Kysely, Updateable } from 'kysely';
import { checkVersion } from '../../audit/change.ts';
import { write, type Actor, type Audit, type Tx } from '../../audit/write.ts';
import type { AnnouncementsTable, Database } from '../../db/schema.ts';
import { pageOf } from '../../db/page.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { inScope } from '../../http/scope.ts';
import * as inbox from '../inbox/hooks.ts';
import { centerByCode } from '../public/service.ts';

type Db = Kysely<Database>;
const MS_PER_DAY = 86_400_000;

async function settingsRow(db: Db, centerId: number) {
  await db
    .insertInto('announcement_settings')
    .values({ center_id: centerId })
    .onConflict((oc) => oc.column('center_id').doNothing())
    .execute();
  return db
    .selectFrom('announcement_settings')
    .select(['publish_days', 'version'])
    .where('center_id', '=', centerId)
    .executeTakeFirstOrThrow();
}

/**
 * In the completing case's transaction: an item the catalog flags gets its announcement, pending and
 * due by the end of the first working day after completion (DOMAIN.md §4).
 */
export async function queueAnnouncement(
  tx: Tx,
  audit: Audit,
  c: {
    id: number;
    center_id: number;
    item_id: number | null;
    applicant_type: string;
    applicant_name: string;
    result: string;
  },
  completedAt: Date,
  ctx: Pick<TermContext, 'cal' | 'tt'>,
): Promise<void> {
  if (c.item_id === null) return;
  const item = await tx
    .selectFrom('service_items')
    .select('announce')
    .where('id', '=', c.item_id)
    .executeTakeFirst();
  if (!item?.announce) return;
  const due = announcementDue(ctx.cal, ctx.tt, completedAt.getTime());
  // Never unset: a term that cannot be counted (out of range) is due at once.
  const dueAt = due.ok ? new Date(due.value.at) : completedAt;
  const { id } = await tx
    .insertInto('announcements')
    .values({
      center_id: c.center_id,
      case_id: c.id,
      completed_at: completedAt,
      due_at: dueAt,
      applicant_shown: applicantShown(c.applicant_type as ApplicantType, c.applicant_name),
      result_line: resultLine(c.result) || '已办结',
      created_at: completedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit({
    centerId: c.center_id,
    action: 'announcement.queue',
    entityType: 'announcement',
    entityId: id,
    before: null,
    after: { caseId: c.id, dueAt: dueAt.toISOString() },
  });
}

function rows(db: Db) {
  return db
    .selectFrom('announcements as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .leftJoin('service_items as i', 'i.id', 'c.item_id')
    .selectAll('a')
    .select(['c.receipt_no', 'i.name as item_name']);
}
type Row = Awaited<ReturnType<ReturnType<typeof rows>['executeTakeFirstOrThrow']>>;

function view(r: Row, now: Date): Announcement {
  return {
    id: r.id,
    caseId: r.case_id,
    receiptNo: displayReceiptNo(r.receipt_no),
    itemName: r.item_name ?? '',
    applicantShown: r.applicant_shown,
    completedAt: r.completed_at.toISOString(),
    resultLine: r.result_line,
    status: r.status,
    dueAt: r.due_at.toISOString(),
    publishedAt: r.published_at?.toISOString() ?? null,
    publishedByName: r.published_by_name,
    until: r.until_at?.toISOString() ?? null,
    withheldReason: r.withheld_reason,
    withheldByName: r.withheld_by_name,
    late: announcementLate(
      {
        status: r.status,
        dueAt: r.due_at.getTime(),
        publishedAt: r.published_at?.getTime() ?? null,
      },
      now.getTime(),
    ),
    version: r.version,
  };
}

export async function list(
  deps: Deps,
  centerId: number,
  q: { status?: Announcement['status']; page: number; pageSize: number },
) {
  let base = rows(deps.db).where('a.center_id', '=', centerId);
  if (q.status) base = base.where('a.status', '=', q.status);
  const { rows: found, total } = await pageOf(
    base,
    base.orderBy('a.due_at', 'desc').orderBy('a.id', 'desc'),
    q,
  );
  const now = deps.clock.now();
  return { items: found.map((r) => view(r, now)), total };
}

/** Lock and check an announcement the user may act on, still pending. */
async function pending(tx: Tx, user: SessionUser, id: number, version: number) {
  const row = checkVersion(
    await rows(tx).where('a.id', '=', id).forUpdate('a').executeTakeFirst(),
    version,
    (r) => inScope(user, r.center_id),
  );
  if (row.status !== 'pending') throw new AppError('ANNOUNCEMENT_NOT_PENDING');
  return row;
}

const auditView = (
  r: Pick<Row, 'case_id' | 'status' | 'result_line' | 'until_at' | 'withheld_reason'>,
) => ({
  caseId: r.case_id,
  status: r.status,
  resultLine: r.result_line,
  until: r.until_at?.toISOString() ?? null,
  withheldReason: r.withheld_reason,
});

type Decision = Updateable<AnnouncementsTable> & { status: 'published' | 'withheld' };

/** Decide a pending announcement: lock and check it, store the decision, audit before and after. */
async function decide(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  version: number,
  decision: (row: Row, tx: Tx, at: Date) => Promise<Decision>,
): Promise<Announcement> {
  const after = await write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    const row = await pending(tx, user, id, version);
    const set = await decision(row, tx, at);
    await tx
      .updateTable('announcements')
      .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
    const changed = (await rows(tx).where('a.id', '=', id).executeTakeFirst())!;
    await audit({
      centerId: row.center_id,
      action: set.status === 'published' ? 'announcement.publish' : 'announcement.withhold',
      entityType: 'announcement',
      entityId: id,
      before: auditView(row),
      after: auditView(changed),
    });
    // Published after its time and not told yet (the sweep had not got to it): the director is.
    if (
      changed.published_at !== null &&
      changed.published_at > changed.due_at &&
      changed.late_told_at === null
    )
      await inbox.announcementLate(tx, audit, at, changed, user.id);
    return changed;
  });
  return view(after, deps.clock.now());
}

/** Put it on the public board for the center's publication period, from now. */
export const publish = (
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: { version: number; resultLine?: string | undefined },
) =>
  decide(deps, user, actor, id, body.version, async (row, tx, at) => {
    const { publish_days } = await settingsRow(tx, row.center_id);
    return {
      status: 'published',
      published_at: at,
      published_by_name: user.displayName,
      until_at: new Date(at.getTime() + publish_days * MS_PER_DAY),
      result_line: body.resultLine ?? row.result_line,
    };
  });

/** Not published, with the reason (privacy, a sealed matter): audited, never silent. */
export const withhold = (
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: { version: number; reason: string },
) =>
  decide(deps, user, actor, id, body.version, (_row, _tx, at) =>
    Promise.resolve({
      status: 'withheld',
      withheld_reason: body.reason,
      withheld_by_name: user.displayName,
      withheld_at: at,
    }),
  );

export async function settings(deps: Deps, centerId: number): Promise<AnnouncementSettings> {
  const s = await settingsRow(deps.db, centerId);
  return { publishDays: s.publish_days, version: s.version };
}

export async function updateSettings(
  deps: Deps,
  actor: Actor,
  centerId: number,
  body: { publishDays: number; version: number },
): Promise<AnnouncementSettings> {
  await write(deps.db, deps.clock, actor, async (tx, audit) => {
    const before = await settingsRow(tx, centerId);
    if (before.version !== body.version)
      throw new AppError('VERSION_CONFLICT', { details: { currentVersion: before.version } });
    await tx
      .updateTable('announcement_settings')
      .set((eb) => ({ publish_days: body.publishDays, version: eb('version', '+', 1) }))
      .where('center_id', '=', centerId)
      .execute();
    await audit({
      centerId,
      action: 'announcement.settings',
      entityType: 'announcement_settings',
      entityId: centerId,
      before: { publishDays: before.publish_days },
      after: { publishDays: body.publishDays },
    });
  });
  return settings(deps, centerId);
}

/** The public board of a center: what is published and still within its period, newest first. */
export async function board(deps: Deps, centerCode: string): Promise<PortalAnnouncements> {
  const center = await centerByCode(deps, centerCode);
  const now = deps.clock.now();
  const found = await rows(deps.db)
    .where('a.center_id', '=', center.id)
    .where('a.status', '=', 'published')
    .where('a.until_at', '>', now)
    .orderBy('a.published_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(200)
    .execute();
  const day = (d: Date) => shanghaiDateOf(d.getTime());
  return {
    centerName: center.name,
    items: found.map((r) => ({
      receiptNo: displayReceiptNo(r.receipt_no),
      itemName: r.item_name ?? '',
      applicantShown: r.applicant_shown,
      completedOn: day(r.completed_at),
      resultLine: r.result_line,
      publishedOn: day(r.published_at!),
      until: day(r.until_at!),
    })),
  };
}

/**
 * For the director's board: announcements still pending past their time, and those of the month
 * shown published after it (DOMAIN.md §4 "late publications are counted").
 */
export async function lateThisMonth(db: Db, centerId: number, from: Date, to: Date, now: Date) {
  const found = await rows(db)
    .where('a.center_id', '=', centerId)
    .where((eb) =>
      eb.or([
        eb.and([eb('a.status', '=', 'pending'), eb('a.due_at', '<', now)]),
        eb.and([
          eb('a.status', '=', 'published'),
          eb('a.published_at', '>', eb.ref('a.due_at')),
          eb('a.due_at', '>=', from),
          eb('a.due_at', '<', to),
        ]),
      ]),
    )
    .orderBy('a.due_at')
    .limit(100)
    .execute();
  return found.map((r) => ({
    id: r.id,
    receiptNo: displayReceiptNo(r.receipt_no),
    itemName: r.item_name ?? '',
    dueAt: r.due_at.toISOString(),
    publishedAt: r.published_at?.toISOString() ?? null,
  }));
}
