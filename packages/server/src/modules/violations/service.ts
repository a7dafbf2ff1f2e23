import type { decideViolationBody, ViolationCandidate } from '@bianmin/contracts';
import { checkNotAboutSelf } from '@bianmin/domain';
import type { z } from 'zod';
import { checkVersion } from '../../audit/change.ts';
import { systemActor, write, type Audit, type Tx } from '../../audit/write.ts';
import type { Actor } from '../../audit/write.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { inScope } from '../../http/scope.ts';
import { findingFromCandidate } from '../assessment/service.ts';
import * as cases from '../cases/repository.ts';
import * as inbox from '../inbox/hooks.ts';
import type { CaseRow } from '../cases/state.ts';
import * as repo from './repository.ts';

/** What the assessment group needs to judge an overdue case: the case, its term and its history. */
async function evidenceOf(tx: Tx, row: CaseRow) {
  const [item, names, timeline] = await Promise.all([
    row.item_id === null ? undefined : cases.getItemFacts(tx, row.item_id),
    cases.staffNames(tx, [row.holder_staff_id]),
    cases.timeline(tx, row.id),
  ]);
  const holder =
    row.holder_staff_id === null ? undefined : await cases.getStaffAt(tx, row.holder_staff_id);
  return {
    case: {
      receiptNo: row.receipt_no,
      itemName: item?.name ?? row.subject,
      acceptedKind: row.accepted_kind,
      clockStartAt: row.clock_start_at?.toISOString() ?? null,
      deemedAccepted: row.deemed_accepted,
      deadlineAt: row.deadline_at?.toISOString() ?? null,
      termDays: row.term_days,
      urgent: row.urgent,
      extension: row.extension,
      pauses: row.pauses,
      submission: row.submission,
      closedAt: row.closed_at?.toISOString() ?? null,
      holderName: row.holder_staff_id === null ? null : (names.get(row.holder_staff_id) ?? null),
      windowName: holder?.window_name ?? null,
    },
    timeline: timeline.map((t) => ({
      at: t.at.toISOString(),
      actorName: t.actor_name,
      action: t.action,
    })),
  };
}

/**
 * An overdue case raises a violation candidate against the staff member holding it (assessment item
 * 6, 限时办结), for the assessment group to confirm or dismiss. At most one per case.
 */
export async function raiseCandidate(
  tx: Tx,
  audit: Audit,
  row: CaseRow,
  kind: 'open_overdue' | 'completed_late',
  at: Date,
) {
  if (!row.deadline_at) return;
  const id = await repo.insert(tx, {
    centerId: row.center_id,
    caseId: row.id,
    staffId: row.holder_staff_id,
    kind,
    detectedAt: at,
    deadlineAt: row.deadline_at,
    closedAt: row.closed_at,
    evidence: await evidenceOf(tx, row),
  });
  if (id === undefined) return;
  await audit({
    centerId: row.center_id,
    action: 'violation.raise',
    entityType: 'violation_candidate',
    entityId: id,
    before: null,
    after: { caseId: row.id, receiptNo: row.receipt_no, kind, staffId: row.holder_staff_id },
  });
  await inbox.violationCandidateRaised(tx, audit, at, {
    id,
    centerId: row.center_id,
    staffId: row.holder_staff_id,
    receiptNo: row.receipt_no,
    kind,
  });
}

/**
 * The overdue sweep: every running case past its deadline without a candidate gets one. Run by the
 * server every minute; each case in its own transaction, so one failure does not hold up the rest.
 */
export async function sweepOverdue(deps: Deps, batch = 200): Promise<number> {
  const now = deps.clock.now();
  const due = await repo.overdueWithoutCandidate(deps.db, now, batch);
  let raised = 0;
  for (const { id } of due) {
    await write(deps.db, deps.clock, systemActor, async (tx, audit) => {
      const row = await cases.getRow(tx, id, true);
      // Re-checked under the lock: the case may have been completed or paused meanwhile.
      if (!row || !['in_progress', 'with_authority'].includes(row.status)) return;
      if (!row.deadline_at || row.deadline_at >= now) return;
      await raiseCandidate(tx, audit, row, 'open_overdue', now);
      raised += 1;
    }).catch((error: unknown) => {
      if (!(error instanceof Error && error.message.startsWith('write(): a change of state')))
        throw error;
    });
  }
  return raised;
}

export const list = (
  deps: Deps,
  centerId: number,
  q: { status?: ViolationCandidate['status']; page: number; pageSize: number },
) => repo.list(deps.db, centerId, q);

/** The assessment group confirms or dismisses a candidate, with its reason; a decision is final. */
export function decide(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: z.infer<typeof decideViolationBody>,
): Promise<ViolationCandidate> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const before = checkVersion(await repo.get(tx, id, true), body.version, (v) =>
      inScope(user, v.centerId),
    );
    if (before.status !== 'pending') throw new AppError('ALREADY_DECIDED');
    // Whoever decides must not be the person the candidate is about.
    const self = checkNotAboutSelf(before.staffId, user.staffId);
    if (!self.ok) throw new AppError(self.code);
    await repo.decide(tx, id, before.version, {
      status: body.decision === 'confirm' ? 'confirmed' : 'dismissed',
      by: user.id,
      byName: user.displayName,
      at: deps.clock.now(),
      reason: body.reason,
    });
    const after = (await repo.get(tx, id))!;
    if (body.decision === 'confirm')
      await findingFromCandidate(tx, audit, user, after, body.reason, deps.clock.now());
    const { evidence: _, ...beforeView } = before;
    const { evidence: __, ...afterView } = after;
    await audit({
      centerId: before.centerId,
      action: 'violation.decide',
      entityType: 'violation_candidate',
      entityId: id,
      before: beforeView,
      after: afterView,
    });
    return after;
  });
}
