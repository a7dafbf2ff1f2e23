import type { Appeal, createAppealBody, decideAppealBody } from '@bianmin/contracts';
import {
  appealDeadline,
  applyOutcome,
  checkAppealFiled,
  checkDecider,
  policyInForce,
  shanghaiDateOf,
  type Finding as DomainFinding,
} from '@bianmin/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { checkVersion } from '../../audit/change.ts';
import { write, type Actor } from '../../audit/write.ts';
import type { Database } from '../../db/schema.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { AppError, asErrorCode, fieldError } from '../../http/errors.ts';
import { inScope } from '../../http/scope.ts';
import * as findings from '../assessment/repository.ts';
import { visibleStaffIds } from '../assessment/scope.ts';
import { loadTermContext } from '../cases/term-context.ts';
import { policiesOf } from '../regulations/service.ts';

type Db = Kysely<Database>;

function refused(r: {
  code: string;
  field?: string;
  details?: Readonly<Record<string, unknown>>;
}): never {
  const code = asErrorCode(r.code);
  if (r.field && code === 'VALIDATION_FAILED') throw fieldError(code, r.field);
  throw new AppError(code, r.details ? { details: { ...r.details } } : {});
}

async function viewOf(db: Db, row: Awaited<ReturnType<typeof getRow>>): Promise<Appeal> {
  const f =
    row!.finding_id === null ? null : ((await findings.getFinding(db, row!.finding_id)) ?? null);
  const r = row!;
  return {
    id: r.id,
    centerId: r.center_id,
    staffId: r.staff_id,
    staffName: r.staff_name,
    subject: r.subject,
    findingId: r.finding_id,
    finding: f,
    reason: r.reason,
    filedAt: r.filed_at.toISOString(),
    deadlineOn: r.deadline_on,
    status: r.status,
    change: r.change,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at?.toISOString() ?? null,
    decisionReason: r.decision_reason,
    version: r.version,
  };
}

const appeals = (db: Db) =>
  db
    .selectFrom('appeals as a')
    .innerJoin('staff as s', 's.id', 'a.staff_id')
    .selectAll('a')
    .select('s.name as staff_name');

function getRow(db: Db, id: number, lock = false) {
  const q = appeals(db).where('a.id', '=', id);
  return (lock ? q.forUpdate('a') : q).executeTakeFirst();
}

const asDomain = (f: {
  id: number;
  staffId: number;
  date: string;
  level: DomainFinding['level'];
  circulated: boolean;
  item: number;
  revoked: boolean;
}): DomainFinding => ({
  id: String(f.id),
  personId: f.staffId,
  date: f.date,
  level: f.level,
  circulated: f.circulated,
  item: f.item as DomainFinding['item'],
  revoked: f.revoked,
});

/**
 * A staff member appeals one of his or her findings, within the term of the policy in force on the
 * finding's date, counted in working days from the day it was recorded.
 */
export function file(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  body: z.infer<typeof createAppealBody>,
): Promise<Appeal> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const finding = await findings.getFinding(tx, body.findingId, true);
    if (!finding || !inScope(user, finding.centerId)) throw fieldError('NOT_FOUND', 'findingId');
    if (user.staffId !== finding.staffId) throw new AppError('NOT_YOUR_FINDING');
    if (finding.revoked) throw new AppError('ALREADY_REVOKED');
    const pending = await tx
      .selectFrom('appeals')
      .select('id')
      .where('finding_id', '=', finding.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (pending) throw new AppError('APPEAL_PENDING');
    const recorded = await tx
      .selectFrom('findings')
      .select('created_at')
      .where('id', '=', finding.id)
      .executeTakeFirstOrThrow();
    const decisionDate = shanghaiDateOf(recorded.created_at.getTime());
    const policy = policyInForce(await policiesOf({ db: tx }, finding.centerId), finding.date);
    if (!policy.ok) throw new AppError('NO_POLICY_IN_FORCE');
    const { cal } = await loadTermContext(tx, finding.centerId);
    const deadline = appealDeadline(decisionDate, policy.value, cal);
    if (!deadline.ok) refused(deadline);
    const filed = checkAppealFiled(shanghaiDateOf(deps.clock.now().getTime()), deadline.value);
    if (!filed.ok) refused(filed);
    const { id } = await tx
      .insertInto('appeals')
      .values({
        center_id: finding.centerId,
        staff_id: finding.staffId,
        subject: 'finding',
        finding_id: finding.id,
        reason: body.reason,
        filed_at: deps.clock.now(),
        deadline_on: deadline.value.lastDay,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const view = await viewOf(tx, await getRow(tx, id));
    await audit({
      centerId: finding.centerId,
      action: 'appeal.file',
      entityType: 'appeal',
      entityId: id,
      before: null,
      after: { ...view, finding: null },
    });
    return view;
  });
}

export async function list(
  deps: Deps,
  user: SessionUser,
  centerId: number,
  q: { status?: Appeal['status'] | 'decided'; staffId?: number; page: number; pageSize: number },
) {
  const ids = await visibleStaffIds(deps.db, user);
  let base = appeals(deps.db).where('a.center_id', '=', centerId);
  if (ids !== null) base = base.where('a.staff_id', 'in', ids.length ? ids : [0]);
  if (q.status === 'decided') base = base.where('a.status', '<>', 'pending');
  else if (q.status) base = base.where('a.status', '=', q.status);
  if (q.staffId) base = base.where('a.staff_id', '=', q.staffId);
  const [rows, total] = await Promise.all([
    base
      .orderBy('a.filed_at', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: await Promise.all(rows.map((r) => viewOf(deps.db, r))),
    total: Number(total.n),
  };
}

/**
 * The assessment group decides an appeal — never the member who recorded the finding. A revoked or
 * changed finding flows into the next settlement as an adjustment, and a revoked province finding
 * lifts the rating cap it caused. A decision is final (the database refuses to change it).
 */
export function decide(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: z.infer<typeof decideAppealBody>,
): Promise<Appeal> {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const row = checkVersion(await getRow(tx, id, true), body.version, (r) =>
      inScope(user, r.center_id),
    );
    if (row.status !== 'pending') throw new AppError('ALREADY_DECIDED');
    const finding = await findings.getFinding(tx, row.finding_id!, true);
    if (!finding) throw new AppError('NOT_FOUND');
    if (user.staffId === null) throw new AppError('FORBIDDEN');
    if (user.staffId === row.staff_id) throw new AppError('FORBIDDEN');
    if (finding.recordedByStaffId !== null) {
      const decider = checkDecider(user.staffId, finding.recordedByStaffId);
      if (!decider.ok) refused(decider);
    }
    const outcome = applyOutcome(asDomain(finding), body.outcome, body.change);
    if (!outcome.ok) refused(outcome);
    const next = outcome.value;
    if (body.outcome !== 'upheld') {
      await tx
        .updateTable('findings')
        .set((eb) => ({
          revoked: next.revoked,
          level: next.level,
          circulated: next.circulated,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', finding.id)
        .execute();
      await audit({
        centerId: row.center_id,
        action: body.outcome === 'revoked' ? 'finding.revoke' : 'finding.change',
        entityType: 'finding',
        entityId: finding.id,
        before: finding,
        after: await findings.getFinding(tx, finding.id),
      });
    }
    await tx
      .updateTable('appeals')
      .set((eb) => ({
        status: body.outcome,
        change: JSON.stringify(body.change ?? null),
        decided_by_user_id: user.id,
        decided_by_name: user.displayName,
        decided_at: deps.clock.now(),
        decision_reason: body.reason,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
    const view = await viewOf(tx, await getRow(tx, id));
    await audit({
      centerId: row.center_id,
      action: 'appeal.decide',
      entityType: 'appeal',
      entityId: id,
      before: { ...(await viewOf(tx, row)), finding: null, status: 'pending' },
      after: { ...view, finding: null },
    });
    return view;
  });
}
