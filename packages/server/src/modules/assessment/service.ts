import { createHash } from 'node:crypto';
import type { createInspectionBody, Finding, Inspection } from '@bianmin/contracts';
import { checkFindingDate, checkVoidFinding, shanghaiDateOf, type IsoDate } from '@bianmin/domain';
import type { z } from 'zod';
import { checkVersion } from '../../audit/change.ts';
import { write, type Actor, type Audit, type Tx } from '../../audit/write.ts';
import type { Deps, SessionUser } from '../../http/context.ts';
import { AppError, fieldError } from '../../http/errors.ts';
import { inScope } from '../../http/scope.ts';
import * as inbox from '../inbox/hooks.ts';
import { policiesOf } from '../regulations/service.ts';
import * as settlements from '../settlements/repository.ts';
import { evidenceFileName, sniff } from './evidence.ts';
import * as repo from './repository.ts';
import { canSee, visibleStaffIds } from './scope.ts';

/** The staff members named must be of the center. */
async function checkStaff(tx: Tx, centerId: number, ids: number[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await tx
    .selectFrom('staff')
    .select('id')
    .where('center_id', '=', centerId)
    .where('id', 'in', unique)
    .execute();
  const known = new Set(found.map((s) => s.id));
  const bad = ids.findIndex((id) => !known.has(id));
  if (bad >= 0) throw fieldError('NOT_FOUND', `findings.${bad}.staffId`);
}

/** An inspection with its findings, recorded by a member of the assessment group, in one transaction. */
export function recordInspection(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  centerId: number,
  body: z.infer<typeof createInspectionBody>,
): Promise<Inspection> {
  return write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    await checkStaff(
      tx,
      centerId,
      body.findings.map((f) => f.staffId),
    );
    await checkFindingDates(
      deps,
      tx,
      centerId,
      body.findings.map((f, i) => ({
        staffId: f.staffId,
        date: body.inspectedOn,
        dateField: 'inspectedOn',
        personField: `findings.${i}.staffId`,
      })),
    );
    const { id } = await tx
      .insertInto('inspections')
      .values({
        center_id: centerId,
        created_at: at,
        level: body.level,
        inspected_on: body.inspectedOn,
        inspectors: body.inspectors,
        note: body.note,
        recorded_by_user_id: user.id,
        recorded_by_staff_id: user.staffId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const made: { id: number; staffId: number; item: number }[] = [];
    for (const f of body.findings) {
      const findingId = await repo.insertFinding(tx, {
        center_id: centerId,
        staff_id: f.staffId,
        source: 'inspection',
        inspection_id: id,
        date: body.inspectedOn,
        level: body.level,
        // Only inspections by the county and above are circulated (通报).
        circulated: ['county', 'city', 'province'].includes(body.level) && f.circulated,
        item: f.item,
        description: f.description,
        serious: f.serious,
        recorded_by_user_id: user.id,
        recorded_by_staff_id: user.staffId,
        created_at: deps.clock.now(),
      });
      made.push({ id: findingId, staffId: f.staffId, item: f.item });
    }
    const created = (await repo.getInspection(tx, id))!;
    await audit({
      centerId,
      action: 'inspection.record',
      entityType: 'inspection',
      entityId: id,
      before: null,
      after: created,
    });
    for (const f of made)
      await inbox.findingRecorded(
        tx,
        audit,
        at,
        { ...f, centerId, date: body.inspectedOn, level: body.level },
        user.id,
      );
    return created;
  });
}

export const listInspections = (deps: Deps, centerId: number) =>
  repo.listInspections(deps.db, centerId);

export async function listFindings(
  deps: Deps,
  user: SessionUser,
  centerId: number,
  q: { staffId?: number; year?: number; page: number; pageSize: number },
) {
  return repo.listFindings(deps.db, centerId, await visibleStaffIds(deps.db, user), q);
}

async function visibleFinding(deps: Deps, user: SessionUser, id: number): Promise<Finding> {
  const found = await repo.getFinding(deps.db, id);
  if (!found || !inScope(user, found.centerId)) throw new AppError('NOT_FOUND');
  if (!canSee(await visibleStaffIds(deps.db, user), found.staffId)) throw new AppError('NOT_FOUND');
  return found;
}
export const getFinding = visibleFinding;

/** A confirmed overdue-case candidate becomes a finding under assessment item 6 (限时办结). */
export async function findingFromCandidate(
  tx: Tx,
  audit: Audit,
  user: SessionUser,
  candidate: {
    id: number;
    centerId: number;
    staffId: number | null;
    deadlineAt: string;
    receiptNo: string;
  },
  reason: string,
  at: Date,
) {
  if (candidate.staffId === null) return;
  const date = shanghaiDateOf(Date.parse(candidate.deadlineAt));
  await checkFindingDates({ clock: { now: () => at } }, tx, candidate.centerId, [
    { staffId: candidate.staffId, date, dateField: 'decision', personField: 'decision' },
  ]);
  const id = await repo.insertFinding(tx, {
    center_id: candidate.centerId,
    staff_id: candidate.staffId,
    source: 'overdue_case',
    violation_candidate_id: candidate.id,
    inspection_id: null,
    date,
    level: 'town',
    item: 6,
    description: `办件 ${candidate.receiptNo} 超过办结期限（考核小组确认：${reason}）`,
    recorded_by_user_id: user.id,
    recorded_by_staff_id: user.staffId,
    created_at: at,
  });
  await audit({
    centerId: candidate.centerId,
    action: 'finding.record',
    entityType: 'finding',
    entityId: id,
    before: null,
    after: await repo.getFinding(tx, id),
  });
  await inbox.findingRecorded(
    tx,
    audit,
    at,
    {
      id,
      centerId: candidate.centerId,
      staffId: candidate.staffId,
      date,
      level: 'town',
      item: 6,
    },
    user.id,
  );
}

/**
 * The date of each new finding, checked against its person before it is stored (decision 0014):
 * not after today, within the person's time in post, under the regulation. A date after today is
 * refused on `dateField`; a date outside the time in post on `personField` (the person, with both
 * dates said); a date before the regulation on `dateField`.
 */
export async function checkFindingDates(
  deps: Pick<Deps, 'clock'>,
  tx: Tx,
  centerId: number,
  entries: { staffId: number; date: IsoDate; dateField: string; personField: string }[],
) {
  if (entries.length === 0) return;
  const [people, policies] = await Promise.all([
    tx
      .selectFrom('staff')
      .select(['id', 'name', 'in_post_from', 'in_post_to'])
      .where(
        'id',
        'in',
        entries.map((e) => e.staffId),
      )
      .execute(),
    policiesOf({ db: tx }, centerId),
  ]);
  const today = shanghaiDateOf(deps.clock.now().getTime());
  for (const e of entries) {
    const p = people.find((x) => x.id === e.staffId);
    if (!p) throw fieldError('NOT_FOUND', e.personField);
    const inPost = { inPostFrom: p.in_post_from, inPostTo: p.in_post_to };
    const checked = checkFindingDate({ date: e.date, today, inPost, policies });
    if (checked.ok) continue;
    switch (checked.code) {
      case 'DATE_IN_FUTURE':
        throw dateError(checked.code, e.dateField, `${e.date} 晚于今天（${today}）`);
      case 'FINDING_NOT_IN_POST':
        throw dateError(
          checked.code,
          e.personField,
          `${p.name}的窗口在岗期间为 ${inPost.inPostFrom} 至 ${inPost.inPostTo ?? '今'}，` +
            `${e.date} 不在其中`,
          { staffId: p.id, date: e.date, ...inPost },
        );
      case 'NO_POLICY_IN_FORCE': {
        const first = checked.details?.firstEffectiveFrom;
        throw dateError(
          checked.code,
          e.dateField,
          typeof first === 'string'
            ? `${e.date} 早于绩效考核制度施行之日（${first}），该日的问题不计入考核`
            : '本中心尚未发布绩效考核办法',
        );
      }
    }
  }
}

/** A refusal on one field, its message ending with the particulars (who, which dates). */
function dateError(
  code: 'DATE_IN_FUTURE' | 'FINDING_NOT_IN_POST' | 'NO_POLICY_IN_FORCE',
  field: string,
  particulars: string,
  details: Record<string, unknown> = {},
): AppError {
  const base = fieldError(code, field).extra.fields?.[0];
  const message = `${base?.message ?? code}（${particulars}）`;
  return new AppError(code, {
    message,
    fields: [{ field, code, message }],
    details: { field, ...details },
  });
}

/**
 * Voids a finding entered by mistake (作废), with reasons: by a member of the group who neither
 * recorded it nor is its subject, while no approved settlement has taken it into account and the
 * rating of its year is not decided (domain `checkVoidFinding`). From then on it counts for nothing;
 * it stays on record, marked voided, with who, when and why, and the audit trail has both states.
 */
export function voidFinding(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  id: number,
  body: { version: number; reason: string },
): Promise<Finding> {
  return write(deps.db, deps.clock, actor, async (tx, audit, at) => {
    const before = checkVersion(await repo.getFinding(tx, id, true), body.version, (f) =>
      inScope(user, f.centerId),
    );
    const [recorder, appealPending, frozen, rated] = await Promise.all([
      repo.recorderOf(tx, id),
      repo.appealPendingOn(tx, id),
      settlements.frozenOf(tx, [before.staffId]),
      repo.isRated(tx, before.staffId, Number(before.date.slice(0, 4))),
    ]);
    const checked = checkVoidFinding({
      finding: {
        id: String(before.id),
        staffId: before.staffId,
        revoked: before.revoked,
        voided: before.voided !== null,
        recordedByUserId: recorder.recorded_by_user_id,
        recordedByStaffId: recorder.recorded_by_staff_id,
      },
      by: { userId: user.id, staffId: user.staffId },
      appealPending,
      frozen: (frozen.get(before.staffId) ?? []).map(settlements.domainOf),
      rated,
    });
    if (!checked.ok) {
      if (checked.code !== 'FINDING_SETTLED') throw new AppError(checked.code);
      const h = checked.details?.halfYear as { year: number; half: number } | undefined;
      throw new AppError('FINDING_SETTLED', {
        message: h
          ? `该问题已计入已审定的${h.year}年${h.half === 1 ? '上' : '下'}半年结算，不能再作废；` +
            '如有错误，请由本人申诉，在下一次结算中更正'
          : undefined,
        details: { ...checked.details },
      });
    }
    await repo.voidFinding(tx, id, before.version, {
      at,
      userId: user.id,
      staffId: user.staffId,
      name: user.displayName,
      reason: body.reason,
    });
    const after = (await repo.getFinding(tx, id))!;
    await audit({
      centerId: before.centerId,
      action: 'finding.void',
      entityType: 'finding',
      entityId: id,
      before: { ...before, evidence: before.evidence.map((e) => e.id) },
      after: { ...after, evidence: after.evidence.map((e) => e.id) },
    });
    return after;
  });
}

// ---- evidence ----

export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;

export function addEvidence(
  deps: Deps,
  user: SessionUser,
  actor: Actor,
  findingId: number,
  file: { name: string; declaredType: string; content: Buffer },
) {
  const type = sniff(file.content);
  if (type === null || type !== file.declaredType) throw new AppError('EVIDENCE_TYPE');
  if (file.content.length === 0 || file.content.length > EVIDENCE_MAX_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE');
  // A label only: named after what the bytes are, never what the name claims (http/download.ts).
  const name = evidenceFileName(file.name, type);
  return write(deps.db, deps.clock, actor, async (tx, audit) => {
    const finding = await repo.getFinding(tx, findingId, true);
    if (!finding || !inScope(user, finding.centerId)) throw new AppError('NOT_FOUND');
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    const { id } = await tx
      .insertInto('evidence_files')
      .values({
        center_id: finding.centerId,
        finding_id: findingId,
        file_name: name,
        media_type: type,
        size_bytes: file.content.length,
        sha256,
        content: file.content,
        uploaded_by_user_id: user.id,
        at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit({
      centerId: finding.centerId,
      action: 'finding.evidence_add',
      entityType: 'finding',
      entityId: findingId,
      before: null,
      after: {
        evidenceId: id,
        fileName: name,
        mediaType: type,
        sizeBytes: file.content.length,
        sha256,
      },
    });
    return (await repo.getFinding(tx, findingId))!;
  });
}

export async function getEvidence(deps: Deps, user: SessionUser, id: number) {
  const file = await repo.getEvidence(deps.db, id);
  if (!file || !inScope(user, file.center_id)) throw new AppError('NOT_FOUND');
  if (!canSee(await visibleStaffIds(deps.db, user), file.staff_id)) throw new AppError('NOT_FOUND');
  if (file.purged_at) throw new AppError('EVIDENCE_PURGED');
  return { ...file, content: Buffer.from(file.content) };
}
