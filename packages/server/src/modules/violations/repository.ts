import type { ViolationCandidate } from '@bianmin/contracts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { pageOf } from '../../db/page.ts';

type Db = Kysely<Database>;

function candidates(db: Db) {
  return db
    .selectFrom('violation_candidates as v')
    .innerJoin('cases as c', 'c.id', 'v.case_id')
    .leftJoin('service_items as i', 'i.id', 'c.item_id')
    .leftJoin('staff as s', 's.id', 'v.staff_id')
    .leftJoin('windows as w', 'w.id', 's.window_id')
    .selectAll('v')
    .select([
      'c.receipt_no',
      'i.name as item_name',
      's.name as staff_name',
      'w.name as window_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof candidates>['executeTakeFirstOrThrow']>>;

const viewOf = (r: Row): ViolationCandidate => ({
  id: r.id,
  centerId: r.center_id,
  caseId: r.case_id,
  receiptNo: r.receipt_no,
  itemName: r.item_name,
  staffId: r.staff_id,
  staffName: r.staff_name,
  windowName: r.window_name,
  kind: r.kind,
  assessmentItem: r.assessment_item,
  detectedAt: r.detected_at.toISOString(),
  deadlineAt: r.deadline_at.toISOString(),
  closedAt: r.closed_at?.toISOString() ?? null,
  status: r.status,
  decidedByName: r.decided_by_name,
  decidedAt: r.decided_at?.toISOString() ?? null,
  decisionReason: r.decision_reason,
  evidence: r.evidence,
  version: r.version,
});

export async function get(db: Db, id: number, lock = false) {
  const q = candidates(db).where('v.id', '=', id);
  const row = await (lock ? q.forUpdate('v') : q).executeTakeFirst();
  return row && viewOf(row);
}

export async function list(
  db: Db,
  centerId: number,
  q: { status?: ViolationCandidate['status']; page: number; pageSize: number },
) {
  let base = candidates(db).where('v.center_id', '=', centerId);
  if (q.status) base = base.where('v.status', '=', q.status);
  const { rows, total } = await pageOf(
    base,
    base.orderBy('v.detected_at', 'desc').orderBy('v.id', 'desc'),
    q,
  );
  return { items: rows.map(viewOf), total };
}

/** Inserts a candidate unless the case already has one; returns the new id or undefined. */
export async function insert(
  db: Db,
  v: {
    centerId: number;
    caseId: number;
    staffId: number | null;
    kind: 'open_overdue' | 'completed_late';
    detectedAt: Date;
    deadlineAt: Date;
    closedAt: Date | null;
    evidence: unknown;
  },
) {
  const row = await db
    .insertInto('violation_candidates')
    .values({
      center_id: v.centerId,
      case_id: v.caseId,
      staff_id: v.staffId,
      kind: v.kind,
      detected_at: v.detectedAt,
      deadline_at: v.deadlineAt,
      closed_at: v.closedAt,
      evidence: JSON.stringify(v.evidence),
    })
    .onConflict((oc) => oc.column('case_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function decide(
  db: Db,
  id: number,
  version: number,
  d: { status: 'confirmed' | 'dismissed'; by: number; byName: string; at: Date; reason: string },
) {
  await db
    .updateTable('violation_candidates')
    .set((eb) => ({
      status: d.status,
      decided_by_user_id: d.by,
      decided_by_name: d.byName,
      decided_at: d.at,
      decision_reason: d.reason,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', version)
    .execute();
}

/** Running cases past their deadline that have no candidate yet (the overdue sweep's work list). */
export async function overdueWithoutCandidate(db: Db, now: Date, limit: number) {
  return db
    .selectFrom('cases as c')
    .leftJoin('violation_candidates as v', 'v.case_id', 'c.id')
    .select('c.id')
    .where('c.status', 'in', ['in_progress', 'with_authority'])
    .where('c.deadline_at', '<', now)
    .where('v.id', 'is', null)
    .orderBy('c.deadline_at')
    .limit(limit)
    .execute();
}
