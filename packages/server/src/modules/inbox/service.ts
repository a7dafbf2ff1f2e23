import type {
  InboxCount,
  InboxItem,
  InboxPage,
  InboxPrefs,
  UpdateInboxPrefs,
} from '@bianmin/contracts';
import {
  INBOX_KIND_KEYS,
  INBOX_KINDS,
  isInboxKind,
  maskPhone,
  type InboxKind,
  type InboxRecipients,
} from '@bianmin/domain';
import { write, type Actor, type Audit, type Tx } from '../../audit/write.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { enqueue } from '../outbox/service.ts';
import * as repo from './repository.ts';

/** One thing to tell, to the people of `to` (docs/inbox.md). */
export interface InboxNotice {
  centerId: number;
  kind: InboxKind;
  to: InboxRecipients;
  /** One Chinese line: what happened to what. */
  title: string;
  /** A sentence or two more. */
  body?: string;
  /** The console page of the thing: '/staff/cases/123'. */
  link: string;
  subject: { type: string; id: string | number };
  /** An item with this key is made at most once per person. */
  dedupeKey?: string;
  /** The person who acted is not told of their own act. */
  exceptUserId?: number | null;
}

/**
 * Makes the items of `n` in the caller's transaction, so they exist exactly when the change they
 * report does; queues a text message for each recipient who asked for one on this kind. Each
 * account gets at most one item per notice (a person who is both holder and director too). Returns
 * the number of items made; audited as one entry naming the accounts.
 */
export async function notify(tx: Tx, audit: Audit, at: Date, n: InboxNotice): Promise<number> {
  const users = await repo.recipientUsers(tx, n.centerId, {
    staffIds: (n.to.staffIds ?? []).filter((id): id is number => id !== null),
    roles: n.to.roles ?? [],
    userIds: n.to.userIds ?? [],
  });
  const userIds = users.map((u) => u.id).filter((id) => id !== n.exceptUserId);
  const made = await repo.insertItems(
    tx,
    userIds.map((userId) => ({
      center_id: n.centerId,
      user_id: userId,
      kind: n.kind,
      title: n.title,
      body: n.body ?? '',
      link: n.link,
      subject_type: n.subject.type,
      subject_id: String(n.subject.id),
      dedupe_key: n.dedupeKey ?? null,
      created_at: at,
    })),
  );
  if (made.length === 0) return 0;
  const told = made.map((m) => m.user_id);
  const names = users.filter((u) => told.includes(u.id)).map((u) => u.display_name);
  for (const { sms_mobile } of await repo.smsWanted(tx, told, n.kind))
    await enqueue(tx, audit, at, {
      centerId: n.centerId,
      to: sms_mobile,
      template: 'inbox_item',
      params: { kind: INBOX_KINDS[n.kind], title: n.title },
      subject: { type: n.subject.type, id: n.subject.id },
    });
  await audit({
    centerId: n.centerId,
    action: 'inbox.notify',
    entityType: n.subject.type,
    entityId: n.subject.id,
    before: null,
    after: {
      kind: n.kind,
      title: n.title,
      userIds: told,
      items: made.map((m) => m.id),
      // The line of the thing's history (a case's trail shows it): who was told what.
      trail: `待办提醒（${INBOX_KINDS[n.kind]}）：${names.join('、')}`,
    },
  });
  return made.length;
}

// ── One's own inbox (the routes): every signed-in user, his or her own items only ──────────────

const viewOf = (r: repo.ItemRow): InboxItem => ({
  id: r.id,
  centerId: r.center_id,
  kind: isInboxKind(r.kind) ? r.kind : 'digest',
  title: r.title,
  body: r.body,
  link: r.link,
  subject: { type: r.subject_type, id: r.subject_id },
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at?.toISOString() ?? null,
});

export async function list(
  deps: Deps,
  user: SessionUser,
  q: { filter: 'all' | 'unread'; kind?: InboxKind; page: number; pageSize: number },
): Promise<InboxPage> {
  const [{ rows, total }, unread] = await Promise.all([
    repo.listOf(deps.db, user.id, { ...q, unreadOnly: q.filter === 'unread' }),
    repo.unreadCount(deps.db, user.id),
  ]);
  return { items: rows.map(viewOf), total, unread };
}

export async function count(deps: Deps, user: SessionUser): Promise<InboxCount> {
  return { unread: await repo.unreadCount(deps.db, user.id) };
}

/** Marks one's item read (once: reading it again changes nothing and records nothing). */
export async function read(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
): Promise<InboxItem> {
  const item = await repo.itemOf(deps.db, user.id, id);
  if (!item) throw new AppError('NOT_FOUND');
  if (item.read_at) return viewOf(item);
  return write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    const after = (await repo.markRead(tx, user.id, id, at)) ?? item;
    await audit({
      centerId: item.center_id,
      action: 'inbox.read',
      entityType: 'inbox_item',
      entityId: id,
      before: null,
      after: { kind: item.kind, readAt: at.toISOString() },
    });
    return viewOf(after);
  });
}

/**
 * The work an item asked for is done (a request decided or taken back): its unread items, the
 * deciders' as well as anyone else's, stop counting; one audit entry, in the caller's transaction.
 */
export async function settled(
  tx: Tx,
  audit: Audit,
  at: Date,
  n: { centerId: number; kind: InboxKind; subject: { type: string; id: number } },
): Promise<void> {
  const ids = await repo.markSubjectRead(tx, n.kind, n.subject, at);
  if (ids.length === 0) return;
  await audit({
    centerId: n.centerId,
    action: 'inbox.settled',
    entityType: n.subject.type,
    entityId: n.subject.id,
    before: null,
    after: { kind: n.kind, items: ids, readAt: at.toISOString() },
  });
}

/** Marks all of one's unread items read: one audit entry with the number. */
export async function readAll(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
): Promise<{ marked: number }> {
  if ((await repo.unreadCount(deps.db, user.id)) === 0) return { marked: 0 };
  return write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    const marked = await repo.markAllRead(tx, user.id, at);
    await audit({
      centerId: user.centerId,
      action: 'inbox.read_all',
      entityType: 'user',
      entityId: user.id,
      before: null,
      after: { marked, readAt: at.toISOString() },
    });
    return { marked };
  });
}

const DEFAULT_PREFS = { sms_mobile: null, sms_kinds: [], digest: true, version: 0 };

const prefsView = (p: {
  sms_mobile: string | null;
  sms_kinds: string[];
  digest: boolean;
  version: number;
}): InboxPrefs => ({
  smsMobile: p.sms_mobile,
  smsKinds: p.sms_kinds.filter(isInboxKind),
  digest: p.digest,
  version: p.version,
});

export async function prefs(deps: Deps, user: SessionUser): Promise<InboxPrefs> {
  return prefsView((await repo.prefsOf(deps.db, user.id)) ?? DEFAULT_PREFS);
}

/**
 * One's text-message choice: the mobile, the kinds that come by SMS too (a kind needs a mobile),
 * the morning digest. Version-checked; audited with the mobile masked.
 */
export function setPrefs(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  body: UpdateInboxPrefs,
): Promise<InboxPrefs> {
  const smsKinds = INBOX_KIND_KEYS.filter((k) => body.smsKinds.includes(k));
  if (smsKinds.length > 0 && body.smsMobile === null)
    throw fieldError('INBOX_SMS_MOBILE_REQUIRED', 'smsMobile');
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const before = prefsView((await repo.prefsOf(tx, user.id, true)) ?? DEFAULT_PREFS);
    if (before.version !== body.version)
      throw new AppError('VERSION_CONFLICT', { details: { currentVersion: before.version } });
    const next = { smsMobile: body.smsMobile, smsKinds, digest: body.digest };
    if (!(await repo.putPrefs(tx, user.id, before.version, next)))
      throw new AppError('VERSION_CONFLICT');
    const after: InboxPrefs = { ...next, version: before.version + 1 };
    const masked = (p: InboxPrefs) => ({ ...p, smsMobile: p.smsMobile && maskPhone(p.smsMobile) });
    await audit({
      centerId: user.centerId,
      action: 'inbox.prefs_update',
      entityType: 'inbox_prefs',
      entityId: user.id,
      before: masked(before),
      after: masked(after),
    });
    return after;
  });
}
