/**
 * Terms for deciding (处理期限, issue 11; docs/inbox.md, docs/complaints.md, docs/ratings.md): the
 * counting of a public report's, an appeal's and a 差评 follow-up's terms from the performance
 * policy in force on the day of the event, the sweep that tells each crossing into "due soon" and
 * "overdue" once, the sweep of late completion announcements, and the board's counts.
 */
import {
  decisionTerm,
  displayReceiptNo,
  recipientsOf,
  shanghaiDateOf,
  termDedupeKey,
  termLevel,
  termStep,
  yellowBetween,
  type DecidingTerms,
  type TermContext,
  type TermLevel,
} from '@bianmin/domain';
import { sql, type Kysely } from 'kysely';
import { systemActor, write, type Tx } from '../../audit/write.ts';
import type { Database } from '../../db/schema.ts';
import type { Deps } from '../../http/context.ts';
import { loadTermContext } from '../cases/term-context.ts';
import { decidingTermsOf } from '../regulations/service.ts';
import { announcementLate, beijingText, withoutStaff } from './hooks.ts';
import { notify } from './service.ts';

type Db = Kysely<Database>;

/** A counted term as stored: when it runs out and when it is about to. */
export interface Counted {
  dueAt: Date;
  yellowAt: Date;
  provisional: boolean;
}

/** The term of `days` working days from `startAt`, yellow at the case settings' share; null when it cannot be counted. */
function countOn(ctx: TermContext, startAt: Date, days: number): Counted | null {
  const t = decisionTerm(ctx.cal, ctx.tt, startAt.getTime(), days, ctx.policy.yellowAtPercent);
  return t.ok
    ? {
        dueAt: new Date(t.value.dueAt),
        yellowAt: new Date(t.value.yellowAt),
        provisional: t.value.provisional,
      }
    : null;
}

/** The term context and the terms in force on the Beijing day of `at` (the version effective then). */
const inForceOn = async (tx: Db, centerId: number, at: Date) =>
  Promise.all([
    loadTermContext(tx, centerId),
    decidingTermsOf({ db: tx }, centerId, shanghaiDateOf(at.getTime())).then((v) => v.terms),
  ]);

/** A decision term of so many working days from `at`, by the policy in force that day. */
async function decideTermOf(
  tx: Db,
  centerId: number,
  at: Date,
  days: (terms: DecidingTerms) => number,
) {
  const [ctx, terms] = await inForceOn(tx, centerId, at);
  const t = countOn(ctx, at, days(terms));
  return { decide_due_at: t?.dueAt ?? null, decide_yellow_at: t?.yellowAt ?? null };
}

/** A public report's decision term, from the policy in force on the day it was registered. */
export const reportTermOf = (tx: Db, centerId: number, receivedAt: Date) =>
  decideTermOf(tx, centerId, receivedAt, (t) => t.reportDecisionWorkingDays);

/** An appeal's decision term, from the policy in force on the day it was filed. */
export const appealTermOf = (tx: Db, centerId: number, filedAt: Date) =>
  decideTermOf(tx, centerId, filedAt, (t) => t.appealDecisionWorkingDays);

/**
 * A 差评's call-back and rectification terms, from the policy in force on the day of the rating. A
 * term that cannot be counted (out of the calendar's range) is due at once: never unset.
 */
export async function followUpTermsOf(tx: Db, centerId: number, ratedAt: Date) {
  const [ctx, terms] = await inForceOn(tx, centerId, ratedAt);
  const contact = countOn(ctx, ratedAt, terms.ratingContactWorkingDays);
  const fix = countOn(ctx, ratedAt, terms.ratingFixWorkingDays);
  return {
    contact_due_at: contact?.dueAt ?? ratedAt,
    contact_yellow_at: contact?.yellowAt ?? ratedAt,
    fix_due_at: fix?.dueAt ?? ratedAt,
    fix_yellow_at: fix?.yellowAt ?? ratedAt,
    due_provisional: contact && fix ? contact.provisional || fix.provisional : true,
  };
}

// ── The sweep ────────────────────────────────────────────────────────────────────────────────

/** Things looked at per kind and sweep; the rest wait for the next minute. */
const SWEEP_BATCH = 200;

/** Nothing to change after all (another server did it first): the transaction is rolled back. */
class NothingLeft extends Error {}

/** A term as the sweep reads it under the row's lock. */
interface Locked {
  centerId: number;
  /** Still running (not decided, called back, answered). */
  open: boolean;
  startAt: Date;
  dueAt: Date | null;
  yellowAt: Date | null;
  told: TermLevel | null;
}

/** One kind of term: where it is stored and what an item about it says. */
interface TermKind {
  /** The thing in the dedupe key and the audit entry. */
  name: 'report' | 'appeal' | 'rating_contact' | 'rating_fix';
  entityType: string;
  /** Ids whose term may have crossed, or has no yellow instant yet. */
  work(db: Db, now: Date, limit: number): Promise<number[]>;
  lock(tx: Tx, id: number): Promise<Locked | undefined>;
  /** The due instant of a term never counted (appeals filed before 0021): from the policy of its day. */
  countDue(tx: Tx, l: Locked): Promise<Date | null>;
  save(
    tx: Tx,
    id: number,
    set: { dueAt: Date; yellowAt: Date; told: TermLevel | null },
  ): Promise<void>;
  tell(
    tx: Tx,
    id: number,
    level: TermLevel,
    dueAt: Date,
  ): Promise<Omit<Notice, 'kind' | 'dedupeKey'>>;
}
type Notice = Parameters<typeof notify>[3];

const told = (column: string) =>
  sql<boolean>`(${sql.ref(column)} is null or ${sql.ref(column)} = 'due_soon')`;

/** Rows with a term that crossed what was told, or not yet counted to the yellow instant. */
function crossed(due: string, yellow: string, toldCol: string, now: Date) {
  return sql<boolean>`(${sql.ref(yellow)} is null
    or (${sql.ref(toldCol)} is null and ${sql.ref(yellow)} <= ${now})
    or (${told(toldCol)} and ${sql.ref(due)} < ${now}))`;
}

const REPORT: TermKind = {
  name: 'report',
  entityType: 'public_report',
  work: async (db, now, limit) =>
    (
      await db
        .selectFrom('public_reports')
        .select('id')
        .where('status', '=', 'received')
        .where('decide_due_at', 'is not', null)
        .where(crossed('decide_due_at', 'decide_yellow_at', 'term_told', now))
        .orderBy('decide_due_at')
        .limit(limit)
        .execute()
    ).map((r) => r.id),
  lock: async (tx, id) => {
    const r = await tx
      .selectFrom('public_reports')
      .select([
        'center_id',
        'status',
        'received_at',
        'decide_due_at',
        'decide_yellow_at',
        'term_told',
      ])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    return (
      r && {
        centerId: r.center_id,
        open: r.status === 'received',
        startAt: r.received_at,
        dueAt: r.decide_due_at,
        yellowAt: r.decide_yellow_at,
        told: r.term_told,
      }
    );
  },
  countDue: () => Promise.resolve(null),
  save: async (tx, id, s) => {
    await tx
      .updateTable('public_reports')
      .set({ decide_due_at: s.dueAt, decide_yellow_at: s.yellowAt, term_told: s.told })
      .where('id', '=', id)
      .execute();
  },
  tell: async (tx, id, level, dueAt) => {
    const r = await tx
      .selectFrom('public_reports')
      .select(['center_id', 'staff_id', 'received_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const what = `群众举报第 ${id} 号（${beijingText(r.received_at).slice(0, 10)} 收到）`;
    return {
      centerId: r.center_id,
      // The group decides; never the staff member the report is about. No reporter in the words.
      to: await withoutStaff(tx, r.center_id, recipientsOf(`term_${level}`, {}), [r.staff_id]),
      title:
        level === 'due_soon'
          ? `${what}处理期限将到：请于 ${beijingText(dueAt)} 前作出处理决定`
          : `${what}已超过处理期限（${beijingText(dueAt)}），尚未作出处理决定`,
      link: '/staff/reports',
      subject: { type: 'public_report', id },
    };
  },
};

const APPEAL_SUBJECTS = { finding: '考核记录', settlement: '考核结算', rating: '年度考评等次' };

const APPEAL: TermKind = {
  name: 'appeal',
  entityType: 'appeal',
  work: async (db, now, limit) =>
    (
      await db
        .selectFrom('appeals')
        .select('id')
        .where('status', '=', 'pending')
        .where((eb) =>
          eb.or([
            eb('decide_due_at', 'is', null),
            crossed('decide_due_at', 'decide_yellow_at', 'term_told', now),
          ]),
        )
        .orderBy('filed_at')
        .limit(limit)
        .execute()
    ).map((r) => r.id),
  lock: async (tx, id) => {
    const r = await tx
      .selectFrom('appeals')
      .select(['center_id', 'status', 'filed_at', 'decide_due_at', 'decide_yellow_at', 'term_told'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    return (
      r && {
        centerId: r.center_id,
        open: r.status === 'pending',
        startAt: r.filed_at,
        dueAt: r.decide_due_at,
        yellowAt: r.decide_yellow_at,
        told: r.term_told,
      }
    );
  },
  countDue: async (tx, l) => (await appealTermOf(tx, l.centerId, l.startAt)).decide_due_at,
  save: async (tx, id, s) => {
    await tx
      .updateTable('appeals')
      .set({ decide_due_at: s.dueAt, decide_yellow_at: s.yellowAt, term_told: s.told })
      .where('id', '=', id)
      .execute();
  },
  tell: async (tx, id, level, dueAt) => {
    const a = await tx
      .selectFrom('appeals as a')
      .innerJoin('staff as s', 's.id', 'a.staff_id')
      .select(['a.center_id', 'a.staff_id', 'a.subject', 'a.filed_at', 's.name'])
      .where('a.id', '=', id)
      .executeTakeFirstOrThrow();
    const what = `${a.name}对${APPEAL_SUBJECTS[a.subject]}的申诉（${beijingText(a.filed_at).slice(0, 10)} 提出）`;
    return {
      centerId: a.center_id,
      to: await withoutStaff(tx, a.center_id, recipientsOf(`term_${level}`, {}), [a.staff_id]),
      title:
        level === 'due_soon'
          ? `${what}处理期限将到：请于 ${beijingText(dueAt)} 前作出决定`
          : `${what}已超过处理期限（${beijingText(dueAt)}），尚未决定`,
      link: '/staff/assessment/appeals',
      subject: { type: 'appeal', id },
    };
  },
};

/** The call-back or the rectification of a 差评: the same row, its own columns. */
function followUpKind(step: 'contact' | 'fix'): TermKind {
  const due = step === 'contact' ? 'contact_due_at' : 'fix_due_at';
  const yellow = step === 'contact' ? 'contact_yellow_at' : 'fix_yellow_at';
  const toldCol = step === 'contact' ? 'contact_told' : 'fix_told';
  const doneCol = step === 'contact' ? 'contacted_at' : 'replied_at';
  const words =
    step === 'contact'
      ? { what: '回访', act: '回访评价人' }
      : { what: '整改答复', act: '整改并答复评价人' };
  return {
    name: step === 'contact' ? 'rating_contact' : 'rating_fix',
    entityType: 'rating_follow_up',
    work: async (db, now, limit) =>
      (
        await db
          .selectFrom('rating_follow_ups')
          .select('id')
          .where('closed_at', 'is', null)
          .where(doneCol, 'is', null)
          .where(crossed(due, yellow, toldCol, now))
          .orderBy(due)
          .limit(limit)
          .execute()
      ).map((r) => r.id),
    lock: async (tx, id) => {
      const f = await tx
        .selectFrom('rating_follow_ups as f')
        .innerJoin('ratings as r', 'r.id', 'f.rating_id')
        .select([
          'f.center_id',
          'f.closed_at',
          'f.contacted_at',
          'f.replied_at',
          'f.contact_due_at',
          'f.fix_due_at',
          'f.contact_yellow_at',
          'f.fix_yellow_at',
          'f.contact_told',
          'f.fix_told',
          'r.rated_at',
        ])
        .where('f.id', '=', id)
        .forUpdate('f')
        .executeTakeFirst();
      if (!f) return undefined;
      const contact = step === 'contact';
      return {
        centerId: f.center_id,
        open: f.closed_at === null && (contact ? f.contacted_at : f.replied_at) === null,
        startAt: f.rated_at,
        dueAt: contact ? f.contact_due_at : f.fix_due_at,
        yellowAt: contact ? f.contact_yellow_at : f.fix_yellow_at,
        told: contact ? f.contact_told : f.fix_told,
      };
    },
    countDue: () => Promise.resolve(null),
    save: async (tx, id, s) => {
      await tx
        .updateTable('rating_follow_ups')
        .set(
          step === 'contact'
            ? { contact_due_at: s.dueAt, contact_yellow_at: s.yellowAt, contact_told: s.told }
            : { fix_due_at: s.dueAt, fix_yellow_at: s.yellowAt, fix_told: s.told },
        )
        .where('id', '=', id)
        .execute();
    },
    tell: async (tx, id, level, dueAt) => {
      const f = await tx
        .selectFrom('rating_follow_ups as f')
        .innerJoin('ratings as r', 'r.id', 'f.rating_id')
        .innerJoin('cases as c', 'c.id', 'r.case_id')
        .leftJoin('service_items as i', 'i.id', 'c.item_id')
        .select([
          'f.center_id',
          'f.assigned_to_staff_id',
          'r.id as rating_id',
          'c.receipt_no',
          'c.subject',
          'i.name',
        ])
        .where('f.id', '=', id)
        .executeTakeFirstOrThrow();
      const what = `办件 ${displayReceiptNo(f.receipt_no)}（${f.name ?? f.subject ?? ''}）的差评${words.what}`;
      return {
        centerId: f.center_id,
        to: recipientsOf(`term_${level}`, {
          assigneeStaffId: f.assigned_to_staff_id,
          directorDecides: true,
        }),
        title:
          level === 'due_soon'
            ? `${what}期限将到：请于 ${beijingText(dueAt)} 前${words.act}`
            : `${what}已超过期限（${beijingText(dueAt)}）`,
        ...(f.assigned_to_staff_id === null ? { body: '尚未指派责任人，请尽快指派。' } : {}),
        link: '/staff/ratings',
        subject: { type: 'rating', id: f.rating_id },
      };
    },
  };
}

const KINDS: readonly TermKind[] = [REPORT, APPEAL, followUpKind('contact'), followUpKind('fix')];

/**
 * One term re-read under its row's lock: counted if it never was (rows from before 0021: the
 * yellow instant, and an appeal's due instant, from the policy and calendar of its day), stepped by
 * the domain's termStep, and a crossing told in the same transaction — `term_due_soon` or
 * `term_overdue`, with a dedupe key of the thing, the level and the due instant, so that a sweep
 * retried or run by two servers at once never tells twice. True when something changed.
 */
async function stepTerm(deps: Deps, kind: TermKind, id: number): Promise<boolean> {
  return write(deps.db, deps.clock, systemActor, async (tx, audit, at) => {
    const l = await kind.lock(tx, id);
    if (!l?.open) throw new NothingLeft();
    const dueAt = l.dueAt ?? (await kind.countDue(tx, l));
    if (dueAt === null) throw new NothingLeft();
    let yellowAt = l.yellowAt;
    if (yellowAt === null) {
      const ctx = await loadTermContext(tx, l.centerId);
      const y = yellowBetween(
        ctx.cal,
        ctx.tt,
        l.startAt.getTime(),
        dueAt.getTime(),
        ctx.policy.yellowAtPercent,
      );
      // A term the calendar cannot count further is treated as about to run out.
      yellowAt = new Date(y.ok ? y.value : l.startAt.getTime());
    }
    const step = termStep(
      l.told,
      termLevel({ dueAt: dueAt.getTime(), yellowAt: yellowAt.getTime() }, at.getTime()),
    );
    const counted = l.dueAt === null || l.yellowAt === null;
    if (!counted && step.told === l.told) throw new NothingLeft();
    await kind.save(tx, id, { dueAt, yellowAt, told: step.told });
    await audit({
      centerId: l.centerId,
      action: 'term.warn',
      entityType: kind.entityType,
      entityId: id,
      before: {
        term: kind.name,
        dueAt: l.dueAt?.toISOString() ?? null,
        yellowAt: l.yellowAt?.toISOString() ?? null,
        told: l.told,
      },
      after: {
        term: kind.name,
        dueAt: dueAt.toISOString(),
        yellowAt: yellowAt.toISOString(),
        told: step.told,
      },
    });
    if (step.tell) {
      const n = await kind.tell(tx, id, step.tell, dueAt);
      await notify(tx, audit, at, {
        ...n,
        kind: step.tell === 'due_soon' ? 'term_due_soon' : 'term_overdue',
        dedupeKey: termDedupeKey(`${kind.name}:${id}`, step.tell, dueAt.getTime()),
      });
    }
    return true;
  }).catch((e: unknown) => {
    if (e instanceof NothingLeft) return false;
    throw e;
  });
}

/**
 * Completion announcements still pending past their time that the director was not told of: each
 * under its row's lock, told once (`late_told_at`; the dedupe key guards a second server).
 */
async function sweepLateAnnouncements(deps: Deps, limit: number): Promise<number> {
  const now = deps.clock.now();
  const ids = await deps.db
    .selectFrom('announcements')
    .select('id')
    .where('status', '=', 'pending')
    .where('due_at', '<', now)
    .where('late_told_at', 'is', null)
    .orderBy('due_at')
    .limit(limit)
    .execute();
  let told = 0;
  for (const { id } of ids) {
    const done = await write(deps.db, deps.clock, systemActor, async (tx, audit, at) => {
      const a = await tx
        .selectFrom('announcements as a')
        .innerJoin('cases as c', 'c.id', 'a.case_id')
        .leftJoin('service_items as i', 'i.id', 'c.item_id')
        .select([
          'a.id',
          'a.center_id',
          'a.status',
          'a.due_at',
          'a.published_at',
          'a.late_told_at',
          'c.receipt_no',
          'i.name as item_name',
        ])
        .where('a.id', '=', id)
        .forUpdate('a')
        .executeTakeFirst();
      if (!a || a.status !== 'pending' || a.late_told_at !== null || a.due_at >= at)
        throw new NothingLeft();
      await audit({
        centerId: a.center_id,
        action: 'announcement.late',
        entityType: 'announcement',
        entityId: id,
        before: { lateToldAt: null },
        after: { lateToldAt: at.toISOString(), dueAt: a.due_at.toISOString() },
      });
      await announcementLate(tx, audit, at, a, null);
      return true;
    }).catch((e: unknown) => {
      if (e instanceof NothingLeft) return false;
      throw e;
    });
    if (done) told += 1;
  }
  return told;
}

/**
 * The per-minute sweep of terms for deciding (main.ts): each report, appeal and 差评 follow-up
 * whose term crossed into due soon or overdue since it was last looked at, each in its own
 * transaction; then the late completion announcements. Returns what changed.
 */
export async function sweepTerms(
  deps: Deps,
  batch = SWEEP_BATCH,
): Promise<{ terms: number; announcements: number }> {
  let terms = 0;
  for (const kind of KINDS)
    for (const id of await kind.work(deps.db, deps.clock.now(), batch))
      if (await stepTerm(deps, kind, id)) terms += 1;
  return { terms, announcements: await sweepLateAnnouncements(deps, batch) };
}

// ── The board ────────────────────────────────────────────────────────────────────────────────

/**
 * For the director's board: how many reports, appeals and 差评 follow-ups of the center are about
 * to run out of their term (yellow) and how many have (red), by the instants stored with them.
 */
export async function termCounts(db: Db, centerId: number, now: Date) {
  const [reports, appeals, followUps] = await Promise.all(
    (['public_reports', 'appeals'] as const)
      .map((table) =>
        db
          .selectFrom(table)
          .select([
            sql<number>`count(*) filter (where decide_due_at < ${now})`.as('overdue'),
            sql<number>`count(*) filter (where decide_due_at >= ${now} and decide_yellow_at <= ${now})`.as(
              'dueSoon',
            ),
          ])
          .where('center_id', '=', centerId)
          .where('status', '=', table === 'appeals' ? 'pending' : 'received')
          .executeTakeFirstOrThrow(),
      )
      .concat(
        db
          .selectFrom('rating_follow_ups')
          .select([
            sql<number>`count(*) filter (where (contacted_at is null and contact_due_at < ${now}) or (replied_at is null and fix_due_at < ${now}))`.as(
              'overdue',
            ),
            sql<number>`count(*) filter (where not ((contacted_at is null and contact_due_at < ${now}) or (replied_at is null and fix_due_at < ${now}))
              and ((contacted_at is null and contact_yellow_at <= ${now}) or (replied_at is null and fix_yellow_at <= ${now})))`.as(
              'dueSoon',
            ),
          ])
          .where('center_id', '=', centerId)
          .where('closed_at', 'is', null)
          .executeTakeFirstOrThrow(),
      ),
  );
  const of = (r: { overdue: number | string; dueSoon: number | string } | undefined) => ({
    dueSoon: Number(r?.dueSoon ?? 0),
    overdue: Number(r?.overdue ?? 0),
  });
  return { reports: of(reports), appeals: of(appeals), ratingFollowUps: of(followUps) };
}
