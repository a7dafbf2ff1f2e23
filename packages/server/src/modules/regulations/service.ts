import {
  FIELD_LABELS,
  type consultBody,
  type createRegulationBody,
  type newVersionBody,
  type PolicyFields,
  type RegulationVersion,
  type updateVersionBody,
} from '@bianmin/contracts';
import {
  checkPolicy,
  decidingTermsOn,
  shanghaiDateOf,
  toFen,
  type IsoDate,
  type PerformancePolicy,
  type TermsInForce,
} from '@bianmin/domain';
import type { Updateable } from 'kysely';
import type { z } from 'zod';
import { checkVersion, definedOnly } from '../../audit/change.ts';
import { write, type Actor, type Audit, type Tx } from '../../audit/write.ts';
import type { RegulationVersionsTable } from '../../db/schema.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { inScope } from '../../http/scope.ts';
import * as repo from './repository.ts';

const today = (deps: Deps) => shanghaiDateOf(deps.clock.now().getTime());

/** The structured policy of a version as the money rules read it. */
export function policyOf(
  versionId: number,
  effectiveFrom: string,
  p: PolicyFields,
): PerformancePolicy {
  return {
    id: `regulation-version-${versionId}`,
    effectiveFrom,
    monthlyAmountFen: toFen(p.monthlyAmount) ?? 0,
    deductionMonths: { county: p.countyMonths, city: p.cityMonths, province: p.provinceMonths },
    provinceCapsRating: p.provinceCapsRating,
    appealTermWorkingDays: p.appealTermWorkingDays,
    reportDecisionWorkingDays: p.reportDecisionWorkingDays,
    appealDecisionWorkingDays: p.appealDecisionWorkingDays,
    ratingContactWorkingDays: p.ratingContactWorkingDays,
    ratingFixWorkingDays: p.ratingFixWorkingDays,
  };
}

/** The policy's own checks: a rectification shorter than the call-back on its field, the rest as a whole. */
function checkPolicyFields(p: PolicyFields | null | undefined, effectiveFrom: string) {
  if (!p) return;
  const checked = checkPolicy(policyOf(0, effectiveFrom, p));
  if (checked.ok) return;
  if (checked.code === 'FIX_BEFORE_CONTACT')
    throw fieldError('FIX_BEFORE_CONTACT', 'policy.ratingFixWorkingDays', {
      'policy.ratingFixWorkingDays': FIELD_LABELS.ratingFixWorkingDays!,
    });
  throw fieldError('BAD_POLICY', 'policy');
}

async function auditVersion(tx: Tx, audit: Audit, action: string, before: unknown, id: number) {
  const after = (await repo.getVersionRow(tx, id))!;
  await audit({
    centerId: after.center_id,
    action,
    entityType: 'regulation_version',
    entityId: id,
    before,
    after,
  });
  return after;
}

async function insertVersion(
  tx: Tx,
  centerId: number,
  regulationId: number,
  seq: number,
  body: z.infer<typeof newVersionBody>,
  at: Date,
) {
  checkPolicyFields(body.policy, body.effectiveFrom);
  const { id } = await tx
    .insertInto('regulation_versions')
    .values({
      created_at: at,
      center_id: centerId,
      regulation_id: regulationId,
      seq,
      name: body.name,
      introduction: body.introduction,
      body: body.content,
      supplementary: body.supplementary,
      status: 'draft',
      effective_from: body.effectiveFrom,
      policy: JSON.stringify(body.policy),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export const list = (deps: Deps, centerId: number) => repo.list(deps.db, centerId, today(deps));

async function visible(deps: Deps, user: SessionUser, id: number, tx: Tx | null = null) {
  const row = await repo.getVersionRow(tx ?? deps.db, id, tx !== null);
  if (!row || !inScope(user, row.center_id)) throw new AppError('NOT_FOUND');
  // Drafts are the office's work in progress; staff see a version from its consultation on.
  if (row.status === 'draft' && !user.permissions.has('regulations.manage'))
    throw new AppError('NOT_FOUND');
  return row;
}

export async function get(deps: Deps, user: SessionUser, id: number): Promise<RegulationVersion> {
  return repo.view(deps.db, await visible(deps, user, id), user.id, today(deps));
}

export function create(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  centerId: number,
  body: z.infer<typeof createRegulationBody>,
): Promise<RegulationVersion> {
  return write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    const { id: regulationId } = await tx
      .insertInto('regulations')
      .values({ center_id: centerId, code: body.code, name: body.name, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = await insertVersion(tx, centerId, regulationId, 1, body, at);
    const row = await auditVersion(tx, audit, 'regulation.create', null, id);
    return repo.view(tx, row, user.id, today(deps));
  });
}

export function newVersion(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  regulationId: number,
  body: z.infer<typeof newVersionBody>,
): Promise<RegulationVersion> {
  return write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    const reg = await tx
      .selectFrom('regulations')
      .selectAll()
      .where('id', '=', regulationId)
      .forUpdate()
      .executeTakeFirst();
    if (!reg || !inScope(user, reg.center_id)) throw new AppError('NOT_FOUND');
    const last = await tx
      .selectFrom('regulation_versions')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('regulation_id', '=', regulationId)
      .executeTakeFirstOrThrow();
    const id = await insertVersion(
      tx,
      reg.center_id,
      regulationId,
      Number(last.seq ?? 0) + 1,
      body,
      at,
    );
    const row = await auditVersion(tx, audit, 'regulation.new_version', null, id);
    return repo.view(tx, row, user.id, today(deps));
  });
}

/** One step of a version's life, on the version the user read, from the statuses allowed. */
function step(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  expectedVersion: number | null,
  action: string,
  from: RegulationVersionsTable['status'][],
  change: (row: repo.VersionRow) => Updateable<RegulationVersionsTable>,
) {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const row = await visible(deps, user, id, tx);
    if (expectedVersion !== null) checkVersion(row, expectedVersion, () => true);
    if (!from.includes(row.status))
      throw new AppError('REGULATION_STATE', { details: { status: row.status } });
    await tx
      .updateTable('regulation_versions')
      .set((eb) => ({ ...change(row), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
    const after = await auditVersion(tx, audit, action, row, id);
    return repo.view(tx, after, user.id, today(deps));
  });
}

export function update(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: z.infer<typeof updateVersionBody>,
) {
  const { version, content, policy, effectiveFrom, ...rest } = body;
  return step(
    deps,
    user,
    actor,
    id,
    version,
    'regulation.update',
    ['draft', 'consultation'],
    (row) => {
      checkPolicyFields(
        policy === undefined ? (row.policy as PolicyFields | null) : policy,
        effectiveFrom ?? row.effective_from,
      );
      return {
        ...definedOnly(rest),
        ...(content === undefined ? {} : { body: content }),
        ...(effectiveFrom === undefined ? {} : { effective_from: effectiveFrom }),
        ...(policy === undefined ? {} : { policy: JSON.stringify(policy) }),
      };
    },
  );
}

/** 广泛征求员工意见: the draft goes out for comments until a date. */
export function consult(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: z.infer<typeof consultBody>,
) {
  if (body.until < today(deps)) throw fieldError('CONSULTATION_IN_PAST', 'until');
  return step(
    deps,
    user,
    actor,
    id,
    body.version,
    'regulation.consult',
    ['draft', 'consultation'],
    () => ({
      status: 'consultation',
      consultation_until: body.until,
    }),
  );
}

export function comment(deps: Deps, user: SessionUser, actor: Actor, id: number, text: string) {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const row = await visible(deps, user, id, tx);
    if (row.status !== 'consultation' || (row.consultation_until ?? '') < today(deps))
      throw new AppError('CONSULTATION_CLOSED');
    await tx
      .insertInto('regulation_comments')
      .values({
        version_id: id,
        user_id: user.id,
        author_name: user.displayName,
        body: text,
        at: deps.clock.now(),
      })
      .execute();
    await audit({
      centerId: row.center_id,
      action: 'regulation.comment',
      entityType: 'regulation_version',
      entityId: id,
      before: null,
      after: { comment: text },
    });
    return repo.view(tx, row, user.id, today(deps));
  });
}

/** 签署: by the responsible person, once the consultation is over. */
export function sign(deps: Deps, user: SessionUser, actor: Actor, id: number, version: number) {
  return step(deps, user, actor, id, version, 'regulation.sign', ['consultation'], (row) => {
    if ((row.consultation_until ?? '') >= today(deps)) throw new AppError('CONSULTATION_OPEN');
    return { status: 'signed', signed_by_name: user.displayName, signed_at: deps.clock.now() };
  });
}

/**
 * 发布: from then on the version never changes. It applies only from its effective date, which may
 * not lie before the day of publication (no rule changes backwards); two policies of one center may
 * not start on the same day.
 */
export function publish(deps: Deps, user: SessionUser, actor: Actor, id: number, version: number) {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const row = await visible(deps, user, id, tx);
    checkVersion(row, version, () => true);
    if (row.status !== 'signed')
      throw new AppError('REGULATION_STATE', { details: { status: row.status } });
    if (row.effective_from < today(deps)) throw fieldError('EFFECTIVE_IN_PAST', 'effectiveFrom');
    if (row.policy !== null) {
      const clash = await tx
        .selectFrom('regulation_versions')
        .select('id')
        .where('center_id', '=', row.center_id)
        .where('status', '=', 'published')
        .where('policy', 'is not', null)
        .where('effective_from', '=', row.effective_from)
        .executeTakeFirst();
      if (clash) throw fieldError('POLICY_DATE_TAKEN', 'effectiveFrom');
    }
    await tx
      .updateTable('regulation_versions')
      .set((eb) => ({
        status: 'published',
        published_at: deps.clock.now(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
    const after = await auditVersion(tx, audit, 'regulation.publish', row, id);
    return repo.view(tx, after, user.id, today(deps));
  });
}

/** 已阅: a staff member has read the published version. */
export function acknowledge(deps: Deps, user: SessionUser, actor: Actor, id: number) {
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const row = await visible(deps, user, id, tx);
    if (row.status !== 'published')
      throw new AppError('REGULATION_STATE', { details: { status: row.status } });
    const added = await tx
      .insertInto('regulation_acks')
      .values({ version_id: id, user_id: user.id, at: deps.clock.now() })
      .onConflict((oc) => oc.columns(['version_id', 'user_id']).doNothing())
      .returning('user_id')
      .executeTakeFirst();
    await audit({
      centerId: row.center_id,
      action: 'regulation.acknowledge',
      entityType: 'regulation_version',
      entityId: id,
      before: null,
      after: { userId: user.id, first: added !== undefined },
    });
    return repo.view(tx, row, user.id, today(deps));
  });
}

/** The published policies of a center, as the money rules read them. */
export async function policiesOf(deps: Deps | { db: Deps['db'] }, centerId: number) {
  const rows = await repo.publishedPolicies(deps.db, centerId);
  return rows.map((r) => policyOf(r.id, r.effective_from, r.policy as PolicyFields));
}

/**
 * The terms for deciding (reports, appeals, 差评 follow-ups) of the version in force on `date` —
 * the day of the event — or the defaults when the center has none in force then.
 */
export async function decidingTermsOf(
  deps: Deps | { db: Deps['db'] },
  centerId: number,
  date: IsoDate,
): Promise<TermsInForce> {
  return decidingTermsOn(await policiesOf(deps, centerId), date);
}
