import type { Role } from '@bianmin/domain';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Tx } from '../../audit/write.ts';
import { pageOf } from '../../db/page.ts';
import type { Database, InboxItemsTable } from '../../db/schema.ts';

/**
 * The active accounts of a center that are one of `staffIds`, hold one of `roles`, or are one of
 * `userIds`, in id order.
 */
export async function recipientUsers(
  tx: Tx,
  centerId: number,
  to: { staffIds: readonly number[]; roles: readonly Role[]; userIds: readonly number[] },
): Promise<{ id: number; display_name: string }[]> {
  if (to.staffIds.length + to.roles.length + to.userIds.length === 0) return [];
  return tx
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('center_id', '=', centerId)
    .where('disabled', '=', false)
    .where((eb) =>
      eb.or([
        ...(to.staffIds.length > 0 ? [eb('staff_id', 'in', [...to.staffIds])] : []),
        ...(to.roles.length > 0
          ? [eb(sql<boolean>`roles && ${sql.val([...to.roles])}::text[]`, '=', true)]
          : []),
        ...(to.userIds.length > 0 ? [eb('id', 'in', [...to.userIds])] : []),
      ]),
    )
    .orderBy('id')
    .execute();
}

export interface NewItem {
  center_id: number;
  user_id: number;
  kind: string;
  title: string;
  body: string;
  link: string;
  subject_type: string;
  subject_id: string;
  dedupe_key: string | null;
  created_at: Date;
}

/** Inserts the items; one whose person already has its dedupe key is skipped. The ones made. */
export async function insertItems(
  tx: Tx,
  items: NewItem[],
): Promise<{ id: number; user_id: number }[]> {
  if (items.length === 0) return [];
  return tx
    .insertInto('inbox_items')
    .values(items)
    .onConflict((oc) =>
      oc.columns(['user_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing(),
    )
    .returning(['id', 'user_id'])
    .execute();
}

/** The mobiles of those among `userIds` who asked for a text message on items of `kind`. */
export async function smsWanted(
  tx: Tx,
  userIds: readonly number[],
  kind: string,
): Promise<{ user_id: number; sms_mobile: string }[]> {
  if (userIds.length === 0) return [];
  const rows = await tx
    .selectFrom('inbox_prefs')
    .select(['user_id', 'sms_mobile'])
    .where('user_id', 'in', [...userIds])
    .where('sms_mobile', 'is not', null)
    .where(sql<boolean>`sms_kinds ? ${kind}`)
    .execute();
  return rows.flatMap((r) =>
    r.sms_mobile ? [{ user_id: r.user_id, sms_mobile: r.sms_mobile }] : [],
  );
}

// ── One's own items (the routes) ─────────────────────────────────────────────────────────────────

type Db = Kysely<Database>;

const ITEM_COLUMNS = [
  'id',
  'center_id',
  'kind',
  'title',
  'body',
  'link',
  'subject_type',
  'subject_id',
  'created_at',
  'read_at',
] as const;

export type ItemRow = Pick<Selectable<InboxItemsTable>, (typeof ITEM_COLUMNS)[number]>;

/** A page of the person's items, newest first, and how many the filter matches. */
export async function listOf(
  db: Db,
  userId: number,
  q: { unreadOnly: boolean; kind?: string; page: number; pageSize: number },
): Promise<{ rows: ItemRow[]; total: number }> {
  let base = db.selectFrom('inbox_items').where('user_id', '=', userId);
  if (q.unreadOnly) base = base.where('read_at', 'is', null);
  if (q.kind) base = base.where('kind', '=', q.kind);
  return pageOf(base.select(ITEM_COLUMNS), base.select(ITEM_COLUMNS).orderBy('id', 'desc'), q);
}

/** The number of the person's unread items: from the partial index of unread items alone. */
export async function unreadCount(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('inbox_items')
    .select(sql<string>`count(*)`.as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One of the person's items (another's is as if it did not exist). */
export async function itemOf(db: Db, userId: number, id: number): Promise<ItemRow | undefined> {
  return db
    .selectFrom('inbox_items')
    .select(ITEM_COLUMNS)
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Marks the item read unless it already is; the item as it is now. */
export async function markRead(
  tx: Tx,
  userId: number,
  id: number,
  at: Date,
): Promise<ItemRow | undefined> {
  return tx
    .updateTable('inbox_items')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .returning(ITEM_COLUMNS)
    .executeTakeFirst();
}

/** Marks read everyone's unread items of a kind about one thing; the ids marked. */
export async function markSubjectRead(
  tx: Tx,
  kind: string,
  subject: { type: string; id: number | string },
  at: Date,
): Promise<number[]> {
  const rows = await tx
    .updateTable('inbox_items')
    .set({ read_at: at })
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', String(subject.id))
    .where('kind', '=', kind)
    .where('read_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => Number(r.id));
}

/** Marks every unread item of the person read; how many. */
export async function markAllRead(tx: Tx, userId: number, at: Date): Promise<number> {
  const res = await tx
    .updateTable('inbox_items')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function prefsOf(db: Db, userId: number, lock = false) {
  const q = db
    .selectFrom('inbox_prefs')
    .select(['sms_mobile', 'sms_kinds', 'digest', 'version'])
    .where('user_id', '=', userId);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

/** Stores the person's choice, one version on from `version` (0: none stored yet). */
export async function putPrefs(
  tx: Tx,
  userId: number,
  version: number,
  p: { smsMobile: string | null; smsKinds: readonly string[]; digest: boolean },
): Promise<boolean> {
  const values = {
    sms_mobile: p.smsMobile,
    sms_kinds: JSON.stringify(p.smsKinds),
    digest: p.digest,
    version: version + 1,
  };
  const res =
    version === 0
      ? await tx
          .insertInto('inbox_prefs')
          .values({ user_id: userId, ...values })
          .onConflict((oc) => oc.column('user_id').doNothing())
          .executeTakeFirst()
      : await tx
          .updateTable('inbox_prefs')
          .set(values)
          .where('user_id', '=', userId)
          .where('version', '=', version)
          .executeTakeFirst();
  const n = 'numInsertedOrUpdatedRows' in res ? res.numInsertedOrUpdatedRows : res.numUpdatedRows;
  return Number(n ?? 0) === 1;
}

// ── The warning sweep's work list ────────────────────────────────────────────────────────────────

const RUNNING = ['in_progress', 'with_authority'] as const;

/**
 * Cases whose warning told differs from their light at `now`, oldest first: not yet told and past
 * the yellow instant (0019's cases_warn_new_idx), told yellow and past the deadline
 * (cases_warn_yellow_idx), told something and no longer so — paused, finished, given more time
 * (cases_warned_idx: the few warned cases). Each query follows one partial index.
 */
export async function warnWork(db: Db, now: Date, limit: number): Promise<number[]> {
  const [fresh, turnedRed, down] = await Promise.all([
    db
      .selectFrom('cases')
      .select('id')
      .where('status', 'in', RUNNING)
      .where('warned', 'is', null)
      .where('yellow_at', '<=', now)
      .orderBy('yellow_at')
      .limit(limit)
      .execute(),
    db
      .selectFrom('cases')
      .select('id')
      .where('status', 'in', RUNNING)
      .where('warned', '=', 'yellow')
      .where('deadline_at', '<', now)
      .orderBy('deadline_at')
      .limit(limit)
      .execute(),
    db
      .selectFrom('cases')
      .select('id')
      .where('warned', 'is not', null)
      .where((eb) =>
        eb.or([
          eb('status', 'not in', RUNNING),
          eb('yellow_at', 'is', null),
          eb('deadline_at', 'is', null),
          eb('yellow_at', '>', now),
          eb.and([eb('warned', '=', 'red'), eb('deadline_at', '>=', now)]),
        ]),
      )
      .orderBy('id')
      .limit(limit)
      .execute(),
  ]);
  return [...new Set([...fresh, ...turnedRed, ...down].map((r) => r.id))].slice(0, limit);
}

/** The facts a warning item tells: the case's number and item, its holder and leader. */
export async function warnFacts(tx: Tx, caseId: number) {
  return tx
    .selectFrom('cases as c')
    .leftJoin('service_items as i', 'i.id', 'c.item_id')
    .leftJoin('staff as s', 's.id', 'c.holder_staff_id')
    .select([
      'c.receipt_no',
      'c.subject',
      'i.name as item_name',
      's.name as holder_name',
      's.supervisor_id',
    ])
    .select((eb) =>
      eb
        .selectFrom('users as u')
        .select('u.id')
        .whereRef('u.staff_id', '=', 'c.holder_staff_id')
        .where('u.disabled', '=', false)
        .orderBy('u.id')
        .limit(1)
        .as('holder_user_id'),
    )
    .where('c.id', '=', caseId)
    .executeTakeFirstOrThrow();
}

export async function setWarned(tx: Tx, caseId: number, warned: 'yellow' | 'red' | null) {
  await tx.updateTable('cases').set({ warned }).where('id', '=', caseId).execute();
}

// ── The director's morning digest ───────────────────────────────────────────────────────────────

/** Each center's active directors who want the digest and have none under `key` yet. */
export async function digestDue(db: Db, key: string) {
  return db
    .selectFrom('users as u')
    .leftJoin('inbox_prefs as p', 'p.user_id', 'u.id')
    .select(['u.id', 'u.center_id'])
    .where('u.center_id', 'is not', null)
    .where('u.disabled', '=', false)
    .where(sql<boolean>`u.roles && array['director']::text[]`)
    .where((eb) => eb.or([eb('p.digest', 'is', null), eb('p.digest', '=', true)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('inbox_items as x')
            .select('x.id')
            .whereRef('x.user_id', '=', 'u.id')
            .where('x.dedupe_key', '=', key),
        ),
      ),
    )
    .orderBy('u.id')
    .execute();
}

/** How the calendar stores a date of the center: a holiday, a make-up workday, or nothing said. */
export async function dayOf(db: Db, centerId: number, year: number, day: string) {
  const [known, entry] = await Promise.all([
    db
      .selectFrom('calendar_years')
      .select('year')
      .where('center_id', '=', centerId)
      .where('year', '=', year)
      .executeTakeFirst(),
    db
      .selectFrom('calendar_days')
      .select('kind')
      .where('center_id', '=', centerId)
      .where('day', '=', day)
      .executeTakeFirst(),
  ]);
  return { yearKnown: known !== undefined, kind: entry?.kind ?? null };
}

/** The figures of a center's digest at `now`. */
export async function digestFigures(db: Db, centerId: number, now: Date) {
  const n = sql<string>`count(*)`;
  const [red, yellow, extensions, followUps, reports, announcements] = await Promise.all([
    db
      .selectFrom('cases')
      .select(n.as('n'))
      .where('center_id', '=', centerId)
      .where('status', 'in', RUNNING)
      .where('deadline_at', '<', now)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('cases')
      .select(n.as('n'))
      .where('center_id', '=', centerId)
      .where('status', 'in', RUNNING)
      .where('deadline_at', '>=', now)
      .where('yellow_at', '<=', now)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('extension_requests')
      .select(n.as('n'))
      .where('center_id', '=', centerId)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('rating_follow_ups')
      .select(n.as('n'))
      .where('center_id', '=', centerId)
      .where('closed_at', 'is', null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('public_reports')
      .select(n.as('n'))
      .where('center_id', '=', centerId)
      .where('status', '=', 'received')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('announcements')
      .select(n.as('n'))
      .where('center_id', '=', centerId)
      .where('status', '=', 'pending')
      .where('due_at', '<', now)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    red: Number(red.n),
    yellow: Number(yellow.n),
    extensionsPending: Number(extensions.n),
    followUpsOpen: Number(followUps.n),
    reportsWaiting: Number(reports.n),
    announcementsLate: Number(announcements.n),
  };
}
