import type { PublicReport, Referral } from '@bianmin/contracts';
import { maskContact, maskName, reportStage } from '@bianmin/domain';
import type { Insertable, Kysely } from 'kysely';
import type { Database, DisciplineReferralsTable, PublicReportsTable } from '../../db/schema.ts';
import { pageOf } from '../../db/page.ts';
import { reportFilterSql } from '../stats/filters.ts';

type Db = Kysely<Database>;

// ── 群众举报 ────────────────────────────────────────────────────────────────

function reports(db: Db) {
  return db
    .selectFrom('public_reports as r')
    .leftJoin('staff as s', 's.id', 'r.staff_id')
    .leftJoin('public_report_replies as p', 'p.report_id', 'r.id')
    .selectAll('r')
    .select([
      's.name as staff_name',
      'p.replied_at',
      'p.method as reply_method',
      'p.content as reply_content',
      'p.recorded_by_name as reply_by_name',
      'p.recorded_at as reply_recorded_at',
    ]);
}
export type ReportRow = Awaited<ReturnType<ReturnType<typeof reports>['executeTakeFirstOrThrow']>>;

/** A report as the API shows it: the reporter masked, never in clear. */
export function reportView(r: ReportRow): PublicReport {
  const replied = r.replied_at !== null;
  return {
    id: r.id,
    centerId: r.center_id,
    receivedAt: r.received_at.toISOString(),
    channel: r.channel,
    reporterNameMasked: r.anonymous ? '匿名' : maskName(r.reporter_name),
    reporterContactMasked: r.anonymous ? '' : maskContact(r.reporter_contact),
    details: r.content,
    staffId: r.staff_id,
    staffName: r.staff_name,
    occurredOn: r.occurred_on,
    item: r.item,
    registeredByName: r.registered_by_name,
    status: r.status,
    stage: reportStage(r.status, replied),
    decisionReason: r.decision_reason,
    findingId: r.finding_id,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at?.toISOString() ?? null,
    reply:
      r.replied_at === null
        ? null
        : {
            repliedAt: r.replied_at.toISOString(),
            replyMethod: r.reply_method!,
            replyContent: r.reply_content!,
            recordedByName: r.reply_by_name!,
            recordedAt: r.reply_recorded_at!.toISOString(),
          },
    anonymous: r.anonymous,
    about: r.about,
    decideDueAt: r.decide_due_at?.toISOString() ?? null,
    version: r.version,
  };
}

export async function getReport(db: Db, id: number, lock = false) {
  const q = reports(db).where('r.id', '=', id);
  return (lock ? q.forUpdate('r') : q).executeTakeFirst();
}

export async function insertReport(db: Db, values: Insertable<PublicReportsTable>) {
  const { id } = await db
    .insertInto('public_reports')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The list's filters; `month` and `overdue` are those of the statistics (stats/filters.ts). */
export interface ReportListQuery {
  stage?: PublicReport['stage'] | undefined;
  month?: string | undefined;
  overdue?: 'true' | undefined;
  /** The instant "overdue" is judged at. */
  now?: Date;
  page: number;
  pageSize: number;
}

/**
 * Reports of a center, newest first; never those about `hiddenStaffId` (the reader himself: a
 * reported person never sees the report, nor who made it).
 */
export async function listReports(
  db: Db,
  centerId: number,
  hiddenStaffId: number | null,
  q: ReportListQuery,
) {
  let base = reports(db).where('r.center_id', '=', centerId);
  if (hiddenStaffId !== null)
    base = base.where((eb) =>
      eb.or([eb('r.staff_id', 'is', null), eb('r.staff_id', '<>', hiddenStaffId)]),
    );
  if (q.stage === 'replied') base = base.where('p.report_id', 'is not', null);
  else if (q.stage) base = base.where('r.status', '=', q.stage).where('p.report_id', 'is', null);
  const figures = q.now && reportFilterSql(q, q.now);
  if (figures) base = base.where(figures);
  const { rows, total } = await pageOf(
    base,
    base.orderBy('r.received_at', 'desc').orderBy('r.id', 'desc'),
    q,
  );
  return { items: rows.map(reportView), total };
}

// ── 纪检移送 ────────────────────────────────────────────────────────────────

function referrals(db: Db) {
  return db
    .selectFrom('discipline_referrals as d')
    .innerJoin('findings as f', 'f.id', 'd.finding_id')
    .innerJoin('staff as s', 's.id', 'f.staff_id')
    .selectAll('d')
    .select([
      'f.staff_id',
      's.name as staff_name',
      'f.date as finding_date',
      'f.level as finding_level',
      'f.item',
      'f.description',
    ]);
}
type ReferralRow = Awaited<ReturnType<ReturnType<typeof referrals>['executeTakeFirstOrThrow']>>;

export const referralView = (r: ReferralRow): Referral => ({
  id: r.id,
  centerId: r.center_id,
  findingId: r.finding_id,
  staffId: r.staff_id,
  staffName: r.staff_name,
  findingDate: r.finding_date,
  findingLevel: r.finding_level,
  item: r.item,
  description: r.description,
  referredTo: r.referred_to,
  referredOn: r.referred_on,
  note: r.note,
  referredByName: r.referred_by_name,
  outcome: r.outcome,
  outcomeOn: r.outcome_on,
  outcomeByName: r.outcome_by_name,
  version: r.version,
});

export async function getReferral(db: Db, id: number, lock = false) {
  const q = referrals(db).where('d.id', '=', id);
  const row = await (lock ? q.forUpdate('d') : q).executeTakeFirst();
  return row && referralView(row);
}

export async function openReferralOf(db: Db, findingId: number) {
  return db
    .selectFrom('discipline_referrals')
    .select('id')
    .where('finding_id', '=', findingId)
    .where('outcome', 'is', null)
    .executeTakeFirst();
}

export async function insertReferral(db: Db, values: Insertable<DisciplineReferralsTable>) {
  const { id } = await db
    .insertInto('discipline_referrals')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function listReferrals(
  db: Db,
  centerId: number,
  q: { findingId?: number; open?: 'true' | 'false' },
) {
  let base = referrals(db).where('d.center_id', '=', centerId);
  if (q.findingId) base = base.where('d.finding_id', '=', q.findingId);
  if (q.open === 'true') base = base.where('d.outcome', 'is', null);
  if (q.open === 'false') base = base.where('d.outcome', 'is not', null);
  const rows = await base
    .orderBy('d.referred_on', 'desc')
    .orderBy('d.id', 'desc')
    .limit(500)
    .execute();
  return rows.map(referralView);
}
