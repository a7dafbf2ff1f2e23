import type {
  createReferralBody,
  createReportBody,
  decideReportBody,
  PublicReport,
  Referral,
  replyReportBody,
} from '@bianmin/contracts';
import { REPORT_CHANNEL_NAMES } from './labels.ts';
import {
  checkOccurredOn,
  checkReferral,
  checkReferralOutcome,
  checkReply,
  decideReport,
  shanghaiDateOf,
  TRACKING_CODE,
  type Refusal,
} from '@bianmin/domain';
import type { z } from 'zod';
import { checkVersion } from '../../audit/change.ts';
import { write, type Actor, type Tx } from '../../audit/write.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { AppError, fieldError, refusalError } from '../../http/errors.ts';
import { inScope } from '../../http/scope.ts';
import * as findings from '../assessment/repository.ts';
import { checkFindingDates } from '../assessment/service.ts';
import { centerName } from '../cases/repository.ts';
import * as inbox from '../inbox/hooks.ts';
import { reportTermOf } from '../inbox/terms.ts';
import { enqueue } from '../outbox/service.ts';
import * as repo from './repository.ts';

function refused(r: Refusal): never {
  throw refusalError(r);
}

const today = (deps: Deps) => shanghaiDateOf(deps.clock.now().getTime());

async function checkStaff(tx: Tx, centerId: number, staffId: number | null) {
  if (staffId === null) return;
  const found = await tx
    .selectFrom('staff')
    .select('id')
    .where('center_id', '=', centerId)
    .where('id', '=', staffId)
    .executeTakeFirst();
  if (!found) throw fieldError('NOT_FOUND', 'staffId');
}

/**
 * When the group must have decided (DOMAIN.md §5), and from when that is about to run out: the
 * `reportDecisionWorkingDays` of the policy in force on the day of registration (issue 11).
 */
export const decisionTerm = (tx: Tx, centerId: number, receivedAt: Date) =>
  reportTermOf(tx, centerId, receivedAt);

/** A reported person never registers, reads or decides the report about himself. */
function notAboutSelf(user: SessionUser, staffId: number | null) {
  if (user.staffId !== null && staffId === user.staffId) throw new AppError('REPORT_ABOUT_SELF');
}

/** A report the user may see: of his center, not about himself (else "not found"). */
function visible(user: SessionUser, row: repo.ReportRow | undefined): repo.ReportRow {
  if (!row || !inScope(user, row.center_id)) throw new AppError('NOT_FOUND');
  if (user.staffId !== null && row.staff_id === user.staffId) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * Register a report, at any hour (24-hour acceptance: no business-hours check), stamped with the
 * server's clock. The audit entry carries the reporter masked, like every view.
 */
export function register(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  centerId: number,
  body: z.infer<typeof createReportBody>,
): Promise<PublicReport> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    notAboutSelf(user, body.staffId);
    await checkStaff(tx, centerId, body.staffId);
    const when = checkOccurredOn(body.occurredOn, today(deps));
    if (!when.ok) refused(when);
    const receivedAt = deps.clock.now();
    const id = await repo.insertReport(tx, {
      center_id: centerId,
      received_at: receivedAt,
      ...(await decisionTerm(tx, centerId, receivedAt)),
      channel: body.channel,
      reporter_name: body.reporterName,
      reporter_contact: body.reporterContact,
      content: body.details,
      staff_id: body.staffId,
      occurred_on: body.occurredOn,
      item: body.item,
      registered_by_user_id: user.id,
      registered_by_name: user.displayName,
    });
    const view = repo.reportView((await repo.getReport(tx, id))!);
    await audit({
      centerId,
      action: 'report.register',
      entityType: 'public_report',
      entityId: id,
      before: null,
      after: view,
    });
    await inbox.reportWaiting(
      tx,
      audit,
      receivedAt,
      {
        id,
        centerId,
        staffId: body.staffId,
        channel: body.channel,
        decideDueAt: view.decideDueAt ? new Date(view.decideDueAt) : null,
      },
      user.id,
    );
    return view;
  });
}

export function list(deps: Deps, user: SessionUser, centerId: number, q: repo.ReportListQuery) {
  return repo.listReports(deps.db, centerId, user.staffId, { ...q, now: deps.clock.now() });
}

export async function get(deps: Deps, user: SessionUser, id: number): Promise<PublicReport> {
  return repo.reportView(visible(user, await repo.getReport(deps.db, id)));
}

/** The reporter's name and contact in full, to call back; every read is in the audit trail. */
export function reveal(deps: Deps, user: SessionUser, actor: Actor, id: number) {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const row = visible(user, await repo.getReport(tx, id));
    await audit({
      centerId: row.center_id,
      action: 'report.reveal',
      entityType: 'public_report',
      entityId: row.id,
      before: null,
      after: { field: 'reporter' },
    });
    return { reporterName: row.reporter_name, reporterContact: row.reporter_contact };
  });
}

/**
 * The assessment group decides a report. Substantiated: a finding against the staff member under
 * the item, dated the day it happened, at the public-report level (that month's amount, like a town
 * finding). Either way the decision is final: the database refuses to change a decided report.
 */
export function decide(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: z.infer<typeof decideReportBody>,
): Promise<PublicReport> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const row = checkVersion(
      await repo.getReport(tx, id, true),
      body.version,
      (r) => inScope(user, r.center_id) && (user.staffId === null || r.staff_id !== user.staffId),
    );
    const decision = decideReport(
      {
        status: row.status,
        staffId: row.staff_id,
        item: row.item,
        occurredOn: row.occurred_on,
        receivedOn: shanghaiDateOf(row.received_at.getTime()),
      },
      body,
    );
    if (!decision.ok) refused(decision);
    const d = decision.value;
    notAboutSelf(user, d.staffId);
    await checkStaff(tx, row.center_id, d.staffId);
    const now = deps.clock.now();
    let findingId: number | null = null;
    if (d.outcome === 'substantiated') {
      await checkFindingDates(deps, tx, row.center_id, [
        { staffId: d.staffId, date: d.occurredOn, dateField: 'occurredOn', personField: 'staffId' },
      ]);
      findingId = await findings.insertFinding(tx, {
        center_id: row.center_id,
        staff_id: d.staffId,
        source: 'public_report',
        inspection_id: null,
        violation_candidate_id: null,
        date: d.occurredOn,
        level: 'public_report',
        circulated: false,
        item: d.item,
        // The group's finding only: nothing of the reporter or the report's own words.
        description: `群众举报（${REPORT_CHANNEL_NAMES[row.channel]}）经核查属实：${d.reason}`,
        serious: body.serious,
        recorded_by_user_id: user.id,
        recorded_by_staff_id: user.staffId,
        created_at: now,
      });
      await audit({
        centerId: row.center_id,
        action: 'finding.record',
        entityType: 'finding',
        entityId: findingId,
        before: null,
        after: await findings.getFinding(tx, findingId),
      });
      await inbox.findingRecorded(
        tx,
        audit,
        now,
        {
          id: findingId,
          centerId: row.center_id,
          staffId: d.staffId,
          date: d.occurredOn,
          level: 'public_report',
          item: d.item,
        },
        user.id,
      );
    }
    await tx
      .updateTable('public_reports')
      .set((eb) => ({
        status: d.outcome,
        staff_id: d.staffId,
        item: d.item,
        occurred_on: d.occurredOn,
        decision_reason: d.reason,
        finding_id: findingId,
        decided_by_user_id: user.id,
        decided_by_name: user.displayName,
        decided_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
    const after = repo.reportView((await repo.getReport(tx, id))!);
    await audit({
      centerId: row.center_id,
      action: 'report.decide',
      entityType: 'public_report',
      entityId: id,
      before: repo.reportView(row),
      after,
    });
    return after;
  });
}

/** 查处结果正式通知举报人: when, how and what the reporter was told; once, after the decision. */
export function reply(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: z.infer<typeof replyReportBody>,
): Promise<PublicReport> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const row = visible(user, await repo.getReport(tx, id, true));
    const now = deps.clock.now();
    const repliedAt = body.repliedAt === undefined ? now : new Date(body.repliedAt);
    const check = checkReply(
      {
        status: row.status,
        decidedAt: row.decided_at?.getTime() ?? null,
        replied: row.replied_at !== null,
      },
      repliedAt.getTime(),
      now.getTime(),
    );
    if (!check.ok) refused(check);
    await tx
      .insertInto('public_report_replies')
      .values({
        report_id: id,
        center_id: row.center_id,
        replied_at: repliedAt,
        method: body.replyMethod,
        content: body.replyContent,
        recorded_by_user_id: user.id,
        recorded_by_name: user.displayName,
        recorded_at: now,
      })
      .execute();
    // The reporter who left a mobile (confirmed on the portal) is told by SMS, with the code to read it.
    if (row.reporter_phone && row.tracking_code && !row.anonymous)
      await enqueue(tx, audit, now, {
        centerId: row.center_id,
        to: row.reporter_phone,
        template: 'report_answered',
        params: {
          center: await centerName(tx, row.center_id),
          trackingCode: TRACKING_CODE.format(row.tracking_code),
        },
        subject: { type: 'public_report', id },
      });
    const after = repo.reportView((await repo.getReport(tx, id))!);
    await audit({
      centerId: row.center_id,
      action: 'report.reply',
      entityType: 'public_report',
      entityId: id,
      before: repo.reportView(row),
      after,
    });
    return after;
  });
}

// ── 纪检移送 ────────────────────────────────────────────────────────────────

export const listReferrals = (
  deps: Deps,
  centerId: number,
  q: { findingId?: number; open?: 'true' | 'false' },
) => repo.listReferrals(deps.db, centerId, q);

/** Refer a serious finding for discipline procedures (e.g. to 镇纪委); one open referral at a time. */
export function refer(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  body: z.infer<typeof createReferralBody>,
): Promise<Referral> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    // The finding's row lock serializes two referrals of the same finding.
    const finding = await findings.getFinding(tx, body.findingId, true);
    if (!finding || !inScope(user, finding.centerId)) throw fieldError('NOT_FOUND', 'findingId');
    const open = await repo.openReferralOf(tx, finding.id);
    const check = checkReferral(finding, open !== undefined, body.referredOn, today(deps));
    if (!check.ok) refused(check);
    const id = await repo.insertReferral(tx, {
      center_id: finding.centerId,
      finding_id: finding.id,
      referred_to: body.referredTo,
      referred_on: body.referredOn,
      note: body.note,
      referred_by_user_id: user.id,
      referred_by_name: user.displayName,
      recorded_at: deps.clock.now(),
    });
    const created = (await repo.getReferral(tx, id))!;
    await audit({
      centerId: finding.centerId,
      action: 'referral.create',
      entityType: 'discipline_referral',
      entityId: id,
      before: null,
      after: created,
    });
    return created;
  });
}

/** The outcome of a referral, recorded once: the referral is frozen from then on. */
export function recordOutcome(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: { version: number; outcome: string; outcomeOn: string },
): Promise<Referral> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const before = checkVersion(await repo.getReferral(tx, id, true), body.version, (r) =>
      inScope(user, r.centerId),
    );
    const check = checkReferralOutcome(before, body.outcomeOn, today(deps));
    if (!check.ok) refused(check);
    await tx
      .updateTable('discipline_referrals')
      .set((eb) => ({
        outcome: body.outcome,
        outcome_on: body.outcomeOn,
        outcome_by_user_id: user.id,
        outcome_by_name: user.displayName,
        outcome_recorded_at: deps.clock.now(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
    const after = (await repo.getReferral(tx, id))!;
    await audit({
      centerId: before.centerId,
      action: 'referral.outcome',
      entityType: 'discipline_referral',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
